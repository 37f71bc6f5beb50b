"""Is a short line a person's name, a few names, or a letter's signature?

Bylines, author lines and signatures are told from headings and column labels by these
tests: a name is a surname and a rare given name, or words jieba tags as a name, never
ordinary vocabulary or a clause (see ``lines.classify``, which asks them of every short line).
"""

from __future__ import annotations

import re

from site_builder.ingest import patterns as pt
from site_builder.nlp.tokenizer import tagged, tokenizer

# A short line of only Han characters this long may be a person's name.
NAME_CHARS = (2, 8)
# Characters no person's name holds: a negation and the commonest particles.
NEVER_IN_NAMES = "不的了着过吗呢吧"
# Names alone on a line: at most this many (more is a list, or verse).
MAX_NAMES_ON_LINE = 3
# A Han name (surname + given name) has at most four characters.
MAX_HAN_NAME = 4
# A place named in a letter's signature (某某自治县某某镇) is at most this long; place,
# job and name make at most three parts.
MAX_PLACE_IN_SIGNATURE, SIGNATURE_TOKENS = 12, 3
# Where a reader writes from: a division, or a school, hospital or firm.
SIGNED_FROM_RE = re.compile(
    "(?:" + "|".join(pt.PLACE_SUFFIXES) + "|大学|学院|学校|中学|小学|医院|公司|研究院|研究所)"
)
# …or who writes: a parent of a pupil of some class (七年级（3）班学生家长), a reader.
SIGNER_RE = re.compile("(?:家长|读者|市民|居民|村民)$")
SIGNED_AS_RE = re.compile(f"[{pt.HAN}0-9０-９（）()]+")
# jieba dictionary count from which a word is frequent enough to show a clause, not a name.
ORDINARY_WORD = 100
# Part-of-speech classes of function words (adverb, particle, preposition, conjunction).
FUNCTION_TAGS = "dupc"
# jieba's flags of common words: nouns, verbs, adjectives, idioms, set phrases.
COMMON_FLAGS = frozenset({"n", "v", "vn", "a", "ad", "an", "i", "l"})
# jieba dictionary count above which a word is ordinary vocabulary, not part of a name.
COMMON_WORD = 10
# A given name after a compound surname is a rare word at most (启明: 25 in jieba's
# dictionary; 观察, 时评: thousands).
RARE_GIVEN = 100


def names_alone(text: str) -> bool:
    """One to three names and nothing else, no role (刘畅 / 张三 李四)."""
    names = text.split()
    if not 1 <= len(names) <= MAX_NAMES_ON_LINE or pt.ANY_ROLE_RE.search(text):
        return False
    return all(name_like(n) for n in names)


def signature(tokens: list[str]) -> bool:
    """A place or an institution, perhaps a job, then a person's name: a letter's or a
    reader's comment's signature."""
    if not 2 <= len(tokens) <= SIGNATURE_TOKENS:
        return False
    where, name = tokens[0], tokens[-1]
    return (
        all(2 <= len(t) <= MAX_PLACE_IN_SIGNATURE for t in tokens[:-1])
        and all(SIGNED_AS_RE.fullmatch(t) for t in tokens[:-1])
        and bool(pt.HAN_ONLY_RE.fullmatch(name))
        and bool(SIGNED_FROM_RE.search(where) or SIGNER_RE.search(tokens[-2]))
        and len(name) <= MAX_HAN_NAME
        # (after a place and a job, a surname and a given name are a name even if they
        # make a word: 万国平)
        and (name_like(name) or (name[0] in pt.SURNAMES and len(name) < MAX_HAN_NAME))
    )


def name_like(text: str) -> bool:
    """Could this short line be a person's name (an author line)?

    Han characters only, not a place, and either a common surname with a short given
    name, or not made of ordinary words: a column label is one or two common dictionary
    words; a Tibetan name is not (or jieba tags it as a name).
    """
    lo, hi = NAME_CHARS
    if not re.fullmatch(f"[{pt.HAN}·•]{{{lo},{hi}}}", text) or text.endswith(pt.PLACE_SUFFIXES):
        return False
    if any(c in text for c in NEVER_IN_NAMES):
        # (a negation or a particle makes a clause: 冬闲不闲修渠忙)
        return False
    freq = tokenizer().FREQ
    if text.endswith(pt.COLUMN_ENDINGS) and (
        (len(text) == MAX_HAN_NAME and freq.get(text[2:])) or freq.get(text)
    ):
        # A place's or a paper's name and a column's word (衡岳时评, 衡岳新语), or a
        # genre's name (小小说): a label.
        return False
    surname = text[0] in pt.SURNAMES or text[:2] in pt.SURNAMES
    # 高原时评 opens with a surname too, but 高原 is an ordinary word: not a name.
    # Four characters after a one-character surname are rarely a name (晋风随笔 is a label).
    compound = text[:2] in pt.SURNAMES
    short = len(text) <= MAX_HAN_NAME - 1 or (compound and len(text) <= MAX_HAN_NAME)
    if surname and short and freq.get(text[:2], 0) < COMMON_WORD:
        return True
    given = text[2:]
    if compound and short and not freq.get(text, 0) and freq.get(given, 0) < RARE_GIVEN:
        # (a compound surname is itself a word, 欧阳; the given name after it is not a
        # frequent one, nor a column's last word: 欧阳启明, where 东方观察 and 东方时评
        # are labels)
        return len(given) < 2 or not given.endswith(pt.COLUMN_ENDINGS)
    if surname and len(text) == MAX_HAN_NAME - 1 and not freq.get(text, 0):
        # A surname and two characters the dictionary does not know as a word (方知远,
        # though 方知 is one): a name, as a heading of three characters is a word.
        return True
    if surname and not compound and len(text) == MAX_HAN_NAME:
        # (学思践悟, 以案释法: four characters after a Han surname name a column)
        return False
    words = tagged(text)
    # jieba tags many a word of a clause nr (秦岭就安静了): a name holds no adverb,
    # particle, preposition or conjunction.
    # Longer than a Han name, nor a frequent word jieba does not take for a name
    # (拓宽牧民增收渠道: 牧民, 渠道); a Han given name may be one (麻建军).
    # (four characters not led by a compound surname are two words when one of them is
    # ordinary vocabulary: 梯田秋收, though jieba takes 秋收 for a name)
    longer = len(text) > MAX_HAN_NAME or (len(text) == MAX_HAN_NAME and not compound)
    ordinary = longer and any(
        (len(w) >= 2 and not flag.startswith("nr") and freq.get(w, 0) >= ORDINARY_WORD)
        # (nor a verb: 满村秋色晒丰年 is a clause, though jieba takes 丰年 for a name)
        or flag == "v"
        for w, flag in words
    )
    if (
        any(flag.startswith("nr") for _, flag in words)
        and not any(flag[0] in FUNCTION_TAGS for _, flag in words)
        and not ordinary
    ):
        return True
    if len(words) == 1 and freq.get(text, 0) and words[0][1] in COMMON_FLAGS:
        # One common word of the dictionary, however rare (注意事项); a proper noun may be
        # a name (拉巴次仁).
        return False
    return not any(len(w) >= 2 and freq.get(w, 0) >= COMMON_WORD for w, _ in words)
