"""Layouts met on the blind pages of batch BG, each on a small invented page: a brief
cluster whose bullets stand apart from their titles, a column's label over the next title
after a closing credit, an article's own photo printed between its byline and its text, a
doctor's byline, and a wrapped page's bulleted brief titles over full lines of text."""

from __future__ import annotations

from support import segment_lines, titled, wrap

from site_builder.ingest.lines import classify, read_units
from site_builder.ingest.page_facts import anchors

BRIEFS = [
    "要闻速览",
    "　　■ 市政府召开常务会议　3月17日，市政府召开第48次常务会议，研究部署一季度经济运行工作。",
    "　　■ 鉴湖水环境提升工程完成过半　记者从市水利局获悉，鉴湖清淤疏浚已完成总量的54%。",
    "　　■ 全市新增城市书房8家　近日，我市又有8家城市书房建成开放，总数达到73家。",
]


def test_a_bullet_apart_from_its_title_still_marks_a_run_in_brief() -> None:
    seg = segment_lines(BRIEFS, "\n")
    titles = [a.title for a in seg.articles]
    assert titles == ["市政府召开常务会议", "鉴湖水环境提升工程完成过半", "全市新增城市书房8家"]
    assert all(a.column == "要闻速览" for a in seg.articles)


LOANS_THEN_SERIES = [
    "首贷户超千户　精准贷款滴灌小微企业",
    "　　记者日前从人民银行某市分行获悉，今年以来全市新增小微企业首贷户1200余户。",
    "　　今年以来，各银行机构深入园区、走进企业，为小微企业送去贷款和政策。",
    "　　人民银行某市分行有关负责人表示，下一步将继续用好再贷款，支持小微企业发展。",
    "（记者　某甲）",
    "企业风采",
    "小蜜蜂飞出大产业",
    "　　本报某县讯（通讯员　某乙）在某县某镇，一家蜂蜜合作社带动200多户养蜂。",
    "　　合作社成立于2018年，最初只有7户社员，如今年销售蜂蜜80吨。",
]


def test_a_series_label_after_a_closing_credit_labels_the_next_title() -> None:
    seg = segment_lines(LOANS_THEN_SERIES, "\n")
    loans = next(a for a in seg.articles if a.title.startswith("首贷户超千户"))
    assert len(loans.blocks) == 3 and loans.authors == ["某甲"]
    bees = titled(seg, "小蜜蜂飞出大产业")
    assert bees.column == "企业风采" and len(bees.blocks) == 2


FEATURE_WITH_PHOTO = [
    "从卖石头到卖方案",
    "某县一家石材企业的智能化转身",
    "本报记者　某甲　通讯员　某乙",
    "某石材公司智能化生产线上，机械臂正在码放切割好的花岗岩板材。",
    "本报记者　某甲　摄",
    "　　三月的某县，雨水刚停，工业集中区里已是一片繁忙。",
    "　　三年前这里还是另一番样子，公司总经理说，那时车间里全是粉尘和噪声。",
]


def test_a_caption_between_a_byline_and_the_text_is_the_articles_own_photo() -> None:
    seg = segment_lines(FEATURE_WITH_PHOTO, "\n")
    assert len(seg.articles) == 1
    feature = seg.articles[0]
    assert feature.title == "某县一家石材企业的智能化转身"
    assert len(feature.blocks) == 3 and feature.blocks[0].text.startswith("某石材公司")


def test_a_doctor_signs_with_hospital_department_and_post() -> None:
    doctor = classify(1, "■市中心人民医院心血管内科主任医师　某甲", True)
    assert doctor.kind == "byline" and doctor.credit == ("某甲",)
    assert classify(1, "县人民医院开通远程会诊中心", True).kind != "byline"


def test_a_full_line_under_a_wrapped_pages_bulleted_title_is_the_briefs_text() -> None:
    column = 16
    lead = (
        "立春过后，气温忽高忽低，早晚温差常常超过十度。近期，我院心内科门诊和急诊接诊的"
        "心绞痛、心肌梗死、高血压急症患者明显增多，其中不少是六十岁以上的老年人。专家提醒，"
        "老年人要注意保暖，按时服药，避免清晨外出锻炼，一旦出现胸闷胸痛要及时就医。"
    )
    lines = ["倒春寒来袭　心脑血管病患者做好三防", *wrap(lead, column, "  ")]
    booked = "市民可通过医院微信公众号提前预约三伏贴、三九贴，就诊时凭预约码直接到贴敷门诊就诊。"
    chest = "日前，我市又有五家乡镇卫生院通过胸痛救治单元验收，全市胸痛救治单元增至三十二家。"
    briefs = [("●中医院开通贴敷预约", booked), ("●胸痛救治单元增至三十二家", chest)]
    lines.append("健康快讯")
    for title, text in briefs:
        lines += [title + "  ", *wrap(text, column, "")]
    lines += wrap(lead, column, "  ") + wrap(lead, column, "  ")
    units = read_units("\n".join(lines) + "\n")
    assert len(units) >= 30
    seg = segment_lines(lines, "\n")
    booking = titled(seg, "中医院开通贴敷预约")
    assert booking.blocks[0].text.startswith("市民可通过医院微信公众号")


def test_a_heading_after_a_blank_line_where_blank_lines_part_blocks_is_no_subhead() -> None:
    body = "　　入夏以来，某市民族风情街夜市人气渐旺，每晚客流量超过一万人次，摊位有两百多个。"
    lines = ["高速互通建设提速", *[body] * 5, "", "夜市　烟火升腾", *[body] * 5]
    units = read_units("\n".join(lines) + "\n")
    heading = next(i for i, u in enumerate(units) if u.text == "夜市 烟火升腾")
    assert units[heading].block_top
    assert heading in anchors(units)


DATED_THEN_HEADLINE = [
    "本报讯（通讯员　某甲　记者　某乙）",
    "近年来，某县把就业帮扶车间建在村里，让留守妇女在家门口就业，全县已建成车间86个。",
    "县人社局相关负责人介绍，县里对符合条件的帮扶车间给予场地租金和用工补贴。",
    "某县：工坊建到家门口　群众就业不出村",
    "术工人。去年以来，学院已向园区企业输送毕业生1200余名。",
]


def test_a_heading_after_a_dated_text_with_no_headline_is_that_texts() -> None:
    # (the text under the heading goes on from another column: it cannot open an article)
    seg = segment_lines(DATED_THEN_HEADLINE, "\n\n")
    dated = next(a for a in seg.articles if a.dateline)
    assert dated.title.startswith("某县：工坊建到家门口") and not dated.title_derived
