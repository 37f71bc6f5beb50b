"""Enrichment: places (gazetteer + text), tags, English names and reading-aid glosses.

The public API, which the site and render stages code against:

* ``Enricher(articles, region="54", words=None)`` with ``info(article) -> ArticleInfo``,
  ``place(code) -> Place`` and ``ancestors(code) -> list[Place]`` (root first);
* ``article_words(article)``: the per-article NLP (jieba's tagged words) that ``Enricher``
  takes as ``words``, so that it can run in worker processes and be cached;
* ``english_name(term)`` for a tag, author or place name (reviewed table, then CC-CEDICT);
* ``annotate(text) -> list[Token]`` and ``gloss(word) -> Gloss | None`` for reading aids;
* ``places_in(text, context) -> list[PlaceHit]`` for one text.
"""

from site_builder.enrich.enricher import Enricher, article_words
from site_builder.enrich.glosses import annotate, gloss
from site_builder.enrich.models import ArticleInfo, Gloss, Place, PlaceHit, Token
from site_builder.enrich.names import english_name
from site_builder.enrich.places import PlaceContext, places_in

__all__ = [
    "ArticleInfo",
    "Enricher",
    "Gloss",
    "Place",
    "PlaceContext",
    "PlaceHit",
    "Token",
    "annotate",
    "article_words",
    "english_name",
    "gloss",
    "places_in",
]
