"""Text rules shared by the index builder and both query engines (Python and ``search.js``).

Everything here has a line-for-line twin in ``templates/static/search.js``; ``SPEC.md``
states the rules, and ``tests/fixtures/search/parse_cases.json`` pins them for both.

Folding is per code point (NFKC, lowercase, accents dropped, ``ü`` -> ``v``), so a position
in folded text maps back to one character of the original, which highlighting needs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

_HAN_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
_HAN_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HAN_RANGES)
_TOKEN = re.compile(f"([{_HAN_CLASS}]+)|[a-z0-9]+")
"""A Han run (group 1) or a Latin run: one regex scan instead of a test per character."""
_PINYIN_TOKEN = re.compile(r"[a-z][a-z1-5]*")
_TWO_DIGITS = re.compile(r"[1-5]{2}")
_COMBINING = re.compile("[\u0300-\u036f]")
MAX_HAN_GRAMS = 4
"""A long Han query looks up at most this many trigrams; the text check keeps it exact."""
MAX_PHRASE = 3
"""Consecutive English words tried as one phrase (``party building``), at most."""
_LETTERS = re.compile(r"[a-z]+")
STOP_WORDS = frozenset(
    "a an the and or of to in on at for with by from as is are be it its this that into".split()  # noqa: SIM905
    + "onto over under about around against between through during without within upon".split()  # noqa: SIM905
    + "than so very also other their his her our your not no one who".split()  # noqa: SIM905
)
"""English words that carry no search by themselves: they may sit inside a phrase the
index knows (``ice and snow``), never at its edge, and are dropped as clauses. The glosses'
stop words (``english._STOP``) are among them but CC-CEDICT's own (``sb``, ``etc``,
``used``): no key of the index is one alone, so as a clause one could only empty the
query (``essays about childhood``)."""
_DERIVED = (
    ("ization", "iz", 4),
    ("isation", "iz", 4),
    ("umption", "um", 3),
    ("ription", "rib", 3),
    ("ation", "", 4),
    ("tion", "t", 4),
    ("ment", "", 3),
    ("ism", "", 4),
    ("ist", "", 4),
    ("ise", "iz", 3),
    ("our", "or", 3),
    ("tre", "ter", 3),
    ("ate", "", 4),
)
"""Suffix, replacement, and the letters that must stay before it: the first that fits is
applied (``station`` keeps its ``-tion``, or it would meet ``state``; ``irrigate`` meets
``irrigation``, ``consume`` ``consumption``, ``describe`` ``description``)."""
_ADVERB_BEFORE = "delnst"
"""Letters before an ``-ly`` that makes an adverb of a word (``privately``, ``locally``,
``recently``), not part of a noun (``assembly``, ``monopoly``, ``elderly``)."""
_VOWEL = re.compile(r"[aeiouy]")
"""What a stem keeps of ``-ing``/``-ed``: ``spring`` and ``shred`` have no suffix."""
_E_DROPPED = re.compile(r"[^eo]at$|is$")
"""What ``-ing``/``-ed`` leaves of a word that ends in ``e`` (``irrigating``, ``revising``;
not ``repeating``)."""
_SHORT_ROOT = re.compile(r"[^aeiou][aeiou][^aeiouwxy]")
"""Three letters, consonant vowel consonant: what ``-ing``/``-ed`` left of a word that ends
in ``e`` (``caring`` -> ``care``, ``fired`` -> ``fire``)."""


_SPELLING = {
    *("plough plow", "licenc licens", "defenc defens", "offenc offens", "pretenc pretens"),
    *("programm program", "tyre tire", "grey gray", "mould mold", "chequ check"),
    *("catalogu catalog", "dialogu dialog", "jewellery jewelry", "aluminium aluminum"),
    *("kerb curb", "storey story", "pyjama pajama", "sceptic skeptic", "practiz practic"),
    *("doughnut donut", "draught draft", "sulphur sulfur", "yoghurt yogurt", "gaol jail"),
    *("manoeuvr maneuver", "paediatric pediatric", "anaemia anemia", "orthopaedic orthopedic"),
    *("analys analyz", "paralys paralyz", "litr liter", "metr meter", "fibr fiber"),
    *("favourit favorit", "aeroplan airplan", "moustach mustach", "tonn ton"),
}
"""British stems and the American ones CC-CEDICT writes (春耕 "to plow", 驾照 "driver's
license"), after the rest of ``stem``: ``ploughing`` = ``plowing``, ``licence`` =
``license``. What the suffix rules already join (``-our``, ``-tre``, ``-ise``, ``ll``) is not
listed. ``search.js`` holds the same pairs."""
_AMERICAN = dict(pair.split(" ") for pair in _SPELLING)


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """Folded form of one code point; may be empty (a lone accent) or longer (a ligature)."""
    text = unicodedata.normalize("NFKC", ch).lower()
    text = unicodedata.normalize("NFD", text).replace("u\u0308", "v")
    return unicodedata.normalize("NFC", _COMBINING.sub("", text))


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each code point: folding a long
    body becomes one C-level pass instead of a Python call per character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    return text.translate(_FOLD_TABLE)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of its original character."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for piece in fold_char(ch):
            out.append(piece)
            where.append(i)
    return "".join(out), where


WHOLE_WORDS = Path(__file__).resolve().parent / "data" / "whole_en.txt"


def _whole_words() -> frozenset[str]:
    """Words the stem keeps as they are (``data/whole_en.txt``, made by ``make_whole.py``
    from lemminflect): ``news`` is no plural of ``new``, ``friendly`` no adverb of
    ``friend``. ``search.js`` holds the same words."""
    lines = WHOLE_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


WHOLE = _whole_words()


def plural(word: str) -> str:
    """The stem's first step: a plural or third person's ending undone (``herdsmen`` ->
    ``herdsman``, ``leaves`` -> ``leaf``, ``policies`` -> ``policy``)."""
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("eaves", "ieves")) and len(word) > 5:  # leaves = leaf, thieves = thief
        return word[:-3] + "f"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def inflection(word: str) -> str:
    """The stem's second step: ``-ing``/``-ed`` when a vowel stays (not ``spring``), a
    doubled consonant undone (``shipping`` -> ``ship``; ``sniffing`` keeps ``ff``), an
    ``e`` put back (``caring`` -> ``care``), ``-ied`` read ``-y`` (``applied`` =
    ``apply``); or an adverb's ``-ly`` (``privately`` = ``private``)."""
    cut = 3 if word.endswith("ing") and len(word) > 5 else 0
    if word.endswith("ed") and len(word) > 4 and not word.endswith("eed"):  # speed, breed
        cut = 2
    if cut and _VOWEL.search(word[:-cut]):  # spring, shred: no suffix
        word = word[:-cut]
        if word[-1] == word[-2] and word[-1] not in "flsz":
            return word[:-1]
        if _E_DROPPED.search(word) or _SHORT_ROOT.fullmatch(word):
            return word + "e"
        if cut == 2 and word.endswith("i"):  # applied = apply
            return word[:-1] + "y"
        return word
    if word.endswith("ly") and len(word) >= 7 and word[-3] in _ADVERB_BEFORE:
        return word[:-2]
    return word


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light English stem, in the index and in queries alike, so that a gloss and a query
    word of one family meet: ``plural``, then ``inflection``, then a few derivations
    (``revitalization`` = ``revitalize``, ``prevention`` = ``prevent``, ``payment`` =
    ``pay``, ``tourism`` = ``tourist``, ``irrigation`` = ``irrigate``), British spelling
    (``-ise``, ``-our``, ``-tre``, a final ``ll`` as ``l``: ``travelling`` = ``traveling`` =
    ``travel``; other British spellings by ``_SPELLING``: ``ploughing`` = ``plow``)
    and a final ``e`` of a word of five letters or more (``route`` = ``routes``; ``care``
    keeps it, or it would meet ``car``, and ``caring`` gets it back). A word of ``WHOLE``,
    as typed or once its plural is undone, stays as it is (``news`` is not ``new``,
    ``earnings`` not ``earn``). Letters only; words under four letters stay as they are.
    Cached: building the index stems CC-CEDICT's glosses, about a million words of a few
    tens of thousands distinct ones."""
    return suffix_stem(word, WHOLE)


def suffix_stem(word: str, whole: frozenset[str]) -> str:
    """``stem`` with ``whole`` as the words kept as they are (``make_whole.py`` asks what
    the rules alone would do)."""
    if len(word) < 4 or not _LETTERS.fullmatch(word) or word in whole:
        return word
    word = plural(word)
    if word in whole:
        return word
    word = inflection(word)
    for suffix, replace, stays in _DERIVED:
        if word.endswith(suffix) and len(word) - len(suffix) >= stays:
            word = word[: -len(suffix)] + replace
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if word.endswith("is") and len(word) > 5:  # revitalis(ing) = revitaliz(ing)
        word = word[:-1] + "z"
    if word.endswith("ll") and len(word) > 4:  # travelling, installs: one spelling
        word = word[:-1]
    return _AMERICAN.get(word, word)


def agent_root(word: str) -> str | None:
    """The root of an agent noun (``exporter`` -> ``export``, ``winners`` -> ``win``,
    ``diver`` -> ``dive``, ``translator`` -> ``translate``, ``repairman`` -> ``repair``,
    ``sportsmen`` -> ``sport``): what the glosses say when they have no word for the doer."""
    if not _LETTERS.fullmatch(word) or len(word) < 5 or word in WHOLE:
        return None
    if word.endswith(("man", "men")):
        root = word[:-4] if word[-4] == "s" else word[:-3]
        return root if len(root) >= 4 else None
    single = word[:-1] if word.endswith(("ers", "ors")) else word
    if not single.endswith(("er", "or")) or single in WHOLE:
        return None
    root = inflection(single[:-2] + "ed")
    return root if root != single[:-2] + "ed" and len(root) >= 3 else None


_SCIENCE = re.compile(r"(olog|ograph|onom)ical$")
"""An adjective of a science (``ecological``, ``geographical``, ``astronomical``), which
glosses seldom use: the noun (``ecology``) is the word they say."""


def unknown_readings(word: str) -> list[str]:
    """What an English word the index does not know may be searched as, in order: its two
    words, when it is written as one (``kiwifruit`` = ``kiwi fruit``, ``healthcare``), each
    of four letters or more as the index splits glosses (``papercutting``); the noun of a
    science's adjective (``ecological`` -> ``ecology``); the root of an agent noun
    (``agent_root``)."""
    if not _LETTERS.fullmatch(word):
        return []
    found = [f"{word[:i]} {word[i:]}" for i in range(4, len(word) - 3)]
    if _SCIENCE.search(word):
        found.append(word[:-4] + "y")
    root = agent_root(word)
    return found + ([root] if root else [])


def word_key(text: str) -> str:
    """The ``w:`` term of a Latin word or of a phrase of words separated by spaces."""
    return "w:" + " ".join(stem(w) for w in text.split(" "))


@dataclass(slots=True, frozen=True)
class Token:
    text: str
    han: bool


def tokens(folded: str) -> list[Token]:
    """Maximal runs of Han characters and of ``[a-z0-9]``; everything else separates."""
    return [Token(m.group(), m.start(1) >= 0) for m in _TOKEN.finditer(folded)]


MAX_READINGS = 8
"""Readings of one Latin token tried against the index, at most."""


def split_all(letters: str, syllables: frozenset[str]) -> list[tuple[str, ...]]:
    """Every way to spell ``letters`` with the fewest syllables (at most ``MAX_READINGS``),
    by a dynamic program over the syllables; the longest first syllable first, then the
    longest next one (``kanasi``: kan a si, then ka na si)."""
    n = len(letters)
    longest = max((len(s) for s in syllables), default=0)
    need: list[int | None] = [None] * (n + 1)
    need[n] = 0
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + longest), i, -1):
            after = need[j]
            if after is not None and letters[i:j] in syllables:
                current = need[i]
                if current is None or after + 1 < current:
                    need[i] = after + 1
    found: list[tuple[str, ...]] = []

    def walk(i: int, path: tuple[str, ...]) -> None:
        if i == n:
            found.append(path)
            return
        here = need[i]
        for j in range(min(n, i + longest), i, -1):
            if len(found) >= MAX_READINGS:
                return
            if here is not None and need[j] == here - 1 and letters[i:j] in syllables:
                walk(j, (*path, letters[i:j]))

    if need[0] is not None:
        walk(0, ())
    return found


def split_syllables(letters: str, syllables: frozenset[str]) -> list[str] | None:
    """Fewest syllables spelling ``letters``; among equals the longest first syllable."""
    found = split_all(letters, syllables)
    return list(found[0]) if found else None


def pinyin_readings(token: str, syllables: frozenset[str]) -> list[tuple[str, ...]]:
    """Readings of a Latin token as pinyin (``split_all`` of each part between tone digits,
    ``la1sa4``), preferred first, at most ``MAX_READINGS``; none if it is not pinyin."""
    if not _PINYIN_TOKEN.fullmatch(token) or _TWO_DIGITS.search(token):
        return []
    readings: list[tuple[str, ...]] = [()]
    for chunk in re.split(r"[1-5]", token):
        if not chunk:
            continue
        parts = split_all(chunk, syllables)
        readings = [r + p for r in readings for p in parts][:MAX_READINGS]
        if not readings:
            return []
    return readings


def parse_pinyin(token: str, syllables: frozenset[str]) -> list[str] | None:
    """Syllables of a Latin token read as pinyin; tone digits (``la1sa4``) mark boundaries."""
    found = pinyin_readings(token, syllables)
    return list(found[0]) if found else None


@dataclass(slots=True, frozen=True)
class HanClause:
    """A run of Han characters the result must contain as written."""

    text: str

    def terms(self) -> list[str]:
        """The text itself up to three characters, else its trigrams (evenly spread when
        there are many): every article holding the text holds them all."""
        if len(self.text) <= 3:
            return [self.text]
        count = len(self.text) - 2
        if count <= MAX_HAN_GRAMS:
            picks = list(range(count))
        else:
            picks = sorted({(k * (count - 1)) // (MAX_HAN_GRAMS - 1) for k in range(MAX_HAN_GRAMS)})
        return [self.text[i : i + 3] for i in picks]

    @property
    def needs_check(self) -> bool:
        """Trigrams can all be present without the text: 社区居 + 区居民 ≠ 社区居民."""
        return len(self.text) > 3


@dataclass(slots=True, frozen=True)
class LatinClause:
    """Latin letters: a word (English name, Latin text), pinyin syllables, or initials."""

    word: str | None
    syllables: tuple[str, ...]
    """Pinyin reading; used when it has two or more syllables."""
    initials: str | None
    others: tuple[tuple[str, ...], ...] = ()
    """Other readings with as few syllables; the index picks (``choose_readings``)."""

    @property
    def key(self) -> str | None:
        """The ``w:`` term of the word (stemmed), if there is a word."""
        return word_key(self.word) if self.word else None

    @property
    def wordy(self) -> bool:
        """A word of letters alone: it may be part of an English phrase."""
        return self.word is not None and _LETTERS.fullmatch(self.word.replace(" ", "")) is not None

    def pinyin_terms(self) -> list[str]:
        return reading_terms(self.syllables)

    def reading_keys(self) -> list[str]:
        """The pair terms of every reading, to fetch before one is chosen."""
        return [k for r in (self.syllables, *self.others) for k in reading_terms(r)]


def reading_terms(syllables: tuple[str, ...]) -> list[str]:
    """``p:`` terms of a reading: each pair of adjacent syllables (none for one syllable)."""
    if len(syllables) < 2:
        return []
    return [f"p:{a} {b}" for a, b in pairwise(syllables)]


def choose_readings(clauses: list[Clause], known: Callable[[str], bool]) -> list[Clause]:
    """Each clause with other readings takes the first, the preferred one included, whose
    syllable pairs all have postings (``kanasi`` = ka na si when the index has 喀纳斯);
    the preferred one when none has."""
    out: list[Clause] = []
    for clause in clauses:
        if isinstance(clause, LatinClause) and clause.others:
            readings = (clause.syllables, *clause.others)
            chosen = next(
                (r for r in readings if all(known(k) for k in reading_terms(r))), readings[0]
            )
            clause = LatinClause(clause.word, chosen, clause.initials)
        out.append(clause)
    return out


Clause = HanClause | LatinClause

_POSSESSIVE = re.compile("([a-z])['\u2019]s(?![a-z0-9])")
"""An English possessive (``a relative's name``): the ``s`` is not a word to find (an
apostrophe inside pinyin, ``xi'an``, never stands before a lone ``s``)."""


def parse_query(query: str, syllables: frozenset[str]) -> list[Clause]:
    """Clauses of a query, all of which a result must satisfy, repeats kept (the engine
    drops them once phrases are joined: ``tea gardens and tea picking`` has a ``tea`` in
    each subject).

    Consecutive Latin tokens that read as pinyin form one pinyin phrase when either side of
    the join is a single syllable (``la sa`` = ``lasa``, ``xi'an``); otherwise each token is
    its own clause (``jiceng zhili`` = ``jiceng`` and ``zhili``).
    """
    clauses: list[Clause] = []
    group: list[tuple[str, list[str]]] = []

    def flush() -> None:
        if not group:
            return
        if len(group) == 1:
            word, syls = group[0]
            others = tuple(pinyin_readings(word, syllables)[1:])
            clauses.append(LatinClause(word, tuple(syls), None, others))
        else:
            joined = tuple(s for _, syls in group for s in syls)
            clauses.append(LatinClause(None, joined, None))
        group.clear()

    for token in tokens(_POSSESSIVE.sub(r"\1", fold(query))):
        if token.han:
            flush()
            clauses.append(HanClause(token.text))
            continue
        syls = parse_pinyin(token.text, syllables)
        if syls is None:
            flush()
            letters_only = token.text.isalpha() and 2 <= len(token.text) <= 8
            clauses.append(LatinClause(token.text, (), token.text if letters_only else None))
            continue
        if group and _joins(group[-1], (token.text, syls)):
            group.append((token.text, syls))
        else:
            flush()
            group.append((token.text, syls))
    flush()
    return clauses


def _joins(left: tuple[str, list[str]], right: tuple[str, list[str]]) -> bool:
    """Whether two adjacent pinyin tokens read as one phrase: when either is one syllable
    (``la sa``, ``xi an``), unless that one is an English stop word beside a longer word
    (``buying a house`` is English: ``a`` is not the syllable of 啊 there)."""
    (a, a_syls), (b, b_syls) = left, right
    if len(a_syls) == 1 and len(b_syls) == 1:
        return True
    return (len(b_syls) == 1 and b not in STOP_WORDS) or (len(a_syls) == 1 and a not in STOP_WORDS)


def phrase(window: list[Clause]) -> LatinClause | None:
    """The clauses of ``window`` read as one English phrase, if each is a word of letters
    and neither end is a stop word."""
    if len(window) < 2 or not all(isinstance(c, LatinClause) and c.wordy for c in window):
        return None
    words = [str(c.word) for c in window if isinstance(c, LatinClause)]
    if words[0] in STOP_WORDS or words[-1] in STOP_WORDS:
        return None
    return LatinClause(" ".join(words), (), None)


def phrase_keys(clauses: list[Clause]) -> list[str]:
    """``w:`` terms of every run of two to ``MAX_PHRASE`` consecutive word clauses."""
    found = []
    for size in range(2, MAX_PHRASE + 1):
        for at in range(len(clauses) - size + 1):
            joined = phrase(clauses[at : at + size])
            if joined is not None and joined.key:
                found.append(joined.key)
    return found


def join_phrases(clauses: list[Clause], known: Callable[[str], bool]) -> list[Clause]:
    """Consecutive words that the index knows as a phrase become one clause, longest and
    leftmost first (``party building``); the others stay words."""
    out: list[Clause] = []
    at = 0
    while at < len(clauses):
        for size in range(MAX_PHRASE, 1, -1):
            joined = phrase(clauses[at : at + size])
            if joined is not None and joined.key and known(joined.key):
                out.append(joined)
                at += size
                break
        else:
            out.append(clauses[at])
            at += 1
    return out


def drop_stop_words(clauses: list[Clause]) -> list[Clause]:
    """The clauses without English stop words (``canteen for the elderly``), unless nothing
    else is left."""
    kept = [c for c in clauses if not (isinstance(c, LatinClause) and c.word in STOP_WORDS)]
    return kept or clauses


CONJUNCTIONS = frozenset(("and", "or"))
"""Words that join a query's subjects (``spring ploughing and planting``) when they stand
between words the index does not know as one phrase (``ice and snow`` is one subject)."""


def _lead_words(clauses: list[Clause]) -> list[str]:
    """The words of the word clauses at the start of ``clauses``, up to the first stop word
    or clause of anything else (``secondary schools`` of ``secondary schools for ...``)."""
    words: list[str] = []
    for clause in clauses:
        if not (isinstance(clause, LatinClause) and clause.wordy):
            break
        for word in str(clause.word).split(" "):
            if word in STOP_WORDS:
                return words
            words.append(word)
    return words


def _shared(clauses: list[Clause], at: int) -> list[LatinClause]:
    """The phrases the word before the conjunction at ``at`` may stand in, longest first,
    when the next subject's words share theirs with it (``primary and secondary schools``:
    ``primary schools``; ``solar and wind power projects``: ``solar power projects``,
    ``solar power``, ``solar projects``): the word with the next subject's words but its
    first, or with their last."""
    before = clauses[at - 1] if at > 0 else None
    if not (isinstance(before, LatinClause) and before.wordy and " " not in str(before.word)):
        return []
    if before.word in STOP_WORDS:
        return []
    tail = _lead_words(clauses[at + 1 :])[1:]
    spans = [tail[:size] for size in range(min(len(tail), MAX_PHRASE - 1), 0, -1)]
    spans += [tail[-1:]] if len(tail) > 1 else []
    return [LatinClause(" ".join([str(before.word), *span]), (), None) for span in spans]


def shared_keys(clauses: list[Clause]) -> list[str]:
    """``w:`` keys of every phrase ``_shared`` may try, to fetch with the query's terms."""
    found = []
    for at, clause in enumerate(clauses):
        if isinstance(clause, LatinClause) and clause.word in CONJUNCTIONS:
            found += [str(c.key) for c in _shared(clauses, at)]
    return found


def share_heads(clauses: list[Clause], known: Callable[[str], bool]) -> list[Clause]:
    """Each word standing before a conjunction replaced by the longest phrase of
    ``_shared`` that the index knows: English names two things sharing one head once
    (``primary and secondary schools`` is primary schools and secondary schools)."""
    out = list(clauses)
    for at, clause in enumerate(clauses):
        if isinstance(clause, LatinClause) and clause.word in CONJUNCTIONS:
            shared = next((c for c in _shared(clauses, at) if known(str(c.key))), None)
            if shared is not None:
                out[at - 1] = shared
    return out


def subjects(clauses: list[Clause]) -> list[list[Clause]]:
    """The query's clauses cut at each conjunction (``CONJUNCTIONS``) left standing once
    phrases are joined, each part without its stop words; parts with nothing left dropped."""
    found: list[list[Clause]] = [[]]
    for clause in clauses:
        if isinstance(clause, LatinClause) and clause.word in CONJUNCTIONS:
            found.append([])
        elif not (isinstance(clause, LatinClause) and clause.word in STOP_WORDS):
            found[-1].append(clause)
    return [part for part in found if part]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes: picks a term's shard (same in ``search.js``)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value
