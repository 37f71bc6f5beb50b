"""One article -> the weighted terms it is found by.

Term keys (see ``SPEC.md``): a Han character, bigram or trigram as itself; ``w:`` Latin
word (text or English place name); ``p:`` two pinyin syllables; ``i:`` pinyin initials of
2-6 characters from a word start; facets ``t:`` tag, ``l:`` place code, ``k:`` kind,
``n:`` paper, ``g:`` page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from site_builder.nlp.pinyin import pinyin_syllables
from site_builder.nlp.tokenizer import tokenizer, words
from site_builder.search.model import SearchDoc, SearchPlace
from site_builder.search.text import fold, tokens

FIELD_WEIGHTS = {
    "title": 5.0,
    "kicker": 3.0,
    "subtitle": 3.0,
    "tags": 3.0,
    "places": 3.0,
    "ancestors": 1.0,
    "body": 1.0,
}
"""BM25F field weights: a hit in the title counts five body hits."""
ACROSS_WORDS = 0.5
"""An n-gram that straddles two jieba words counts half: jieba words steer the ranking."""
INITIALS_CHARS = (2, 6)
"""Initials are indexed for every span of this many characters that starts where a jieba
word (search mode) starts: ``jc``, ``jczl``, ``dbsq``. Ending anywhere and starting at
sub-words find 基层治理 in 下基层|治理能力."""
_SYLLABLE = re.compile(r"[a-z]+")


@dataclass(slots=True)
class DocTerms:
    """Weighted term frequencies of one article, and what each term stands for."""

    weights: dict[str, float] = field(default_factory=dict)
    forms: dict[str, set[str]] = field(default_factory=dict)
    """Han text behind pinyin, initials and English-name terms: for highlighting and checks."""
    facets: set[str] = field(default_factory=set)
    length: float = 0.0
    """Field-weighted length in characters (BM25's document length)."""

    def add(self, counts: Counter[str], weight: float) -> None:
        for term, n in counts.items():
            self.weights[term] = self.weights.get(term, 0.0) + n * weight

    def add_forms(self, pairs: Iterable[tuple[str, str]]) -> None:
        for term, form in pairs:
            self.forms.setdefault(term, set()).add(form)


@lru_cache(maxsize=1 << 18)
def _reading(word: str) -> tuple[str, ...]:
    """Toneless syllable of each character of a jieba word; ``""`` where none is known."""
    syllables = pinyin_syllables(word)
    if len(syllables) != len(word):
        return ("",) * len(word)
    return tuple(s if _SYLLABLE.fullmatch(s) else "" for s in syllables)


def _starts(run: str, ends: list[int]) -> list[int]:
    """Where jieba's search mode sees a word begin: every word, and every dictionary word
    of two or three characters inside a longer one (基层 in 下基层)."""
    known = tokenizer().FREQ
    found = set()
    for start, end in zip([0, *ends[:-1]], ends, strict=True):
        found.add(start)
        for size in (2, 3):
            found.update(
                i for i in range(start + 1, end - size + 1) if known.get(run[i : i + size], 0) > 0
            )
    return sorted(found)


def _han_terms(
    run: str, whole: Counter[str], split: Counter[str], forms: set[tuple[str, str]]
) -> None:
    """Count the run's n-grams, pinyin pairs and initials; ``split`` gets those that
    straddle a jieba word boundary."""
    syllables: list[str] = []
    ends: list[int] = []
    for word in words(run):
        syllables.extend(_reading(word))
        ends.append(len(syllables))
    size = len(run)
    joined = [True] * (size + 1)  # joined[i]: characters i - 1 and i are in one jieba word
    for end in ends:
        joined[end] = False
    bigrams = [run[i : i + 2] for i in range(size - 1)]
    pairs = [f"p:{a} {b}" if a and b else "" for a, b in pairwise(syllables)]
    whole.update(run)
    whole.update([g for i, g in enumerate(bigrams) if joined[i + 1]])
    split.update([g for i, g in enumerate(bigrams) if not joined[i + 1]])
    whole.update([p for i, p in enumerate(pairs) if p and joined[i + 1]])
    split.update([p for i, p in enumerate(pairs) if p and not joined[i + 1]])
    forms.update((p, g) for p, g in zip(pairs, bigrams, strict=True) if p)
    trigrams = range(size - 2)
    whole.update([run[i : i + 3] for i in trigrams if joined[i + 1] and joined[i + 2]])
    split.update([run[i : i + 3] for i in trigrams if not (joined[i + 1] and joined[i + 2])])
    shortest, longest = INITIALS_CHARS
    for start in _starts(run, ends):
        for end in range(start + shortest, min(start + longest, size) + 1):
            span = syllables[start:end]
            if all(span):
                term = "i:" + "".join(s[0] for s in span)
                whole[term] += 1
                forms.add((term, run[start:end]))


def _add_text(out: DocTerms, text: str | None, field_name: str) -> None:
    if not text:
        return
    weight = FIELD_WEIGHTS[field_name]
    folded = fold(text)
    out.length += weight * len(folded)
    whole: Counter[str] = Counter()
    split: Counter[str] = Counter()
    forms: set[tuple[str, str]] = set()
    for token in tokens(folded):
        if token.han:
            _han_terms(token.text, whole, split, forms)
        else:
            whole["w:" + token.text] += 1
    out.add(whole, weight)
    out.add(split, weight * ACROSS_WORDS)
    out.add_forms(forms)


def _add_english(out: DocTerms, place: SearchPlace, field_name: str) -> None:
    if not place.name_en:
        return
    found = Counter("w:" + t.text for t in tokens(fold(place.name_en)) if not t.han)
    out.add(found, FIELD_WEIGHTS[field_name])
    out.add_forms((term, place.name) for term in found)


def analyze(doc: SearchDoc) -> DocTerms:
    """Every term of ``doc`` with its field-weighted frequency, plus its facet terms."""
    out = DocTerms()
    _add_text(out, doc.title, "title")
    _add_text(out, doc.kicker, "kicker")
    _add_text(out, doc.subtitle, "subtitle")
    for tag in doc.tags:
        _add_text(out, tag, "tags")
        out.facets.add("t:" + tag)
    for place in doc.places:
        _add_text(out, place.name, "places")
        _add_english(out, place, "places")
        out.facets.add("l:" + place.code)
    for place in doc.ancestors:
        _add_english(out, place, "ancestors")
        out.facets.add("l:" + place.code)
    _add_text(out, doc.body, "body")
    out.facets.add("k:" + doc.kind)
    if doc.paper:
        out.facets.add("n:" + doc.paper)
    if doc.page is not None:
        out.facets.add(f"g:{doc.page}")
    return out
