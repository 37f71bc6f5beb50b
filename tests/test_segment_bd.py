"""Layouts met on the blind pages of batch BD, each on a small invented page: an editor's
note printed above a theory page's headline, a law page's readers' questions, and a county
paper hard-wrapped at a narrow column whose columns start mid-paragraph."""

from __future__ import annotations

from support import assert_accounted, block_texts, segment_lines, titled, wrap

from site_builder.ingest import grammar as gr
from site_builder.ingest.candidates import opens_own_block
from site_builder.ingest.joins import _by_article
from site_builder.ingest.lines import read_units
from site_builder.ingest.segment import segment_page

COLUMN = 13


def _wrap(text: str, indent: str = "　　") -> list[str]:
    return wrap(text, COLUMN, indent)


def test_an_editors_note_continues_no_cut_sentence() -> None:
    lines = [
        "编者按：县域是城乡融合发展的重要切入点。本版今日刊发某某教授的文章，以期引发更多思考。",
        "以县域为切入点推进城乡融合",
        "要推进公共服务县域统筹，以医共体、教育共同体为抓手，",
    ]
    units = read_units("\n".join(lines) + "\n")
    assert opens_own_block(units, 0)
    assert not opens_own_block(units, 2)


def test_an_adverb_tagged_as_a_numeral_wants_a_verb_after_a_cut() -> None:
    # (jieba tags 一起 as a numeral: 和房东一起|列出清单 would read as 一起 + a verb, odd)
    assert gr.end_class("一起", "m") == "adv"
    assert gr.GRAMMAR[("adv", "verb")] > 0 > gr.GRAMMAR[("num", "verb")]


def test_readers_questions_and_a_lawyers_answers_are_an_interview() -> None:
    lines = [
        "押金被扣，我该怎么办？",
        "编者按：近期，本报法治热线接到不少读者来电，本期请律师作答。",
        "读者王女士问：我租了一套两居室，合同到期退房时，房东以墙面有划痕为由扣下全部押金。",
        "答：押金的作用是担保承租人履行合同义务，正常使用造成的损耗不应由承租人承担。",
        "读者小张问：我在一家物流公司当分拣员，经常加班，离职后公司不认账，怎么办？",
        "答：用人单位安排劳动者延长工作时间的，应当依法支付加班费，可申请劳动仲裁。",
        "近年来，租房、务工中的纠纷时有发生，不少当事人因为缺少证据而吃了亏。",
        "律师提醒，签合同前要看清条款，入住时拍照留存，工作中注意保存考勤记录。",
        "（本报记者 某甲 整理）",
    ]
    units = read_units("\n".join(lines) + "\n")
    # (a question asked by someone named opens a turn: it goes on no cut sentence)
    assert opens_own_block(units, 2)
    seg = segment_lines(lines, "\n")
    assert len(seg.articles) == 1
    article = seg.articles[0]
    assert article.kind == "interview" and article.authors == ["某甲"]


LEAD = (
    "本报讯 连日来，某县各乡镇抢抓有利时机，组织群众整地施肥、调运农资，全面开展春播备耕工作，"
    "县农业部门组织技术人员深入田间地头，开展技术指导和农资检查，帮助群众解决实际困难。"
)
ITEM = (
    "本报讯（记者 某乙）三月十四日，某镇组织党员干部和志愿者二百余人，沿某溪开展护河行动，"
    "清理河道垃圾，劝导不文明行为，守护一溪清水。"
)
# A column's top line, no indent: the middle of a paragraph begun in another column.
TRAFFIC = "本报讯 今年以来，县交警大队抽调警力组建一支铁骑"
MIDDLE = "宣传队，每周深入山区乡镇开展巡逻宣传，在赶集日、婚丧嫁娶等人员聚集时段加强路面管控。"
MORE = (
    "据了解，今年全县计划落实粮食播种面积一百二十万亩，县里还组建农机作业服务队五十余支，"
    "为留守老人提供耕地、播种一条龙服务，确保不误农时、不荒一亩地。"
)


def _wrapped_page() -> list[str]:
    lead = _wrap(LEAD)
    cut = len(lead) // 2
    traffic = _wrap(TRAFFIC)
    # (the traffic story's first column ends on a full line, cut mid-sentence)
    assert len(traffic[-1]) == COLUMN
    return [
        "全县春播备耕全面铺开",
        *lead[:cut],
        # (a headline exactly as wide as the column, under a column's cut last line)
        "某镇开展护河志愿行动活动",
        *_wrap(ITEM),
        *lead[cut:],
        *_wrap(MORE),
        "交警铁骑进山村宣传安全",
        *traffic,
        *_wrap(MORE.replace("据了解，", "与此同时，")),
        *_wrap(MIDDLE, indent=""),
    ]


def test_a_wrapped_line_as_wide_as_the_column_over_a_dateline_is_a_headline() -> None:
    lines = _wrapped_page()
    seg = segment_lines(lines, "\n")
    assert_accounted("\n".join(lines) + "\n", seg)
    item = titled(seg, "某镇开展护河志愿行动活动")
    assert block_texts(item) == [ITEM]
    lead = titled(seg, "全县春播备耕全面铺开")
    assert block_texts(lead)[:2] == [LEAD, MORE]


def test_a_wrapped_column_top_line_with_a_clause_inside_goes_on_in_the_next() -> None:
    text = "\n".join(_wrapped_page()) + "\n"
    seg = segment_page(text, "wrapped.txt")
    assert not any(a.title.startswith("宣传队") for a in seg.articles)
    texts = [t for a in seg.articles for t in block_texts(a)]
    assert TRAFFIC + MIDDLE in texts


PHOTO_PAGE = [
    "春到江畔",
    "惊蛰过后，气温回升，江两岸花木争艳，市民纷纷走出家门踏青赏花。",
    "图①：3月17日，市民在江滨公园的樱花树下拍照留念。",
    "图②：江滨步道上，晨练的老人们打起了太极拳。",
    "图④：江上，一艘游船从岛旁驶过，两岸高楼与青山相映。",
    "本报记者 某甲 摄",
    "3月18日，在某县的一处生态茶园，茶农们正在采摘今年的头茬春茶。",
    "茶山采春",
    "通讯员 某乙 摄",
    "图③：江边湿地，一群白鹭在浅滩上觅食。",
    "老手艺守护老房子",
    "3月16日，在某区历史风貌区，古建修缮师傅正在更换老宅的木窗。某丙 摄",
]


def test_a_caption_printed_before_its_title_and_credit_is_a_photo_of_its_own() -> None:
    seg = segment_lines(PHOTO_PAGE)
    tea = titled(seg, "茶山采春")
    assert tea.kind == "photo" and tea.authors == ["某乙"]
    assert block_texts(tea) == [PHOTO_PAGE[6]]


def test_a_numbered_caption_printed_away_from_its_group_goes_in_its_place() -> None:
    seg = segment_lines(PHOTO_PAGE)
    group = titled(seg, "春到江畔")
    assert block_texts(group) == [PHOTO_PAGE[k] for k in (1, 2, 3, 9, 4)]
    assert group.authors == ["某甲"]
    assert block_texts(titled(seg, "老手艺守护老房子")) == [PHOTO_PAGE[11]]


def test_a_verb_stating_an_amount_wants_its_quantity_after_a_cut() -> None:
    # (亩均纯收益可达|2000元: a verb of amount, cut before the number it states)
    assert gr.end_class("可达", "v") == "measure"
    assert gr.GRAMMAR[("measure", "num")] > gr.GRAMMAR[("verb", "num")]


def test_a_speakers_turn_continues_no_cut_sentence() -> None:
    lines = [
        "记者：您是什么时候开始学织布的？",
        "杨某：我七八岁就坐在我妈旁边看她织布，十二岁开始自己上机。",
        "记者：后来为什么想到办工坊？",
        "杨某：寨子里的年轻人都出去打工了，我想让留下的姐妹们",
        "记者：对未来有什么打算？",
        "杨某：我想建一个土布博物馆，把老织机、老纹样都收集起来。",
        "他说：这是他第一次来。",
    ]
    units = read_units("\n".join(lines) + "\n")
    # (杨某： opens three paragraphs: a speaker; 他说： once, a sentence's own words)
    assert [opens_own_block(units, k) for k in range(len(lines))] == [True] * 6 + [False]


def test_column_sizes_are_compared_within_one_article() -> None:
    # Columns read consecutively run on across a headline: the columns under it are
    # another article's, so the run is cut there before their sizes are compared.
    runs = [[(0, 5), (8, 20), (30, 34)], [(40, 44)]]
    assert _by_article(runs, frozenset({12, 40})) == [
        [(0, 5), (8, 12)],
        [(12, 20), (30, 34)],
        [(40, 44)],
    ]


def test_a_wrapped_piece_of_text_holding_a_furniture_word_stays_text() -> None:
    # (扫码 marks a QR-code line anywhere in a short line; here a paragraph's piece)
    qr = (
        "基地还配套建设了种薯质量追溯系统，每一批种薯从组培苗到出窖，"
        "检测数据都可以扫码查询，农民买得放心，用得安心。"
    )
    lines = _wrapped_page() + _wrap(qr)
    seg = segment_lines(lines, "\n")
    assert not seg.noise
    assert any(qr in block_texts(a) for a in seg.articles)
