"""Townships, streets, communities and villages found in the text by their suffix.

No maintained package lists Tibet below county level, so a name such as 扎西宗社区 is learned
from the text: a suffix (社区, 街道, 乡, 镇, 村, 居委会 ...) and the name written before it.
Where the name starts is the hard part (让当热社区: 当热, not 热), so a name is *confirmed*
by the whole archive: it must appear after a boundary (start of a paragraph, punctuation,
another place) or after at least two different characters. Common words never make a name
(幸福社区, 智慧社区, 进社区), unless a parent place is written right before them.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from site_builder.enrich.models import Level
from site_builder.enrich.resources import data_set
from site_builder.nlp.tokenizer import pos_tokenizer, tokenizer

SUFFIXES: dict[str, tuple[str, Level]] = {
    "街道办事处": ("街道", "township"),
    "街道办": ("街道", "township"),
    "社区居委会": ("社区", "village"),
    "村民委员会": ("村", "village"),
    "居委会": ("社区", "village"),
    "村委会": ("村", "village"),
    "街道": ("街道", "township"),
    "社区": ("社区", "village"),
    "苏木": ("苏木", "township"),
    "嘎查": ("嘎查", "village"),
    "镇": ("镇", "township"),
    "乡": ("乡", "township"),
    "村": ("村", "village"),
}
"""Suffix as written -> (suffix in the canonical name, level). A residents' committee
(居委会) stands for its community, a villagers' committee (村委会) for its village."""

_SUFFIX_RE = re.compile("|".join(sorted(SUFFIXES, key=len, reverse=True)))
MAX_NAME = 6
"""Longest name before a suffix, in characters (狮泉河 is 3)."""
RARE = 50
"""jieba dictionary frequency below which a word counts as rare (a likely name)."""
COMMON_WORD = 300
"""jieba dictionary frequency from which a word counts as an everyday one (as
``gazetteer.COMMON_WORD_FREQ``)."""
STOP_CHARS = frozenset(
    "的在了是把被对为从向于将让给等各全本该这那每其我你他她们进到至赴往与及或并也都就已又还很更最个名位所之以由离距"
)
"""Function characters that end a name when walking back from its suffix (离, 距: a
distance from "the town", 放牧点离镇卫生院)."""
SUFFIX_CHARS = frozenset("乡镇村县区市省")
"""One character that is itself a division word is never a name (各乡镇 is not 乡镇)."""
_TOWNSHIP_CHARS = frozenset("县乡镇")
"""One of these inside a stem, after two characters or more (分界镇储良|村, 青枫县白沙|乡),
ends a county's or township's name: the stem runs across it into the place after it
(a county the gazetteer does not know is written so)."""
LOCATIVE = frozenset("在到赴于至")
"""A one-character name right after one of these is taken (在桑社区)."""
_HAN = re.compile(r"[\u3400-\u9fff]+")


@dataclass(slots=True, frozen=True)
class Site:
    """A suffix occurrence in a text."""

    start: int
    end: int
    suffix: str
    """Canonical suffix (社区 for 社区居委会)."""
    level: Level
    glued: bool = False
    """jieba glued the suffix to the character before it (塔|城镇): only a name written
    right after its parent may end there."""


def synthetic_code(parent: str, name: str) -> str:
    """Stable code of a division learned from the text: the parent's code, a hyphen and the
    first 8 hex digits of the SHA-1 of the name (UTF-8). Official township codes are 9
    digits, so the two never collide."""
    return f"{parent}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


def has_suffix(text: str) -> bool:
    """True when a division suffix (社区, 乡, 村委会 ...) is written anywhere in ``text``;
    every learned place's name ends with one."""
    return _SUFFIX_RE.search(text) is not None


def sites(
    text: str, ends: frozenset[int], token_end: dict[int, str], place_ends: frozenset[int]
) -> list[Site]:
    """Suffix occurrences that end a jieba word. A one-character suffix (乡, 镇, 村) only
    counts when it stands alone or ends a word jieba does not know well (纳金乡, not 家乡),
    or when a place named right before leaves room for a name whose last character jieba
    glued to it (维西傈僳族自治县|塔|城镇: ``place_ends`` are where the text's places end)."""
    found = []
    freq = tokenizer().FREQ
    for match in _SUFFIX_RE.finditer(text):
        written = match.group()
        if match.end() not in ends and not _in_suffix_word(match, ends, token_end):
            continue
        word = token_end.get(match.end(), "")
        if len(written) == 1 and word != written and freq.get(word, 0) >= RARE:
            # 城镇, not 乡村; nor 小镇, the everyday word a featured town's brand is made
            # with (清河县羊绒小镇: a cashmere industry's park, no township).
            glued = len(word) == 2 and word[0] not in SUFFIX_CHARS and word not in _EVERYDAY
            start = match.start()
            if not glued or not any(2 <= start - e <= 4 for e in place_ends):
                continue
            suffix, level = SUFFIXES[written]
            found.append(Site(match.start(), match.end(), suffix, level, glued=True))
            continue
        suffix, level = SUFFIXES[written]
        found.append(Site(match.start(), match.end(), suffix, level))
    inner = [t for s in found if s.level == "village" if (t := _inner_township(text, s))]
    return sorted({*found, *inner}, key=lambda s: s.start)


_EVERYDAY = frozenset(["小镇"])
"""Words ending with a suffix that a name's last character and the suffix never make."""


_SUFFIX_WORD = re.compile(
    "(?:{})+".format("|".join(sorted((w for w in SUFFIXES if len(w) > 1), key=len, reverse=True)))
)
"""Suffixes of two characters or more written together (街道社区; not 乡村 "countryside")."""


def _in_suffix_word(match: re.Match[str], ends: frozenset[int], token_end: dict[int, str]) -> bool:
    """The suffix opens a word jieba made of suffixes of two characters or more alone
    (零阳|街道社区|卫生服务中心: the street office's community health centre): it ends the
    name before it all the same."""
    end = min((e for e in ends if e > match.end()), default=None)
    word = token_end.get(end, "") if end is not None else ""
    return (
        end is not None and end - len(word) == match.start() and bool(_SUFFIX_WORD.fullmatch(word))
    )


def _inner_township(text: str, site: Site) -> Site | None:
    """达萨乡嘎尔村: jieba cuts 达萨|乡嘎尔|村, so the 乡 ends no word; inside the name
    before a village suffix, a 乡 or 镇 with a name of two or more characters before it
    is a township."""
    start = site.start
    while start > 0 and site.start - start < 2 * MAX_NAME and _name_char(text[start - 1]):
        start -= 1
    for at in range(site.start - 2, start + 1, -1):
        if text[at] in "乡镇":
            return Site(at, at + 1, text[at], "township")
    return None


def _name_char(ch: str) -> bool:
    return ch not in STOP_CHARS and bool(_HAN.fullmatch(ch))


@cache
def _generic() -> frozenset[str]:
    return data_set("generic_place_words.txt") | data_set("stopwords.txt")


_ATTRIBUTE = "性"
"""The suffix of an attribute (普惠性 "open to all", 公益性, 保障性): a stem that ends with it
says what kind of community or village is meant and names none; no township of the
official list ends with it."""


@lru_cache(maxsize=65536)
def is_name(stem: str) -> bool:
    """Could ``stem`` name a place? Not a generic word, and jieba sees in it a rare word or
    a word its dictionary tags as a place (扎西宗 yes; 打造幸福, 建设智慧, 网格, 桑 no).
    Person-name tags are no evidence: the dictionary tags 智慧 as one. Cached: an archive
    asks about the same stems again and again, and each asks jieba."""
    if not stem or stem in _generic() or stem in SUFFIX_CHARS or _ends_with_suffix(stem):
        return False
    if len(stem) > 1 and stem.endswith(_ATTRIBUTE):
        return False  # a kind of community (建成普惠性社区托育点), as 示范 is
    pieces = list(tokenizer().cut(stem))
    if len(pieces) > 1 and len(pieces[-1]) > 1 and pieces[-1].endswith("族"):
        return True  # an ethnic township names its people after its place (星火|朝鲜族|乡)
    freq = tokenizer().FREQ
    tags = pos_tokenizer().word_tag_tab
    return any(
        piece not in _generic()
        and (freq.get(piece, 0) < RARE or tags.get(piece, "").startswith("ns"))
        for piece in pieces
    )


def is_generic_name(name: str) -> bool:
    """Is a stem with its suffix a word for a kind of place (城镇 "cities and towns",
    乡村)? Then the stem is no name: 增速快于城镇 names no township 城 (a one-character
    stem after 于 is taken otherwise, as in 在桑社区)."""
    return name in _generic()


def ends_with_kind(name: str) -> bool:
    """Does ``name`` end with a word for a kind of place (古村 "old village", 山乡
    "mountain villages", 城镇) after two characters or more? A headline or a clause then
    runs into that word (松阴溪畔访古村, 寻梦古村, 记录下山乡), no place's name, unless
    its parent is written right before it (玉龙纳西族自治县|石头城镇); a township of the
    official list so written (平安城镇, 大安山乡) is one too (``learned.suffix_mentions``
    asks both)."""
    return any(name.endswith(word) and len(name) - len(word) >= 2 for word in _kinds())


@cache
def _kinds() -> frozenset[str]:
    """The generic place words that end with a suffix (农村, 城镇, 古村)."""
    return frozenset(w for w in data_set("generic_place_words.txt") if w[-1] in SUFFIX_CHARS)


def _ends_with_suffix(stem: str) -> bool:
    """A stem that ends with a suffix of two characters or more is the division it names,
    and the suffix after it starts another word: 零阳街道|社区卫生服务中心 (the street
    office's community health centre) names 零阳街道, no community 零阳街道社区."""
    return any(stem.endswith(written) for written in SUFFIXES if len(written) > 1)


_FUNCTION_TAGS = ("v", "p", "c", "d", "u", "r")
"""Parts of speech of the dictionary words a place name is not made of: verbs,
prepositions, conjunctions, adverbs, particles, pronouns (来自|江当乡, 依托|社区)."""


@lru_cache(maxsize=65536)
def is_plausible(stem: str) -> bool:
    """Could ``stem`` be the whole name before a suffix? None of its words is a common
    function word of two or more characters (the stem then runs past the name's start into
    the sentence: 来自江当乡, 深入小中甸镇), no word ends with a division word (驻村工作队和村,
    高原县乡 "counties and townships"), it holds no county's or township's name (分界镇储良|村:
    分界镇, then 储良村, as ``_inner_township`` reads it; 青枫县白沙|乡, a county the gazetteer
    does not know), it neither starts nor ends with a division word
    (长所|乡岗嘎|村 runs into the township before it) and it does not end with 和. Single
    characters are no evidence: transliterated names are made of them (约改镇, 达前乡); a
    lone numeral is, against: villages are numbered under their township (达前乡|三|村, which
    does not ask this), not under a county (小店区|一|社区食堂: "a community canteen"); no
    word after the first opens with a negation (小修|不出|镇: a clause), and none is a team
    or squad (山鹰|队|坐镇)."""
    if not stem or stem[0] in SUFFIX_CHARS or stem[-1] in SUFFIX_CHARS or stem[-1] == "和":
        return False
    if _ends_with_suffix(stem):
        return False
    tags = pos_tokenizer().word_tag_tab
    if len(stem) == 1 and tags.get(stem, "").startswith("m"):
        return False
    if any(ch in _TOWNSHIP_CHARS for ch in stem[2:-1]):
        return False
    if _holds_verb(stem):
        return False
    freq = tokenizer().FREQ
    pieces = list(tokenizer().cut(stem))
    if any(piece[0] in _NEGATIONS for piece in pieces[1:]):
        return False  # a phrase of the sentence (小修不出镇 "minor repairs never leave town")
    if any(piece.endswith("队") for piece in pieces):
        return False  # a team or squad and what it does (贵阳|山鹰队坐镇 "plays at home")
    for piece in pieces:
        if len(piece) < 2:
            continue
        if piece[-1] in SUFFIX_CHARS:
            return False
        if tags.get(piece, "").startswith(_FUNCTION_TAGS) and freq.get(piece, 0) >= RARE:
            return False
    return True


_NEGATIONS = frozenset("不没未")
"""Negations: a stem with a word after its first that opens with one is a clause."""


def ends_with_verb(stem: str) -> bool:
    """Does ``stem`` end with a verb of one character jieba knows as an everyday word,
    after a word of two or more (农技人员分片|包|村 "each takes a village")? Before a
    village's suffix the suffix is then the verb's object. Not asked of townships, whose
    transliterated names end so (白音|花|镇)."""
    pieces = list(tokenizer().cut(stem))
    last = pieces[-1] if pieces else ""
    tag = pos_tokenizer().word_tag_tab.get(last, "")
    common = tokenizer().FREQ.get(last, 0) >= COMMON_WORD
    return len(pieces) > 1 and len(pieces[-2]) > 1 and len(last) == 1 and tag[:1] == "v" and common


def is_chained_name(stem: str) -> bool:
    """Right after its parent (城关区|蔡公堂|乡), a stem is a name unless it is generic or
    holds a word that is not a noun (党员服务 is no name); two characters always pass
    (城北街道|振兴|社区), and so does a single adjective or morpheme beside nouns
    (赫山区|桃花|仑|街道, 资阳区|大|码头|社区), or a last character jieba reads as a measure
    word (三都乡|杨家|堂|村); one character that is a verb is none (包乡|驻|村)."""
    if _ends_with_suffix(stem) or _holds_verb(stem):
        return False
    tags = pos_tokenizer().word_tag_tab
    if len(stem) == 1 and tags.get(stem, "").startswith("v"):
        return False  # a verb and its object (分片包乡驻村 "stationed in the villages")
    if is_name(stem) or (len(stem) <= 2 and stem not in SUFFIX_CHARS):
        return True
    pieces = list(tokenizer().cut(stem))
    nouns = [p for p in pieces if tags.get(p, "n").startswith("n")]

    def in_name(at: int, piece: str) -> bool:
        # A name's last character may be one jieba reads as a measure word (杨家|堂: 一堂课).
        tag = tags.get(piece, "")
        return len(piece) == 1 and (
            tag.startswith(_IN_NAMES) or (tag == "q" and 0 < at == len(pieces) - 1)
        )

    return (
        stem not in _generic()
        and bool(nouns)
        and all(
            in_name(at, p) for at, p in enumerate(pieces) if not tags.get(p, "n").startswith("n")
        )
    )


def _holds_verb(stem: str) -> bool:
    """Does a stem of three characters or more hold a verb of two that jieba knows as
    often as an everyday word, inside a word it knows rarely (浑南区|新开通|社区公交线路:
    "newly opened community bus lines")? Such a stem is a phrase of the sentence."""
    if len(stem) < 3:
        return False
    freq, tags = tokenizer().FREQ, pos_tokenizer().word_tag_tab
    return any(
        tags.get(two, "").startswith("v") and freq.get(two, 0) >= COMMON_WORD
        for two in (stem[i : i + 2] for i in range(len(stem) - 1))
    )


_IN_NAMES = ("a", "b", "g")
"""Parts of speech of a single character that makes part of a name beside nouns:
adjectives, distinguishing words and bound morphemes (大|码头, 桃花|仑); not verbs,
function words or jieba's ``zg`` (农业|农|村 in 农业农村局)."""


def is_single_noun(stem: str) -> bool:
    """A one-character noun that is not itself a division suffix (桑 in 在桑社区)."""
    tag = pos_tokenizer().word_tag_tab.get(stem, "")
    return len(stem) == 1 and tag.startswith("n") and stem not in SUFFIX_CHARS


def stems_before(text: str, site: Site, floor: int) -> list[tuple[int, str]]:
    """Possible names before a suffix, shortest first: (start, stem). They are Han
    characters without a stop character, and start at or after ``floor`` (the end of the
    nearest place or boundary before)."""
    out: list[tuple[int, str]] = []
    for start in range(site.start - 1, max(floor, site.start - MAX_NAME) - 1, -1):
        if not _name_char(text[start]):
            break
        out.append((start, text[start : site.start]))
    return out


class Confirmations:
    """Archive-wide evidence of where names start: the left neighbours of each candidate."""

    BOUNDARY = ""
    """Left neighbour recorded for a paragraph start, punctuation or a place."""

    def __init__(self) -> None:
        self._left: defaultdict[str, set[str]] = defaultdict(set)

    def add(self, text: str, site: Site, floor: int, place_ends: Iterable[int]) -> None:
        """Record every candidate name of one suffix occurrence with its left neighbour."""
        ends = set(place_ends)
        for start, stem in stems_before(text, site, floor):
            before = text[start - 1] if start > 0 else "\n"
            left = self.BOUNDARY if start in ends or not _HAN.fullmatch(before) else before
            self._left[stem + site.suffix].add(left)

    def confirmed(self, name: str) -> bool:
        """Seen after a boundary, or after two different characters."""
        left = self._left.get(name, set())
        return self.BOUNDARY in left or len(left) >= 2

    def merge(self, other: Confirmations) -> None:
        """Add what ``other`` recorded (the evidence of one more text)."""
        for name, left in other._left.items():
            self._left[name] |= left

    def pairs(self) -> dict[str, list[str]]:
        """Every candidate with its left neighbours, sorted: the evidence as plain values."""
        return {name: sorted(left) for name, left in sorted(self._left.items())}

    @classmethod
    def of(cls, pairs: dict[str, list[str]]) -> Confirmations:
        """The evidence ``pairs`` gave."""
        made = cls()
        for name, left in pairs.items():
            made._left[name] = set(left)
        return made
