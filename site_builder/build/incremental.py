"""Which jobs a command-line build runs: those the dependency record does not vouch for.

``Incremental`` lists the site's jobs on a tracked copy of the site (so that every job
that runs notes what it reads), asks the last build's ``DependencyRecord`` which of them
read a fact that changed since, and after a successful commit leaves the record of this
build for the next one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from site_builder.build.dependencies import DependencyRecord, Wholes, fact_digest, record_of
from site_builder.build.engine import Engine, job_id
from site_builder.build.templates import digests
from site_builder.build.tracking import Fact, Recorder, tracked
from site_builder.cache.fingerprint import digest_of
from site_builder.cache.memo import Memo
from site_builder.cache.store import Cache
from site_builder.render.context import SiteData
from site_builder.render.jobs import Job, PageJob
from site_builder.render.pages import site_jobs
from site_builder.render.urls import LANGS


def record_key(output_dir: Path, templates_dir: Path, described: object) -> str:
    """Cache key of the dependency record of builds into ``output_dir`` with these
    templates and options (``described``: what else the output depends on)."""
    return digest_of((str(output_dir.absolute()), str(templates_dir.absolute()), described))


@dataclass(slots=True)
class Reuse:
    """What a valid record of the last build vouches for on this build's site."""

    run: set[str]
    """Jobs that must run: they read a fact that changed, their template changed, or the
    record lacks them. Every other job's files are in ``output/`` as they should be."""
    record: DependencyRecord
    digests: list[str]
    """Each fact of the record as it is worth on this site."""

    def facts(self, job: str) -> list[Fact]:
        """What a job that did not run read, the last time it did."""
        return self.record.facts_of(job)


def reuse(
    cache: Cache,
    key: str,
    site: SiteData,
    analysed: Mapping[str, str],
    jobs: Mapping[str, Job],
    templates: Mapping[str, str],
    output: str,
    wholes: Wholes | None = None,
) -> Reuse | None:
    """The last build's record under ``key`` applied to ``jobs`` of ``site``; None when
    there is none or ``output/`` (digest ``output``) is not what that build left.
    ``wholes``: the digests of what each kind of fact is read from on ``site``, when the
    caller keeps them for the next record."""
    last = DependencyRecord.load(cache, key)
    if last is None or last.output != output:
        return None
    stale, digests = last.stale(wholes or Wholes(site, analysed), templates)

    def known(name: str) -> bool:
        before = last.jobs.get(name)
        return before is not None and before.template == _template(jobs[name])

    return Reuse(stale | {name for name in jobs if not known(name)}, last, digests)


class Incremental:
    """The jobs of one build and which of them to run (``run``; None: all of them)."""

    def __init__(
        self,
        site: SiteData,
        analysed: Mapping[str, str],
        engine: Engine,
        key: str | None,
        output: str,
    ) -> None:
        """``analysed``: article key -> analysis key; ``key``: the record's cache key
        (None: no record is read or kept, every job runs untracked); ``output``: the
        digest of ``output/`` now."""
        self.recorder = Recorder()
        listed = tracked(site, self.recorder) if key is not None else site
        self.jobs = {job_id(job): job for job in site_jobs(listed)}
        self.run: set[str] | None = None
        self._site, self._analysed, self._engine = site, analysed, engine
        self._wholes = Wholes(site, analysed)
        self._key = key
        self._last: tuple[DependencyRecord, list[str]] | None = None
        """The last build's record and its facts' digests on this site."""
        self.memo: Memo | None = None
        """State steps keep between builds (the search index); None: no cache kept."""
        if key is None or engine.cache is None:
            return
        self.memo = Memo(engine.cache, {})
        self._templates = digests(engine.envs[LANGS[0]], engine.cache)
        found = reuse(
            engine.cache, key, site, analysed, self.jobs, self._templates, output, self._wholes
        )
        if found is None:
            return  # no record, or output/ changed by hand since: every job runs
        self.run, self._last = found.run, (found.record, found.digests)
        self.memo.trusted = dict(found.record.steps)

    def keep(self, reads: Mapping[str, Iterable[Fact]], output: str) -> None:
        """Save the record of this build after its commit (``output``: the digest of
        ``output/`` then): ``reads`` of the jobs that ran, the last record's for the
        others."""
        cache = self._engine.cache
        if self._key is None or cache is None:
            return
        templates = {key: _template(job) for key, job in self.jobs.items()}
        digest = partial(fact_digest, self._site, analysed=self._analysed)
        steps = self.memo.kept if self.memo is not None else {}
        ran = reads
        if not reads.keys() <= self.jobs.keys():
            ran = {key: facts for key, facts in reads.items() if key in self.jobs}
        last, wholes = self._last, self._wholes
        record = record_of(output, self._templates, templates, ran, last, digest, steps, wholes)
        record.save(cache, self._key, last[0] if last is not None else None)


def _template(job: object) -> str:
    return job.template if isinstance(job, PageJob) else ""
