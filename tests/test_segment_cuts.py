"""Paragraphs cut at a column end in ways the shape of a line hides: a sentence cut
mid-word whose first piece looks like a headline."""

from __future__ import annotations

import pytest
from support import assert_accounted

from site_builder.ingest import grammar as gr
from site_builder.ingest.candidates import junction_features, starts
from site_builder.ingest.joins import layout_cuts
from site_builder.ingest.lines import read_units
from site_builder.ingest.page_facts import PageFacts, anchors
from site_builder.ingest.roles import headline_members, read_roles, reclaim_cut_words
from site_builder.ingest.segment import segment_page

CASE = [
    "刷单返利背后藏陷阱",
    "本报记者 王  浩  通讯员 刘  丹",
    "轻信兼职刷单能赚佣金，大学毕业生小林前后被骗4.6万元。",
    "前两次垫付的300元、800元很快连本带利返还,小林渐渐放下了戒",
    "法治快讯",
    "某市开展冬季道路交通安全专项整治 本报讯 连日来，某市交警部门开展专项整治。",
    "心。第三次任务要求连续完成5单才能结算，他先后转账4.6万元。",
]


def test_a_sentence_cut_mid_word_is_no_headline_whatever_its_shape() -> None:
    text = "\n\n".join(CASE) + "\n"
    seg = segment_page(text, "x")
    case = seg.articles[0]
    assert CASE[3] + CASE[6] in [b.text for b in case.blocks]
    assert_accounted(text, seg)


def test_short_lines_meeting_a_remainder_by_chance_stay_headings() -> None:
    # 浅滩上|去 makes 上去, but a verse line or a title holds no clause break.
    units = read_units("一群白鹭落在浅滩上\n去，像是在跟谁商量什么事情。\n")
    read_roles(units)
    assert not reclaim_cut_words(units)


def test_a_line_between_a_title_and_its_byline_is_part_of_the_headline() -> None:
    page = (
        "社区服务设施建设稳步推进\n\n已建成设施中，养老托育、社区助餐服务需求最旺\n\n"
        "本报记者　苗　菁　林晓雨\n\n家门口有了托育点、社区食堂，老人和孩子有了去处。\n"
    )
    (article,) = segment_page(page, "x").articles
    # Which line is the title is the scorer's business; both are the headline's.
    parts = {article.kicker, article.title, article.subtitle} - {None}
    assert parts == {"社区服务设施建设稳步推进", "已建成设施中，养老托育、社区助餐服务需求最旺"}
    assert article.authors == ["苗菁", "林晓雨"] and len(article.blocks) == 1


@pytest.mark.parametrize(
    ("start", "opening"),
    [("“半拉子”状态，无法入住。", False), ("“以前我们卖商品薯，价格随行就市。”", True)],
)
def test_a_quoted_term_is_no_quotation_opening_a_paragraph(start: str, opening: bool) -> None:
    assert bool(gr.OPENER.match(start)) is opening


def test_a_dashed_line_with_a_comma_under_a_title_is_its_subtitle() -> None:
    units = read_units(
        "洱海流域今年将新建生态缓冲带42公里\n——环湖截污管网改造同步推进，入湖水质监测点位增至68个\n"
        "本报讯 记者从推进会上获悉，今年将新建生态缓冲带42公里。\n"
    )
    read_roles(units)
    headline_members(units)
    assert [u.kind for u in units] == ["head", "head", "para"]


def test_a_title_over_text_opening_with_a_jump_marker_heads_that_text() -> None:
    page = (
        "阳城县做强蚕桑产业\n\n（上接第1版）在蚕桑产业园的缫丝车间，工人们正在忙碌。\n\n"
        "村里的茶农说，高速公路建设提速以后，运费能省下一大截。\n\n"
        "高速公路建设全面提速\n\n"
        "（上接第1版）截至目前，高速公路建设项目已完成路基工程总量的六成。\n\n"
        "高速公路建设是连接两省的重要工程，建成后两地车程将缩短一半。\n"
    )
    silk, road = segment_page(page, "x").articles
    assert road.title == "高速公路建设全面提速" and len(road.blocks) == 2
    assert len(silk.blocks) == 2


def test_a_question_or_an_answer_continues_no_cut_sentence() -> None:
    units = read_units(
        "此时，王某家刚刚完成装修的客厅吊顶、木地板均已不\n答：如果商家在合理期限内没有恢复营业，构成违约。\n"
    )
    read_roles(units)
    assert not starts(units, 0)


def test_an_editors_signature_and_the_text_under_its_byline_continue_nothing() -> None:
    units = read_units(
        "夏天的傍晚，她在枣树下支起小方桌，一边择\n"
        "——编  者\n□ 张  敏\n每年冬至一过，母亲就会翻出一个旧作业本，写下年货单。\n"
        "菜，一边听收音机里的评书。\n"
    )
    read_roles(units)
    assert starts(units, 0) == [4]


def test_a_headline_over_later_columns_heads_the_dateline_that_opens_its_article() -> None:
    page = (
        "煤电化产业链条加速向下游延伸\n\n"
        "造工程同步开工，园区企业的中水回用率有望提高到八成以上。\n\n"
        "链条拉长了，配套也要跟上，园区正在建设公共管廊。\n\n"
        "本报讯（记者 邵  岚）今年以来，我市煤电化产业链条加速向下游延伸，新签约项目47个。\n"
    )
    (article,) = segment_page(page, "x").articles
    texts = [b.text for b in article.blocks]
    assert texts[0].startswith("本报讯") and article.title == "煤电化产业链条加速向下游延伸"
    assert article.authors == ["邵岚"] and len(texts) == 3


def test_a_heading_over_a_dateline_opens_an_article_counted_once() -> None:
    """One line between paragraphs is a subhead, unless a dateline follows it: then it
    heads that dateline's article, an opening a join must cross (once, not twice)."""
    units = read_units(
        "港口方面表示，今年将继续加密东南亚航线，力争开通远洋干线。\n"
        "某区老旧小区改造惠及三千户\n"
        "本报某地3月11日电（记者 韦  敏）今年，某区计划对城区二十个小区进行改造。\n"
        "改造内容涵盖雨污分流、外墙保温、加装电梯。\n"
        "二、强化要素保障\n"
        "区住建局负责人表示，改造期间将设立临时通道。\n"
    )
    assert anchors(units) == [1]


def test_time_adverbials_open_paragraphs() -> None:
    starts_ = ("连日来，各村寨陆续开展活动。", "入冬以来，各地抢抓农时。", "截至目前，已完成八成。")
    assert all(gr.OPENER.match(start) for start in starts_)


def test_a_cut_answer_goes_on_after_a_brief_cluster() -> None:
    """A paragraph printed right after a run-in brief (title and text on one line) tops a
    column: the answer cut above the cluster goes on there."""
    page = [
        "法律咨询台",
        "邻居装修致我家墙体开裂 能否要求赔偿？",
        "问：楼上邻居装修后，我家墙面出现多处裂缝，能否要求赔偿？",
        "答：建议您先拍照留存证据，再委托鉴定机构鉴定，如果鉴定结论证明损害与装修存在因果关系，",
        "普法快讯",
        "某县开展冬季农民工工资专项检查 本报讯（通讯员 吴  迪）近日，某县人社部门开展专项检查。",
        "某市检察机关发布涉老诈骗典型案例 本报讯（记者 陈  曦）某市检察院日前发布典型案例。",
        "邻居应当依法承担赔偿责任。",
        "问：如果协商不成，我可以通过哪些途径解决？",
        "答：您可以先申请人民调解，也可以直接向法院起诉。",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    qa = next(a for a in seg.articles if a.title and a.title.startswith("邻居装修"))
    assert page[3] + page[7] in [b.text for b in qa.blocks]
    assert_accounted(text, seg)


@pytest.mark.parametrize("mark", ["●", "▶"])
def test_bulleted_lines_under_a_digest_label_are_teasers(mark: str) -> None:
    units = read_units(
        f"导读\n\n{mark} 借名买房，房子到底归谁？\n\n{mark}简讯：沿海多地遭遇强风天气\n\n"
        "某市开展专项整治\n"
    )
    assert [u.kind for u in units] == ["noise", "noise", "noise", "head"]


def test_the_first_paragraph_under_a_headline_and_byline_continues_no_later_cut() -> None:
    """A cut further down the article does not reach back to the paragraph under its
    headline and byline: that paragraph opens the article (unless it starts mid-word)."""
    units = read_units(
        "以县域为切入点推进城乡融合发展\n\n■ 周  立\n\n"
        "县域处在城市与乡村的结合部，是推进城乡融合发展的关键支撑。\n\n"
        "二、推动公共服务向乡村延伸\n\n"
        "城乡融合的难点在公共服务。要完善编制周转制度，让医生、教师能在县乡之间合理流动，\n\n"
        "荆楚时评\n\n基层减负要减到根上\n\n□ 柯文娟\n\n"
        "近来，一些基层干部反映，表格少了，可指尖上的负担又换了花样。\n\n"
        "同时稳定基层队伍的待遇预期。\n"
    )
    read_roles(units)
    page = PageFacts.read(units)
    x = junction_features(units, 4, 2, page)
    assert x["under a heading that opens it"] == 1.0


def test_text_after_a_run_in_brief_cluster_goes_on_with_the_article_it_interrupted() -> None:
    page = [
        "全市四万余名农民走进冬季课堂",
        "本报某地1月8日电（记者 马晓燕）清晨，某县的日光温室里坐满了来听课的农民。",
        "记者从市农业农村局了解到，入冬以来，全市开设专题课一千二百余场。",
        "简讯",
        "某县完成冬季森林防火大检查 本报某县讯（记者 李  明）近日，某县完成森林防火检查。",
        "某区为困难群众发放取暖煤 本报讯（通讯员 马  俊）近日，某区为困难群众发放取暖煤。",
        "在某镇，县农技中心专家把课堂搬进了日光温室，农民边听边学，专家现场答疑。",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    lead = seg.articles[0]
    assert [b.text for b in lead.blocks] == [page[1], page[2], page[6]]
    coal = next(a for a in seg.articles if a.title == "某区为困难群众发放取暖煤")
    assert len(coal.blocks) == 1
    assert_accounted(text, seg)


def test_a_page_name_after_the_date_line_is_furniture() -> None:
    units = read_units("某某晚报\n\nA05\n\n2026年11月3日 星期二\n\n城事·沈阳\n\n某区添口袋公园\n")
    assert units[3].kind == "noise" and units[3].meta == {"page_name": "城事·沈阳"}
    assert units[4].kind == "head"


def test_a_headline_and_byline_over_later_columns_head_the_dateline_of_the_same_reporter() -> None:
    page = [
        "今年供暖季11月1日正式开始",
        "晚报记者 钱  坤",
        "针对部分老旧小区管网老化、末端不热的问题，今年各供热企业提前完成管网改造。",
        "供热部门同时提醒，居民不要私自改动供热设施。",
        "晚报讯(记者 钱  坤)11月1日零时，某市正式进入今年供暖季，供热企业全面点火。",
        "据了解，今年全市供暖面积超过5亿平方米。",
    ]
    text = "\n\n".join(page) + "\n"
    heat = segment_page(text, "x").articles[0]
    assert [b.text for b in heat.blocks] == [page[4], page[5], page[2], page[3]]


@pytest.mark.parametrize(
    ("line", "name"),
    [("福州市鼓楼区人民法院 郑  佳", "郑佳"), ("福建某某律师事务所律师 黄  敏", "黄敏")],
)
def test_an_institution_then_a_name_is_a_byline(line: str, name: str) -> None:
    (unit,) = read_units(line + "\n")
    assert unit.kind == "byline" and unit.credit == (name,)


def test_the_papers_commentator_over_a_title_opens_the_commentary() -> None:
    page = [
        "某新区前三季度新增市场主体超2万户",
        "本报记者 符  颖",
        "本报某地10月21日讯 记者从某新区获悉，前三季度新区新增市场主体超2万户。",
        "本报评论员",
        "让营商环境成为最亮的名片",
        "营商环境就是生产力。企业愿不愿意来、留不留得住，关键看环境。",
    ]
    text = "\n\n".join(page) + "\n"
    news, comment = segment_page(text, "x").articles
    assert news.authors == ["符颖"]
    assert comment.title == page[4] and comment.authors == ["本报评论员"]


@pytest.mark.parametrize(
    ("start", "cannot"),
    [
        ("的问题，如今在村里就能解决。", True),
        ("了。第二天一早，他又出发了。", True),
        ("，有效破解了难题。", True),
        # The same characters opening a word open a sentence like any other word.
        ("地理距离难以改变，但信息距离可以缩短。", False),
        ("过去村民做个检查要往县城跑。", False),
        ("并且在全省推广。", False),
        # The copula with its subject cut off; but 是否 asks and 是的 answers.
        ("是从深圳辞职回来的程序员。", True),
        ("是否可行，还要看试点效果。", False),
    ],
)
def test_a_particle_cannot_open_a_sentence_but_a_word_starting_with_it_can(
    start: str, cannot: bool
) -> None:
    assert gr.cannot_open(start) is cannot


# A match report whose columns were printed 2-1: under the headline stands the second
# column, starting with the tail of a sentence ("…才挺过|来的,"); the dateline paragraph
# that opens the report and the first column follow it.
REPORT = [
    "全省冰球联赛第二阶段",
    "省队4:2逆转对手",
    "来的,门将连续化解对手两次单刀,为球队稳住了阵脚。第二节教练调整了锋线组合。",
    "第三节比赛进入胶着状态。比赛还剩4分钟时,省队在对方",
    "本报讯(记者 刘子航)12月4日晚,全省冰球联赛第二阶段比赛在体育馆进行。",
    "开场后,对手频频压上,首节连进两球。赛后,队长坦言,球队是靠着门将的发挥才挺过",
    "区域内连续传递,由小将打进反超一球,锁定胜局。",
]


def test_text_under_a_headline_that_starts_mid_sentence_can_continue_a_cut_sentence() -> None:
    text = "\n\n".join(REPORT) + "\n"
    seg = segment_page(text, "x")
    assert len(seg.articles) == 1
    paragraphs = [b.text for b in seg.articles[0].blocks]
    assert REPORT[5] + REPORT[2] in paragraphs
    assert_accounted(text, seg)


# A sentence cut before its quantity (…增加到|近600种，…) continues past another article,
# where the quantity's line is printed at a column top.
HEALTH = [
    "县域医共体建设全面提速",
    "截至11月底，全省已组建紧密型县域医共体96个，覆盖所有涉农县。",
    "与此同时，医共体还统一了药品目录，乡镇卫生院可用药品品种由原来的300余种增加到",
    "陶瓷出口前10个月增长14.2%",
    "本报景德镇讯（记者 吴  昊）前10个月，景德镇市陶瓷产品出口额达28.6亿元。",
    "今年以来，该市组织陶瓷企业参加境外展会31场，帮助中小企业拓展新兴市场。",
    "近600种，基本满足群众用药需求。",
]


def test_a_sentence_cut_before_its_quantity_continues_at_the_quantity() -> None:
    text = "\n\n".join(HEALTH) + "\n"
    seg = segment_page(text, "x")
    health = next(a for a in seg.articles if a.title == HEALTH[0])
    assert HEALTH[2] + HEALTH[6] in [b.text for b in health.blocks]
    assert_accounted(text, seg)


@pytest.mark.parametrize(
    ("start", "quantity"),
    [("近600种，基本满足需求。", True), ("3.6万吨，同比增长", True), ("2025年，全省", False)],
)
def test_a_quantity_is_told_from_a_date(start: str, quantity: bool) -> None:
    assert gr.starts_with_quantity(start) is quantity


# A subhead printed on two lines whose first line is a rare compound that could be a
# (Tibetan) name: a name above a longer line is no author line, which follows a title.
HERDING = [
    "暖棚养殖让牧民冬春不愁",
    "本报记者　才让　通讯员　李  强",
    "本报讯　走进牧民扎西的暖棚，阳光透过棚膜洒进来，藏羊在棚里安静地吃着饲草。",
    "圈舍加补料",
    "冬春掉膘难题有了解法",
    "近年来，全县整合资金为牧户新建和改造暖棚，藏羊冬春掉膘的难题有了解法，牧民养殖收入明显提高。",
]


def test_a_two_line_subhead_may_open_with_a_name_like_line() -> None:
    assert next(u for u in read_units(HERDING[3] + "\n") if u.text == HERDING[3]).name_like
    text = "\n\n".join(HERDING) + "\n"
    seg = segment_page(text, "x")
    assert len(seg.articles) == 1
    assert [b.text for b in seg.articles[0].blocks if b.type == "h"] == HERDING[3:5]
    assert_accounted(text, seg)


def test_the_text_under_a_headline_s_byline_is_read_right_after_it() -> None:
    """A byline closing an article lets reading order jump to any column; a byline under
    a headline, over the text, does not: that text is the article's first."""
    units = read_units(
        "一座小城的温度\n\n■ 周卫东\n\n初读这本散文集，是在一个阴雨天的午后。\n\n"
        "（作者单位：某大学文学院）\n\n□ 方  圆\n\n湖边的雨下了一夜，芦苇都低着头。\n\n"
        "腌菜坛子\n\n□ 杨  柳\n\n老家的堂屋角落里，一直放着几只腌菜坛子。\n"
    )
    read_roles(units)
    cuts = {units[u].text[:4] for u in layout_cuts(units)}
    assert "湖边的雨" in cuts  # under a closing byline: a column top
    assert "老家的堂" not in cuts


@pytest.mark.parametrize(
    ("tail", "head", "spans"),
    [
        ("激励广", "大基层干部", True),
        # 依法|执法: two whole words that meet at a column end, not one word cut in two
        ("对拒不整改的，我们依法", "执法过程本身就是普法", False),
        # 业务|培训，: the second word is bare, closed by a comma: one phrase cut in two
        ("乡里每季度组织一次业务", "培训，内容包括防火", True),
    ],
)
def test_a_compound_of_two_whole_words_is_no_word_cut_in_two(
    tail: str, head: str, spans: bool
) -> None:
    assert gr.spanning_word(tail[-6:], head[:6]) is spans


INDENTED = [
    "　　本报讯　近日，某县林业局召开会议，部署冬季森林防火工作，要求各乡镇落实巡护",
    "　　据介绍，该县今年新建防火林带40公里，更新扑火机具300余台套，防火形势总体平稳。",
    "　　会议要求，各乡镇要压实责任，加强宣传，坚决守住不发生重大火灾的底线。",
    "　　某镇红提产业园二期建成后，将与一期连片，预计年产优质红",
    "　　另据了解，该县已组建专业扑火队伍12支，队员260余人，实行全天候值守。",
    "责任制，实现重点区域全天候巡查。",
    "提3000吨，可带动周边农户300余户增收。",
]


def test_on_a_page_that_indents_paragraphs_an_unindented_line_goes_on_a_cut_one() -> None:
    units = read_units("\n".join(INDENTED) + "\n")
    page = PageFacts.read(units)
    assert page.indents
    cut = 3
    ahead = {units[c].text[:4]: junction_features(units, cut, c, page) for c in starts(units, cut)}
    assert ahead["提300"].get("start is not indented") == 1.0
    assert ahead["另据了解"].get("start is indented") == 1.0
    # a page whose lines all start at the margin says nothing by indentation
    flat = read_units("\n".join(line.strip() for line in INDENTED) + "\n")
    assert not PageFacts.read(flat).indents


def test_a_phrase_only_the_two_halves_print_counts_for_their_join() -> None:
    lines = [
        "架好这座桥，要带着问题学。把群众的急难愁盼列成清单，才能把书本上的道理变成",
        "县域创新资源相对匮乏，不能关起门来搞研发，而要善于借脑借力。",
        "手上的本领。架好这座桥，还要以成效来检验，看解决了多少实际问题。",
    ]
    units = read_units("\n\n".join(lines) + "\n")
    page = PageFacts.read(units)
    assert page.share_own_phrase(0, 2)
    assert not page.share_own_phrase(0, 1)
