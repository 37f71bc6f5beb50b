"""What every view builder gets, and the small view dicts that many pages share.

Templates never see models: views turn articles, pages and names into plain dicts whose
links are already relative to the page being rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from site_builder.render.i18n import N_, long_date
from site_builder.render.markdown import RenderedBody
from site_builder.render.names import Name, Names
from site_builder.render.urls import Linker, Urls
from site_builder.site.library import Library, NewsPage

View = dict[str, Any]
"""A template context (or part of one): plain values, lists and dicts."""

KIND_LABELS = {
    "news": N_("News"),
    "photo": N_("Photo"),
    "commentary": N_("Commentary"),
    "interview": N_("Interview"),
    "brief": N_("Brief"),
}
LEVEL_LABELS = {
    "province": N_("Province-level region"),
    "prefecture": N_("Prefecture-level city"),
    "county": N_("County or district"),
    "township": N_("Township or subdistrict"),
    "village": N_("Village or community"),
}


@dataclass(slots=True, frozen=True)
class SiteData:
    """Everything a build renders from; shared read-only by every view."""

    library: Library
    urls: Urls
    names: Names
    bodies: Mapping[str, RenderedBody]
    """Rendered article bodies by key (the same HTML serves both languages)."""
    base_url: str | None
    """Absolute URL of the site root (ends in ``/``), when the user gave one."""
    aids: Mapping[str, str] | None = None
    """Reading-aid JSON by article key, when the build's analysis made it already
    (otherwise it is made from ``bodies`` when written)."""
    search_terms: Mapping[str, bytes] | None = None
    """Encoded search terms of each article's own text, when the analysis made them."""
    versions: Mapping[str, str] | None = None
    """Article key -> the analysis key (a digest of the text its body, reading aids and
    search terms are made of), when a build's analysis made them: what stands for the
    body where a step only needs to know whether it changed (the search index)."""


@dataclass(slots=True, frozen=True)
class Here:
    """The page being rendered: its language, its links and its translations."""

    lang: str
    link: Linker
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]

    def count(self, singular: str, plural: str, n: int) -> str:
        """A counted phrase such as ``3 articles``; the catalogue holds ``%(num)d``."""
        return self.ngettext(singular, plural, n) % {"num": n}


def heading(text: str, pinyin: str, english: str | None, lang: str) -> str:
    """A page title: the Chinese alone, or in English with its pinyin and English name."""
    if lang == "zh":
        return text
    extra = f"{pinyin}, {english}" if english else pinyin
    return f"{text} ({extra})"


def name_view(name: Name, href: str | None) -> View:
    return {"text": name.text, "pinyin": name.pinyin, "en": name.en, "href": href}


def tag_view(site: SiteData, here: Here, tag: str) -> View:
    return name_view(site.names.tags[tag], here.link(site.urls.tag(tag)))


def author_view(site: SiteData, here: Here, author: str, shown_on: str | None = None) -> View:
    """An author's name, linking to the author's page; an author of one article has none
    (``Library.author_has_page``): the name links to that article, or to nothing on the
    page of that article (``shown_on``: the key of the article whose page it is on)."""
    lib = site.library
    if lib.author_has_page(author):
        href: str | None = here.link(site.urls.author(author))
    else:
        (only,) = lib.authors[author]
        href = here.link(site.urls.article(only)) if only != shown_on else None
    return name_view(site.names.authors[author], href)


def place_view(site: SiteData, here: Here, code: str) -> View:
    view = name_view(site.names.places[code], here.link(site.urls.place(code)))
    level = site.names.place_levels[code]
    view["level"] = here.gettext(LEVEL_LABELS[level]) if level in LEVEL_LABELS else level
    return view


def date_view(site: SiteData, here: Here, iso: str | None) -> View:
    """A date with its label and its day page; an unknown date links to the undated list."""
    if iso is None:
        return {
            "iso": None,
            "label": here.gettext("Date unknown"),
            "href": here.link(site.urls.dates_unknown),
        }
    return {"iso": iso, "label": long_date(iso, here.lang), "href": here.link(site.urls.day(iso))}


def page_label(page: NewsPage, here: Here) -> str:
    """``第2版 要闻`` / ``Page 2 · News``; a page without a number says so."""
    if page.number is None:
        number = here.gettext("Page number unknown")
    else:
        number = here.gettext("Page %(num)s") % {"num": page.number}
    return f"{number} · {page.name}" if page.name else number


def page_view(site: SiteData, here: Here, page_id: str) -> View:
    page = site.library.pages[page_id]
    return {
        "id": page.page_id,
        "label": page_label(page, here),
        "paper": page.paper,
        "date": date_view(site, here, page.date),
        "href": here.link(site.urls.page(page_id)),
        "count": here.count("%(num)d article", "%(num)d articles", len(page.articles)),
    }


def kind_label(kind: str, here: Here) -> str:
    return here.gettext(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def summary(site: SiteData, here: Here, key: str) -> View:
    """An article as one entry of a list."""
    article = site.library.articles[key]
    page = site.library.pages[article.page_id]
    return {
        "href": here.link(site.urls.article(key)),
        "title": {
            "text": article.title,
            "pinyin": article.title_pinyin,
            "derived": article.title_derived,
        },
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "kind": kind_label(article.kind, here),
        # The paper only where there are several: in an archive of one paper its name on
        # every item of every list (about 1 % of the output) told the reader nothing.
        "paper": page.paper if len(site.library.papers) > 1 else None,
        "date": date_view(site, here, page.date),
        "page": {"label": page_label(page, here), "href": here.link(site.urls.page(page.page_id))},
    }


def summaries(site: SiteData, here: Here, keys: tuple[str, ...] | list[str]) -> list[View]:
    return [summary(site, here, key) for key in keys]
