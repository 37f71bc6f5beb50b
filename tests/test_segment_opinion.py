"""Layouts of theory and opinion pages: a long piece in numbered sections whose last
columns are printed after a reader's letter, the letter's label, note and signature."""

from __future__ import annotations

import pytest
from support import assert_accounted

from site_builder.ingest import grammar as gr
from site_builder.ingest.lines import read_units
from site_builder.ingest.person_names import name_like
from site_builder.ingest.segment import segment_page

THEORY = [
    "把资源优势转化为发展优势",
    "■ 乌日娜　张  毅",
    "山地是本地最大的生态本底，也是广大群众赖以生存的家园。",
    "一、深刻把握保护与增收的统一",
    "保护与增收并不是非此即彼的关系，两者可以相互促进。",
    "二、以科学利用为导向完善制度",
    "制度的关键在于科学确定载畜量，并且因地制宜。",
    "此外，还应健全基层的监管力量，通过定向培养、技能培训等方式提升",
]
LETTER = [
    "读者来信",
    "本版“读者来信”栏目今起恢复刊发，欢迎广大读者来信。",
    "——编  者",
    "建议在山区增设流动医疗服务点",
    "编辑同志：",
    "我是山区的一名牧民，家住在离镇上八十多公里的草场，看病要走很远的路。",
    "某某自治旗　赵红梅",
]
REST = [
    "其履职能力，并将报酬与巡查实效挂钩，真正做到有人管、管得好。",
    "三、以产业融合为路径",
    "单纯依靠出售活畜，收入受市场价格波动影响较大。",
    "（作者单位：某某研究院）",
]


def test_a_piece_in_numbered_sections_resumes_after_a_letter_printed_inside_it() -> None:
    page = "\n\n".join(THEORY + LETTER + REST) + "\n"
    seg = segment_page(page, "x")
    theory, letter = seg.articles
    assert theory.title == THEORY[0] and theory.authors == ["乌日娜", "张毅"]
    texts = [b.text for b in theory.blocks]
    # The cut sentence goes on with 其…, not with the article's own first paragraph.
    assert THEORY[-1] + REST[0] in texts
    assert texts[0] == THEORY[2]
    assert REST[1] in texts and theory.affiliation == "某某研究院"
    assert letter.title == LETTER[3] and letter.column == "读者来信"
    assert letter.authors == ["赵红梅"]
    assert [b.text for b in letter.blocks][:2] == [LETTER[1], LETTER[2]]
    assert_accounted(page, seg)


def test_a_letters_signature_gives_the_name_and_closes_it() -> None:
    (unit,) = read_units("某某自治旗　赵红梅")
    assert unit.kind == "byline" and unit.credit == ("赵红梅",) and unit.closes


@pytest.mark.parametrize(
    ("start", "opens"),
    [("其履职能力，并将", False), ("其中，三个乡镇", True), ("其实，这并不难", True)],
)
def test_a_bare_qi_continues_a_sentence(start: str, opens: bool) -> None:
    assert (gr.CANNOT_OPEN.match(start) is None) is opens


@pytest.mark.parametrize(
    ("line", "name"), [("拓宽牧民增收渠道", False), ("麻建军", True), ("格桑德吉", True)]
)
def test_a_clause_of_frequent_words_is_no_name(line: str, name: bool) -> None:
    assert name_like(line) is name


@pytest.mark.parametrize("label", ["学思践悟", "以案释法", "城事"])
def test_a_name_shaped_word_over_a_title_names_a_column(label: str) -> None:
    page = f"{label}\n\n在小切口中做好大文章\n\n□ 王  蕾\n\n基层治理千头万绪，要从小事做起。\n"
    (article,) = segment_page(page, "x").articles
    assert article.column == label and article.kicker is None
    assert article.title == "在小切口中做好大文章"


def test_a_padded_name_over_a_title_stays_a_name() -> None:
    page = "文化观察\n\n薛  婷\n\n在小切口中做好大文章\n\n基层治理要从小事做起。\n"
    (article,) = segment_page(page, "x").articles
    assert article.column == "文化观察" and article.kicker is None
    assert article.authors == ["薛婷"]


def test_a_signature_after_a_text_is_no_kicker_of_the_next_headline() -> None:
    page = (
        "改革要有耐心\n\n改革越往深处走，越需要耐心和定力。\n\n张  远\n\n"
        "跨省通办事项增至312项\n\n新华社武汉1月5日电 记者从有关方面获悉，跨省通办事项增至312项。\n"
    )
    commentary, news = segment_page(page, "x").articles
    assert commentary.authors == ["张远"]
    assert news.kicker is None and news.title == "跨省通办事项增至312项"


def test_names_alone_in_brackets_close_the_text_above() -> None:
    (unit,) = read_units("(刘  畅)")
    assert unit.kind == "byline" and unit.credit == ("刘畅",) and unit.closes
    (source,) = read_units("（本报记者 邓  悦）")
    assert source.credit == ("邓悦",)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("南昌市东湖区  退休教师  万国平", "万国平"),
        ("某某财经大学学生  周子涵", "周子涵"),
        ("九江市濂溪区  居民  曹  磊", "曹磊"),
    ],
)
def test_a_readers_signature_gives_the_name(line: str, name: str) -> None:
    (unit,) = read_units(line)
    assert unit.kind == "byline" and unit.credit == (name,) and unit.closes


def test_a_letters_signature_in_brackets_gives_the_name_and_closes_it() -> None:
    (unit,) = read_units("（某某县　王建国）")
    assert unit.kind == "byline" and unit.credit == ("王建国",) and unit.closes


def test_reader_comments_each_signed_under_their_text() -> None:
    page = (
        "读者论坛\n\n老年食堂要算好长久账\n\n近来不少社区办起了老年食堂，饭菜可口，价格实惠。\n\n"
        "南昌市东湖区  退休教师  万国平\n\n让青年愿意回乡\n\n我是一名大学生，想回家乡工作。\n\n"
        "某某财经大学学生  周子涵\n"
    )
    first, second = segment_page(page, "x").articles
    assert (first.title, first.authors) == ("老年食堂要算好长久账", ["万国平"])
    assert (second.title, second.authors, second.kicker) == ("让青年愿意回乡", ["周子涵"], None)


def test_a_short_heading_right_under_the_byline_is_the_first_subhead() -> None:
    page = [
        "以案说法",
        "微信群里转发“内部消息”要担责吗",
        "■ 李  婷",
        "案情回顾",
        "某小区业主群里，业主赵某转发了一条未经核实的消息，称小区将被征收。",
        "赵某辩称，消息不是自己编造的，只是转发。",
        "法官说法",
        "民法典规定，民事主体的名誉权受法律保护。",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    (article,) = seg.articles
    assert (article.title, article.authors) == (page[1], ["李婷"])
    assert [b.text for b in article.blocks if b.type == "h"] == [page[3], page[6]]
    assert_accounted(text, seg)


def test_a_letter_under_its_column_label_with_its_title_printed_last_stays_one() -> None:
    lines = [
        "家长来信",
        "尊敬的林老师：",
        "您好！我是七年级（3）班学生陈可馨的妈妈，提笔给您写信，是想说一声迟到的谢谢。",
        "可馨上小学时因为口吃，在班上很少开口，是您让她一点点敢在同学面前说话。",
        "此致",
        "敬礼！",
        "七年级（3）班学生家长　周　敏",
        "谢谢您，蹲下来听孩子说话的老师",
        "责任编辑：宋  琳",
    ]
    page = "\n\n".join(lines) + "\n"
    seg = segment_page(page, "x")
    (letter,) = seg.articles
    assert letter.title == lines[7] and letter.column == lines[0]
    assert letter.authors == ["周敏"]
    assert [b.text for b in letter.blocks] == lines[1:6]
    assert_accounted(page, seg)


def test_a_short_commentary_under_its_genre_label_after_a_report_is_its_own() -> None:
    lines = [
        "冰雪季开启 各地冰雪消费持续升温",
        "本报记者 韩晓雪",
        "入冬以来，多地雪场提前开板，冰雪专列陆续加开，冰雪旅游迎来客流高峰。",
        "业内人士认为，随着冰雪运动群众基础不断扩大，冰雪消费的潜力还将进一步释放。",
        "短评",
        "让冰雪“冷资源”持续释放“热效应”",
        "雪场提前开板、冰雪专列加开，冰雪季的“热”，折射出冰雪消费的旺盛需求。",
    ]
    page = "\n\n".join(lines) + "\n"
    seg = segment_page(page, "x")
    report, comment = seg.articles
    assert [b.text for b in report.blocks] == lines[2:4]
    assert comment.title == lines[5] and comment.column == "短评"
    assert [b.text for b in comment.blocks] == lines[6:]
    assert_accounted(page, seg)


def test_a_columns_name_after_a_closing_credit_opens_the_next_article() -> None:
    # text, (credit), its headline printed last, then 记者手记 / title / text / (credit):
    # the reporter's note is an article of its own under its column.
    lines = [
        "本报讯　近日，在某县马鬃岭村的蔬菜基地里，村民们正忙着采收蔬菜，装车运往城区的超市。",
        "“以前种菜最怕卖不出去，现在签了合同，心里有底了。”村民老黄一边装车一边说。",
        "（通讯员　覃　雯　周　亮）",
        "某县：产销对接让菜农“种得安心”",
        "记者手记",
        "一纸合同背后的“稳”字",
        "在马鬃岭村采访时，记者发现，菜农谈得最多的不是价格，而是一个“稳”字。",
        "（覃　雯）",
    ]
    page = "\n\n".join(lines) + "\n"
    seg = segment_page(page, "x")
    report, note = seg.articles
    assert report.title == lines[3] and report.authors == ["覃雯", "周亮"]
    assert note.title == lines[5] and note.column == lines[4]
    assert [b.text for b in note.blocks] == [lines[6]]
    assert_accounted(page, seg)


def test_a_dashed_subtitle_goes_with_the_title_printed_after_its_text() -> None:
    lines = [
        "记者近日走进一家船舶配件企业，车间里机器轰鸣，工人们正在打磨新一批螺旋桨。",
        "本报记者 黄  蕾",
        "小螺旋桨转出大市场",
        "——一家船舶配件企业的转型之路",
        "海洋牧场里“种”出新产业",
        "本报记者 方  舟",
        "清晨，渔民驾船驶向海洋牧场，投放新一批贝苗，海面上的浮球连成一片。",
    ]
    page = "\n\n".join(lines) + "\n"
    seg = segment_page(page, "x")
    first, second = seg.articles
    assert (first.title, first.subtitle) == (lines[2], lines[3])
    assert second.title == lines[4] and second.kicker is None
    assert_accounted(page, seg)


@pytest.mark.parametrize(("line", "name"), [("周立衡　著", "周立衡"), ("张远 文", "张远")])
def test_a_name_before_the_word_for_writing_is_a_byline(line: str, name: str) -> None:
    (unit,) = read_units(line)
    assert unit.kind == "byline" and unit.credit == (name,)
