"""The dependency record in its compact form: facts once, jobs naming theirs by index.

``record_of`` makes the next record from the last one and the reads of the jobs that ran;
whatever the mix, each job must name exactly the facts it read, with their digests, and
a stored record that does not hold together must not be trusted."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from site_builder.build.dependencies import (
    FORMAT,
    KIND,
    UNUSED_SHARE,
    DependencyRecord,
    record_of,
)
from site_builder.build.tracking import Fact
from site_builder.cache.packed import pack, unpack
from site_builder.cache.store import Cache

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
        record.save(cache, "key")
        stored = cache.get(KIND, "key")
        assert stored is not None
        output, templates, facts, digests, jobs_, steps = unpack(FORMAT, stored)
        for broken in ([("page:a", "article.html", [5])], [("page:a", "article.html", [-1])]):
            fields = (output, templates, facts, digests, broken, steps)
            cache.put(KIND, "key", pack(FORMAT, fields))
            assert DependencyRecord.load(cache, "key") is None
        cache.put(KIND, "key", pack(FORMAT, (output, templates, facts, [], jobs_, steps)))
        assert DependencyRecord.load(cache, "key") is None
        cache.put(KIND, "key", pack(b"dependencies-1", (output, templates, facts, digests)))
        assert DependencyRecord.load(cache, "key") is None
        cache.put(KIND, "key", b'{"output": "out"}')
        assert DependencyRecord.load(cache, "key") is None
