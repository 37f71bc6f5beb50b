"""``fork_map``: run numbered tasks in forked worker processes, results in task order;
``in_background``: one task run in a forked process while this one does something else.

Workers are forked, not spawned: they start with everything the parent has loaded (jieba's
dictionary, CC-CEDICT, the site's data) shared copy-on-write, so nothing is pickled but
task numbers and results. Results come back in task order whatever the number of
workers, which is what keeps builds with 1 and with N workers byte-identical.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import IO, Any, Generic, TypeVar

R = TypeVar("R")
T = TypeVar("T")

_TASK: Callable[[int], Any] | None = None
"""The task of the pool being run; set before the workers fork, so they inherit it."""


def available_workers() -> int:
    """Cores this process may use (its CPU affinity, not the machine's core count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run(number: int) -> Any:
    assert _TASK is not None, "fork_map sets the task before its workers start"
    return _TASK(number)


def fork_map(
    task: Callable[[int], R], count: int, workers: int, renew: int | None = None
) -> Iterator[R]:
    """``task(0) ... task(count - 1)``, yielded in that order.

    With one worker (or one task) they run here, in this process: no fork, which is also
    what a test of "1 worker and N workers give the same output" compares against.
    ``renew``: the workers are forked afresh after every ``renew`` tasks, dropping the
    pages they copied of the parent (reading an object writes its reference count, so a
    worker that runs many tasks over the parent's data ends up with a copy of most of it).
    """
    global _TASK
    if workers <= 1 or count <= 1:
        for number in range(count):
            yield task(number)
        return
    _TASK = task
    context = multiprocessing.get_context("fork")
    # Frozen objects are left out of garbage collection, which would otherwise write to
    # every object's header in each worker and so copy all of the parent's memory.
    gc.freeze()
    try:
        step = renew or count
        for start in range(0, count, step):
            numbers = range(start, min(count, start + step))
            # The workers collect their own garbage even when the parent paused its
            # collector while it built what they read (``build.run``): they make and
            # drop a lot of it.
            with ProcessPoolExecutor(
                max_workers=min(workers, len(numbers)), mp_context=context, initializer=gc.enable
            ) as pool:
                yield from pool.map(_run, numbers)
    finally:
        _TASK = None
        gc.unfreeze()


def fork_chunks(
    work: Callable[[list[T]], R],
    items: Sequence[T],
    size: int,
    workers: int,
    renew: int | None = None,
) -> Iterator[tuple[list[T], R]]:
    """``items`` cut into chunks of ``size``, each with ``work(chunk)`` computed in the
    workers, yielded in order: big enough chunks amortise the round trip, small enough
    ones keep a progress display moving and the workers finishing together. ``renew``:
    chunks between two forks of the workers (``fork_map``)."""
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    done = fork_map(lambda number: work(chunks[number]), len(chunks), workers, renew)
    yield from zip(chunks, done, strict=True)


def anonymous_memory() -> int | None:
    """Bytes of this process's heap resident in memory (``RssAnon``: what a forked child
    shares with it until either writes; the files it maps are left out), None where
    ``/proc`` does not tell."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


class Pending(Generic[R]):
    """A task's result, ready now or being computed in a forked process
    (``in_background``): ``result()`` returns it, or raises the task's exception;
    ``close()`` stops a task whose result is no longer wanted."""

    def __init__(
        self,
        value: R | None = None,
        process: multiprocessing.process.BaseProcess | None = None,
        outcome: IO[bytes] | None = None,
    ) -> None:
        self._value = value
        self._process = process
        self._outcome = outcome

    def result(self) -> R:
        if self._process is None or self._outcome is None:
            return self._value  # type: ignore[return-value]  # computed here, in __init__
        self._process.join()
        code = self._process.exitcode
        self._outcome.seek(0)
        try:
            outcome: tuple[bool, Any] | None = pickle.load(self._outcome) if code == 0 else None
        except EOFError:  # ended before writing it all
            outcome = None
        self.close()
        if outcome is None:
            raise RuntimeError(f"a build process ended without its result (exit code {code})")
        done, value = outcome
        if not done:
            raise value
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._process is not None:
            if self._process.exitcode is None:
                # The task's process leads a process group of its own with the workers
                # it forked: all of them go (a worker left waiting would never end).
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self._process.pid, signal.SIGKILL)  # type: ignore[arg-type]
            self._process.join()
        if self._outcome is not None:
            self._outcome.close()
        self._process = self._outcome = None


def _deliver(task: Callable[[], Any], outcome: IO[bytes]) -> None:
    """In the forked process: write ``task()``'s value, or the exception it raised, to
    ``outcome`` and end. A file, not a pipe: the process ends as soon as its task does,
    and with it its copy of the pages the parent has changed since the fork (a process
    waiting for the parent to read a pipe held them for as long as the parent was busy)."""
    os.setpgid(0, 0)
    try:
        done: tuple[bool, Any] = (True, task())
    except BaseException as error:  # raised again in the parent by ``Pending.result``
        done = (False, error)
    pickle.dump(done, outcome, protocol=pickle.HIGHEST_PROTOCOL)
    outcome.flush()


def in_background(task: Callable[[], R], background: bool) -> Pending[R]:
    """``task()``, run in a forked process when ``background`` (this process goes on; the
    child starts with a copy-on-write view of everything loaded here, and may fork
    workers of its own, e.g. ``fork_map``), else here and now. Call it while this process
    runs no other thread: a fork copies only the calling thread."""
    if not background:
        return Pending(task())
    context = multiprocessing.get_context("fork")
    # Unnamed, gone with its last descriptor; ``Pending.close`` closes the parent's.
    outcome = tempfile.TemporaryFile()  # noqa: SIM115
    process = context.Process(target=_deliver, args=(task, outcome))
    try:
        process.start()
    except BaseException:
        outcome.close()
        raise
    with contextlib.suppress(OSError):  # the child does the same: whichever comes first
        os.setpgid(process.pid, process.pid)  # type: ignore[arg-type]  # started: set
    return Pending(process=process, outcome=outcome)
