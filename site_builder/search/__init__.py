"""Static full-text search for the archive: Chinese substrings, pinyin, English place names.

The index is built in Python (``build_search_index``) and queried in the browser by
``templates/static/search.js``; ``SPEC.md`` gives the format and the query rules, which
``query.Engine`` implements again in Python. ``page.render_search`` puts both into a site
build: ``build_site(..., extra_pages=[render_search])``, or ``search_pages(terms)`` with
each article's ``text_terms`` supplied from a cache (``TextTerms.to_bytes``/``from_bytes``).
"""

from site_builder.search.analyze import TextTerms, text_terms
from site_builder.search.build import build_search_index, index_order
from site_builder.search.model import IndexStats, SearchDoc, SearchPlace

__all__ = [
    "IndexStats",
    "SearchDoc",
    "SearchPlace",
    "TextTerms",
    "build_search_index",
    "index_order",
    "text_terms",
]
