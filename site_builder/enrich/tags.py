"""Tags: keyphrases that group articles, chosen by TF-IDF over the archive itself.

A tag is a jieba word or two or three adjacent words re-joined (基层|党建 -> 基层党建) that
the archive uses: a candidate counts only when at least two articles contain it, and a
chosen tag is kept only when at least two articles end up with it (a person's front-matter
tags count too). A word that every article of this paper uses (党员, 群众) sinks by its
IDF; the paper's everyday vocabulary (活动, 开展, 负责人) is in ``data/stopwords.txt``.
Places, people and numbers are never tags.

A fragment of a longer word is never a tag: an occurrence inside a longer dictionary word
(三江 in 三江源; jieba's dictionary or CC-CEDICT) is not counted, and when jieba cuts 住建局
as 住|建局 or 经开区 as 经|开区, the fragment (建局, 开区) is glued to the same one-character
word wherever the archive writes it. A candidate glued on one side to the same content
character in every occurrence is a fragment of a longer word and left out. Last, a chosen
tag that jieba's plain cut of its article cuts apart wherever it is written (大思|政课 as
大|思政课, 工信 inside 工信局: the tagging cut and the plain cut disagree) is not that
article's tag (``cut_apart``); the article chooses again.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from site_builder.enrich.cedict import entries, starts_word
from site_builder.enrich.resources import data_set
from site_builder.nlp.tokenizer import tokenizer, words

MAX_TAGS = 6
RELATIVE_FLOOR = 0.5
"""Beyond the third tag, a term must score at least this share of the best term's score."""
FLOOR_FROM = 3
"""Tags chosen before ``RELATIVE_FLOOR`` applies."""
MIN_ARTICLES = 2
"""A tag groups at least this many articles; a candidate is in at least this many."""
PHRASE_WORDS = 3
"""Longest phrase, in jieba words."""
PHRASE_CHARS = 8
"""Longest phrase, in characters."""
HEADLINE_WEIGHT = 2
"""A term in the kicker, title or subtitle counts this many times."""
LENGTH_WEIGHT = 0.5
"""A term's score grows as (characters / 2) ** this: a keyphrase (跨境电商, 冰雪旅游) names a
subject better than the everyday words it is made of (企业, 游客), which TF-IDF alone
prefers (they are written more often). At 0.5 two-character tags fall from 71 % to 41 %
of the gold articles' tags, the same share group two articles; at 1 boilerplate phrases
(今年以来, 本报讯) win (bench/README.md)."""

_KEEP_POS = ("n", "nz", "vn", "l", "j", "i", "nt", "ns", "an")
"""Nouns, verbal nouns, set phrases and abbreviations; not nr* (people) nor verbs."""
_FREE_CHARS = frozenset(
    "的了在和与及或并是也都就已又还很更最把被对为从向于将让给等各全本该这那每其我你他她们"
    "到至之以由有不要能会可上下中里内外前后一二三四五六七八九十百千万两个名位"
)
"""One-character words that never make a word with a candidate: particles,
conjunctions, common prepositions and adverbs, pronouns, numerals and measure words,
locatives. Any other one-character word beside a candidate may be part of it (经|开区)."""
_HAN_ONLY = re.compile(r"[\u3400-\u9fff]+")
_CLASSIFIERS = frozenset("个名位家户座项次件条批种些")
"""A word starting with one of these right after a number is a count, not a topic."""
FREE = ""
"""Neighbour recorded for an occurrence that is not glued to a content character."""


@cache
def _stopwords() -> frozenset[str]:
    return data_set("stopwords.txt")


@dataclass(slots=True)
class Terms:
    """Tag candidates of one article: weighted counts, and for each candidate its glue on
    each side: the content character every occurrence is glued to there, or ``FREE`` when
    one is not glued or two are glued to different characters. (That is all ``Tagger``
    needs of the characters, and a plain string keeps, loads and merges cheaply.)"""

    counts: Counter[str] = field(default_factory=Counter)
    left: dict[str, str] = field(default_factory=dict)
    right: dict[str, str] = field(default_factory=dict)


def glue_with(side: dict[str, str], term: str, char: str) -> None:
    """Note one more occurrence of ``term`` glued to ``char`` (or ``FREE``) on ``side``."""
    side[term] = char if side.get(term, char) == char else FREE


def glue(word: str) -> str:
    """The character a neighbouring word glues to a candidate, or ``FREE``."""
    if len(word) != 1 or not _HAN_ONLY.fullmatch(word) or word in _FREE_CHARS:
        return FREE
    return word


REACH = 3
"""Characters beyond a term that a covering word may take on either side."""


def covered(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` inside a longer word of jieba's dictionary or CC-CEDICT
    written there (三江 inside 三江源, 医院 inside 人民医院)? A longer word that only adds
    particles or the like (孩子们) does not count."""
    a = max(0, start - REACH)
    return _covered(text[a : end + REACH], start - a, end - a)


WINDOW = 8
"""Characters on each side of a tag that ``cut_apart`` cuts with it."""


def cut_apart(tag: str, text: str) -> bool:
    """Is ``tag`` a fragment of a longer word wherever ``text`` writes it? An occurrence is
    one when jieba's plain cut of the text around it (``WINDOW`` characters each side) does
    not start and end a word there (开区 inside 经开区), or when a longer word of jieba's
    dictionary or CC-CEDICT covers it (``covered``). False when the text does not write
    it (a person's tag)."""
    at = text.find(tag)
    if at < 0:
        return False
    while at >= 0:
        if not _inside(tag, text, at):
            return False
        at = text.find(tag, at + 1)
    return True


def _inside(tag: str, text: str, at: int) -> bool:
    start = max(0, at - WINDOW)
    bounds = _bounds(text[start : at + len(tag) + WINDOW])
    if at - start not in bounds or at - start + len(tag) not in bounds:
        return True
    return covered(text, at, at + len(tag))


@lru_cache(maxsize=1 << 16)
def _bounds(window: str) -> frozenset[int]:
    """Where jieba's plain cut of ``window`` starts and ends words. Cached: an edit build
    checks the same articles' tags again."""
    ends = [0]
    for word in words(window):
        ends.append(ends[-1] + len(word))
    return frozenset(ends)


@lru_cache(maxsize=1 << 16)
def _covered(window: str, start: int, end: int) -> bool:
    # jieba's table holds every beginning of its words too (with frequency 0): a prefix
    # that is in neither table rules out every longer word that starts where it does.
    freq = tokenizer().FREQ
    for a in range(start + 1):
        # A text that begins no word of either cannot be part of a longer one.
        if window[a:end] not in freq and not starts_word(window[a:end]):
            continue
        for b in range(end, len(window) + 1):
            if (a, b) == (start, end):
                continue
            extra = window[a:start] + window[end:b]
            if all(ch in _FREE_CHARS for ch in extra) or not _HAN_ONLY.fullmatch(extra):
                continue
            longer = window[a:b]
            if freq.get(longer, 0) > 0 or entries(longer):
                return True
    return False


def term_counts(
    words: Iterable[tuple[str, str]],
    cut: int,
    excluded: Sequence[tuple[int, int]],
    names: set[str],
) -> Terms:
    """Weighted counts of the terms that may become tags. ``words`` are (word, part of
    speech) pairs that together spell the text; those ending at or before ``cut`` are the
    headline. ``excluded`` are non-empty character spans (places) whose words are left out;
    ``names`` are whole words left out (authors). Runs of up to ``PHRASE_WORDS`` candidate
    words count as phrases, never across the headline's end."""
    pairs = list(words)
    text = "".join(word for word, _ in pairs)
    excluded_at = {at for start, end in excluded for at in range(start, end)}
    out = Terms()
    run: list[int] = []  # indexes of the current run of candidate words
    ends: list[int] = []
    pos = 0
    for i, (word, flag) in enumerate(pairs):
        start, pos = pos, pos + len(word)
        ends.append(pos)
        a_count = i > 0 and word[0] in _CLASSIFIERS and pairs[i - 1][0].isdigit()  # 12|个村
        if (
            a_count
            or not _candidate(word, flag)
            or word in names
            or not excluded_at.isdisjoint(range(start, pos))
        ):
            run = []
            continue
        if run and ends[run[-1]] <= cut < pos:
            run = []  # no phrase across the headline's end
        run.append(i)
        _count(out, pairs, run, cut, ends, text)
    return out


def _count(
    out: Terms,
    pairs: list[tuple[str, str]],
    run: list[int],
    cut: int,
    ends: list[int],
    text: str,
) -> None:
    """Count every term that ends with the last word of ``run``, unless a longer word
    covers it there (``covered``): a fragment is never counted."""
    last = run[-1]
    for n in range(1, min(PHRASE_WORDS, len(run)) + 1):
        first = run[-n]
        term = "".join(pairs[j][0] for j in range(first, last + 1))
        if len(term) > PHRASE_CHARS:
            break
        if covered(text, ends[last] - len(term), ends[last]):
            continue
        out.counts[term] += HEADLINE_WEIGHT if ends[last] <= cut else 1
        before = pairs[first - 1][0] if first > 0 else ""
        after = pairs[last + 1][0] if last + 1 < len(pairs) else ""
        glue_with(out.left, term, glue(before))
        glue_with(out.right, term, glue(after))


@lru_cache(maxsize=200_000)
def _candidate(word: str, pos: str) -> bool:
    """May this word be (part of) a tag wherever it stands? Cached: the archive's
    vocabulary is small next to its running words."""
    if len(word) < 2 or not _HAN_ONLY.fullmatch(word):
        return False
    if not pos.startswith(_KEEP_POS) or pos.startswith("nr"):
        return False
    return word not in _stopwords()


@dataclass(slots=True)
class TermStats:
    """Document frequencies and glue of an archive's terms, kept up to date one article
    at a time (``add``, ``remove``): what ``Tagger`` needs of every article's ``Terms``,
    so that a build after an edit updates the last build's instead of reading every
    article's terms again."""

    df: dict[str, int] = field(default_factory=dict)
    """Articles that count each term."""
    left: dict[str, dict[str, int]] = field(default_factory=dict)
    """For each term, the articles whose glue on the left is each content character
    (``FREE`` not counted: the rest of the term's articles)."""
    right: dict[str, dict[str, int]] = field(default_factory=dict)
    """The same on the right."""

    @classmethod
    def of(cls, documents: Iterable[Terms]) -> TermStats:
        stats = cls()
        for terms in documents:
            stats.add(terms)
        return stats

    def add(self, terms: Terms) -> None:
        """Count one more article's terms."""
        df = self.df
        for term in terms.counts:
            df[term] = df.get(term, 0) + 1
        for side, glued in ((self.left, terms.left), (self.right, terms.right)):
            for term, char in glued.items():
                if char != FREE:
                    chars = side.setdefault(term, {})
                    chars[char] = chars.get(char, 0) + 1

    def of_term(self, term: str) -> tuple[int, dict[str, int], dict[str, int]]:
        """All that is counted of ``term``: its document frequency and glue (a copy)."""
        return self.df.get(term, 0), dict(self.left.get(term, {})), dict(self.right.get(term, {}))

    def remove(self, terms: Terms) -> None:
        """Count one article's terms no more (terms ``add`` counted)."""
        df = self.df
        for term in terms.counts:
            if df[term] == 1:
                del df[term]
            else:
                df[term] -= 1
        for side, glued in ((self.left, terms.left), (self.right, terms.right)):
            for term, char in glued.items():
                if char != FREE:
                    chars = side[term]
                    if chars[char] == 1:
                        del chars[char]
                        if not chars:
                            del side[term]
                    else:
                        chars[char] -= 1

    def fragments(self) -> frozenset[str]:
        """Terms glued to one content character on a side wherever the archive writes them."""
        return frozenset(
            term
            for side in (self.left, self.right)
            for term, chars in side.items()
            if len(chars) == 1 and next(iter(chars.values())) == self.df[term]
        )


class Tagger:
    """Document frequencies and glue of an archive's terms; picks each article's tags."""

    def __init__(self, n: int, stats: TermStats) -> None:
        """``n`` articles whose terms ``stats`` counts."""
        self._n = n
        self._df = stats.df
        self._fragments = stats.fragments()

    @classmethod
    def of(cls, documents: Sequence[Terms]) -> Tagger:
        """The tagger of an archive whose articles have these terms."""
        return cls(len(documents), TermStats.of(documents))

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; an unseen term gets the highest value."""
        return math.log((1 + self._n) / (1 + self._df.get(term, 0))) + 1

    def fragment(self, term: str) -> bool:
        """Glued to the same content character wherever the archive writes it (建局 in
        住建局): part of a word jieba cut apart."""
        return term in self._fragments

    def usable(self, term: str) -> bool:
        """In at least ``MIN_ARTICLES`` articles and not a fragment."""
        return self._df.get(term, 0) >= MIN_ARTICLES and term not in self._fragments

    def tags(self, counts: Counter[str], allowed: frozenset[str] | None = None) -> list[str]:
        """Up to ``MAX_TAGS`` tags, best first by TF-IDF and length (``LENGTH_WEIGHT``);
        ties broken by the term itself so the order is stable. A term inside a better tag
        (党建 within 基层党建) is skipped; with ``allowed``, only those terms are taken."""
        scored = [
            ((1 + math.log(tf)) * self.idf(term) * (len(term) / 2) ** LENGTH_WEIGHT, term)
            for term, tf in counts.items()
            if self.usable(term) and (allowed is None or term in allowed)
        ]
        ranked = sorted(scored, key=lambda item: (-item[0], item[1]))
        chosen: list[str] = []
        best = ranked[0][0] if ranked else 0.0
        for score, term in ranked:
            if len(chosen) >= MAX_TAGS:
                break
            if len(chosen) >= FLOOR_FROM and score < RELATIVE_FLOOR * best:
                break
            if any(term in other or other in term for other in chosen):
                continue
            chosen.append(term)
        return chosen


GROUPING_ROUNDS = 5
"""Rounds of dropping single-article tags; the choice is stable after one or two."""


Chosen = tuple[Counter[str] | None, list[str]]
"""An article's tags as ``Tagger.tags`` chose them from these counts (None: the article's
counts as kept, not read)."""


def archive_tags(
    tagger: Tagger,
    all_counts: Sequence[Counter[str] | None],
    written: Sequence[Sequence[str]],
    first: list[Chosen | None] | None = None,
    read: Callable[[int], Counter[str]] | None = None,
) -> list[list[str]]:
    """Every article's tags, chosen so that tags group articles: a tag that only one
    article (chosen or written) would carry is dropped and the articles choose again
    among the rest. ``written[i]`` are the tags a person wrote for article i (they win).
    ``first``: each article's first choice (every term allowed), from an earlier call with
    the same ``tagger`` or an earlier build, filled in here; one whose counts are the same
    object is not made again (``Enricher`` calls this again after dropping terms from a
    few articles' counts). ``all_counts[i]`` None: article i's counts are not read yet;
    ``read(i)`` reads them (and puts them in ``all_counts``) when a choice needs them.

    Each round an article chooses again only when its last choice may not stand: the
    rounds give what choosing every article again gives."""

    firsts: list[Chosen | None] = first if first is not None else [None] * len(written)

    def counts_of(i: int) -> Counter[str]:
        counts = all_counts[i]
        if counts is None:
            assert read is not None, "counts not read and no way to read them"
            counts = read(i)
            known = firsts[i]
            if known is not None and known[0] is None:
                firsts[i] = (counts, known[1])  # the kept choice was made from these
        return counts

    by_hand = {t for theirs in written for t in theirs}
    chosen: list[Chosen | None] = []
    for i, theirs in enumerate(written):
        made = firsts[i]
        if not theirs and (made is None or made[0] is not all_counts[i]):
            counts = counts_of(i)
            made = firsts[i] = (counts, tagger.tags(counts))
        chosen.append(None if theirs else made)
    allowed: frozenset[str] | None = None
    for round_ in range(GROUPING_ROUNDS):
        tags = [
            made[1] if made else list(theirs) for made, theirs in zip(chosen, written, strict=True)
        ]
        users = Counter(t for mine in tags for t in set(mine))
        single = {t for t, n in users.items() if n < MIN_ARTICLES and t not in by_hand}
        if not single:
            return tags
        allowed = frozenset(users.keys() - single)
        if round_ == GROUPING_ROUNDS - 1:
            break
        # ``allowed`` only narrows from round to round: each round's ``users`` are tags
        # chosen among the terms then allowed, or written (allowed from the first
        # narrowing on). An article's choice stands when each of its tags is still
        # allowed: the ranking then loses only terms that were passed over (inside a
        # chosen tag, or after the choice stopped), and its first term, chosen, keeps the
        # floor where it was.
        for i, made in enumerate(chosen):
            if made is not None and not allowed.issuperset(made[1]):
                counts = made[0] if made[0] is not None else counts_of(i)
                chosen[i] = (counts, tagger.tags(counts, allowed))
    assert allowed is not None
    return [
        list(theirs) if theirs else [t for t in mine if t in allowed]
        for mine, theirs in zip(tags, written, strict=True)
    ]
