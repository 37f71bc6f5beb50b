"""What the preview works on: the project's folders, a batch of changes, an outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.errors import UserError
from site_builder.render.renderer import Renderer

STATIC = "static"
"""The folder of static assets, in the templates folder and in the site."""


@dataclass(slots=True, frozen=True)
class Project:
    """The folders a preview reads and writes, and the extra pages ``build`` is given.

    A preview is served from this computer, so it has no public base URL: links are
    relative and the sitemap and feeds are as ``build`` writes them without one.
    """

    seeds: Path
    content: Path
    templates: Path
    output: Path
    extra_pages: tuple[Callable[[Renderer], None], ...] = ()
    """As ``build_site``'s; they run in the background pass (the search page and index)."""
    cache_dir: Path | None = None
    """The build cache, shared with ``site-builder build`` (None: nothing is kept)."""

    def check(self) -> None:
        """Refuse a folder the preview writes inside a watched one: each rebuild would
        trigger another."""
        written = [(self.output, "site", "an output")]
        if self.cache_dir is not None:
            written.append((self.cache_dir, "cache", "a cache"))
        for path, what, choose in written:
            for folder in (self.seeds, self.content, self.templates):
                if path.absolute().is_relative_to(folder.absolute()):
                    raise UserError(
                        str(path),
                        f"the {what} folder is inside {folder}/, which the preview watches",
                        f"choose {choose} folder outside seeds/, content/ and templates/",
                    )


@dataclass(slots=True)
class Changes:
    """Changed inputs, by kind, gathered over one quiet period."""

    content: set[Path] = field(default_factory=set)
    """Content files (absolute paths) created, changed or deleted."""
    relist: bool = False
    """A folder under ``content/`` came or went: list the files again."""
    templates: set[str] = field(default_factory=set)
    """Template names (relative to the templates folder)."""
    static: bool = False
    """Something under ``templates/static/`` changed."""
    seeds: bool = False
    """A page dump or its sidecar changed: ingest runs before anything else."""

    def __bool__(self) -> bool:
        return bool(self.content or self.relist or self.templates or self.static or self.seeds)


@dataclass(slots=True)
class Outcome:
    """What one rebuild did, for the terminal and the browser."""

    changed: list[str]
    """Output files written or removed (site paths)."""
    errors: list[UserError]
    """Every problem still open after this rebuild (empty: the site is good)."""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    """Lines worth printing besides the errors (ingest results, warnings)."""
