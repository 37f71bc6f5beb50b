"""Live preview: ``site-builder serve``.

* ``changes``: the project's folders, a batch of changes by kind, a rebuild's outcome;
* ``watch``: file events (watchdog) gathered into ``Changes`` once the files are quiet;
* ``preview``: the site kept in memory and rebuilt by what each change touches, with
  ``sources`` (parsed content, rendered bodies) and ``output`` (staged, all-or-nothing
  writes into the served folder); its full build, and the facts each job reads, come
  from ``site_builder.build`` (``engine``, ``tracking``, ``templates``);
* ``background``: enrichment and the search index over the whole archive, in another
  process, after which ``output/`` equals a full build again;
* ``server`` and ``overlay``: serving ``output/`` with the livereload client and the
  error overlay added to the pages on the way out.
"""
