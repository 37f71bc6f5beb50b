"""``build_site``: content -> analysis -> library -> rendered site, committed on success.

Reads top to bottom like the pipeline: load every content file (collecting all errors),
analyse each article (or take its analysis from the cache), enrich over the whole
archive, build the read-only library, then render every page in both languages into a
staged folder that is committed to ``output/`` only if everything succeeded (files that
did not change are left alone, see ``render.output``).

With a persistent cache, a build whose inputs and output are exactly those of the last
successful build does nothing at all (see ``cache.record``), and any other build runs
only the render jobs that read something that changed since (see ``dependencies``).
What ``output/`` holds is taken from the last build's manifest while its folders show
no change, and walked otherwise (see ``cache.manifest``).
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from site_builder.build.engine import Engine, Options, missing_templates
from site_builder.build.incremental import Incremental, record_key
from site_builder.cache.fingerprint import digest_of
from site_builder.cache.manifest import OutputState, keep_output, output_now
from site_builder.cache.record import BuildRecord, inputs_digest
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.content.frontmatter import load
from site_builder.content.known import KnownFronts
from site_builder.content.loader import load_content
from site_builder.errors import UserError
from site_builder.render.output import staged
from site_builder.render.renderer import Renderer
from site_builder.render.sitemap import base_url_warnings

FRONTS = "fronts"
"""Cache kind of the front matter parsed by the last build, one entry per content folder."""


@dataclass(slots=True)
class BuildResult:
    """What a successful build wrote."""

    output_dir: Path
    articles: int
    html_pages: int
    """HTML files in the site, both languages counted."""
    files: int
    """Every file in the output (pages, feeds, JSON, static assets, search index, sitemap)."""
    warnings: list[str] = field(default_factory=list)
    """Things a person may want to check, e.g. place names that stayed ambiguous."""
    skipped: bool = False
    """Nothing had changed since the last build: nothing was done."""
    analysed: int = 0
    """Articles analysed in this build; the others' analysis came from the cache."""
    written: int = 0
    """Files written (new or changed); the others were already right."""
    removed: int = 0
    """Files of the previous site that this build no longer makes, deleted."""
    notes: list[str] = field(default_factory=list)
    """Problems found and repaired on the way, e.g. a corrupt cache started afresh."""
    jobs: int = 0
    """Render jobs of the site: a page in both languages, or a data file."""
    rendered: int = 0
    """Jobs (a page in both languages, or a data file) run; the others read nothing
    that changed since the last build, and their files were left as they were."""


class BuildError(Exception):
    """The build failed; ``errors`` lists every problem found, each naming its file."""

    def __init__(self, errors: Sequence[UserError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = list(errors)


def describe(
    base_url: str | None, extra_pages: Sequence[Callable[[Renderer], None]]
) -> tuple[object, ...]:
    """What a build's output depends on besides its content and templates."""
    return (base_url, [getattr(f, "__qualname__", repr(f)) for f in extra_pages])


@contextmanager
def _opened(cache_dir: Path | None) -> Iterator[Cache]:
    """The persistent cache, or one in a temporary folder that goes away afterwards."""
    if cache_dir is not None:
        with Cache(cache_dir) as cache:
            yield cache
        return
    with (
        tempfile.TemporaryDirectory(prefix="site-builder-cache-") as folder,
        Cache(Path(folder)) as cache,
    ):
        yield cache


def build_site(
    content_dir: Path,
    templates_dir: Path,
    output_dir: Path,
    *,
    base_url: str | None = None,
    extra_pages: Sequence[Callable[[Renderer], None]] = (),
    cache_dir: Path | None = None,
    workers: int = 1,
) -> BuildResult:
    """Build the site from ``content_dir`` into ``output_dir``.

    ``base_url`` (e.g. ``https://example.org/archive/``) makes the sitemap, feeds, JSON-LD
    and the 404 page use absolute URLs; pages link relatively either way. Each function in
    ``extra_pages`` is called with the ``Renderer`` after the site's own pages (search uses
    this). ``cache_dir`` keeps analyses and the dependency record between builds (None:
    nothing is kept); ``workers`` is the number of processes (the output does not depend
    on it). Raises ``BuildError`` listing every problem; ``output_dir`` is then unchanged.
    """
    if base_url is not None and not base_url.endswith("/"):
        base_url += "/"
    options = Options(base_url, tuple(extra_pages), workers)
    described = describe(base_url, extra_pages)
    kept = cache_dir is not None  # a temporary cache records nothing for next time
    with _opened(cache_dir) as cache:
        inputs = inputs_digest(content_dir, templates_dir, described) if kept else ""
        last = BuildRecord.load(cache) if kept else None
        # The commit works from this list (see ``staged``).
        now = output_now(cache, output_dir) if kept else None
        if last and now and last.inputs == inputs and last.output == now.digest:
            return BuildResult(
                output_dir, last.articles, last.html_pages, last.files, last.warnings, True
            )
        engine = Engine(templates_dir, options, cache)
        # One dependency record per output folder, templates and options.
        key = record_key(output_dir, templates_dir, described) if kept else None
        try:
            result, after = _build(content_dir, output_dir, engine, key, now)
        finally:
            gc.unfreeze()  # what ``_settled`` froze is the build's: collected as usual again
        if kept:
            BuildRecord(
                inputs, after, result.articles, result.html_pages, result.files, result.warnings
            ).save(cache)
        result.notes = cache.notes + (
            [f"{cache.corrupt} corrupt cache entries found and made again"] if cache.corrupt else []
        )
        return result


@contextmanager
def _settled() -> Iterator[None]:
    """Run a step that builds what the rest of the build reads (articles, analyses, the
    site model, the dependency record) with the cyclic collector paused, then freeze
    what it made: those objects live until the build ends, and each full collection
    would otherwise walk all of them again (at 1,000 articles a third of an edit
    build's CPU). Later steps still collect their own garbage cycles (render jobs leave
    some; pausing the collector for a whole cold build would hold them all)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _reload(content_dir: Path, article: Article) -> Article:
    """The article's file read again (``Article.path`` starts with the content folder's
    name, as ``load_content`` shows it)."""
    return load(content_dir.resolve().parent / article.path, article.path)


def _load(content_dir: Path, cache: Cache | None) -> tuple[list[Article], list[UserError]]:
    """``load_content`` with the front matter the last build parsed kept in ``cache``."""
    if cache is None:
        return load_content(content_dir)
    key = digest_of((str(content_dir.absolute()),))
    known = KnownFronts.decode(cache.get(FRONTS, key))
    loaded = load_content(content_dir, known)
    if known.changed:
        cache.put(FRONTS, key, known.encode())
    return loaded


def _build(
    content_dir: Path,
    output_dir: Path,
    engine: Engine,
    record_key: str | None,
    before: OutputState | None,
) -> tuple[BuildResult, str]:
    """The phases, with the dependency record under ``record_key`` (None: none kept);
    ``before``: what ``output/`` holds now (None when nothing is kept).
    Returns the result and the digest of ``output/`` after the commit ("" when nothing is
    kept)."""
    with _settled():
        articles, errors = _load(content_dir, engine.cache)
    errors += missing_templates(engine.templates)
    if errors:
        raise BuildError(errors)
    try:
        with _settled():
            analysis, stats = engine.analyse(articles, partial(_reload, content_dir))
        assert analysis is not None, "build_site always opens a cache"
        with _settled():
            enrichment = engine.enrich(articles, analysis)
        # Enrichment was the last step to read the Markdown; pages, feeds and the search
        # index read the analysis. Memory now holds metadata, not the archive's text.
        analysis.release_bodies()
        with _settled():
            site = engine.site(articles, enrichment, analysis)
            digest = before.digest if before is not None else ""
            plan = Incremental(site, analysis.keys, engine, record_key, digest)
        with staged(output_dir, before.listed if before is not None else None) as folder:
            written = engine.write(site, folder, plan.jobs, plan.run, plan.recorder, plan.memo)
    except UserError as error:
        raise BuildError([error]) from None
    after = ""
    if record_key is not None and before is not None and engine.cache is not None:
        after = keep_output(engine.cache, output_dir, folder.listed, before)
    plan.keep(written.reads, after)
    analysis.forget_others()
    produced = folder.produced
    made = BuildResult(
        output_dir=output_dir,
        articles=len(site.library.articles),
        html_pages=sum(1 for p in produced if p.endswith(".html")),
        files=len(produced),
        warnings=list(enrichment.warnings) + base_url_warnings(engine.options.base_url),
        analysed=stats.computed,
        written=folder.stats.written,
        removed=folder.stats.removed,
        jobs=len(plan.jobs),
        rendered=len(written.reads),
    )
    return made, after
