"""The previewed site: built once in full, then rebuilt by what each change touches.

State kept between rebuilds (nothing is parsed or enriched twice):

* every content file's ``Article`` (``ContentFiles``), rendered bodies (``BodyCache``);
  with a cache folder, each article's tagged words stay in the build cache between runs
  (shared with ``site-builder build``), so a start on an archive built or served before
  tags nothing again;
* the last enrichment over the whole archive, and the ``SiteData`` that ``output/`` shows;
* the jobs of that site and the facts each one read (``build.tracking.Readers``);
* warm Jinja environments (they recompile a template only when its file changed).

A change is classified by kind (``Changes``), as Zola's ``serve`` does:

* content files: those files are parsed again; when the edit leaves every field the
  library, URLs and names are made from alone (``build.tracking.structure_fields``: a body, most
  titles), only the edited articles are swapped in, else the three are made again.
  ``changed_facts`` tells which facts differ and only the jobs that read one run again:
  an article's pages in both languages, the lists, tag, place, date and page pages that
  show what changed, feeds, reading aids, the sitemap when pages come or go. Tags and
  places stay as enrichment last decided (``sources.provisional``) until the background
  pass has enriched the archive again and rebuilt the search index;
* templates: the pages whose template uses a changed one are rendered again, from the
  site in memory (no Markdown parsed, no jieba run);
* static assets: copied (a stylesheet alone is reloaded in place by the browser).

Every rebuild writes through a ``Batch``: a rebuild that fails changes nothing in
``output/``, and its error stays shown until a later rebuild succeeds.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from site_builder.build.engine import Engine, Options, job_files, job_id, missing_templates
from site_builder.build.incremental import Reuse, record_key, reuse
from site_builder.build.run import describe
from site_builder.build.templates import digests, users
from site_builder.build.tracking import (
    GROUPS,
    Fact,
    LiveSite,
    Readers,
    Recorder,
    changed_facts,
    structure_fields,
    tracked,
)
from site_builder.cache.record import output_digest
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.errors import UserError, is_write_failure, write_failure
from site_builder.ingest.pipeline import IngestResult, ingest
from site_builder.render.context import SiteData
from site_builder.render.jobs import FileJob, Job, PageJob
from site_builder.render.output import staged
from site_builder.render.pages import site_jobs
from site_builder.render.prepare import Enrichment, site_data
from site_builder.render.renderer import Renderer, make_environment
from site_builder.render.sitemap import sitemap_xml
from site_builder.render.urls import LANGS
from site_builder.serve.background import BackgroundJob, BackgroundResult
from site_builder.serve.changes import STATIC, Changes, Outcome, Project
from site_builder.serve.output import Batch
from site_builder.serve.sources import BodyCache, ContentFiles, provisional, provisional_for

LISTING = "listing"
"""Reader id of the listing of jobs itself: it reads which articles, tags... exist."""


def _renew(before: Job | None, job: Job, templates: set[str]) -> bool:
    """Whether a job must run although none of the facts it read changed: it is new, or
    its template (or one that template uses) changed."""
    if isinstance(job, FileJob):
        return not isinstance(before, FileJob)
    if not isinstance(before, PageJob):
        return True
    if before.template != job.template or before.in_sitemap != job.in_sitemap:
        return True
    return job.template in templates


def _as_read_here(fact: Fact) -> list[Fact]:
    """A fact of a build's record as the preview's site would note it: a build reads an
    article's reading aids from its analysis (``aids``); the preview makes them from the
    article's headline and rendered body, so they change with those."""
    if fact[0] != "aids":
        return [fact]
    key = fact[1]
    return [("bodies", key), ("articles", key), *(("articles", key, g) for g in GROUPS)]


def _files(root: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix(), path


@dataclass(slots=True)
class Pending:
    """What the next rebuild must redo, filled from each batch of changes; a rebuild that
    succeeds empties it, one that fails leaves it for the next to retry."""

    content: bool = False
    """Content files were read again: the site is made again from the articles."""
    templates: set[str] = field(default_factory=set)
    """Templates that changed: the pages using them are rendered again."""
    static: bool = False
    """Static assets changed: copied again."""
    adopting: BackgroundResult | None = None
    """A finished background pass whose enrichment and files this rebuild takes in."""


@dataclass(slots=True)
class Owed:
    """Archive-wide work the background pass owes the site that is shown."""

    enrich: bool = False
    """Content changed since enrichment last ran over the whole archive."""
    run: bool = False
    """A pass must run (after content or template changes, or for the extra pages the
    first build leaves out)."""


class Preview:
    """The site in memory and on disk; every method is called from the server's loop."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.output = project.output.absolute()
        self.sources = ContentFiles(project.content)
        self.bodies = BodyCache()
        self.envs = {lang: make_environment(project.templates, lang) for lang in LANGS}
        self.recorder = Recorder()
        self.readers = Readers()
        self.site: SiteData | None = None
        """What ``output/`` shows; None until a full build succeeded."""
        self.live: LiveSite | None = None
        """The same site as the jobs read it (tracked)."""
        self.jobs: dict[str, Job] = {}
        self.enrichment: Enrichment | None = None
        self.enriched_keys: dict[str, str] = {}
        """Content file -> its article's key when ``enrichment`` was decided."""
        self.extra_files: set[str] = set()
        """Files the extra pages made (search index), replaced by each background pass."""
        self.extra_pages: tuple[str, ...] = ()
        self.sitemap: set[str] = set()
        self.generation = 0
        """Bumps when the background pass must run again; older results are dropped."""
        self.failure: UserError | None = None
        self.background_failure: UserError | None = None
        self.ingest_errors: list[UserError] = []
        self.pending = Pending()
        self.owed = Owed()
        self._shown = Enrichment({}, {}, {}, {}, ())
        """The enrichment ``site`` was made with (``enrichment`` or provisional)."""
        self._structure: frozenset[str] = frozenset()
        """Article fields the library, URLs and names of ``site`` were made from."""

    @property
    def errors(self) -> list[UserError]:
        found = list(self.ingest_errors)
        found += [self.sources.errors[path] for path in sorted(self.sources.errors)]
        found += [e for e in (self.failure, self.background_failure) if e is not None]
        return found

    def start(self) -> Outcome:
        """Load every content file and build the whole site as ``site-builder build`` does,
        but for the extra pages (search), which the first background pass adds."""
        self.sources.load_all()
        if self.sources.errors:
            return Outcome([], self.errors)
        outcome = self._attempt(self._full)
        if self.enrichment is not None:
            outcome.notes += [f"warning: {w}" for w in self.enrichment.warnings]
        return outcome

    def ingest(self) -> IngestResult:
        """Ingest the seeds again (edited content files are kept); content events follow."""
        try:
            cache = self.project.cache_dir
            state = cache / "ingest" if cache is not None else None
            result = ingest(self.project.seeds, self.project.content, state_dir=state)
        except UserError as error:
            self.ingest_errors = [error]
            return IngestResult()
        self.ingest_errors = result.errors
        return result

    def update(self, changes: Changes) -> Outcome:
        """Rebuild after ``changes`` (seeds are the server's to ingest first)."""
        content = set(changes.content)
        if changes.relist:
            content |= self.sources.relist()
        if content:
            self.sources.reload(content)
            self.pending.content = True
        self.pending.templates |= changes.templates
        self.pending.static |= changes.static
        if self.sources.errors:
            return Outcome([], self.errors)
        return self._attempt(self._incremental if self.site is not None else self._full)

    def background_job(self) -> BackgroundJob | None:
        """The background pass the site needs now, once (None: nothing to do)."""
        if not self.owed.run or self.site is None:
            return None
        self.owed.run = False
        p = self.project
        enrichment = None if self.owed.enrich else self.enrichment
        articles = self.sources.ordered()
        return BackgroundJob(
            self.generation, articles, enrichment, p.templates, p.extra_pages, p.cache_dir
        )

    def apply_background(self, result: BackgroundResult) -> Outcome | None:
        """Take in a finished pass; None when it was outdated (its files are deleted)."""
        current = result.generation == self.generation and not self.sources.errors
        if not current or self.site is None:
            shutil.rmtree(result.stage, ignore_errors=True)
            return None
        if result.enrichment is None:
            shutil.rmtree(result.stage, ignore_errors=True)
            self.background_failure = result.error
            return Outcome([], self.errors)
        self.background_failure = None
        articles = self.sources.ordered()
        self.enrichment = result.enrichment
        self.enriched_keys = {a.path: a.key for a in articles}
        self.owed.enrich = False
        self.pending.content = True
        self.pending.adopting = result
        try:
            return self._attempt(self._incremental)
        finally:
            self.pending.adopting = None
            shutil.rmtree(result.stage, ignore_errors=True)

    def _attempt(self, rebuild: Callable[[], list[str]]) -> Outcome:
        started = time.perf_counter()
        try:
            changed = rebuild()
        except UserError as error:
            self.failure = error
            return Outcome([], self.errors, time.perf_counter() - started)
        except OSError as error:  # a full or read-only disk: shown like a broken file
            if not is_write_failure(error):
                raise
            self.failure = write_failure(error, "the site", "The last good pages stay served.")
            return Outcome([], self.errors, time.perf_counter() - started)
        self.failure = None
        return Outcome(changed, self.errors, time.perf_counter() - started)

    def _list_jobs(self, live: LiveSite) -> tuple[dict[str, Job], set[Fact]]:
        """Every job of the site, and what listing them read (which pages exist)."""
        with self.recorder.job() as reads:
            jobs = {job_id(job): job for job in site_jobs(live.as_site())}
        return jobs, reads

    def _full(self) -> list[str]:
        p = self.project
        errors = missing_templates(p.templates)
        if errors:
            raise errors[0]
        articles = self.sources.ordered()
        enrichment, analysed = self._enrich(articles)
        # One worker: the preview has threads (the watch, the server) and must not fork.
        # The extra pages (the search index: most of the memory a build needs) come from
        # the background pass, with this enrichment: the site is served meanwhile.
        engine = Engine(p.templates, Options(), envs=self.envs)
        site = engine.site(articles, enrichment, None, self.bodies.get)
        live = LiveSite(tracked(site, self.recorder))
        jobs, listed = self._list_jobs(live)
        readers = Readers()
        readers.record(LISTING, listed)
        found = self._reuse(site, jobs, analysed)
        run = found.run if found is not None else None
        with staged(self.output) as folder:
            written = engine.write(site, folder, jobs, run, recorder=self.recorder)
        for key, reads in written.reads.items():
            readers.record(key, reads)
        if found is not None:
            for key in jobs.keys() - written.reads.keys():
                readers.record(key, [f for fact in found.facts(key) for f in _as_read_here(fact)])
        self.site, self.live, self.jobs, self.readers = site, live, jobs, readers
        self.enrichment = self._shown = enrichment
        self._structure = structure_fields(articles, enrichment)
        self.enriched_keys = {a.path: a.key for a in articles}
        self.extra_files, self.extra_pages = set(), ()
        self.sitemap = set(written.pages)
        self.pending = Pending()
        self.owed = Owed(run=bool(p.extra_pages))
        self.bodies.prune()
        return sorted(folder.produced)

    def _enrich(self, articles: list[Article]) -> tuple[Enrichment, Mapping[str, str] | None]:
        """Enrichment over every article, their tagged words taken from the cache when
        there is one (those missing are analysed and kept); with a cache, each article's
        analysis key too."""
        p = self.project
        if p.cache_dir is None:
            return Engine(p.templates, Options(), envs=self.envs).enrich(articles, None), None
        with Cache(p.cache_dir) as cache:
            engine = Engine(p.templates, Options(), cache, self.envs)
            analysis, _ = engine.analyse(articles)
            assert analysis is not None, "a cache gives an analysis"
            return engine.enrich(articles, analysis), analysis.keys

    def _reuse(
        self, site: SiteData, jobs: dict[str, Job], analysed: Mapping[str, str] | None
    ) -> Reuse | None:
        """What the record of the last ``site-builder build`` into this output folder
        vouches for (as that build would use it): the pages it left that nothing changed
        since are not rendered again at start. None without a cache or a valid record."""
        p = self.project
        if p.cache_dir is None or analysed is None:
            return None
        key = record_key(self.output, p.templates, describe(None, p.extra_pages))
        templates = digests(self.envs[LANGS[0]])
        with Cache(p.cache_dir) as cache:
            return reuse(cache, key, site, analysed, jobs, templates, output_digest(self.output))

    def _incremental(self) -> list[str]:
        assert self.site is not None and self.live is not None and self.enrichment is not None
        shown = self.live.current
        try:
            return self._rebuild(self.site, self.live)
        except BaseException:
            self.live.current = shown  # the jobs keep reading the site that is shown
            raise

    def _rebuild(self, before: SiteData, live: LiveSite) -> list[str]:
        assert self.enrichment is not None
        p = self.project
        site, shown, structure = before, self._shown, self._structure
        if self.pending.content:
            articles = self.sources.ordered()
            patched = self._patch(before, articles) if self.pending.adopting is None else None
            if patched is not None:
                site = patched
            else:
                shown = self.enrichment
                if self.pending.adopting is None:
                    shown = provisional(articles, self.enrichment, self.enriched_keys)
                site = site_data(articles, shown, None, self.bodies.get)
                structure = structure_fields(articles, shown)
            live.current = tracked(site, self.recorder)
        facts: set[Fact] = set()
        if site is not before:
            facts = changed_facts(before, site, self.readers.read("url"))
        todo = self.readers.of(facts)
        jobs, listed = self.jobs, None
        if LISTING in todo:  # pages may have come or gone: list them again
            jobs, listed = self._list_jobs(live)
        stale = self.pending.templates
        templates = users(self.envs[LANGS[0]], stale) if stale else set()
        if listed is not None or templates:
            todo |= {key for key, job in jobs.items() if _renew(self.jobs.get(key), job, templates)}
        gone = self.jobs.keys() - jobs.keys()
        batch = Batch(self.output)
        try:
            for key in gone:
                for file in job_files(self.jobs[key]):
                    batch.remove(file)
            renderer = Renderer(site, p.templates, batch, self.envs)
            reads: dict[str, set[Fact]] = {}
            for key in sorted(todo & jobs.keys()):
                with self.recorder.job() as reads[key]:
                    renderer.run(jobs[key])
            extra_files, extra_pages = self._adopt(batch)
            sitemap = self.sitemap
            if listed is not None or extra_pages != self.extra_pages:
                sitemap = {j.path for j in jobs.values() if isinstance(j, PageJob) and j.in_sitemap}
                sitemap |= set(extra_pages)
            if sitemap != self.sitemap and site.base_url:  # as ``finish`` does
                batch.write_text("sitemap.xml", sitemap_xml(sorted(sitemap), site.base_url))
            if self.pending.static:
                self._sync_static(batch)
            batch.commit()
        finally:
            batch.discard()
        for key in gone:
            self.readers.forget(key)
        for key, read in reads.items():
            self.readers.record(key, read)
        if listed is not None:
            self.readers.record(LISTING, listed)
        if self.pending.content and self.pending.adopting is None:
            self.owed = Owed(enrich=True, run=True)
        if self.pending.templates:
            self.owed.run = True  # the extra pages use the templates too
        if self.owed.run:
            self.generation += 1
        self.site, self.jobs, self.sitemap = site, jobs, sitemap
        self.extra_files, self.extra_pages = extra_files, extra_pages
        if structure is not self._structure:  # the site was made again from the articles
            self.bodies.prune()
        self._shown, self._structure = shown, structure
        self.pending = Pending()
        return batch.changed

    def _patch(self, before: SiteData, articles: list[Article]) -> SiteData | None:
        """The site after edits that leave its structure alone, made from ``before`` in
        place of running ``site_data`` (which rebuilds the library of every article);
        None when an edit changed a field the structure is made from (or tags, places,
        or which articles there are)."""
        assert self.enrichment is not None
        old = before.library.articles
        if len(old) != len(articles):
            return None
        changed: list[Article] = []
        for article, key in zip(articles, old, strict=True):
            if article.key != key:
                return None
            if old[key] is not article:
                changed.append(article)
        for article in changed:
            previous = old[article.key]
            if any(getattr(article, f) != getattr(previous, f) for f in self._structure):
                return None
            tags, places = provisional_for(article, self.enrichment, self.enriched_keys)
            if (tags, places) != (self._shown.tags[article.key], self._shown.places[article.key]):
                return None
        library = replace(before.library, articles=MappingProxyType({a.key: a for a in articles}))
        bodies = dict(before.bodies)
        for article in changed:
            bodies[article.key] = self.bodies.get(article)
        return SiteData(library, before.urls, before.names, bodies, before.base_url)

    def _adopt(self, batch: Batch) -> tuple[set[str], tuple[str, ...]]:
        """Move in the files of the background pass being applied, if one is."""
        if self.pending.adopting is None:
            return self.extra_files, self.extra_pages
        made = dict(_files(self.pending.adopting.site))
        for name in self.extra_files - made.keys():
            batch.remove(name)
        for name, path in made.items():
            batch.adopt(name, path)
        return set(made), self.pending.adopting.pages

    def _sync_static(self, batch: Batch) -> None:
        source = self.project.templates / STATIC
        wanted = {
            name: path
            for name, path in (_files(source) if source.is_dir() else iter(()))
            if not any(part.startswith(".") for part in name.split("/"))
        }
        served = self.output / STATIC
        for name, _ in _files(served) if served.is_dir() else iter(()):
            if name not in wanted:
                batch.remove(f"{STATIC}/{name}")
        for name, path in wanted.items():
            batch.adopt(f"{STATIC}/{name}", path)
