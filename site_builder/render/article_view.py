"""The article page view: headline, metadata, body, neighbours, citation, JSON-LD."""

from __future__ import annotations

from collections.abc import Sequence

from site_builder.content.article import Article
from site_builder.enrich.topics import vocabulary
from site_builder.render.aids import headline_parts
from site_builder.render.context import (
    Here,
    SiteData,
    View,
    author_view,
    date_view,
    heading,
    kind_label,
    page_label,
    place_view,
    summary,
    tag_view,
)
from site_builder.render.i18n import HTML_LANG
from site_builder.render.topic_view import topic_view
from site_builder.render.urls import LANGS, localise
from site_builder.site.library import Neighbours
from site_builder.site.numbers import page_number

SAME_PAGE_SHOWN = 2
"""Other articles of its printed page that an article page lists: the nearest in page
order, so always the articles before and after it. The list was a quarter of an article
page's bytes with four (9.1 MiB of the 10,000 archive's pages were the two farther ones);
the printed page's own page, linked under the list, names them all."""


def nearest_on_page(articles: Sequence[str], key: str, shown: int = SAME_PAGE_SHOWN) -> list[str]:
    """The ``shown`` articles of ``articles`` nearest to ``key`` in their order (the later
    one first at equal distance), in that order, ``key`` left out."""
    here = articles.index(key)
    others = [i for i in range(len(articles)) if i != here]
    chosen = sorted(others, key=lambda i: (abs(i - here), i < here))[:shown]
    return [articles[i] for i in sorted(chosen)]


def line_ranges(lines: list[int]) -> str:
    """``[3, 4, 5, 9]`` -> ``3–5, 9``."""
    spans: list[list[int]] = []
    for line in sorted(set(lines)):
        if spans and line == spans[-1][1] + 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _rel(neighbours: Neighbours, other: str) -> str | None:
    """``prev`` or ``next`` for the article's neighbours on its printed page."""
    return "prev" if other == neighbours.prev else "next" if other == neighbours.next else None


def _neighbour(site: SiteData, here: Here, key: str | None) -> View | None:
    return None if key is None else summary(site, here, key)


def _jump(site: SiteData, here: Here, marker: str | None, joined: str | None, to: bool) -> View:
    """A 下转/上接 link: to the other part when it is in the archive, else the bare marker."""
    if marker is None and joined is None:
        return {"label": None, "href": None, "title": None}
    number = page_number(marker) if marker else None
    where = here.gettext("page %(num)s") % {"num": number} if number is not None else marker
    text = here.gettext("Continued on %(page)s") if to else here.gettext("Continued from %(page)s")
    other = site.library.articles[joined] if joined else None
    return {
        "label": text % {"page": where},
        "href": here.link(site.urls.article(joined)) if joined else None,
        "title": other.title if other else None,
    }


def citation(site: SiteData, here: Here, article: Article) -> str:
    """A GB/T 7714 newspaper reference: ``作者. 题名[N]. 报纸名, 日期(版次).``"""
    page = site.library.pages[article.page_id]
    paper = page.paper or here.gettext("[paper unknown]")
    date = page.date or here.gettext("[date unknown]")
    number = f"({page.number})" if page.number is not None else ""
    authors = f"{', '.join(article.authors)}. " if article.authors else ""
    return f"{authors}{article.title}[N]. {paper}, {date}{number}."


def _about(topic: str) -> View:
    """A topic as a schema.org ``Thing``; a top-level topic names its IPTC Media Topic."""
    entry = vocabulary()[topic]
    thing: View = {"@type": "Thing", "name": entry.name, "alternateName": entry.name_en}
    if entry.iptc:
        code = entry.iptc.removeprefix("medtop:")
        thing["sameAs"] = f"http://cv.iptc.org/newscodes/mediatopic/{code}"
    return thing


def json_ld(site: SiteData, here: Here, article: Article) -> View:
    """schema.org ``NewsArticle`` metadata; unknown values are left out, never guessed."""
    lib = site.library
    page = lib.pages[article.page_id]
    data: View = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": HTML_LANG["zh"],
    }
    optional: View = {
        "alternativeHeadline": article.subtitle,
        "datePublished": page.date,
        "articleSection": article.column,
        "printSection": page.name,
        "printPage": str(page.number) if page.number is not None else None,
        "author": [{"@type": "Person", "name": n} for n in article.authors] or None,
        "publisher": {"@type": "Organization", "name": page.paper} if page.paper else None,
        "keywords": list(lib.article_tags[article.key]) or None,
        "about": [_about(t) for t in lib.article_topics[article.key]] or None,
        "contentLocation": [
            {"@type": "Place", "name": site.names.places[c].text}
            for c in lib.article_places[article.key]
        ]
        or None,
        "url": (
            site.base_url + localise(site.urls.article(article.key), here.lang)
            if site.base_url
            else None
        ),
    }
    data.update({k: v for k, v in optional.items() if v is not None})
    return data


def article_view(site: SiteData, here: Here, key: str) -> View:
    """The ``article`` of ``article.html`` (see ``render.pages`` for its keys)."""
    lib = site.library
    article = lib.articles[key]
    page = lib.pages[article.page_id]
    headline = {
        role: {"text": text, "aid": i} for i, (role, text) in enumerate(headline_parts(article))
    }
    return {
        "key": key,
        "title": {
            "text": article.title,
            "pinyin": article.title_pinyin,
            "derived": article.title_derived,
        },
        "kicker": headline.get("kicker"),
        "headline": headline["title"],
        "subtitle": headline.get("subtitle"),
        "kind": kind_label(article.kind, here),
        "paper": page.paper,
        "date": date_view(site, here, page.date),
        "page": {"label": page_label(page, here), "href": here.link(site.urls.page(page.page_id))},
        "dateline": article.dateline,
        "column": article.column,
        # Shown apart only by articles whose text does not end with it (written before
        # the segmenter kept it as the last paragraph, or edited so).
        "affiliation": _affiliation_apart(article),
        "authors": [author_view(site, here, a, key) for a in dict.fromkeys(article.authors)],
        "tags": [tag_view(site, here, t) for t in lib.article_tags[key]],
        "topics": [topic_view(site, here, t) for t in lib.article_topics[key]],
        "places": [
            {"place": place_view(site, here, code), "trail": _trail(site, here, code)}
            for code in lib.article_places[key]
        ],
        "body": site.bodies[key].html,
        "aids_href": here.link.shared(site.urls.aids(key)),
        "prev_on_page": _neighbour(site, here, lib.on_page[key].prev),
        "next_on_page": _neighbour(site, here, lib.on_page[key].next),
        "prev_by_date": _neighbour(
            site, here, lib.by_date[key].prev if key in lib.by_date else None
        ),
        "next_by_date": _neighbour(
            site, here, lib.by_date[key].next if key in lib.by_date else None
        ),
        "same_page": [
            {**summary(site, here, other), "rel": _rel(lib.on_page[key], other)}
            for other in nearest_on_page(page.articles, key)
        ],
        "same_page_all": (
            here.gettext("All %(num)d articles on this page") % {"num": len(page.articles)}
            if len(page.articles) > SAME_PAGE_SHOWN + 1
            else None
        ),
        "continued_to": _jump(site, here, article.continued_to, lib.continued_to.get(key), True),
        "continued_from": _jump(
            site, here, article.continued_from, lib.continued_from.get(key), False
        ),
        "citation": citation(site, here, article),
        "source": {"file": article.source.file, "lines": line_ranges(article.source.lines)},
        # The article's structured data once, in the Chinese page the English one links
        # as its original (the language switch): the same ``NewsArticle`` in both trees
        # was about 700 bytes of every English article page.
        "jsonld": json_ld(site, here, article) if here.lang == LANGS[0] else None,
    }


def article_page(site: SiteData, here: Here, key: str) -> View:
    """Context of ``article.html``: ``title`` and ``article``."""
    article = site.library.articles[key]
    return {
        "title": heading(article.title, article.title_pinyin, None, here.lang),
        "article": article_view(site, here, key),
    }


def _trail(site: SiteData, here: Here, code: str) -> list[View]:
    """Ancestors of a place, root first, each linked."""
    trail: list[View] = []
    current = site.library.place_parent.get(code)
    while current is not None and current not in (v["code"] for v in trail):
        trail.append({"code": current, **place_view(site, here, current)})
        current = site.library.place_parent.get(current)
    return list(reversed(trail))


def _affiliation_apart(article: Article) -> str | None:
    affiliation = article.affiliation
    last = article.body.rstrip().rsplit("\n\n", 1)[-1]
    if affiliation and affiliation.strip() in last:
        return None
    return affiliation
