"""The library: every article by key, plus the indices the site is browsed by.

Read-only once built: mappings are ``MappingProxyType`` views and sequences are tuples, so
a renderer cannot change what another renderer sees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from site_builder.content.article import Article
from site_builder.enrich.tags import MIN_ARTICLES
from site_builder.enrich.topics import vocabulary, with_ancestors
from site_builder.errors import UserError
from site_builder.site.continuations import link_continuations
from site_builder.site.paging import list_pages


@dataclass(slots=True, frozen=True)
class NewsPage:
    """One printed page (版面): a page dump and the articles cut from it."""

    page_id: str
    paper: str | None
    date: str | None
    """ISO date, or None when the page does not say."""
    number: int | None
    name: str | None
    articles: tuple[str, ...]
    """Article keys in reading order."""


@dataclass(slots=True, frozen=True)
class Issue:
    """The pages of one paper on one day; an undated page is an issue of its own."""

    paper: str | None
    date: str | None
    pages: tuple[str, ...]
    """Page ids, by page number."""


@dataclass(slots=True, frozen=True)
class Neighbours:
    """Previous and next article keys in some order; None at either end."""

    prev: str | None
    next: str | None


@dataclass(slots=True, frozen=True)
class Library:
    """Articles and indices. Every key list is in listing order (see ``listing``)."""

    articles: Mapping[str, Article]
    listing: tuple[str, ...]
    """Every key: dated issues newest first (reading order inside a page), then undated."""
    chronological: tuple[str, ...]
    """Dated article keys, oldest first; undated articles have no place in it."""
    pages: Mapping[str, NewsPage]
    issues: tuple[Issue, ...]
    """Dated issues newest first, then undated pages by id."""
    papers: tuple[str, ...]
    """The papers' names, sorted (a page without one adds none)."""
    tags: Mapping[str, tuple[str, ...]]
    article_tags: Mapping[str, tuple[str, ...]]
    topics: Mapping[str, tuple[str, ...]]
    """Topic id -> articles with that topic or one under it (ids in vocabulary order)."""
    article_topics: Mapping[str, tuple[str, ...]]
    """Article key -> ids of its most specific topics."""
    places: Mapping[str, tuple[str, ...]]
    """Place code -> articles in that place or any place under it."""
    place_own: Mapping[str, tuple[str, ...]]
    """Place code -> articles whose own (most specific) places include it: what its place
    page lists, while its sub-places are links with their counts (``places``). Listing
    each article on every level above its place repeated it on two or three pages."""
    article_places: Mapping[str, tuple[str, ...]]
    """Article key -> most specific place codes."""
    place_parent: Mapping[str, str | None]
    place_children: Mapping[str, tuple[str, ...]]
    place_roots: tuple[str, ...]
    authors: Mapping[str, tuple[str, ...]]
    on_page: Mapping[str, Neighbours]
    by_date: Mapping[str, Neighbours]
    continued_to: Mapping[str, str]
    """Key of a part marked 下转 -> key of the part that continues it."""
    continued_from: Mapping[str, str]
    list_pages: Mapping[str, tuple[str, ...]]
    """``paging.page_key(kind, name, number)`` -> the keys on that page of a list of
    ``tags``, ``places`` (their own articles, ``place_own``), ``authors`` or ``topics``
    (see ``paging``)."""
    list_counts: Mapping[str, int]
    """``paging.page_key(kind, name, 0)`` -> how many numbered pages the list has."""

    def dates(self) -> list[str]:
        """Distinct known issue dates, oldest first."""
        return sorted({i.date for i in self.issues if i.date is not None})

    def author_has_page(self, author: str) -> bool:
        """Whether ``author`` gets a page: an author of at least ``MIN_ARTICLES`` articles,
        as a tag. The page of an author of one article listed only that article, which
        names its author: at 10,000 articles 4,196 such pages in the two trees (7.2 MiB)
        that told a reader nothing the article does not."""
        return len(self.authors[author]) >= MIN_ARTICLES


def _neighbours(order: Sequence[str]) -> dict[str, Neighbours]:
    return {
        key: Neighbours(
            order[i - 1] if i > 0 else None, order[i + 1] if i + 1 < len(order) else None
        )
        for i, key in enumerate(order)
    }


def _index(pairs: Iterable[tuple[str, str]], rank: Mapping[str, int]) -> dict[str, tuple[str, ...]]:
    """Group (name, key) pairs by name, names sorted, keys in listing order, no repeats."""
    grouped: dict[str, set[str]] = {}
    for name, key in pairs:
        grouped.setdefault(name, set()).add(key)
    return {name: tuple(sorted(grouped[name], key=rank.__getitem__)) for name in sorted(grouped)}


def _grouping_tags(
    listing: Sequence[str], tags: Mapping[str, Sequence[str]], by_key: Mapping[str, Article]
) -> dict[str, tuple[str, ...]]:
    """Each article's tags that get a page: a tag that groups at least ``MIN_ARTICLES``
    articles, or one a person wrote in an article's front matter. A page listing one
    article tells a reader nothing its article page does not (at 10,000 articles such
    pages and their feeds were about 19 MiB), so an article links only to tags that have a
    page; enrichment already chooses tags that group, this also holds for an edit build's
    choice and for tags dropped from all but one article."""
    own = {key: tuple(dict.fromkeys(tags.get(key, ()))) for key in listing}
    users = Counter(t for key in listing for t in own[key])
    written = {t for key in listing for t in by_key[key].tags}
    kept = {t for t, n in users.items() if n >= MIN_ARTICLES or t in written}
    return {key: tuple(t for t in own[key] if t in kept) for key in listing}


def _check_unique(articles: Sequence[Article]) -> None:
    seen: dict[str, Article] = {}
    for article in articles:
        other = seen.setdefault(article.key, article)
        if other is not article:
            raise UserError(
                article.path or article.key,
                f"article key {article.key!r} is also used by {other.path or other.key}",
                "give one of the two articles a different slug",
            )


def _pages(articles: Sequence[Article]) -> dict[str, NewsPage]:
    by_page: dict[str, list[Article]] = {}
    for article in articles:
        by_page.setdefault(article.page_id, []).append(article)
    pages = {}
    for page_id in sorted(by_page):
        members = sorted(by_page[page_id], key=lambda a: (a.order, a.slug))
        # Page furniture is the same for every article of a page; the first one that knows wins.
        first = members[0]
        pages[page_id] = NewsPage(
            page_id=page_id,
            paper=next((a.paper for a in members if a.paper), first.paper),
            date=next((a.date for a in members if a.date), None),
            number=next((a.page_number for a in members if a.page_number is not None), None),
            name=next((a.page_name for a in members if a.page_name), None),
            articles=tuple(a.key for a in members),
        )
    return pages


def _issues(pages: Mapping[str, NewsPage]) -> tuple[Issue, ...]:
    dated: dict[tuple[str, str], list[NewsPage]] = {}
    undated: list[Issue] = []
    for page in pages.values():
        if page.date is None:
            undated.append(Issue(page.paper, None, (page.page_id,)))
        else:
            dated.setdefault((page.date, page.paper or ""), []).append(page)
    ordered = [
        Issue(
            members[0].paper,
            date,
            tuple(p.page_id for p in sorted(members, key=lambda p: (p.number or 0, p.page_id))),
        )
        for (date, _paper), members in sorted(dated.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    ]
    # Newest date first; papers of the same day stay alphabetical.
    ordered.sort(key=lambda i: i.date or "", reverse=True)
    return (*ordered, *undated)


def _place_tree(
    parent: Mapping[str, str | None],
) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    children: dict[str, list[str]] = {code: [] for code in parent}
    roots = []
    for code in sorted(parent):
        up = parent[code]
        if up is not None and up in children:
            children[up].append(code)
        else:
            roots.append(code)
    return {c: tuple(kids) for c, kids in children.items()}, tuple(roots)


def build_library(
    articles: Sequence[Article],
    tags: Mapping[str, Sequence[str]],
    places: Mapping[str, Sequence[str]],
    place_parent: Mapping[str, str | None],
    topics: Mapping[str, Sequence[str]] | None = None,
) -> Library:
    """Build the read-only library.

    ``tags`` and ``places`` map an article key to its tags and its most specific place
    codes (enrichment decides them); ``place_parent`` maps every place code in use, and every
    ancestor of one, to its parent code (None for a root). ``topics`` maps an article key
    to its most specific topic ids; a topic's articles include its subtopics'.
    """
    _check_unique(articles)
    by_key = {a.key: a for a in articles}
    pages = _pages(articles)
    issues = _issues(pages)
    listing = tuple(key for issue in issues for pid in issue.pages for key in pages[pid].articles)
    rank = {key: i for i, key in enumerate(listing)}
    dated = [i for i in issues if i.date is not None]
    chronological = tuple(
        key for issue in reversed(dated) for pid in issue.pages for key in pages[pid].articles
    )

    on_page: dict[str, Neighbours] = {}
    for page in pages.values():
        on_page.update(_neighbours(page.articles))
    by_date = _neighbours(chronological)

    def lineage(code: str) -> list[str]:
        found: list[str] = []
        current: str | None = code
        while current is not None and current not in found:
            found.append(current)
            current = place_parent.get(current)
        return found

    article_places = {key: tuple(sorted(set(places.get(key, ())))) for key in listing}
    place_index = _index(
        ((code, key) for key in listing for p in article_places[key] for code in lineage(p)),
        rank,
    )
    article_tags = _grouping_tags(listing, tags, by_key)
    article_topics = {key: tuple(dict.fromkeys((topics or {}).get(key, ()))) for key in listing}
    order = {t: i for i, t in enumerate(vocabulary())}
    topic_index = _index(
        ((t, key) for key in listing for t in with_ancestors(article_topics[key])), rank
    )
    own = _index(((code, key) for key in listing for code in article_places[key]), rank)
    place_own = {code: own.get(code, ()) for code in place_index}
    used_parent = {code: place_parent.get(code) for code in place_index}
    children, roots = _place_tree(used_parent)
    continued_to = link_continuations(articles)

    tag_index = _index(((t, key) for key in listing for t in article_tags[key]), rank)
    topics_used = {t: topic_index[t] for t in sorted(topic_index, key=order.__getitem__)}
    author_index = _index(((name, key) for key in listing for name in by_key[key].authors), rank)
    indices = (("tags", tag_index), ("places", place_own), ("authors", author_index))
    pages_of, counts = list_pages([*indices, ("topics", topics_used)])
    return Library(
        articles=MappingProxyType(by_key),
        listing=listing,
        chronological=chronological,
        pages=MappingProxyType(pages),
        issues=issues,
        papers=tuple(sorted({p.paper for p in pages.values() if p.paper})),
        tags=MappingProxyType(tag_index),
        article_tags=MappingProxyType(article_tags),
        topics=MappingProxyType(topics_used),
        article_topics=MappingProxyType(article_topics),
        places=MappingProxyType(place_index),
        place_own=MappingProxyType(place_own),
        article_places=MappingProxyType(article_places),
        place_parent=MappingProxyType(used_parent),
        place_children=MappingProxyType(children),
        place_roots=roots,
        authors=MappingProxyType(author_index),
        on_page=MappingProxyType(on_page),
        by_date=MappingProxyType(by_date),
        continued_to=MappingProxyType(continued_to),
        continued_from=MappingProxyType({v: k for k, v in continued_to.items()}),
        list_pages=MappingProxyType(pages_of),
        list_counts=MappingProxyType(counts),
    )
