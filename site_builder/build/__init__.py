"""The build: one engine for ``site-builder build``, the live preview and its background pass.

* ``engine``: the phases (load, analyse, enrich, site model, render, extra pages, write)
  as one ``Engine`` with ``Options`` for what differs between callers;
* ``run``: ``build_site``, the command-line build, skipped when nothing changed;
* ``tracking``: what each render job reads from the site (facts), and what an edit changed;
* ``dependencies``: those reads kept in the build cache between builds, with ``incremental``
  choosing the jobs a build runs from them;
* ``templates``: which templates each template uses.

Entry point: ``site_builder.build.run.build_site``.
"""
