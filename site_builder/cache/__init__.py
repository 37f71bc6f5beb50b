"""The persistent build cache: per-article results kept between builds.

``store.Cache`` is a SQLite file under ``.cache/site-builder/`` (safe to delete at any
time); ``fingerprint`` says which code and which inputs a cached result was made from, so
a result made by other code or from other input is never used.
"""
