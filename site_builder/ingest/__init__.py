"""Ingest: page dumps in ``seeds/`` -> segmented articles -> Markdown in ``content/``."""
