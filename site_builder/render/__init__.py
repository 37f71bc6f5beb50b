"""Render the library into ``output/``: URLs, i18n, views, templates, feeds, sitemap.

Entry point: ``site_builder.render.build.build_site``.
"""
