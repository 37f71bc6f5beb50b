"""What each job read from the site, and what an edit changed: the rebuild's dependencies.

A job's output is a function of its template and of what its view read from ``SiteData``.
While a job runs, the views read a *tracked* copy of the site: the same data behind thin
wrappers that note each read as a *fact* (``("tags", "党建")``: the tag's article list,
``("articles", key, "summary")``: what a list shows of an article, ``("listing",)``: the
whole listing, ``("url", "tag", name)``: a tag's URL). After an edit, ``changed_facts``
compares the previous site with the new one, and ``Readers`` names the jobs that read a
changed fact: only those run again. Nothing here knows what a view reads; it is observed,
so views can change freely without this module falling behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from typing import Any, SupportsIndex, TypeVar, cast, overload

from markupsafe import Markup

from site_builder.content.article import Article
from site_builder.render.context import SiteData
from site_builder.render.markdown import RenderedBody
from site_builder.render.names import Names
from site_builder.render.prepare import Enrichment, site_data
from site_builder.render.urls import Urls
from site_builder.site.library import Library

Fact = tuple[str | None, ...]
ALL = None
"""Key of a fact about a whole mapping: its keys, in order."""

SUMMARY_FIELDS = frozenset(
    {"page_id", "slug", "key", "kind", "title", "title_derived", "title_pinyin"}
    | {"kicker", "subtitle"}
)
"""Article fields a list entry shows; a body edit leaves the lists alone."""
GROUPS = ("summary", "body", "rest")
ARTICLE_FIELDS = tuple(f.name for f in fields(Article))

V = TypeVar("V")
T = TypeVar("T")
_MISSING = object()


def field_group(name: str) -> str:
    """Article fields are tracked in three groups, which keeps the number of facts small."""
    if name in SUMMARY_FIELDS:
        return "summary"
    return "body" if name == "body" else "rest"


class Recorder:
    """Collects the facts read while one job runs (reads outside a job are not kept)."""

    __slots__ = ("reads",)

    def __init__(self) -> None:
        self.reads: set[Fact] | None = None

    def add(self, fact: Fact) -> None:
        if self.reads is not None:
            self.reads.add(fact)

    @contextmanager
    def job(self) -> Iterator[set[Fact]]:
        """Record into the yielded set until the block ends."""
        reads: set[Fact] = set()
        self.reads = reads
        try:
            yield reads
        finally:
            self.reads = None


class _Mapping(Mapping[str, V]):
    """A read-only mapping that notes every key read, and iteration as a read of all keys."""

    __slots__ = ("_inner", "_name", "_recorder")

    def __init__(self, name: str, inner: Mapping[str, V], recorder: Recorder) -> None:
        self._name = name
        self._inner = inner
        self._recorder = recorder

    def __getitem__(self, key: str) -> V:
        self._recorder.add((self._name, key))
        return self._inner[key]

    def __contains__(self, key: object) -> bool:
        self._recorder.add((self._name, cast(str, key)))
        return key in self._inner

    def __iter__(self) -> Iterator[str]:
        self._recorder.add((self._name, ALL))
        return iter(self._inner)

    def __len__(self) -> int:
        self._recorder.add((self._name, ALL))
        return len(self._inner)


class _ArticleReads:
    """Stands in for an ``Article``: notes which group of fields a view reads."""

    __slots__ = ("_article", "_key", "_recorder")

    def __init__(self, key: str, article: Article, recorder: Recorder) -> None:
        self._key = key
        self._article = article
        self._recorder = recorder

    def __getattr__(self, name: str) -> Any:
        self._recorder.add(("articles", self._key, field_group(name)))
        return getattr(self._article, name)


class _Articles(_Mapping[Article]):
    def __getitem__(self, key: str) -> Article:
        self._recorder.add(("articles", key))  # that the article exists
        return cast(Article, _ArticleReads(key, self._inner[key], self._recorder))


class _Tuple(tuple[T, ...]):
    """A tuple that notes any read of it as a read of the whole tuple."""

    _name: str
    _recorder: Recorder

    def __new__(cls, name: str, items: Iterable[T], recorder: Recorder) -> _Tuple[T]:
        made = super().__new__(cls, items)
        made._name = name
        made._recorder = recorder
        return made

    def _seen(self) -> None:
        self._recorder.add((self._name,))

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T | tuple[T, ...]:
        self._seen()
        return super().__getitem__(index)

    def __iter__(self) -> Iterator[T]:
        self._seen()
        return super().__iter__()

    def __len__(self) -> int:
        self._seen()
        return super().__len__()

    def __contains__(self, item: object) -> bool:
        self._seen()
        return super().__contains__(item)

    def index(self, value: Any, start: SupportsIndex = 0, stop: SupportsIndex = 2**63 - 1) -> int:
        self._seen()
        return super().index(value, start, stop)

    def count(self, value: Any) -> int:
        self._seen()
        return super().count(value)


class _Calls:
    """Stands in for ``Urls``: every attribute read or method called is noted as the fact
    ``("url", name, *arguments)``, whatever the method (nothing here lists them), and
    ``call_fact`` gives that fact's value on any site by making the same call there."""

    __slots__ = ("_inner", "_recorder")

    def __init__(self, inner: Urls, recorder: Recorder) -> None:
        self._inner = inner
        self._recorder = recorder

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if not callable(value):
            self._recorder.add(("url", name))
            return value
        recorder = self._recorder

        def call(*args: str) -> Any:
            recorder.add(("url", name, *args))
            return value(*args)

        return call


def call_fact(urls: Urls, fact: Fact) -> object:
    """The value of a ``("url", name, *arguments)`` fact on ``urls`` (the exception's
    type when the call fails there: a tag gone has no URL)."""
    value = getattr(urls, str(fact[1]))
    if not callable(value):
        return value
    try:
        return value(*fact[2:])
    except (KeyError, ValueError) as error:
        return type(error).__name__


class _FieldReads:
    """Stands in for an ``Article``: notes the name of every field read, also the fields a
    property (``key``) reads."""

    __slots__ = ("_article", "_seen")

    def __init__(self, article: Article, seen: set[str]) -> None:
        self._article = article
        self._seen = seen

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(type(self._article), name, None)
        if isinstance(attribute, property) and attribute.fget is not None:
            return attribute.fget(self)
        self._seen.add(name)
        return getattr(self._article, name)


def _no_body(article: Article) -> RenderedBody:
    return RenderedBody(Markup(""), ())


def structure_fields(articles: Sequence[Article], enrichment: Enrichment) -> frozenset[str]:
    """The article fields that the library, the URLs and the names are made from.

    An edit that changes none of them (a body, most often a title) leaves all three as
    they are, whatever the edit: they are functions of what they read, and a branch they
    did not take could only be taken if something they read changed.
    """
    seen: set[str] = set()
    readers = [cast(Article, _FieldReads(article, seen)) for article in articles]
    site_data(readers, enrichment, None, body=_no_body)
    return frozenset(seen)


def _wrap(name: str, value: object, recorder: Recorder) -> object:
    if name == "articles":
        return _Articles(name, cast(Mapping[str, Article], value), recorder)
    if isinstance(value, Mapping):
        return _Mapping(name, value, recorder)
    if isinstance(value, tuple):
        return _Tuple(name, value, recorder)
    raise TypeError(f"live preview cannot track {name!r} ({type(value).__name__})")


def _wrapped(data: Library | Names, prefix: str, recorder: Recorder) -> dict[str, Any]:
    return {f.name: _wrap(prefix + f.name, getattr(data, f.name), recorder) for f in fields(data)}


def tracked(site: SiteData, recorder: Recorder) -> SiteData:
    """The same site, read through wrappers that report to ``recorder``."""
    library = replace(site.library, **_wrapped(site.library, "", recorder))
    names = replace(site.names, **_wrapped(site.names, "names.", recorder))
    bodies = _Mapping("bodies", site.bodies, recorder)
    aids = None if site.aids is None else _Mapping("aids", site.aids, recorder)
    terms = None if site.search_terms is None else _Mapping("terms", site.search_terms, recorder)
    urls = cast(Urls, _Calls(site.urls, recorder))
    return SiteData(library, urls, names, bodies, site.base_url, aids, terms, site.versions)


class LiveSite:
    """Stands in for a ``SiteData`` that changes: jobs made once read whichever site is
    shown now, so an edit does not have to list every job of the site again."""

    __slots__ = ("current",)

    def __init__(self, site: SiteData) -> None:
        self.current = site

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current, name)

    def as_site(self) -> SiteData:
        return cast(SiteData, self)


def _changed_keys(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str | None]:
    """Keys whose value differs, and ``ALL`` when the keys or their order differ."""
    if old is new:
        return []
    changed: list[str | None] = [ALL] if list(old) != list(new) else []
    if old == new:  # the common case, decided at C speed for dicts of plain values
        return changed
    changed += [
        key for key in old.keys() | new.keys() if old.get(key, _MISSING) != new.get(key, _MISSING)
    ]
    return changed


def _article_changes(old: Mapping[str, Article], new: Mapping[str, Article]) -> set[Fact]:
    changed: set[Fact] = set()
    if list(old) != list(new):
        changed.add(("articles", ALL))
    for key in old.keys() | new.keys():
        before, after = old.get(key), new.get(key)
        if before is after:
            continue
        if before is None or after is None:
            changed.add(("articles", key))
            changed.update(("articles", key, group) for group in GROUPS)
            continue
        for name in ARTICLE_FIELDS:
            if getattr(before, name) != getattr(after, name):
                changed.add(("articles", key, field_group(name)))
    return changed


def changed_facts(old: SiteData, new: SiteData, url_facts: Iterable[Fact]) -> set[Fact]:
    """Every fact whose value differs between two sites (built with the same base URL);
    of the URLs, those of ``url_facts`` (the ones some job read)."""
    changed: set[Fact] = set()
    for f in fields(Library):
        before, after = getattr(old.library, f.name), getattr(new.library, f.name)
        if f.name == "articles":
            changed |= _article_changes(before, after)
        elif isinstance(before, Mapping):
            changed.update((f.name, key) for key in _changed_keys(before, after))
        elif before != after:
            changed.add((f.name,))
    for f in fields(Names):
        before, after = getattr(old.names, f.name), getattr(new.names, f.name)
        changed.update((f"names.{f.name}", key) for key in _changed_keys(before, after))
    changed.update(("bodies", key) for key in _changed_keys(old.bodies, new.bodies))
    if old.urls is not new.urls:
        changed.update(f for f in url_facts if call_fact(old.urls, f) != call_fact(new.urls, f))
    return changed


class Readers:
    """Which jobs read which facts, as recorded the last time each job ran."""

    def __init__(self) -> None:
        self._by_fact: dict[Fact, set[str]] = {}
        self._by_job: dict[str, frozenset[Fact]] = {}

    def record(self, job: str, reads: Iterable[Fact]) -> None:
        facts = frozenset(reads)
        if self._by_job.get(job) == facts:  # the common case after a template edit
            return
        self.forget(job)
        self._by_job[job] = facts
        for fact in facts:
            self._by_fact.setdefault(fact, set()).add(job)

    def forget(self, job: str) -> None:
        for fact in self._by_job.pop(job, ()):
            readers = self._by_fact[fact]
            readers.discard(job)
            if not readers:
                del self._by_fact[fact]

    def read(self, kind: str) -> list[Fact]:
        """Every fact of ``kind`` (its first part) that some job read."""
        return [fact for fact in self._by_fact if fact[0] == kind]

    def of(self, facts: Iterable[Fact]) -> set[str]:
        """Jobs that read at least one of ``facts``."""
        found: set[str] = set()
        for fact in facts:
            found |= self._by_fact.get(fact, set())
        return found
