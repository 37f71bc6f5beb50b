"""Layouts met on the blind pages of batch BA, each on a small invented page: a county
weekly hard-wrapped at a narrow column, whose briefs' run-in heads (bulleted, in square
brackets, or over a dateline) wrap onto the next printed line."""

from __future__ import annotations

import pytest
from support import assert_accounted, block_texts, segment_lines, titled, wrap

from site_builder.ingest.lines import read_units
from site_builder.ingest.segment import segment_page
from site_builder.ingest.wrapped import column_width

COLUMN = 13


def _wrap(text: str, indent: str = "　　") -> list[str]:
    return wrap(text, COLUMN, indent)


LEAD = (
    "本报讯 连日来，某县各乡镇抢抓土壤解冻的有利时机，组织群众整地施肥、调运农资，"
    "全面开展春播备耕工作，确保不误农时。县农业部门组织技术人员深入田间地头，"
    "开展技术指导和农资检查，帮助群众解决生产中遇到的实际困难和问题。"
)
MORE = (
    "据了解，今年全县计划落实粮食播种面积一百二十万亩，其中玉米四十万亩、马铃薯三十万亩，"
    "县里还组建农机作业服务队五十余支，为留守老人和脱困户提供耕地、播种、覆膜一条龙服务。"
)
ITEMS = [
    (
        "■甲乙镇：良种送到农户家门口",
        "近日，甲乙镇调运脱毒种薯两百吨，以村为单位分发到种植户手中，确保种薯下得去、长得好。",
    ),
    (
        "■丙丁镇：“积分超市”激发治理活力",
        "丙丁镇在全镇推行“积分超市”，群众参与环境整治可获积分兑换生活用品，参与热情明显提高。",
    ),
    (
        "【县医保局：慢病备案可“掌上办”】",
        "本报讯 近日，县医保局开通门诊慢特病线上备案功能，参保群众上传材料后即可享受待遇。",
    ),
]


def _page() -> list[str]:
    lines = ["全县春播备耕全面铺开", *_wrap(LEAD), *_wrap(MORE), "乡镇传真"]
    for head, text in ITEMS:
        # (the head runs into its text, with a space after it unless it ends in a bracket)
        lines += _wrap(head + ("" if head.endswith("】") else " ") + text)
    return lines


def test_a_narrow_wrapped_page_is_read_as_wrapped() -> None:
    columns = column_width("\n".join(_page()) + "\n")
    assert columns is not None and set(columns.values()) == {COLUMN}


def test_a_run_in_head_wrapped_onto_the_next_line_is_its_brief_title() -> None:
    seg = segment_lines(_page(), "\n")
    titles = [a.title for a in seg.articles]
    assert titles == [
        "全县春播备耕全面铺开",
        "甲乙镇：良种送到农户家门口",
        "丙丁镇：“积分超市”激发治理活力",
        "县医保局：慢病备案可“掌上办”",
    ]
    first, second, third = seg.articles[1:]
    assert block_texts(first) == [ITEMS[0][1]]
    assert block_texts(second) == [ITEMS[1][1]]
    # (the text under a bracketed head opens with its dateline)
    assert third.dateline is not None and block_texts(third)[0].endswith("即可享受待遇。")
    assert first.kind == "brief" and first.column == "乡镇传真"


def test_on_a_wrapped_page_a_line_wider_than_the_column_keeps_its_run_in_head() -> None:
    # A box of briefs, each on one long line, on a page otherwise wrapped.
    box = [
        "■某路夜间封闭施工　因管网改造需要，本月每晚二十二时至次日五时某路将全封闭施工。",
        "■某区新增十二处口袋公园　记者从区住建局获悉，去年该区利用边角地新建改建口袋公园。",
    ]
    text = "\n".join(_page() + box) + "\n"
    units = read_units(text, column_width(text))
    assert [u.kind for u in units if u.line > len(_page())] == ["head", "para"] * 2
    # …while a line of the column's width is never split: it holds a piece of a head or
    # of a text (its heads are read in whole blocks once the lines are joined).
    assert [u.line for u in units[:-4]] == list(range(1, len(_page()) + 1))


def test_poems_under_a_label_each_with_title_and_poet_are_articles_of_their_own() -> None:
    # A supplement's essay cut by a poetry corner: a label, then two poems, each a flush
    # title and poet's name over indented verse lines; the essay goes on after them.
    lines = [
        "老屋的门槛",
        "■ 某作者",
        "　　外婆家的老屋在一个小村子里，三进的院落，一进门便是天井，",
        "诗苑",
        "山村小记",
        "某甲",
        "　　溪水绕过白墙",
        "　　把一村的倒影",
        "　　洗得发亮",
        "　　桥上坐着的老人",
        "　　和桥一样老",
        "雨中茶山",
        "某乙",
        "　　雨落在茶山上",
        "　　一垄一垄地绿下去",
        "　　采茶的人戴着斗笠",
        "　　把整个春天装进背篓",
        "天井四周是木格窗，雕着花鸟，外婆说那是她出嫁那年刷过漆的。",
        "　　如今外婆不在了，老屋也空了许多年，门槛却还是那样光滑。",
    ]
    seg = segment_lines(lines, "\n")
    first, second = titled(seg, "山村小记"), titled(seg, "雨中茶山")
    assert first.authors == ["某甲"] and first.column == "诗苑"
    assert block_texts(first) == [line.strip() for line in lines[6:11]]
    assert second.authors == ["某乙"] and second.column == "诗苑"
    assert block_texts(second) == [line.strip() for line in lines[13:17]]
    essay = titled(seg, "老屋的门槛")
    assert block_texts(essay)[0].endswith("刷过漆的。")


def test_a_classified_notice_and_its_headings_are_furniture() -> None:
    lines = [
        "小区电梯停运一个月",
        "本报讯（记者 某甲）某小区电梯停运一个月，八楼的老人下不了楼，物业称维修资金仍在申请。",
        "分类广告",
        "遗失声明",
        "某市某区某五金经营部遗失营业执照副本，声明作废。",
        "某某某遗失某职业技术学院毕业证书，证书编号1234567890，声明作废。",
    ]
    seg = segment_lines(lines)
    assert [a.title for a in seg.articles] == ["小区电梯停运一个月"]
    assert {n.line for n in seg.noise} == {5, 7, 9, 11}
    assert all(n.reason.endswith("classified notice") for n in seg.noise)


WRITERS = ["周晓岚", "刘建华", "林青松"]


def test_on_a_wrapped_page_a_clusters_label_vouches_for_its_items_heads() -> None:
    # Under a label, unbulleted items: a title, a space, and text opening with a date
    # that wraps onto the next line; each closed by its writer's name in brackets.
    items = [
        (
            "某乡义务植树添新绿",
            "3月8日，某乡组织干部群众一百余人在乡道两侧开展义务植树活动，栽下苗木两千余株。",
        ),
        (
            "某镇开展春季防火演练",
            "近日，某镇在某村开展森林防火应急演练，镇专业扑火队和村级巡山员六十余人参加。",
        ),
        (
            "某乡举办返乡青年座谈会",
            "3月5日，某乡邀请十五名返乡创业青年座谈，现场为三名青年协调解决了用地问题。",
        ),
    ]
    lines = ["全县春播备耕全面铺开", *_wrap(LEAD), *_wrap(MORE), "乡镇动态"]
    for (head, text), name in zip(items, WRITERS, strict=True):
        lines += [*_wrap(head + "　" + text), f"（{name}）"]
    seg = segment_lines(lines, "\n")
    assert [a.title for a in seg.articles[1:]] == [head for head, _ in items]
    assert [block_texts(a) for a in seg.articles[1:]] == [[text] for _, text in items]
    assert [a.authors for a in seg.articles[1:]] == [[name] for name in WRITERS]


def test_on_a_wrapped_page_a_short_unpunctuated_line_under_a_full_one_may_head_a_poem() -> None:
    # The essay's column ends on a full line cut mid-sentence; under it, a group poem's
    # title and poet: short lines ending no sentence, not the essay's last line.
    essay = _wrap(LEAD + MORE + LEAD)
    assert len(essay[-3]) == COLUMN
    verse = [
        "稻田",
        "把阳光一粒一粒收回来",
        "父亲弯下的腰",
        "是秋天最低的那道门槛",
        "风从田埂上走过",
    ]
    lines = ["全县春播备耕全面铺开", *essay[:-2], "秋天的几种写法（组诗）", "林　樾", *verse]
    assert set((column_width("\n".join(lines)) or {}).values()) == {COLUMN}
    seg = segment_lines(lines, "\n")
    poem = titled(seg, "秋天的几种写法（组诗）")
    assert poem.authors == ["林樾"] and block_texts(poem)[-4:] == verse[1:]
    assert "组诗" not in "".join(block_texts(seg.articles[0]))


def test_a_page_may_wrap_its_columns_at_several_widths() -> None:
    # One story set in columns of 14 characters, the next in columns of 18: each line is
    # measured against its own column, so both stories' lines go on in the lines under.
    def wrap_at(text: str, width: int) -> list[str]:
        return [text[k : k + width] for k in range(0, len(text), width)]

    narrow = wrap_at(LEAD + MORE + LEAD, 14)
    # (the second story opens with its dateline: a heading between two paragraphs and
    # no dateline under it may be a subhead of the first)
    wide = wrap_at(LEAD + MORE + MORE, 18)
    lines = ["全县春播备耕全面铺开", *narrow, "农机服务队送技术下乡", *wide]
    columns = column_width("\n".join(lines) + "\n")
    assert columns is not None
    assert columns[3] == 14 and columns[len(lines) - 3] == 18
    seg = segment_lines(lines, "\n")
    assert [len(block_texts(a)) for a in seg.articles] == [1, 1]


HEADED_ITEM = ["　　■某镇办起夜校 群众学技", "术热情高，报名的有三百多", "人。"]


@pytest.mark.parametrize(
    "text",
    [
        # A bracketed run-in head under a short text: not that text's trailing headline.
        "一一一一\n一一。\n一一一一\n一七。\n【一一一一一七】一一。\n一一一一\n一一。\n",
        # …nor does a headline printed after a run-in item's text take that text.
        "一一一一\n　　本报讯(记者 王一)\n一一，一七。\n一一一一\n一一。\n【一一一一一七】一一。\n"
        "一一一一\n一一。\n",
        # On a wrapped page, a bulleted run-in head under a headline group stays whole.
        "\n".join([*_page()[:-6], "——副题一二三四五六", *HEADED_ITEM]) + "\n",
    ],
)
def test_a_run_in_head_and_its_text_stay_in_one_article(text: str) -> None:
    assert_accounted(text, segment_page(text, "x"))


def test_on_a_wrapped_page_a_short_line_no_heading_opens_goes_on_the_line_above() -> None:
    # A column's last printed line, short and unpunctuated, opens with a particle (的…):
    # it goes on the sentence above, it is no kicker over the next story's title.
    story = _wrap(LEAD + MORE + LEAD)
    lines = [
        "全县春播备耕全面铺开",
        *story[:-1],
        "的农机手，三人合力",
        "某县新建农机服务中心",
        *_wrap("本报讯 近日，某县农机服务中心在城郊建成投用，可同时停放维修大型农机四十余台。"),
    ]
    seg = segment_lines(lines, "\n")
    assert "的农机手，三人合力" in "".join(block_texts(seg.articles[0]))
    second = titled(seg, "某县新建农机服务中心")
    assert second.kicker is None
