"""Layouts met on the blind pages of batches BN–BP (and BI and BM), each on a small
invented page: a sentence resumed at the margin after a cluster of briefs; a reader's
letter signed 读者 某某 with another article's text under it; a report with no headline
of its own whose kicker and title were read as subheads; a column's name ending in 观察;
an interview's later columns printed after the articles beside them; a division's name run
into a round-up item's text; a cluster label ending in 资讯; an interview's sections under quoted
subheads, printed apart from its headline; a row of short names run into their texts; a
cartoon's credit 某某/作; a poem under a label right after an essay; a photo's title under
its caption with the credit glued on; a wrapped line cut short by a number; a name glued
to the next role of a credit."""

from __future__ import annotations

from site_builder.ingest import patterns as pt
from site_builder.ingest.lines import read_units
from site_builder.ingest.segment import segment_page

S = "\u3000\u3000"


def _texts(lines: list[str]) -> dict[str | None, str]:
    seg = segment_page("\n".join(lines) + "\n", "page.txt")
    return {a.title: "".join(b.text for b in a.blocks) for a in seg.articles}


def test_a_sentence_resumed_at_the_margin_under_a_brief_cluster_is_joined() -> None:
    # The village profile's sentence is cut at a column's foot (高了|600多元); its rest
    # stands at the margin under the last brief's closing credit, on a page that indents
    # every paragraph.
    texts = _texts(
        [
            "荷塘村：一湖清水养出好日子",
            "本报记者　某甲",
            S + "盛夏时节，某镇荷塘村的荷花开得正盛，村口的游客服务中心里人来人往，"
            "村民们忙着接待远道而来的客人。",
            S + "十年前，村里的鱼塘还是投饵养鱼，塘水常年发绿。合作社先拿出三百亩水面"
            "试养生态鱼，第一年亩均收益反而比原来高了",
            "农事快讯",
            "某区早稻机收率达九成八",
            S + "本报讯　今年某区投入收割机一千余台，早稻机收率比去年提高一个百分点。",
            "某县新建高标准农田八万亩",
            S + "本报讯　某县今年新建高标准农田八万亩，工程预计九月底全部完工。（某乙）",
            "600多元，因为生态鱼每斤能多卖3元。第二年，全村养殖户全部入社。",
        ]
    )
    assert "第一年亩均收益反而比原来高了600多元" in texts["荷塘村：一湖清水养出好日子"]
    assert "600多元" not in texts["某县新建高标准农田八万亩"]


def test_a_readers_signature_closes_the_letter_above_another_articles_text() -> None:
    # letter, 读者 某某; then a text, its byline and its headline printed after it.
    texts = _texts(
        [
            "读者来信",
            "小区门口的斑马线该补画了",
            "编辑同志：",
            "我家住在某区某路旁的某小区。小区大门正对着一条马路，门口的斑马线已经"
            "看不清了，老人和孩子过马路很不安全。",
            "希望有关部门能尽快把斑马线重新画上，最好再加装一个减速带。",
            "读者　曾某某",
            "记者昨日从市人社局获悉，第三代社保卡集中换发工作已全面启动，"
            "全市设立换发网点一百二十个。",
            "市民可携带本人身份证到就近网点现场办理，部分网点周末也可办理社保卡换发。",
            "本报记者　某丙",
            "社保卡集中换发　这些网点周末也能办",
            "这几天，燃气公司的安检员正逐户上门，为城区居民免费开展冬季燃气安全检查。",
            "燃气公司提醒，如发现有人冒充安检员推销燃气报警器，可拨打热线核实或报警。",
            "本报记者　某丁",
            "燃气安检入户　冒充推销要当心",
        ]
    )
    letter = texts["小区门口的斑马线该补画了"]
    assert "社保卡" not in letter and letter.endswith("减速带。")
    cards = [t for title, t in texts.items() if title and title.startswith("社保卡集中换发")]
    assert cards and "第三代社保卡" in cards[0]


def test_a_second_credit_splits_its_article_at_the_heading_read_as_a_subhead() -> None:
    # A report, then another's kicker and title with no byline under them, its text and
    # its closing credit: the credit is a second author, so the second report starts at
    # the heading lines, not at a paragraph of the first.
    texts = _texts(
        [
            "一个山村的冬闲变冬忙",
            "本报记者　某甲",
            "清晨六点，某县某村的腊肉加工坊已飘出柴火香。村民王某某一边翻动腊肉，"
            "一边和记者算起了今年的收入账。",
            "村党支部书记赵某告诉记者，村里去年成立合作社，统一收购农户散养的生猪，"
            "做成腊肉、香肠通过电商销售。",
            "某省某县",
            "乡村篮球赛带火冬季乡村游",
            "十一月的某村，冬闲时节的篮球场边座无虚席。一场由周边乡镇球队参加的友谊赛"
            "吸引了上万名游客，村民的腊肉、香肠也跟着卖火了。",
            "据统计，今年冬季某村累计接待游客八万人次，带动村民冬季就业和收入明显增长。",
            "（本报记者　某乙）",
        ]
    )
    assert "村党支部书记" in texts["一个山村的冬闲变冬忙"]
    assert texts["乡村篮球赛带火冬季乡村游"].startswith("十一月的某村")
    assert len(texts) == 2


def test_a_name_ending_in_guancha_over_a_title_is_a_column_label() -> None:
    seg = segment_page(
        "\n".join(
            [
                "乡村振兴观察",
                "守住耕地要算长远账",
                "某　青",
                "耕地是粮食生产的命根子。建设高标准农田，既是增产增收的现实之举，"
                "也是为子孙后代留下的长远家底。",
                "（作者为某研究所研究员）",
            ]
        )
        + "\n",
        "page.txt",
    )
    (article,) = seg.articles
    assert (article.column, article.kicker, article.title) == (
        "乡村振兴观察",
        None,
        "守住耕地要算长远账",
    )


def test_headless_questions_and_answers_are_the_interviews_later_columns() -> None:
    texts = _texts(
        [
            "“牦牛不会说话，医生就得多跑腿”",
            "——访某县兽医马某某",
            "本报记者　某甲",
            "  问：您是哪一年来到牧区工作的？当时是什么样的情况？",
            "  答：1998年，我从农业学校毕业，分配到乡兽医站。那时候站里只有两个人。",
            "  问：有没有想过离开？",
            "  答：想过。第二年春天，县城一家饲料公司请我去当技术员，我没有去。",
            "人物名片",
            "乡邮员王某某：三十年走出一条绿色邮路",
            "本报记者　某乙",
            "  王某某是某镇邮政所的乡邮员。1996年至今，她每周三次往返于镇上和"
            "十几个牧业村之间。（记者　某丙）",
            "  问：这些年，牧区的防疫工作有哪些变化？",
            "  答：变化太大了。过去打疫苗全靠人背马驮，现在有了冷链车。",
            "  问：现在年轻人愿意到牧区当兽医吗？",
            "  答：比以前多了。这几年县里实行定向培养，从牧民子女里招学生。",
        ]
    )
    interview = texts["“牦牛不会说话，医生就得多跑腿”"]
    assert "防疫工作" in interview and "定向培养" in interview
    assert "防疫" not in texts["乡邮员王某某：三十年走出一条绿色邮路"]
    assert len(texts) == 2


def test_a_divisions_name_run_into_its_text_heads_a_round_up_item() -> None:
    seg = segment_page(
        "\n".join(
            [
                "县区传真",
                "安定区  11月15日，安定区首届乡村“村晚”大赛在某镇开赛，二十支代表队同台献艺。",
                "（马　红）",
                "通渭县  日前，通渭县新建的城区第三供水厂通水运行，日供水能力两万立方米。",
                "（石　磊）",
            ]
        )
        + "\n",
        "page.txt",
    )
    assert [(a.title, a.column, a.authors) for a in seg.articles] == [
        ("安定区", "县区传真", ["马红"]),
        ("通渭县", "县区传真", ["石磊"]),
    ]


def test_a_label_ending_in_zixun_opens_a_cluster_of_titled_items() -> None:
    seg = segment_page(
        "\n".join(
            [
                "健康资讯",
                "区人民医院开设过敏性疾病联合门诊",
                "本报讯　4月1日起，某区人民医院开设过敏性疾病联合门诊，方便患者一次就诊。",
                "全区启动第二轮适龄女生疫苗免费接种",
                "即日起，全区13周岁至14周岁在校女生可在学籍所在地的接种门诊预约接种。",
                "区中医医院“三伏贴”预约通道开启",
                "某区中医医院今年“三伏贴”即日起开放预约，适宜人群为慢性咳嗽患者。",
            ]
        )
        + "\n",
        "page.txt",
    )
    assert [(a.title, a.column) for a in seg.articles] == [
        ("区人民医院开设过敏性疾病联合门诊", "健康资讯"),
        ("全区启动第二轮适龄女生疫苗免费接种", "健康资讯"),
        ("区中医医院“三伏贴”预约通道开启", "健康资讯"),
    ]


def test_an_interviews_sections_under_quoted_subheads_stay_in_it() -> None:
    # Headline with its ——对话 subtitle and an editor's note; each later section opens
    # with a quoted subhead over turns, one after the interviewee's photo.
    seg = segment_page(
        "\n".join(
            [
                "她把老手艺绣进了年轻人的生活",
                "——对话蜀绣传承人陈某某",
                "在某区一条老巷子里，有一间不足四十平方米的绣坊，陈某某在这里绣了三十年。",
                "——编　者",
                "“手上的功夫急不得”",
                "记者：您是怎么和蜀绣结缘的？",
                "陈某某：我外婆就是绣娘。小时候放了学，我就趴在她的绣架边上看。",
                "记者：一幅作品要绣多久？",
                "陈某某：小的团扇要一两个月，大的屏风要一两年。",
                "陈某某（右）在工作室里指导徒弟绣制团扇。",
                "本报记者　某乙　摄",
                "“年轻人比我想象的更懂”",
                "记者：这几年蜀绣在年轻人中火了起来，您怎么看？",
                "陈某某：说实话，我一开始也没想到，现在来店里的多是年轻人。",
                "记者：对未来有什么打算？",
                "陈某某：我想办一个小小的传习所，让更多人学会这门手艺。",
                "（本报记者　某甲）",
            ]
        )
        + "\n",
        "page.txt",
    )
    interview = seg.articles[0]
    assert interview.title == "她把老手艺绣进了年轻人的生活"
    subheads = [b.text for b in interview.blocks if b.type == "h"]
    assert subheads == ["“手上的功夫急不得”", "“年轻人比我想象的更懂”"]
    assert "传习所" in interview.blocks[-1].text
    assert interview.authors == ["某甲"]


def test_a_row_of_short_names_run_into_their_texts_is_a_round_up() -> None:
    lines = [
        "县区传真",
        "新泰　今年以来，某市实行“企业吹哨、部门报到”服务机制，已帮助企业解决问题八十九个。",
        "肥城　某市桃木旅游商品产业园近日投入使用，首批入驻企业二十家。",
        "宁阳　某县启动农村公路提档升级工程，年内将改造农村公路一百公里。",
    ]
    seg = segment_page("\n".join(lines) + "\n", "page.txt")
    assert [(a.title, a.column) for a in seg.articles] == [
        ("新泰", "县区传真"),
        ("肥城", "县区传真"),
        ("宁阳", "县区传真"),
    ]
    # One such line alone is a paragraph opening with a word and a space.
    seg = segment_page("\n".join(lines[1:2]) + "\n", "page.txt")
    assert seg.articles[0].blocks[0].text.startswith("新泰")


def test_an_artists_credit_after_a_slash_closes_a_cartoon() -> None:
    (unit,) = read_units("朱  磊/作\n")
    assert (unit.kind, unit.credit, unit.photo_credit) == ("byline", ("朱磊",), True)


def test_a_poem_under_a_label_after_an_essay_is_a_poem_of_its_own() -> None:
    lines = [
        "外婆的豆腐坊",
        "□ 段某某",
        "  外婆的豆腐坊在古城北门外，一间青瓦小屋，门口挂着一块被烟火熏黑的木牌。",
        "  每天凌晨三点，外婆就起床了。她先把泡了一夜的黄豆捞出来，再一勺一勺地磨。",
        "诗路花语",
        "洱海的清晨",
        "杨 梅",
        "风从苍山的肩头滑下来",
        "把一船薄雾",
        "轻轻推向对岸",
        "渔人收网的时候",
        "银色的光在网眼里跳跃",
        "像昨夜没有说完的话",
    ]
    seg = segment_page("\n".join(lines) + "\n", "page.txt")
    essay, poem = seg.articles
    assert essay.title == "外婆的豆腐坊" and "薄雾" not in "".join(b.text for b in essay.blocks)
    assert (poem.title, poem.column, poem.authors) == ("洱海的清晨", "诗路花语", ["杨梅"])
    assert [b.text for b in poem.blocks][:2] == ["风从苍山的肩头滑下来", "把一船薄雾"]


def test_a_title_printed_under_a_caption_with_its_credit_glued_on_is_the_photos() -> None:
    lines = [
        "今年已有百余台电梯加进老小区",
        "本报讯　记者从市住房和城乡建设局了解到，今年以来，全市已完成老旧小区加装电梯"
        "一百八十六台，街道牵头",
        "5月19日，在某大桥下的滨江步道，园林工人正在修剪绿化带。 记者 蒙某 摄",
        "修枝剪叶美江岸",
        "召开楼栋协商会，邀请设计、施工单位现场答疑，帮助居民解决加装电梯的难题。",
    ]
    seg = segment_page("\n".join(lines) + "\n", "page.txt")
    photo = next(a for a in seg.articles if a.kind == "photo")
    assert (photo.title, photo.authors) == ("修枝剪叶美江岸", ["蒙某"])
    report = seg.articles[0]
    assert "街道牵头召开楼栋协商会" in "".join(b.text for b in report.blocks)


def test_a_wrapped_line_cut_short_by_a_number_that_did_not_fit_goes_on() -> None:
    body = [
        "\u3000\u3000本报讯　六月十日凌晨，一",
        "辆满载东魁杨梅的冷链货车从",
        "县杨梅产地仓驶出，当天下午",
        "即抵达上海，这是今年开通的",
        "第三条杨梅冷链干线。",
        "\u3000\u3000今年，全县杨梅种植面积",
        "14.2万亩，预计产量",
        "7.8万吨。为解决杨梅怕热、",
        "怕压、不耐储的难题，县里新",
        "建了六座产地预冷仓，鲜果采",
        "摘后两小时内即可预冷入库。",
    ]
    seg = segment_page("\n".join(["杨梅坐上冷链快车", *body * 3]) + "\n", "page.txt")
    texts = [b.text for b in seg.articles[0].blocks]
    assert "今年，全县杨梅种植面积14.2万亩，预计产量7.8万吨。为解决杨梅怕热、" in texts[1]
    assert not any(b.type == "h" for b in seg.articles[0].blocks)


def test_a_name_glued_to_the_next_role_across_a_wrap_is_split() -> None:
    credit = pt.parse_credit("（记者 张晓燕通讯员 王立群）6月10日", 0)
    assert credit is not None and credit.names == ("张晓燕", "王立群")
    one = pt.parse_credit("（记者 王记者）", 0)
    assert one is not None and one.names == ("王记者",)
