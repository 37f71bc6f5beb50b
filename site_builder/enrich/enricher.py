"""The archive-wide enrichment: places and tags of every article, and the place tree.

Built once from all articles (tags need the archive's IDF; learned places need every
mention of a name), then read. Front matter written by a person wins: ``Article.tags`` and
``Article.locations`` replace the extracted ones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from typing import Protocol

from site_builder.content.article import Article
from site_builder.enrich.cedict import entries, marked
from site_builder.enrich.gazetteer import gazetteer, split_suffix
from site_builder.enrich.models import ArticleInfo, Level, Place, PlaceHit
from site_builder.enrich.names import place_english
from site_builder.enrich.place_state import FinderState, KeptFinder
from site_builder.enrich.places import (
    Doc,
    LearnedPlace,
    PlaceContext,
    PlaceFinder,
    Scan,
    context_free_codes,
    places_learned,
    scan,
)
from site_builder.enrich.suffixes import SUFFIXES
from site_builder.enrich.tags import (
    GROUPING_ROUNDS,
    Chosen,
    Tagger,
    Terms,
    TermStats,
    archive_tags,
    cut_apart,
    term_counts,
)
from site_builder.enrich.topics import article_features, assign, filed_under, written_topics
from site_builder.nlp.pinyin import pinyin_text
from site_builder.nlp.tokenizer import tagged

_VOWEL_START = re.compile(r"[aāáǎàoōóǒòeēéěè]")


def article_text(article: Article) -> tuple[str, int]:
    """The text searched for places and tags: headline group, then the body's paragraphs,
    one per line; and the length of the headline part. A derived title repeats the text
    and is left out."""
    head = [article.kicker, None if article.title_derived else article.title, article.subtitle]
    headline = "\n".join(part for part in head if part)
    body = [p.strip().removeprefix("## ").strip() for p in article.body.split("\n\n")]
    body_text = "\n".join(p for p in body if p)
    if not headline:
        return body_text, 0
    return f"{headline}\n{body_text}", len(headline) + 1


def article_words(
    article: Article, tag: Callable[[str], list[tuple[str, str]]] | None = None
) -> list[tuple[str, str]]:
    """(word, part of speech) pairs of ``article_text(article)``: the per-article NLP of
    enrichment, apart from the archive so that it can run in a worker process and be cached
    by content (``Enricher(..., words=...)`` takes it back). ``tag`` is an article's
    ``SharedCut().tagged``, which gives the same pairs as ``tagged`` (the default)."""
    return (tag or tagged)(article_text(article)[0])


def _shared(
    pairs: Iterable[tuple[str, str]], vocabulary: dict[tuple[str, str], tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """The pairs, each replaced by the equal pair already in ``vocabulary`` (added if new)."""
    out = []
    for word, flag in pairs:
        pair = (word, flag)
        out.append(vocabulary.setdefault(pair, pair))
    return tuple(out)


def _capitalised(pinyin: str) -> str:
    """``gāmǎ gòngsāng`` -> ``Gāmǎgòngsāng``: a name's syllables are written as one word."""
    joined = ""
    for word in pinyin.split():
        joined += ("'" if joined and _VOWEL_START.match(word) else "") + word
    return joined[:1].upper() + joined[1:]


def _name_reading(stem: str, name: str) -> str | None:
    """Reading of a place name from CC-CEDICT's entry for it, which reads names as names
    (长治 Chángzhì, 单县 Shàn): phrase tables read such characters as common words."""
    for entry in (*entries(stem), *entries(name)):
        syllables = entry.reading.split()
        if entry.proper and len(syllables) >= len(stem):
            return marked(" ".join(syllables[: len(stem)]))
    return None


def place_pinyin(name: str, level: Level) -> str:
    """``Xīzàng Zìzhìqū``: the name and each word of its suffix capitalised."""
    if level in ("township", "village"):
        suffix = next((s for s, _ in SUFFIXES.values() if name.endswith(s)), "")
        stem = name[: len(name) - len(suffix)]
    else:
        stem, suffix = split_suffix(name, level)
        stem, suffix = split_suffix(name, level, 1) if not suffix else (stem, suffix)
    parts = [_name_reading(stem, name) or _capitalised(pinyin_text(stem))]
    parts += [_capitalised(p) for p in pinyin_text(suffix).split()] if suffix else []
    return " ".join(parts)


Spans = list[tuple[int, int]]


class Kept(Protocol):
    """Per-article results of enrichment kept between builds (``analysis.enrichment``):
    each is a function of the article's text and of what is passed, so a kept one is
    the one ``make`` would compute."""

    def scan(self, article: Article, region: str, make: Callable[[], Scan]) -> Scan: ...

    def topics(self, article: Article, make: Callable[[], list[str]]) -> list[str]: ...

    def terms(self, article: Article, spans: Spans, make: Callable[[], Terms]) -> Terms: ...

    def resolved(
        self, article: Article, name: str, region: str, make: Callable[[], list[str]]
    ) -> list[str]: ...

    def first_choice(self, index: int) -> list[str] | None:
        """The tags ``tags.Tagger.tags`` chose from the counts of article ``index`` (of
        those ``term_stats`` was given) in an earlier build, when that choice holds here
        (None: its counts are to be read and the choice made)."""

    def keep_first(self, index: int, tags: list[str], counts: Counter[str] | None) -> None:
        """Keep the tags chosen from article ``index``'s counts, every term allowed
        (``counts`` None: the choice ``first_choice`` gave, its counts not read)."""

    def apart(self, article: Article, tags: list[str], check: Callable[[str], bool]) -> list[str]:
        """Those of ``tags`` cut apart in the article's text (``check``: ``tags.cut_apart``
        on that text)."""

    def term_stats(
        self, articles: Sequence[Article], spans: Sequence[Spans], terms: Callable[[int], Terms]
    ) -> TermStats | None:
        """The archive's ``TermStats``, the last build's updated by the articles whose
        terms changed (``terms(i)``: article i's; ``spans``: each article's place spans,
        which its terms depend on); None when none were kept."""

    def finder(self, articles: Sequence[Article], region: str) -> KeptFinder | None:
        """Each article's inputs to the place finder and the state its last run left."""

    def keep_finder(self, state: FinderState) -> None:
        """Keep what the place finder decided, for the next build."""

    def keep_scan(self, article: Article, region: str) -> None:
        """Keep the article's scan for ``region``, which this build did not read."""


class Enricher:
    """Tags and places for every article of an archive; the place hierarchy they use."""

    def __init__(
        self,
        articles: Sequence[Article],
        region: str = "54",
        words: Sequence[Sequence[tuple[str, str]]] | None = None,
        kept: Kept | None = None,
    ) -> None:
        """``words[i]`` is ``article_words(articles[i])`` when the caller has it already
        (from worker processes or a cache), None computes it here. Each ``words[i]`` is read
        once, in order, so it may be loaded lazily. ``kept``: per-article topics and term
        counts made by an earlier build (None: all computed here)."""
        if words is not None and len(words) != len(articles):
            raise ValueError(f"{len(words)} word lists for {len(articles)} articles")
        self._region = region
        self._articles = list(articles)
        self._index = {a.key: i for i, a in enumerate(self._articles)}
        texts = [article_text(a) for a in self._articles]
        # Words are needed only for what is not kept (an edit build: the edited articles).
        pairs = _Pairs(texts, words)
        memo = kept or _Computed()
        self._kept = memo

        def scans(i: int, doc: Doc, region: str) -> Scan:
            return memo.scan(self._articles[i], region, partial(_scan_of, pairs, i, doc, region))

        self._finder = PlaceFinder(
            [
                Doc(text, a.page_id, a.dateline)
                for a, (text, _) in zip(self._articles, texts, strict=True)
            ],
            region,
            page_regions=True,
            scans=scans,
            kept=memo.finder(self._articles, region),
        )
        if self._finder.state is not None:
            memo.keep_finder(self._finder.state)
        if self._finder.updated:
            # Scans the finder did not read are still this archive's, for the next build
            # that reads every text.
            for i, a in enumerate(self._articles):
                memo.keep_scan(a, region)
                if self._finder.region_of(i) != region:
                    memo.keep_scan(a, self._finder.region_of(i))
        # Kept from here on: the finder's hits and learned places, and term counts; not the
        # texts or words, which a large archive cannot afford to hold.
        # Topics need only the words: decided here, a short list kept per article.
        self._topics = [
            memo.topics(a, partial(_topics_of, pairs, i, cut, filed_under(a.page_name, a.column)))
            for i, (a, (_, cut)) in enumerate(zip(self._articles, texts, strict=True))
        ]
        spans = [_spans(self._finder.hits(i)) for i in range(len(self._articles))]
        read: dict[int, Terms] = {}

        def terms(i: int) -> Terms:
            if i not in read:
                a, cut = self._articles[i], texts[i][1]
                made = partial(_terms_of, pairs, i, cut, spans[i], set(a.authors))
                read[i] = memo.terms(a, spans[i], made)
            return read[i]

        stats = memo.term_stats(self._articles, spans, terms)
        if stats is None:
            stats = TermStats.of(terms(i) for i in range(len(self._articles)))
        self._tagger = Tagger(len(self._articles), stats)
        # The glue of each term went into the tagger; the counts are all that is kept, and
        # only those of articles whose tags are not written (the others choose none), read
        # when a choice needs them (an edit build keeps most choices: ``Kept.first_choice``).
        self._counts: list[Counter[str] | None] = [
            Counter() if a.tags else None for a in self._articles
        ]

        def counts(i: int) -> Counter[str]:
            found = self._counts[i] = terms(i).counts
            return found

        self._tags = self._whole_tags([text for text, _ in texts], counts)
        read.clear()
        self._vocabulary = frozenset(t for tags in self._tags for t in tags)
        self._places: dict[str, Place] = {}
        # Townships and villages learned while reading one text apart from the archive (a
        # front-matter location, an article outside it): their codes are in no gazetteer.
        self._apart: dict[str, LearnedPlace] = {}

    def _whole_tags(self, texts: list[str], read: Callable[[int], Counter[str]]) -> list[list[str]]:
        """Every article's tags, none cut apart in its article by jieba's plain cut
        (``tags.cut_apart``): such a term leaves that article's counts and the archive
        chooses again. Only chosen tags are checked, a few per article; the choice
        settles within ``GROUPING_ROUNDS``. (Counts are replaced, never changed in place:
        they may be the ones a build keeps; and ``archive_tags`` knows an article whose
        counts are the same object chose the same.) ``read(i)``: article i's counts, for
        those ``_counts`` does not hold yet."""
        written = [a.tags for a in self._articles]
        first: list[Chosen | None] = [None] * len(self._articles)
        for i, theirs in enumerate(written):
            if not theirs and (kept := self._kept.first_choice(i)) is not None:
                first[i] = (None, kept)
        tags = archive_tags(self._tagger, self._counts, written, first, read)
        for i, made in enumerate(first):
            if made is not None:
                self._kept.keep_first(i, made[1], made[0])
        for _ in range(GROUPING_ROUNDS):
            apart = [
                self._kept.apart(article, mine, partial(cut_apart, text=text)) if not theirs else []
                for article, mine, theirs, text in zip(
                    self._articles, tags, written, texts, strict=True
                )
            ]
            if not any(apart):
                break
            for i, terms in enumerate(apart):
                if terms:
                    dropped = set(terms)
                    counts = self._counts[i]
                    whole = counts if counts is not None else read(i)
                    self._counts[i] = Counter({k: v for k, v in whole.items() if k not in dropped})
            tags = archive_tags(self._tagger, self._counts, written, first, read)
        return tags

    def mentions(self, article: Article) -> list[PlaceHit]:
        """Every place mention of an article of the archive, in text order."""
        return self._finder.hits(self._index[article.key])

    def info(self, article: Article) -> ArticleInfo:
        """Tags, most specific places and ambiguous place names of one article."""
        index = self._index.get(article.key)
        if index is None:
            return self._info_apart(article)
        hits = self._finder.hits(index)
        tags = list(article.tags) or self._tags[index]
        if article.locations:
            places, ambiguous = self._written(article, hits)
        else:
            places, ambiguous = self._most_specific(hits), _ambiguous(hits)
        topics, unknown = (
            written_topics(article.topics) if article.topics else (self._topics[index], [])
        )
        return ArticleInfo(tags, places, ambiguous, topics, unknown)

    def _info_apart(self, article: Article) -> ArticleInfo:
        """An article outside the archive: its page mates as context, the archive's IDF."""
        text, cut = article_text(article)
        mates = tuple(article_text(a)[0] for a in self._articles if a.page_id == article.page_id)
        hits = self._places_apart(text, PlaceContext(self._region, article.dateline, mates))
        pairs = tagged(text)
        counts = term_counts(pairs, cut, _spans(hits), set(article.authors)).counts
        chosen = self._tagger.tags(counts, self._vocabulary)
        tags = list(article.tags) or [t for t in chosen if not cut_apart(t, text)]
        if article.locations:
            places, ambiguous = self._written(article, hits)
        else:
            places, ambiguous = self._most_specific(hits), _ambiguous(hits)
        if article.topics:
            topics, unknown = written_topics(article.topics)
        else:
            filed = filed_under(article.page_name, article.column)
            topics, unknown = assign(article_features(pairs, cut, filed)), []
        return ArticleInfo(tags, places, ambiguous, topics, unknown)

    def _written(self, article: Article, hits: list[PlaceHit]) -> tuple[list[str], list[str]]:
        """Front-matter locations: a code, a name the article's own mentions resolve, or a
        name resolved with the article as context."""
        codes: list[str] = []
        ambiguous: list[str] = []
        for location in article.locations:
            if self._known(location):
                codes.append(location)
                continue
            own = [h.code for h in hits if h.name == location and h.code]
            found = own[:1] or self._resolve(location, article, article.key in self._index)
            if found:
                codes.extend(found)
            else:
                ambiguous.append(location)
        return self._reduce(codes), sorted(set(ambiguous))

    def _resolve(self, name: str, article: Article, archived: bool) -> list[str]:
        """Codes of a written name read with the article as context; most names (拉萨市,
        措美县) denote the same places whatever the context, and skip reading the article.
        The others are a function of the name, the region and the article's text: an
        article of the archive (``archived``) may have them kept (a place finder over the
        article's text for each, about 10 ms)."""
        codes = context_free_codes(name, self._region)
        if codes is not None:
            return list(codes)
        make = partial(self._read_in, name, article)
        if not archived:
            return make()
        found = self._kept.resolved(article, name, self._region, make)
        if any(not self._known(code) and code not in self._apart for code in found):
            # A kept reading names a place learned from the article's text: read it again,
            # so that ``place`` knows that place.
            found = make()
        return found

    def _read_in(self, name: str, article: Article) -> list[str]:
        """Codes of ``name`` read with ``article``'s text as its context."""
        context = PlaceContext(self._region, None, (article_text(article)[0],))
        return [h.code for h in self._places_apart(name, context) if h.code]

    def _places_apart(self, text: str, context: PlaceContext) -> list[PlaceHit]:
        """``places_in``, its learned places kept so that ``place`` knows their codes."""
        hits, learned = places_learned(text, context)
        for code, place in learned.items():
            self._apart.setdefault(code, place)
        return hits

    def _known(self, code: str) -> bool:
        return code in gazetteer().by_code or code in self._finder.learned

    def _most_specific(self, hits: list[PlaceHit]) -> list[str]:
        return self._reduce([h.code for h in hits if h.code])

    def _reduce(self, codes: list[str]) -> list[str]:
        """Codes in order of first mention, without those that are ancestors of another."""
        unique = list(dict.fromkeys(codes))
        implied = {a for code in unique for a in gazetteer().ancestors(code)}
        return [code for code in unique if code not in implied]

    def place(self, code: str) -> Place:
        """The place with this code (gazetteer or learned, in the archive or in a text read
        apart by ``info``); KeyError for an unknown code."""
        if code not in self._places:
            self._places[code] = self._make_place(code)
        return self._places[code]

    def _make_place(self, code: str) -> Place:
        learned = self._finder.learned.get(code) or self._apart.get(code)
        parent: str | None
        if learned is not None:
            name, level, parent = learned.name, learned.level, learned.parent
        else:
            division = gazetteer().by_code.get(code)
            if division is None:
                raise KeyError(f"no place has the code {code!r}")
            name, level, parent = division.name, division.level, division.parent
        return Place(
            code=code,
            name=name,
            level=level,
            parent=parent,
            name_en=place_english(name, level, code),
            pinyin=place_pinyin(name, level),
        )

    def ancestors(self, code: str) -> list[Place]:
        """The places above ``code``, root first, excluding itself."""
        return [self.place(c) for c in gazetteer().ancestors(code)]


def _spans(hits: list[PlaceHit]) -> Spans:
    """Character spans of the place mentions found in the text (their words are no tags)."""
    return [(h.start, h.end) for h in hits if h.start >= 0]


def _topics(words: Sequence[tuple[str, str]], cut: int, column: str | None) -> list[str]:
    return assign(article_features(words, cut, column))


def _scan_of(pairs: _Pairs, index: int, doc: Doc, region: str) -> Scan:
    return scan(replace(doc, words=[word for word, _ in pairs[index]]), region)


def _topics_of(pairs: _Pairs, index: int, cut: int, column: str | None) -> list[str]:
    return _topics(pairs[index], cut, column)


def _terms_of(pairs: _Pairs, index: int, cut: int, spans: Spans, authors: set[str]) -> Terms:
    return term_counts(pairs[index], cut, spans, authors)


class _Pairs:
    """Every article's (word, flag) pairs, made when first asked for: from ``words`` (the
    analysis) or by tagging the text."""

    def __init__(
        self, texts: list[tuple[str, int]], words: Sequence[Sequence[tuple[str, str]]] | None
    ) -> None:
        self._texts = texts
        self._words = words
        self._made: dict[int, tuple[tuple[str, str], ...]] = {}
        # An archive repeats its vocabulary: sharing one (word, flag) pair per distinct word
        # holds the words of every article in a small part of the memory of separate lists.
        self._vocabulary: dict[tuple[str, str], tuple[str, str]] = {}

    def __getitem__(self, index: int) -> tuple[tuple[str, str], ...]:
        made = self._made.get(index)
        if made is None:
            text = self._texts[index][0]
            found = self._words[index] if self._words is not None else tagged(text)
            made = _shared(found, self._vocabulary)
            self._made[index] = made
        return made


class _Computed:
    """Nothing kept: every result made."""

    def term_stats(
        self, articles: Sequence[Article], spans: Sequence[Spans], terms: Callable[[int], Terms]
    ) -> TermStats | None:
        return None

    def finder(self, articles: Sequence[Article], region: str) -> KeptFinder | None:
        return None

    def keep_finder(self, state: FinderState) -> None:
        pass

    def keep_scan(self, article: Article, region: str) -> None:
        pass

    def scan(self, article: Article, region: str, make: Callable[[], Scan]) -> Scan:
        return make()

    def topics(self, article: Article, make: Callable[[], list[str]]) -> list[str]:
        return make()

    def terms(self, article: Article, spans: Spans, make: Callable[[], Terms]) -> Terms:
        return make()

    def apart(self, article: Article, tags: list[str], check: Callable[[str], bool]) -> list[str]:
        return [t for t in tags if check(t)]

    def first_choice(self, index: int) -> list[str] | None:
        return None

    def keep_first(self, index: int, tags: list[str], counts: Counter[str] | None) -> None:
        pass

    def resolved(
        self, article: Article, name: str, region: str, make: Callable[[], list[str]]
    ) -> list[str]:
        return make()


def _ambiguous(hits: list[PlaceHit]) -> list[str]:
    return sorted({h.name for h in hits if h.code is None})
