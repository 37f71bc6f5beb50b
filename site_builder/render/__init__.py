"""Render the library into pages: URLs, i18n, views, templates, feeds, sitemap, output.

The phases of a build that call these live in ``site_builder.build``.
"""
