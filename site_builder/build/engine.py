"""``Engine``: the phases of a build, in one place for every caller.

load -> analyse -> enrich -> site model -> render -> extra pages (search) -> write. The
command-line build, the live preview's full build and the background pass all run these
phases through one ``Engine``; what differs between them is an ``Options`` value (worker
processes, extra pages, whether the site's own pages are rendered) and what they pass in
(a cache or none, an enrichment decided already, a body renderer that remembers).

Render jobs are run with a ``Recorder`` (see ``tracking``): the reads of each job come
back to the caller, also from worker processes, so that the preview and the dependency
record know which job read which fact.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from jinja2 import Environment

from site_builder.analysis.archive import AnalysisStats, ArchiveAnalysis, analyse_archive
from site_builder.build.reads import Reads
from site_builder.build.tracking import Fact, Recorder
from site_builder.cache.memo import Memo
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.errors import UserError
from site_builder.parallel import Pending, anonymous_memory, fork_chunks, in_background
from site_builder.progress import progress
from site_builder.render.compiled import CompiledTemplates
from site_builder.render.context import SiteData
from site_builder.render.jobs import FileJob, Job, PageJob
from site_builder.render.markdown import RenderedBody
from site_builder.render.output import SiteFolder
from site_builder.render.pages import finish
from site_builder.render.prepare import Enrichment, body_of, enrich, site_data
from site_builder.render.readings import kept_readings
from site_builder.render.renderer import Renderer, make_environment
from site_builder.render.urls import LANGS, file_for, localise

STATIC = "static"
RENDER_CHUNK = 100
"""Jobs per task sent to a render worker."""
RENDER_RENEW = 100
"""Tasks (of ``RENDER_CHUNK`` jobs) between two forks of the render workers: a worker's
copy of what it read of the site is dropped every 10,000 jobs (``parallel.fork_map``)."""
OVERLAP_HEAP = 512 * 2**20
"""The render runs beside the extra pages only while the build process's heap is at most
this big. Two processes working on one forked heap end up with two copies of every page
either of them writes (the search index writes most of the site's): at 10,000 articles
the overlap took the peak from 1.1 to 2.3 GB. Below this the copy costs less than the
idle core would; above it the render runs first, then the extra pages."""


@dataclass(slots=True, frozen=True)
class Options:
    """What differs between the builds that run the phases."""

    base_url: str | None = None
    """Absolute URL of the site root, ending in ``/`` (None: relative links only)."""
    extra_pages: tuple[Callable[[Renderer], None], ...] = ()
    """Called with the renderer after the site's own pages (the search page and index)."""
    workers: int = 1
    """Processes for analysis and rendering (the output does not depend on it)."""
    site_pages: bool = True
    """False: only the extra pages are written (the preview's background pass)."""


@dataclass(slots=True)
class Written:
    """What ``Engine.write`` did."""

    pages: list[str]
    """Site paths for the sitemap, in order."""
    reads: Reads = field(default_factory=Reads)
    """Job key -> the facts it read, for every job that ran."""


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


def job_id(job: Job) -> str:
    return f"page:{job.path}" if isinstance(job, PageJob) else f"file:{job.path}"


def job_files(job: Job) -> list[str]:
    if isinstance(job, FileJob):
        return [job.path]
    return [file_for(localise(job.path, lang)) for lang in LANGS]


class Engine:
    """The phases of one build over one templates folder."""

    def __init__(
        self,
        templates: Path,
        options: Options,
        cache: Cache | None = None,
        envs: Mapping[str, Environment] | None = None,
    ) -> None:
        self.templates = templates
        self.options = options
        self.cache = cache
        """Analyses kept between builds; None: no analysis, bodies rendered directly."""
        compiled = CompiledTemplates(cache) if cache is not None else None
        self.envs = envs or {
            lang: make_environment(templates, lang, False, compiled) for lang in LANGS
        }

    def analyse(
        self, articles: Sequence[Article], reload: Callable[[Article], Article] | None = None
    ) -> tuple[ArchiveAnalysis | None, AnalysisStats]:
        """Every article's analysis, from the cache or made (None without a cache)."""
        if self.cache is None:
            return None, AnalysisStats(len(articles), 0)
        return analyse_archive(articles, self.cache, self.options.workers, reload)

    def enrich(self, articles: Sequence[Article], analysis: ArchiveAnalysis | None) -> Enrichment:
        """Tags and places over the whole archive, from the analysis' words if there is one."""
        if analysis is None:
            return enrich(articles)
        with progress("enrich", total=len(articles), unit="articles") as bar:
            done = enrich(articles, analysis.words(articles, bar), analysis.enrichment)
            # Only the words of articles whose kept parts were missing are read: all done.
            bar.advance(len(articles) - bar.done)
        analysis.enrichment.save()
        return done

    def site(
        self,
        articles: Sequence[Article],
        enrichment: Enrichment,
        analysis: ArchiveAnalysis | None,
        body: Callable[[Article], RenderedBody] = body_of,
    ) -> SiteData:
        """The site model every view reads (names' readings kept in the cache, if any)."""
        with kept_readings(self.cache):
            return site_data(articles, enrichment, self.options.base_url, body, analysis)

    def write(
        self,
        site: SiteData,
        folder: SiteFolder,
        jobs: Mapping[str, Job],
        run: Collection[str] | None = None,
        recorder: Recorder | None = None,
        memo: Memo | None = None,
    ) -> Written:
        """Render ``jobs`` (those of ``run``; None: all), static files, the extra pages and
        the sitemap into ``folder``. Jobs not run are taken as already in the live site:
        their files are claimed unchanged. ``memo``: where the extra pages keep state for
        the next build."""
        renderer = Renderer(site, self.templates, folder, self.envs, memo)
        todo: list[str] = []
        rendering: Pending[tuple[list[str], Reads]] = Pending(([], Reads()))
        try:
            if self.options.site_pages:
                todo = [key for key in jobs if run is None or key in run]
                rendering = self._render(renderer, jobs, todo, recorder or Recorder())
                renderer.pages[:] = [
                    job.path for job in jobs.values() if isinstance(job, PageJob) and job.in_sitemap
                ]
                folder.copy_tree(self.templates / STATIC, STATIC)
            for extra in self.options.extra_pages:
                extra(renderer)
            produced, reads = rendering.result()
        finally:
            rendering.close()
        if self.options.site_pages:
            folder.absorb(produced)
            skipped = jobs.keys() - set(todo)
            folder.absorb(path for key in skipped for path in job_files(jobs[key]))
            finish(renderer)
        return Written(renderer.pages, reads)

    def _render(
        self, r: Renderer, jobs: Mapping[str, Job], todo: list[str], recorder: Recorder
    ) -> Pending[tuple[list[str], Reads]]:
        """Run the jobs of ``todo``: here, or in worker processes forked (by
        ``_render_all``) from a process of their own that runs beside the extra pages.
        The search index is mostly this process's work; render workers beside it keep
        both cores of a small machine busy (one idled while it ran after them), while
        the heap they would both copy is small (``OVERLAP_HEAP``)."""
        workers = self.options.workers if len(todo) > RENDER_CHUNK else 1
        if workers <= 1:
            reads = Reads()
            with progress("render", total=len(todo), unit="jobs") as bar:
                for key in todo:
                    with recorder.job() as read:
                        r.run(jobs[key])
                    reads.add(key, read)
                    bar.advance()
            return Pending(([], reads))
        task = partial(_render_all, r, jobs, todo, recorder, workers)
        heap = anonymous_memory()
        beside = heap is not None and heap <= OVERLAP_HEAP
        return in_background(task, beside and bool(self.options.extra_pages))


def _render_all(
    r: Renderer, jobs: Mapping[str, Job], todo: list[str], recorder: Recorder, workers: int
) -> tuple[list[str], Reads]:
    """The jobs of ``todo`` rendered by ``workers`` processes forked from this one: the
    files they wrote (to be claimed in the build's ``SiteFolder``) and what each job read."""
    r.compile(job.template for key in todo if isinstance(job := jobs[key], PageJob))
    task = partial(_render_chunk, r, jobs, recorder)
    produced: list[str] = []
    reads = Reads()
    with progress("render", total=len(todo), unit="jobs") as bar:
        for chunk, (made, done) in fork_chunks(task, todo, RENDER_CHUNK, workers, RENDER_RENEW):
            produced += made
            for key, read in done.items():
                reads.add(key, read)
            bar.advance(len(chunk))
    return produced, reads


def _render_chunk(
    parent: Renderer, jobs: Mapping[str, Job], recorder: Recorder, chunk: list[str]
) -> tuple[list[str], dict[str, set[Fact]]]:
    """Run in a worker: render one chunk into the shared stage; the files it wrote and
    what each job read."""
    # The parent's environments, copied by the fork with their templates compiled.
    own = Renderer(parent.site, parent.templates_dir, parent.folder.sibling(), parent.envs)
    reads: dict[str, set[Fact]] = {}
    for key in chunk:
        with recorder.job() as reads[key]:
            own.run(jobs[key])
    return sorted(own.folder.produced), reads
