"""The layout simulator, the learned heading model, and the closed-class line shapes that
came with them (padded names, bracketed closing credits, run-in heads)."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import assert_accounted

from site_builder.ingest import patterns as pt
from site_builder.ingest import subheads
from site_builder.ingest.headlines import OPENS
from site_builder.ingest.learn.align import align
from site_builder.ingest.learn.simulate import simulate
from site_builder.ingest.learn.sources import gold_files, pool, scored_gold_files
from site_builder.ingest.lines import read_units
from site_builder.ingest.roles import heading_model
from site_builder.ingest.segment import segment_page
from site_builder.ingest.subheads import HeadingBetween

ROOT = Path(__file__).resolve().parent.parent
GOLD = gold_files()
POOL = pool()


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
@example(136)  # a note signed at a column end under a titled, signed piece (once lost two lines)
@example(276)  # a poem under a label: its last line was also read as the next kicker
def test_simulated_pages_lose_nothing(seed: int) -> None:
    page = simulate(POOL, seed)
    assert_accounted(page.text, segment_page(page.text, "simulated"))


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_simulator_keeps_every_character_of_its_articles(seed: int) -> None:
    page = simulate(POOL, seed)
    fields = ("column", "kicker", "title", "subtitle")
    text = "".join(
        "".join(a.get(k) or "" for k in fields) + "".join(b["text"] for b in a["blocks"])
        for a in page.gold["articles"]
    )

    def chars(s: str) -> Counter[str]:
        return Counter(c for c in unicodedata.normalize("NFKC", s) if not c.isspace())

    # Every character of the articles is printed; bylines and furniture come on top.
    assert not chars(text) - chars(page.text)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_simulator_records_true_joins(seed: int) -> None:
    page = simulate(POOL, seed)
    lines = page.text.split("\n")
    for end, start in page.joins:
        # A cut piece and the piece that goes on with it, printed apart.
        assert page.lines[end].cut and page.lines[start].cont
        assert page.lines[end].key == page.lines[start].key and end != start
        assert lines[end - 1] and lines[start - 1]


def test_alignment_finds_every_cut_of_a_real_page() -> None:
    path = ROOT / "tests" / "fixtures" / "pages" / "blind" / "qiangtang_01.expected.json"
    units = read_units(path.with_name("qiangtang_01.txt").read_text("utf-8"))
    joins, heading = align(units, json.loads(path.read_text("utf-8")))
    fragments = [i for i, u in enumerate(units) if u.kind == "para" and u.fragment]
    assert fragments and all(f in joins for f in fragments)
    assert any(heading.values()) and not all(heading.values())


def test_heading_model_was_trained_on_the_gold_files_as_they_are() -> None:
    """Changing a gold file means retraining (python -m site_builder.ingest.learn.train)."""
    record = json.loads((ROOT / "site_builder/ingest/data/heading_model.json").read_text("utf-8"))
    recorded = {s["path"]: s["sha256"] for s in record["sources"]}
    current = {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in GOLD}
    assert recorded == current


def test_subhead_model_was_trained_on_the_scored_gold_files_as_they_are() -> None:
    """Changing a gold file means retraining the model (learn/train_subheads.py)."""
    record = json.loads((ROOT / "site_builder/ingest/data/subhead_model.json").read_text("utf-8"))
    recorded = {s["path"]: s["sha256"] for s in record["sources"]}
    current = {
        str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in scored_gold_files()
    }
    assert recorded == current
    # (every feature the walk computes has a weight: none was added after the training)
    seen = HeadingBetween("某某", ["正文。"], 0.1, 0.1, 0.1, 1, 2)
    assert set(subheads.features(seen)) == set(record["weights"])


def test_a_line_over_a_lede_that_leaves_the_article_above_heads_another_article() -> None:
    model = subheads.subhead_model()
    lede = HeadingBetween(
        "市科技馆寒假推出20场科学实验秀",
        ["近日，市科技馆推出寒假科学实验秀，共20场。"],
        speaks_of_under=0.3,
        under_goes_on=0.0,
        speaks_of_above=0.0,
        subheads=0,
        paragraphs=4,
    )
    assert model.headline_probability(lede) >= OPENS
    # The same line in a series of subheads, over text that goes on with the article: a subhead.
    series = HeadingBetween(
        "从“看天做茶”到“按数做茶”",
        ["茶园里装上了传感器，温度湿度一目了然。", "茶农说，现在做茶心里有数了。"],
        speaks_of_under=0.05,
        under_goes_on=0.12,
        speaks_of_above=0.04,
        subheads=1,
        paragraphs=6,
    )
    assert model.headline_probability(series) < 0.5


def test_heading_model_separates_a_headline_from_a_cut_piece() -> None:
    page = "本报记者 甲乙\n\n某县启动儿童先心病筛查\n\n本报讯（记者 丙丁）近日，某县开展筛查。\n"
    units = read_units(page)
    head = next(i for i, u in enumerate(units) if u.ambiguous)
    assert heading_model().probability(units, head) > 0.5
    # The same words over a piece that cannot open a sentence are likelier a cut piece.
    cut = read_units("本报记者 甲乙\n\n某县启动儿童先心病筛查\n\n，并为患儿建立档案。\n")
    assert heading_model().probability(cut, head) < heading_model().probability(units, head)


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("本报记者 王  浩", "本报记者 王浩"),
        ("刘  辉摄", "刘辉摄"),
        ("记者 张　远 李四", "记者 张远 李四"),
        ("冰雪旅游持续升温 带动消费增长", "冰雪旅游持续升温 带动消费增长"),
        ("■ 甲  乙  丙", "■ 甲乙丙"),
        ("本报记者  甲  乙  丙  丁", "本报记者  甲乙  丙丁"),
        ("(本报记者甲  乙、丙  丁采访整理)", "(本报记者甲乙、丙丁采访整理)"),
    ],
)
def test_padded_names_are_closed_up(text: str, closed: str) -> None:
    assert pt.unpad(text) == closed


def test_padded_byline_gives_its_names() -> None:
    unit = read_units("本报记者 赵  蕾 王五\n")[0]
    assert unit.kind == "byline" and unit.credit == ("赵蕾", "王五")


def test_a_run_in_head_may_open_with_a_place_and_a_colon() -> None:
    page = (
        "乡镇动态\n\n甲镇：“积分超市”激活乡村治理　本报讯（通讯员 张三）甲镇推行积分制。\n\n"
        "乙乡：万亩油茶林迎来抚育季　本报讯　连日来，乙乡组织油茶种植户开展抚育。\n"
    )
    seg = segment_page(page, "x")
    assert [a.title for a in seg.articles] == [
        "甲镇：“积分超市”激活乡村治理",
        "乙乡：万亩油茶林迎来抚育季",
    ]
    assert [a.authors for a in seg.articles] == [["张三"], []]
    assert_accounted(page, seg)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("工作还在继续。（本报记者 张三 李四）", ["张三", "李四"]),
        ("成效明显。（本报记者甲乙、丙丁采访整理）", ["甲乙", "丙丁"]),
        ("（记者 何  宇）", ["何宇"]),
        ("据了解（记者 张三）近日到场", None),
    ],
)
def test_bracketed_closing_credit(text: str, names: list[str] | None) -> None:
    found = pt.tail_credit(text)
    assert (found[1] if found else None) == names


def test_closing_credit_glued_to_the_text_stays_in_it_and_gives_authors() -> None:
    # The gold of every blind batch keeps a credit printed on the text's last line in
    # that paragraph (9 of 9 such lines); its names are the authors all the same.
    page = "某镇新建幼儿园投入使用\n\n近日，某镇两所幼儿园投入使用。（本报记者 张三）\n"
    seg = segment_page(page, "x")
    (article,) = seg.articles
    assert article.authors == ["张三"]
    assert article.blocks[0].text == "近日，某镇两所幼儿园投入使用。（本报记者 张三）"
    assert_accounted(page, seg)


def test_run_in_heads_split_a_brief_cluster() -> None:
    page = (
        "简讯\n\n甲县开展冬季消防检查 本报讯（记者 张三）近日，甲县开展消防检查。\n\n"
        "乙县举办技能大赛 本报乙县讯（记者 李四）日前，乙县举办大赛。\n"
    )
    seg = segment_page(page, "x")
    assert [a.title for a in seg.articles] == ["甲县开展冬季消防检查", "乙县举办技能大赛"]
    assert [a.kind for a in seg.articles] == ["brief", "brief"]
    assert [a.authors for a in seg.articles] == [["张三"], ["李四"]]
    assert_accounted(page, seg)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("本报某地讯(记者 卓玛才让 通讯员 王  磊 日前,随着", ("卓玛才让", "王磊")),
        ("某水晚报讯(记者 甲乙 通讯员 谌  亮近日,记者从", ("甲乙", "谌亮")),
        ("本报讯（记者 张三 李四 近日，全省（区、市）", ("张三", "李四")),
        ("本报讯（记者 张三）近日，", ("张三",)),
        # A name that is also a dictionary word, right after its role.
        ("本报某地讯(记者 孙  宁 通讯员 于  洋 近日,某市", ("孙宁", "于洋")),
        # The text starts with a preposition; 于 is also a surname.
        ("晚报讯(记者 黄嘉欣 通讯员 于小川 从本周六起,某公园", ("黄嘉欣", "于小川")),
        # The whole clause glued to the last name.
        ("本报某地讯（记者　许　杰　通讯员　林晓燕记者昨日从机场获悉，", ("许杰", "林晓燕")),
        ("本报讯（记者 王  欣 通讯员 陈  亮12月3日，某县", ("王欣", "陈亮")),
    ],
)
def test_unclosed_dateline_credit(text: str, names: tuple[str, ...]) -> None:
    dateline = pt.DATELINE_RE.match(text)
    assert dateline is not None
    credit = pt.parse_credit(text, dateline.end())
    assert credit is not None and credit.names == names


def test_verse_lines_are_paragraphs_and_the_next_title_heads_its_article() -> None:
    page = (
        "秋夜（外一首）\n\n□ 甲乙\n\n雪落下来的时候\n山就安静了\n松枝低着头\n像在听一场\n"
        "很远的钟声\n\n在黄土深处打捞时光\n\n——读长篇小说《某某》\n\n读完这部小说，我想起了故乡。\n"
    )
    seg = segment_page(page, "x")
    poem, review = seg.articles
    assert [b.text for b in poem.blocks][:2] == ["雪落下来的时候", "山就安静了"]
    assert len(poem.blocks) == 5
    assert review.title == "在黄土深处打捞时光" and review.subtitle == "——读长篇小说《某某》"
    assert_accounted(page, seg)


def test_run_in_heads_without_datelines_under_a_cluster_label() -> None:
    page = (
        "城事速递\n\n某公园灯会下周亮灯 记者从某公园获悉，今年春节灯会将于1月20日起亮灯。"
        "（记者 张三）\n\n某区开展燃气安全检查 近日，某区组织人员深入居民小区检查燃气安全。"
        "（记者 李四）\n"
    )
    seg = segment_page(page, "x")
    assert [a.title for a in seg.articles] == ["某公园灯会下周亮灯", "某区开展燃气安全检查"]
    assert [a.authors for a in seg.articles] == [["张三"], ["李四"]]
    assert all(a.column == "城事速递" for a in seg.articles)
    assert_accounted(page, seg)


def test_a_dateline_is_no_run_in_head() -> None:
    page = "简讯\n\n本报某地讯 近日，某县组织医务人员开展筛查，覆盖全县儿童。\n"
    (article,) = segment_page(page, "x").articles
    assert article.title_derived and article.dateline == "本报某地讯"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("拉毛扎西  摄(高原视觉)", ("拉毛扎西",)),
        ("杨  帆摄（宁夏视觉）", ("杨帆",)),
        ("许志远  周  宁", ("许志远", "周宁")),
        # A full-width slash: the whole 文／图 is the role, not 文／ and a name 图.
        ("文／图　本报记者　陈思远", ("陈思远",)),
        ("文／图　刘  洋", ("刘洋",)),
        # A paper's reporter named by the paper's name.
        ("珠江晚报记者 苏  敏", ("苏敏",)),
        ("文/图 某江晚报记者 梁  嘉 实习生 陈思琪", ("梁嘉", "陈思琪")),
    ],
)
def test_credit_lines_with_agencies_and_bare_names(line: str, names: tuple[str, ...]) -> None:
    unit = read_units(line + "\n")[0]
    assert unit.kind == "byline" and unit.credit == names


def test_a_short_line_telling_of_an_event_is_a_kicker_not_a_column() -> None:
    page = "寒潮来了\n\n江城周末最低气温跌至零下3℃\n\n本报讯 昨日，市气象台发布寒潮蓝色预警。\n"
    (article,) = segment_page(page, "x").articles
    assert article.kicker == "寒潮来了" and article.column is None
    labelled = "乡土记忆\n\n冬月里，磨一锅豆腐\n\n在关中老家，一进冬月，家家户户就开始张罗。\n"
    (essay,) = segment_page(labelled, "x").articles
    assert essay.column == "乡土记忆" and essay.kicker is None


def test_an_editors_note_between_headline_and_author_is_that_articles() -> None:
    page = (
        "理论前沿\n\n以新质生产力引领港产城融合发展\n\n编者按：港口是城市发展的重要依托。\n\n"
        "王  立\n\n港产城融合是港口城市发展的普遍规律。\n"
    )
    (article,) = segment_page(page, "x").articles
    assert article.title == "以新质生产力引领港产城融合发展"
    assert article.blocks[0].text.startswith("编者按")
    assert article.authors == ["王立"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("二、以制度创新打通堵点", 2),
        ("（三）加强队伍建设", 3),
        ("第四，要", 4),
        ("5.提升效能", 5),
        ("3.5亿元投向何处", None),
        ("一是深化改革", None),
    ],
)
def test_section_numbers(text: str, number: int | None) -> None:
    assert pt.section_number(text) == number


def test_the_next_numbered_section_is_a_subhead_even_on_two_lines() -> None:
    page = (
        "某某发展的三条路径\n\n王晓明\n\n某某发展是一项系统工程，需要统筹推进。\n\n"
        "一、以产业升级夯实基础\n\n产业是某某发展的基础，要培育产业集群。\n\n"
        "二、以制度创新\n\n打通要素流动堵点\n\n制度是某某发展的保障，要深化改革。\n"
    )
    seg = segment_page(page, "x")
    (article,) = seg.articles
    heads = [b.text for b in article.blocks if b.type == "h"]
    assert heads == ["一、以产业升级夯实基础", "二、以制度创新", "打通要素流动堵点"]
    assert_accounted(page, seg)


def test_a_closing_credit_naming_others_ends_a_second_article() -> None:
    page = (
        "某县法院判决一起网购纠纷\n\n本报记者 甲乙\n\n某县法院近日审结一起网购纠纷案件。\n\n"
        "法院审理认为，商家构成欺诈，应当赔偿。\n\n"
        "个人信息保护，这些问题要了解\n\n问：哪些信息属于个人信息？\n\n"
        "答：个人信息是与自然人有关的各种信息。\n\n（本报记者丙丁采访整理）\n"
    )
    seg = segment_page(page, "x")
    first, second = seg.articles
    assert first.authors == ["甲乙"] and second.authors == ["丙丁"]
    assert second.title == "个人信息保护，这些问题要了解"
    assert_accounted(page, seg)


def test_an_editor_line_may_open_with_the_page() -> None:
    (unit,) = read_units("本版责任编辑：甲乙　版式设计：丙  丁\n")
    assert unit.kind == "noise"


def test_a_paragraph_sharing_no_terms_with_its_article_is_reported() -> None:
    page = (
        "某县牦牛养殖合作社年底分红\n\n本报讯 某县牦牛养殖合作社近日为社员分红，牦牛存栏增加。\n\n"
        "合作社的牦牛养殖规模逐年扩大，社员收入稳定增长。\n\n"
        "图书馆延长寒假开放时间，读者可在夜间借阅图书。\n"
    )
    seg = segment_page(page, "x")
    kept = [d for d in seg.decisions if "kept with the article at line" in d.what]
    assert [d.line for d in kept] == [7]
    assert all(d.confidence < 0.9 for d in kept)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("○ 甲  乙", ("甲乙",)),
        ("本报驻某国记者  甲  乙", ("甲乙",)),
        ("读者 甲乙丙 摄", ("甲乙丙",)),
        ("◎ 罗文清", ("罗文清",)),
    ],
)
def test_byline_shapes(line: str, names: tuple[str, ...]) -> None:
    (unit,) = read_units(line + "\n")
    assert unit.kind == "byline" and unit.credit == names


def test_a_run_in_head_of_two_phrases() -> None:
    page = "快讯\n\n某区破获一起诈骗案 追回损失37万元本报讯（通讯员 甲乙）日前，某区破获一案。\n"
    (article,) = segment_page(page, "x").articles
    assert article.title == "某区破获一起诈骗案 追回损失37万元" or (
        article.title,
        article.subtitle,
    ) == ("某区破获一起诈骗案", "追回损失37万元")
    assert article.dateline == "本报讯" and article.authors == ["甲乙"]


def test_question_headline_with_a_comma() -> None:
    page = "婚约解除了，彩礼能要回来吗？\n\n本报记者 甲乙\n\n问：能要回吗？\n\n答：可以。\n"
    (article,) = segment_page(page, "x").articles
    assert article.title == "婚约解除了，彩礼能要回来吗？"


def test_a_table_box_runs_from_its_title_to_its_source() -> None:
    page = (
        "某市工业增速平稳\n\n本报讯 某市前10月工业增加值增长7%。\n\n表：部分县区增速\n\n"
        "县区  增速\n\n甲县  8.1\n\n乙县  7.2\n\n来源：市统计局\n\n下一步将继续稳增长。\n"
    )
    seg = segment_page(page, "x")
    (article,) = seg.articles
    first, last = "本报讯 某市前10月工业增加值增长7%。", "下一步将继续稳增长。"
    assert [b.text for b in article.blocks] == [first, last]
    assert {n.line for n in seg.noise} == {5, 7, 9, 11, 13}


def test_page_code_with_a_letter_and_a_dotted_page_name() -> None:
    units = read_units("某某日报\n\n第B3版\n\n副刊·边城\n\nA07\n")
    assert [u.kind for u in units] == ["noise"] * 4


def test_a_second_first_caption_starts_another_photo_group() -> None:
    page = (
        "图①：甲地的清晨。\n\n图②：甲地的午后。\n\n本报记者 甲乙 摄\n\n乙地的冬天很冷。\n\n"
        "图①：乙地的雪。\n\n图②：乙地的冰。\n\n乙地冬景\n\n丙丁 摄\n"
    )
    seg = segment_page(page, "x")
    assert len(seg.articles) == 2
    assert seg.articles[1].blocks[0].text == "乙地的冬天很冷。"
    assert_accounted(page, seg)


def test_a_two_line_title_ending_in_a_colon_is_one_title() -> None:
    page = (
        "科技合作走进田间\n\n某地稻农用上植保无人机：\n“过去三天的活，现在半天干完”\n\n"
        "本报驻某国记者 甲乙\n\n清晨六点，稻田里还飘着薄雾。\n"
    )
    (article,) = segment_page(page, "x").articles
    assert article.kicker == "科技合作走进田间"
    assert article.title == "某地稻农用上植保无人机：“过去三天的活，现在半天干完”"
    assert article.authors == ["甲乙"]


def test_an_articles_own_caption_stays_in_it_with_its_credit() -> None:
    page = (
        "某县政务服务提速\n\n本报记者 甲乙\n\n某县政务服务中心设立综合窗口，群众办事更方便。\n\n"
        "图为群众在综合窗口办理业务。\n\n本报记者 丙丁摄\n\n据介绍，某县政务服务中心梳理出事项。\n"
    )
    seg = segment_page(page, "x")
    (article,) = seg.articles
    assert article.authors == ["甲乙"]
    assert article.blocks[1].text == "图为群众在综合窗口办理业务。本报记者 丙丁摄"
    assert_accounted(page, seg)


def test_an_unlabelled_note_over_a_headline_opens_that_article() -> None:
    page = (
        "某某匠人\n\n本版今起推出新栏目，走近身边的手艺人。\n\n——编  者\n\n"
        "织机前的四十年\n\n本报记者 甲乙\n\n走进小巷，一台老织机占去了半间屋子。\n"
    )
    seg = segment_page(page, "x")
    (article,) = seg.articles
    assert article.title == "织机前的四十年" and article.column == "某某匠人"
    assert [b.text for b in article.blocks][:2] == [
        "本版今起推出新栏目，走近身边的手艺人。",
        "——编  者",
    ]
    assert_accounted(page, seg)


def test_a_title_with_its_continued_from_marker_opens_the_continued_part() -> None:
    page = (
        "甲县新建十所学校\n\n（上接第1版）目前十所学校均已开工。\n\n"
        "乙市服务驿站覆盖八成社区（上接第1版）\n\n在乙市的一处驿站里，老人们正在午餐。\n"
    )
    seg = segment_page(page, "x")
    assert [a.title for a in seg.articles] == ["甲县新建十所学校", "乙市服务驿站覆盖八成社区"]
    assert all(a.continued_from for a in seg.articles)
    assert_accounted(page, seg)


def test_an_affiliation_is_the_last_block_and_the_affiliation() -> None:
    page = "某某发展的路径\n\n甲乙\n\n发展需要统筹推进。\n\n（作者系某大学教授）\n"
    (article,) = segment_page(page, "x").articles
    assert article.blocks[-1].text == "（作者系某大学教授）"
    assert article.affiliation == "某大学教授"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("■ 西湾区人民法院 赵明轩", ("赵明轩",)),
        ("□ 某市第二中学 张  三", ("张三",)),
        ("本报记者 李四 王五", ("李四", "王五")),
    ],
)
def test_an_institution_before_a_name_in_a_byline_is_no_author(
    line: str, names: tuple[str, ...]
) -> None:
    (unit,) = read_units(line + "\n")
    assert unit.kind == "byline" and unit.credit == names


def test_a_line_of_three_clauses_without_an_end_is_a_cut_sentence_not_a_heading() -> None:
    (unit,) = read_units("从产业分布看，签约项目中，新能源装\n")
    assert unit.kind == "para" and unit.fragment
    (title,) = read_units("稳住基本盘，跑出加速度\n")
    assert title.kind == "head"


def test_two_phrases_of_one_length_are_a_kickers_halves_not_two_names() -> None:
    (kicker,) = read_units("巡河二十载 初心映碧波\n")
    assert kicker.kind == "head"
    (names,) = read_units("许志远  周  宁\n")
    assert names.kind == "byline" and names.credit == ("许志远", "周宁")
