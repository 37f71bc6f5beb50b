"""Static full-text search for the archive: Chinese substrings, pinyin, English place names.

The index is built in Python (``build_search_index``) and queried in the browser by
``templates/static/search.js``; ``SPEC.md`` gives the format and the query rules, which
``query.Engine`` implements again in Python. ``page.render_search`` puts both into a site
build: ``build_site(..., extra_pages=[render_search])``.
"""

from site_builder.search.build import build_search_index
from site_builder.search.model import IndexStats, SearchDoc, SearchPlace

__all__ = ["IndexStats", "SearchDoc", "SearchPlace", "build_search_index"]
