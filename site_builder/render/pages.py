"""Every page, feed and data file of the site, and the context each template receives.

Every template gets the base context (``renderer.base_context``: ``lang``, ``html_lang``,
``site_name``, ``nav``, ``static``, ``switch``, ``alternates``, ``feed``, ``base_href``)
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
  ``next_on_page``, ``prev_by_date``, ``next_by_date`` (summary or None), ``same_page``,
  ``continued_to``/``continued_from`` {``label``, ``href``, ``title``}, ``citation``,
  ``source`` {``file``, ``lines``}, ``jsonld``).
* ``dates.html``: ``years`` [{``label``, ``href``, ``count``}], ``undated`` ({``count``,
  ``href``} or None).
* ``year.html``: ``year`` {``label``}, ``months`` [{``label``, ``href``, ``count``}], ``up``.
* ``month.html``: ``month`` {``label``}, ``weekdays``, ``weeks`` [[{``day``, ``href``}]],
  ``prev``/``next`` ({``label``, ``href``} or None), ``up``.
* ``day.html``: ``date``, ``issues`` [{``paper``, ``date``, ``pages`` [page + ``articles``
  [summary]]}], ``prev``/``next`` (date or None), ``up``. Also the undated list.
* ``pages.html``: ``issues`` (as on home). ``page.html``: ``page``, ``articles``,
  ``prev``/``next`` ({``label``, ``href``} or None).
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

from functools import partial

from site_builder.render.aids import aids_json, headline_parts
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
from site_builder.render.context import Here, View
from site_builder.render.feeds import atom_feed
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
from site_builder.render.urls import LANGS, Urls, localise


def render_articles(r: Renderer) -> None:
    site = r.site
    for key in site.library.listing:
        r.page("article.html", site.urls.article(key), partial(article_page, site, key=key))
        article = site.library.articles[key]
        texts = [text for _role, text in headline_parts(article)] + list(site.bodies[key].blocks)
        r.folder.write_text(site.urls.aids(key), aids_json(texts))


def render_browse(r: Renderer) -> None:
    site = r.site
    r.page("home.html", Urls.home, partial(home_view, site))
    r.page("dates.html", Urls.dates, partial(dates_view, site))
    dates = site.library.dates()
    for year in sorted({d[:4] for d in dates}):
        r.page("year.html", Urls.year(year), partial(year_view, site, year=year))
    for month in sorted({d[:7] for d in dates}):
        y, m = month.split("-")
        r.page("month.html", Urls.month(y, m), partial(month_view, site, year=y, month=m))
    for date in dates:
        r.page("day.html", Urls.day(date), partial(day_view, site, date=date))
    if any(i.date is None for i in site.library.issues):
        r.page("day.html", Urls.dates_unknown, partial(day_view, site, date=None))
    r.page("pages.html", Urls.pages, partial(pages_view, site))
    for page_id in site.library.pages:
        r.page("page.html", site.urls.page(page_id), partial(page_view_full, site, page_id=page_id))


def render_indices(r: Renderer) -> None:
    site = r.site
    lib = site.library
    r.page("tags.html", Urls.tags, partial(tags_view, site))
    for tag in lib.tags:
        r.page("tag.html", site.urls.tag(tag), partial(tag_page_view, site, tag=tag))
    r.page("places.html", Urls.places, partial(places_view, site))
    for code in lib.places:
        r.page("place.html", site.urls.place(code), partial(place_page_view, site, code=code))
    r.page("authors.html", Urls.authors, partial(authors_view, site))
    for author in lib.authors:
        r.page(
            "author.html", site.urls.author(author), partial(author_page_view, site, author=author)
        )
    r.page("about.html", Urls.about, partial(about_view, site))


def render_not_found(r: Renderer) -> None:
    """The 404 page: with a known site URL it sets ``<base>`` so links work at any depth."""
    base = r.site.base_url

    def view(h: Here) -> View:
        href = base + localise(Urls.not_found, h.lang) if base else None
        return {"title": h.gettext("Page not found"), "base_href": href}

    r.page("404.html", Urls.not_found, view, in_sitemap=False)


def render_feeds(r: Renderer) -> None:
    site = r.site
    lib = site.library
    for lang in LANGS:
        gettext = r.here(lang, Urls.feed).gettext
        name = gettext("Newspaper Archive")
        feeds = [(Urls.feed, Urls.home, name, lib.listing)]
        feeds += [
            (site.urls.tag_feed(t), site.urls.tag(t), f"{name}: {t}", lib.tags[t]) for t in lib.tags
        ]
        feeds += [
            (
                site.urls.place_feed(c),
                site.urls.place(c),
                f"{name}: {site.names.places[c].text}",
                lib.places[c],
            )
            for c in lib.places
        ]
        for feed_path, page_path, title, keys in feeds:
            text = atom_feed(site, lang, feed_path, page_path, title, keys)
            r.folder.write_text(localise(feed_path, lang), text)


def render_site(r: Renderer) -> None:
    """Write every page, feed, data file and static asset (not the sitemap: see ``finish``)."""
    render_browse(r)
    render_articles(r)
    render_indices(r)
    render_not_found(r)
    render_feeds(r)
    r.folder.copy_tree(r.templates_dir / "static", "static")


def finish(r: Renderer) -> None:
    """Sitemap and robots.txt, written last so that the sitemap lists every page."""
    r.folder.write_text("sitemap.xml", sitemap_xml(r.pages, r.site.base_url))
    r.folder.write_text("robots.txt", robots_txt(r.site.base_url))
