"""Fault injection at the write calls: the N-th write under a folder fails with an OS error.

``Faults`` wraps what the code writes with: ``Path.write_bytes``, ``os.open`` for writing
(``mkstemp``, the lock), ``os.mkdir`` (``Path.mkdir``, ``mkdtemp``), ``os.rename`` and
``os.replace``, and every writing SQL statement of the build cache (a failure there is
the matching SQLite error: full, read-only, I/O). Deleting is never made to fail: a full
or read-only disk refuses new bytes, and cleaning up is what must still work.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from site_builder.cache.store import Cache

WRITE_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EIO)

_SQLITE_CODE = {
    errno.ENOSPC: (sqlite3.SQLITE_FULL, "database or disk is full"),
    errno.EDQUOT: (sqlite3.SQLITE_FULL, "database or disk is full"),
    errno.EROFS: (sqlite3.SQLITE_READONLY, "attempt to write a readonly database"),
    errno.EACCES: (sqlite3.SQLITE_READONLY, "attempt to write a readonly database"),
    errno.EIO: (sqlite3.SQLITE_IOERR, "disk I/O error"),
}
_WRITING_SQL = ("INSERT", "DELETE", "UPDATE", "CREATE", "BEGIN", "COMMIT")


class Faults:
    """Counts writes under ``root`` (and to the cache); the ``fail_at``-th raises ``code``
    (None: count only). ``every`` makes each later write of new bytes fail as well (a disk
    that stays full), but not renames: moving what exists needs no space, and it is how a
    commit that failed part way is undone."""

    def __init__(self, root: Path, code: int, fail_at: int | None, every: bool = False) -> None:
        self.root = str(root.absolute())
        self.code = code
        self.fail_at = fail_at
        self.every = every
        self.calls = 0
        self.failed: str | None = None
        """What the injected failure hit."""

    def _due(self, what: str, renaming: bool = False) -> bool:
        self.calls += 1
        due = self.fail_at is not None and (
            self.calls == self.fail_at
            or (self.every and not renaming and self.calls > self.fail_at)
        )
        if due:
            self.failed = what
        return due

    def _hit(self, *paths: object, renaming: bool = False) -> None:
        names = [os.path.abspath(os.fsdecode(p)) for p in paths if isinstance(p, str | Path)]
        if any(name.startswith(self.root) for name in names) and self._due(names[0], renaming):
            raise OSError(self.code, os.strerror(self.code), names[0])

    def sql(self, statement: str) -> None:
        if statement.lstrip().upper().startswith(_WRITING_SQL) and self._due("cache"):
            code, text = _SQLITE_CODE[self.code]
            error = sqlite3.OperationalError(text)
            error.sqlite_errorcode = code
            raise error

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_write_bytes = Path.write_bytes

        def write_bytes(path: Path, data: Any) -> int:
            self._hit(path)
            return real_write_bytes(path, data)

        monkeypatch.setattr(Path, "write_bytes", write_bytes)
        monkeypatch.setattr(os, "mkdir", self._wrap(os.mkdir, renaming=False))
        for name in ("rename", "replace"):
            monkeypatch.setattr(os, name, self._wrap(getattr(os, name), renaming=True))
        real_open = os.open
        writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT

        def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & writing:
                self._hit(path)
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", open_)
        real_connect = Cache._connect

        def connect(cache: Cache) -> Any:
            return _Connection(real_connect(cache), self)

        monkeypatch.setattr(Cache, "_connect", connect)

    def _wrap(self, real: Callable[..., Any], renaming: bool) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self._hit(*args[:2], renaming=renaming)
            return real(*args, **kwargs)

        return call


class _Connection:
    """A cache connection whose writing statements go through ``Faults.sql`` first."""

    def __init__(self, db: sqlite3.Connection, faults: Faults) -> None:
        self._db = db
        self._faults = faults

    def execute(self, statement: str, *args: Any) -> sqlite3.Cursor:
        self._faults.sql(statement)
        return self._db.execute(statement, *args)

    def executemany(self, statement: str, rows: Any) -> sqlite3.Cursor:
        self._faults.sql(statement)
        return self._db.executemany(statement, rows)

    def executescript(self, script: str) -> sqlite3.Cursor:
        self._faults.sql(script)
        return self._db.executescript(script)

    def close(self) -> None:
        self._db.close()
