"""One page of a growing list (a tag's, place's, author's or topic's articles): its
articles and its links to the newer and older pages (``site.paging`` cuts the lists).

A numbered page reads only its own articles and whether the next newer numbered page
exists, so an article added to a list re-renders a bounded number of its pages.
"""

from __future__ import annotations

from site_builder.render.context import Here, SiteData, View, summaries
from site_builder.site.paging import page_key


def list_url(first: str, number: int) -> str:
    """Site path of page ``number`` of a list whose page 0 is at ``first`` (ending in /)."""
    return f"{first}page/{number}/" if number else first


def list_page(site: SiteData, here: Here, kind: str, name: str, number: int, first: str) -> View:
    """``articles`` (summaries), ``newer`` and ``older`` ({``href``, ``label``} or None) and
    ``page_label`` (None on page 0) of page ``number`` of the list ``name`` of ``kind``."""
    pages = site.library.list_pages
    newer: int | None = None
    older: int | None = None
    if number == 0:
        older = site.library.list_counts[page_key(kind, name, 0)] or None
    else:
        newer = number + 1 if page_key(kind, name, number + 1) in pages else 0
        older = number - 1 or None

    def link(to: int | None) -> View | None:
        if to is None:
            return None
        return {"href": here.link(list_url(first, to)), "label": _label(here, to)}

    return {
        "articles": summaries(site, here, pages[page_key(kind, name, number)]),
        "newer": link(newer),
        "older": link(older),
        "page_label": _label(here, number) if number else None,
    }


def _label(here: Here, number: int) -> str:
    if number == 0:
        return here.gettext("Newest")
    return here.gettext("List page %(num)d") % {"num": number}


def titled(title: str, page: View) -> str:
    """A page title with the list page's number after it."""
    return f"{title} · {page['page_label']}" if page["page_label"] else title
