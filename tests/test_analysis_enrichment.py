"""Enrichment's per-article parts kept in the build cache (``analysis.enrichment``): an
archive enriched from kept parts decides exactly what it decides computing them, and
after an edit only the edited article's parts are made again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.analysis.enrichment import (
    APART,
    PLACES,
    RESOLVED,
    SCANS,
    TERMS,
    TOPIC_TABLE,
    TOPICS,
    KeptEnrichment,
    decode_scan,
    decode_terms,
    encode_scan,
    encode_terms,
)
from site_builder.analysis.record import analysis_key
from site_builder.cache.fingerprint import digest_of
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.content.loader import load_content
from site_builder.enrich import enricher
from site_builder.enrich.enricher import article_text, article_words
from site_builder.enrich.places import Doc, scan
from site_builder.enrich.tags import (
    FREE,
    GROUPING_ROUNDS,
    MIN_ARTICLES,
    Chosen,
    Tagger,
    Terms,
    TermStats,
    archive_tags,
    glue_with,
)
from site_builder.render.prepare import Enrichment, enrich

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site" / "content"
REGIONS = tuple(f"{n:02d}" for n in range(10, 100))
"""Codes of the provinces a page may be read for."""


def _articles() -> list[Article]:
    articles, errors = load_content(FIXTURE)
    assert not errors
    return articles


def _enriched(articles: list[Article], cache: Cache) -> tuple[Enrichment, KeptEnrichment]:
    kept = KeptEnrichment(cache, {a.key: analysis_key(a) for a in articles})
    done = enrich(articles, [article_words(a) for a in articles], kept)
    kept.save()
    return done, kept


def test_kept_parts_decide_what_computing_them_decides(tmp_path: Path) -> None:
    articles = _articles()
    clean = enrich(articles)
    with Cache(tmp_path) as cache:
        first, kept = _enriched(articles, cache)
        assert len(cache.keys(TOPICS)) == len(cache.keys(TERMS)) == len(articles)
        assert len(cache.keys(SCANS)) >= len(articles)  # more: pages read in another region
        again, reread = _enriched(articles, cache)
        assert not any(reread.made.values())  # saved: nothing made twice
    assert first == again == clean
    assert reread.used == kept.used


def test_an_edit_makes_only_the_edited_articles_parts(tmp_path: Path) -> None:
    articles = _articles()
    with Cache(tmp_path) as cache:
        _enriched(articles, cache)
        edited = [*articles]
        edited[1] = replace(articles[1], body=articles[1].body + "\n\n拉萨市城关区举办活动。")
        edited[2] = replace(articles[2], column="经济观察")
        edited[3] = replace(articles[3], page_name="法治")
        kept = KeptEnrichment(cache, {a.key: analysis_key(a) for a in edited})
        done = enrich(edited, [article_words(a) for a in edited], kept)
        assert done == enrich(edited)
        topics = {digest_of((analysis_key(a), a.page_name, a.column)) for a in edited[1:4]}
        assert set(kept.made[TOPICS]) == topics
        assert 1 <= len(kept.made[TERMS]) < len(edited)
        # The place finder reads again only the text that changed (a column, a page's name
        # is no text).
        body = analysis_key(edited[1])
        regions = ("54", *{key[2] for key in _scan_keys(cache, edited[1])})
        assert set(kept.made[SCANS]) <= {digest_of((body, edited[1].dateline, r)) for r in regions}
        assert kept.made[SCANS]
        kept.save()
        assert kept.forget_others() >= 4  # the old parts of what was made again
        assert len(cache.keys(TOPICS)) == len(cache.keys(TERMS)) == len(edited)


class _Counted(Cache):
    """A cache that counts what it is asked for, by kind."""

    asked: Counter[str]

    def get(self, kind: str, key: str) -> bytes | None:
        self.asked[kind] += 1
        return super().get(kind, key)

    def get_many(self, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        listed = list(keys)
        self.asked[kind] += len(listed)
        return super().get_many(kind, listed)


def test_topics_are_read_from_one_table_and_only_an_edits_are_made(tmp_path: Path) -> None:
    articles = _articles()
    with _Counted(tmp_path) as cache:
        cache.asked = Counter()
        first, _ = _enriched(articles, cache)
        cache.asked.clear()
        again, _ = _enriched(articles, cache)
        assert cache.asked[TOPIC_TABLE] == 1 and cache.asked[TOPICS] == 0
        edited = [*articles]
        edited[2] = replace(articles[2], column="经济观察")
        cache.asked.clear()
        after, _ = _enriched(edited, cache)
        assert cache.asked[TOPICS] == 1  # the edited article's part: looked for, made
        assert first == again == enrich(articles)
        assert after == enrich(edited)
        cache.asked.clear()
        _enriched(edited, cache)  # the table the edit left holds the edited topics
        assert cache.asked[TOPICS] == 0


def test_a_missing_or_foreign_topic_table_falls_back_on_the_parts(tmp_path: Path) -> None:
    articles = _articles()
    with Cache(tmp_path) as cache:
        first, _ = _enriched(articles, cache)
        for table in (b"\x00sb:topic-table-1:[[", b"not a table", None):
            if table is None:
                cache.drop(TOPIC_TABLE, [TOPIC_TABLE])
            else:
                cache.put(TOPIC_TABLE, TOPIC_TABLE, table)
            kept = KeptEnrichment(cache, {a.key: analysis_key(a) for a in articles})
            assert enrich(articles, [article_words(a) for a in articles], kept) == first
            assert not kept.made[TOPICS]  # every article's read from its part
            kept.save()
            assert cache.get(TOPIC_TABLE, TOPIC_TABLE) not in (table, None)  # made anew


def test_cut_apart_verdicts_are_kept_and_only_an_edits_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = enricher.cut_apart

    def counted(tag: str, text: str) -> bool:
        checked.append(tag)
        return real(tag, text)

    monkeypatch.setattr(enricher, "cut_apart", counted)
    articles = _articles()
    with Cache(tmp_path) as cache:
        first, _ = _enriched(articles, cache)
        every = len(checked)  # every article's chosen tags
        checked.clear()
        again, _ = _enriched(articles, cache)
        assert not checked
        assert first == again == enrich(articles)
        edited = [*articles]
        edited[1] = replace(articles[1], body=articles[1].body + "\n\n拉萨市城关区举办活动。")
        clean = enrich(edited)
        checked.clear()
        kept = KeptEnrichment(cache, {a.key: analysis_key(a) for a in edited})
        assert enrich(edited, [article_words(a) for a in edited], kept) == clean
        # The edited article's new choices (tags whose counts moved may choose anew too).
        assert 0 < len(checked) < every
        kept.save()
        # Another format under the key: every verdict made again, the same tags.
        cache.put(APART, APART, b"\x00sb:apart-1:[[")
        checked.clear()
        assert _enriched(edited, cache)[0] == clean
        assert checked
        checked.clear()
        _enriched(edited, cache)
        assert not checked  # the table was made anew


def test_first_choices_are_kept_and_made_again_where_term_statistics_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chose: list[Counter[str]] = []
    real = Tagger.tags

    def counted(
        self: Tagger, counts: Counter[str], allowed: frozenset[str] | None = None
    ) -> list[str]:
        if allowed is None:
            chose.append(counts)
        return real(self, counts, allowed)

    monkeypatch.setattr(Tagger, "tags", counted)
    articles = _articles()
    untagged = sum(1 for a in articles if not a.tags)
    with Cache(tmp_path) as cache:
        first, _ = _enriched(articles, cache)
        assert len(chose) >= untagged
        chose.clear()
        assert _enriched(articles, cache)[0] == first
        assert not chose  # every first choice kept
        edited = [*articles]
        edited[1] = replace(articles[1], body=articles[1].body + "\n\n拉萨市城关区举办牦牛节。")
        clean = enrich(edited)
        chose.clear()
        assert _enriched(edited, cache)[0] == clean
        # The edited article chose again, and those holding a term whose counts moved.
        assert 1 <= len(chose) < untagged
        moved = set(chose[0])  # the edited article's terms
        assert all(c is chose[0] or not moved.isdisjoint(c) for c in chose)
        chose.clear()
        assert _enriched(edited, cache)[0] == clean
        assert not chose
        # Another article's text copied into one: each term of that article is now in
        # two, and its tags (chosen among terms in two articles or more) change.
        a, b = 0, 5  # article 5 is untagged; article 0's tags are written
        assert not articles[b].tags
        edited[a] = replace(edited[a], body=edited[a].body + "\n\n" + articles[b].body)
        copied = enrich(edited)
        assert copied.tags[articles[b].key] != clean.tags[articles[b].key]
        assert _enriched(edited, cache)[0] == copied


def _every_round(
    tagger: Tagger, all_counts: list[Counter[str]], written: list[list[str]]
) -> list[list[str]]:
    """``archive_tags`` as it was: every article chooses again in every round."""
    by_hand = {t for theirs in written for t in theirs}
    allowed: frozenset[str] | None = None
    for _ in range(GROUPING_ROUNDS):
        tags = [
            list(theirs) if theirs else tagger.tags(counts, allowed)
            for counts, theirs in zip(all_counts, written, strict=True)
        ]
        users = Counter(t for mine in tags for t in set(mine))
        single = {t for t, n in users.items() if n < MIN_ARTICLES and t not in by_hand}
        if not single:
            return tags
        allowed = frozenset(users.keys() - single)
    return [
        list(theirs) if theirs else [t for t in mine if allowed is None or t in allowed]
        for mine, theirs in zip(tags, written, strict=True)
    ]


_TERMS = st.sampled_from(
    ["党建", "基层党建", "牧民", "牧", "草场", "草", "援藏", "医院", "人民医院"]
)


@given(
    st.lists(st.dictionaries(_TERMS, st.integers(1, 4), max_size=7), min_size=2, max_size=9),
    st.lists(st.lists(_TERMS, max_size=2), min_size=9, max_size=9),
    st.lists(st.sets(_TERMS, max_size=3), min_size=9, max_size=9),
)
def test_archive_tags_choose_again_only_what_may_change(
    counts: list[dict[str, int]], written: list[list[str]], dropped: list[set[str]]
) -> None:
    all_counts = [Counter(c) for c in counts]
    mine = [written[i] if i % 3 == 0 else [] for i in range(len(all_counts))]
    tagger = Tagger.of([Terms(c, {}, {}) for c in all_counts])
    first: list[Chosen | None] = [None] * len(all_counts)
    assert archive_tags(tagger, all_counts, mine, first) == _every_round(tagger, all_counts, mine)
    # Terms dropped from some articles' counts (new objects), the others' first choice
    # taken from the call before.
    again = [
        Counter({t: n for t, n in c.items() if t not in gone}) if gone else c
        for c, gone in zip(all_counts, dropped, strict=False)
    ]
    assert archive_tags(tagger, again, mine, first) == _every_round(tagger, again, mine)
    # An earlier build's first choices, no counts read but those a choice needs.
    kept: list[Chosen | None] = [(None, c[1]) if c else None for c in first]
    unread: list[Counter[str] | None] = [None] * len(again)
    read: list[int] = []

    def reader(i: int) -> Counter[str]:
        read.append(i)
        unread[i] = again[i]
        return again[i]

    assert archive_tags(tagger, unread, mine, kept, reader) == _every_round(tagger, again, mine)
    assert len(read) == len(set(read))  # each read once


def test_written_place_names_read_in_their_article_are_kept(tmp_path: Path) -> None:
    # Names that several places share (城关区) or that only a context places (古荣乡): each
    # is read with its article's text, which a kept resolution saves.
    names = ["城关区", "古荣乡"]
    articles = [replace(a, locations=names) if i < 3 else a for i, a in enumerate(_articles())]
    with Cache(tmp_path) as cache:
        first, _ = _enriched(articles, cache)
        assert first == enrich(articles)
        assert cache.keys(RESOLVED)
        edited = [*articles]
        edited[0] = replace(articles[0], body=articles[0].body + "\n\n古荣乡举办活动。")
        edited[1] = replace(articles[1], tags=["换了标签"])  # no text changed: all kept
        kept = KeptEnrichment(cache, {a.key: analysis_key(a) for a in edited})
        done = enrich(edited, [article_words(a) for a in edited], kept)
        assert done == enrich(edited)
        made = set(kept.made[RESOLVED])
        assert made and made <= {digest_of((analysis_key(edited[0]), n, "54")) for n in names}


def test_an_edit_without_places_reads_only_the_edited_articles_scan(tmp_path: Path) -> None:
    # The place finder starts from the state the last build left: the edited text gives
    # the archive-wide steps what it gave before, so no other article's scan is read, and
    # every scan is still the archive's (kept for a build that reads every text).
    articles = _articles()
    with Cache(tmp_path) as cache:
        _, first = _enriched(articles, cache)
        assert cache.keys(PLACES)
        edited = [*articles]
        edited[1] = replace(articles[1], body=articles[1].body + "\n\n群众纷纷点赞。")
        kept = KeptEnrichment(cache, {a.key: analysis_key(a) for a in edited})
        reads: list[str] = []
        get = cache.get
        cache.get = lambda kind, key: (reads.append(kind), get(kind, key))[1]  # type: ignore[method-assign]
        done = enrich(edited, [article_words(a) for a in edited], kept)
        cache.get = get  # type: ignore[method-assign]
        assert done == enrich(edited)
        assert 1 <= reads.count(SCANS) <= 2  # the edited text's, for its page's region too
        body = analysis_key(edited[1])
        assert {k for k in kept.used[SCANS] if k not in first.used[SCANS]} <= {
            digest_of((body, edited[1].dateline, r)) for r in ("54", *REGIONS)
        }
        assert len(kept.used[SCANS]) == len(first.used[SCANS])
        kept.save()
        kept.forget_others()
        again = KeptEnrichment(cache, {a.key: analysis_key(a) for a in edited})
        assert enrich(edited, [article_words(a) for a in edited], again) == done


def _scan_keys(cache: Cache, article: Article) -> list[tuple[str, str | None, str]]:
    """(analysis key, dateline, region) of the article's kept scans, for the regions of
    the gazetteer's provinces."""
    keys = cache.keys(SCANS)
    made = [(analysis_key(article), article.dateline, f"{n:02d}") for n in range(10, 100)]
    return [key for key in made if digest_of(key) in keys]


def test_scans_round_trip() -> None:
    """A kept scan reads back as the scan (the mentions fresh objects each time)."""
    for article in _articles():
        text = article_text(article)[0]
        doc = Doc(text, article.page_id, article.dateline, [w for w, _ in article_words(article)])
        found = scan(doc, "54")
        back = decode_scan(encode_scan(found))
        assert back == found
        assert all(a is not b for a, b in zip(back[1], found[1], strict=True))


texts = st.text(alphabet="拉萨市党建基层农牧民天地人和", min_size=2, max_size=6)


@given(
    counts=st.dictionaries(texts, st.integers(1, 9), max_size=5),
    glue=st.dictionaries(texts, st.sampled_from([FREE, "镇", "局"])),
)
def test_terms_round_trip(counts: dict[str, int], glue: dict[str, str]) -> None:
    terms = Terms(Counter(counts), glue, {t: FREE for t in glue})
    back = decode_terms(encode_terms(terms))
    assert back == terms
    assert list(back.counts) == list(terms.counts)


@given(
    st.lists(
        st.dictionaries(
            texts, st.lists(st.sampled_from([FREE, "镇", "局"]), min_size=1), max_size=4
        ),
        max_size=5,
    )
)
def test_glue_kept_as_one_character_finds_the_fragments_sets_find(
    articles: list[dict[str, list[str]]],
) -> None:
    """A term is a fragment when every occurrence in the archive is glued to one and the
    same content character: the glue each article keeps (one character or ``FREE``)
    decides it as the set of every occurrence's glue does."""
    documents = []
    for occurrences in articles:
        terms = Terms(Counter(dict.fromkeys(occurrences, 1)))
        for term, glued in occurrences.items():
            for char in glued:
                glue_with(terms.left, term, char)
                glue_with(terms.right, term, FREE)
        documents.append(terms)
    tagger = Tagger.of(documents)
    for term in {t for occurrences in articles for t in occurrences}:
        every = {char for occurrences in articles for char in occurrences.get(term, [])}
        assert tagger.fragment(term) == (len(every) == 1 and FREE not in every)


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["基层党建", "建局", "开区", "冰雪旅游", "住建局"]),
            st.sampled_from([FREE, "住", "经"]),
            max_size=4,
        ),
        min_size=1,
        max_size=6,
    ),
    st.data(),
)
def test_term_stats_kept_by_article_are_those_counted_afresh(
    articles: list[dict[str, str]], data: st.DataObject
) -> None:
    # Removing an article's terms and adding another's leaves the statistics (and so the
    # tagger's frequencies and fragments) a count of the archive as it is now gives.
    documents = [
        Terms(Counter(dict.fromkeys(glued, 1)), dict(glued), dict.fromkeys(glued, FREE))
        for glued in articles
    ]
    stats = TermStats.of(documents)
    gone = data.draw(st.integers(0, len(documents) - 1))
    stats.remove(documents[gone])
    new = Terms(Counter({"基层党建": 2, "开区": 1}), {"基层党建": FREE, "开区": "经"}, {})
    stats.add(new)
    now = [*documents[:gone], *documents[gone + 1 :], new]
    afresh = TermStats.of(now)
    assert stats.df == afresh.df
    assert stats.fragments() == afresh.fragments()
    assert Tagger(len(now), stats).tags(Counter(new.counts)) == Tagger.of(now).tags(
        Counter(new.counts)
    )
