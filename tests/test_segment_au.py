"""Layouts met on the blind pages of batches AU and AV, each on a small invented page:
run-in clusters (a comma in a bulleted title, 【title】 items with their credits, an
unknown label over titled items), opinion told by its signature, a letter and the
editor's answer, source lines, hard-wrapped theory pages, interview turns, paired
conjunctions across a column break, a caption in its paragraph's block, credits glued to
a text, a photo's title under its credit, and an advertiser's box under a hotline."""

from __future__ import annotations

import pytest
from support import block_texts, norm, segment_lines, titled

from site_builder.ingest import joins
from site_builder.ingest.candidates import junction_features, starts
from site_builder.ingest.lines import read_units
from site_builder.ingest.page_facts import PageFacts
from site_builder.ingest.segment import segment_page
from site_builder.ingest.wrapped import column_width, join_wrapped


def test_a_bulleted_run_in_title_may_hold_a_comma_and_an_item_printed_apart_is_one() -> None:
    lines = [
        "法治快讯",
        "■酒后挪车十米也是醉驾　近日，某县人民法院审结一起危险驾驶案，被告人被判拘役一个月。",
        "■快递柜里手机被冒领，驿站被判赔偿　近日，某区人民法院审结一起保管合同纠纷案。",
        "反诈知识进社区",
        "11月10日，某街道联合区人民法院在社区广场开展普法宣传活动。",
        "通讯员　汪　洋　摄",
        "■离婚协议约定“房归孩子”　父亲反悔被驳回　近日，某县人民法院审结一起赠与合同纠纷案。",
    ]
    seg = segment_lines(lines, "\n")
    titles = [a.title for a in seg.articles]
    assert "快递柜里手机被冒领，驿站被判赔偿" in titles
    item = next(a for a in seg.articles if a.title.startswith("离婚协议"))
    assert item.kind == "brief" and block_texts(item)[0].startswith("近日")


def test_opinion_is_told_by_its_signature_or_a_genre_after_its_title() -> None:
    lines = [
        "让“县城青年”留得下也过得好",
        "本报评论员",
        "县城青年是县域发展最活跃的力量。留住他们，要有岗位，更要有好的公共服务。",
        "",
        "菜市场装上“智慧秤”，公平更要看得见（湖湘时评）",
        "欧阳晓",
        "近日，不少菜市场装上了“智慧秤”，缺斤短两的投诉少了，买卖双方都更放心。",
        "",
        "外婆的腌菜坛",
        "□　何　素　心",
        "外婆家的灶屋角落里，常年摆着三只腌菜坛子，那是我童年最熟悉的味道。",
    ]
    seg = segment_lines(lines, "\n")
    for title in (lines[0], lines[4], lines[8]):
        assert titled(seg, title).kind == "commentary", title


def test_the_editors_answer_under_a_letters_signature_stays_with_the_letter() -> None:
    lines = [
        "读者来信",
        "小区加装电梯，别卡在“最后一票”",
        "编辑同志：我家住在某区一个老小区，楼里多数住户都盼着加装电梯，却卡在一户不同意上。",
        "我理解低层住户的担心，也希望有关部门能出面协调，让好事办好。",
        "（某区　黄建国）",
        "编辑附言：加装电梯涉及全体业主的切身利益，既要尊重少数人的合理诉求，也要依法依规推进。",
        "",
        "湘江新论",
        "数字乡村建设，别让老人成了“局外人”",
        "肖若兰",
        "如今在不少村子里，缴医保、领补贴都搬到了手机上，一些老人却犯了难。",
    ]
    seg = segment_lines(lines, "\n")
    letter = titled(seg, lines[1])
    assert block_texts(letter)[-1] == lines[5]
    assert len(seg.articles) == 2


def test_bracketed_titles_over_their_credits_make_a_cluster_under_a_short_label() -> None:
    lines = [
        "微评",
        "",
        "【停车位“错时共享”值得推广】某市一些机关单位把停车位在夜间向周边居民开放，缓解了停车难。",
        "（周　蓓）",
        "",
        "【“适老化”改造别只改了门面】一些银行网点添了老花镜和轮椅，却仍要老人在手机上排号。",
        "（龙一帆）",
        "",
        "【校园“课后服务”要少些“一刀切”】课后服务是好事，但内容安排应当多听家长和孩子的意见。",
        "（彭可心）",
    ]
    seg = segment_lines(lines, "\n")
    assert [a.kind for a in seg.articles] == ["brief"] * 3
    assert {a.column for a in seg.articles} == {"微评"}
    assert [a.authors for a in seg.articles] == [["周蓓"], ["龙一帆"], ["彭可心"]]


def test_an_excerpts_source_line_is_whole() -> None:
    units = read_units("（节选自《江上人家》，某某文艺出版社2025年10月版）\n")
    assert units[0].kind == "para" and not units[0].fragment and units[0].closes


def _wrapped(lines: list[str]) -> list:
    text = "\n".join(lines) + "\n"
    column = column_width(text)
    assert column is not None
    return join_wrapped(read_units(text, column), column)


# A theory page hard-wrapped at 22 characters: 4000 takes four columns, the last line of
# the first column is cut, and the column after the source line goes on with it.
WRAPPED = [
    "　　从发展阶段看，我省常住人口城镇化率已超过",
    "六成，大城市的集聚效应依然明显，但人口向县城",
    "回流的趋势也开始显现。在五河县，近三年返乡创",
    "业人员累计超过4000人，其中近一半选择在县",
    "城或中心镇落脚。这说明，县城正在成为吸纳农业",
    "转移人口的重要载体，其功能需要重新认识。",
    "　　（摘编自《教育发展研究》2025年第3期）",
    "“一刀切”“运动式”推进，更不能以牺牲耕地和",
    "生态环境为代价。",
] * 3 + ["　　这是一段没有用处的补充文字，只为凑足页面行数而写。"] * 3


def test_a_wrapped_line_full_by_characters_goes_on_in_the_next() -> None:
    units = _wrapped(WRAPPED)
    by_line = {u.line: u for u in units}
    assert not by_line[5].gap_before  # the line under "…4000人，…在县"
    # A full line at a column's top, unindented, opens a wrapped block of its own.
    assert not by_line[9].gap_before
    # A source line never wraps on, however wide it is.
    assert by_line[8].gap_before and by_line[7].closes


def test_a_reporters_question_is_no_byline_and_continues_no_sentence() -> None:
    lines = [
        "让理论研究扎根田野",
        "本报记者　邵雨晴",
        "　　记者：您长期在基层做田野调查，为什么坚持",
        "　　吕文涛：农村问题的复杂性，只有到现场才能真正感受到，统计数据只能告诉我们一部分，",
        "　　记者：青年学者做田野调查，最容易遇到什么困难？",
    ]
    units = read_units("\n".join(lines) + "\n")
    assert units[2].kind != "byline"
    cut = next(i for i, u in enumerate(units) if u.text.startswith("吕文涛"))
    question = next(i for i, u in enumerate(units) if u.text.startswith("记者：青年"))
    assert question not in starts(units, cut)


def test_a_long_line_stopping_at_a_comma_is_a_cut_paragraph_not_a_heading() -> None:
    units = read_units("治理“职业闭店”乱象，既要对组织者、参与者依法追责，\n")
    assert units[0].kind == "para" and units[0].fragment and not units[0].ambiguous
    # A numbered subhead may run on into its text: the role model weighs that one.
    units = read_units("二、立足资源禀赋推动特色产业集群化发展，\n")
    assert units[0].ambiguous


def test_a_cut_sentence_that_opens_a_paired_conjunction_goes_on_with_its_second_half() -> None:
    lines = [
        "治理“职业闭店”乱象，既要对组织者、参与者依法追责，",
        "",
        "送法进工地",
        "3月15日，某区司法局法律服务队走进建筑工地，为农民工讲解劳动合同和工资支付的法律知识。",
        "",
        "也要补上预付式消费监管的短板。市场监管、人社、公安等部门应加强协作。",
    ]
    units = read_units("\n".join(lines) + "\n")
    tail = next(i for i, u in enumerate(units) if u.text.startswith("也要"))
    x = junction_features(units, 0, tail, PageFacts.read(units))
    assert x["answers a paired conjunction"] == 1.0


def test_a_caption_in_the_block_of_the_paragraph_its_photo_interrupts_is_not_joined() -> None:
    lines = [
        "中卫“沙漠光伏+”项目并网发电",
        "本报中卫讯（记者　郭静）3月17日，中卫市一处“沙漠光伏+”项目并网发电。",
        "与普通光伏电站不同，该项目在光伏板下方和板间空地同步实施草方格固沙，",
        "图为光伏板间新栽种的沙生植物。",
        "",
        "本报记者　郭静　摄",
        "预计3年内可治理沙化土地1.5万亩。",
    ]
    seg = segment_lines(lines, "\n")
    story = titled(seg, lines[0])
    assert any(
        t.endswith("草方格固沙，预计3年内可治理沙化土地1.5万亩。") for t in block_texts(story)
    )


def test_a_credit_glued_to_the_last_sentence_stays_in_the_text() -> None:
    lines = [
        "青田侨乡进口商品城客流回升",
        "一季度，侨乡进口商品城接待游客42万人次，同比增长18%，进口商品销售火爆。（通讯员　王青）",
    ]
    seg = segment_lines(lines, "\n")
    article = titled(seg, lines[0])
    assert [norm(t) for t in block_texts(article)] == [norm(lines[1])]
    assert article.authors == ["王青"]


ITEMS = [
    "县区传真",
    "龙泉青瓷小镇迎来研学高峰",
    "近期，龙泉市上垟青瓷小镇迎来春季研学高峰，每天接待中小学生一千余人次。",
    "青田侨乡进口商品城客流回升",
    "一季度，青田侨乡进口商品城接待游客42万人次，同比增长18%。",
    "遂昌金矿国家矿山公园开启夜游",
    "4月12日起，遂昌金矿国家矿山公园推出“夜游金矿”项目，游客可乘矿车进入古矿洞。",
]


def test_a_short_label_over_titled_one_paragraph_items_labels_a_cluster() -> None:
    seg = segment_lines(ITEMS)
    assert [a.kind for a in seg.articles] == ["brief"] * 3
    assert {a.column for a in seg.articles} == {"县区传真"}


def test_an_articles_subheads_under_its_dated_lede_are_no_cluster() -> None:
    lines = [
        "一线探春耕",
        "良种良机良法齐上阵",
        "新华社北京4月10日电（记者　于文博）清明过后，南方早稻育秧进入高峰。",
    ]
    lines += ITEMS[1:]
    seg = segment_lines(lines)
    assert seg.articles[0].column == "一线探春耕"
    assert "brief" not in {a.kind for a in seg.articles}


def test_a_heading_under_a_captions_credit_that_speaks_of_it_is_the_photos_title() -> None:
    lines = [
        "4月14日，游客在缙云县壶镇镇的油菜花田里拍照游玩。",
        "本报记者　程子涵　摄",
        "油菜花开引客来",
        "守好一江清水 护好绿水青山",
        "（上接第1版）让沿江群众切实感受到治水成效，沿江村庄的人居环境明显改善。",
    ]
    seg = segment_lines(lines)
    photo = titled(seg, "油菜花开引客来")
    assert photo.kind == "photo" and photo.authors == ["程子涵"]


def test_short_lines_boxed_under_a_hotline_are_its_advert() -> None:
    lines = [
        "如果您在生活中遇到难事、烦心事，欢迎拨打晚报热线。",
        "晚报热线：0379-65501234（24小时）",
        "新闻线索一经采用　即付报料费",
        "",
        "掉进了墙体夹层，一待就是28年。",
    ]
    units = read_units("\n".join(lines) + "\n")
    slogan = next(u for u in units if u.text.startswith("新闻线索"))
    assert slogan.kind == "noise"


def test_the_join_search_falls_back_to_best_first_when_its_cap_strikes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = [
        "“职业闭店人”不是法外之人",
        "■ 许清远",
        "近来，一些所谓“职业闭店人”在网上招揽生意，声称能帮经营不善的商家“金蝉脱壳”。",
        "治理“职业闭店”乱象，既要对组织者、参与者依法追责，",
        "",
        "三台法院设立“茶园法庭”",
        "本报讯 近日，三台县人民法院在县内最大的茶叶市场设立“茶园法庭”，就地化解涉茶纠纷。",
        "",
        "也要补上预付式消费监管的短板。市场监管、人社、公安等部门应加强协作。",
    ]
    monkeypatch.setattr(joins, "MAX_NODES", 0)
    seg = segment_page("\n".join(lines) + "\n", "x")
    # With no effort at all the search reads no plan; the best-first joins are taken.
    assert any(d.what == "join line 4 -> line 9" for d in seg.decisions)


def test_a_poems_title_over_its_poets_byline_stays_a_title_and_its_lines_verse() -> None:
    lines = [
        "母亲的针线",
        "◎ 贺新凉",
        "母亲把一根线",
        "穿过针眼，也穿过",
        "我们兄妹五个的冬天",
        "灯下，她眯着眼",
        "一针一针，把日子缝得很密",
        "",
        "七律·登岳麓山",
        "◎ 罗长青",
        "春风十里上层峦，",
        "古木参天翠作团。",
        "书院弦歌千载续，",
        "湘江帆影一襟宽。",
    ]
    seg = segment_lines(lines, "\n")
    poem = titled(seg, "七律·登岳麓山")
    assert poem.authors == ["罗长青"]
    assert [b.type for b in poem.blocks] == ["p"] * 4
    assert "七律·登岳麓山" not in block_texts(titled(seg, "母亲的针线"))


def test_a_caption_credited_to_the_storys_words_and_pictures_author_is_its_own() -> None:
    lines = [
        "窗前玉兰",
        "文/图　石小溪",
        "　　书房窗前有一株玉兰，是搬来那年亲手种下的，如今已高过二楼的窗台。",
        "　　玉兰花期很短，不过十来天，花落时满地洁白，像下过一场春雪。",
        "　　窗前玉兰。",
        "石小溪　摄",
        "",
        "书林漫步",
        "在一粒稻种里读懂乡土中国",
        "□ 龙湘君",
        "　　从道县玉蟾岩出土的古稻谷说起，这本书讲述了稻作文明在湖湘大地上的来路。",
    ]
    seg = segment_lines(lines, "\n")
    essay = titled(seg, "窗前玉兰")
    assert norm(block_texts(essay)[-1]) == norm("窗前玉兰。石小溪　摄")
    assert essay.authors == ["石小溪"] and len(seg.articles) == 2


def test_a_heading_over_a_caption_with_its_own_credit_is_that_photos_title() -> None:
    lines = [
        "“夜经济”点亮黄河之滨",
        "本报兰州讯（记者　苏晨阳）夜幕降临，兰州正宁路小吃街人头攒动，各色小吃摊前排起长队。",
        "游客在正宁路小吃街品尝美食。",
        "本报记者　苏晨阳　摄",
        "",
        "“陇原号”中欧班列单列货值破亿元",
        "6月9日，一列满载机械设备、光伏组件和日用百货的中欧班列从兰州国际港务区驶出。",
        "王振宇　摄",
    ]
    seg = segment_lines(lines, "\n")
    photo = titled(seg, "“陇原号”中欧班列单列货值破亿元")
    assert photo.kind == "photo" and photo.authors == ["王振宇"]


def test_a_line_much_longer_than_a_wrapped_pages_column_is_no_wrapped_line() -> None:
    column = "　　" + "一" * 13 + "，"
    lines = [column, "二" * 15] * 20 + [
        "城事速递",
        "■中山西路部分路段夜间封闭施工　因雨污管网改造需要，中山西路将实行全封闭施工，车辆请绕行。",
        "■鄞州新增12处“口袋公园”　记者从区住建局获悉，去年该区利用边角地新建改建12处“口袋公园”。",
    ]
    units = _wrapped(lines)
    item = next(u for u in units if u.text.startswith("因雨污"))
    assert not item.fragment


def test_a_question_right_over_a_byline_is_a_headline() -> None:
    lines = [
        "以案说法",
        "网购“二手奢侈品”收到假货，平台到底要不要承担赔偿责任？",
        "本报通讯员　吴佳琪　本报记者　郑　杰",
        "　　花1.2万元在二手交易平台买下一只名牌手提包，收货后却发现是假货。",
    ]
    units = read_units("\n".join(lines) + "\n")
    assert units[1].kind == "head"
    # A question closing a text, over its closing credit, stays the text's.
    units = read_units("小区里的这片空地以后到底该由谁来管，又该怎么管？\n（本报记者　郑　杰）\n")
    assert units[0].kind == "para"


def test_a_readers_letter_signed_with_place_and_name_is_opinion() -> None:
    lines = [
        "乡村学校的图书角需要“活水”",
        "　　前段时间回老家，看到村小的图书角书架上多是几年前的旧书，孩子们翻得都卷了边。",
        "（安徽霍邱　读者　吴春燕）",
    ]
    seg = segment_lines(lines, "\n")
    letter = titled(seg, lines[0])
    assert letter.kind == "commentary" and letter.authors == ["吴春燕"]


def test_a_wrapped_page_whose_lines_hang_punctuation_past_the_column_is_wrapped() -> None:
    # 23 characters a line, but fewer than half the lines: the others hang a comma in the
    # margin or are short (titles, last lines).
    lines = [("　　" if k % 6 == 0 else "") + "字" * (21 if k % 6 == 0 else 23) for k in range(20)]
    lines += ["字" * 23 + "，"] * 12 + ["短行"] * 14
    columns = column_width("\n".join(lines) + "\n")
    assert columns is not None and set(columns.values()) == {23}
