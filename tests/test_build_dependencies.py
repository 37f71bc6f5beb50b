"""The dependency record in its compact form: facts once, jobs naming theirs by index.

``record_of`` makes the next record from the last one and the reads of the jobs that ran;
whatever the mix, each job must name exactly the facts it read, with their digests, and
a stored record that does not hold together must not be trusted. A kind of fact whose
whole is unchanged is trusted without digesting its facts: each must then be unchanged."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from site_fixture import FIXTURE_CONTENT, TEMPLATES

from site_builder.build.dependencies import (
    FACTS_PER_PART,
    FORMAT,
    JOBS_PER_PART,
    KIND,
    PARTS,
    UNUSED_SHARE,
    DependencyRecord,
    JobReads,
    Wholes,
    fact_digest,
    fact_kind,
    record_of,
)
from site_builder.build.tracking import Fact, Recorder, tracked
from site_builder.cache.packed import pack, unpack
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.content.loader import load_content
from site_builder.render.context import SiteData
from site_builder.render.output import SiteFolder
from site_builder.render.pages import site_jobs
from site_builder.render.prepare import enrich, site_data
from site_builder.render.renderer import Renderer

FACTS: list[Fact] = [("articles", str(n), "summary") for n in range(8)] + [("tags", None)]


def _digest(fact: Fact) -> str:
    return f"now:{fact}"


reads = st.sets(st.sampled_from(FACTS), max_size=5)
builds = st.dictionaries(st.sampled_from([f"page:{n}" for n in range(6)]), reads, min_size=1)


@given(first=builds, second=builds)
def test_jobs_that_did_not_run_keep_what_they_read(
    first: dict[str, set[Fact]], second: dict[str, set[Fact]]
) -> None:
    templates = {key: "article.html" for key in first}
    last = record_of("out1", {}, templates, first, None, lambda f: f"then:{f}", {})
    now = [_digest(fact) for fact in last.facts]
    jobs = {**templates, **{key: "list.html" for key in second}}
    made = record_of("out2", {}, jobs, second, (last, now), _digest, {"search": "k"})
    assert list(made.jobs) == list(jobs)
    for key in jobs:
        expected = second[key] if key in second else first[key]
        assert set(made.facts_of(key)) == expected
        assert made.jobs[key].template == jobs[key]
    assert len(set(made.facts)) == len(made.facts)  # each fact once
    unused = set(made.facts) - {f for key in jobs for f in made.facts_of(key)}
    assert len(unused) * UNUSED_SHARE <= len(made.facts)  # renumbered when many
    assert made.digests == [_digest(fact) for fact in made.facts]


def test_a_record_is_stored_and_read_back(tmp_path: Path) -> None:
    jobs = {"page:a": "article.html", "file:x.json": ""}
    ran = {"page:a": {FACTS[0], FACTS[8]}, "file:x.json": {FACTS[8]}}
    record = record_of("out", {"article.html": "t"}, jobs, ran, None, _digest, {"search": "k"})
    with Cache(tmp_path) as cache:
        record.save(cache, "key")
        assert DependencyRecord.load(cache, "key") == record


def test_a_record_that_does_not_hold_together_is_not_trusted(tmp_path: Path) -> None:
    jobs = {"page:a": "article.html"}
    record = record_of("out", {}, jobs, {"page:a": {FACTS[0]}}, None, _digest, {})
    with Cache(tmp_path) as cache:
        for reads in ([5], [-1]):
            broken = {"page:a": JobReads("article.html", reads)}
            dataclasses.replace(record, jobs=broken).save(cache, "key")
            assert DependencyRecord.load(cache, "key") is None
        dataclasses.replace(record, digests=[]).save(cache, "key")
        assert DependencyRecord.load(cache, "key") is None
        record.save(cache, "key")
        head = cache.get(KIND, "key")
        assert head is not None
        output, templates, _, _, facts, jobs_ = unpack(FORMAT, head)
        cache.drop(PARTS, facts)  # a part gone: the record is not trusted
        assert DependencyRecord.load(cache, "key") is None
        cache.put(KIND, "key", pack(b"dependencies-3", (output, templates, facts, [], jobs_)))
        assert DependencyRecord.load(cache, "key") is None
        cache.put(KIND, "key", b'{"output": "out"}')
        assert DependencyRecord.load(cache, "key") is None


def test_a_record_saved_again_writes_only_its_changed_parts(tmp_path: Path) -> None:
    facts: list[Fact] = [("articles", str(n), "summary") for n in range(3 * FACTS_PER_PART)]
    jobs = {f"page:{n}": "article.html" for n in range(3 * JOBS_PER_PART)}
    ran = {key: {facts[n % len(facts)]} for n, key in enumerate(jobs)}
    record = record_of("out", {}, jobs, ran, None, _digest, {})
    with Cache(tmp_path) as cache:
        record.save(cache, "key")
        first = cache.keys(PARTS)
        other = record_of("out", {}, jobs, ran, None, _digest, {})
        other.save(cache, "other")  # another output folder's record: kept apart
        edited = dataclasses.replace(record, digests=[*record.digests[:-1], "changed"])
        edited.jobs["page:0"] = JobReads("article.html", [1])
        edited.save(cache, "key")
        now = {name for name in cache.keys(PARTS) if name.startswith("key:")}
        assert len(now) == len(first) and len(now - first) == 2  # one fact part, one job part
        assert DependencyRecord.load(cache, "key") == edited
        assert DependencyRecord.load(cache, "other") == other


def test_a_record_saved_from_the_one_it_was_made_of_is_stored_as_if_made_whole(
    tmp_path: Path,
) -> None:
    """Parts the last record's contents still fill are named again without being packed;
    what is stored must be exactly what a save without the last record stores."""
    facts: list[Fact] = [("articles", str(n), "summary") for n in range(3 * FACTS_PER_PART)]
    facts += [("tags", str(n)) for n in range(FACTS_PER_PART // 2)]
    jobs = {f"page:{n}": "article.html" for n in range(3 * JOBS_PER_PART)}
    ran = {key: {facts[n % len(facts)], facts[-1 - n]} for n, key in enumerate(jobs)}
    with Cache(tmp_path / "kept") as cache, Cache(tmp_path / "whole") as whole:
        record_of("out", {}, jobs, ran, None, _digest, {}).save(cache, "key")
        last = DependencyRecord.load(cache, "key")
        assert last is not None
        now = [*last.digests[:5], "changed", *last.digests[6:]]
        edited = {"page:7": {facts[2], ("tags", "new")}}
        made = record_of("out", {}, jobs, edited, (last, now), _digest, {})
        made.save(cache, "key", last)
        made.save(whole, "key")
        stored, expected = cache.get(KIND, "key"), whole.get(KIND, "key")
        assert stored is not None and stored == expected
        assert DependencyRecord.load(cache, "key") == made
        kept = {name for name in cache.keys(PARTS)}
        # The part of the changed digest and the appended fact, the part of the job that ran.
        assert len(kept - {name for name in last.parts[0] + last.parts[1]}) == 3


@pytest.fixture(scope="module")
def fixture_facts() -> tuple[list[Article], SiteData, list[Fact]]:
    """The fixture site and every fact its jobs read."""
    articles, errors = load_content(FIXTURE_CONTENT)
    assert not errors
    site = site_data(articles, enrich(articles), None)
    renderer, recorder = Renderer(site, TEMPLATES, SiteFolder(Path("unused"))), Recorder()
    facts: set[Fact] = set()
    for job in site_jobs(tracked(site, recorder)):
        with recorder.job() as reads:
            renderer.texts(job)
        facts |= reads
    return articles, site, sorted(facts, key=repr)


EDITED = {
    "title": {"title": "改过的标题"},
    "body": {"body": "又一段。"},
    "tags": {"tags": ["新标签"]},
    "slug": {"slug": "gai-guo"},
    "date": {"date": "2025-03-01"},
    "authors": {"authors": ["王小明"]},
}


@pytest.mark.parametrize("edit", [*EDITED, "delete"])
def test_a_kind_whose_whole_is_unchanged_has_every_fact_unchanged(
    fixture_facts: tuple[list[Article], SiteData, list[Fact]], edit: str
) -> None:
    articles, site, facts = fixture_facts
    target = articles[len(articles) // 2]
    if edit == "delete":
        edited = [a for a in articles if a is not target]
    else:
        changes = EDITED[edit]
        if edit == "body":
            changes = {"body": target.body + changes["body"]}
        edited = [dataclasses.replace(a, **changes) if a is target else a for a in articles]  # type: ignore[arg-type]
    after = site_data(edited, enrich(edited), None)
    analysed = {a.key: repr(a.body) for a in articles}
    analysed_after = {a.key: repr(a.body) for a in edited}
    before_wholes, after_wholes = Wholes(site, analysed), Wholes(after, analysed_after)
    kept = 0
    for fact in facts:
        kind = fact_kind(fact)
        if before_wholes(kind) == after_wholes(kind):
            kept += 1
            then = fact_digest(site, fact, analysed)
            assert fact_digest(after, fact, analysed_after) == then, fact
    assert kept  # some kinds are untouched by any one edit
    changed = {
        fact_kind(f) for f in facts if before_wholes(fact_kind(f)) != after_wholes(fact_kind(f))
    }
    assert changed  # and the edit shows in some
