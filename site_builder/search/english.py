"""English words -> the Chinese words of the archive that mean them, through CC-CEDICT.

An English query word finds the articles holding a Chinese word one of whose CC-CEDICT
senses is that word (``volunteer`` -> 志愿者 "volunteer", 志愿 "to volunteer"), or a
two-to-three-word sense phrase (``Party building``). A sense lists synonyms separated by
``;`` (工资 "wages; pay"): each is read on its own. A longer gloss still names what the word
is by its head, the last words before any preposition ("air or shipping route" gives
``shipping route`` and ``route``), and mentions other content words ("to protect against
fire" gives ``fire``), both ranked below a whole gloss. A word CC-CEDICT lacks but jieba
knows is read as two dictionary words side by side: 党建 = 党 "party" + 建 "to build" gives
``party build``; since a Chinese compound is a kind of its last part, 主教练 is also read as 教练
"instructor"; and three characters joining two words that share their last mean both, as
whole glosses (农牧民 = 农民 "farmer" + 牧民 "herdsman"). A verb-object word is also read object
first, as English names the act (防火 "to protect against fire" is ``fire prevention``); a
gloss word written as two joined words is found typed apart (``papercutting``); a prefixed
gloss word stands for its root too ("to defraud" for ``fraud``); and two CC-CEDICT words
sharing two whole glosses lend each other the rest (食堂 takes 饭堂's "canteen"); a character
stands, last, for the gloss of its first sense (碱 "alkali"), unless it is common. Senses are
cut to their core (no parentheses, no leading "to"/"a"/"the") and every English word is
reduced by ``stem`` in the index and in queries alike (``herdsmen`` = ``herdsman``,
``revitalization`` = ``revitalize``), and what the stem cannot join, an irregular form
(``children``, ``built``), stands for what its word stands for (``data/irregular_en.tsv``).
The index stores the result under the ``w:`` key of
the English word or phrase (``build.py``); SPEC.md gives the rules. CC-CEDICT is read with
the project's supplement of common news words it lacks (``glossary.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from site_builder.nlp.tokenizer import tokenizer
from site_builder.search.glossary import glossed, glossed_words
from site_builder.search.text import MAX_PHRASE, stem

IRREGULAR = Path(__file__).resolve().parent / "data" / "irregular_en.tsv"

MAX_WORDS = 5
"""At most this many Chinese words stand for one English word: a common word (``work``)
must not fetch half the index, and the reader sees what was searched. Five, not four:
chosen by every fold when each blind English set was left out in turn
(``bench/search_loso.py``), then better on a sixth set no one had learned from (MRR
0.769 -> 0.817, recall 0.531 -> 0.545, precision 0.527 -> 0.545; bench/README.md)."""
MAX_PHRASE_WORDS = 8
"""At most this many for a phrase (``new year``): a phrase is specific, so the Chinese
words meaning it rarely fetch much, and the less direct ones (年货 "merchandise sold for
Chinese New Year") are often what the reader means."""
COMPOSED_SENSES = 4
"""Senses of each part tried when a word is read as two dictionary words."""
DIRECT, OTHER, COMPOSED = 0, 1, 2
"""How closely a Chinese word means the English, as ``build.EXPANSION_WEIGHT`` weights it:
its first sense, another sense, or something weaker."""
WHOLE_FIRST, WHOLE, HEAD, PARTS, INSIDE = range(5)
"""Closeness, finer, closest first: the whole first gloss of an entry; another whole
gloss; the head of a longer gloss; its parts' glosses (a word CC-CEDICT lacks); a content
word inside a gloss, or the last part's gloss. The words kept for a key are the closest."""
CHARACTER_RATIO = 4
"""A character standing for an English key (碱 "alkali", 犬 "dog") is left out when it is
in more than this many times the articles of the commonest word of two or more characters
standing for it (or 1): a character is inside many words of other meanings, so a common
one (水 "water", 人 "person") would fetch much of the index (an inverse-document-frequency
cap, relative to the key)."""
INSIDE_RATIO = 2
"""A word or character standing for a key only by a mention inside a longer gloss
(``INSIDE``) is left out when it is in more than this many times the articles of the
commonest closer word of two or more characters: 渠道 "irrigation ditch; channel" is
mostly "channel", and brought 19 wrong articles of 25 for ``irrigation``; 可 "can; may"
fetched 13 for ``May``. Characters have their own cap too (``CHARACTER_RATIO``). Two, not
three: on the eight blind English sets (``bench/search_loso.py --knob inside-ratio``)
mean F1 0.597 without the cut, 0.606 at 2 (better on six sets of eight), 0.602 at 3;
the labelled set does not move (bench/README.md)."""
SIBLING_SHARED = 2
"""Whole glosses two words share to count as near synonyms."""
SIBLING_SPREAD = 12
"""A gloss held by more words than this is too common to pair them."""
WEIGHT_RANK = {WHOLE_FIRST: DIRECT, WHOLE: OTHER, HEAD: OTHER, PARTS: COMPOSED, INSIDE: COMPOSED}
_STOP = frozenset(
    [
        *("a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by"),
        *("from", "as", "is", "be", "it", "its", "this", "that", "not", "no", "one", "who"),
        *("sb", "sth", "etc", "esp", "used", "into", "onto", "over", "under", "about"),
        *("around", "against", "between", "through", "during", "without", "within", "upon"),
        *("than", "so", "very", "also", "other", "their", "his", "her", "our", "your"),
    ]
)
_JOINING = frozenset(("and", "or"))
"""Stop words that join the parts of a head ("ice and snow") rather than end it."""
_LEAD = frozenset(("to", "a", "an", "the"))
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_REFERENCE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff|·]+")
"""A Chinese word a sense names (its pinyin in brackets goes with ``_PAREN``): "Qiantang
River that loops around Hangzhou 杭州[Hang2 zhou1] in Zhejiang Province ...". It ends the
English before it, as a comma does, so 钱塘江 is ``qiantang river``; 14,651 senses of
two- and three-character words name one, and a sense holding one was dropped whole."""
_SKIP = (
    *("cl:", "variant of", "old variant", "see ", "surname ", "abbr. ", "used in ", "also "),
    # Senses that only point at the word they name: its meaning is that word's, not theirs.
    *("erhua variant", "same as", "cf.", "another name for", "alternative name for"),
    *("old name for", "old name of"),
)
_WORD = re.compile(r"[a-z]+")
_SPLIT = re.compile(r"[\s\-/]+")
_PREFIXES = ("anti", "counter", "de", "dis", "inter", "mis", "non", "over", "pre", "re", "un")
"""A gloss word made of one of these and a word of five letters or more also stands, less
closely, for that word: "to defraud" is about fraud (shorter roots are mostly chance:
retire, report)."""


def _alternatives(sense: str) -> list[list[str]]:
    """The words of each ``;``-separated alternative of a sense, up to its first comma (after
    it CC-CEDICT explains: "Drepung Monastery, Lhasa" is not a name of Lhasa); an
    alternative with anything but English words is dropped."""
    text = _REFERENCE.sub(",", _PAREN.sub(" ", sense)).strip(" ,")
    if not text or text.lower().startswith(_SKIP):
        return []
    found = []
    for part in (p for alternative in text.split(";") for p in _names(alternative)):
        words = [w for w in _SPLIT.split(part.lower().split(",")[0]) if w]
        while words and words[0] in _LEAD:
            words = words[1:]
        if words and all(_WORD.fullmatch(w) for w in words):
            found.append(words)
    return found


def _names(alternative: str) -> list[str]:
    """A name given two ways, each of capitalised words, is each of them ("Yellow River or
    Huang He": ``yellow river``, ``huang he``); "air or shipping route" and "Qidu or Chitu
    District of Keelung City" stay one alternative, their heads read later."""
    parts = alternative.split(" or ")
    named = all(w[:1].isupper() for p in parts for w in p.strip(" ,").split(" "))
    return parts if len(parts) > 1 and named else [alternative]


_WHEN = frozenset(("in", "during", "at"))
"""Prepositions of a gloss's closing time or place that English also puts first."""


def _when_first(words: list[str]) -> str | None:
    """A verb's gloss ending in when or where it happens, read as English names the act,
    that first: 春耕 "to plow a field in the spring" is ``spring plow`` (``spring
    ploughing``), as a verb-object word is object first (``_object_first``)."""
    at = len(words) - (3 if words[-2:-1] == ["the"] else 2)
    if at < 1 or words[at] not in _WHEN or words[0] in _STOP:
        return None
    return _key([words[-1], words[0]])


def _key(words: list[str]) -> str | None:
    """The stemmed key of 1 to ``MAX_PHRASE`` words; none for a lone stop word or letter,
    or a phrase that begins or ends with a stop word."""
    if not 1 <= len(words) <= MAX_PHRASE or words[0] in _STOP or words[-1] in _STOP:
        return None
    if len(words) == 1 and len(words[0]) < 2:
        return None
    return " ".join(stem(w) for w in words)


def _heads(words: list[str]) -> list[str]:
    """Keys of a long gloss's head: the words before its first preposition, and their last
    one or two words ("passenger transportation around Chinese New Year" gives
    ``passenger transportation`` and ``transportation``)."""
    cut = next((i for i, w in enumerate(words) if w in _STOP and w not in _JOINING), len(words))
    core = words[:cut]
    spans = [core] + [core[-size:] for size in (2, 1) if size < len(core)]
    return [k for span in spans if span != words and (k := _key(span))]


_VOCABULARY: dict[str, frozenset[str]] = {}
"""``vocabulary()`` once known in this process (derived, or handed in: ``use_vocabulary``)."""


def vocabulary() -> frozenset[str]:
    """Every English word of four letters or more in CC-CEDICT's glosses (derived once per
    process: about a second)."""
    known = _VOCABULARY.get("words")
    if known is None:
        found: set[str] = set()
        for word in glossed_words():
            for entry in glossed(word):
                for sense in entry.senses:
                    found.update(w for w in _WORD.findall(sense.lower()) if len(w) >= 4)
        known = _VOCABULARY["words"] = frozenset(found)
    return known


def use_vocabulary(known: frozenset[str]) -> None:
    """Take ``known``, what ``vocabulary()`` gave in an earlier process with this
    CC-CEDICT (a build cache keeps it), instead of deriving it: an edit build reads the
    meanings of a few thousand words, and deriving the vocabulary they need cost more."""
    _VOCABULARY.setdefault("words", known)


def _compound(word: str) -> tuple[str, str] | None:
    """A gloss word written as one of two words the glosses use (``papercutting``), which
    a reader types apart (``paper cutting``)."""
    if len(word) < 8:
        return None
    known = vocabulary()
    cuts = [(word[:i], word[i:]) for i in range(4, len(word) - 3)]
    return next(((a, b) for a, b in cuts if a in known and b in known), None)


def _roots(word: str) -> list[str]:
    """``word`` without a prefix of ``_PREFIXES``, when five letters or more stay."""
    return [word[len(p) :] for p in _PREFIXES if word.startswith(p) and len(word) - len(p) >= 5]


def gloss_keys(sense: str) -> list[tuple[str, int]]:
    """(key, closeness) of a CC-CEDICT sense, closest first: each whole alternative
    (``WHOLE``), its head (``HEAD``), its other content words (``INSIDE``)."""
    found: dict[str, int] = {}
    for words in _alternatives(sense):
        whole = _key(words)
        if whole:
            found.setdefault(whole, WHOLE)
        if len(words) == 1 and (parts := _compound(words[0])):
            found.setdefault(" ".join(stem(w) for w in parts), WHOLE)
        for head in _heads(words):
            found.setdefault(head, HEAD)
        if when := _when_first(words):
            found.setdefault(when, PARTS)
        for size in range(2, MAX_PHRASE + 1):
            for at in range(len(words) - size + 1):
                if key := _key(words[at : at + size]):
                    found.setdefault(key, INSIDE)
        for word in words:
            if word not in _STOP and len(word) > 2:
                found.setdefault(stem(word), INSIDE)
                # A prefixed word is about its root more than a mere mention is: "to
                # defraud" (诈骗) is ``fraud``, and stays when ``INSIDE_RATIO`` cuts.
                for root in _roots(word):
                    found.setdefault(stem(root), PARTS)
    return sorted(found.items(), key=lambda item: item[1])


def sense_keys(sense: str) -> list[str]:
    """The keys of the whole alternatives of a sense (``gloss_keys`` at ``WHOLE``)."""
    return [key for key, closeness in gloss_keys(sense) if closeness == WHOLE]


_REGISTER = re.compile(
    r"\((old|archaic|arch\.|in former times|literary|dialect|cantonese|tw|taiwan|hong kong|hk"
    r"|singapore|slang|internet slang|neologism|derog\.|jocular|tcm|used in tcm)\b"
)
"""How CC-CEDICT marks a sense of another time, place or register than a mainland paper's
(``(old) wine cup``, ``(Tw) ...``, ``(neologism c. 2021) ... volunteer in full-body PPE``,
``internal heat (TCM)``, ``(Hong Kong) secondary school ...``): the archive's word hardly
ever means it, so it stands for nothing (大白 is not ``volunteer``, 火气 not ``heat``, 中中
not ``secondary school``)."""


@lru_cache(maxsize=1 << 16)
def senses(word: str) -> tuple[tuple[str, int], ...]:
    """(key, closeness) of every CC-CEDICT sense of ``word`` but those of another register
    (``_REGISTER``), each key once at its closest; the whole first sense of an entry is
    ``WHOLE_FIRST``."""
    keys: dict[str, int] = {}
    for entry in glossed(word):
        for at, sense in enumerate(entry.senses):
            if _REGISTER.search(sense.lower()):
                continue
            for key, closeness in gloss_keys(sense):
                # A name's head word is its kind, which it does not mean to a reader:
                # 红河 "Honghe county in ..." is ``honghe county``, not ``county``.
                if entry.proper and closeness == HEAD and " " not in key:
                    continue
                if at == 0 and closeness == WHOLE:
                    closeness = WHOLE_FIRST
                keys[key] = min(closeness, keys.get(key, closeness))
    return tuple(keys.items())


def _whole(word: str) -> list[str]:
    """One-word keys of the whole glosses of a part, first ``COMPOSED_SENSES`` of them."""
    return [k for k, c in senses(word) if c <= WHOLE and " " not in k][:COMPOSED_SENSES]


@lru_cache(maxsize=1 << 14)
def _roles(char: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One-word keys of a character's glosses: its verbs ("to prevent") and its other words
    ("fire"), the first ``COMPOSED_SENSES`` of each; names left out."""
    verbs: dict[str, None] = {}
    others: dict[str, None] = {}
    for entry in glossed(char):
        if entry.proper:
            continue
        for sense in entry.senses:
            text = _PAREN.sub(" ", sense).strip().lower()
            if text.startswith(_SKIP) or _REGISTER.search(sense.lower()):
                continue
            for part in text.split(";"):
                words = part.split(",")[0].split()
                verb = words[:1] == ["to"]
                while words and words[0] in _LEAD:
                    words = words[1:]
                if len(words) == 1 and (key := _key(words)) and _WORD.fullmatch(words[0]):
                    (verbs if verb else others).setdefault(key)
    return tuple(verbs)[:COMPOSED_SENSES], tuple(others)[:COMPOSED_SENSES]


def _object_first(word: str, own: tuple[tuple[str, int], ...]) -> list[str]:
    """A verb-object word of two characters read as English puts it, object first: 防火
    (防 "to prevent" + 火 "fire") is ``fire prevention``. When CC-CEDICT has the word, its
    glosses must name the object ("to protect against fire"): a character has many senses,
    and 营造 is not "party" + "to build"."""
    verbs, _ = _roles(word[0])
    _, objects = _roles(word[1])
    named = {w for key, _ in own for w in key.split(" ")}
    return [f"{thing} {verb}" for verb in verbs for thing in objects if not own or thing in named]


def meanings(word: str) -> list[tuple[str, int]]:
    """(English key, closeness) for a Chinese word of two or three characters that jieba
    or CC-CEDICT knows: its own senses; when CC-CEDICT lacks it, the pairs of its two
    parts' senses (``PARTS``) and its last part's (``INSIDE``); and for a verb-object word
    of two characters, object and verb (``PARTS``); and its near synonyms' glosses
    (``sibling_glosses``, ``PARTS``)."""
    own = senses(word)
    if not own and tokenizer().FREQ.get(word, 0) <= 0:
        return []
    found = dict(own)
    if len(word) == 2:
        for key in _object_first(word, own):
            found.setdefault(key, PARTS)
    for key in sibling_glosses().get(word, ()):
        found.setdefault(key, PARTS)
    if own:
        return list(found.items())
    for key in _coordinate(word):
        found.setdefault(key, WHOLE)
    for cut in range(1, len(word)):
        tails = _whole(word[cut:])
        for head in _whole(word[:cut]):
            for tail in tails:
                found.setdefault(f"{head} {tail}", PARTS)
        if len(word) - cut >= 2:
            for tail in tails:
                found.setdefault(tail, INSIDE)
    return list(found.items())


_SUFFIXES = frozenset("子儿头")
"""Noun suffixes: two words ending in one (种子 "seed", 麦子 "wheat") share no meaning."""


def _coordinate(word: str) -> list[str]:
    """Whole glosses of the two words a three-character word joins sharing their last
    character: 农牧民 is 农民 and 牧民 ("farmers and herdsmen"), 中小学 中学 and 小学."""
    if len(word) != 3 or word[0] == word[1] or word[2] in _SUFFIXES:
        return []
    pair = (word[0] + word[2], word[1:])
    if not all(glossed(w) for w in pair):
        return []
    return [k for w in pair for k, c in senses(w) if c <= WHOLE]


@dataclass(slots=True, frozen=True)
class Expansion:
    """The Chinese words an English key stands for, best first, each with its weight rank
    (``DIRECT``, ``OTHER``, ``COMPOSED``)."""

    words: tuple[tuple[str, int], ...]


SIBLINGS = Path(__file__).resolve().parent / "data" / "siblings.tsv"
"""``derive_sibling_glosses()`` as ``make_siblings`` writes it: one word a line, a tab
before each gloss it takes from its siblings."""


@cache
def sibling_glosses() -> dict[str, tuple[str, ...]]:
    """Word -> the whole glosses its near synonyms lend it, read from ``SIBLINGS``: a
    function of CC-CEDICT and the supplement alone, and deriving it costs seconds of CPU
    (every two- and three-character word's senses), which every cold build paid."""
    found: dict[str, tuple[str, ...]] = {}
    for line in SIBLINGS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, *keys = line.split("\t")
            found[word] = tuple(keys)
    return found


def derive_sibling_glosses() -> dict[str, tuple[str, ...]]:
    """CC-CEDICT words of two or three characters with ``SIBLING_SHARED`` or more whole
    glosses in common are near synonyms (食堂 and 饭堂: "dining hall", "cafeteria"): for
    each word, its siblings' whole glosses that it lacks (食堂: 饭堂's "canteen"). Glosses
    held by more than ``SIBLING_SPREAD`` words ("to make") say nothing about a pair."""
    whole: dict[str, set[str]] = {}
    holders: dict[str, list[str]] = {}
    for word in sorted(glossed_words()):
        if 2 <= len(word) <= 3:
            keys = whole[word] = {k for k, c in senses(word) if c <= WHOLE}
            # A gloss and its split form (``background``, ``back ground``) are one gloss.
            for key in {k.replace(" ", "") for k in keys}:
                holders.setdefault(key, []).append(word)
    shared: dict[tuple[str, str], int] = {}
    for words in holders.values():
        if len(words) <= SIBLING_SPREAD:
            for i, a in enumerate(words):
                for b in words[i + 1 :]:
                    shared[a, b] = shared.get((a, b), 0) + 1
    found: dict[str, set[str]] = {}
    for (a, b), count in shared.items():
        if count >= SIBLING_SHARED:
            found.setdefault(a, set()).update(whole[b] - whole[a])
            found.setdefault(b, set()).update(whole[a] - whole[b])
    return {word: tuple(sorted(keys)) for word, keys in found.items()}


def candidates(han_terms: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
    """English key -> (closeness, word) of every word of ``han_terms`` (the index's Han
    terms; characters and words of two or three are considered) that means it. A word also
    stands, as ``PARTS``, for its siblings' glosses (``sibling_glosses``);
    a character, as ``INSIDE``, for the one-word whole glosses of its first sense (犬 "dog")."""
    found: dict[str, list[tuple[int, str]]] = {}
    for term in han_terms:
        for key, closeness in term_meanings(term):
            found.setdefault(key, []).append((closeness, term))
    return found


def term_meanings(term: str) -> list[tuple[str, int]]:
    """(English key, closeness) of an index term: ``meanings`` of a word of two or three
    characters; of a character, the one-word whole glosses of its first sense, as
    ``INSIDE`` (a last resort, see ``CHARACTER_RATIO``); nothing for longer terms. Each key
    also stands in the irregular forms of its words (``inflected``)."""
    if 2 <= len(term) <= 3:
        return inflected(meanings(term))
    if len(term) == 1:
        return inflected(
            [(k, INSIDE) for k, c in senses(term) if c == WHOLE_FIRST and " " not in k]
        )
    return []


@cache
def _irregular() -> dict[str, tuple[str, ...]]:
    """Stem of a gloss word -> the stems of its inflections ``stem`` does not join to it
    (``child``: ``children``), from ``data/irregular_en.tsv`` (``make_irregular.py``)."""
    found: dict[str, set[str]] = {}
    for line in IRREGULAR.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, word = line.split("\t")
            found.setdefault(stem(word), set()).add(stem(form))
    return {word: tuple(sorted(forms)) for word, forms in found.items()}


def inflected(keys: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``keys`` and, at the same closeness, each key with a word in an irregular form of
    it (``child care`` -> ``children care``): a query says ``children`` or ``built`` as it
    comes, and a suffix rule cannot bring those back to their word."""
    irregular = _irregular()
    found = dict(keys)
    for key, closeness in keys:
        variants = [""]
        for word in key.split(" "):
            variants = [
                f"{v} {w}".lstrip() for v in variants for w in (word, *irregular.get(word, ()))
            ]
        for variant in variants[1:]:
            found.setdefault(variant, closeness)
    return list(found.items())


def chosen(key: str, found: Iterable[tuple[int, str]], df: Callable[[str], int]) -> Expansion:
    """The best of English ``key``'s (closeness, word) candidates, ``df`` giving their
    article counts: ``MAX_WORDS`` for a word, ``MAX_PHRASE_WORDS`` for a phrase. Words rank
    by closeness, whole glosses first or not alike (which sense CC-CEDICT lists first says
    little: 供暖 "to supply heating" is ``heating`` too), then by how many articles hold
    them (the sense the archive uses), then by word. A phrase that only some longer gloss
    mentions (资方 "owners of a private enterprise") stands for nothing: it would take the
    place of its words found together (``private enterprises``: 民营, 企业)."""
    ranked = sorted((max(c, WHOLE), -df(word), word, c) for c, word in found)
    cap = CHARACTER_RATIO * max([-n for _, n, w, _ in ranked if len(w) > 1] or [1])
    ranked = [r for r in ranked if len(r[2]) > 1 or -r[1] <= cap]
    # A word that only mentions the key inside a longer gloss (渠道 "irrigation ditch;
    # channel" for ``irrigation``) and is in many times the articles of every closer
    # word is mostly read in another sense in the archive.
    closer = [-n for c, n, w, _ in ranked if c < INSIDE and len(w) > 1]
    if closer:
        top = INSIDE_RATIO * max(closer)
        ranked = [r for r in ranked if r[0] < INSIDE or -r[1] <= top]
    phrase = " " in key
    if phrase and all(c == INSIDE for *_, c in ranked):
        return Expansion(())
    limit = MAX_PHRASE_WORDS if phrase else MAX_WORDS
    return Expansion(tuple((word, WEIGHT_RANK[c]) for _, _, word, c in ranked[:limit]))


def expansions(han_terms: Iterable[str], df: Callable[[str], int]) -> dict[str, Expansion]:
    """English key -> the archive's words that mean it (``candidates``, ``chosen``)."""
    return {key: chosen(key, found, df) for key, found in sorted(candidates(han_terms).items())}
