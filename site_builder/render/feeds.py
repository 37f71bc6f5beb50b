"""Atom feeds (RFC 4287): the site's in each language; one per tag, topic and place,
shared by both language trees.

A list's feed is the Chinese one, at the list's path in the Chinese tree (``tags/x/atom.xml``),
and the English list page links to it too: its entries are the same Chinese articles, and
a second feed per list only repeated them with pinyin after the titles (5 % of the output).
It names both languages' list pages as its alternates (``hreflang``).

Only dated articles are entries: Atom needs an ``updated`` time for each, and an unknown
date is never invented. Times are the issue date at midnight UTC, so the feed changes
only when the content does. Links are relative to the feed file (readers resolve them
against the feed's own URL) unless the build was given the site's absolute URL.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from site_builder.render.context import SiteData
from site_builder.render.urls import LANGS, Linker, localise

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 10
"""Entries of a feed, newest first: what a feed reader shows a new subscriber (a
subscriber polling the feed sees every later article as it comes). Every article is an
entry of the feeds of each of its tags, places and topics, with its lead text; 50 a feed
made the feeds about 8 % of the output at 1,000 articles, 20 a feed were 7 % of it at
10,000 (22.8 MiB; bench/README.md, thirteenth pass). A list's page links every article."""
LEAD_CHARS = 100
"""Characters of an entry's summary at most: the whole sentences of the article's first
paragraph that fit, else its start and an ellipsis. A feed reader shows a few lines of a
summary and links the article; whole first paragraphs were 40 % of the feeds' bytes."""
SENTENCE_ENDS = "。！？!?"
HREFLANG = {"zh": "zh-Hans", "en": "en"}
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"
"""``updated`` of a feed with no dated entry (Atom requires a value)."""


def _href(site: SiteData, link: Linker, path: str) -> str:
    if site.base_url:
        return site.base_url + localise(path, link.lang)
    return link(path)


def _other(site: SiteData, link: Linker, path: str, lang: str) -> str:
    if site.base_url:
        return site.base_url + localise(path, lang)
    return link.other(path, lang)


def lead(text: str) -> str:
    """The summary of an entry whose article's first paragraph is ``text``."""
    if len(text) <= LEAD_CHARS:
        return text
    end = max(text.rfind(mark, 0, LEAD_CHARS) for mark in SENTENCE_ENDS)
    return text[: end + 1] if end >= 0 else text[: LEAD_CHARS - 1] + "…"


def _urn(lang: str, name: str) -> str:
    """A stable id: the same article in the same language always gets the same one."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"site-builder:{lang}:{name}").urn


def atom_feed(
    site: SiteData,
    lang: str,
    feed_path: str,
    page_path: str,
    title: str,
    keys: tuple[str, ...],
    *,
    shared: bool = False,
) -> str:
    """The feed at ``feed_path`` for the listing page at ``page_path``; ``shared``: the one
    feed of a list for both languages, linking to both trees' pages."""
    lib = site.library
    link = Linker(lang, feed_path)
    dated = [k for k in keys if lib.pages[lib.articles[k].page_id].date is not None][:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-Hans" if lang == "zh" else "en"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _urn(lang, f"feed:{feed_path}")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": _href(site, link, feed_path)})
    if shared:
        for other in LANGS:
            href = (
                _href(site, link, page_path)
                if other == lang
                else _other(site, link, page_path, other)
            )
            attributes = {"rel": "alternate", "hreflang": HREFLANG[other], "href": href}
            ET.SubElement(feed, f"{{{ATOM}}}link", attributes)
    else:
        ET.SubElement(
            feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": _href(site, link, page_path)}
        )
    dates = [lib.pages[lib.articles[k].page_id].date or "" for k in dated]
    updated = f"{max(dates)}T00:00:00Z" if dates else EMPTY_FEED_UPDATED
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = title
    for key in dated:
        article = lib.articles[key]
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _urn(lang, f"article:{key}")
        heading = article.title if lang == "zh" else f"{article.title} ({article.title_pinyin})"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = heading
        ET.SubElement(
            entry,
            f"{{{ATOM}}}link",
            {"rel": "alternate", "href": _href(site, link, site.urls.article(key))},
        )
        date = lib.pages[article.page_id].date
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{date}T00:00:00Z"
        for name in article.authors:
            ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = name
        blocks = site.bodies[key].blocks
        if blocks:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = lead(blocks[0])
    # Not indented: feeds are read by programs, and the indentation was 7 % of their bytes.
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"
