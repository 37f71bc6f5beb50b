"""Layouts of photo pages: a text article's own photo printed after its closing credit,
with a photo item between; a credit printed above its caption, the title after it."""

from __future__ import annotations

import pytest
from support import assert_accounted, segment_lines, titled

from site_builder.ingest.candidates import junction_features, starts
from site_builder.ingest.lines import read_units
from site_builder.ingest.page_facts import PageFacts
from site_builder.ingest.roles import read_roles
from site_builder.ingest.segment import segment_page

PAGE = [
    "十二处口袋公园扮靓老城",
    "本报讯 近日，随着几处地块改造完工，某区今年建设的十二处口袋公园全部开放。",
    "改造前，这里是一块堆放杂物的空坝子，街道把这里规划成小游园，保留了原有的两棵",
    "山地越野赛道开跑",
    "3月8日，山地越野挑战赛试跑活动在某镇举行，选手在山间奔跑。周  凯 摄",
    "老黄葛树，沿树池砌起可供歇脚的石凳，附近居民每天都来坐坐。",
    "（本报记者 田  野 通讯员 冉  静）",
    "改造后的口袋公园成了附近居民休闲的好去处。",
    "本报记者 田  野 摄",
    "本报记者 潘  颖 摄",
    "3月10日，某镇的茶园里，采茶工正在采摘明前茶。",
    "明前新茶上市",
    "樱花映古镇",
    "3月11日，游客在某古寨赏樱花，拍照留念。",
    "黄  蕾 摄",
]


def test_own_photos_and_photos_printed_credit_caption_title() -> None:
    text = "\n\n".join(PAGE) + "\n"
    seg = segment_page(text, "x")
    by_title = {a.title: a for a in seg.articles}
    parks = by_title[PAGE[0]]
    texts = [b.text for b in parks.blocks]
    # The cut sentence goes on after the photo item printed inside it (两棵|老黄葛树).
    assert PAGE[2] + PAGE[5] in texts
    # Its own photo, credited to its reporter, is its last paragraph.
    assert texts[-1].startswith(PAGE[7]) and parks.authors == ["田野", "冉静"]
    tea = by_title["明前新茶上市"]
    assert tea.authors == ["潘颖"] and [b.text for b in tea.blocks] == [PAGE[10]]
    blossom = by_title["樱花映古镇"]
    assert blossom.authors == ["黄蕾"] and blossom.kicker is None
    assert_accounted(text, seg)


def test_a_title_less_photo_goes_to_the_article_whose_text_it_speaks_of() -> None:
    page = (
        "某县光伏园区并网发电\n\n本报讯 近日，某县光伏园区并网发电，园区光伏组件全部投运。\n\n"
        "园区相关负责人表示，下一步将扩建光伏组件生产线。\n\n"
        "运维人员在检查光伏组件接线情况。\n\n何  鹏  摄\n\n"
        "冬季供暖保障有力\n\n本报讯 入冬以来，某市供热企业加强管网巡检，确保居民温暖过冬。\n"
    )
    seg = segment_page(page, "x")
    solar, heating = seg.articles
    assert [b.text for b in solar.blocks][-1].startswith("运维人员在检查光伏组件接线情况。")
    # The photographer of an article's own photo is not one of its authors.
    assert solar.authors == [] and heating.title == "冬季供暖保障有力"
    assert_accounted(page, seg)


def test_a_photo_no_neighbour_speaks_of_stays_a_photo_of_its_own() -> None:
    page = (
        "冬季供暖保障有力\n\n本报讯 入冬以来，某市供热企业加强管网巡检，确保居民温暖过冬。\n\n"
        "游客在古镇赏樱花。\n\n黄  蕾 摄\n"
    )
    heating, photo = segment_page(page, "x").articles
    assert photo.kind == "photo" and photo.authors == ["黄蕾"]
    assert len(heating.blocks) == 1


STORY = [
    "某村小学开出周末兴趣班",
    "大山深处的周末小课堂",
    "某镇海拔一千多米，冬天来得早。镇上的村小学只有二十几名学生，志愿教师每周末进村上课。",
    "本报记者 郑  远摄",
    "图①：周六清晨，志愿教师背着教具沿山路步行进村。",
    "图②：科学实验课上，学生分组动手做实验。",
    "某地柑橘迎来冬管时节",
    "12月3日，某区一处柑橘种植基地里，果农正在修剪枝条、清理园地。",
    "通讯员 罗晓岚摄",
    "12月4日，某山高山草场迎来今冬首场降雪，不少游客上山赏雪。",
    "特约摄影 任家明",
    "高山初雪引客来",
]


def test_numbered_captions_under_a_photo_storys_credit_are_its_captions() -> None:
    """Title, intro, the photographer's credit, then 图①…: the story's photo group; a
    credit naming the photographer by role (特约摄影 某某) is a photo credit too, so the
    title printed after it is that photo's."""
    text = "\n\n".join(STORY) + "\n"
    seg = segment_page(text, "x")
    by_title = {a.title: a for a in seg.articles}
    story = by_title[STORY[1]]
    assert [b.text for b in story.blocks] == STORY[2:3] + STORY[4:6]
    assert story.kind == "photo" and story.authors == ["郑远"]
    oranges = by_title[STORY[6]]
    assert [b.text for b in oranges.blocks] == [STORY[7]] and oranges.authors == ["罗晓岚"]
    snow = by_title[STORY[11]]
    assert [b.text for b in snow.blocks] == [STORY[9]] and snow.kind == "photo"
    assert snow.authors == ["任家明"]
    assert_accounted(text, seg)


def test_a_kicker_over_the_text_it_names_is_not_a_caption_title() -> None:
    """A photo printed caption first then its credit, followed by a kicker and a title
    whose words the text below them shares: both head the article below."""
    page = [
        "雾气升起时，村民骑车经过山梁上的茶田。",
        "陈  静摄",
        "某地石刻迎来修缮后首批观众",
        "千年造像焕新颜",
        "12月5日，某地石刻景区内，游客在修缮完成的造像前驻足观看。此次修缮历时十个月。",
        "本报记者 何  川摄",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    carving = next(a for a in seg.articles if a.title == page[3])
    assert carving.kicker == page[2]
    assert [b.text for b in carving.blocks] == [page[4]]
    assert_accounted(text, seg)


GROUPS = [
    "边境线上的移动课堂",
    "图①：2月17日，在某县班老乡，边境派出所民警在村小给孩子们上课。",
    "图②：民警陪孩子们一起朗读课文。",
    "寒假结束前，某县边境派出所组织民警走进边境村寨，开设移动课堂。",
    "本报记者 杨  帆　通讯员 李正清 摄",
    "图①：2月15日，在某县普者黑景区，游客乘坐竹筏游览。",
    "图②：景区内的民居改造成特色民宿，春节期间入住率保持在九成以上。",
    "今年春节假期，某县以山水田园为主题，推出湖上泛舟等旅游产品。",
    "本报记者 罗  阳 摄",
    "山水田园迎八方客",
    "文/图 本报记者 李  娜",
    "咖啡豆里的新日子",
    "在某市南屏镇的一处咖啡庄园里，二十九岁的姑娘岩香正忙着分拣咖啡豆。",
    "庄园所在的山坡海拔一千三百多米，昼夜温差大，咖啡果成熟慢，风味慢慢积累起",
    "在岩香的带动下，村里已有十几户人家改种精品咖啡。",
    "2月19日，某县湿地公园，一群水鸟在水草间觅食。",
    "本报通讯员 赵  伟 摄",
    "湿地水鸟达万只",
    "来。",
    "2月18日，某区一所小学的学生在老师带领下体验传统灯笼制作。",
    "本报记者 孙  琳 摄",
    "小手扎出元宵灯",
]


def test_photo_groups_with_one_credit_and_a_story_cut_around_a_photo() -> None:
    """Numbered captions, the group's text and one credit are one article, whether its
    title is printed above or after the credit; a byline over a title is that title's; a
    story's paragraph cut before a photo item goes on after it, and the story goes on
    with the text printed after its cut."""
    text = "\n\n".join(GROUPS) + "\n"
    seg = segment_page(text, "x")
    by_title = {a.title: a for a in seg.articles}
    border = by_title[GROUPS[0]]
    assert [b.text for b in border.blocks] == GROUPS[1:4]
    assert border.authors == ["杨帆", "李正清"]
    tourism = by_title[GROUPS[9]]
    assert [b.text for b in tourism.blocks] == GROUPS[5:8] and tourism.authors == ["罗阳"]
    coffee = by_title[GROUPS[11]]
    assert [b.text for b in coffee.blocks] == [GROUPS[12], GROUPS[13] + GROUPS[18], GROUPS[14]]
    assert coffee.authors == ["李娜"]
    assert [b.text for b in by_title[GROUPS[21]].blocks] == [GROUPS[19]]
    assert_accounted(text, seg)


def test_a_title_after_a_closing_credit_sharing_words_only_with_the_text_above() -> None:
    """caption, credit, text, (记者 某某), then two headline lines over a dateline: the
    first names the text above (芦笙) and nothing below, so it is that text's title."""
    page = [
        "3月10日，某县的群众在芦笙坡上排练芦笙踩堂舞。",
        "黄  凯 摄",
        "连日来，某县各村寨陆续开展芦笙节系列活动，吸引大批游客前来。",
        "为办好节庆活动，某县提前组织各村寨开展芦笙队培训。",
        "（记者 梁  晓）",
        "芦笙声声迎客来",
        "某市六堡茶春茶开采",
        "本报某市3月11日电（记者 陈  晨）3月10日，某县六堡镇的茶园里，采茶工人背着竹篓采摘春茶。",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    by_title = {a.title: a for a in seg.articles}
    assert [b.text for b in by_title[page[5]].blocks][-2:] == page[2:4]
    tea = by_title[page[6]]
    assert tea.kicker is None and [b.text for b in tea.blocks] == [page[7]]
    assert_accounted(text, seg)


def test_a_caption_printed_inside_a_paragraph_leaves_the_paragraph_whole() -> None:
    """A record that places the article's own photo in the middle of a paragraph prints
    the paragraph in two halves around caption and credit."""
    page = [
        "全省冬小麦播种面积稳定",
        "本报记者 郑  洁",
        "本报讯 记者从省农业农村厅获悉，全省冬小麦播种已基本结束。",
        "在稳面积的同时，各地把提单产摆在更加突出的位置，将更多县纳入",
        "某县农技人员在田间查看小麦出苗情况。本报记者 郑  洁摄",
        "单产提升整建制推进范围，集成推广精量播种等关键技术。",
        "有关负责人表示，入冬后将组织专家分区开展技术指导。",
        "某地跨海铁路隧道全线贯通",
        "新华社某地12月5日电（记者 陈思远）某地跨海铁路隧道5日全线贯通。",
        "建设单位介绍，隧道穿越的海域地质条件复杂，施工难度大。",
        "铁路建成后，海岛将结束不通铁路的历史，出行时间大幅缩短。",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    paragraphs = [b.text for b in seg.articles[0].blocks]
    assert page[3] + page[5] in paragraphs
    assert_accounted(text, seg)
    # The text under the caption is weighed as a column top, not as a paragraph cut off
    # the complete one above it.
    units = read_units(text)
    read_roles(units)
    cut, under = (next(i for i, u in enumerate(units) if u.text == page[k]) for k in (3, 5))
    x = junction_features(units, cut, under, PageFacts.read(units))
    assert "mid-column" not in x and x["column top after a non-paragraph"] == 1.0


def test_a_caption_over_its_credit_line_continues_no_cut_sentence() -> None:
    page = [
        "冬春农田水利建设全面展开",
        "本报记者　林  然",
        "本报北京12月5日电　记者从水利部门获悉，入冬以来各地农田水利建设全面展开。",
        "在平原地区，不少县区引导农民合作社、家庭农场参与小型水利设施的建设和管护，",
        "图为12月3日，施工人员在某县一处灌区渠道工地作业。",
        "本报记者　赵  磊摄",
        "形成了“政府搭台、农民唱戏”的建设格局。",
        "水利部门同时强调，冬季施工要切实抓好安全生产。",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    paragraphs = [b.text for b in seg.articles[0].blocks]
    assert page[3] + page[6] in paragraphs
    assert_accounted(text, seg)


def test_titles_under_credits_on_a_photo_page_are_the_photos_above() -> None:
    """Caption, credit, title for each photo; a title need share no word with its
    caption (古城夜色暖 over a caption about the city wall's moat)."""
    page = [
        "12月4日晚，游客在城墙南门外的护城河边观赏灯光秀。",
        "本报记者　党  恒摄",
        "古都夜色暖",
        "近日，大批越冬候鸟在黄河湿地栖息觅食。",
        "通讯员　贺  莉　摄",
        "黄河湿地越冬候鸟增至3.2万只",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    assert [(a.title, a.authors) for a in seg.articles] == [
        (page[2], ["党恒"]),
        (page[5], ["贺莉"]),
    ]
    assert_accounted(text, seg)


def test_a_short_paragraph_printed_with_a_photo_credit_is_a_caption_no_sentence_goes_on_in() -> (
    None
):
    lines = [
        "雨过枫岭 石阶生云",
        "文／邵  岚",
        "五月的桐溪，雨总是说来就来，午后一场急雨刚刚收住，我从城西出发，沿着古道往枫岭村走，路旁是成片的毛竹，",
        "枫岭古道雨后初晴，石阶两侧的茶园层层叠叠。\n柯  明摄",
        "一边走一边数着脚下的台阶，数到三百多级时，身后的村子已看不见了。",
    ]
    units = read_units("\n\n".join(lines) + "\n")
    read_roles(units)
    cut = next(u for u, unit in enumerate(units) if unit.fragment)
    caption = next(u for u, unit in enumerate(units) if unit.text.startswith("枫岭古道"))
    rest = next(u for u, unit in enumerate(units) if unit.text.startswith("一边走"))
    assert caption not in starts(units, cut) and rest in starts(units, cut)
    # Printed apart from its credit (a blank line between), it may be a paragraph.
    units = read_units("\n\n".join(lines).replace("\n柯", "\n\n柯") + "\n")
    read_roles(units)
    assert caption in starts(units, cut)


def test_text_under_a_photos_title_and_credit_may_continue_a_cut_sentence() -> None:
    # caption, title, credit of a photo printed inside an essay's columns: the text under
    # the credit is the essay's, not an article the photo's title opens.
    lines = [
        "在慢下来的地方按下快门",
        "□ 韩  冰",
        "第一次去渡口，是在今年春天。那天河面起了薄雾，我在岸边等了很久，才等到渡船靠岸。",
        "拍摄渡口的半年里，我跟着老人往返了上百趟，渡船上的人也就不再在意镜头，他们会自然地说笑、",
        "10月22日，在老城区的一处街心花园，几位老人正在练习太极拳。",
        "口袋公园添活力",
        "本报记者 戴  欣 摄",
        "干活、发呆，这正是我想要记录的样子。渡口的日子，就这样一天天过去。",
    ]
    page = "\n\n".join(lines) + "\n"
    seg = segment_page(page, "x")
    essay = next(a for a in seg.articles if a.title == lines[0])
    assert lines[3] + lines[7] in [b.text for b in essay.blocks]
    assert_accounted(page, seg)


def test_a_title_over_a_dashed_subtitle_is_no_column_label() -> None:
    lines = [
        "渡口人家",
        "——清溪河上最后一条人力渡船的四季",
        "在下游二十公里的柳湾村，谭大河撑了三十年渡船。",
    ]
    page = "\n\n".join(lines) + "\n"
    (article,) = segment_page(page, "x").articles
    assert article.title == lines[0] and article.column is None


@pytest.mark.parametrize(
    "line", ["本报记者 吴晓彤 文/摄", "本报记者　吴晓彤　文/图", "王  浩 摄/文"]
)
def test_a_byline_of_words_and_pictures_after_the_names_is_a_byline(line: str) -> None:
    (unit,) = read_units(line + "\n")
    assert unit.kind == "byline" and unit.credit == (("王浩",) if "王" in line else ("吴晓彤",))


def test_a_clause_as_long_as_a_name_with_a_verb_in_it_is_no_name() -> None:
    (unit,) = read_units("满村秋色晒丰年\n")
    assert not unit.name_like


def test_a_caption_after_a_credited_photo_group_is_another_photo() -> None:
    seg = segment_lines(
        [
            "山路上的邮递员",
            "在某县大山深处，有一条长约80公里的乡村邮路，串起了3个乡镇、27个行政村。",
            "图①：邮递员驾车行驶在盘山公路上。",
            "图②：邮递员将包裹交到村民手中。",
            "本报记者 吴晓彤 文/摄",
            "10月26日，某市马拉松鸣枪开跑，来自国内外的2.5万名跑者在秋日暖阳中竞逐，"
            "男子组冠军以2小时15分完赛。图为比赛现场。 本报记者 陈可 摄",
            "万人奔跑在城中",
            "某市夜市经济持续升温",
            "本报某市10月27日电（记者 骆一凡）入夜，某市夜市灯火通明，"
            "服装、饰品、小吃摊位前人头攒动。",
        ]
    )
    group, race, _ = seg.articles
    assert group.authors == ["吴晓彤"] and len(group.blocks) == 3
    assert race.title == "万人奔跑在城中" and race.authors == ["陈可"]


def test_two_phrases_of_four_characters_with_ordinary_words_are_no_names() -> None:
    (unit,) = read_units("梯田秋收 稻香满坝\n")
    assert unit.kind == "head"


def test_a_title_between_a_caption_and_its_credit_line_is_the_photos() -> None:
    seg = segment_lines(
        [
            "11月15日，某镇桥溪村村民在猕猴桃基地修剪枝条、清理果园。入冬以来，当地抢抓农时开展冬季管护。",
            "冬闲变冬忙",
            "（通讯员 张晓东 摄）",
            "乡村观察",
            "让“土专家”有更大舞台",
            "本报评论员",
            "在我县的田间地头，活跃着一批“土专家”“田秀才”，他们是乡村振兴的宝贵力量。",
        ]
    )
    photo = titled(seg, "冬闲变冬忙")
    assert photo.kind == "photo" and photo.authors == ["张晓东"]
    view = titled(seg, "让“土专家”有更大舞台")
    assert view.column == "乡村观察"


@pytest.mark.parametrize(
    ("line", "name"),
    [("摄影/本报记者 韩  东", "韩东"), ("本报记者 赵文博/摄", "赵文博"), ("摄影／王  浩", "王浩")],
)
def test_a_photographers_credit_with_a_slash_is_a_photo_credit(line: str, name: str) -> None:
    (unit,) = read_units(line)
    assert unit.kind == "byline" and unit.credit == (name,) and unit.photo_credit


def test_captions_numbered_by_a_circled_digit_alone_are_the_groups() -> None:
    """Title, intro, the group's credit, then ①…②…: one photo group, though 图 is not
    printed before the numbers."""
    lines = [
        "秋收正忙",
        "国庆假期刚过，我省各地抢抓晴好天气，组织农机抢收秋粮。",
        "本报记者 马  骁 摄",
        "①10月6日，某区某镇的种植户在地里分拣马铃薯。",
        "②10月7日，在某区某镇，联合收割机正在收割玉米。",
        "某地新能源重卡下线",
        "本报讯（记者 苏  婧）10月8日，某地一家企业的总装车间里，又一批重卡下线。",
    ]
    seg = segment_lines(lines)
    group = titled(seg, lines[0])
    assert [b.text for b in group.blocks] == lines[1:2] + lines[3:5]
    assert group.kind == "photo" and group.authors == ["马骁"]


def test_a_storys_picture_under_its_last_paragraph_stays_with_it() -> None:
    """图为… with its credit after a report's text is the report's own photo (caption and
    credit one paragraph), though no text of the report follows it."""
    lines = [
        "一座老工业城的“智造”转身",
        "本报记者 周  舟",
        "清晨7点，某开发区一家商用车企业的总装车间里，机械臂正在焊接车架。",
        "在十堰，越来越多的零部件企业正在走出国门。",
        "图为某开发区一家汽车企业的智能化生产线。",
        "本报记者 吴晓丹摄",
        "让“数字乡村”真正惠及农民",
        "郑  岚",
        "手机成了“新农具”，直播成了“新农活”，数据成了“新农资”。",
    ]
    seg = segment_lines(lines)
    report = titled(seg, lines[0])
    assert [b.text for b in report.blocks][-1].startswith(lines[4])
    assert report.authors == ["周舟"]
    assert len(seg.articles) == 2


def test_a_photos_title_after_a_commentarys_affiliation_heads_the_photo() -> None:
    """A short line after a commentary's affiliation is its column, unless a caption over
    its credit stands under it: then it is that photo's title."""
    lines = [
        "让“一老一小”在家门口享受好服务",
        "许文清",
        "养老托育，一头连着民生福祉，一头连着千家万户。",
        "（作者系某研究所研究员）",
        "草原牧歌",
        "6月1日，某旗牧民赶着羊群转场，草原上一派生机。",
        "本报记者　孟　凡摄",
    ]
    seg = segment_lines(lines)
    photo = titled(seg, lines[4])
    assert photo.kind == "photo" and photo.authors == ["孟凡"]
    assert titled(seg, lines[0]).column is None
