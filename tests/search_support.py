"""Shared by the search tests: the test corpus, its site build, the query set and its oracle.

The corpus is the bundled ``content/`` (the fixture site's content until ingest has filled
it) plus ``tests/fixtures/search/content``. It is built once per test process with the real
site build, so the index is made exactly as ``site-builder build`` makes it.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from opencc_purepy import OpenCC

from site_builder.build.run import build_site
from site_builder.render.renderer import Renderer
from site_builder.search.adapter import search_docs
from site_builder.search.model import SearchDoc
from site_builder.search.page import INDEX_DIR, render_search
from site_builder.search.query import Engine, Filters

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures" / "search"
BUNDLED = ROOT / "content"
STAND_IN = TESTS / "fixtures" / "site" / "content"
"""Used in place of ``content/`` while ingest has not produced it yet."""


def corpus_sources() -> list[Path]:
    bundled = BUNDLED if any(BUNDLED.rglob("*.md")) else STAND_IN
    return [bundled, FIXTURES / "content"]


@dataclass(slots=True, frozen=True)
class BuiltSite:
    output: Path
    docs: tuple[SearchDoc, ...]

    @property
    def index(self) -> Path:
        return self.output / INDEX_DIR

    def engine(self) -> Engine:
        """A fresh engine: an empty cache, as for a first visit."""
        return Engine(lambda path: (self.index / path).read_bytes())


def build_corpus(work: Path) -> BuiltSite:
    content = work / "content"
    for source in corpus_sources():
        shutil.copytree(source, content, dirs_exist_ok=True)
    docs: list[SearchDoc] = []

    def with_search(renderer: Renderer) -> None:
        docs.extend(search_docs(renderer.site))
        render_search(renderer)

    build_site(content, ROOT / "templates", work / "output", extra_pages=[with_search])
    return BuiltSite(work / "output", tuple(docs))


@lru_cache(maxsize=1)
def built_site() -> BuiltSite:
    """The corpus site, built once per process into a temporary folder."""
    work = Path(tempfile.mkdtemp(prefix="search-corpus-"))
    atexit.register(shutil.rmtree, work, True)
    return build_corpus(work)


@dataclass(slots=True, frozen=True)
class QueryCase:
    """One entry of ``queries.yaml`` (see the comment at its top)."""

    q: str
    filters: Filters
    by_date: bool
    group: str
    keys: tuple[str, ...]
    contains: tuple[str, ...]
    places: tuple[str, ...]
    exact: bool
    absent: tuple[str, ...]
    first: str | None

    @property
    def label(self) -> str:
        extra = [f"{k}={v}" for k, v in _filter_items(self.filters) if v is not None]
        return " ".join([self.q or "(no query)", *extra, *(["sort=date"] if self.by_date else [])])


def _filter_items(filters: Filters) -> list[tuple[str, Any]]:
    return [
        ("tag", filters.tag),
        ("loc", filters.loc),
        ("kind", filters.kind),
        ("paper", filters.paper),
        ("page", filters.page),
        ("from", filters.date_from),
        ("to", filters.date_to),
    ]


def _case(raw: dict[str, Any]) -> QueryCase:
    filters = Filters(
        tag=raw.get("tag"),
        loc=raw.get("loc"),
        kind=raw.get("kind"),
        paper=raw.get("paper"),
        page=raw.get("page"),
        date_from=raw.get("from"),
        date_to=raw.get("to"),
    )
    return QueryCase(
        q=str(raw.get("q", "")),
        filters=filters,
        by_date=raw.get("sort") == "date",
        group=raw["group"],
        keys=tuple(raw.get("keys", ())),
        contains=tuple(raw.get("contains", ())),
        places=tuple(raw.get("places", ())),
        exact=bool(raw.get("exact", False)),
        absent=tuple(raw.get("not", ())),
        first=raw.get("first"),
    )


@lru_cache(maxsize=1)
def query_cases() -> tuple[QueryCase, ...]:
    with (FIXTURES / "queries.yaml").open(encoding="utf-8") as handle:
        return tuple(_case(raw) for raw in yaml.safe_load(handle))


@lru_cache(maxsize=1)
def opencc(config: str) -> OpenCC:
    """OpenCC itself (opencc-purepy), the reference the search's own table is checked by."""
    return OpenCC(config)


def doc_text(doc: SearchDoc) -> str:
    """What a reader would call the article's text, in simplified characters (OpenCC's own
    t2s); independent of the engine's folding."""
    parts = [doc.title, doc.kicker or "", doc.subtitle or "", *doc.tags, doc.body, doc.shown]
    parts += [p.name for p in doc.places]
    text = unicodedata.normalize("NFKC", "\n".join(parts)).lower()
    return str(opencc("t2s").convert(text))


def _passes_filters(doc: SearchDoc, filters: Filters) -> bool:
    codes = {p.code for p in [*doc.places, *doc.ancestors]}
    checks = [
        filters.tag is None or filters.tag in doc.tags,
        filters.loc is None or filters.loc in codes,
        filters.kind is None or filters.kind == doc.kind,
        filters.paper is None or filters.paper == doc.paper,
        filters.page is None or filters.page == doc.page,
        filters.date_from is None or (doc.date is not None and doc.date >= filters.date_from),
        filters.date_to is None or (doc.date is not None and doc.date <= filters.date_to),
    ]
    return all(checks)


def relevant(case: QueryCase, docs: tuple[SearchDoc, ...]) -> set[str]:
    """The articles the query must return, found by brute force over the corpus."""
    found = set(case.keys)
    for doc in docs:
        codes = {p.code for p in [*doc.places, *doc.ancestors]}
        text = doc_text(doc)
        if case.contains and all(s in text for s in case.contains):
            found.add(doc.key)
        if codes & set(case.places):
            found.add(doc.key)
    if not (case.keys or case.contains or case.places):
        found = {doc.key for doc in docs}
    by_key = {doc.key: doc for doc in docs}
    return {key for key in found if _passes_filters(by_key[key], case.filters)}
