"""The search page and its index, written into a site build.

``build_site(..., extra_pages=[render_search])`` calls this with the site's renderer after
the site's own pages, so the page shares the layout, the language switch and the
catalogues; the index goes to ``search-index/``, shared by both languages, through the
site folder's ``write_bytes``. ``search_pages(terms)`` does the same with cached terms.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from site_builder.enrich.topics import vocabulary
from site_builder.progress import counted, progress
from site_builder.render.context import Here, View, kind_label
from site_builder.render.renderer import Renderer
from site_builder.render.topic_view import topic_name
from site_builder.render.urls import Urls
from site_builder.search.adapter import doc_sources, search_docs
from site_builder.search.analyze import TextTerms, doc_text_terms
from site_builder.search.build import build_search_index
from site_builder.search.encode import deflate
from site_builder.search.kept import IndexMemory
from site_builder.search.minify import minify
from site_builder.search.model import SearchDoc, Sourced
from site_builder.search.update import update_search_index

INDEX_DIR = "search-index"
PACKED_SCRIPT = "script.bin"
"""``static/search.js`` without comments and indentation, deflated, in the index folder:
``static/search-load.js`` on the search page unpacks and runs it (a third of the script's
size, whatever the server; without DecompressionStream the loader runs the plain copy,
which says the browser is too old)."""


def messages(here: Here, kinds: list[str], topics: list[str]) -> dict[str, object]:
    """Interface strings the script needs, from the page language's catalogue."""
    _ = here.gettext
    return {
        "one": here.ngettext("%(num)d result", "%(num)d results", 1),
        "other": here.ngettext("%(num)d result", "%(num)d results", 2),
        "upto": _("Up to %(num)d results"),
        "expanded": _("Searched for %(words)s"),
        "none": _("No articles match this search."),
        "closest": _("No article holds every word searched; these hold the most of them."),
        "searching": _("Searching…"),
        "error": _("The search index could not be loaded."),
        "old": _("This browser cannot run the search; please use a current browser."),
        "page": _("Page %(num)s"),
        "undated": _("Date unknown"),
        "prev": _("Previous page"),
        "next": _("Next page"),
        "filters": {
            "tag": _("Tag"),
            "loc": _("Place"),
            "topic": _("Topic"),
            "kind": _("Kind"),
            "paper": _("Paper"),
            "page": _("Page"),
            "from": _("From"),
            "to": _("To"),
        },
        "clear": _("Clear filters"),
        "kinds": {kind: kind_label(kind, here) for kind in kinds},
        "topics": {topic: _topic_label(topic, here) for topic in topics},
    }


def _topic_label(topic: str, here: Here) -> str:
    """A topic's name in the page's language (the Chinese name follows the English)."""
    name = topic_name(topic)
    return f"{name.en} {name.text}" if here.lang == "en" and name.en else name.text


def _topic_options(here: Here, topics: Mapping[str, Sequence[str]]) -> list[View]:
    """The topic filter's choices: every topic with articles, in vocabulary order, a
    subtopic under its parent and marked as one, each with its article count."""
    return [
        {
            "value": topic,
            "label": ("— " if vocabulary()[topic].parent else "")
            + f"{_topic_label(topic, here)} ({len(keys)})",
        }
        for topic, keys in topics.items()
    ]


def search_view(
    here: Here, kinds: list[str], topics: Mapping[str, Sequence[str]], packed: bool
) -> View:
    return {
        "title": here.gettext("Search"),
        "search": {
            "index": here.link.shared(f"{INDEX_DIR}/"),
            "script": here.link.shared(Urls.static("search.js")),
            "packed": here.link.shared(f"{INDEX_DIR}/{PACKED_SCRIPT}") if packed else "",
            "loader": here.link.shared(Urls.static("search-load.js")),
            "kinds": [{"value": kind, "label": kind_label(kind, here)} for kind in kinds],
            "topics": _topic_options(here, topics),
            "messages": messages(here, kinds, list(topics)),
        },
    }


def packed_script(source: str) -> bytes:
    """What ``PACKED_SCRIPT`` holds: the script minified (``minify.py``: no comments or
    spaces, short local names; line breaks stay), deflated."""
    return deflate(minify(source).encode())


def render_search(
    renderer: Renderer, terms: Callable[[SearchDoc], TextTerms] | None = None, workers: int = 1
) -> None:
    """Index every article of the site into ``search-index/`` and write ``search.html`` in
    both languages. ``terms`` supplies each article's ``text_terms`` (e.g. from a cache);
    ``workers``: processes that encode the index's terms in a full build."""

    def write(path: str, data: bytes) -> None:
        renderer.folder.write_bytes(f"{INDEX_DIR}/{path}", data)

    def claim(paths: list[str]) -> None:
        renderer.folder.absorb(f"{INDEX_DIR}/{path}" for path in paths)

    site = renderer.site
    if terms is None and site.search_terms is not None:
        terms = partial(_analysed_terms, site.search_terms)
    with progress("search", total=len(site.library.articles), unit="articles") as bar:
        if renderer.memo is None:
            build_search_index(counted(search_docs(site), bar), write, terms=terms, workers=workers)
        else:
            # Edit builds read the kept index (``update``); a full one may follow.
            memory = IndexMemory(renderer.memo)
            docs = partial(search_docs, site)
            sources = doc_sources(site)
            sourced = Sourced(sources, docs) if sources is not None else None
            update_search_index(
                docs, write, claim, memory, terms=terms, workers=workers, sourced=sourced
            )
    script = renderer.templates_dir / "static" / "search.js"
    if script.is_file():
        write(PACKED_SCRIPT, packed_script(script.read_text(encoding="utf-8")))
    library = site.library
    kinds = sorted({article.kind for article in library.articles.values()})
    view = partial(search_view, kinds=kinds, topics=library.topics, packed=script.is_file())
    renderer.page("search.html", Urls.search, view, False)


@dataclass(slots=True, frozen=True)
class SearchPages:
    """``render_search`` with ``workers`` processes encoding the terms, as an extra page for
    ``build_site``. Its repr is what ``build.run.describe`` records of it, so ``workers``
    is left out of it: the output does not depend on them, and a build with another
    ``--jobs`` is not a different build (a ``partial`` would show its function's address,
    which changes with every process)."""

    workers: int = field(default=1, repr=False)

    def __call__(self, renderer: Renderer) -> None:
        render_search(renderer, workers=self.workers)


def _analysed_terms(analysed: Mapping[str, bytes], doc: SearchDoc) -> TextTerms:
    """The build's analysis of the article's text; made again if it does not decode."""
    try:
        return TextTerms.from_bytes(analysed[doc.key])
    except ValueError:
        return doc_text_terms(doc)


def search_pages(
    terms: Callable[[SearchDoc], TextTerms] | None = None,
) -> Callable[[Renderer], None]:
    """``render_search`` with a terms supplier, as an extra page for ``build_site``. It
    pickles (for the live preview's background builds) when ``terms`` does."""
    return partial(render_search, terms=terms)
