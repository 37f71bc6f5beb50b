"""One writer per folder: ``ingest``, ``build`` and ``serve`` hold a lock on what they write.

Two builds started at once on one checkout would otherwise race to publish ``output/``
and to update ``content/``. The lock is a hidden file beside the folder it guards
(``.output.lock`` beside ``output/``, so it survives the folder being replaced), held with
``flock``: the kernel releases it when its holder ends, however it ends, so a lock left
by a killed run is stale by construction and is simply taken over. The file holds the
holder's pid, command and start time, which the second run prints: it stops at once with
that message and changes nothing (a second ``serve`` waiting forever would be worse).

The holder unlinks the file before releasing it; a run that opened the old file in
between finds, once it has the lock, that the path no longer names what it locked, and
tries again (otherwise two runs could each hold a lock on a different file).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from site_builder.errors import UserError, is_write_failure


def lock_path(folder: Path) -> Path:
    return folder.absolute().parent / f".{folder.name}.lock"


@contextmanager
def holding(folder: Path, command: str) -> Iterator[None]:
    """Hold the lock on ``folder`` for the block; UserError naming the holder if another
    run has it. Where the lock file cannot be made (read-only, full, no permission),
    nothing can be written by anyone, so nothing is locked."""
    path = lock_path(folder)
    descriptor = _acquire(path, folder, command)
    try:
        yield
    finally:
        if descriptor is not None:
            with suppress(OSError):
                os.unlink(path)
            os.close(descriptor)  # releases the lock


def _acquire(path: Path, folder: Path, command: str) -> int | None:
    while True:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            # Where not even an empty file can be made, no other run can write either;
            # the run goes on and says what it could not write.
            if is_write_failure(error):
                return None
            raise
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(descriptor)
            os.close(descriptor)
            raise UserError(
                str(path),
                f"another site-builder is writing {folder}/ ({holder})",
                "Wait for it to finish (or stop it), then run again; this run changed nothing.",
            ) from None
        try:
            same = os.fstat(descriptor).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(descriptor)  # released and unlinked by its holder meanwhile: again
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    record = f"pid {os.getpid()}, {command}, started {started}\n".encode()
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, record, 0)
    except OSError:
        pass  # a full disk: the lock holds all the same, only the holder is not named
    return descriptor


def _read(descriptor: int) -> str:
    try:
        text = os.pread(descriptor, 200, 0).decode(errors="replace").strip()
    except OSError:
        text = ""
    return text or "its pid is not recorded"
