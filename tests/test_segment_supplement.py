"""Layouts of culture supplements: poems of their own between an essay's columns, names
told from column labels and clauses, and a short piece signed under its affiliation."""

from __future__ import annotations

import pytest
from support import assert_accounted

from site_builder.ingest.lines import read_units
from site_builder.ingest.person_names import name_like
from site_builder.ingest.segment import segment_page

ESSAY = (
    "老街旧事\n\n□ 甲  乙\n\n"
    "小时候住在城南的老街上，街口有一家油坊，每到冬天就飘出芝麻的香味。\n\n"
    "油坊的主人姓温，街坊都叫他老温，他做事慢，却从不出错。\n\n"
)
POEM = [
    "河岸边",
    "李秋原",
    "傍晚的风从上游下来",
    "带着麦秸和泥土的气味",
    "一群白鹭落在浅滩上",
    "像谁随手撒下的几页信纸",
    "我在岸边坐了很久",
    "看水把晚霞一点点折叠起来",
]


def test_a_title_over_a_name_over_short_lines_is_a_poem_of_its_own() -> None:
    page = ESSAY + "\n\n".join(POEM) + "\n\n责任编辑 张三\n"
    seg = segment_page(page, "x")
    essay, poem = seg.articles
    assert essay.title == "老街旧事" and len(essay.blocks) == 2
    assert poem.title == "河岸边" and poem.authors == ["李秋原"]
    # The last short line is verse too: no text follows it on the page.
    assert [b.text for b in poem.blocks] == POEM[2:]
    assert poem.kind == "commentary"
    assert_accounted(page, seg)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("李秋原", True),
        ("欧阳明远", True),
        ("次仁旺堆", True),
        # One-character surname and three more characters: a column label.
        ("秦风随笔", False),
        # jieba tags 安静 nr; a clause with an adverb and a particle is no name.
        ("山就安静了", False),
        ("雪落下来的时候", False),
        # A negation or a particle makes a clause, whatever jieba tags (冬闲 nr).
        ("冬闲不闲修渠忙", False),
    ],
)
def test_names_are_told_from_labels_and_clauses(line: str, name: bool) -> None:
    assert name_like(line) is name


def test_a_name_under_an_affiliation_signs_the_piece_that_line_closes() -> None:
    page = (
        "一团面 捏出百态\n\n本报记者 韩  静\n\n"
        "记者近日在某县一处农家小院见到老人时，她正在揉面，案板上摆满了面花。\n\n"
        "采访结束时，老人送给记者一只小小的面塑喜鹊。\n\n"
        "冬夜一碗面片\n\n"
        "入冬以后，城里的夜来得早。下了晚自习往家走，路灯把影子拉得老长。\n\n"
        "我当老师以后，常跟学生们说起这碗面片，说起母亲的手艺。\n\n"
        "（作者单位：某市第五中学）\n\n■侯晓明\n"
    )
    seg = segment_page(page, "x")
    interview, essay = seg.articles
    assert interview.title == "一团面 捏出百态" and interview.authors == ["韩静"]
    assert len(interview.blocks) == 2 and interview.affiliation is None
    assert essay.title == "冬夜一碗面片" and essay.authors == ["侯晓明"]
    assert essay.affiliation == "某市第五中学"
    assert not seg.noise
    assert_accounted(page, seg)


def test_an_editors_line_without_colons_is_furniture() -> None:
    page = (
        "某地新闻\n\n本报讯 近日，某县开展了冬季安全检查。\n\n"
        "责任编辑 田  野　美编 高  岩　校对 张晓梅\n"
    )
    seg = segment_page(page, "x")
    (article,) = seg.articles
    assert article.authors == []
    (noise,) = seg.noise
    assert noise.line == 5 and "editor" in noise.reason
    assert seg.furniture.editors == ["田野", "高岩", "张晓梅"]


@pytest.mark.parametrize(
    ("line", "names", "photo"),
    [
        # A photo credit in brackets on its own line.
        ("（新华社发 热依拉·吐尔逊 摄）", ("热依拉·吐尔逊",), True),
        # Padded names before 文/图: the 文 is the role's, not a third character of a name.
        ("本报记者 祖丽菲亚·阿布都热合曼  唐  博 文/图", ("祖丽菲亚·阿布都热合曼", "唐博"), False),
        ("本报实习生 依力哈木·吐尔洪 摄", ("依力哈木·吐尔洪",), True),
        ("特约摄影  马  林  摄", ("马林",), True),
    ],
)
def test_credit_lines_of_photo_pages(line: str, names: tuple[str, ...], photo: bool) -> None:
    (unit,) = read_units(line)
    assert unit.kind == "byline" and unit.credit == names and unit.photo_credit is photo


def test_a_byline_over_the_next_headline_after_a_photo_story_opens_that_article() -> None:
    page = (
        "老面馆里的烟火气\n\n在老街上，有一家只有十几张桌子的面馆，开了三十年。\n\n"
        "图①：店主在后厨拉面。 本报记者 周  洋 摄\n\n"
        "图②：午饭时间，面馆里坐满了食客。 本报记者 周  洋 摄\n\n"
        "本报记者 祖丽菲亚·阿布都热合曼  唐  博 文/图\n\n"
        "暖气进教室 书声更响亮\n\n某县地处山区北麓，冬季气温常在零下十度以下，学校今年通了暖气。\n"
    )
    seg = segment_page(page, "x")
    story, school = seg.articles
    assert story.authors == ["周洋"]
    assert school.title == "暖气进教室 书声更响亮"
    assert school.authors == ["祖丽菲亚·阿布都热合曼", "唐博"]
    assert_accounted(page, seg)


def test_a_verse_line_ending_like_a_cut_sentence_stays_in_its_poem() -> None:
    """No blank lines, a poem of short lines, one ending in 地 (a cut sentence's shape),
    then an essay whose second line opens mid-clause: the verse line does not run on
    into the essay."""
    verse = [
        "雪落下来的时候",
        "整座小城都压低了嗓门",
        "只有锅炉房的烟囱",
        "还在一下一下地",
        "咳嗽",
        "我在窗前坐了很久",
        "等一个人踏雪归来",
    ]
    page = [
        "雪夜",
        "张  岚",
        *verse,
        "北大街的老电影院",
        "◎ 王守田",
        "北大街那家电影院，老街坊都叫它大光明，灰砖的门脸，两扇木门。",
        "上世纪七十年代末，一张电影票一毛五分钱，我和伙伴们常常排队到深夜。",
    ]
    text = "\n".join(page) + "\n"
    seg = segment_page(text, "x")
    poem = next(a for a in seg.articles if a.title == "雪夜")
    assert [b.text for b in poem.blocks] == verse
    cinema = next(a for a in seg.articles if a.title == "北大街的老电影院")
    assert [b.text for b in cinema.blocks] == page[-2:]
    assert_accounted(text, seg)


def test_a_column_label_and_byline_printed_over_the_title_are_that_article_s() -> None:
    page = [
        "书香漫谈",
        "在烟火里读懂一座城",
        "■　李　默",
        "这本散文集写的是一座城市的老街巷，写得细，也写得暖。",
        "（作者单位：某大学文学院）",
        "湖山漫笔",
        "□　方　圆",
        "湖边的芦苇",
        "初冬去湖边，最难忘的是那一大片芦苇。",
        "那天风不大，太阳斜斜地照着，芦苇的穗子白得发亮。",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    essay = next(a for a in seg.articles if a.title == page[7])
    assert (essay.column, essay.authors) == (page[5], ["方圆"])
    assert not seg.noise
    assert_accounted(text, seg)


def test_a_column_label_over_a_body_signed_and_titled_after_it_is_the_column() -> None:
    """Only the column label stands over the text; author and title are printed after
    the closing affiliation."""
    page = [
        "乡村观察",
        "在不少村寨，村规民约至今仍是村民自觉遵守的规矩，管用的办法往往来自群众。",
        "村规民约之所以管用，关键在于它由村民自己商量制定，大家认同。",
        "（作者系某镇党委干部）",
        "□ 农秀英",
        "村规民约里的治理智慧",
        "书香漫谈",
        "在历史纵深中读懂山海之间",
        "■ 潘  宇",
        "近来读了一本写北部湾的书，作者从港口写到渔村，写得扎实。",
    ]
    text = "\n\n".join(page) + "\n"
    seg = segment_page(text, "x")
    first = seg.articles[0]
    assert (first.column, first.title, first.authors) == (page[0], page[5], ["农秀英"])
    assert_accounted(text, seg)


# Poems whose stanzas are printed one a line, the verse lines parted by spaces, between
# the columns of an essay whose first column ends mid-sentence.
STANZA_PAGE = [
    "老街的秤",
    "□ 周  岚",
    "外婆家在南门老街，街口第一家是杂货铺，铺子里最显眼的不是货架，是墙上那杆秤。",
    "掌秤的是杂货铺的钱伯。他称东西从不着急，先把秤砣放在手心里掂一掂，才眯起",
    "晒秋",
    "林  晚",
    "竹匾举过屋檐 辣椒把九月晒成火苗 玉米排着队 在墙根下练习发光",
    "奶奶坐在门槛上 一粒一粒拣着豆子 她拣出来的秕谷 都喂给了黄昏",
    "稻草人",
    "林  晚",
    "它在田里站了一整个秋天 麻雀不怕它 风也不怕它 像是给丰收 让出一条路",
    "眼睛报出数来。南门老街的街坊们都说，杂货铺的秤是老街最准的，买一斤红糖回家不用再称。",
]


def test_stanzas_on_one_line_are_whole_and_prose_after_a_poem_goes_on_with_the_essay() -> None:
    page = "\n\n".join(STANZA_PAGE) + "\n"
    seg = segment_page(page, "x")
    essay, autumn, scarecrow = seg.articles
    assert essay.title == "老街的秤" and essay.authors == ["周岚"]
    assert autumn.title == "晒秋" and autumn.authors == ["林晚"]
    assert [b.text for b in autumn.blocks] == STANZA_PAGE[6:8]
    # A single stanza under the poet's name is whole too: no prose sentence goes on in it.
    assert scarecrow.title == "稻草人" and [b.text for b in scarecrow.blocks] == [STANZA_PAGE[10]]
    # The sentence cut before the poems goes on under the last stanza (…才眯起|眼睛报出…).
    assert STANZA_PAGE[3] + STANZA_PAGE[11] in [b.text for b in essay.blocks]
    assert_accounted(page, seg)


def test_a_headline_of_parallel_phrases_is_no_stanza() -> None:
    page = (
        "坚定信心 实干争先 奋力谱写发展新篇章\n\n本报评论员\n\n"
        "新的一年，各项工作千头万绪，关键在于抓落实、见实效。\n"
    )
    seg = segment_page(page, "x")
    (article,) = seg.articles
    assert article.title == "坚定信心 实干争先 奋力谱写发展新篇章"
    assert_accounted(page, seg)


def test_a_reviewed_books_details_are_a_paragraph_of_the_review() -> None:
    page = (
        "开卷\n\n把一条江写进日常\n\n——读散文集《江声》\n\n□ 苏  禾\n\n"
        "《江声》 陈  默 著 某某文艺出版社 2025年8月版\n\n"
        "陈默在江边住了四十多年，《江声》是他的第三本散文集，写的都是江边的人和事。\n\n"
        "小小说\n\n修表\n\n□ 蓝  舟\n\n"
        "老周的修表铺开在菜市场拐角，门脸不到两米宽，一张玻璃柜台，一盏台灯。\n"
    )
    seg = segment_page(page, "x")
    review, story = seg.articles
    assert review.title == "把一条江写进日常" and review.authors == ["苏禾"]
    assert review.blocks[0].text.startswith("《江声》")
    assert story.title == "修表" and story.authors == ["蓝舟"]
    assert_accounted(page, seg)


def test_an_artworks_label_is_a_paragraph_of_the_appreciation() -> None:
    (label,) = read_units("潘一禾 《楠溪秋渡》（中国画）\n")
    assert label.kind == "para" and not label.fragment


def test_the_next_poem_under_a_title_saying_more_follow_is_its_subhead() -> None:
    lines = [
        "冬日的沅水（外一首）",
        "彭  渡",
        "水落下去，石头浮上来",
        "像一群晒太阳的老人",
        "沉默着，把一整个夏天的喧哗",
        "都交还给了河床",
        "渡船停在对岸",
        "船工的烟斗一明一灭",
        "夜过桃花源",
        "月亮比书里写的低一些  桃树都睡着了  只有溪水醒着  一遍遍念着那篇旧文章",
        "我没有找到山口  也没有遇见问路的渔人  只看见灯火一盏一盏住进了寻常人家",
    ]
    page = "\n\n".join(lines) + "\n"
    seg = segment_page(page, "x")
    (poems,) = seg.articles
    assert poems.title == lines[0] and poems.authors == ["彭渡"]
    heads = [b.text for b in poems.blocks if b.type == "h"]
    assert heads == [lines[8]]
    assert_accounted(page, seg)


def test_prose_under_a_poems_last_stanza_may_continue_a_cut_sentence() -> None:
    lines = [
        "外婆的柚子树",
        "■ 向晚晴",
        "外婆家的院子不大，东墙根下种着一棵柚子树，听说是母亲出生那年栽下的，如今已经快五十年了。",
        "后来外婆年纪大了，腿脚不灵便，每次我回去，她都早早站在院门口等着，手里攥着",
        "夜过桃花源",
        "彭  渡",
        "月亮比书里写的低一些  桃树都睡着了  只有溪水醒着  一遍遍念着那篇旧文章",
        "我没有找到山口  也没有遇见问路的渔人  只看见灯火一盏一盏住进了寻常人家",
        "一件旧棉袄，说是怕我冻着。那件棉袄的样式早就过时了，我却一直穿到了大学毕业。",
    ]
    page = "\n\n".join(lines) + "\n"
    seg = segment_page(page, "x")
    essay = next(a for a in seg.articles if a.title == lines[0])
    assert lines[3] + lines[8] in [b.text for b in essay.blocks]
    assert_accounted(page, seg)
