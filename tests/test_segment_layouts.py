"""Layouts met on blind pages of batches O–Q, each on a small invented page: where a
byline, a label, a note, a numbered section or a jump marker stands says whose text
follows."""

from __future__ import annotations

from support import block_texts, segment_lines, titled

from site_builder.ingest import patterns as pt
from site_builder.ingest.candidates import junction_features, starts_mid_word
from site_builder.ingest.lines import read_units
from site_builder.ingest.page_facts import PageFacts
from site_builder.ingest.roles import read_roles


def test_a_byline_printed_over_its_title_still_opens_the_text_under_it() -> None:
    # label, □ author, title, text: that text is the essay's own first paragraph, never
    # the rest of the sentence cut at the foot of the column before.
    lines = [
        "理论视野",
        "以改革激活县域发展动能",
        "■ 周明远",
        "县域是推动高质量发展的重要单元，资源禀赋各不相同。",
        "以农业大县为例，过去卖原粮的路子附加值低、风险高。近年来，一些县把粮食加工、",
        "读书札记",
        "□ 钱晓岚",
        "在读书中涵养为民情怀",
        "读书是干部增长本领的基本途径。没有读书就没有眼界，更没有格局。",
        "读书还要联系实际，把书本道理用到为群众办实事上。",
        "（作者系某市委党校讲师）",
        "冷链物流和品牌营销连在一起，县域经济才有了后劲。",
    ]
    seg = segment_lines(lines)
    essay = titled(seg, lines[7])
    assert essay.authors == ["钱晓岚"]
    assert block_texts(essay)[0] == lines[8]
    assert lines[4] + lines[11] in block_texts(titled(seg, lines[1]))


def test_a_research_team_signs_a_study_as_its_author() -> None:
    units = read_units("■ 中共某某市委政策研究室课题组\n")
    assert units[0].kind == "byline"
    assert units[0].credit == ("中共某某市委政策研究室课题组",)


def test_a_lone_short_clause_ends_a_sentence_cut_elsewhere() -> None:
    lines = [
        "老照片里的城市变迁",
        "本报记者 邱  雯",
        "本报讯 展览以新旧照片对照的方式呈现半个世纪的城市面貌，新旧对照之间，变化",
        "古城墙修缮工作启动",
        "本报讯 古城墙东段修缮工程日前开工，工期约一年。施工期间游客仍可参观其他段落。",
        "（本报记者 付晓梅）",
        "一目了然。",
        "展览将持续至月底，免费向公众开放。",
    ]
    seg = segment_lines(lines)
    assert lines[2] + lines[6] in block_texts(titled(seg, lines[0]))


def test_a_note_signed_by_the_editors_over_a_name_opens_that_authors_essay() -> None:
    lines = [
        "征文选登",
        "河埠头的早晨",
        "“我与小河”征文启动以来，收到来稿数百篇。本期选登一篇，以飨读者。",
        "——编  者",
        "俞晓帆",
        "小时候，我家住在河埠头边，推开窗就能看见来来往往的船。",
        "如今河边修起了步道，我常带着孩子去走一走。",
    ]
    seg = segment_lines(lines)
    essay = titled(seg, lines[1])
    assert essay.authors == ["俞晓帆"]
    assert block_texts(essay)[:2] == [lines[2], lines[3]]


def test_numbered_sections_stay_with_their_article_around_another_one() -> None:
    # 一、 under the byline and note; 二、 right over a commentary's label and title, its
    # text printed after the commentary ends: all sections of the one report.
    lines = [
        "课后服务调查",
        "让课后服务从有没有走向好不好",
        "本报记者 孔  蕾",
        "编者按：课后服务是减轻学生负担的重要一环。本报记者走访多所学校。",
        "一、课程让学生选得开心",
        "每天下午放学后，校园里就热闹起来：有的教室在上陶艺课，有的在练合唱。",
        "二、社会资源为教师松绑",
        "教育时评",
        "教师减负要减到点子上",
        "■ 房立新",
        "近年来，为教师减负的文件接连出台，各类检查评比明显减少。",
        "减负不是简单做减法，而是要把时间还给教学。",
        "（作者单位：某师范大学教育学部）",
        "课后服务延长了在校时间，也让不少教师感到压力。一些学校引入社会机构进校授课。",
        "三、经费保障让服务可持续",
        "课后服务能否长久，经费是关键。各地采取财政补贴与服务收费相结合的办法。",
    ]
    seg = segment_lines(lines)
    report = titled(seg, lines[1])
    blocks = [(b.type, b.text) for b in report.blocks]
    assert ("h", lines[4]) in blocks
    assert blocks.index(("h", lines[6])) + 1 == blocks.index(("p", lines[13]))
    assert ("h", lines[14]) in blocks
    assert titled(seg, lines[8]).column == lines[7]


def test_a_semicolon_ends_a_paragraph_only_in_an_enumeration() -> None:
    cut, item = read_units(
        "县域医共体推动人员、技术、药品统一管理，县级医院的专家每周到乡镇卫生院坐诊；\n"
        "一是加强乡镇卫生院的急诊急救能力，让群众在家门口看得上病；\n"
    )
    assert cut.fragment
    assert not item.fragment


def test_a_name_padded_with_four_spaces_is_a_photo_credit() -> None:
    unit = read_units("本报记者  郭    宁摄\n")[0]
    assert unit.kind == "byline" and unit.photo_credit
    assert pt.unpad("郭    宁") == "郭宁"


def test_a_short_line_over_several_articles_is_their_column() -> None:
    lines = [
        "田园·产业篇",
        "某县冬季蔬菜销往北方市场",
        "本报记者 杨  帆",
        "本报讯 连日来，某县的蔬菜基地里一派繁忙，一车车蔬菜发往北方。",
        "田园·见闻录",
        "咖农迎来采收季",
        "本报记者 刀文娟",
        "本报讯 眼下正值咖啡鲜果采收季，山坡上的咖啡园里一片忙碌。",
    ]
    seg = segment_lines(lines)
    assert titled(seg, lines[1]).column == lines[0]
    assert titled(seg, lines[5]).column == lines[4]
    assert all(a.kind == "news" for a in seg.articles)


def test_a_reprinted_headline_draws_the_rest_of_its_article() -> None:
    # The continued article's second part is printed again under its own title; the text
    # under a 上接 marker continues another page's article, not this page's cut sentence.
    lines = [
        "冰雪季开局红火",
        "冰雪乐园里，冰滑梯、雪圈漂移等项目前排起了长队。",
        "在根河市，使鹿部落的驯鹿成了游客追捧的明星，今年入冬以来每天来看驯鹿的游客有上千人，",
        "牧区冬季课堂开课",
        "（上接第二版）",
        "课堂设在嘎查党群服务中心，一台投影仪、几排长桌就是全部设备。",
        "冰雪季开局红火",
        "牧民群众通过驯鹿观赏、手工艺品销售和民宿经营，人均收入明显增加。",
    ]
    seg = segment_lines(lines)
    season = titled(seg, lines[0])
    assert lines[2] + lines[7] in block_texts(season)
    assert lines[5] in block_texts(titled(seg, lines[3]))


def test_the_headline_after_a_jump_marker_opens_the_next_article() -> None:
    lines = [
        "百个重点项目集中开工",
        "本报讯（记者 刘  畅）17日，全省百个重点产业项目集中开工，总投资超过八百亿元。",
        "记者在分会场看到，虽然室外气温很低，施工现场却热火朝天。",
        "让项目建设在冰天雪地里热起来",
        "本报评论员",
        "冬日的黑土地寒风凛冽，项目工地却一派火热。",
        "项目是经济发展的牛鼻子。过去一说冬季就是停工期，如今",
        "室内作业基本不受低温影响，预计明年秋天主体完工。",
        "省发展改革委有关负责人表示，冬季是项目建设的淡季，也是",
        "（下转第二版）",
        "本报记者 宋  阳",
        "旅游专列今冬首发",
        "本报讯 17日早上，满载游客的旅游专列从站台缓缓驶出。",
        "据了解，今冬专列共安排开行四十多趟。",
        "冬闲变冬忙，关键在于思路一变天地宽。",
    ]
    seg = segment_lines(lines)
    train = titled(seg, lines[11])
    assert block_texts(train)[:2] == [lines[12], lines[13]]
    assert lines[5] in block_texts(titled(seg, lines[3]))


def test_rows_of_a_figure_over_its_source_line_are_furniture() -> None:
    lines = [
        "咖农迎来采收季",
        "本报讯 眼下正值咖啡鲜果采收季，山坡上的咖啡园里一片忙碌。",
        "数说高原特色农业",
        "茶叶种植面积 760万亩",
        "咖啡种植面积 140万亩",
        "数据来源：省农业农村厅 制图：王 玥",
        "陆良新建高标准农田",
        "本报讯 今年以来，陆良县新建高标准农田近十万亩。",
    ]
    seg = segment_lines(lines)
    noise = {n.text for n in seg.noise}
    assert set(lines[2:6]) <= noise
    assert block_texts(titled(seg, lines[0])) == [lines[1]]


def test_a_compound_surname_with_a_padded_given_name_is_one_name() -> None:
    unit = read_units("本报记者 欧阳  琳\n")[0]
    assert unit.kind == "byline"
    assert unit.credit == ("欧阳琳",)


def test_a_pen_name_padded_in_brackets_closes_its_article() -> None:
    unit = read_units("（星  子）\n")[0]
    assert unit.kind == "byline" and unit.closes
    assert unit.credit == ("星子",)


def test_a_note_in_brackets_after_the_full_stop_ends_the_paragraph() -> None:
    finished = "读来像翻开一本旧相册，亲切而耐看。（某某人民出版社2026年1月出版）"
    question = "“中间商”跑路，货款找谁要?(律师说法)"
    assert not read_units(finished + "\n")[0].fragment
    assert read_units(question + "\n")[0].kind == "head"


def test_digest_teasers_and_a_weather_title_are_furniture() -> None:
    units = read_units("今日导读：小巷里的早点铺（详见本版）\n天气\n某市 晴 -12℃～3℃\n")
    assert [u.kind for u in units] == ["noise", "noise", "noise"]


def test_a_photo_groups_title_between_paragraphs_is_no_subhead() -> None:
    lines = [
        "冬小麦播种面积保持稳定",
        "本报讯（记者 郭  晨）记者从省农业农村厅获悉，全省冬小麦播种面积保持稳定。",
        "省农业农村厅有关负责人表示，将持续加强苗情监测，指导农民科学管理。",
        "冬小麦田管正当时",
        "连日来，各地抓住晴好天气，组织农技人员开展冬前麦田管理。",
        "图①：农民操作喷灌设备为小麦浇灌越冬水。",
        "图②：植保无人机正在对麦田进行除草作业。",
        "本报记者 杜  鹏 摄",
    ]
    seg = segment_lines(lines)
    group = titled(seg, lines[3])
    assert group.kind == "photo"
    assert lines[3] not in block_texts(titled(seg, lines[0]))


def test_the_line_over_a_letters_salutation_is_its_title() -> None:
    units = read_units(
        "读者来信\n小区电梯停了两个月，谁来管？\n编辑同志：\n我家住在一个小区的十七层。\n"
    )
    assert [u.kind for u in units[:3]] == ["head", "head", "para"]


def test_a_paragraph_after_another_cut_sentence_tops_a_column() -> None:
    units = read_units(
        "社区食堂开进老小区\n\n"
        "本报讯 城东区推行社区食堂模式，老人在家门口就能吃上热乎饭。为了让食堂开得久，\n\n"
        "评剧新戏首演\n\n"
        "本报讯 新编评剧日前首演，剧本历时两年打磨，主创团队多次走进\n\n"
        "区里采取政府补贴一点、企业让利一点的办法，食堂运营渐入正轨。\n\n"
        "老街坊，演的就是身边的人和事。\n"
    )
    read_roles(units)
    page = PageFacts.read(units)
    canteen, opera, top = (
        next(i for i, u in enumerate(units) if u.text.startswith(s))
        for s in ("本报讯 城东区", "本报讯 新编", "区里采取")
    )
    assert "column top after a cut sentence" in junction_features(units, canteen, top, page)
    # (the rest of the cut sentence right above is no column top: it goes on that one)
    assert "column top after a cut sentence" not in junction_features(units, opera, top, page)


def test_a_poem_group_ends_before_the_next_essays_title_and_author() -> None:
    poem = [
        "潮水退去",
        "海把自己折叠起来",
        "退到很远的地方",
        "留下一地湿漉漉的光",
        "和低头赶海的人",
    ]
    more = ["阿公坐在门槛上", "把破了的网一个一个缝好", "风从网眼里钻进来", "又从网眼里钻出去"]
    lines = [
        "海边（组诗）",
        "■ 林  默",
        *poem,
        "补网",
        *more,
        "蚵仔煎的滋味",
        "方知远",
        "在闽南，说起小吃，很多人第一个想到的就是蚵仔煎。",
        "去年冬天我出差在外，整整两个月没吃上一口，回家第一件事就是下楼买一份。",
    ]
    seg = segment_lines(lines)
    essay = titled(seg, "蚵仔煎的滋味")
    assert essay.authors == ["方知远"]
    assert block_texts(essay) == lines[-2:]
    assert "蚵仔煎的滋味" not in block_texts(titled(seg, lines[0]))


def test_a_name_after_a_text_over_a_signed_headline_signs_that_text() -> None:
    lines = [
        "理论随笔",
        "在冷资源中挖掘热经济",
        "冰雪是北方最鲜明的资源标识，也是发展的独特优势。",
        "冷与热的辩证法，说到底是发展理念的转变。",
        "赵一鸣",
        "百家论坛",
        "让文化遗产在活化利用中焕发生机",
        "■ 韩  雪",
        "文化遗产是历史的见证，也是城市的名片。",
    ]
    seg = segment_lines(lines)
    assert titled(seg, lines[1]).authors == ["赵一鸣"]
    heritage = titled(seg, lines[6])
    assert heritage.authors == ["韩雪"] and heritage.column == lines[5]


def test_a_label_in_the_masthead_names_the_page_not_the_headline_under_it() -> None:
    units = read_units("某某日报\n2026年5月9日 星期六\n江城副刊\n第11版\n老街上的修表铺\n")
    names = {u.text: u.meta.get("page_name") for u in units if u.meta}
    assert units[2].kind == "noise" and names.get("江城副刊") == "江城副刊"
    assert units[4].kind == "head"


def test_a_poem_run_ends_before_a_title_with_its_subtitle_and_author() -> None:
    poem = [
        "江水在脚下慢慢转身",
        "两岸的灯火一盏一盏",
        "被钢索牵着越过黄昏",
        "我把一张旧车票",
        "夹进没读完的书",
    ]
    lines = [
        "山城短章（组诗）",
        "■ 冉小溪",
        "缆车",
        *poem,
        "在江流与群山之间",
        "——读长篇小说《峡江人家》",
        "邓嘉陵",
        "读完这部小说，合上书页，窗外的江水仿佛还在耳边流淌。",
        "小说最打动我的，是作者对日常生活的耐心描摹。",
    ]
    seg = segment_lines(lines)
    review = titled(seg, "在江流与群山之间")
    assert review.subtitle == lines[-4] and review.authors == ["邓嘉陵"]
    assert lines[-5] not in block_texts(titled(seg, lines[0]))


def test_a_numbered_section_head_over_another_articles_title_and_dateline() -> None:
    lines = [
        "乡村学校课后服务调查",
        "本报记者 杨  帆",
        "编者按：课后服务是减轻学生负担的重要一环。本报记者走访了多所乡村学校。",
        "一、覆盖面持续扩大",
        "走访的学校均已开展课后服务，参与学生比例逐年提高。",
        "二、师资不足仍是突出问题",
        "首批银龄教师到岗",
        "本报讯（记者 和丽娟）近日，首批退休教师到乡村学校支教，主要承担学科教学。",
        "据介绍，银龄教师将在乡村学校工作一至两年。",
    ]
    seg = segment_lines(lines)
    survey = titled(seg, lines[0])
    assert ("h", lines[5]) in [(b.type, b.text) for b in survey.blocks]
    news = titled(seg, lines[6])
    assert block_texts(news)[0] == lines[7]


def test_a_photo_sent_by_an_agency_credits_its_photographer() -> None:
    unit = read_units("新华社发（季  春 摄）\n")[0]
    assert unit.kind == "byline" and unit.photo_credit
    assert unit.credit == ("季春",)


def test_a_headline_over_another_articles_dated_text_waits_for_its_own() -> None:
    # A feature's headline and byline printed over a short news item (dateline, closing
    # credit of other reporters, its headline after it); the feature's text comes later.
    lines = [
        "老小区加装电梯难题如何破",
        "文/图 记者 林晓雯",
        "本报讯 昨日上午，市公交集团发布消息，两条通医专线将于下周开通。",
        "据介绍，专线沿途站点设置充分征求了市民意见。",
        "（记者 黄志鹏）",
        "两条通医专线下周开通",
        "早上七点半，家住老小区六楼的陈阿姨拎着菜，一级一级往上爬。",
        "老旧小区加装电梯，是不少老年居民的心头事。",
    ]
    seg = segment_lines(lines)
    feature = titled(seg, lines[0])
    assert block_texts(feature) == lines[6:8] and feature.authors == ["林晓雯"]
    news = titled(seg, lines[5])
    assert block_texts(news) == lines[2:4] and news.authors == ["黄志鹏"]


def test_a_note_under_a_poem_groups_title_and_author_is_the_groups_own() -> None:
    verse = [
        "水先是安静的",
        "像一位等人的母亲",
        "闸门缓缓打开",
        "船一条接一条",
        "把自己交给另一个高度",
    ]
    lines = [
        "运河四章（组诗）",
        "沈  默",
        "大运河流经我省，串起了十几座城市，也串起了一代代人的日子。",
        "本期刊发青年诗人沈默的一组新作，以飨读者。",
        "——编  者",
        "船闸",
        *verse,
    ]
    seg = segment_lines(lines)
    group = titled(seg, lines[0])
    assert group.authors == ["沈默"]
    assert block_texts(group)[:3] == lines[2:5]
    assert "船闸" in block_texts(group)


def test_a_padded_name_alone_is_a_heading_name_whatever_its_last_character() -> None:
    # (然 alone reads as a conjunction: the name must be judged closed up)
    unit = read_units("魏  然\n")[0]
    assert unit.kind == "head" and unit.name_like


def test_a_short_first_sentence_ends_a_sentence_cut_elsewhere() -> None:
    assert starts_mid_word("一趟就能办完。社区书记说，这样的服务老人最需要。")
    assert not starts_mid_word("早上七点半，小区门口已经排起了队。")


# A feature whose columns were extracted 3-1-2, its headline over the third, a brief
# between the first and the second: the text under the headline starts mid-word (the rest
# of the second column's last sentence) and runs on, in file order, into the first
# column, whose last sentence goes on in the second. Nothing marks the first column's
# top; the joins say there must be one, and the columns' sizes say where.
OUT_OF_ORDER = [
    "老旧小区加装电梯两年间",
    "记者 龚晓雯",
    "账”，其余费用由居民按楼层分摊，楼层越高出资比例越高，一楼住户不出资。",
    "加装电梯带来的变化，不只是上下楼方便了，邻里之间走动也多了，不少老人重新回到楼下。",
    "上午十时许，家住六楼的李桂芳老人按下电梯按钮，不到半分钟就回到了家门口。",
    "这个小区建于上世纪九十年代，七层楼房一直没有电梯，住在高层的不少老人腿脚不便，一年也难得下",
    "宠物狂犬疫苗集中免疫开始",
    "本报讯（记者 周琳）即日起至月底，我市各区设立的免疫点开展春季狂犬病集中免疫工作。",
    "楼几次。低层住户担心采光和噪音，高层住户担心费用太高，协调会前后开了十几次。",
    "为打消顾虑，街道联合专业机构上门逐户宣讲政策，社区网格员和律师志愿者一起帮居民算清一本“大",
]


def test_a_column_top_nothing_marks_is_read_where_the_joins_need_it() -> None:
    seg = segment_lines(OUT_OF_ORDER)
    feature = titled(seg, OUT_OF_ORDER[0])
    assert block_texts(feature) == [
        OUT_OF_ORDER[4],
        OUT_OF_ORDER[5] + OUT_OF_ORDER[8],
        OUT_OF_ORDER[9] + OUT_OF_ORDER[2],
        OUT_OF_ORDER[3],
    ]
    assert block_texts(titled(seg, OUT_OF_ORDER[6])) == [OUT_OF_ORDER[7]]


def test_a_second_byline_over_a_headline_printed_after_its_text_is_that_articles() -> None:
    # body, ■ author, headline: an essay printed headline last, right after another essay
    # whose byline stands over its own title.
    lines = [
        "母亲的针线筐",
        "■ 吴  恬",
        "母亲的针线筐是用竹篾编的，巴掌深，脸盆大，筐沿缠着一圈褪了色的红布条。",
        "小时候家里的衣裳破了、扣子掉了，都要往针线筐里送，母亲在灯下一针一线地缝补。",
        "入冬以后，菜场门口多了一个炒栗子的摊子，大铁锅里黑砂翻滚，香气飘出半条街。",
        "晚饭后，一家人围坐在灯下剥栗子，女儿剥得最慢，却总把剥得最完整的递给奶奶。",
        "■ 田  野",
        "灯下剥栗",
        "责任编辑：沈  眉  美术编辑：许一帆",
    ]
    seg = segment_lines(lines)
    assert titled(seg, lines[0]).authors == ["吴恬"]
    chestnuts = titled(seg, lines[7])
    assert chestnuts.authors == ["田野"] and block_texts(chestnuts) == lines[4:6]
    assert [n.line for n in seg.noise] == [17]


def test_a_closing_credit_far_below_does_not_take_a_bylined_headlines_text() -> None:
    # headline, byline, 本报讯 paragraph (no credit of its own): that headline's text, though
    # a bracketed credit with other names closes a short item printed far below it.
    report = [
        "补齐农村养老服务短板",
        "本报记者 周  敏",
        "本报讯  近日，某镇上湾村老年食堂里坐满了前来吃午饭的老人。",
    ]
    report += [
        f"村里第{n}批老人办了就餐卡，食堂每天中午供应两荤两素，老人们吃得舒心。"
        for n in "一二三四五六"
    ]
    item = ["近日，县人民医院在门诊大厅设立服务中心，把预约挂号、检查预约集中到一处办理。"]
    item += ["（记者 何  静）", "县人民医院设立服务中心"]
    seg = segment_lines(report + item)
    assert titled(seg, report[0]).authors == ["周敏"]
    assert block_texts(titled(seg, report[0]))[0] == report[2]
    assert titled(seg, item[-1]).authors == ["何静"]


def test_a_heading_under_a_photo_in_an_articles_text_is_its_subhead() -> None:
    lines = [
        "一台相机 十年守望",
        "本报记者 沈  悦",
        "清晨六点，七十一岁的何建国背着相机出了门，穿过两条街，来到南门老街的巷口。",
        "翻看何建国的照片，老街的变化一目了然：坑洼的石板路铺平了，老墙刷白了。",
        "何建国在南门老街为街坊拍照。",
        "邵  琪摄",
        "“想教更多人拿起相机”",
        "这两年，何建国在南门老街开起了免费的摄影课，来学拍照的大多是老街的街坊。",
    ]
    seg = segment_lines(lines)
    (article,) = seg.articles
    assert article.title == lines[0]
    heads = [k for k, b in enumerate(article.blocks) if b.type == "h"]
    assert [article.blocks[k].text for k in heads] == [lines[6]]
    assert article.blocks[heads[0] + 1].text == lines[7]


def test_a_missed_article_boundary_is_reported() -> None:
    # A headline and byline left with no text, and a dateline inside a paragraph: each is
    # a sign that an article boundary was missed, so each is put to the person reviewing.
    lines = [
        "甲县开展冬季消防检查",
        "本报记者 张  三",
        "责任编辑：李  四",
        "乙县举办技能大赛",
        "本报讯 日前，乙县举办职业技能大赛，三百余名选手参赛。　本报讯 近日，丙县召开座谈会。",
    ]
    seg = segment_lines(lines)
    doubts = {d.line: d for d in seg.decisions if d.confidence < 0.5}
    assert "left with no text" in doubts[1].what
    assert "another article's start" in doubts[9].what


def test_a_poems_last_line_over_another_articles_text_stays_verse() -> None:
    seg = segment_lines(
        [
            "外婆的腊月",
            "□吴晓岚",
            "腊月初八，外婆要煮一大锅腊八粥，糯米、红豆、花生、红枣在锅里咕嘟咕嘟地响。",
            "山中（组诗）",
            "□林 溪",
            "石阶被雾气洗得发亮",
            "一只松鼠从传说里跳出来",
            "又躲进了千年的松针",
            "我数着台阶上山",
            "山却不数我",
            "云已经替我",
            "把来路收好了",
            "腊月二十以后，外婆开始做米冻、炸油饼、腌咸肉，屋檐下挂满了腊味。",
        ],
        gap="\n",
    )
    poem = titled(seg, "山中（组诗）")
    assert "把来路收好了" in block_texts(poem)
    assert all(a.title != "把来路收好了" for a in seg.articles)


def test_a_title_glued_to_its_dateline_is_a_run_in_head() -> None:
    units = read_units(
        "  州博物馆推出“苗绣里的星空”特展本报讯（通讯员　潘玉梅）11月6日，特展开展。\n"
        "  丹寨小镇举办非遗美食节本报讯　11月1日至3日，美食节在丹寨小镇举行。\n"
        # (a dateline's own place is no title; nor are a headline's words that end like a
        # generic dateline, …并网发电)
        "本报黎平讯　11月2日，肇兴侗寨举行活动。\n"
        "湖山乡首座“共富”光伏电站并网发电\n"
    )
    assert [(u.kind, u.text[:8]) for u in units] == [
        ("head", "州博物馆推出“苗"),
        ("para", "本报讯（通讯员 "),
        ("head", "丹寨小镇举办非遗"),
        ("para", "本报讯 11月1"),
        ("para", "本报黎平讯 11"),
        ("head", "湖山乡首座“共富"),
    ]


def test_under_a_cluster_label_a_title_glued_to_a_time_word_is_an_items_head() -> None:
    units = read_units(
        "文旅快讯\n"
        "  从江加榜梯田观景台完成提升改造日前，从江县新建的3个观景台投入使用。\n"
        "  麻江蓝莓酒庄开启“采摘+研学”游近日，麻江县蓝莓产业园推出研学产品。\n"
    )
    assert [(u.kind, u.text[:6]) for u in units] == [
        ("label", "文旅快讯"),
        ("head", "从江加榜梯田"),
        ("para", "日前，从江县"),
        ("head", "麻江蓝莓酒庄"),
        ("para", "近日，麻江县"),
    ]
    # Outside a cluster the same line is one paragraph.
    (alone,) = read_units("  从江加榜梯田观景台完成提升改造日前，从江县新建的3个观景台投入使用。\n")
    assert alone.kind == "para"
