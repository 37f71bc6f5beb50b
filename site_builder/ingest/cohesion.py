"""Lexical cohesion: do two stretches of a page talk about the same thing?

Paragraphs of one article repeat its names and terms; two articles on one page share
only the paper's everyday words. Character bigrams weighted by how rare they are on the
page (IDF) measure that without a dictionary, so unknown names (the usual topic markers
in local news) count fully.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from site_builder.ingest.patterns import HAN_RE


def bigrams(text: str) -> list[str]:
    """Overlapping pairs of Han characters."""
    return [
        text[i : i + 2]
        for i in range(len(text) - 1)
        if HAN_RE.match(text[i]) and HAN_RE.match(text[i + 1])
    ]


class Cohesion:
    """IDF-weighted bigram vectors over the texts of one page."""

    def __init__(self, texts: list[str]) -> None:
        self._grams = [Counter(bigrams(t)) for t in texts]
        df: Counter[str] = Counter()
        for grams in self._grams:
            df.update(grams.keys())
        n = max(1, len(texts))
        self._idf = {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}

    def vector(self, indices: Iterable[int]) -> dict[str, float]:
        """Summed, IDF-weighted bigram counts of the texts at ``indices``."""
        total: Counter[str] = Counter()
        for i in indices:
            if 0 <= i < len(self._grams):
                total.update(self._grams[i])
        return {g: c * self._idf[g] for g, c in total.items()}

    def text_vector(self, text: str) -> dict[str, float]:
        """Vector of a text that is not one of the page's (e.g. a headline)."""
        return {g: c * self._idf.get(g, 0.0) for g, c in Counter(bigrams(text)).items()}

    @staticmethod
    def norm(a: dict[str, float]) -> float:
        return math.sqrt(sum(v * v for v in a.values()))

    @staticmethod
    def dot(a: dict[str, float], b: dict[str, float]) -> float:
        """Dot product, walking the shorter vector."""
        if len(b) < len(a):
            a, b = b, a
        return sum(v * b.get(g, 0.0) for g, v in a.items())

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        """Cosine similarity, 0 when either side is empty."""
        norm = Cohesion.norm(a) * Cohesion.norm(b)
        return Cohesion.dot(a, b) / norm if norm else 0.0
