"""Layouts met on the blind pages of batches BE and BF, each on a small invented page: a
chronology under a sidebar's label, a headline whose second phrase follows a school's name,
a photo's credit over the next article's headline group and its video code, a headline
printed after its text where a dump's few blank lines part blocks, and a county paper
hard-wrapped at a narrow column whose briefs open with bullets."""

from __future__ import annotations

from support import block_texts, segment_lines, titled, wrap

from site_builder.ingest import patterns as pt
from site_builder.ingest.adverts import advert_blocks
from site_builder.ingest.candidates import junction_features
from site_builder.ingest.lines import classify, read_units
from site_builder.ingest.page_facts import PageFacts
from site_builder.ingest.wrapped import _runs_on

INTERVIEW = [
    "让荒山变成青山",
    "——访某县林业局局长某甲",
    "本报记者　某乙",
    "　　记者：这些年全县的造林面积有多大？",
    "　　某甲：从上世纪80年代到现在，全县累计造林一百多万亩，森林覆盖率从两成提高到六成。",
    "　　记者：最难的是什么？",
    "　　某甲：最难的是坚持。种下去的树，头几年成活率很低，有的地方种了三四遍才保住。",
    "",
    "链接",
    "",
    "某县造林大事记",
    "　　1983年　某县被列为全省造林绿化试点县。",
    "　　2000年　造林绿化列入全县为民办实事项目。",
    "　　2012年　某县经验在全省推广。",
]


def test_a_chronology_under_a_label_is_one_sidebar_not_briefs() -> None:
    seg = segment_lines(INTERVIEW, "\n")
    sidebar = titled(seg, "某县造林大事记")
    assert len(sidebar.blocks) == 3
    assert block_texts(sidebar)[1].startswith("2000年")
    # (a date alone is no run-in title)
    assert not any(pt.DATE_ONLY_RE.fullmatch(a.title) for a in seg.articles)
    assert pt.DATE_ONLY_RE.fullmatch("2024年5月") and not pt.DATE_ONLY_RE.fullmatch("5G网络")


def test_a_headlines_phrase_after_a_schools_name_is_no_signature() -> None:
    assert classify(1, "校企共建产业学院　学生毕业即上岗", True).kind == "head"
    signed = classify(1, "某市某区人民法院　郑  佳", True)
    assert signed.kind == "byline" and signed.credit == ("郑佳",)


def test_a_code_to_scan_between_a_headline_and_its_byline_is_no_advert() -> None:
    lines = [
        "一本账本里的合作经济",
        "——走进某县一家蔬菜合作社",
        "扫描二维码　观看视频报道",
        "本报记者　某丙",
        "　　在某县某镇某村，合作社理事长的办公桌上摆着一本翻得起了毛边的账本。",
    ]
    units = read_units("\n".join(lines) + "\n")
    advert_blocks(units)
    assert [u.kind for u in units[:2]] == ["head", "head"]
    over_hotline = read_units("金秋购房节\n首付低至15万\n购房热线：0731-8888888\n")
    advert_blocks(over_hotline)
    assert [u.kind for u in over_hotline] == ["noise", "noise", "noise"]


PHOTO_THEN_FEATURE = [
    "新宁脐橙挂满枝",
    "　　11月下旬，某县某山脚下的脐橙陆续进入采摘期，全县脐橙种植面积达到48万亩。",
    "　　图①：果农在果园里采摘脐橙。",
    "　　图②：一家电商企业的工作人员正在打包发货。",
    "本报记者　某丁　摄",
    "一本账本里的合作经济",
    "——走进某县一家蔬菜合作社",
    "扫描二维码　观看视频报道",
    "本报记者　某丙",
    "　　在某县某镇某村，蔬菜专业合作社理事长的办公桌上，摆着一本翻得起了毛边的账本。",
    "　　账本上记着每一户社员交菜的日期、品种、重量和结算金额，最早一页是2016年的。",
]


def test_a_headline_group_after_a_photos_credit_opens_the_article_it_signs() -> None:
    seg = segment_lines(PHOTO_THEN_FEATURE, "\n")
    feature = titled(seg, "一本账本里的合作经济")
    assert feature.authors == ["某丙"] and len(feature.blocks) == 2
    photo = titled(seg, "新宁脐橙挂满枝")
    assert photo.kind == "photo" and len(photo.blocks) == 3


AFTER_ITS_TEXT = [
    "3月12日，市青少年活动中心开设机器人编程体验课，学生们在老师指导下组装机器人。",
    "通讯员　某丁　摄",
    "小小工程师",
    "",
    "本报讯（记者 某甲）新学期开学以来，市教育局联合公安、市场监管等部门开展春季护苗行动。",
    "截至目前，各地已排查校园周边商铺1200余家，查处违规销售行为30余起。",
    "各地还在上下学高峰时段增派警力和志愿者，在100多所学校门口设置护学岗。",
    "不少学校同步开展了交通安全和食品安全主题班会，邀请民警和医生走进课堂。",
    "市教育局有关负责人表示，护苗行动将持续到6月底。",
    "全市中小学开展春季护苗行动",
    "",
    "我市选育的杂交稻新品种通过省级审定",
    "本报讯（记者 某乙）近日，市农业科学研究所选育的一个杂交水稻新品种通过省级审定。",
    "据介绍，该品种历经8年选育，今年将在两县建立示范基地5000亩。",
    "该品种耐高温、抗倒伏，在区域试验中平均亩产比对照品种增产6.8%。",
    "研究所负责人表示，所里还在加紧选育耐热、优质的早稻品种。",
    "针对近年来夏季高温天气增多的情况，研究所力争两年内再推出一批新品种。",
    "",
    "校企共建产业学院",
    "本报讯（记者 某丙）3月14日，某职业技术学院与一家装备制造企业签约共建产业学院。",
    "学院有关负责人介绍，近年来学院已与30多家企业开展订单式培养。",
    "双方将共同制定人才培养方案，企业工程师进课堂授课，学生到企业车间实训。",
    "首批招收学生120名，毕业后可直接进入企业工作。",
    "学院今年还将新建两个实训基地，让更多学生在真实的生产线上学技术。",
]


def test_a_headline_after_a_text_then_a_blank_line_is_that_texts_not_a_kicker() -> None:
    # (the dump has few blank lines: they part blocks, so the headline group ends there)
    seg = segment_lines(AFTER_ITS_TEXT, "\n")
    rice = titled(seg, "我市选育的杂交稻新品种通过省级审定")
    assert rice.kicker is None
    assert all(a.kicker is None for a in seg.articles)


def test_a_line_at_the_margin_under_a_headline_on_an_indenting_page_is_a_later_column() -> None:
    lines = [
        "第十二届书画艺术节吸引万人观展",
        "通讯员　某甲　某乙",
        "罗镇的68岁老人有两幅作品入展，高兴得很。",
        "　　艺术节期间还举办了书画交易会和名家现场创作活动，现场成交书画作品210余幅。",
        "　　县文化馆负责人介绍，近年来，全县书画产业从业人员达到1.2万人。",
        "　　下一步，县上将继续办好书画艺术节，推动书画产业与乡村旅游融合发展。",
        "　　通渭素有书画之乡的美誉，本届艺术节设置了三个展区，来自榜",
    ]
    units = read_units("\n".join(lines) + "\n")
    page = PageFacts.read(units)
    assert page.indents
    features = junction_features(units, 6, 2, page)
    assert "under a heading that opens it" not in features
    assert features["start is not indented"] == 1.0


COLUMN = 14


def _wrap(text: str) -> list[str]:
    return wrap(text, COLUMN)


BRIEFS = [
    "■某镇开展送医下乡　12月17日，某镇卫生院组织医护人员深入4个村开展送医下乡活动，"
    "为群众免费量血压、测血糖，义诊群众300余人次。",
    "■某镇宣传冬季防火　近日，县消防救援大队联合某镇在集市上开展冬季防火宣传，"
    "发放宣传资料1500余份，提醒群众安全用火用电。",
    "■县一中举行冬季越野赛　12月13日，县第一中学举行冬季越野赛，全校1200余名学生参加，"
    "赛程分3公里和5公里两个组别。",
    "■农村低保复核工作完成　截至12月中旬，全县农村低保年度复核工作已全部完成，"
    "共复核低保对象9800余户，动态调整210户。",
]


def test_a_bulleted_line_of_a_wrapped_page_opens_a_brief() -> None:
    lead = (
        "本报讯　记者从县农业农村局获悉，县马铃薯脱毒种薯繁育基地顺利通过国家级种薯质量认证，"
        "成为全市首个获得该认证的县级种薯基地。基地位于某镇，占地1200亩，建有组培室、网棚和"
        "标准化贮藏窖，年可生产脱毒原原种3000万粒。"
    )
    lines = ["种薯基地通过国家认证", "本报记者　某甲", *_wrap(lead), "县域快讯"]
    for brief in BRIEFS:
        bullet, rest = brief[0], brief[1:]
        wrapped = wrap(rest, COLUMN - 1, indent="")
        lines += [bullet + wrapped[0], *wrapped[1:]]
    seg = segment_lines(lines, "\n")
    titles = {a.title for a in seg.articles}
    assert {"某镇开展送医下乡", "县一中举行冬季越野赛", "农村低保复核工作完成"} <= titles
    assert titled(seg, "某镇宣传冬季防火").column == "县域快讯"


def test_one_character_and_a_clause_mark_open_no_line_of_their_own() -> None:
    # (作品入|展，…: a word's tail runs on from the full line above)
    assert _runs_on("老人张德顺有两幅作品入", "展，种了一辈子地")
    assert not _runs_on("老人张德顺有两幅作品", "今年，他又种了一亩地")
