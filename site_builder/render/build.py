"""``build_site``: content -> library -> rendered site, swapped into ``output/`` on success.

Reads top to bottom like the pipeline: load every content file (collecting all errors),
enrich, build the read-only library, render bodies once, then render every page in both
languages into a fresh folder that replaces ``output/`` only if everything succeeded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.content.loader import load_content
from site_builder.errors import UserError
from site_builder.render.output import staged
from site_builder.render.pages import finish, render_site
from site_builder.render.prepare import enrich, site_data
from site_builder.render.renderer import Renderer


@dataclass(slots=True)
class BuildResult:
    """What a successful build wrote."""

    output_dir: Path
    articles: int
    html_pages: int
    """HTML files written, both languages counted."""
    files: int
    """Every file in the output (pages, feeds, JSON, static assets, search index, sitemap)."""
    warnings: list[str] = field(default_factory=list)
    """Things a person may want to check, e.g. place names that stayed ambiguous."""


class BuildError(Exception):
    """The build failed; ``errors`` lists every problem found, each naming its file."""

    def __init__(self, errors: Sequence[UserError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = list(errors)


def missing_templates(templates_dir: Path) -> list[UserError]:
    """The error of a templates folder without the layout, if it is one."""
    if (templates_dir / "base.html").is_file():
        return []
    return [
        UserError(
            str(templates_dir),
            "no base.html in the templates folder",
            "point the build at the project's templates/ folder",
        )
    ]


def build_site(
    content_dir: Path,
    templates_dir: Path,
    output_dir: Path,
    *,
    base_url: str | None = None,
    extra_pages: Sequence[Callable[[Renderer], None]] = (),
) -> BuildResult:
    """Build the site from ``content_dir`` into ``output_dir``.

    ``base_url`` (e.g. ``https://example.org/archive/``) makes the sitemap, feeds, JSON-LD
    and the 404 page use absolute URLs; pages link relatively either way. Each function in
    ``extra_pages`` is called with the ``Renderer`` after the site's own pages (search uses
    this). Raises ``BuildError`` listing every problem; ``output_dir`` is then unchanged.
    """
    articles, errors = load_content(content_dir)
    errors += missing_templates(templates_dir)
    if errors:
        raise BuildError(errors)
    if base_url is not None and not base_url.endswith("/"):
        base_url += "/"
    try:
        enrichment = enrich(articles)
        site = site_data(articles, enrichment, base_url)
        with staged(output_dir) as folder:
            renderer = Renderer(site, templates_dir, folder)
            render_site(renderer)
            for extra in extra_pages:
                extra(renderer)
            finish(renderer)
    except UserError as error:
        raise BuildError([error]) from None
    # Counted from the swapped-in folder: extra pages (search) may write files of their own.
    files = [p for p in output_dir.rglob("*") if p.is_file()]
    return BuildResult(
        output_dir=output_dir,
        articles=len(site.library.articles),
        html_pages=sum(1 for p in files if p.suffix == ".html"),
        files=len(files),
        warnings=list(enrichment.warnings),
    )
