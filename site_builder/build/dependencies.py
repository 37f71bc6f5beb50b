"""The dependency record a build leaves for the next: which job read which facts, and
what each fact was worth then.

The live preview learns which facts an edit changed by comparing the site before with the
site after, both in memory. A command-line build has no site before: it has this record,
kept in the build cache (a checksummed entry like every other). Each fact the jobs read
(``tracking``: an article's summary fields, a tag's article list, a URL...) is stored
with a digest of its value; the next build computes the same facts on its own site and
runs again only the jobs that read one whose digest differs, plus new jobs and jobs whose
template (or a template it uses) changed. Every other job's files are already in
``output/`` with the right bytes: a job's output is a function of its template and of
what it read, so the same reads give the same page.

The record is used only when ``output/`` is what the build that made it left (the same
listing, found by a walk or vouched for by ``cache.manifest``) and the options are the
same; otherwise every job runs.
Bodies, reading aids and search terms are a function of the article's text, so their
facts are worth the article's analysis key (no body is decoded to check them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields

from site_builder.build.tracking import ALL, Fact, call_fact, field_group
from site_builder.cache.packed import DETERMINISTIC, pack, unpack
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.render.context import SiteData

KIND = "dependencies"
FORMAT = b"dependencies-4"
"""The record's format (``cache.packed``, not JSON: at 10,000 articles a record holds
some 200,000 facts and 2 million reads, and an edit build loads it whole): what names
its parts (``PARTS``)."""
PARTS = "dependencies-part"
PART_FORMAT = b"dependencies-part-1"
FACTS_PER_PART = 4096
"""Facts (with their digests) per stored part."""
JOBS_PER_PART = 1024
"""Jobs (with what they read) per stored part."""
ANALYSED = frozenset({"bodies", "aids", "terms"})
"""Facts about an article's analysis: worth its analysis key."""
_ABSENT = "<absent>"


def _group_fields() -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for name in (f.name for f in fields(Article)):
        groups[field_group(name)] = (*groups.get(field_group(name), ()), name)
    return groups


GROUP_FIELDS = _group_fields()
"""Article fields by the group ``tracking`` notes a read of them as."""


def fact_value(site: SiteData, fact: Fact, analysed: Mapping[str, str]) -> object:
    """What ``fact`` is worth on ``site`` (``analysed``: article key -> analysis key)."""
    kind, key = fact[0], fact[1] if len(fact) > 1 else ALL
    if kind == "url":
        return call_fact(site.urls, fact)
    if kind in ANALYSED:
        return tuple(analysed) if key is ALL else analysed.get(str(key), _ABSENT)
    if kind == "articles":
        articles = site.library.articles
        if len(fact) == 2:
            return tuple(articles) if key is ALL else key in articles
        article = articles.get(str(key))
        if article is None:
            return _ABSENT
        return tuple(getattr(article, name) for name in GROUP_FIELDS[str(fact[2])])
    owner: object = site.library
    if kind is not None and kind.startswith("names."):
        owner, kind = site.names, kind.removeprefix("names.")
    value = getattr(owner, str(kind))
    if len(fact) == 1:
        return value
    return tuple(value) if key is ALL else value.get(key, _ABSENT)


def fact_digest(site: SiteData, fact: Fact, analysed: Mapping[str, str]) -> str:
    text = repr(fact_value(site, fact, analysed)).encode()
    return hashlib.blake2b(text, digest_size=8).hexdigest()


def fact_kind(fact: Fact) -> str:
    """Which whole ``fact``'s value is read from (``whole_value``)."""
    if fact[0] == "articles" and len(fact) == 3:
        return f"articles.{fact[2]}"
    return str(fact[0])


def whole_value(site: SiteData, kind: str, analysed: Mapping[str, str]) -> object:
    """Everything the facts of ``kind`` (``fact_kind``) are read from: when it is as it
    was, so is each of them. One ``repr`` of a table (C code) stands for tens of
    thousands of facts, each of which ``fact_digest`` would look up and digest."""
    if kind == "url":
        # A URL is a function of these path segments (``Urls.segments``) and constants.
        return [(name, list(segments.items())) for name, segments in site.urls.segments().items()]
    if kind in ANALYSED:
        return list(analysed.items())
    articles = site.library.articles
    if kind == "articles":
        return list(articles)
    if kind.startswith("articles."):
        names = GROUP_FIELDS[kind.removeprefix("articles.")]
        return [(key, [getattr(article, n) for n in names]) for key, article in articles.items()]
    owner: object = site.library
    if kind.startswith("names."):
        owner, kind = site.names, kind.removeprefix("names.")
    value = getattr(owner, kind)
    return list(value.items()) if isinstance(value, Mapping) else value


@dataclass(slots=True)
class Wholes:
    """The digest of each kind's ``whole_value`` on one site, made when first asked for."""

    site: SiteData
    analysed: Mapping[str, str]
    made: dict[str, str] = field(default_factory=dict)

    def __call__(self, kind: str) -> str:
        # The kinds of an article's analysis are read from one whole: digested once.
        made = "bodies" if kind in ANALYSED else kind
        digest = self.made.get(made)
        if digest is None:
            text = repr(whole_value(self.site, made, self.analysed)).encode()
            digest = self.made[made] = hashlib.blake2b(text, digest_size=16).hexdigest()
        return digest


@dataclass(slots=True)
class JobReads:
    template: str
    """The page's template ("" for a file that is not a page)."""
    reads: list[int]
    """What the job read: indexes into the record's ``facts``."""


JobRow = tuple[str, str, list[int]]
"""A job as stored: its key, its template, the indexes of what it read."""


def _rows(record: DependencyRecord) -> list[JobRow]:
    return [(name, job.template, job.reads) for name, job in record.jobs.items()]


@dataclass(slots=True)
class DependencyRecord:
    """Kept compact: each fact once, jobs naming theirs by index, so that loading,
    checking and saving a record handle integers, not the facts (an archive's pages read
    tens of facts each, and most name the same ones)."""

    output: str
    """Digest of ``output/`` as the build that made the record left it."""
    templates: dict[str, str]
    """Template name -> digest of it and the templates it uses (``templates.digests``)."""
    facts: list[Fact]
    """Every fact some job read."""
    digests: list[str]
    """The digest of each of ``facts``' values then."""
    jobs: dict[str, JobReads]
    steps: dict[str, str] = field(default_factory=dict)
    """State kept by build steps for the next build (``cache.memo``), valid with ``output``."""
    wholes: dict[str, str] = field(default_factory=dict)
    """The digest of each kind of fact's whole (``Wholes``) when ``digests`` were made: a
    kind whose whole is as it was keeps its facts' digests without digesting them."""
    parts: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []), compare=False)
    """The names of the stored parts this record was loaded from (facts', jobs'): a part
    whose contents are as they were is not packed again when the next record is saved."""

    def facts_of(self, job: str) -> list[Fact]:
        """What ``job`` read."""
        return [self.facts[i] for i in self.jobs[job].reads]

    def stale(self, wholes: Wholes, templates: Mapping[str, str]) -> tuple[set[str], list[str]]:
        """Jobs of the record that must run again on ``wholes.site``, and the digest of
        each of ``facts`` there. Only the facts of a kind whose whole changed are digested
        again (an edit changes a few kinds: the edited article's analysis, its fields)."""
        site, analysed = wholes.site, wholes.analysed
        same = {kind for kind, digest in self.wholes.items() if wholes(kind) == digest}
        # A fact's kind is its first part, but for an article's field group: a first part
        # among the kinds kept whole settles most facts without asking ``fact_kind``.
        settled = same - {"articles"}
        now = [
            then
            if fact[0] in settled or fact_kind(fact) in same
            else fact_digest(site, fact, analysed)
            for fact, then in zip(self.facts, self.digests, strict=True)
        ]
        changed = {i for i, (a, b) in enumerate(zip(now, self.digests, strict=True)) if a != b}
        moved = {name for name, digest in templates.items() if self.templates.get(name) != digest}
        stale = {
            key
            for key, job in self.jobs.items()
            if (job.template and job.template in moved) or not changed.isdisjoint(job.reads)
        }
        return stale, now

    def save(self, cache: Cache, key: str, last: DependencyRecord | None = None) -> None:
        """Store the record under ``key`` by parts: its facts and its jobs are cut into
        parts named by the digest of their bytes, and only parts the cache does not hold
        are written (an edit build changes a few jobs' reads and facts' digests: the 20 MB
        or so of a record at 10,000 articles is compressed, checksummed and written only
        for the parts they fall in). ``last``: the record loaded from ``key``, whose parts
        that hold the same contents are named again without being packed."""
        jobs = _rows(self)
        before = _rows(last) if last is not None else []
        made: dict[str, bytes] = {}

        def named(part: bytes) -> str:
            # Equal parts are equal bytes (``DETERMINISTIC``), named by their digest under
            # the record's key: records of other output folders are kept apart.
            name = f"{key}:{hashlib.blake2b(part, digest_size=16).hexdigest()}"
            made[name] = part
            return name

        fact_names = [
            same if (same := _same_facts(self, last, i)) else named(self._fact_part(i))
            for i in range(0, len(self.facts), FACTS_PER_PART)
        ]
        last_jobs = last.parts[1] if last is not None else []
        job_names = [
            same if (same := _same_jobs(jobs, before, last_jobs, i)) else named(_job_part(jobs, i))
            for i in range(0, len(jobs), JOBS_PER_PART)
        ]
        names = fact_names + job_names
        held = {name for name in cache.keys(PARTS) if name.startswith(f"{key}:")}
        head = (self.output, self.templates, self.steps, self.wholes, fact_names, job_names)
        with cache.transaction():
            cache.put_many(PARTS, [(n, part) for n, part in made.items() if n not in held])
            cache.put(KIND, key, pack(FORMAT, head))
            cache.drop(PARTS, held - set(names))

    def _fact_part(self, start: int) -> bytes:
        """The facts from ``start`` on, with their digests."""
        value = (
            self.facts[start : start + FACTS_PER_PART],
            self.digests[start : start + FACTS_PER_PART],
        )
        return pack(PART_FORMAT, value, DETERMINISTIC)

    @staticmethod
    def load(cache: Cache, key: str) -> DependencyRecord | None:
        stored = cache.get(KIND, key)
        if stored is None:
            return None
        try:
            output, templates, steps, wholes, fact_parts, job_parts = unpack(FORMAT, stored)
            found = cache.get_many(PARTS, [*fact_parts, *job_parts])
            if len(found) != len(fact_parts) + len(job_parts):
                return None  # a part is gone (or did not verify): not trusted
            facts: list[Fact] = []
            digests: list[str] = []
            for name in fact_parts:
                some, theirs = unpack(PART_FORMAT, found[name])
                facts += some
                digests += theirs
            jobs = {
                str(name): JobReads(str(template), reads)
                for part in job_parts
                for name, template, reads in unpack(PART_FORMAT, found[part])
            }
            count = len(facts)
            inside = all(min(r) >= 0 and max(r) < count for j in jobs.values() if (r := j.reads))
            if len(digests) != count or not inside:
                raise ValueError("fact indexes out of range")
            return DependencyRecord(
                str(output),
                dict(templates),
                facts,
                digests,
                jobs,
                dict(steps),
                dict(wholes),
                ([str(n) for n in fact_parts], [str(n) for n in job_parts]),
            )
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            return None  # another version's: not trusted


def _job_part(jobs: list[JobRow], start: int) -> bytes:
    return pack(PART_FORMAT, jobs[start : start + JOBS_PER_PART], DETERMINISTIC)


def _same_facts(record: DependencyRecord, last: DependencyRecord | None, start: int) -> str:
    """The name of ``last``'s stored part that holds ``record``'s facts from ``start`` on,
    when it holds exactly those facts and digests ("" otherwise). A record made from
    ``last`` holds ``last``'s fact objects: the comparison is mostly one of identities."""
    number, end = start // FACTS_PER_PART, start + FACTS_PER_PART
    if last is None or number >= len(last.parts[0]):
        return ""
    if record.facts[start:end] != last.facts[start:end]:
        return ""
    return last.parts[0][number] if record.digests[start:end] == last.digests[start:end] else ""


def _same_jobs(jobs: list[JobRow], last: list[JobRow], names: list[str], start: int) -> str:
    """The name (of ``names``, the last record's) of the stored part that holds ``jobs``
    from ``start`` on, when ``last``'s rows there are the same ("" otherwise). Jobs that
    did not run keep the last record's lists of reads: mostly identities again."""
    number, end = start // JOBS_PER_PART, start + JOBS_PER_PART
    if number >= len(names) or jobs[start:end] != last[start:end]:
        return ""
    return names[number]


UNUSED_SHARE = 8
"""A record is renumbered without the facts no job reads any more once they are more
than one in this many of its facts (until then they cost a digest each, nothing else)."""


def record_of(
    output: str,
    templates: dict[str, str],
    jobs: Mapping[str, str],
    ran: Mapping[str, Iterable[Fact]],
    last: tuple[DependencyRecord, list[str]] | None,
    digest: Callable[[Fact], str],
    steps: Mapping[str, str],
    whole: Callable[[str], str] | None = None,
) -> DependencyRecord:
    """The record of a build of ``jobs`` (key -> template): ``ran`` gives what the jobs
    that ran read; every other job read what it read in ``last`` (the last record, and
    the digest of each of its facts on this build's site). ``digest`` gives a fact's that
    ``last`` lacks, ``whole`` the digest of a kind's whole on this site (``Wholes``; None:
    none kept, every fact is digested next time); ``steps`` names the state steps kept.
    The last record's facts keep their indexes (an edit build runs a few jobs: the others'
    lists are taken as they are); facts no job reads any more are left out once they are
    many (``UNUSED_SHARE``)."""
    facts: list[Fact] = list(last[0].facts) if last is not None else []
    known = len(facts)
    digests: list[str] = list(last[1]) if last is not None else []
    # Built in C: an edit build runs a few jobs, but their facts are looked up among all.
    index = dict(zip(facts, range(len(facts)), strict=True)) if ran else {}
    ordered: dict[str, JobReads] = {}
    for key, template in jobs.items():
        if key not in ran:
            assert last is not None, "a job was skipped without a record"
            before = last[0].jobs[key]
            # The last record's own value when its template is the same: saving compares
            # job rows, and identical lists of reads are found equal at once.
            same = before.template == template
            ordered[key] = before if same else JobReads(template, before.reads)
            continue
        numbers = set()
        for fact in ran[key]:
            number = index.get(fact)
            if number is None:
                number = index[fact] = len(facts)
                facts.append(fact)
                digests.append(digest(fact))
            numbers.add(number)
        ordered[key] = JobReads(template, sorted(numbers))
    used: set[int] = set()
    for job in ordered.values():
        used.update(job.reads)
    # The kinds of the last record's facts are the kinds its wholes name.
    kinds = set(last[0].wholes) if last is not None and (last[0].wholes or not known) else None
    if (len(facts) - len(used)) * UNUSED_SHARE > len(facts):
        kinds = None  # some kinds may have no fact left
        kept = sorted(used)
        moved = {old: new for new, old in enumerate(kept)}
        facts, digests = [facts[i] for i in kept], [digests[i] for i in kept]
        ordered = {
            key: JobReads(job.template, [moved[i] for i in job.reads])
            for key, job in ordered.items()
        }
    if kinds is None:
        kinds = {fact_kind(fact) for fact in facts}
    else:
        kinds.update(fact_kind(fact) for fact in facts[known:])
    wholes = {kind: whole(kind) for kind in sorted(kinds)} if whole is not None else {}
    return DependencyRecord(output, templates, facts, digests, ordered, dict(steps), wholes)
