"""Tables on disk made once per installed data file (SQLite, in the user's cache folder).

A dictionary that takes a second of CPU to read whole (jieba's, CC-CEDICT) is also kept
as a table, so that a process that needs a few hundred of its entries (an edit build
analysing one article) queries them one by one instead. The table is named by the data
file's size and time and by the layout's version, so that another file or layout makes
another table beside it.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def table_file(
    kind: str, version: int, source: Path, fill: Callable[[sqlite3.Connection], None]
) -> Path:
    """The table of ``kind`` for the data file ``source``; made by ``fill`` (on an empty
    database) if it is not there, written aside and moved in: a reader never sees half
    of one."""
    info = source.stat()
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    name = f"{kind}-{version}-{info.st_size}-{info.st_mtime_ns}.sqlite"
    path = Path(home) / "site-builder" / name
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, made = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.")
    os.close(handle)
    try:
        with sqlite3.connect(made) as db:
            fill(db)
        db.close()
        os.replace(made, path)
    finally:
        if os.path.exists(made):
            os.unlink(made)
    return path


@dataclass(slots=True)
class TableReader:
    """Read-only queries on one table, opened once per process (a forked worker opens
    its own connection)."""

    path: Callable[[], Path]
    """The table file, made if need be (``table_file``)."""
    db: sqlite3.Connection | None = None
    pid: int = -1
    failed: bool = False
    """The table could not be made or read (a cache folder that cannot be written, a
    damaged table): the caller reads its data file whole instead."""

    def rows(self, query: str, values: tuple[Any, ...] = ()) -> list[tuple[Any, ...]] | None:
        """The query's rows; None once the table has failed."""
        if self.failed:
            return None
        try:
            if self.db is None or self.pid != os.getpid():
                self.db = sqlite3.connect(f"file:{self.path()}?mode=ro", uri=True)
                self.pid = os.getpid()
            return self.db.execute(query, values).fetchall()
        except (OSError, sqlite3.Error):
            self.failed = True
            return None
