"""Every word a reader sees on an article page finds that article in search."""

from __future__ import annotations

import re
from html import unescape

from search_support import built_site

from site_builder.content.loader import load_content
from site_builder.nlp.tokenizer import words
from site_builder.render.i18n import translations
from site_builder.search.text import STOP_WORDS

_WORD = re.compile(r"[\u3400-\u9fff]{2,}|[A-Za-z]{3,}")


def _words(text: str | None) -> set[str]:
    """Searchable words of a text: jieba words of two or more Han characters (the index
    finds a Chinese query of two characters or more) and Latin words of three letters or
    more (5G's G, a unit's km are no query a reader types), less English stop words (the
    "and" of "Arts and culture" finds what any text with "and" has)."""
    return {w for w in words(text or "") if _WORD.fullmatch(w) and w.casefold() not in STOP_WORDS}


def test_every_word_shown_on_an_article_page_finds_the_article() -> None:
    built = built_site()
    articles, errors = load_content(built.output.parent / "content")
    assert not errors
    by_key = {a.key: a for a in articles}
    engine = built.engine()
    missed: list[str] = []
    queried = 0
    for doc in built.docs:
        article = by_key[doc.key]
        shown = [
            article.title,
            article.kicker,
            article.subtitle,
            article.column,
            article.dateline,
            article.affiliation,
            doc.paper,
            doc.page_name,
            *article.authors,
            *doc.tags,
            *(p.name for p in (*doc.places, *doc.ancestors)),
            *(t.name for t in doc.topics),
            *(t.name_en for t in doc.topics),
            doc.body,
        ]
        queries = set().union(*map(_words, shown))
        for query in sorted(queries):
            queried += 1
            if doc.key not in engine.search_all(query):
                missed.append(f"{doc.key}: {query}")
    assert queried > 300
    assert missed == [], "\n".join(missed)


def test_an_affiliation_is_searchable() -> None:
    built = built_site()
    articles, _ = load_content(built.output.parent / "content")
    engine = built.engine()
    with_affiliation = [a for a in articles if a.affiliation]
    assert with_affiliation
    for article in with_affiliation:
        for word in _words(article.affiliation):
            assert article.key in engine.search_all(word), (article.key, word)


_OWN = re.compile(
    r'<header class="headline".*?</header>|<dl class="meta">.*?</dl>'
    r'|<div class="article-body".*?</div>\n|<p class="affiliation".*?</p>',
    re.S,
)
"""The parts of an article page that show the article's own fields (headline, metadata,
body, affiliation): not the site's navigation, the neighbours or the same-page list, which
show other articles' titles."""
_TAG = re.compile(r"<[^>]+>")
FACETS = ("Date", "Page", "Kind")
"""Metadata the site writes in its own words (日期不详, 版次不详, 消息 "news"): a reader
reaches these by the date and page lists and the search's kind filter, not by words."""


def _page_text(html: str) -> str:
    """The visible text of the article's own parts of a rendered Chinese page, without the
    labels of its metadata (``<dt>``) and without the ``FACETS``' values."""
    labels = "|".join(re.escape(translations("zh").gettext(f)) for f in FACETS)
    own = "\n".join(m.group() for m in _OWN.finditer(html))
    own = re.sub(rf"<dt>(?:{labels})</dt><dd>.*?</dd>", "", own, flags=re.S)
    own = re.sub(r"<dt>.*?</dt>", "", own, flags=re.S)
    return unescape(_TAG.sub("\n", own))


def test_every_word_of_the_rendered_article_page_finds_the_article() -> None:
    # Read from the pages as built, so that a field a template shows and search does not
    # index fails here even if no one lists it above.
    built = built_site()
    engine = built.engine()
    missed: list[str] = []
    queried = 0
    for doc in built.docs:
        path = built.output / doc.url.lstrip("/")
        html = (path / "index.html" if path.is_dir() else path).read_text("utf-8")
        queries = _words(_page_text(html))
        assert queries, doc.key
        for query in sorted(queries):
            queried += 1
            if doc.key not in engine.search_all(query):
                missed.append(f"{doc.key}: {query}")
    assert queried > 300
    assert missed == [], "\n".join(missed)
