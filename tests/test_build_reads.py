"""``Reads``: each job's facts as they were recorded, each distinct fact held once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from site_builder.build.reads import Reads
from site_builder.build.tracking import Fact

facts = st.tuples(st.sampled_from(["tags", "url", "articles"]), st.text(max_size=3)).map(
    lambda pair: tuple(pair)
)
jobs = st.dictionaries(st.text(min_size=1, max_size=4), st.sets(facts, max_size=12), max_size=8)


@given(jobs)
def test_each_job_reads_what_it_read_and_equal_facts_are_one_object(
    recorded: dict[str, set[Fact]],
) -> None:
    reads = Reads()
    for job, some in recorded.items():
        # As the render workers send them: equal facts, but other objects every time.
        reads.add(job, {tuple(list(fact)) for fact in some})
    assert list(reads) == list(recorded) and len(reads) == len(recorded)
    for job, some in recorded.items():
        assert job in reads
        got = reads[job]
        assert len(got) == len(some) and set(got) == some
    assert "no such job" not in reads or "no such job" in recorded
    held = {id(fact) for job in reads for fact in reads[job]}
    assert len(held) == reads.facts == len(set().union(*recorded.values()))


def test_a_fact_read_twice_by_a_job_is_one_read_and_a_job_recorded_again_is_replaced() -> None:
    reads = Reads()
    reads.add("page:a", [("tags", "x"), ("tags", "x"), ("url", "home")])
    assert reads["page:a"] == [("tags", "x"), ("url", "home")]
    reads.add("page:a", [("url", "home")])
    assert reads["page:a"] == [("url", "home")] and len(reads) == 1
