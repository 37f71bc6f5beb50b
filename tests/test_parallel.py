"""``parallel.fork_map``: results in task order, workers forked afresh when asked."""

from __future__ import annotations

import itertools
import os

from site_builder.parallel import fork_chunks, fork_map


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_renewed_workers_give_the_results_in_order_from_new_processes() -> None:
    done = list(fork_map(_square_and_pid, 10, 2, renew=3))
    assert [value for value, _ in done] == [n * n for n in range(10)]
    pools = [{pid for _, pid in done[start : start + 3]} for start in range(0, 10, 3)]
    assert os.getpid() not in set().union(*pools)
    for earlier, later in itertools.pairwise(pools):
        assert not earlier & later  # each pool's workers are new processes


def test_chunks_with_renewal_match_one_process() -> None:
    items = list(range(23))
    alone = list(fork_chunks(sum, items, 4, 1))
    assert [chunk for chunk, _ in alone] == [items[i : i + 4] for i in range(0, 23, 4)]
    assert list(fork_chunks(sum, items, 4, 2, renew=2)) == alone
