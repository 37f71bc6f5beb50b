"""Articles -> ``SiteData``: enrichment, the read-only library, names, URLs and bodies.

Enrichment is the costly, archive-wide step (jieba over every article, the archive's IDF,
places learned across articles). Its outcome is kept as a plain ``Enrichment`` record,
apart from the ``Enricher`` that decided it, so that the live preview can hold on to it
between rebuilds (and send it between processes) instead of enriching again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from site_builder.content.article import Article
from site_builder.enrich import Enricher, Place
from site_builder.enrich.enricher import Kept
from site_builder.render.aids import headline_parts
from site_builder.render.context import SiteData
from site_builder.render.markdown import RenderedBody, render_body
from site_builder.render.names import build_names
from site_builder.render.urls import Urls
from site_builder.site.library import build_library


@dataclass(slots=True, frozen=True)
class Enrichment:
    """What enrichment decided for every article of an archive (plain, picklable data)."""

    tags: dict[str, list[str]]
    """Article key -> tags, best first."""
    places: dict[str, list[str]]
    """Article key -> codes of the most specific places named."""
    parents: dict[str, str | None]
    """Every place in use and every ancestor of one -> its parent's code (None: a root)."""
    place_info: dict[str, Place]
    """The same places by code, with their names."""
    warnings: tuple[str, ...]
    """Things a person may want to check, sorted (place names that stayed ambiguous)."""
    topics: dict[str, list[str]] = field(default_factory=dict)
    """Article key -> ids of its most specific topics (their parents are implied)."""


def enrich(
    articles: Sequence[Article],
    words: Sequence[Sequence[tuple[str, str]]] | None = None,
    kept: Kept | None = None,
) -> Enrichment:
    """Tags and places of every article, decided over the whole archive. ``words`` are
    the articles' tagged words when an analysis made them already (see ``analysis``);
    ``kept``: per-article parts an earlier build made (``analysis.enrichment``)."""
    enricher = Enricher(articles, words=words, kept=kept)
    tags: dict[str, list[str]] = {}
    topics: dict[str, list[str]] = {}
    places: dict[str, list[str]] = {}
    parents: dict[str, str | None] = {}
    place_info: dict[str, Place] = {}
    warnings = []
    for article in articles:
        info = enricher.info(article)
        tags[article.key] = info.tags
        topics[article.key] = info.topics
        warnings += [
            f"{article.path}: unknown topic {t!r} in front matter (known: the ids, Chinese or "
            "English names of site_builder/enrich/data/topics.tsv)"
            for t in info.unknown_topics
        ]
        places[article.key] = info.places
        if article.locations:
            # A written location left unresolved: say which field and how to settle it.
            warnings += [
                f"{article.path}: front matter locations: {n!r} is no place the gazetteer or "
                "the article's text settles; it is left out (write its county before it, "
                "or a place code)"
                for n in info.ambiguous
            ]
        else:
            warnings += [f"{article.path}: ambiguous place name {n!r}" for n in info.ambiguous]
        for code in info.places:
            lineage = [*enricher.ancestors(code), enricher.place(code)]
            for up, place in zip([None, *lineage], lineage, strict=False):
                parents[place.code] = up.code if up is not None else None
                place_info[place.code] = place
    return Enrichment(tags, places, parents, place_info, tuple(sorted(warnings)), topics)


def body_of(article: Article) -> RenderedBody:
    """The article's body as HTML, its ``data-aid`` numbers following the headline parts."""
    return render_body(article.body, first_aid=len(headline_parts(article)))


def site_data(
    articles: Sequence[Article],
    enrichment: Enrichment,
    base_url: str | None,
    body: Callable[[Article], RenderedBody] = body_of,
    analysed: Analysed | None = None,
) -> SiteData:
    """Everything the views read. ``body`` renders one article's body (a live preview
    passes one that remembers bodies it has rendered before); with ``analysed`` bodies,
    reading aids and search terms come from a build's analysis instead."""
    library = build_library(
        articles, enrichment.tags, enrichment.places, enrichment.parents, enrichment.topics
    )
    names = build_names(library, enrichment.place_info)
    urls = Urls(library)
    if analysed is not None:
        a = analysed
        return SiteData(library, urls, names, a.bodies, base_url, a.aids, a.terms, a.keys)
    bodies: Mapping[str, RenderedBody] = {
        key: body(article) for key, article in library.articles.items()
    }
    return SiteData(library, urls, names, bodies, base_url)


class Analysed(Protocol):
    """What ``site_data`` reads of an archive's analysis (``analysis.ArchiveAnalysis``)."""

    @property
    def bodies(self) -> Mapping[str, RenderedBody]: ...
    @property
    def aids(self) -> Mapping[str, str]: ...
    @property
    def terms(self) -> Mapping[str, bytes]: ...
    @property
    def keys(self) -> Mapping[str, str]: ...
