"""The content-level article: what a Markdown file in ``content/`` holds.

Front matter keys map one to one onto the fields below; ``body`` is the Markdown after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class SourceRef:
    """Where an article came from: the raw page dump and its line range."""

    file: str
    """Seed file name, relative to ``seeds/``."""
    lines: list[int]
    """1-based source line numbers, sorted."""


@dataclass(slots=True)
class Article:
    """One article as stored in ``content/<page_id>/<slug>.md``."""

    page_id: str
    """Folder name under ``content/``: the seed file's stem."""
    slug: str
    """ASCII, from pinyin of jieba phrases; unique within the page, stable across re-runs."""
    title: str
    title_derived: bool
    title_pinyin: str
    kicker: str | None
    subtitle: str | None
    kind: str
    dateline: str | None
    authors: list[str]
    column: str | None
    body: str
    """Markdown: paragraphs separated by blank lines, subheads as ``## `` lines."""
    source: SourceRef
    paper: str | None = None
    date: str | None = None
    """ISO ``YYYY-MM-DD`` or None when the page does not say."""
    page_number: int | None = None
    page_name: str | None = None
    order: int = 0
    """Reading order of the article on its page, from 1."""
    affiliation: str | None = None
    continued_to: str | None = None
    continued_from: str | None = None
    tags: list[str] = field(default_factory=list)
    """Tags written by a person; they win over extracted ones."""
    topics: list[str] = field(default_factory=list)
    """Topics written by a person (ids of the topic vocabulary, or their Chinese or
    English names); they win over assigned ones."""
    locations: list[str] = field(default_factory=list)
    """Locations written by a person; they win over extracted ones."""
    path: str = ""
    """Path of the Markdown file relative to the project root (set by the loader)."""

    @property
    def key(self) -> str:
        """Stable identity of the article across the site: ``page_id/slug``."""
        return f"{self.page_id}/{self.slug}"
