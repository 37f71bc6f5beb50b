"""Line shapes of Chinese newspaper page dumps: datelines, bylines, furniture, punctuation.

Everything here describes how newspapers lay out text in general; nothing names a
particular paper, place or article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.ingest.credit_roles import role_rows
from site_builder.nlp.tokenizer import tagged, tokenizer

# Characters that can close a sentence; a line ending otherwise runs on somewhere.
TERMINAL = "。！？!?…；;"
# Closing marks that may follow the terminal mark: 。” 。） !」
CLOSERS = "”’」』）)》】\"'"
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Marks a paper prints before a byline or a label (■ 张三, ○ 李四, ◇ 简讯).
BULLETS = "■□▪▫●○◎◉◆◇▲△▼▽★☆•"
# Arrows a 导读 box points with (▶维也纳圣诞市集开张): teasers' marks, never a byline's.
POINTERS = "▶►▷➤"
HAN_RE = re.compile(f"[{HAN}]")
# Chinese words only (spaces between phrases allowed).
HAN_ONLY_RE = re.compile(f"[{HAN} 　]+")
# Some dumps end Chinese sentences with an ASCII full stop; inside a number it is a point.
ASCII_STOP_RE = re.compile(f"(?<=[{HAN}”’」』)）\"'])\\.")
# A personal name: Han characters, optionally with the middle dot of transcribed names.
NAME = f"[{HAN}][{HAN}·•]{{1,12}}"

# Who wrote or photographed it (``data/roles.tsv``), longest first so 本报记者 wins over 记者.
ROLES = tuple(sorted((row.role for row in role_rows()), key=len, reverse=True))
# Roles with a place or a paper in them: 本报驻河内记者, 晚报记者.
STATIONED_ROLE = (
    f"(?:本报|新华社)?驻[{HAN}]{{1,8}}(?:首席)?记者"
    # A paper's own reporter named by its kind, or by its name: 晚报记者, 珠江晚报记者,
    # 湘东日报全媒体记者.
    f"|[{HAN}]{{0,4}}(?:晚报|日报|时报|商报|都市报)(?:首席|见习|实习|全媒体|融媒体)?记者"
)
ROLE_RE = STATIONED_ROLE + "|" + "|".join(re.escape(r) for r in ROLES)
# Inside a credit, a role of one character (文, 图) is one only where a name cannot go on
# through it: standing apart (文 张三), never inside a name (罗文清, 文清).
ANY_ROLE_RE = re.compile(
    STATIONED_ROLE
    + "|"
    + "|".join(re.escape(r) for r in ROLES if len(r) > 1)
    + "|"
    + "|".join(rf"(?<![^\s、,，])(?:{re.escape(r)})(?=[\s:：])" for r in ROLES if len(r) == 1)
)

# 本报讯 / 本报日喀则讯 / 本报北京1月5日电 / 新华社林芝3月2日电 / 据…报道
DATELINE_RE = re.compile(
    rf"^\s*(?P<dateline>"
    rf"(?:本报|本刊|新华社|中新社|中新网|人民网|新华网|央视网|央广网|[{HAN}]{{2,6}}(?:社|网|台)"
    rf"|[{HAN}]{{0,6}}(?:日报|晚报|时报|商报|都市报))"
    # (讯 or 电 starting a longer word is no dateline's: 通讯员, 电话, 电商)
    rf"[{HAN}A-Za-z0-9]{{0,14}}?(?:\d{{1,2}}月\d{{1,2}}日)?(?:讯|电)(?![员话视力子商网器影脑池站])"
    rf"|据[^，,。；;\s]{{2,30}}?(?:报道|消息)"
    rf")"
)

# A dateline after a space inside a paragraph: a run-in head's, of an item not split off.
INNER_DATELINE_RE = re.compile(
    rf"[ 　](?:本报|新华社|[{HAN}]{{0,6}}(?:日报|晚报))[{HAN}]{{0,8}}?"
    rf"(?:\d{{1,2}}月\d{{1,2}}日)?(?:讯|电)"
)

# A run-in head: a short title, a space, then its article's dateline (checked by the caller)
# on the same line, as items of a brief cluster are often printed; a place and a colon
# may lead the title (某镇：…).
# (a bullet may stand apart from the title it marks: ■ 市政府召开常务会议　3月17日，…)
_MARK = rf"(?:[{BULLETS}][ 　]*)?"
RUN_IN_RE = re.compile(rf"^\s*(?P<head>{_MARK}[^\s，,。；;！？!?（(]{{4,32}})[ 　]+")
# …whose title is two phrases parted by a space (恶意欠薪拒不支付　包工头被判实刑　近日，…).
RUN_IN_TWO_RE = re.compile(
    rf"^\s*(?P<head>{_MARK}[^\s，,。；;！？!?（(]{{4,32}}"
    rf"[ 　]+[^\s，,。；;！？!?（(“”\"]{{4,16}})[ 　]+"
)
# …or, behind a bullet, of two phrases parted by a comma (■快递柜里手机被冒领，驿站被判赔偿
# 近日，…): a paragraph's line does not open with a bullet, so the bullet vouches for the comma.
_PHRASE = r"[^\s，,。；;！？!?（(]{3,16}"
BULLETED_COMMA_RUN_IN_RE = re.compile(rf"^\s*(?P<head>[{BULLETS}]\s*{_PHRASE}[，,]{_PHRASE})[ 　]+")

# A credit in parentheses right after a dateline: (记者 张三 李四) （通讯员 王五）
CREDIT_OPEN_RE = re.compile(r"\s*[(（]")
CREDIT_CLOSE_RE = re.compile(r"[)）]")
# The typo "(记者 张三)实习生 李四)": a role, names, and a stray closing parenthesis.
CREDIT_SPILL_RE = re.compile(rf"\s*(?:{ROLE_RE})[^()（）。，,；;]{{0,30}}?[)）]")
LEADING_ROLE_RE = re.compile(rf"^(?:{ROLE_RE})[:：]?")
# A name with a credit's next role glued on, 张晓燕通讯员 (roles of two characters or more:
# a one-character role, 文, may end a name).
TRAILING_ROLE_RE = re.compile(
    rf"(?P<name>.+?)(?:{'|'.join(re.escape(r) for r in ROLES if len(r) >= 2)})"
)
MAX_CREDIT = 60
# A time word that opens the text right after an unclosed credit, glued to the last name.
TIME_WORDS = "近日|日前|近期|昨天|昨日|今天|今日|今年|去年"
GLUED_TIME_RE = re.compile(rf"(?:{TIME_WORDS}|\d{{1,2}}月\d{{1,2}}日)$")
# How the text glued to the last name may start when a clause follows it (乙记者昨日从…).
GLUED_TEXT_RE = re.compile(rf"{TIME_WORDS}|\d{{1,2}}月|记者|本报")
# jieba dictionary count above which a word is ordinary vocabulary, not a name.
COMMON_WORD = 10

# The picture agency a photo credit may name after 摄: …摄（某某视觉）
AGENCY = r"(?:\s*[(（][^()（）]{2,12}[)）])?"
# Who wrote and who photographed, after the names: 文/图, 图/文, 文/摄, 摄/文.
WORDS_AND_PICTURES = r"(?:文[/／][图摄]|[图摄][/／]文)"
WORDS_AND_PICTURES_RE = re.compile(WORDS_AND_PICTURES)
# A byline on its own line: 本报记者 张三 李四 / 记者 张三 通讯员 李四 / 文/图 张三
BYLINE_RE = re.compile(
    rf"^[{BULLETS}\s]*(?:(?:{ROLE_RE})(?:[:：]\s*|\s+|(?<=[/／])){NAME}(?:[ 　、,，]+{NAME})*\s*)+"
    rf"(?:[/／]?摄{AGENCY}|供图|采访整理|整理|{WORDS_AND_PICTURES})?$"
)
# An institutional byline, kept literally as the author (本报评论员).
INSTITUTION_BYLINE_RE = re.compile(
    rf"^\s*[{BULLETS}]?\s*(?P<who>本报(?:特约)?评论员|本刊评论员|本报编辑部|新华社评论员|评论员"
    # or a team signing a study (某市委政策研究室课题组, 某校（某学院）调研组): a headline does not
    # end in the word for a research team.
    rf"|[{HAN}（）()]{{2,30}}(?:课题组|调研组|写作组))\s*$"
)
# Marks that end a clause, not a sentence: a line this long that stops at one is cut (see
# lines.classify); a verse line may also stop at a semicolon, and no title stops at either.
CLAUSE_MARKS = ("，", ",", "、")
VERSE_MARKS = (*CLAUSE_MARKS, "；", ";")
# An opinion genre named in brackets after a title: …（湖湘时评） / （经济时评） / （短评）.
OPINION_SUFFIX_RE = re.compile(r"[(（][^()（）]{0,6}(?:时评|评论|短评|快评|锐评|社论|杂谈)[)）]$")
# An institutional byline of an opinion piece: 本报评论员, 新华社评论员, 本刊评论员.
OPINION_BYLINE_RE = re.compile(r"评论员$")
# A bullet and a name, as commentaries and essays are signed: ■ 张三 / □ 王  涛 / ◎ 李四
BULLET_BYLINE_RE = re.compile(rf"^\s*[{BULLETS}]\s*{NAME}(?:[ 　、,，]+{NAME})*\s*$")
# A source line closing an excerpt: （摘编自《某报》） — the article's last block, no affiliation.
SOURCE_RE = re.compile(
    r"^\s*[(（]\s*(?:摘编自|节选自|选自|摘自|原载|转载自|来源[:：])[^()（）]{2,40}[)）]\s*$"
)
# Names then role: 张三 文/图 / 张三 著 (a serial's or a book's author)
BYLINE_SUFFIX_RE = re.compile(
    rf"^\s*{NAME}(?:[ 　、,，]+{NAME})*\s*(?:{WORDS_AND_PICTURES}|\s[文著]|摄{AGENCY})$"
)

# A title in square brackets run into its text on one line (longer than a section's name).
BRACKETED_RUN_IN_RE = re.compile(r"^\s*【[^【】]{6,32}】(?=\S)")
# A headline line's decoration: a bullet before it (●, ▲, ◆…) or square brackets around it.
HEAD_MARKS_RE = re.compile(rf"(?P<lead>[{BULLETS}►▶]\s*|【)(?P<words>[^【】]*?)(?P<tail>】?)")
# A photo's credit naming who supplied it, an institution or no one by name: 某某研究院供图,
# 受访者供图.
SUPPLIED_PHOTO_RE = re.compile(rf"^\s*(?P<who>[{HAN}]{{2,16}})\s*供图\s*$")
# A drawing's credit alone on a line, the artist's name (padded or not) and 作 or 绘 after
# a space or a slash (吴  川 作, 朱  磊/作): a cartoon's or an illustration's, as 摄 is a
# photo's.
ARTIST_CREDIT_RE = re.compile(
    rf"^\s*(?P<name>[{HAN}](?:[ 　]*[{HAN}]){{1,3}})(?:[ 　]+|\s*[/／]\s*)[作绘]\s*$"
)
# A credit in brackets closing an article: …。（本报记者 张三 李四） / （本报记者甲、乙采访整理）
TAIL_CREDIT_RE = re.compile(
    rf"[(（]\s*(?P<inner>(?:{ROLE_RE})[:：]?\s*{NAME}(?:[ 　、,，]+{NAME})*)\s*[)）]\s*$"
)
# What a closing credit may say after the names.
CREDIT_DEED_RE = re.compile(r"(?:采访整理|整理|报道|采写)$")

# A whole line in brackets.
BRACKETED_RE = re.compile(r"\s*[(（]\s*(?P<inner>[^()（）]+?)\s*[)）]\s*")
# A photographer's credit ends the line: …摄 / …摄（某某视觉）
# (供图: the photo was provided by the one named: 通讯员　覃海燕　供图)
PHOTO_END_RE = re.compile(rf"(?:摄|供图){AGENCY}\s*$")

# A byline naming the writer's institution before the name, as courts' and lawyers' pieces
# are signed: 某市某区人民法院 郑  佳 / 某某律师事务所律师 黄  敏 / 某某大学教授 李四.
ORG_BYLINE_RE = re.compile(
    rf"^\s*[{BULLETS}]?\s*[{HAN}]{{2,24}}(?:法院|检察院|律师事务所|大学|学院|党校|研究院|研究所|研究中心"
    # (a doctor signs with hospital, department and post: 某医院心血管内科主任医师 某某)
    rf"|(?:医院|保健院|卫生院)(?:[{HAN}]{{1,8}}?科)?)"
    rf"(?:律师|法官|检察官|教授|副教授|研究员|讲师|(?:副)?主任医师|主治医师|医师|药师|护士长)?"
    rf"[ 　]+(?P<name>{NAME})\s*$"
)

# A photographer named by role rather than by 摄: 特约摄影 张三 / 本报摄影记者 李四.
# (a cartoon's or an illustration's credit, 漫画/某某, credits a picture as a photo's does)
PHOTO_ROLE_RE = re.compile(
    rf"^[{BULLETS}\s]*(?:(?:本报|特约)*摄影(?:记者)?(?:[:：\s/／]|$)|(?:漫画|插图)[/／])"
)

# A photo credit at the end of a caption: …图为… 本报记者 张三 摄
PHOTO_CREDIT_RE = re.compile(
    rf"[(（]?(?P<credit>(?:(?:{ROLE_RE})\s*)?(?P<names>{NAME}(?:[ 　、,，]+{NAME})*)\s*摄)"
    rf"{AGENCY}\s*(?:[)）]\s*)?$"
)

AFFILIATION_RE = re.compile(r"^\s*[(（]?\s*作者(?:单位|系|为)[:：]?.*[)）]?\s*$")
AFFILIATION_TEXT_RE = re.compile(
    r"^\s*[(（]?\s*作者(?:单位|系|为)[:：]?\s*(?P<text>.*?)\s*[)）]?\s*$"
)


def affiliation_of(line: str) -> str:
    """The affiliation an affiliation line states: ``（作者单位：某大学）`` -> ``某大学``."""
    m = AFFILIATION_TEXT_RE.match(line)
    return m["text"] if m and m["text"] else line.strip()


JUMP_RE = re.compile(r"[(（]\s*(?P<dir>上接|下转|接|转)(?:第)?(?P<page>[^()（）\s]{1,4})版\s*[)）]")
# Which way a jump marker points: to the page an article comes from, or goes on to.
INWARD, OUTWARD = ("上接", "接"), ("下转", "转")


def jump_direction(mark: str | None) -> str | None:
    """The direction word of the jump marker in ``mark`` (上接, 下转…), or None."""
    found = JUMP_RE.search(mark) if mark else None
    return found["dir"] if found else None


# An editor's note: 编者按：…
EDITOR_NOTE_RE = re.compile(r"^\s*[【\[]?编者按[】\]]?\s*[:：]?")
# An editor's word printed after a text it answers (a letter): 编辑附言：… / 编后：…
EDITOR_AFTERWORD_RE = re.compile(r"^\s*[【\[]?(?:编辑附言|编者附言|编后语?|编后记)[】\]]?\s*[:：]")
# An editor's note signed on a line of its own: ——编  者
EDITOR_SIGNATURE_RE = re.compile(r"^\s*[—－-]{1,2}\s*编\s*者\s*$")


def dashed(text: str) -> bool:
    """A subtitle's line: it opens with a dash (——…, —…)."""
    return text.startswith("—")


# An official notice's title (某某关于…的公示): a heading whatever its length, as the
# text under it often follows with no blank line.
NOTICE_TITLE_RE = re.compile(
    rf"^[{HAN}A-Za-z0-9（）()“”]{{2,30}}关于.{{2,40}}的(?:通知|公告|公示|通告|通报|决定|启事|倡议书?)$"
)
# A reviewed book's details under the review's byline: title, author, publisher, date
# (《江声》 某某 著 某某出版社 2025年8月版). A paragraph of the review, whole.
BOOK_DETAILS_RE = re.compile(r"^《[^》]{1,40}》.{0,40}?(?:著|编|译).{0,40}?出版社")
# An artwork's label printed with it (某某 《楠溪秋渡》（中国画）): a paragraph, whole.
ARTWORK_RE = re.compile(
    rf"^[{HAN}·]{{2,8}}\s*《[^》]{{1,30}}》\s*[（(](?:中国画|国画|油画|版画|水彩画?|书法|雕塑|篆刻|漆画)[)）]$"
)
# A speaker's lead-in (某某传承人某某：) is a paragraph of its own, complete as it is.
LEAD_IN_RE = re.compile(r"[:：]\s*$")
# A poem's title saying more poems follow under it (…（外一首）): their titles are its subheads.
MORE_POEMS_RE = re.compile(r"[（(]外[一二三四五]首[)）]")
# A letter's closing formula, a line each (此致 / 敬礼！): the letter's, whole.
LETTER_CLOSING_RE = re.compile(r"^\s*(?:此致|敬礼[！!]?|顺祝(?:商祺|安康|教安)?[！!]?)\s*$")

# How a caption opens: what the picture shows (图为…, 上图：…), or a date (12月3日，…).
CAPTION_OPENING_RE = re.compile(
    r"^\s*(?:[上下左右]?图为|[上下左右]图[:：]|这是|\d{1,2}月\d{1,2}日[，,])"
)
# The caption of a story's own picture, saying what it shows: 图为… / 上图：… (as opposed
# to a photo item's caption).
STORY_PICTURE_RE = re.compile(r"^\s*(?:[上下左右]?图为|[上下左右]图[:：])")
# A numbered photo caption: 图①：… / 图2：… / ①10月6日，…
NUMBERED_CAPTION_RE = re.compile(
    r"^\s*(?:图\s*(?P<n>[①-⑳0-9一二三四五六七八九十]{1,2})\s*[:：]|(?P<circled>[①-⑳])\s*(?=\S))"
)


def caption_number(text: str) -> int | None:
    """The number of a numbered caption (图③：… -> 3, ③… -> 3), or None."""
    m = NUMBERED_CAPTION_RE.match(text)
    if not m:
        return None
    n = m["n"] or m["circled"]
    return ord(n) - ord("①") + 1 if "①" <= n <= "⑳" else chinese_number(n)


# Interviews: 问：… 答：… / 记者：… / a reader asking (读者王女士问：…)
INTERVIEW_RE = re.compile(rf"^\s*(?:问|答|记者|[{HAN}]{{2,4}}|[{HAN}]{{1,6}}问)[:：]")
# A question or an answer: 问：/答：, the reporter asking (记者：), or someone named asking.
QA_RE = re.compile(rf"^\s*(?:问|答|记者|[{HAN}]{{1,6}}问)[:：]")
ANSWER_RE = re.compile(r"^\s*答[:：]")
# An interview's subtitle names who is asked: ——访某县兽医某某, ——对话传承人某某.
INTERVIEW_SUBTITLE_RE = re.compile(r"^\s*[—－-]{1,2}\s*(?:专访|访|对话)")

# Page furniture.
PAGE_NO_RE = re.compile(
    r"^\s*(?:第\s*[A-Za-z]?(?P<cn>[0-9０-９一二三四五六七八九十百]+)\s*版|[A-Za-z]?(?P<num>\d{1,2})\s*版)"
    r"\s*(?P<rest>.*)$"
)
DATE_LINE_RE = re.compile(
    r"^\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*[^\s，。,]{0,16})?\s*$"
)
# A date alone, of a year, a month or a day (1983年 / 2024年5月 / 3月12日): a chronology's
# entry opens so (1983年　长汀被列为…), a run-in title never does.
DATE_ONLY_RE = re.compile(
    r"(?=\d)(?:\d{4}\s*年)?(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?(?:[至到—\-]\S*)?"
)
# A date in figures only: 2026.3.18 / 2026-03-18 / 2026/3/18, perhaps with the weekday.
FIGURE_DATE_RE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d{2})[.．\-/](?P<m>1[0-2]|0?[1-9])[.．\-/](?P<d>3[01]|[12]\d|0?[1-9])\s*$"
)
EDITOR_ROLES = (
    r"(?:本版|本期|本刊)?(?:本版责编|本版编辑|责任编辑|责任校对|见习编辑|值班编辑|美术编辑|责编|编辑|美编|校对"
    r"|版式设计|版式|组版|制版|排版|审校|审读|主编|值班主任)"
)
# Role then colon, or role then a space and a name (责任编辑 田  野　美编 高  岩).
EDITOR_SPLIT_RE = re.compile(rf"{EDITOR_ROLES}(?:\s*[:：]|[\s　]+(?=[{HAN}]))")
EDITOR_RE = re.compile(rf"^\s*{EDITOR_SPLIT_RE.pattern}")
# (a cluster's label ending in 简报 or 快报 names no paper: 要闻简报)
PAPER_RE = re.compile(
    rf"^(?!.*(?:简报|快报)\s*$)\s*[{HAN}]{{2,10}}(?:日报|晚报|时报|商报|周报|报)(?:副刊|周刊)?\s*$"
)
# A brief cluster's label: 简讯, 短讯, 快讯 …
BRIEF_LABEL_RE = re.compile(
    rf"^[{BULLETS}\s]*[{HAN}]{{0,4}}(?:简讯|短讯|快讯|快报|速报|简报|速览|动态|速递|集萃|集锦|摘编|短波|资讯|传真|播报)\s*$"
)

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# The most common Chinese surnames (about nine in ten people), and the compound ones: a
# short line opening with one is a person's name more likely than a label.
# A Han given name has one or two characters.
MAX_GIVEN_NAME = 2
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申"
    "欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴"
) | {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐"}

# Place-name endings: a short line ending so is a place kicker, never a person.
PLACE_SUFFIXES = (
    "省",
    "市",
    "县",
    "区",
    "州",
    "盟",
    "旗",
    "乡",
    "镇",
    "村",
    "社区",
    "街道",
    "地区",
)
# In a row of unmarked run-in items, a head may be a short name alone (新泰　今年以来，…: a
# round-up of the counties' news by their short names); only a row of them says so.
SHORT_RUN_IN_RE = re.compile(rf"^(?P<head>[{HAN}]{{2,3}})[ 　]+(?=\S)")
# A run-in head may be a division's name, shorter than a title (安定区　11月15日，…: a
# round-up of the counties' news), when its text reads as an item's (``lines.run_in_head``).
PLACE_RUN_IN_RE = re.compile(
    rf"^\s*(?P<head>{_MARK}[{HAN}]{{1,4}}(?:{'|'.join(PLACE_SUFFIXES)}))[ 　]+"
)


# How column (栏目) names end: the genre of the series. A closed class, growing with papers.
COLUMN_ENDINGS = (
    "评", "论", "谈", "语", "话", "记", "录", "察", "踪", "法", "悟", "笔", "萃", "坛", "究",
    "事", "说", "析", "读", "思", "见", "闻", "窗", "堂", "苑", "角", "镜", "声", "览", "集", "言",
    "故事", "周刊", "副刊", "专栏", "视点", "聚焦", "关注", "一线", "纪实", "速写", "特写",
    "调查", "解读", "访谈", "人物", "视觉", "影像", "笔谈", "面对面", "观察", "调研", "随笔",
    "连线",
)  # fmt: skip


def chinese_number(text: str) -> int | None:
    """``三`` -> 3, ``十二`` -> 12, ``03`` -> 3; None when it is not a number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if not text or any(c not in CN_DIGITS and c not in "十百" for c in text):
        return None
    if "十" not in text:
        return CN_DIGITS.get(text)
    tens, _, units = text.partition("十")
    return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(units, 0) if units else 0)


# How a numbered section head opens: 二、 / （二） / 第二， / 2. — the number is a group.
SECTION_NUMBER_RE = re.compile(
    r"^\s*(?:(?P<a>[一二三四五六七八九十]{1,3})、|[（(](?P<b>[一二三四五六七八九十]{1,3})[)）]"
    r"|第(?P<c>[一二三四五六七八九十]{1,3})[，,、 　]|(?P<d>[0-9０-９]{1,2})[.．、](?![0-9]))"
)


def section_number(text: str) -> int | None:
    """The number a section head opens with (``三、…`` -> 3), or None."""
    m = SECTION_NUMBER_RE.match(text)
    if not m:
        return None
    return chinese_number(next(g for g in m.groups() if g))


# A note in brackets after a finished sentence: …。（某某出版社2026年1月出版）
TRAILING_NOTE_RE = re.compile(r"。[(（][^()（）]{1,40}[)）]\s*$")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with terminal punctuation (possibly followed by closers, or
    by a note in brackets)."""
    if TRAILING_NOTE_RE.search(text):
        return True
    stripped = text.rstrip().rstrip(CLOSERS)
    if not stripped:
        return False
    if stripped[-1] in TERMINAL:
        return True
    return bool(ASCII_STOP_RE.search(stripped[-2:])) and stripped.endswith(".")


# An item of an enumeration, which may end with a semicolon as a paragraph of its own:
# 一是…； / （二）…； / 3．…； / 第一，…； / ①…；
LIST_ITEM_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十0-9]+[)）]|\d+[.．、]"
    r"|第[一二三四五六七八九十]+[，,、]|[①-⑳])"
)


def ends_paragraph(text: str) -> bool:
    """``text`` may end a printed paragraph: a sentence's end, or a semicolon closing an
    item of an enumeration (elsewhere a semicolon leaves the sentence to go on)."""
    if not ends_sentence(text):
        return False
    semicolon = text.rstrip().rstrip(CLOSERS).endswith(("；", ";"))
    return not semicolon or bool(LIST_ITEM_RE.match(text))


def has_sentence_end(text: str) -> bool:
    """True when a full stop, question or exclamation mark stands anywhere in ``text``."""
    return any(c in text for c in "。！？") or bool(ASCII_STOP_RE.search(text))


def han_count(text: str) -> int:
    """Number of Han characters in ``text``."""
    return len(HAN_RE.findall(text))


@dataclass(slots=True, frozen=True)
class Credit:
    """Names found in a dateline credit or a byline."""

    names: tuple[str, ...]
    end: int
    """Offset in the text just after the credit."""


# A two-character name printed padded to the width of three (王  浩, 刘  辉摄, 张　远).
# The name may be glued to the role before it (本报记者陆  敏) and to a credit's deed after
# it (钱  程采访整理).
_PADDED_BEFORE = f"(?:(?<![{HAN}])|(?<=记者)|(?<=通讯员))"
_PADDED_AFTER = (
    # (not the 文 of 文/图 after a name: 唐  博 文/图)
    f"(?![/／])(?=摄?(?:[^{HAN}]|$)|采访整理|整理|采写|报道|{TIME_WORDS})"
)
# A run of single characters spaced apart: padded names, one (王  浩, 彭  秀  梅) or several
# (张  远  刘  畅: an even run is read as two-character names).
PADDED_RUN_RE = re.compile(f"{_PADDED_BEFORE}[{HAN}](?:[ 　]{{1,4}}[{HAN}])+{_PADDED_AFTER}")
SPACES_RE = re.compile(r"[ 　]+")


def _close_up(run: re.Match[str]) -> str:
    chars = SPACES_RE.split(run.group(0))
    gaps = SPACES_RE.findall(run.group(0))
    if len(chars) == 3:
        return "".join(chars)
    if len(chars) % 2:
        return run.group(0)
    # Each pair closed up; the gap after it (between two names) kept.
    between = [*gaps[1::2], ""]
    return "".join(chars[k] + chars[k + 1] + between[k // 2] for k in range(0, len(chars), 2))


# A compound surname and a one-character given name padded to four characters' width:
# 欧阳  琳.
COMPOUND_PADDED_RE = re.compile(
    "(?<![{han}])({compound})[ 　]{{1,4}}([{han}]){after}".format(
        han=HAN,
        compound="|".join(sorted(n for n in SURNAMES if len(n) == 2)),
        after=_PADDED_AFTER,
    )
)


def unpad(text: str) -> str:
    """Names printed with padding, closed up: ``本报记者 王  浩`` -> ``本报记者 王浩``."""
    return PADDED_RUN_RE.sub(_close_up, COMPOUND_PADDED_RE.sub(r"\1\2", text))


# An institution's name: some words, then what it is (某区人民法院, 某市第二中学).
INSTITUTION_RE = re.compile(
    rf"^[{HAN}]{{2,}}(?:法院|检察院|公安局|大学|学院|学校|中学|小学|医院|公司|研究院|研究所"
    rf"|委员会|中心|党校|协会|政府|集团|律师事务所)$"
)


def split_names(text: str) -> list[str]:
    """``张三 李四、王五`` -> [张三, 李四, 王五]."""
    return [n for n in re.split(r"[ 　、,，]+", text.strip()) if n]


def credit_names(text: str) -> list[str] | None:
    """Names in a credit, roles dropped; None unless it is only roles and names."""
    names: list[str] = []
    has_role = False
    for token in re.split(r"[ 　、,，:：]+", text.strip()):
        while token and (m := LEADING_ROLE_RE.match(token)):
            has_role, token = True, token[m.end() :]
        if not token:
            continue
        # (a name glued to the next role where a wrapped line's end lost the space between
        # them: 张晓燕 / 通讯员 王立群 read as 张晓燕通讯员 王立群)
        trailing = TRAILING_ROLE_RE.fullmatch(token)
        if trailing and re.fullmatch(NAME, trailing["name"]) and len(trailing["name"]) >= 2:
            names.append(trailing["name"])
            continue
        if not re.fullmatch(NAME, token):
            return None
        names.append(token)
    return names if has_role and names else None


def parse_credit(text: str, start: int) -> Credit | None:
    """Read the ``(记者 张三 李四)`` credit that follows a dateline ending at ``start``."""
    opening = CREDIT_OPEN_RE.match(text, start)
    if not opening:
        # The typo with the opening parenthesis missing: 本报某地讯 记者 甲）…
        bare = CREDIT_SPILL_RE.match(text, start)
        names = credit_names(unpad(text[start : bare.end() - 1])) if bare else None
        return Credit(tuple(names), bare.end()) if bare and names else None
    closing = CREDIT_CLOSE_RE.search(text, opening.end())
    if not closing or closing.start() - opening.end() > MAX_CREDIT:
        return _unclosed_credit(text, opening.end())
    inner, end = text[opening.end() : closing.start()], closing.end()
    spill = CREDIT_SPILL_RE.match(text, end)
    if spill:
        inner, end = inner + " " + text[end : spill.end() - 1], spill.end()
    names = credit_names(unpad(inner))
    return Credit(tuple(names), end) if names else _unclosed_credit(text, opening.end())


def _unclosed_credit(text: str, start: int) -> Credit | None:
    """The typo with the closing parenthesis missing: ``(记者 甲 通讯员 乙近日，…``.

    Roles and names are read up to the first word that is neither; a time word glued to
    the last name (乙近日) is cut off it. The credit ends where the names do.
    """
    clause = re.split(r"[，,。；;（(]", text[start : start + MAX_CREDIT], maxsplit=1)[0]
    names: list[str] = []
    has_role, at = False, start
    after_role = False
    for token in re.finditer(r"\S+", unpad(clause)):
        word = token.group(0)
        while word and (m := LEADING_ROLE_RE.match(word)):
            has_role, after_role, word = True, True, word[m.end() :]
        if not word:
            continue
        glued = GLUED_TIME_RE.search(word)
        name = word[: glued.start()] if glued else word
        if not glued:
            # The whole clause glued to the name: a name of two to four characters, then a
            # time word or the reporter (吴晓燕记者昨日从…).
            for k in (3, 2, 4):
                glued = GLUED_TEXT_RE.match(word, k) if re.fullmatch(NAME, word[:k]) else None
                if glued:
                    name = word[:k]
                    break
        # Right after a role the word is a name even if it is also a word (通讯员 于洋);
        # one opening with a preposition or a time word starts the text (从本周六起).
        ordinary = (names and not after_role and _common_word(name)) or _opens_clause(name)
        if not name or not re.fullmatch(NAME, name) or ordinary:
            break
        names.append(name)
        after_role = False
        at = text.find(name[-1], at) + 1 if name[-1] in text[at:] else at
        if glued:
            break
    return Credit(tuple(names), at) if has_role and names else None


def _opens_clause(word: str) -> bool:
    """The word begins with a preposition, a time word, an adverb or a conjunction (and is
    not a Han name whose surname is one: 于小川)."""
    if word[:1] in SURNAMES and len(word) <= MAX_GIVEN_NAME + 1:
        return False
    first = tagged(word)[:1]
    return bool(first) and len(first[0][0]) < len(word) and first[0][1][:1] in "ptdc"


def _common_word(word: str) -> bool:
    """Ordinary vocabulary (日前, 随着), not a person's name (jieba tags those nr)."""
    if tokenizer().FREQ.get(word, 0) < COMMON_WORD:
        return False
    return not any(flag.startswith("nr") for _, flag in tagged(word))


def tail_credit(text: str) -> tuple[int, list[str]] | None:
    """Where a closing bracketed credit starts in ``text`` and its names, or None.

    Only at a sentence end (or alone on its line): ``（记者 张三）`` inside a sentence is
    part of the text.
    """
    at = max(text.rfind("("), text.rfind("（"))
    m = TAIL_CREDIT_RE.match(unpad(text[at:])) if at >= 0 else None
    before = JUMP_RE.sub("", text[:at]).rstrip()
    if not m or (before and not ends_sentence(before)) or m["inner"].endswith("摄"):
        # A photographer's credit closing a caption stays in the caption.
        return None
    names = [CREDIT_DEED_RE.sub("", n) for n in byline_names(m["inner"])]
    names = [n for n in names if len(n) >= 2]
    return (at, names) if names else None


def byline_names(text: str) -> list[str]:
    """Names in a byline line, roles dropped: ``本报记者 张三 李四`` -> [张三, 李四]."""
    body = re.sub(rf"^[{BULLETS}\s]+", "", text.strip())
    deed = rf"{WORDS_AND_PICTURES}|[/／]?摄{AGENCY}|供图|采访整理|整理|报道|(?<=\s)[文著]"
    body = re.sub(rf"\s*(?:{deed})\s*$", "", body)
    body = re.sub(rf"(?:{ANY_ROLE_RE.pattern})[:：]?", " ", body)
    # (an institution printed before a name, ■ 某区人民法院 某某, is where, not who)
    return [n for n in split_names(body) if not INSTITUTION_RE.search(n)]


# A line of a page hard-wrapped at a column's width runs past it by a quarter at most
# (punctuation hung in the margin, a typesetter's squeeze); longer, it is a line of its
# own (a brief's whole text, in a box).
OVERHANG = 1.25


def width(text: str) -> float:
    """Printed width in full-width characters: Latin letters, digits and ASCII
    punctuation take half a column each."""
    return sum(1.0 if ord(c) > 0x2000 else 0.5 for c in text)


def wrapped_piece(raw: str, column: int) -> bool:
    """On a page hard-wrapped at ``column``, the line is one printed line of a block, not a
    whole line of its own."""
    return width(raw.strip()) <= column * OVERHANG
