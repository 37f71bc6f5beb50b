"""Every page, feed and data file of the site, as jobs, and the context each template gets.

The site is listed as ``render.jobs`` (``site_jobs``), each reading what it needs when it
runs; a build runs them all, the live preview runs again those whose inputs changed.

Every template gets the base context (``renderer.base_context``: ``lang``, ``html_lang``,
``site_name``, ``nav``, ``static``, ``switch``, ``feed``, ``base_href``)
plus ``title`` (plain text) and its own keys. Views are plain dicts; every ``href`` is
already relative to the page. Shared shapes (built in ``render.context``):

* *summary* (an article in a list): ``href``, ``title`` {``text``, ``pinyin``,
  ``derived``}, ``kicker``, ``subtitle``, ``kind``, ``paper``, ``date``, ``page``
  {``label``, ``href``}.
* *date*: ``iso`` (None when unknown), ``label``, ``href``.
* *name* (tag, author, place): ``text``, ``pinyin``, ``en`` (None when no English name),
  ``href``; a place also has ``level``.
* *page*: ``id``, ``label``, ``paper``, ``date``, ``href``, ``count``.

Templates and their own keys:

* ``home.html``: ``issues`` [{``paper``, ``date``, ``pages`` [page]}], ``latest``
  [summary], ``stats`` {``articles``, ``pages``, ``tags``, ``places``} (counted phrases).
* ``article.html``: ``article`` = ``article_view.article_view`` (headline parts with their
  ``aid`` index, metadata, ``body`` HTML, ``aids_href``, neighbours ``prev_on_page``,
  ``next_on_page``, ``prev_by_date``, ``next_by_date`` (summary or None), ``same_page`` (the
  nearest others of its printed page, each a summary with ``rel``: ``prev``, ``next`` for
  the page's neighbours, else None), ``same_page_all`` (label of the link to the printed
  page when it holds more, or None), ``continued_to``/``continued_from`` {``label``,
  ``href``, ``title``}, ``citation``, ``source`` {``file``, ``lines``}, ``jsonld``).
* ``dates.html``: ``years`` [{``label``, ``href``, ``count``}], ``undated`` ({``count``,
  ``href``} or None).
* ``year.html``: ``year`` {``label``}, ``months`` [{``label``, ``href``, ``count``}], ``up``.
* ``month.html``: ``month`` {``label``}, ``weekdays``, ``weeks`` [[{``day``, ``href``}]],
  ``prev``/``next`` ({``label``, ``href``} or None), ``up``.
* ``day.html``: ``date``, ``issues`` [{``paper``, ``date``, ``pages`` [page + ``articles``
  [summary]]}], ``prev``/``next`` (date or None), ``up``. Also the undated list.
* ``pages.html``: ``issues`` (as on home). ``page.html``: ``page``, ``articles``,
  ``prev``/``next`` ({``label``, ``href``} or None).
* ``topics.html``: ``tree`` [name + ``count`` + ``children``]. ``topic.html``: ``topic``,
  ``parent`` (name or None), ``children`` [name], ``articles``, ``feed``.
* Pages of growing lists (``tag.html``, ``place.html``, ``author.html``, ``topic.html``,
  see ``list_view``) have ``articles`` (one page of the list), ``newer``/``older``
  ({``label``, ``href``} or None) and ``page_label`` (None on the list's first page).
* ``tags.html``: ``tags`` [name + ``count``]. ``tag.html``: ``tag``, ``articles``,
  ``feed`` (the tag's own feed, replacing the site feed of the base context).
* ``places.html``: ``tree`` [name + ``count`` + ``children`` (same shape)].
  ``place.html``: ``place``, ``trail`` [name], ``children``, ``articles``, ``feed``.
* ``authors.html``: ``authors`` [name + ``count``]. ``author.html``: ``author``,
  ``articles``.
* ``about.html``: ``stats``, ``credits`` [{``name``, ``role``, ``licence``, ``href``,
  ``licence_href``}].
* ``404.html``: nothing more (``base_href`` is set when the site URL is known).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial

from site_builder.render.aids import (
    DICTIONARY,
    aids_file,
    aids_json,
    dictionary_file,
    headline_parts,
)
from site_builder.render.article_view import article_page
from site_builder.render.browse_view import (
    dates_view,
    day_view,
    home_view,
    month_view,
    page_view_full,
    pages_view,
    year_view,
)
from site_builder.render.context import Here, SiteData, View
from site_builder.render.feeds import atom_feed
from site_builder.render.i18n import N_, translations
from site_builder.render.jobs import FileJob, Job, PageJob
from site_builder.render.list_view import list_url
from site_builder.render.renderer import Renderer
from site_builder.render.sitemap import robots_txt, sitemap_xml
from site_builder.render.taxonomy_view import (
    about_view,
    author_page_view,
    authors_view,
    place_page_view,
    places_view,
    tag_page_view,
    tags_view,
)
from site_builder.render.topic_view import topic_name, topic_page_view, topics_view
from site_builder.render.urls import LANGS, Urls, localise
from site_builder.site.paging import page_key


def article_aids(site: SiteData, key: str) -> bytes:
    """Reading-aid file of an article (``aids_file``): its headline parts, then its body
    blocks."""
    if site.aids is not None:
        return aids_file(site.aids[key])
    article = site.library.articles[key]
    texts = [text for _role, text in headline_parts(article)] + list(site.bodies[key].blocks)
    return aids_file(aids_json(texts))


AIDS_TEXT = "aids-text.js"
"""The reading-aids bar's words, one file per interface language beside its home page
(``en/aids-text.js``): ``aids.js`` makes the bar from them, so that article pages do not
carry a hidden bar that only the script can use."""
_BAR_WORDS = {
    "label": N_("Reading aids"),
    "pinyin": N_("Pinyin"),
    "gloss": N_("English glosses"),
    "loading": N_("Loading reading aids…"),
    "failed": N_("The reading aids could not be loaded."),
}


def aids_text(lang: str) -> str:
    """``AIDS_TEXT`` of ``lang``: the bar's words from the interface catalogue."""
    words = {key: translations(lang).gettext(text) for key, text in _BAR_WORDS.items()}
    return f"window.siteAidsText = {json.dumps(words, ensure_ascii=False, sort_keys=True)};\n"


def article_jobs(site: SiteData) -> Iterator[Job]:
    yield FileJob(DICTIONARY, dictionary_file)
    for lang in LANGS:
        yield FileJob(localise(AIDS_TEXT, lang), partial(aids_text, lang))
    for key in site.library.listing:
        yield PageJob("article.html", site.urls.article(key), partial(article_page, site, key=key))
        yield FileJob(site.urls.aids(key), partial(article_aids, site, key))


def browse_jobs(site: SiteData) -> Iterator[Job]:
    yield PageJob("home.html", Urls.home, partial(home_view, site))
    yield PageJob("dates.html", Urls.dates, partial(dates_view, site))
    dates = site.library.dates()
    for year in sorted({d[:4] for d in dates}):
        yield PageJob("year.html", Urls.year(year), partial(year_view, site, year=year))
    for month in sorted({d[:7] for d in dates}):
        y, m = month.split("-")
        yield PageJob("month.html", Urls.month(y, m), partial(month_view, site, year=y, month=m))
    for date in dates:
        yield PageJob("day.html", Urls.day(date), partial(day_view, site, date=date))
    if any(i.date is None for i in site.library.issues):
        yield PageJob("day.html", Urls.dates_unknown, partial(day_view, site, date=None))
    yield PageJob("pages.html", Urls.pages, partial(pages_view, site))
    for page_id in site.library.pages:
        view = partial(page_view_full, site, page_id=page_id)
        yield PageJob("page.html", site.urls.page(page_id), view)


def _paged(
    site: SiteData, template: str, kind: str, name: str, first: str, view: Callable[..., View]
) -> Iterator[Job]:
    """Every page of one growing list (``list_view``): page 0 at ``first``, then the
    numbered ones; ``view`` takes the page's ``number``."""
    count = site.library.list_counts[page_key(kind, name, 0)]
    for number in range(count + 1):
        yield PageJob(template, list_url(first, number), partial(view, number=number))


def index_jobs(site: SiteData) -> Iterator[Job]:
    lib = site.library
    yield PageJob("topics.html", Urls.topics, partial(topics_view, site))
    for topic in lib.topics:
        view = partial(topic_page_view, site, topic=topic)
        yield from _paged(site, "topic.html", "topics", topic, site.urls.topic(topic), view)
    yield PageJob("tags.html", Urls.tags, partial(tags_view, site))
    for tag in lib.tags:
        view = partial(tag_page_view, site, tag=tag)
        yield from _paged(site, "tag.html", "tags", tag, site.urls.tag(tag), view)
    yield PageJob("places.html", Urls.places, partial(places_view, site))
    for code in lib.places:
        view = partial(place_page_view, site, code=code)
        yield from _paged(site, "place.html", "places", code, site.urls.place(code), view)
    yield PageJob("authors.html", Urls.authors, partial(authors_view, site))
    for author in filter(lib.author_has_page, lib.authors):
        view = partial(author_page_view, site, author=author)
        yield from _paged(site, "author.html", "authors", author, site.urls.author(author), view)
    yield PageJob("about.html", Urls.about, partial(about_view, site))


def not_found_view(site: SiteData, h: Here) -> View:
    """The 404 page: with a known site URL it sets ``<base>`` so links work at any depth."""
    base = site.base_url
    href = base + localise(Urls.not_found, h.lang) if base else None
    return {"title": h.gettext("Page not found"), "base_href": href}


def _feed_name(lang: str) -> str:
    return translations(lang).gettext("Newspaper Archive")


def site_feed(site: SiteData, lang: str) -> str:
    name = _feed_name(lang)
    return atom_feed(site, lang, Urls.feed, Urls.home, name, site.library.listing)


def tag_feed(site: SiteData, tag: str) -> str:
    title = f"{_feed_name('zh')}: {tag}"
    keys = site.library.tags[tag]
    return atom_feed(
        site, "zh", site.urls.tag_feed(tag), site.urls.tag(tag), title, keys, shared=True
    )


def topic_feed(site: SiteData, topic: str) -> str:
    title = f"{_feed_name('zh')}: {topic_name(topic).text}"
    keys = site.library.topics[topic]
    path, page = site.urls.topic_feed(topic), site.urls.topic(topic)
    return atom_feed(site, "zh", path, page, title, keys, shared=True)


def place_feed(site: SiteData, code: str) -> str:
    title = f"{_feed_name('zh')}: {site.names.places[code].text}"
    keys = site.library.places[code]
    path, page = site.urls.place_feed(code), site.urls.place(code)
    return atom_feed(site, "zh", path, page, title, keys, shared=True)


def feed_jobs(site: SiteData) -> Iterator[Job]:
    """The site's feed in each language; one feed per tag, topic and place for both (see
    ``feeds``). A place's feed holds the newest articles under it, sub-places included."""
    lib = site.library
    for lang in LANGS:
        yield FileJob(localise(Urls.feed, lang), partial(site_feed, site, lang))
    for t in lib.tags:
        yield FileJob(site.urls.tag_feed(t), partial(tag_feed, site, t))
    for t in lib.topics:
        yield FileJob(site.urls.topic_feed(t), partial(topic_feed, site, t))
    for c in lib.places:
        yield FileJob(site.urls.place_feed(c), partial(place_feed, site, c))


def site_jobs(site: SiteData) -> Iterator[Job]:
    """Every page, feed and data file of the site (not static assets, not the sitemap)."""
    yield from browse_jobs(site)
    yield from article_jobs(site)
    yield from index_jobs(site)
    yield PageJob("404.html", Urls.not_found, partial(not_found_view, site), in_sitemap=False)
    yield from feed_jobs(site)


def finish(r: Renderer) -> None:
    """Sitemap (with a base URL only) and robots.txt, written last so that the sitemap
    lists every page."""
    if r.site.base_url:
        r.folder.write_text("sitemap.xml", sitemap_xml(r.pages, r.site.base_url))
    r.folder.write_text("robots.txt", robots_txt(r.site.base_url))
