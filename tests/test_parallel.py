"""``parallel``: ``fork_map``'s results in task order, workers forked afresh when asked;
``in_background``'s task in another process, its result, its error, and its end."""

from __future__ import annotations

import itertools
import os
import time
from functools import partial
from pathlib import Path

import pytest

from site_builder.errors import UserError
from site_builder.parallel import fork_chunks, fork_map, in_background


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


def _pid_and_workers() -> tuple[int, list[tuple[int, int]]]:
    return os.getpid(), list(fork_map(_square_and_pid, 3, 2))


def test_a_background_task_runs_in_another_process_and_may_fork_workers() -> None:
    pending = in_background(_pid_and_workers, True)
    pid, done = pending.result()
    assert pid != os.getpid()
    assert [value for value, _ in done] == [0, 1, 4]
    assert pid not in {worker for _, worker in done}
    assert in_background(_pid_and_workers, False).result()[0] == os.getpid()


def _pid_noted(folder: Path) -> tuple[int, bytes]:
    (folder / "written").write_text(str(os.getpid()))
    (folder / "written").rename(folder / "pid")
    return os.getpid(), bytes(2**20)  # more than a pipe's buffer holds


def test_a_background_process_ends_with_its_task_before_its_result_is_taken(
    tmp_path: Path,
) -> None:
    # Its result waits in a file, not in a pipe the parent must read: the process and its
    # copy of the parent's pages are gone while the parent is still busy.
    pending = in_background(partial(_pid_noted, tmp_path), True)
    deadline = time.monotonic() + 30
    while not (tmp_path / "pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int((tmp_path / "pid").read_text())
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)
    assert pending.result() == (pid, bytes(2**20))


def _dies() -> None:
    os._exit(3)


def test_a_background_process_that_dies_is_an_error_naming_its_exit_code() -> None:
    with pytest.raises(RuntimeError, match="exit code 3"):
        in_background(_dies, True).result()


def _fails() -> None:
    raise UserError("a.md", "broken", "fix it", 3)


def test_a_background_task_s_exception_is_raised_by_result() -> None:
    with pytest.raises(UserError) as raised:
        in_background(_fails, True).result()
    assert (raised.value.file, raised.value.line, raised.value.hint) == ("a.md", 3, "fix it")


def _sleeps_in_workers(marker: Path) -> None:
    def wait(number: int) -> None:
        (marker / f"{os.getpid()}-{number}").touch()
        time.sleep(60)

    list(fork_map(wait, 2, 2))


def test_closing_a_background_task_ends_it_and_its_workers(tmp_path: Path) -> None:
    pending = in_background(partial(_sleeps_in_workers, tmp_path), True)
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(path.name.split("-")[0]) for path in tmp_path.iterdir()]
    assert len(workers) == 2
    started = time.monotonic()
    pending.close()
    assert time.monotonic() - started < 10
    for pid in workers:  # killed (and reaped by no one alive: gone or a zombie)
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
