"""Every word a reader sees on an article page finds that article in search."""

from __future__ import annotations

import re

from search_support import built_site

from site_builder.content.loader import load_content
from site_builder.nlp.tokenizer import words

_HAN = re.compile(r"[\u3400-\u9fff]{2,}")
BODY_WORDS = 30
"""Body words queried per article (the body was searchable before; the rest is new)."""


def _words(text: str | None) -> set[str]:
    """Searchable words of a text: jieba words of two or more Han characters (the index
    finds a Chinese query of two characters or more)."""
    return {w for w in words(text or "") if _HAN.fullmatch(w)}


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
        ]
        queries = set().union(*map(_words, shown))
        queries |= set(sorted(_words(doc.body), key=doc.body.find)[:BODY_WORDS])
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
