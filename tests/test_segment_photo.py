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


def test_a_title_less_photo_goes_to_the_article_whose_text_it_speaks_of() -> None:
    page = (
        "某县光伏园区并网发电\n\n本报讯 近日，某县光伏园区并网发电，园区光伏组件全部投运。\n\n"
        "园区相关负责人表示，下一步将扩建光伏组件生产线。\n\n"
        "运维人员在检查光伏组件接线情况。\n\n何  鹏  摄\n\n"
        "冬季供暖保障有力\n\n本报讯 入冬以来，某市供热企业加强管网巡检，确保居民温暖过冬。\n"
    )
    seg = segment_page(page, "x")
    solar, heating = seg.articles
    assert [b.text for b in solar.blocks][-1].startswith("运维人员在检查光伏组件接线情况。")
    # The photographer of an article's own photo is not one of its authors.
    assert solar.authors == [] and heating.title == "冬季供暖保障有力"
    assert_accounted(page, seg)


def test_a_photo_no_neighbour_speaks_of_stays_a_photo_of_its_own() -> None:
    page = (
        "冬季供暖保障有力\n\n本报讯 入冬以来，某市供热企业加强管网巡检，确保居民温暖过冬。\n\n"
        "游客在古镇赏樱花。\n\n黄  蕾 摄\n"
    )
    heating, photo = segment_page(page, "x").articles
    assert photo.kind == "photo" and photo.authors == ["黄蕾"]
    assert len(heating.blocks) == 1
