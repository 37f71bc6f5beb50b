"""The search page and its index, written into a site build.

``build_site(..., extra_pages=[render_search])`` calls this with the site's renderer after
the site's own pages, so the page shares the layout, the language switch and the
catalogues; the index goes to ``search-index/``, shared by both languages.
"""

from __future__ import annotations

from site_builder.render.context import Here, View, kind_label
from site_builder.render.renderer import Renderer
from site_builder.render.urls import Urls
from site_builder.search.adapter import search_docs
from site_builder.search.build import build_search_index

INDEX_DIR = "search-index"


def messages(here: Here, kinds: list[str]) -> dict[str, object]:
    """Interface strings the script needs, from the page language's catalogue."""
    _ = here.gettext
    return {
        "one": here.ngettext("%(num)d result", "%(num)d results", 1),
        "other": here.ngettext("%(num)d result", "%(num)d results", 2),
        "upto": _("Up to %(num)d results"),
        "none": _("No articles match this search."),
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
            "kind": _("Kind"),
            "paper": _("Paper"),
            "page": _("Page"),
            "from": _("From"),
            "to": _("To"),
        },
        "clear": _("Clear filters"),
        "kinds": {kind: kind_label(kind, here) for kind in kinds},
    }


def search_view(here: Here, kinds: list[str]) -> View:
    return {
        "title": here.gettext("Search"),
        "search": {
            "index": here.link.shared(f"{INDEX_DIR}/"),
            "script": here.link.shared(Urls.static("search.js")),
            "kinds": [{"value": kind, "label": kind_label(kind, here)} for kind in kinds],
            "messages": messages(here, kinds),
        },
    }


def render_search(renderer: Renderer) -> None:
    """Index every article of the site and write ``search.html`` in both languages."""
    docs = search_docs(renderer.site)
    build_search_index(docs, renderer.folder.root / INDEX_DIR)
    kinds = sorted({doc.kind for doc in docs})
    renderer.page("search.html", Urls.search, lambda here: search_view(here, kinds), False)
