"""Layouts of photo pages: a text article's own photo printed after its closing credit,
with a photo item between; a credit printed above its caption, the title after it."""

from __future__ import annotations

from support import assert_accounted

from site_builder.ingest.segment import segment_page

PAGE = [
    "十二处口袋公园扮靓老城",
    "本报讯 近日，随着几处地块改造完工，某区今年建设的十二处口袋公园全部开放。",
    "改造前，这里是一块堆放杂物的空坝子，街道把这里规划成小游园，保留了原有的两棵",
    "山地越野赛道开跑",
    "3月8日，山地越野挑战赛试跑活动在某镇举行，选手在山间奔跑。周  凯 摄",
    "老黄葛树，沿树池砌起可供歇脚的石凳，附近居民每天都来坐坐。",
    "（本报记者 田  野 通讯员 冉  静）",
    "改造后的口袋公园成了附近居民休闲的好去处。",
    "本报记者 田  野 摄",
    "本报记者 潘  颖 摄",
    "3月10日，某镇的茶园里，采茶工正在采摘明前茶。",
    "明前新茶上市",
    "樱花映古镇",
    "3月11日，游客在某古寨赏樱花，拍照留念。",
    "黄  蕾 摄",
]


def test_own_photos_and_photos_printed_credit_caption_title() -> None:
    text = "\n\n".join(PAGE) + "\n"
    seg = segment_page(text, "x")
    by_title = {a.title: a for a in seg.articles}
    parks = by_title[PAGE[0]]
    texts = [b.text for b in parks.blocks]
    # The cut sentence goes on after the photo item printed inside it (两棵|老黄葛树).
    assert PAGE[2] + PAGE[5] in texts
    # Its own photo, credited to its reporter, is its last paragraph.
    assert texts[-1].startswith(PAGE[7]) and parks.authors == ["田野", "冉静"]
    tea = by_title["明前新茶上市"]
    assert tea.authors == ["潘颖"] and [b.text for b in tea.blocks] == [PAGE[10]]
    blossom = by_title["樱花映古镇"]
    assert blossom.authors == ["黄蕾"] and blossom.kicker is None
    assert_accounted(text, seg)
