"""Per-article NLP apart from the archive, and front-matter locations read cheaply.

``article_words`` is what a worker process (or the build cache) computes for one article;
``Enricher(..., words=...)`` must decide exactly what it decides when it tags the words
itself. Front-matter names are read with the article as context only when the context
could change them (``context_free_codes``); the results must be those of reading every
name with ``places_in``, as enrichment always did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import overload

import pytest
from test_enrich_enricher import _articles as fixture_page_articles

from site_builder.content.article import Article
from site_builder.content.loader import load_content
from site_builder.enrich import Enricher, PlaceContext, places_in
from site_builder.enrich.enricher import article_text, article_words
from site_builder.enrich.gazetteer import gazetteer
from site_builder.enrich.places import context_free_codes
from site_builder.enrich.suffixes import synthetic_code
from site_builder.enrich.tags import FREE, HEADLINE_WEIGHT, covered, term_counts
from site_builder.nlp.tokenizer import tagged

ROOT = Path(__file__).resolve().parent.parent


def _content(folder: Path) -> list[Article]:
    articles, errors = load_content(folder)
    assert not errors
    return articles


ARCHIVES = {
    "repository content": lambda: _content(ROOT / "content"),
    "site fixture": lambda: _content(ROOT / "tests" / "fixtures" / "site" / "content"),
    "enrich fixture pages": lambda: [
        *fixture_page_articles("example_page.json"),
        *fixture_page_articles("fixture_pages.json"),
        *fixture_page_articles("heldout_page.json"),
    ],
}


class _Lazy(Sequence[Sequence[tuple[str, str]]]):
    """Word lists loaded on demand, counting what was asked for (like a cache would)."""

    def __init__(self, articles: list[Article]) -> None:
        self._articles = articles
        self.asked: list[int] = []

    def __len__(self) -> int:
        return len(self._articles)

    @overload
    def __getitem__(self, index: int) -> Sequence[tuple[str, str]]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[tuple[str, str]]]: ...
    def __getitem__(
        self, index: int | slice
    ) -> Sequence[tuple[str, str]] | Sequence[Sequence[tuple[str, str]]]:
        assert isinstance(index, int)
        self.asked.append(index)
        return article_words(self._articles[index])


@pytest.mark.parametrize("archive", sorted(ARCHIVES))
def test_article_words_are_the_tagged_text(archive: str) -> None:
    for article in ARCHIVES[archive]():
        words = article_words(article)
        assert words == tagged(article_text(article)[0])
        assert "".join(word for word, _ in words) == article_text(article)[0]


@pytest.mark.parametrize("archive", sorted(ARCHIVES))
def test_precomputed_words_decide_the_same(archive: str) -> None:
    articles = ARCHIVES[archive]()
    computed = Enricher(articles)
    lazy = _Lazy(articles)
    given = Enricher(articles, words=lazy)
    assert lazy.asked == list(range(len(articles)))  # each read once, in order
    for article in articles:
        assert given.info(article) == computed.info(article), article.key
        assert given.mentions(article) == computed.mentions(article), article.key
        for code in computed.info(article).places:
            assert given.place(code) == computed.place(code)
            assert given.ancestors(code) == computed.ancestors(code)
    extracted = [replace(a, tags=[], locations=[]) for a in articles]
    again = Enricher(extracted, words=[article_words(a) for a in extracted])
    reference = Enricher(extracted)
    for article in extracted:
        assert again.info(article) == reference.info(article), article.key


def test_words_must_match_the_articles() -> None:
    articles = ARCHIVES["site fixture"]()
    with pytest.raises(ValueError, match="word lists"):
        Enricher(articles, words=[article_words(articles[0])])


def test_term_counts_weigh_headline_phrases_and_leave_out_places_and_counts() -> None:
    words = [
        ("基层", "n"),
        ("党建", "n"),
        ("\n", "x"),
        ("基层", "n"),
        ("党建", "n"),
        ("在", "p"),
        ("拉萨", "ns"),
        ("基层", "n"),
        ("党建", "n"),
        ("12", "m"),
        ("个村", "n"),
        ("张三", "nr"),
        ("的", "uj"),
        ("工作", "vn"),
    ]
    terms = term_counts(words, cut=5, excluded=[(10, 14)], names={"工作"})
    # headline: 基层, 党建 and the phrase 基层党建; body: the first pair again, then the
    # place span (拉萨基层) leaves out the second 基层 and its phrase; 个村 after a number,
    # people, stopwords and names never count.
    assert terms.counts == {
        "基层": HEADLINE_WEIGHT + 1,
        "党建": HEADLINE_WEIGHT + 2,
        "基层党建": HEADLINE_WEIGHT + 1,
    }
    # 党建 before 12 and 在 is free on the right; 基层 after the headline's line end too.
    assert terms.right["党建"] == FREE and terms.left["基层"] == FREE


def _example() -> tuple[list[Article], Enricher]:
    articles = fixture_page_articles("example_page.json")
    return articles, Enricher(articles)


def _by_slug(articles: list[Article], slug: str) -> Article:
    return next(a for a in articles if a.slug == slug)


def _read_with_places_in(name: str, article: Article) -> list[str]:
    """A written name read as enrichment always read it: ``places_in`` with the article
    as context."""
    context = PlaceContext("54", None, (article_text(article)[0],))
    return [h.code for h in places_in(name, context) if h.code]


@pytest.mark.parametrize(
    ("slug", "body", "locations", "places", "ambiguous"),
    [
        ("a7", None, ["540102"], ["540102"], []),  # a code
        ("a2", None, ["措美县"], ["540526"], []),  # the article's own mention
        ("a2", None, ["措美县", "城关镇"], ["540526"], ["城关镇"]),  # own, unresolved
        ("a2", None, ["枫桥镇"], [synthetic_code("330681", "枫桥镇")], []),  # township list
        ("a7", None, ["措美县"], ["540526"], []),  # one place whatever the context
        ("a7", "兰州市的客商参加了展销会。", ["城关区"], ["620102"], []),  # by context
        ("a7", None, ["城关区"], ["540102"], []),  # by the paper's region
        ("a7", "重庆市的客商参加了展销会。", ["巫山县"], ["500237"], []),  # far, parent named
        ("a7", None, ["巫山县"], [], ["巫山县"]),  # far, parent not named
        ("a7", None, ["某某地方"], [], ["某某地方"]),  # no place at all
    ],
)
def test_front_matter_locations_resolve_as_before(
    slug: str, body: str | None, locations: list[str], places: list[str], ambiguous: list[str]
) -> None:
    articles, enricher = _example()
    article = replace(_by_slug(articles, slug), locations=locations)
    if body is not None:  # an article outside the archive, on the same page
        article = replace(article, slug="extra", title="展销会", kicker=None, body=body)
    info = enricher.info(article)
    assert (info.places, info.ambiguous) == (places, ambiguous)


def test_context_free_names_read_the_same_in_every_context() -> None:
    gaz = gazetteer()
    names = [*sorted(gaz.full)[::97], "拉萨市", "措美县", "城关区", "巫山县", "枫桥镇", "拉萨"]
    contexts = [
        *fixture_page_articles("example_page.json")[:4],
        *fixture_page_articles("fixture_pages.json")[:3],
    ]
    free = [name for name in names if context_free_codes(name) is not None]
    assert {"拉萨市", "措美县", "拉萨"} <= set(free)
    assert {"城关区", "巫山县", "枫桥镇"}.isdisjoint(free)
    for name in free:
        for article in contexts:
            assert list(context_free_codes(name) or ()) == _read_with_places_in(name, article)


def test_an_occurrence_inside_a_longer_dictionary_word_is_covered() -> None:
    text = "走进三江源,孩子们在县人民医院体检。"
    assert covered(text, 2, 4)  # 三江 in 三江源
    assert covered(text, text.index("医院"), text.index("医院") + 2)  # in 人民医院
    assert not covered(text, text.index("孩子"), text.index("孩子") + 2)  # 们 adds nothing
