"""Layouts met on blind pages of batches AE–AG, each on a small invented page: a feature's
first column printed above its own headline, tips clustered under a label, a photo's title
under its caption, short lines under a title, poems printed one after another."""

from __future__ import annotations

import pytest
from support import block_texts, segment_lines, titled

from site_builder.ingest import grammar as gr
from site_builder.ingest import patterns as pt
from site_builder.ingest.candidates import junction_features
from site_builder.ingest.furniture import furniture_shape
from site_builder.ingest.grammar import OPENER
from site_builder.ingest.lines import read_units
from site_builder.ingest.page_facts import PageFacts, anchors
from site_builder.ingest.person_names import name_like
from site_builder.ingest.titles import split_headline


def test_a_features_first_column_printed_above_its_headline_is_read_under_it() -> None:
    # An evening paper with no blank lines: column 1, then the headline group over column
    # 2, whose first line goes on with column 1's last sentence.
    lines = [
        "青湾晚报",
        "2026年6月5日 星期五",
        "中午刚过，河西社区的长者食堂里已经坐满了人，老人们端着餐盘找位置坐下。",
        "据了解，这家食堂由社区提供场地、引入专业餐饮企业运营，菜品少油少盐、软烂易嚼，每周的菜单都会提前",
        "社区食堂里的烟火气",
        "本报记者 陈  蕾",
        "在社区微信群里公布，老人们可以提出自己的建议。",
        "傍晚时分，食堂又热闹起来，几位老人吃完饭坐在门口聊天。",
    ]
    seg = segment_lines(lines, "\n")
    feature = titled(seg, lines[4])
    assert feature.authors == ["陈蕾"]
    assert block_texts(feature) == [lines[2], lines[3] + lines[6], lines[7]]
    assert len(seg.articles) == 1


def test_tips_under_a_label_each_a_title_over_one_short_paragraph_are_briefs() -> None:
    lines = [
        "生活提示",
        "西瓜切开后别放太久",
        "切开的西瓜最好当天吃完，吃不完的要用保鲜膜包好放入冰箱。",
        "空调温度调至26℃为宜",
        "夏季使用空调，室内外温差不宜超过8℃，每隔两三个小时开窗通风一次。",
        "雷雨天气尽量减少外出",
        "遇到雷雨天气，不要在大树下避雨，远离电线杆和变压器。",
    ]
    seg = segment_lines(lines)
    assert [a.title for a in seg.articles] == [lines[1], lines[3], lines[5]]
    assert {a.kind for a in seg.articles} == {"brief"}
    assert {a.column for a in seg.articles} == {"生活提示"}


def test_the_dumps_opening_text_continues_a_column_cut_under_its_own_headline() -> None:
    # Column 2 of a theory article printed first (the dump opens mid-sentence), then a
    # commentary, then the article's headline over column 1, cut at its foot.
    lines = [
        "管、管得好，居民参与公共事务的热情自然会被激发出来。",
        "机制建设还要注重数字赋能，让群众诉求的办理进度一目了然。",
        "衡州时评",
        "“免费停车”不该藏着小字",
        "■ 宋  岚",
        "春节前，多家商业综合体承诺节假日免费停车，不少顾客却被收了费。",
        "理论探索",
        "在“小切口”里做好基层治理“大文章”",
        "欧阳启明",
        "基层治理是国家治理的基石，其成效最终要落到群众的日常感受上。",
        "转变观念，要把问需于民落到日常。一些社区推行“楼栋夜谈”，由网格员每月与居民围坐聊天，当群众发现自己提出的问题真的有人",
    ]
    seg = segment_lines(lines)
    theory = titled(seg, lines[7])
    assert theory.authors == ["欧阳启明"]
    assert theory.column == "理论探索"
    assert block_texts(theory) == [lines[9], lines[10] + lines[0], lines[1]]
    comment = titled(seg, lines[3])
    assert comment.column == "衡州时评"
    assert comment.kind == "commentary"


def test_time_words_open_a_paragraph_like_other_ledes() -> None:
    assert OPENER.match("最近，市工人文化宫开设的夜校名额一放出便被抢空。")
    assert OPENER.match("近来，市里公布了新一批便民生活圈名单。")


def test_a_compound_surname_with_a_rare_given_name_is_a_name_a_column_is_not() -> None:
    assert name_like("欧阳启明")
    assert name_like("司马光")
    assert not name_like("东方时评")
    assert not name_like("衡岳时评")
    assert not name_like("小小说")


def test_xun_starting_a_longer_word_is_no_datelines() -> None:
    assert pt.DATELINE_RE.match("某某日报社关于2025年度优秀通讯员评选结果的公示") is None
    assert pt.DATELINE_RE.match("本报讯（记者 张三）近日，")["dateline"] == "本报讯"


def test_a_padded_digest_label_is_furniture() -> None:
    assert furniture_shape("导  读") == "digest label"


def test_a_photos_title_under_its_caption_opens_no_text() -> None:
    # A report cut at a column's foot; a photo (caption with its credit, then its title);
    # the report's next column under the photo's title.
    lines = [
        "全省高标准农田春灌全面铺开",
        "本报讯（记者 马文博）惊蛰将至，河西走廊的渠道里已经有了流水声。",
        "省水利厅负责人介绍，全省高效节水灌溉面积占比已达70.3%，比五年前提高了",
        "3月4日，技术人员在育苗工厂查看辣椒苗长势。 本报记者 罗  晴 摄",
        "育苗工厂春意浓",
        "12个百分点，亩均用水量下降到四百立方米以内。",
        "为保障春灌期间用水有序，各地水管单位实行“一渠一策”配水方案。",
    ]
    seg = segment_lines(lines)
    report = titled(seg, lines[0])
    assert lines[2] + lines[5] in block_texts(report)
    assert lines[6] in block_texts(report)


def test_a_photographers_notes_are_commentary_though_a_reporter_signs_them() -> None:
    lines = [
        "摄影手记",
        "等一场山雾",
        "本报记者 黄  溪",
        "拍茶山，最难等的是雾。晴天的茶园层次分明，却少了几分灵气。",
        "第三天清晨，雾终于从山谷里升起来，我连按快门，拍下了那张照片。",
    ]
    seg = segment_lines(lines)
    assert seg.articles[0].kind == "commentary"
    assert seg.articles[0].column == "摄影手记"


def test_a_short_line_under_a_title_is_the_title_unless_it_names_a_genre() -> None:
    # 谷雨前后采制忙 / 茶山四月天: kicker and title; 坚持不懈抓好安全生产 / 短评: title and
    # the commentary's column.
    lines = [
        "谷雨前后采制忙",
        "茶山四月天",
        "谷雨将至，长汀县濯田镇的高山茶园迎来一年中最忙碌的时节。",
        "坚持不懈抓好安全生产",
        "短评",
        "冬季是安全生产的关键时期，各地各部门要把责任落到实处。",
    ]
    seg = segment_lines(lines)
    tea = titled(seg, "茶山四月天")
    assert (tea.kicker, tea.column) == ("谷雨前后采制忙", None)
    assert titled(seg, lines[3]).column == "短评"


def test_a_poems_lines_end_at_the_next_poems_title_over_its_padded_poet() -> None:
    lines = [
        "春分",
        "沈  岑",
        "燕子把剪刀还给了柳枝",
        "河面上，冰的旧信",
        "被一行行拆开",
        "昼与夜各让出一步",
        "山居",
        "顾  舟",
        "竹篱外的野蔷薇",
        "替我记着来客的数目",
        "我在灶膛里添一根松枝",
        "火光便把整座山轻轻抱了一下",
        "小小说",
        "老周的渡船在青螺江上摆了三十二年，从木船换成了铁皮船。",
    ]
    seg = segment_lines(lines, "\n")
    assert block_texts(titled(seg, "春分")) == lines[2:6]
    poem = titled(seg, "山居")
    assert (poem.authors, block_texts(poem)) == (["顾舟"], lines[8:12])


def test_a_sections_name_under_a_title_is_the_texts_first_subhead() -> None:
    lines = [
        "以案说法",
        "大件商品拆封试用后能否无理由退货",
        "案情",
        "2025年8月，市民范某在某网络店铺购买了一台按摩椅，试用后要求退货。",
        "说法",
        "承办法官介绍，按摩椅不属于法定不适用无理由退货的商品。",
    ]
    seg = segment_lines(lines, "\n")
    case = titled(seg, lines[1])
    assert case.column == "以案说法"
    assert [(b.type, b.text) for b in case.blocks][:2] == [("h", "案情"), ("p", lines[3])]


def test_a_features_first_column_at_the_pages_top_goes_under_the_headline_below_it() -> None:
    # Two whole paragraphs under the furniture, then kicker, title, subtitle and byline
    # over the rest of the report: one article, its headline printed after its first column.
    lines = [
        "汉江产经报",
        "2026年3月5日 星期四",
        "早上8点，高新区一家汽车零部件企业的总装车间里，机械臂正在有条不紊地焊接电池托盘。",
        "这家企业的忙碌，是全市新能源汽车产业链加速成势的一个缩影。",
        "链上发力 集群成势",
        "新能源汽车产业链产值破千亿",
        "去年新增配套企业23家，本地配套率提高到52%",
        "本报记者 何嘉明",
        "产业链条变长，关键在“补链”。过去，整车企业所需的电机要从外地采购。",
        "“补链”之外，还要“强链”，当地推动整车企业向配套企业开放应用场景。",
    ]
    seg = segment_lines(lines, "\n")
    assert len(seg.articles) == 1
    report = seg.articles[0]
    assert (report.kicker, report.title) == (lines[4], lines[5])
    assert block_texts(report) == [lines[2], lines[3], lines[8], lines[9]]


def test_a_headline_group_under_an_affiliation_opens_the_text_under_it() -> None:
    # A commentary's affiliation ends it; the cut sentence below goes on elsewhere, never
    # in the first paragraph under the next headline.
    text = "\n".join(
        [
            "增强韧性，要坚持底线思维，让社区网格员成为风险发现",
            "（作者单位：某某市委党校）",
            "学思践悟",
            "在统筹与分工之间把握县域治理的辩证法",
            "县域是国家治理的基本单元，既要承接上级部署，又要直接面对群众。",
            "和先期处置的第一道防线。",
        ]
    )
    units = read_units(text)
    features = junction_features(units, 0, 4, PageFacts.read(units))
    assert features.get("under a heading that opens it") == 1.0


def test_a_modal_verb_at_a_cut_takes_a_phrase_that_opens_like_a_paragraph() -> None:
    text = "\n\n".join(
        [
            "从营业执照到发票，过去要跑好几个窗口，如今申领营业执照、刻制印章、领发票，都要",
            "省直机关干部职工参加春季义务植树",
            "在手机上完成，“整个过程没去过一次窗口。”",
        ]
    )
    units = read_units(text)
    features = junction_features(units, 0, 2, PageFacts.read(units))
    assert "start reads like a paragraph opening" not in features
    assert features["grammar across the join"] > 0


def test_an_enumerations_first_word_opens_a_sentence() -> None:
    assert not gr.cannot_open("其一，适当增加曝光补偿。")
    assert gr.cannot_open("其在基层的作用更加明显。")


def test_weather_box_lines_and_a_spaced_hotline_are_furniture() -> None:
    assert furniture_shape("晴转多云") == "weather sky"
    assert furniture_shape("西北风3～4级") == "weather wind"
    assert furniture_shape("晚报新闻热线:8806 1234(24小时)") == "hotline"


def test_a_four_character_section_name_under_a_title_is_a_subhead() -> None:
    lines = [
        "以案说法",
        "网购“七天无理由退货”，商家能以拆封为由拒绝吗",
        "案情回顾",
        "2025年10月，市民刘某在网上购买了一台空气净化器，拆封试用后申请退货被拒。",
    ]
    seg = segment_lines(lines, "\n")
    assert [(b.type, b.text) for b in seg.articles[0].blocks] == [("h", lines[2]), ("p", lines[3])]


def test_a_photos_title_printed_under_its_caption_heads_the_photo_not_the_next_item() -> None:
    lines = [
        "凤凰县椪柑迎来丰收",
        "本报讯（记者 田野）连日来，凤凰县的椪柑园里一派繁忙，果农们忙着采摘装箱。",
        "今年全县椪柑订单销售占比超过六成，果农收入稳步增加。",
        "11月26日，泸溪县浦市镇的冬闲田里，农机手驾驶旋耕机翻耕土地。（本报记者 向晴 摄）",
        "冬闲田里农事忙",
        "田间课堂",
        "冬季油菜田管抓好三件事",
        "本报通讯员 石  磊",
        "当前油菜进入苗期，是培育壮苗、安全越冬的关键时期。",
    ]
    seg = segment_lines(lines)
    photo = titled(seg, lines[4])
    assert (photo.kind, photo.authors, block_texts(photo)) == ("photo", ["向晴"], [lines[3]])
    tips = titled(seg, lines[6])
    assert (tips.column, tips.authors) == ("田间课堂", ["石磊"])
    assert lines[3] not in block_texts(titled(seg, lines[0]))


def test_a_drawings_credit_makes_a_cartoon_an_item_of_its_own() -> None:
    lines = [
        "言论",
        "“一次办好”贵在一以贯之",
        "■ 周晓岚",
        "前不久，市不动产登记中心推出“交房即交证”服务，新房业主领钥匙时就能拿到证书。",
        "“留痕”过度",
        "有的单位要求每项工作都要拍照片、写简报、建台账，基层干部疲于应付。",
        "吴  川 作",
        "读书札记",
        "一个村庄的七十年",
        "孙叶舟",
        "马青禾在书中记录的，是他出生的那个江南村庄七十年间的变迁。",
    ]
    seg = segment_lines(lines, "\n")
    cartoon = titled(seg, lines[4])
    assert (cartoon.kind, cartoon.authors, block_texts(cartoon)) == ("photo", ["吴川"], [lines[5]])
    review = titled(seg, lines[8])
    assert (review.column, review.authors) == ("读书札记", ["孙叶舟"])


def test_a_genres_name_and_one_paragraph_over_a_title_open_that_story() -> None:
    lines = [
        "灯盏",
        "苏  禾",
        "夜色从山脚一寸一寸漫上来，村口的第一盏灯亮了，像谁轻轻咳了一声。",
        "如今我在千里之外的城市，窗外的灯多得数不清，亮得让人睡不着。",
        "小小说",
        "邝师傅的修表摊在菜市场门口摆了三十年，一张小方桌，一盏台灯，一只放大镜，就是全部家当。",
        "最后一块表",
        "■ 韦一苇",
        "这些年戴表的人越来越少，来修表的大多是上了年纪的老主顾。",
    ]
    seg = segment_lines(lines, "\n")
    story = titled(seg, lines[6])
    assert (story.column, story.kind) == ("小小说", "commentary")
    assert block_texts(story) == [lines[5], lines[8]]
    assert block_texts(titled(seg, lines[0])) == lines[2:4]


def test_a_title_broken_between_the_halves_of_a_paired_construction_is_one_title() -> None:
    assert split_headline(["调查研究既要“身入”", "更要“心至”"]) == (
        None,
        "调查研究既要“身入”更要“心至”",
        None,
    )
    assert split_headline(["抓好冬季安全生产", "守住民生底线"])[0] == "抓好冬季安全生产"


def test_a_labelled_cluster_may_open_with_a_dateline_and_hold_a_run_in_item() -> None:
    lines = [
        "科技前沿",
        "我省首颗商业遥感卫星完成在轨测试",
        "本报讯 省航天技术研究院日前宣布，由本省企业研制的首颗商业遥感卫星完成在轨测试。",
        "可降解柔性电路板在实验室问世",
        "东江大学一支研究团队以纤维素薄膜为基底，研制出可在土壤中降解的柔性电路板。",
        "算力券开放第二批申领 即日起，省超算中心面向中小企业开放第二批算力券申领。",
        "科考船在南海采集到深海沉积物岩芯",
        "省海洋研究所科考船近日完成今年首个航次，采集到一段长约千米的沉积物岩芯。",
    ]
    seg = segment_lines(lines, "\n")
    assert [a.title for a in seg.articles] == [lines[1], lines[3], "算力券开放第二批申领", lines[6]]
    assert {a.kind for a in seg.articles} == {"brief"}
    assert seg.articles[0].dateline == "本报讯"
    assert block_texts(seg.articles[2]) == ["即日起，省超算中心面向中小企业开放第二批算力券申领。"]


def test_a_first_numbered_section_after_the_lede_is_a_subhead_when_a_second_follows() -> None:
    lines = [
        "聚焦乡村学校“小而美”之路",
        "山坳里的课堂亮起来了",
        "——石门县推进乡村小规模学校提质调查",
        "本报记者 龚雪 通讯员 向楠",
        "清晨六点半，壶瓶山脚下的雁池中学已经飘出饭菜香，食堂师傅把刚蒸好的红薯端上桌。",
        "三年前，雁池中学还面临着撤并的可能：生源连年减少，几门学科只有一名老师。",
        "一、从“撤并”到“留下来”",
        "石门县地处武陵山区，全县有百人以下的乡村小规模学校和教学点41所。",
        "2022年起，县里调整了思路，不再简单“一撤了之”，而是保留一批、改造一批。",
        "石门县雁池中学校长覃立新：",
        "“孩子在家门口有学上，家长就不用跟着去县城租房陪读。”",
        "二、一块屏幕连起两间教室",
        "在所街乡中心小学的六年级教室里，一块大屏幕连着城区一所小学的课堂。",
    ]
    seg = segment_lines(lines)
    assert len(seg.articles) == 1
    blocks = [(b.type, b.text) for b in seg.articles[0].blocks]
    assert blocks[2] == ("h", lines[6]) and blocks[7] == ("h", lines[11])


def test_a_feature_printed_2_3_1_with_its_byline_over_column_1_reads_1_2_3() -> None:
    # No blank lines: column 2 (opening mid-sentence, cut at its foot), the headline
    # group, column 3, the byline, then column 1, cut where column 2 goes on.
    lines = [
        "刺桐晚报",
        "可那是念想，修好了，人家心里就踏实了。”黄德生说，他修过的表少说也有上万块。",
        "在黄德生隔壁，开了三十多年修表铺的庄秀琴正在给一位老先生换表带。她笑着告诉记者，这几年整条街区",
        "守着一方小柜台 修了四十年时光",
        "中山路上的“修表一条街”",
        "变了样，来修表的年轻人反倒多了，有人专门从外地赶来学手艺。",
        "傍晚，骑楼下的灯一盏盏亮起来，黄德生收起工具，把柜台推回店里。",
        "本报记者 苏晓岚",
        "早上九点，中山路北段的骑楼下，黄德生拉开卷帘门，把一张旧木柜台推到门口。",
        "“现在人人都用手机看时间，来修表的人少了，但从没断过。有的表不值钱，",
    ]
    seg = segment_lines(lines, "\n")
    feature = titled(seg, lines[4])
    assert feature.authors == ["苏晓岚"]
    assert block_texts(feature) == [lines[8], lines[9] + lines[1], lines[2] + lines[5], lines[6]]


def test_a_photo_news_label_over_a_caption_then_its_title_is_one_photo_item() -> None:
    lines = [
        "图片新闻",
        "5月10日，蓝山县塔峰镇的高山茶园里，茶农们趁着晴好天气采摘春茶。（通讯员 李青 摄）",
        "高山茶园采茶忙",
        "江华瑶族自治县码市镇",
        "长鼓舞培训班吸引百余名村民报名",
        "本报讯（通讯员 奉雪晴）5月8日，码市镇长鼓舞培训班开班，百余名村民报名参加。",
    ]
    seg = segment_lines(lines, "\n")
    photo = titled(seg, lines[2])
    assert (photo.kind, photo.column, photo.authors) == ("photo", "图片新闻", ["李青"])
    news = titled(seg, lines[4])
    assert news.kicker == lines[3]


def test_a_cluster_label_ending_in_jianbao_names_no_paper() -> None:
    lines = [
        "要闻简报",
        "中心城区新增公共充电桩620个　截至11月中旬，中心城区今年新建公共充电桩620个。",
        "会泽越冬黑颈鹤数量超千只　会泽县大桥乡湿地近日监测到越冬黑颈鹤1036只。",
        "师宗县完成农村道路安全排查　师宗县交通运输局近日组织对全县农村公路开展排查。",
    ]
    seg = segment_lines(lines, "\n")
    assert [a.title for a in seg.articles] == [
        "中心城区新增公共充电桩620个",
        "会泽越冬黑颈鹤数量超千只",
        "师宗县完成农村道路安全排查",
    ]
    assert {a.column for a in seg.articles} == {"要闻简报"}


def test_a_label_over_an_unsigned_text_is_its_column_when_the_title_follows_the_text() -> None:
    lines = [
        "学习笔记",
        "读理论原著，最怕的是“读过了”却“没读进去”，合上书就忘了书里讲了什么。",
        "带着问题读，就是在打开书之前先问自己：我想从书里找到什么答案？",
        "□ 韩予安",
        "读原著要读出“问题意识”",
        "观点摘编",
        "数字赋能不能替代面对面",
        "政务服务平台越来越便捷，但有些干部因此少了下基层的脚步。",
    ]
    seg = segment_lines(lines)
    notes = titled(seg, lines[4])
    assert (notes.column, notes.authors) == ("学习笔记", ["韩予安"])
    assert block_texts(notes) == lines[1:3]


def test_marks_around_a_headline_are_kept_apart_from_its_words() -> None:
    lines = [
        "【让新就业形态劳动者“有靠”】平台经济快速发展，外卖骑手、网约车司机越来越多。",
        "■ 邬正清",
        "【乡村文化振兴重在一个“活”字】一些地方热衷于建文化广场，却少了群众愿意参与的活动。",
        "■ 杭书砚",
        "▲城北区开展冬季燃气安全入户检查",
        "本报讯 近日，城北区组织燃气企业工作人员走进老旧小区，逐户检查燃气管道和灶具。",
    ]
    seg = segment_lines(lines)
    check = titled(seg, "城北区开展冬季燃气安全入户检查")
    assert check.marks == "▲"
    riders = titled(seg, "让新就业形态劳动者“有靠”")
    assert (riders.marks, block_texts(riders)) == ("【】", [lines[0][15:]])
    assert titled(seg, "乡村文化振兴重在一个“活”字").marks == "【】"


def test_a_sections_name_in_square_brackets_stays_in_its_paragraph() -> None:
    units = read_units("【案情】2025年8月，市民王某在小区遛狗时未拴绳，邻居的孩子被吓倒摔伤。\n")
    assert [u.kind for u in units] == ["para"]


def test_bulleted_run_in_items_under_any_short_label_are_a_cluster() -> None:
    seg = segment_lines(
        [
            "健康提示",
            "●高温天谨防热射病 近期我市持续高温，户外作业人员要避开正午时段，及时补充水分和盐分。",
            "●空调温度别低于26℃ 长时间待在低温空调房内，容易引发头痛、关节酸痛等不适症状。",
            "●吃西瓜不宜过量 西瓜解暑，但一次食用过多容易损伤脾胃，老人和儿童更要适量。",
        ],
        gap="\n",
    )
    titles = [a.title for a in seg.articles]
    assert titles == ["高温天谨防热射病", "空调温度别低于26℃", "吃西瓜不宜过量"]
    assert {a.column for a in seg.articles} == {"健康提示"}


@pytest.mark.parametrize(
    ("line", "byline"), [("◎注意事项", False), ("◎贴敷时间", False), ("□ 其木格", True)]
)
def test_a_bullet_glued_to_common_words_marks_no_signature(line: str, byline: bool) -> None:
    (unit,) = read_units(line + "\n")
    assert (unit.kind == "byline") is byline


def test_a_run_in_items_text_continues_no_other_cut_sentence() -> None:
    seg = segment_lines(
        [
            "城事速览",
            "■市区3处口袋公园月底前完工 位于朗州路和人民西路的3处口袋公园将于月底前完工，"
            "为周边居民新增休闲空间约6800平方米。",
            "全市首个“零碳”示范社区挂牌",
            "本报讯（记者 罗佳）3月16日，某区白马湖社区挂牌。下一步，该区将总结社区经验，在",
        ]
    )
    park = titled(seg, "市区3处口袋公园月底前完工")
    assert block_texts(park)[0].startswith("位于朗州路")


def test_excerpts_under_a_label_each_with_a_source_line_are_briefs_of_one_cluster() -> None:
    seg = segment_lines(
        [
            "观点摘编",
            "以新质生产力赋能传统产业",
            "发展新质生产力不是忽视、放弃传统产业。传统产业经过改造升级，同样可以焕发新的活力。",
            "（摘编自《东南理论周刊》）",
            "基层减负要防止“变形走样”",
            "为基层减负，不能简单地一减了之。要分清哪些是必要的工作留痕，哪些是形式主义。",
            "（摘编自《海西观察》）",
        ],
        gap="\n",
    )
    assert [(a.kind, a.column) for a in seg.articles] == [("brief", "观点摘编")] * 2
    assert block_texts(seg.articles[1])[-1] == "（摘编自《海西观察》）"


def test_a_series_name_ending_like_one_over_a_title_is_its_column() -> None:
    seg = segment_lines(
        [
            "理论热点面对面",
            "“小县城”如何托起“大民生”",
            "本报记者 邱雅婷",
            "问：县城的公共服务短板主要在哪里？",
            "答：主要在养老、托育和医疗，需要统筹规划，补齐短板。",
        ]
    )
    (article,) = seg.articles
    assert article.column == "理论热点面对面" and article.kicker is None


def test_a_dotted_label_under_the_masthead_is_the_pages_name() -> None:
    seg = segment_lines(
        [
            "2",
            "泰沂日报",
            "2025年12月3日 星期三",
            "要闻·综合",
            "加快建设先进制造业强市",
            "（上接第一版）",
            "今年以来，我市把“链长制”作为推动产业集群发展的总抓手，围绕先进制造业精准发力。",
        ]
    )
    assert seg.furniture.page_name == "要闻·综合"
    (article,) = seg.articles
    assert article.column is None and article.title == "加快建设先进制造业强市"


def test_a_cut_in_the_pages_first_column_goes_on_under_a_later_headline_and_byline() -> None:
    # The page opens with a feature's first column (a subhead in it) and no headline; a
    # brief follows; the feature's headline and byline stand over its next column, which
    # finishes the cut word (需|要). Another article between them does not stop the join.
    lines = [
        "青枫晚报",
        "2025年11月18日 星期二",
        "早上七点，槐荫巷口的豆浆铺已经支起了桌椅，老街坊们陆续坐下来喝早茶。",
        "槐荫巷全长不到四百米，两侧多是上世纪五六十年代的砖木老房。",
        "老墙留住了",
        "去年春天，槐荫巷被纳入街巷微更新试点，设计团队逐户登记，一共标出了需",
        "这些路口的过街灯“会等人”了",
        "本报讯（记者 庞 博）记者昨日从市公安局交警支队获悉，市区已在12个路口安装智能过街信号灯。",
        "交警部门表示，试点路口的行人闯红灯现象明显减少。",
        "槐荫巷里又闻市井声",
        "记者 孟 瑶",
        "要保留的老构件三百多处。",
        "“老房子最值钱的就是这些细节。”设计师吴琼说，修缮时尽量使用旧砖旧瓦。",
    ]
    seg = segment_lines(lines, "\n")
    feature = titled(seg, lines[9])
    assert lines[5] + lines[11] in block_texts(feature)
    assert lines[2] in block_texts(feature)


def test_a_report_under_an_unlabelled_note_keeps_its_dateline_paragraph() -> None:
    # headline, an editor's note signed ——编  者, byline, then the dateline: one article,
    # the note its first block.
    lines = [
        "一位管护员的二十年巡山路",
        "在高原腹地，有一支由牧民组成的生态管护员队伍。本期讲述其中一位的故事。",
        "——编  者",
        "本报记者 贺 川",
        "本报玛多12月2日电 天还没亮，黄河乡的牧民尕藏尼玛已经发动了摩托车。",
        "这是他当管护员的第二十个年头，他负责的片区紧挨着扎陵湖。",
    ]
    seg = segment_lines(lines)
    (article,) = seg.articles
    assert block_texts(article) == [lines[1], lines[2], lines[4], lines[5]]
    assert article.authors == ["贺川"]


def test_a_headline_between_paragraphs_over_its_later_column_heads_the_dateline_below() -> None:
    # A commentary's paragraphs, then an airport report's headline over the report's later
    # column, then the report's dateline opening: not a subhead of the commentary.
    lines = [
        "营商环境没有终点",
        "本报评论员",
        "优化营商环境，关键在于把企业的难处当成自己的事，把服务做在企业开口之前。",
        "营商环境建设没有终点，只有连续不断的新起点，每一名公职人员都是它的代言人。",
        "美兰机场冬春航季国际航线增至26条",
        "新航季期间，国内航线方面，美兰机场将加密至北京、上海、成都等城市的航班。",
        "本报海口10月21日讯（记者 陈  元）10月26日起，美兰机场执行冬春航季航班计划。",
        "机场方面介绍，为迎接冬季旅游高峰，美兰机场航站楼新增自助值机设备。",
    ]
    seg = segment_lines(lines)
    report = titled(seg, lines[4])
    assert block_texts(report) == [lines[6], lines[7], lines[5]]
    assert report.authors == ["陈元"]
    assert lines[4] not in block_texts(titled(seg, lines[0]))


def test_two_heading_lines_over_text_after_a_closing_credit_open_an_article() -> None:
    # text, （记者 某某）, then a column label and a title over text: an article opening (the
    # reading order may jump there); over a byline of their own, the first of two lines may
    # be the title of the text above, printed after it, and is no opening.
    opening = read_units(
        "市民可拨打热线咨询。\n（通讯员 包文斌 本报记者 张  帆）\n农事提醒\n"
        "春播马铃薯要把好“三道关”\n要选用脱毒种薯，优先选择高产抗病品种。\n"
    )
    assert 2 in anchors(opening)
    trailing = read_units(
        "广州地铁提醒，部分换乘站早高峰客流较大。\n（记者 陈小敏）\n"
        "十一号线首个工作日客运量超62万人次\n广州南站今年春运预计发送旅客超千万人次\n"
        "记者 冯  伟\n昨日，记者从广铁集团获悉春运安排。\n"
    )
    assert 2 not in anchors(trailing)
