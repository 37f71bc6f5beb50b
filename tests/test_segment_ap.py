"""Layouts met on the blind pages of batches AP–AR, each on a small invented page: a 导读
box whose teasers point to their pages on lines of their own, a headline that holds a
cry, blank lines that part columns on a page that has few, a brief whole between its
title and its credit, a poem group under a note, a cartoon's credit, a page wrapped at
its columns' width, a 快报 cluster, a caption over its credit on a page without blank
lines."""

from __future__ import annotations

from dataclasses import replace

from support import block_texts, segment_lines, titled

from site_builder.ingest.candidates import junction_features, starts, starts_mid_word
from site_builder.ingest.lines import read_units
from site_builder.ingest.page_facts import PageFacts
from site_builder.ingest.subheads import HeadingBetween, subhead_model


def test_digest_teasers_whose_next_line_points_to_their_page_are_furniture() -> None:
    lines = [
        "导读",
        "河谷里的“葡萄经济学”",
        "详见第三版",
        "州运会青少年组比赛开赛",
        "详见第十版",
        "",
        "全州春播进度过半",
        "本报讯 今年以来，全州各地抢抓农时，春播工作有序推进，截至目前已完成播种面积过半。",
    ]
    units = read_units("\n".join(lines) + "\n")
    kinds = {u.text: u.kind for u in units}
    assert [kinds[lines[k]] for k in (1, 2, 3, 4)] == ["noise"] * 4
    assert kinds[lines[6]] == "head"


def test_a_headline_holding_a_cry_and_its_subject_is_a_heading() -> None:
    lines = [
        "联赛第25轮",
        "补时绝杀！海风主场逆转白鹭",
        "积分升至第十一位，距降级区拉开5分",
        "本报记者 蔡振宇",
        "本报讯 9月21日晚，联赛第25轮在市体育中心进行，海风队主场2比1逆转白鹭队。",
        "比赛第93分钟，替补登场的前锋头球破门，为球队锁定胜局。",
    ]
    seg = segment_lines(lines, "\n")
    report = titled(seg, lines[1])
    assert (report.kicker, report.subtitle) == (lines[0], lines[2])
    assert report.authors == ["蔡振宇"]


def test_on_a_page_with_few_blank_lines_text_under_one_tops_a_column() -> None:
    # Blank lines only between blocks: the paragraph under one is no mid-column start,
    # though a complete paragraph stands above it.
    lines = [
        "青湾晚报",
        "2026年6月5日 星期五",
        "A05 城事",
        "厂区门口的早餐摊",
        "本报记者 陈  蕾",
        "每天清晨，工业园区门口的早餐摊前都排起长队，工人们买上一份热乎的早点再去上班。",
        "豆浆、油条、烧饼、包子，十几样早点摆满了案板，价格多年没涨。",
        "摊主老周说，这些年园区企业越来越多，生意也越来越好，他每天凌晨四点就要起来",
        "",
        "园区食堂扩建",
        "园区管委会近日启动职工食堂扩建工程，预计年底投入使用。",
        "扩建后的食堂可同时容纳八百人就餐。",
        "",
        "准备食材，一直忙到上午九点。",
        "老周的摊子已经摆了八年，见证了园区从几家小厂发展到如今的规模。",
        "他说，最大的心愿是把早餐摊开成一家小店。",
        "附近的工人们也盼着这一天早点到来。",
        "（本报记者 陈  蕾）",
    ]
    units = read_units("\n".join(lines) + "\n")
    at = {u.line: i for i, u in enumerate(units)}
    cut, rest = at[8], at[14]
    assert units[rest].block_top
    x = junction_features(units, cut, rest, PageFacts.read(units))
    assert "mid-column" not in x


def test_a_time_word_and_a_comma_open_a_sentence() -> None:
    assert not starts_mid_word("最近，不少市民在朋友圈晒出了照片。")
    assert not starts_mid_word("同时，还要加强监管。")
    assert starts_mid_word("心。第三次来到这里，他已经熟门熟路。")


def test_a_brief_between_its_title_and_its_closing_credit_is_no_columns_top() -> None:
    lines = [
        "问：很多中小企业想“出海”又有顾虑，您怎么看？",
        "答：顾虑是正常的，但国内市场竞争激烈，企业要找增量，就必须走出去。关键是要找到合",
        "公司速递",
        "同安农商行发行首单乡村振兴金融债",
        "同安农商银行日前成功发行5亿元乡村振兴专项金融债券，募集资金将用于涉农贷款投放。",
        "（苏 婷）",
    ]
    units = read_units("\n".join(lines) + "\n")
    at = {u.line: i for i, u in enumerate(units)}
    x = junction_features(units, at[2], at[5], PageFacts.read(units))
    assert "under a heading that opens it" in x
    assert "column top after a non-paragraph" not in x


def test_a_poem_group_under_its_note_keeps_its_title_and_its_poet() -> None:
    lines = [
        "山中秋记（组诗）",
        "　　诗人多年在山区从事乡村教育工作，她的诗多取材于山村日常，质朴而有温度。",
        "　　——编  者",
        "朱  岚",
        "晒秋",
        "竹匾摊开在屋顶上",
        "阿婆把整个秋天",
        "一粒一粒翻过身来",
        "",
        "归途",
        "下山的路上",
        "背篓里装满了板栗",
        "也装满了",
        "一整座山的黄昏",
        "秀江夜渡",
        "■ 陈默然",
        "最后一班渡船",
        "把灯火送到对岸",
        "船公的烟斗明明灭灭",
        "像一颗不肯睡去的星",
        "冬日炭火",
        "李  薇",
        "外婆家的火盆总在立冬那天生起来，炭火映红了一屋子人的脸。",
    ]
    seg = segment_lines(lines, "\n")
    group = titled(seg, lines[0])
    assert group.authors == ["朱岚"]
    assert "一整座山的黄昏" in block_texts(group)
    ferry = titled(seg, "秀江夜渡")
    assert (ferry.kicker, ferry.authors) == (None, ["陈默然"])


def test_a_cartoons_credit_is_a_pictures_byline() -> None:
    units = read_units("“打卡”\n漫画/曾  亮\n")
    credit = units[-1]
    assert (credit.kind, credit.credit, credit.photo_credit) == ("byline", ("曾亮",), True)


def _wrap(paragraph: str, column: int, indent: str = "\u3000\u3000") -> list[str]:
    """A paragraph as a PDF extractor that keeps printed lines gives it: indented by two
    full-width spaces, cut every ``column`` characters."""
    text = indent + paragraph
    return [text[k : k + column] for k in range(0, len(text), column)]


def test_a_page_wrapped_at_its_columns_width_reads_as_paragraphs() -> None:
    # Batch AQ's evening paper kept every printed line: 14 characters a line.
    paragraphs = [
        "早上6点，天还没亮透，老小区的门口已经摆上了一张小方桌，桌上放着三个暖水瓶和一摞纸杯。",
        "摆桌子的是今年82岁的陈桂兰老人。这张小方桌，她已经摆了整整六年，从来没有间断过。",
        "六年前的一个冬天，陈奶奶早起买菜，看见一位环卫工蹲在路边，就着凉水啃馒头，心里很不好受。",
        "从那以后，每天早上烧水、送水，就成了她雷打不动的功课。环卫工们都叫她陈妈妈。",
        "这些年，陈奶奶的暖心驿站有了帮手。邻居们有的送来暖水瓶，有的帮着烧水，小桌越来越热闹。",
        "社区工作人员说，他们打算在驿站旁再添一个遮风的棚子，让环卫工们歇脚时不再受冻。",
        "环卫工们也用自己的方式回报这份情谊。谁路过老人家门口，都会顺手把门前的落叶扫干净。",
        "去年冬天老人生病住院，几位环卫工轮流去医院看望，还替她把小方桌照常摆了出来。",
        "如今，清河路沿线的商户也加入进来，有的提供热饭，有的免费给环卫工充电。",
        "采访当天，记者在小方桌旁待了一个多小时，先后有11名环卫工停下来喝水、歇脚。",
    ]
    # (the report's dateline and credit stand alone on its first line)
    lines = ["八旬老人天天给环卫工烧热水", "\u3000\u3000本报讯（记者 杨晓光）"]
    lines += _wrap(paragraphs[0], 14, indent="")
    for paragraph in paragraphs[1:]:
        lines += _wrap(paragraph, 14)
    seg = segment_lines(lines, "\n")
    story = titled(seg, lines[0])
    assert block_texts(story) == ["本报讯（记者 杨晓光）" + paragraphs[0], *paragraphs[1:]]
    assert story.authors == ["杨晓光"]


def test_a_prices_report_label_opens_a_cluster_of_briefs() -> None:
    lines = [
        "农价快报",
        "生猪价格小幅回落 本周，我市生猪出栏均价为每公斤14.2元，环比下降1.4%。",
        "沙田柚陆续上市 早熟沙田柚开始上市，本周产地收购价为每公斤3.6元。",
    ]
    seg = segment_lines(lines)
    assert [a.title for a in seg.articles] == ["生猪价格小幅回落", "沙田柚陆续上市"]
    assert {a.column for a in seg.articles} == {"农价快报"}


def test_a_caption_over_its_credit_continues_no_sentence_on_a_page_without_blank_lines() -> None:
    lines = [
        "城事",
        "九都路街道一小区新装的电梯日前投入使用，居民不用再爬楼梯了。",
        "晚报通讯员 马晓东 摄",
        "“悬空老人”下楼不再难",
        "□晚报记者 孔 磊",
        "“以前下一趟楼要歇三回，现在按个按钮就到了！”家住九都路的王大爷说。",
        "为减轻居民负担，我市对老旧小区加装电梯给予每部最高20万元的补贴，审批时限由",
        "今日天气",
        "20个工作日压缩至10个工作日以内。",
    ]
    units = read_units("\n".join(lines) + "\n")
    at = {u.line: i for i, u in enumerate(units)}
    assert at[2] not in starts(units, at[7])
    assert at[9] in starts(units, at[7])


def test_slogans_over_an_advertisers_hotline_are_furniture() -> None:
    lines = [
        "今年前三季度，全省工程机械产业实现营业收入2630亿元，关键零部件逐步实现“湘",
        "湘江·云锦府",
        "金秋购房节 钜惠来袭",
        "精装三房 首付低至15万",
        "售楼热线：0731-85551188",
        "项目地址：长沙市岳麓区枫林三路",
        "开发商：某某置业有限公司 本广告仅为要约邀请",
        "产”替代。",
    ]
    units = read_units("\n".join(lines) + "\n")
    assert [u.kind for u in units] == ["para", *["noise"] * 6, "para"]
    assert units[1].reason == "page furniture: advertisement"


def test_a_run_in_title_of_two_phrases_keeps_both() -> None:
    lines = [
        "法治快讯",
        "■酒后挪车十米也是醉驾　近日，某县人民法院审结一起危险驾驶案，被告人被判处拘役。",
        "■恶意欠薪拒不支付　包工头被判实刑　近日，某县法院以拒不支付劳动报酬罪判处被告人徒刑。",
        "■埃及一古墓修复后重新开放 新华社开罗12月3日电　埃及旅游和文物部3日宣布古墓重新开放。",
    ]
    seg = segment_lines(lines)
    assert [a.title for a in seg.articles] == [
        "酒后挪车十米也是醉驾",
        "恶意欠薪拒不支付\u3000包工头被判实刑",
        "埃及一古墓修复后重新开放",
    ]


def test_more_headings_of_their_kind_further_down_make_a_subhead_likelier() -> None:
    # A hotline column's first problem, a heading over a dated paragraph, speaks of
    # nothing above it; the headings further down the same text make it one of a series.
    seen = HeadingBetween(
        text="人行道井盖松动，一踩就“哐当”响",
        under=["11月28日，家住西工区唐宫路的赵女士来电说，小区门口的井盖松动了。"],
        speaks_of_under=0.05,
        under_goes_on=0.0,
        speaks_of_above=0.0,
        subheads=0,
        paragraphs=1,
    )
    alone = subhead_model().headline_probability(seen)
    in_series = subhead_model().headline_probability(replace(seen, ahead=3))
    assert in_series < alone
