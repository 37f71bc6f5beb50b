"""What the search index is built from, and what building it reports."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class SearchPlace:
    """A place as the search page shows it and as English-name queries find it."""

    code: str
    """Administrative division code; the location filter uses it."""
    name: str
    """Chinese name, e.g. ``城关区``."""
    name_en: str | None
    """English name from the site's name tables (``Chengguan District``), if there is one."""
    pinyin: str
    """Pinyin of ``name`` with tone marks, shown when there is no English name."""


@dataclass(slots=True, frozen=True)
class SearchTopic:
    """A topic of the archive's subject vocabulary, as search finds and filters it."""

    id: str
    """Vocabulary id (``agriculture``); the topic filter uses it."""
    name: str
    """Chinese name (``农业``), part of the text the article page shows."""
    name_en: str
    """English name (``Agriculture``): its words find the article, as a place's do."""
    within: tuple[str, ...]
    """The topic and every topic above it: a filter by any of them finds the article."""


@dataclass(slots=True)
class SearchDoc:
    """One article, flattened for the index. Build these with ``adapter.search_docs``."""

    key: str
    """Stable article key (``page_id/slug``)."""
    url: str
    """Site-relative URL of the article in either language tree (``a/page/slug/``)."""
    title: str
    title_pinyin: str
    kicker: str | None
    subtitle: str | None
    kind: str
    date: str | None
    """ISO date or None; undated articles sort last and never pass a date filter."""
    paper: str | None
    page: int | None
    """Page number in the paper (版次)."""
    page_name: str | None
    body: str
    """Plain text: paragraphs separated by newlines, no Markdown."""
    shown: str = ""
    """The rest of the text the article page shows (column, dateline, authors,
    affiliation, paper, page name, the places above the article's own), each part not
    already in the headline group or body: indexed with the body's weight, and stored
    after the body so that candidates are checked against it."""
    tags: list[str] = field(default_factory=list)
    places: list[SearchPlace] = field(default_factory=list)
    """The article's own (most specific) places."""
    ancestors: list[SearchPlace] = field(default_factory=list)
    """Every ancestor of ``places`` not among them: found by location filter and English name."""
    topics: list[SearchTopic] = field(default_factory=list)
    """The article's most specific topics (their names are in ``shown``)."""


@dataclass(slots=True, frozen=True)
class IndexStats:
    """What ``build_search_index`` wrote."""

    docs: int
    terms: int
    shards: int
    external_terms: int
    """Posting lists too big for a shard, written to a file of their own."""
    files: int
    bytes: int
    """Total size of every file written."""


@dataclass(slots=True, frozen=True)
class Sourced:
    """The documents of an archive known by what each is made of, so that an edit build
    makes only the documents whose sources changed (``adapter.doc_sources``)."""

    sources: list[tuple[str, str]]
    """(article key, digest of what its document is made of), in index order."""
    docs: Callable[[Collection[str]], Iterable[SearchDoc]]
    """The documents of the keys given, in index order."""
