"""Views of the topic index: every topic with its subtopics and counts, and each topic's
page. Topic names come from the vocabulary in both languages, never from a dictionary."""

from __future__ import annotations

from functools import cache

from site_builder.enrich.topics import vocabulary
from site_builder.nlp.pinyin import pinyin_text
from site_builder.render.context import Here, SiteData, View, heading, name_view
from site_builder.render.list_view import list_page, titled
from site_builder.render.names import Name


@cache
def topic_name(topic: str) -> Name:
    """Chinese name, its pinyin and the English name of a topic."""
    entry = vocabulary()[topic]
    return Name(entry.name, pinyin_text(entry.name), entry.name_en)


def topic_view(site: SiteData, here: Here, topic: str) -> View:
    return name_view(topic_name(topic), here.link(site.urls.topic(topic)))


def _entry(site: SiteData, here: Here, topic: str) -> View:
    """A topic with its article count and the subtopics that have articles."""
    lib = site.library
    return {
        **topic_view(site, here, topic),
        "count": here.count("%(num)d article", "%(num)d articles", len(lib.topics[topic])),
        "children": [_entry(site, here, t) for t in lib.topics if vocabulary()[t].parent == topic],
    }


def topics_view(site: SiteData, here: Here) -> View:
    """Context of ``topics.html``: top-level topics in vocabulary order, each with its
    subtopics and counts (only topics that have articles)."""
    roots = [t for t in site.library.topics if vocabulary()[t].parent is None]
    return {"title": here.gettext("Topics"), "tree": [_entry(site, here, t) for t in roots]}


def topic_page_view(site: SiteData, here: Here, topic: str, number: int = 0) -> View:
    """Context of ``topic.html``: the topic, its parent and subtopics, page ``number`` of
    its articles (those of its subtopics included) and its feed."""
    name = topic_name(topic)
    parent = vocabulary()[topic].parent
    page = list_page(site, here, "topics", topic, number, site.urls.topic(topic))
    return page | {
        "title": titled(heading(name.text, name.pinyin, name.en, here.lang), page),
        "topic": topic_view(site, here, topic),
        "parent": topic_view(site, here, parent) if parent else None,
        "children": [
            topic_view(site, here, t)
            for t in site.library.topics
            if vocabulary()[t].parent == topic
        ],
        "feed": {
            "href": here.link.shared(site.urls.topic_feed(topic)),
            "title": here.gettext("Atom feed of this topic"),
        },
    }
