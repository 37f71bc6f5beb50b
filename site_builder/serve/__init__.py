"""Live preview: ``site-builder serve``.

``preview`` keeps the site in memory and rebuilds what a change touches (``tracking``
finds which jobs read what changed, ``templates`` which pages use a template), writing
through ``output.Batch``; ``background`` re-runs the archive-wide steps (enrichment, the
search index) in another process; ``watch`` turns file events into ``Changes``;
``server`` serves ``output/`` with live reload and shows errors over the page.
"""
