"""Tags: TF-IDF over jieba words, with the IDF computed over the archive itself.

A word that every article of this paper uses (党员, 群众) sinks by its IDF; the paper's
everyday vocabulary that is frequent in a small archive too (活动, 开展, 负责人) is listed in
``data/stopwords.txt``. Places, people and numbers are never tags.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from site_builder.enrich.resources import data_set

MIN_TAGS = 3
MAX_TAGS = 6
RELATIVE_FLOOR = 0.5
"""Beyond the third tag, a word must score at least this share of the best word's score."""
PHRASE_MIN = 2
"""Two adjacent words become a candidate phrase when they meet this often."""
HEADLINE_WEIGHT = 2
"""A word in the kicker, title or subtitle counts this many times."""

_KEEP_POS = ("n", "nz", "vn", "l", "j", "i", "nt", "ns", "an")
"""Nouns, verbal nouns, set phrases and abbreviations; not nr* (people) nor verbs."""
_HAN_ONLY = re.compile(r"[\u3400-\u9fff]+")
_CLASSIFIERS = frozenset("个名位家户座项次件条批种些")
"""A word starting with one of these right after a number is a count, not a topic."""


@cache
def _stopwords() -> frozenset[str]:
    return data_set("stopwords.txt")


def term_counts(
    words: Iterable[tuple[str, str]],
    cut: int,
    excluded: Sequence[tuple[int, int]],
    names: set[str],
) -> Counter[str]:
    """Weighted counts of the words that may become tags. ``words`` are (word, part of
    speech) pairs that together spell the text; those ending at or before ``cut`` are the
    headline. ``excluded`` are non-empty character spans (places) whose words are left out;
    ``names`` are whole words left out (authors)."""
    counts: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    covered = {at for start, end in excluded for at in range(start, end)}
    weight, pos = HEADLINE_WEIGHT, 0
    # ``prev``: the word before when it was counted (a phrase may start there), else "".
    prev = before = ""
    for word, flag in words:
        start, pos = pos, pos + len(word)
        if weight == HEADLINE_WEIGHT and pos > cut:
            weight, prev, before = 1, "", ""  # the body: no phrase across the headline
        a_count = word[0] in _CLASSIFIERS and before.isdigit()  # 12|个村
        before = word
        if (
            a_count
            or not _candidate(word, flag)
            or word in names
            or not covered.isdisjoint(range(start, pos))
        ):
            prev = ""
            continue
        counts[word] += weight
        if prev:
            phrases[prev + word] += 1
        prev = word
    # Two words that keep coming together name the topic better than either (基层|党建).
    counts.update({p: n for p, n in phrases.items() if n >= PHRASE_MIN and len(p) <= 6})
    return counts


@lru_cache(maxsize=200_000)
def _candidate(word: str, pos: str) -> bool:
    """May this word be a tag wherever it stands? Cached: the archive's vocabulary is
    small next to its running words."""
    if len(word) < 2 or not _HAN_ONLY.fullmatch(word):
        return False
    if not pos.startswith(_KEEP_POS) or pos.startswith("nr"):
        return False
    return word not in _stopwords()


class Tagger:
    """IDF over an archive's documents; picks each document's tags."""

    def __init__(self, documents: Sequence[Counter[str]]) -> None:
        self._n = len(documents)
        self._df: Counter[str] = Counter()
        for counts in documents:
            self._df.update(counts.keys())

    def idf(self, word: str) -> float:
        """Smoothed inverse document frequency; an unseen word gets the highest value."""
        return math.log((1 + self._n) / (1 + self._df.get(word, 0))) + 1

    def tags(self, counts: Counter[str]) -> list[str]:
        """3-6 tags, best first; ties broken by the word itself so the order is stable.
        A word inside a better tag (党建 within 党建引领) is skipped."""
        scored = sorted(((1 + math.log(tf)) * self.idf(word), word) for word, tf in counts.items())
        ranked = sorted(scored, key=lambda item: (-item[0], item[1]))
        chosen: list[str] = []
        best = ranked[0][0] if ranked else 0.0
        for score, word in ranked:
            if len(chosen) >= MAX_TAGS:
                break
            if len(chosen) >= MIN_TAGS and score < RELATIVE_FLOOR * best:
                break
            if any(word in other or other in word for other in chosen):
                continue
            chosen.append(word)
        return chosen
