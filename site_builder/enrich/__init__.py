"""Enrichment: places (gazetteer + text), tags, English names and reading-aid glosses.

The public API, which the site and render stages code against:

* ``Enricher(articles, region="54")`` with ``info(article) -> ArticleInfo``,
  ``place(code) -> Place`` and ``ancestors(code) -> list[Place]`` (root first);
* ``english_name(term)`` for a tag, author or place name (reviewed table, then CC-CEDICT);
* ``annotate(text) -> list[Token]`` and ``gloss(word) -> Gloss | None`` for reading aids;
* ``places_in(text, context) -> list[PlaceHit]`` for one text.
"""

from site_builder.enrich.enricher import Enricher
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
    "english_name",
    "gloss",
    "places_in",
]
