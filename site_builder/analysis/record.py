"""What the analysis of one article produces, and how each part is stored in the cache.

The parts are stored apart (one cache kind each) because each is read by a different step
at a different time: words by enrichment, bodies by the article pages, aids by the
reading-aid files, terms by the search index. No step holds all parts of all articles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from site_builder.cache.fingerprint import digest_of
from site_builder.content.article import Article
from site_builder.render.markdown import RenderedBody

WORDS = "words"
BODY = "body"
AIDS = "aids"
TERMS = "terms"
KINDS = (WORDS, BODY, AIDS, TERMS)


def analysis_key(article: Article) -> str:
    """Hash of every field the analysis reads; the code fingerprint is the cache's own.

    Tags, locations, dates and the like are left out on purpose: changing them in front
    matter does not make the costly analysis run again.
    """
    return digest_of(
        (article.kicker, article.title, article.title_derived, article.subtitle, article.body)
    )


@dataclass(slots=True, frozen=True)
class Analysis:
    """One article's analysis, each part already encoded for the cache."""

    words: bytes
    body: bytes
    aids: bytes
    terms: bytes

    def part(self, kind: str) -> bytes:
        """The part stored under cache kind ``kind`` (one of ``KINDS``, the field names)."""
        data: bytes = getattr(self, kind)
        return data


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def encode_words(words: list[tuple[str, str]]) -> bytes:
    return _json(words)


def decode_words(data: bytes) -> list[tuple[str, str]]:
    return [(str(word), str(flag)) for word, flag in json.loads(data)]


def encode_body(body: RenderedBody) -> bytes:
    return _json({"html": str(body.html), "blocks": list(body.blocks)})


def decode_body(data: bytes) -> RenderedBody:
    value = json.loads(data)
    # The HTML was made safe by markdown-it (raw HTML off) before it was cached.
    return RenderedBody(Markup(value["html"]), tuple(value["blocks"]))
