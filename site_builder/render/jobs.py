"""The units a site is written in: a page in every language, or one data file.

A build runs every job once. The live preview (``site_builder.serve``) keeps the jobs of
the last build and runs again only those whose inputs changed, so a job must read
everything it needs when it runs (from the ``SiteData`` its callable closes over), never
from values computed while the jobs were being listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from site_builder.render.context import Here, View


@dataclass(slots=True, frozen=True)
class PageJob:
    """A template rendered at ``path`` in every interface language."""

    template: str
    path: str
    """Language-neutral site path (see ``render.urls``)."""
    view: Callable[[Here], View]
    """The template's own keys, merged over the base context."""
    in_sitemap: bool = True


@dataclass(slots=True, frozen=True)
class FileJob:
    """One file that is not a page: a feed or an article's reading-aid data."""

    path: str
    """Where it is written, relative to the site root (already localised)."""
    text: Callable[[], str | bytes]
    """Its content: text is written as UTF-8, bytes as they are."""


Job = PageJob | FileJob
