"""The site model: a read-only library of articles with their indices.

Built once from the loaded articles and their enrichment; render reads it and never changes
it. Pages refer to each other by article key (``page_id/slug``), not by object.
"""
