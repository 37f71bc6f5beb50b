"""English words -> the Chinese words of the archive that mean them, through CC-CEDICT.

An English query word finds the articles holding a Chinese word one of whose CC-CEDICT
senses is that word (``volunteer`` -> 志愿者 "volunteer", 志愿 "to volunteer"), or a
two-to-three-word sense phrase (``Party building``). A word CC-CEDICT lacks but jieba
knows is read as two dictionary words side by side: 党建 = 党 "party" + 建 "to build" gives
``party build``. Senses are cut to their core (no parentheses, no leading "to"/"a"/"the")
and every English word is reduced by ``stem`` in the index and in queries alike
(``herdsmen`` = ``herdsman``, ``building`` = ``build``). The index stores the result under
the ``w:`` key of the English word or phrase (``build.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from site_builder.enrich.cedict import entries
from site_builder.nlp.tokenizer import tokenizer
from site_builder.search.text import stem

MAX_WORDS = 4
"""At most this many Chinese words stand for one English word or phrase: a common word
(``work``) must not fetch half the index, and the reader sees what was searched."""
MAX_PHRASE = 3
"""Longest English phrase indexed, in words."""
COMPOSED_SENSES = 4
"""Senses of each part tried when a word is read as two dictionary words."""
DIRECT, OTHER, COMPOSED = 0, 1, 2
"""How closely a Chinese word means the English: its first sense, a later sense, or its
parts' senses. Lower ranks first; ``build.EXPANSION_WEIGHT`` weights them."""
_STOP = frozenset(
    [
        *("a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by"),
        *("from", "as", "is", "be", "it", "its", "this", "that", "not", "no", "one", "who"),
    ]
)
_LEAD = frozenset(("to", "a", "an", "the"))
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SKIP = ("cl:", "variant of", "old variant", "see ", "surname ", "abbr. ", "used in ", "also ")
_WORD = re.compile(r"[a-z]+")


def sense_keys(sense: str) -> list[str]:
    """The English key (stemmed words joined by spaces) a CC-CEDICT sense gives, if any:
    what comes before its first comma (after it, CC-CEDICT explains: "Drepung Monastery,
    Lhasa" is not a name of Lhasa)."""
    text = _PAREN.sub(" ", sense).strip().lower()
    if not text or text.startswith(_SKIP):
        return []
    words = text.split(",")[0].split()
    while words and words[0] in _LEAD:
        words = words[1:]
    if not 1 <= len(words) <= MAX_PHRASE or not all(_WORD.fullmatch(w) for w in words):
        return []
    if len(words) == 1 and (words[0] in _STOP or len(words[0]) < 2):
        return []
    return [" ".join(stem(w) for w in words)]


@lru_cache(maxsize=1 << 16)
def senses(word: str) -> tuple[str, ...]:
    """Every key of every CC-CEDICT sense of ``word``, in dictionary order, once each."""
    keys: dict[str, None] = {}
    for entry in entries(word):
        for sense in entry.senses:
            keys.update(dict.fromkeys(sense_keys(sense)))
    return tuple(keys)


def meanings(word: str) -> list[tuple[str, int]]:
    """(English key, rank) for a Chinese word of two or three characters: its own senses,
    or, when CC-CEDICT lacks it and jieba knows it, the pairs of its two parts' senses."""
    own = senses(word)
    if own:
        return [(key, DIRECT if i == 0 else OTHER) for i, key in enumerate(own)]
    if tokenizer().FREQ.get(word, 0) <= 0:
        return []
    found: dict[str, int] = {}
    for cut in range(1, len(word)):
        heads = [k for k in senses(word[:cut]) if " " not in k][:COMPOSED_SENSES]
        tails = [k for k in senses(word[cut:]) if " " not in k][:COMPOSED_SENSES]
        for head in heads:
            for tail in tails:
                found.setdefault(f"{head} {tail}", COMPOSED)
    return list(found.items())


@dataclass(slots=True, frozen=True)
class Expansion:
    """The Chinese words an English key stands for, best first, each with its rank."""

    words: tuple[tuple[str, int], ...]


def candidates(han_terms: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
    """English key -> (rank, word) of every word of ``han_terms`` (the index's Han terms;
    words of two or three characters are considered) that means it."""
    found: dict[str, list[tuple[int, str]]] = {}
    for term in han_terms:
        if 2 <= len(term) <= 3:
            for key, rank in meanings(term):
                found.setdefault(key, []).append((rank, term))
    return found


def chosen(found: Iterable[tuple[int, str]], df: Callable[[str], int]) -> Expansion:
    """The best ``MAX_WORDS`` of an English key's (rank, word) candidates, ``df`` giving
    their article counts: by closeness, then by how many articles hold them, then by word."""
    ranked = sorted((rank, -df(word), word) for rank, word in found)
    return Expansion(tuple((word, rank) for rank, _, word in ranked[:MAX_WORDS]))


def expansions(han_terms: Iterable[str], df: Callable[[str], int]) -> dict[str, Expansion]:
    """English key -> the archive's words that mean it (``candidates``, ``chosen``)."""
    return {key: chosen(found, df) for key, found in sorted(candidates(han_terms).items())}
