"""The grammar across a cut: does the text after it go on with the sentence before it?

Word classes from jieba's part-of-speech tags, how well one class continues with another,
how paragraphs typically open, and textual signs that a cut fell inside a word or a list.
"""

from __future__ import annotations

import re

from site_builder.ingest import patterns as pt
from site_builder.nlp.tokenizer import dictionary_words, tokenizer

# A continuation opening with a bare word and a comma (…业务|培训，内容包括…) is this short.
MAX_SHORT_CLAUSE = 4


# Word classes (from jieba's part-of-speech tags) for the grammar across a join.
CLASS_OF_FLAG = {
    "m": "num",
    "q": "num",
    "mq": "num",
    "p": "prep",
    "u": "part",
    "uj": "part",
    "ul": "part",
    "uz": "part",
    "ug": "part",
    "uv": "part",
    "ud": "part",
    "y": "part",
    "c": "conj",
    "v": "verb",
    "vd": "verb",
    "vi": "verb",
    "a": "adj",
    "d": "adv",
    "ad": "adv",
    "t": "time",
    "f": "part",
    "x": "punct",
}

# How well a word of the first class continues with a word of the second, when a sentence
# is cut between them. Positive: the grammar expects it (a numeral and measure word wants
# its noun, a preposition its object); negative: it would be an odd sentence.
GRAMMAR: dict[tuple[str, str], float] = {
    ("num", "noun"): 2.0,
    ("num", "num"): 1.0,
    ("num", "adj"): 1.5,  # 两棵|老黄葛树: a measure word wants its noun, an adjective first
    ("num", "verb"): -1.0,
    ("num", "adv"): -1.0,
    ("prep", "noun"): 2.0,
    ("prep", "num"): 1.0,
    ("part", "noun"): 2.0,
    ("part", "verb"): 1.0,
    ("conj", "noun"): 1.0,
    ("conj", "verb"): 1.0,
    ("verb", "noun"): 1.5,
    ("verb", "num"): 0.5,
    ("verb", "part"): 1.0,
    ("noun", "verb"): 1.0,
    ("noun", "adv"): 1.0,
    ("noun", "part"): 1.5,
    ("noun", "conj"): 0.5,
    ("noun", "time"): -1.0,
    ("noun", "num"): -0.5,
    ("adj", "noun"): 1.0,
    ("adj", "part"): 1.0,
    ("adv", "verb"): 2.0,
    ("adv", "noun"): 1.0,  # jieba tags many verbs after an adverb as nouns: 又|贷款
    ("adv", "adj"): 1.0,
    ("adv", "prep"): 1.0,
    ("punct", "noun"): 0.5,
    ("punct", "verb"): 0.5,
    ("punct", "conj"): 1.5,
    ("punct", "adv"): 0.5,
    ("measure", "num"): 2.0,
    ("measure", "noun"): 1.0,
    ("measure", "verb"): -0.5,
    ("modal", "verb"): 2.0,
    ("modal", "adv"): 1.0,
    ("modal", "prep"): 1.0,  # 都要|在手机上完成
    ("modal", "noun"): -1.0,
}
# Verbs that state an amount (亩均纯收益可达|2000元, 数量增至|1800只): cut after one, a
# quantity follows, or the thing measured.
MEASURE_VERBS = frozenset(
    ["达", "达到", "可达", "超过", "突破", "增至", "降至", "增长", "共计", "合计", "累计"]
)
# Adverbs jieba tags as numerals (和房东一起|列出…): cut after one, a verb follows.
NUMERAL_ADVERBS = frozenset(["一起", "一道"])
# Verbs that take another verb as their object (想成为, 要加强, 能参加): cut after one of
# these, the sentence goes on with a verb.
MODALS = frozenset(
    [
        "想",
        "要",
        "能",
        "会",
        "可",
        "可以",
        "应",
        "应该",
        "应当",
        "需要",
        "必须",
        "希望",
        "愿意",
        "开始",
        "继续",
        "敢",
        "肯",
        "得以",
        "将",
    ]
)

# How a paragraph typically opens: a time, a connective, an enumeration, a quotation, or
# a prepositional phrase closed by a comma. A continuation rarely looks like this.
OPENER = re.compile(
    # (a quotation opens a paragraph; a quoted term closed within a few characters, as
    # in “半拉子”状态, may just as well be the object of a cut sentence)
    r"^(?:[“‘「『](?![^”’」』]{1,6}[”’」』])|《"
    r"|\d{4}年|\d{1,2}月\d{1,2}日|[0-9一二三四五六七八九十]+是"
    r"|[(（][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:[，,、是]|条|点|步|方面)"
    r"|近日|日前|近年来?|今年|去年|目前|当前|如今|此前|今天|昨天|近期|眼下|最近|近来"
    r"|同时|此外|另外|随后|首先|其次|最后|然而|因此|总之|与此同时|一方面|另一方面"
    r"|据(?:了解|悉|介绍|统计)"
    # time adverbials a lede opens with: 连日来, 入冬以来，, 截至目前; a reporter's lead-in
    r"|连日来|多年来|[^，,。“”]{1,8}以来[，,]|截至|记者(?:从|在|近日|日前|了解到|获悉)"
    r"|(?:在|从|为|对|随着|针对|围绕|通过|按照|根据)[^，,。]{1,20}[，,]"
    r"|[^，,。“”]{2,15}(?:表示|介绍|指出|认为|强调|说)[，,：:])"
)
# A piece starting like this cannot open a sentence at all.
# Conjunctions that join two words or phrases and never open a sentence on their own.
JOINING_CONJUNCTIONS = ("和", "与", "及", "或", "跟")
# 其 alone is a verb's object or a possessive (提升其能力); 其中, 其实, 其次… open sentences.
CANNOT_OPEN = re.compile(
    r"^[，,、。；;：:！!？?）)》」”’…—]|^[的地得了着过们等并]|^其(?![中实次他它余间一二三四五六七八九十])"
    r"|^是(?![否的非])"
    r"|^[即便]可"
)
# Particles (的, 地, 了…) cannot open a sentence; as a word's first character (地理, 过去,
# 等待, 并且) they open one like any other word. Nor can the copula 是, a predicate whose
# subject was cut off (…一个|是从深圳回来的…), unless it asks or answers (是否, 是的);
# nor 即可 / 便可, "then can", whose condition stands before them (接种后约两周|即可…).
PARTICLES = frozenset("的地得了着过们等并")


def cannot_open(text: str) -> bool:
    """``text`` starts with punctuation or a word that no sentence opens with."""
    if not CANNOT_OPEN.match(text):
        return False
    if text[0] not in PARTICLES:
        return True
    first: list[str] = tokenizer().lcut(text[:6], HMM=False)[:1]
    return first == [text[0]]


# A whole paragraph of one bare clause of a few characters (一目了然。 / 供不应求。).
LONE_TAIL_RE = re.compile(rf"^[{pt.HAN}]{{1,8}}[。！？]$")


def lone_tail(text: str) -> bool:
    """``text`` is a sentence's last few characters standing alone: no printed paragraph
    is one short predicate, so it is the end of a sentence cut at a column's foot."""
    return bool(LONE_TAIL_RE.match(text.strip()))


def word_class(flag: str) -> str:
    """Coarse class of a jieba part-of-speech flag: num, prep, part, conj, verb, noun…"""
    if flag in CLASS_OF_FLAG:
        return CLASS_OF_FLAG[flag]
    if flag.startswith(("n", "r", "vn", "an", "nz", "j", "l", "i")):
        return "noun"
    if flag.startswith("v"):
        return "verb"
    return "other"


def end_class(word: str, flag: str) -> str:
    """Class of the last word before a cut; verbs that take a verb object are ``modal``."""
    if word in NUMERAL_ADVERBS:
        return "adv"
    if word in MEASURE_VERBS:
        return "measure"
    return "modal" if word in MODALS else word_class(flag)


# Subjects that open a clause of their own.
PERSONAL_PRONOUNS = ("我", "你", "他", "她", "咱", "大家")


# A quantity alone (600种, 近600种, 3.6万吨, 12%): the object of a verb cut before it
# (增加到|近600种，…). A date (2025年，) is not one: it opens sentences.
QUANTITY = re.compile(
    r"(?:近|约|逾|超过?|将近|不到|不足)?[0-9０-９][0-9０-９.．]*[万亿]?"
    r"(?:[%％]|[个种家名人户座项件只头吨元亩米次倍所条台辆套份]|公里|平方米)?"
)


def starts_with_quantity(start: str) -> bool:
    """``start`` opens with a number, or a word of approximation and a number."""
    found = QUANTITY.match(start)
    if found is None:
        return False
    after = start[found.end() : found.end() + 1]
    return after == "" or after not in "年月日时号"


def short_first_clause(start: str) -> bool:
    """A bare word and a comma (培训，…): the tail of a cut clause. A short clause of its own
    (夜色渐深，寒潮来袭，) is a scene opener instead: more than one word."""
    clause = re.split(r"[，,；;]", start, maxsplit=1)
    if len(clause) == 2 and QUANTITY.fullmatch(clause[0]):
        return True
    if len(clause) != 2 or not 1 <= len(clause[0]) <= MAX_SHORT_CLAUSE:
        return False
    if clause[0].startswith(PERSONAL_PRONOUNS):
        # 我想，… / 他说，… : a subject and its verb, a sentence of its own.
        return False
    return len(clause[0]) <= 2 or len(dictionary_words(clause[0])) == 1


def continues_list(end: str, start: str) -> bool:
    """The cut falls inside an enumeration: 、 before it in its clause, and 、 or 和…等
    after it in the continuation's first clause."""
    last_clause = re.split(r"[，,。；;：:！？!?]", end)[-1]
    first_clause = re.split(r"[，,。；;：:！？!?]", start)[0]
    return "、" in last_clause and ("、" in first_clause or "等" in first_clause)


# Paired conjunctions: the first opens a sentence's earlier clause, the second a later one
# (既要…，也要…). A cut sentence holding the first half unanswered goes on where a
# clause opens with the second.
PAIRED_CONJUNCTIONS = (
    ("既要", ("也要", "又要", "更要", "还要")),
    ("不仅", ("而且", "也", "还", "更")),
    ("不但", ("而且", "也", "还", "更")),
    ("虽然", ("但", "却")),
    ("尽管", ("但", "却", "仍")),
    ("一方面", ("另一方面",)),
    ("只有", ("才",)),
    ("之所以", ("是因为",)),
    ("与其", ("不如",)),
)


def answers_pair(end: str, start: str) -> bool:
    """``end``'s sentence opens a paired conjunction it does not close (既要…依法追责，) and
    ``start`` opens a clause with its second half (也要补上…)."""
    sentence = re.split(r"[。！？!?；;]", end)[-1]
    first_clause = re.split(r"[，,。；;：:！？!?]", start)[0]
    for first, seconds in PAIRED_CONJUNCTIONS:
        at = sentence.rfind(first)
        if at == -1 or any(s in sentence[at + len(first) :] for s in seconds):
            continue
        if first_clause.startswith(seconds) and sentence.rstrip().endswith(("，", ",")):
            return True
    return False


# Punctuation that closes a clause right after a word.
CLAUSE_MARKS = ("，", ",", "、", "。", "；", ";", "：", ":")


def spanning_word(tail: str, head: str) -> bool:
    """True when a dictionary word runs across the cut (激励广|大基层 -> 广大).

    HMM is off: it would glue any two unknown characters into a "new word".
    """
    cut = 0
    for word in dictionary_words(tail + head):
        if cut < len(tail) < cut + len(word) and pt.han_count(word) == len(word):
            left, right = word[: len(tail) - cut], word[len(tail) - cut :]
            whole = len(left) >= 2 and len(right) >= 2 and is_word(left) and is_word(right)
            # A compound of two whole words (依法|执法) may be two words that meet by chance
            # at a column end: it spans the cut only when its second word is a bare one
            # closed by punctuation (业务|培训，), not the subject of a sentence of its own.
            return not whole or head[len(right) : len(right) + 1] in CLAUSE_MARKS
        cut += len(word)
    return False


def is_word(text: str) -> bool:
    """``text`` is a word of the dictionary."""
    return bool(tokenizer().FREQ.get(text, 0) > 0)


def dictionary_pair(end: str, start: str) -> bool:
    """True when the characters meeting at the cut form a dictionary word of two or three
    characters (务|点 is not one, 服务|点 may be): a softer sign than ``spanning_word``,
    which needs the word to survive segmentation of the whole context."""
    freq = tokenizer().FREQ
    pieces = (end[-1:] + start[:1], end[-2:] + start[:1], end[-1:] + start[:2])
    return any(len(p) >= 2 and pt.han_count(p) == len(p) and freq.get(p, 0) > 0 for p in pieces)
