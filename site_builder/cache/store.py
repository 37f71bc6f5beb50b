"""``Cache``: results kept between builds in one SQLite file, never trusted blindly.

Layout: ``<folder>/cache.sqlite`` with a table of entries ``(kind, key) -> value`` and a
small ``meta`` table. Keys are content hashes made by the caller (see ``fingerprint``);
values are zlib-compressed bytes stored with their own BLAKE2 checksum.

What is never trusted:

* a file that is not a readable SQLite database of our schema: moved aside as
  ``cache.sqlite.corrupt`` and started afresh (``notes`` says so);
* entries made by other code: the code fingerprint is stored in ``meta``; when it differs
  every entry is dropped before use;
* an entry whose checksum or compression does not verify: dropped, counted in
  ``corrupt``, and treated as a miss.

Deleting the folder is always safe: the next build is a cold one. A connection belongs to
the process that opened it; a forked worker gets a fresh one on first use.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from site_builder.cache.fingerprint import code_fingerprint

FILE_NAME = "cache.sqlite"
SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, checksum BLOB NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
"""


def _checksum(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class Cache:
    """Entries by (kind, key); see the module docstring for what is checked."""

    def __init__(self, folder: Path, code: str | None = None) -> None:
        self.folder = folder
        self.path = folder / FILE_NAME
        self.code = code if code is not None else code_fingerprint()
        self.notes: list[str] = []
        """What was found wrong and repaired while opening, for the build to report."""
        self.corrupt = 0
        """Entries dropped because they did not verify."""
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        folder.mkdir(parents=True, exist_ok=True)
        try:
            self._prepare()
        except sqlite3.DatabaseError as error:
            self._close()
            self.path.replace(self.path.with_name(FILE_NAME + ".corrupt"))
            self.notes.append(f"{self.path}: unreadable cache ({error}); started a new one")
            self._prepare()

    def _connect(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            # A connection must not cross a fork: the child opens its own.
            self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._pid = os.getpid()
        return self._db

    def _close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None

    def _prepare(self) -> None:
        db = self._connect()
        db.executescript(_SCHEMA)
        stored = dict(db.execute("SELECT name, value FROM meta").fetchall())
        wanted = {"schema": SCHEMA_VERSION, "code": self.code}
        if any(stored.get(name) != value for name, value in wanted.items()):
            # Made by other code: every entry may be wrong now.
            with self.transaction():
                db.execute("DELETE FROM entries")
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", wanted.items())

    def transaction(self) -> _Transaction:
        """``with cache.transaction():`` groups writes (one fsync instead of thousands)."""
        return _Transaction(self._connect())

    def get(self, kind: str, key: str) -> bytes | None:
        """The value stored under (kind, key), or None when absent or corrupt."""
        row = (
            self._connect()
            .execute("SELECT value, checksum FROM entries WHERE kind = ? AND key = ?", (kind, key))
            .fetchone()
        )
        if row is None:
            return None
        value, checksum = row
        try:
            if _checksum(value) != checksum:
                raise zlib.error("checksum mismatch")
            return zlib.decompress(value)
        except zlib.error:
            self.corrupt += 1
            self._connect().execute("DELETE FROM entries WHERE kind = ? AND key = ?", (kind, key))
            return None

    def keys(self, kind: str) -> set[str]:
        """Every key stored under ``kind`` (not verified: ``get`` does that)."""
        rows = self._connect().execute("SELECT key FROM entries WHERE kind = ?", (kind,))
        return {key for (key,) in rows}

    def put(self, kind: str, key: str, data: bytes) -> None:
        self.put_many(kind, [(key, data)])

    def put_many(self, kind: str, items: Iterable[tuple[str, bytes]]) -> None:
        rows = ((kind, key, packed, _checksum(packed)) for key, packed in _packed(items))
        self._connect().executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)

    def keep_only(self, kind: str, keys: Iterable[str]) -> int:
        """Drop every entry of ``kind`` whose key is not in ``keys`` (so the cache does not
        grow forever with old versions of edited articles); returns how many were dropped."""
        db = self._connect()
        with self.transaction():
            db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM kept")
            db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((k,) for k in keys))
            gone = db.execute(
                "DELETE FROM entries WHERE kind = ? AND key NOT IN (SELECT key FROM kept)",
                (kind,),
            ).rowcount
        return gone

    def meta(self, name: str) -> str | None:
        row = self._connect().execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, name: str, value: str) -> None:
        self._connect().execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.close()


def _packed(items: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    for key, data in items:
        # Level 1: the cache is read far more often than written, and size hardly differs.
        yield key, zlib.compress(data, 1)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
