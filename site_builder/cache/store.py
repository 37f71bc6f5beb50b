"""``Cache``: results kept between builds in one SQLite file, never trusted blindly.

Layout: ``<folder>/cache.sqlite`` with a table of entries ``(kind, key) -> value`` and a
small ``meta`` table. Keys are content hashes made by the caller (see ``fingerprint``);
values are zlib-compressed bytes stored with their own BLAKE2 checksum.

What is never trusted:

* a file that is not a readable SQLite database of our schema (SQLite says "corrupt",
  "not a database", or our tables do not fit): moved aside as ``cache.sqlite.corrupt``
  and started afresh (``notes`` says so);
* entries made by other code: the code fingerprint is stored in ``meta``; when it differs
  every entry is dropped before use;
* an entry whose checksum or compression does not verify: dropped, counted in
  ``corrupt``, and treated as a miss.

What is never discarded: a cache that cannot be *written* (disk full, quota, read-only
file system, permissions, I/O error, locked by another process) is not corrupt. It is
left exactly as it was; it is still read when it can be (opened read-only if need be,
and only if it was made by this code), and results that could not be stored are kept in
this process's memory for the rest of the run (forked workers inherit them). ``notes``
says so. SQLite rolls back a write that failed, so the file stays a good cache.

Deleting the folder is always safe: the next build is a cold one. A connection belongs to
the process that opened it; a forked worker gets a fresh one on first use.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from urllib.parse import quote

from site_builder.cache.fingerprint import code_fingerprint

FILE_NAME = "cache.sqlite"
SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, checksum BLOB NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_by_kind ON entries (kind);
"""
"""The table holds each value in its key's row: listing or counting a kind's keys through
the primary key walks every page of its values (10,000 article bodies, say). The index
holds (kind, key) only, so ``keys`` and ``count`` read a small fraction of that. A file
of an earlier version of this code gets it when first opened, once."""


def _checksum(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


_MANY = 500
"""Keys per query of ``get_many`` (SQLite allows 999 parameters by default in older builds)."""

_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
"""SQLite's (primary) result codes that mean the file itself is damaged; every other
failure (full, read-only, I/O, busy, cannot open) says nothing against its contents."""


def is_corrupt(error: BaseException, opening: bool = False) -> bool:
    """Whether ``error`` means the cache file is damaged; while ``opening``, a plain SQL
    error also counts (the file is a database, but not of our schema)."""
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(error, sqlite3.Error) or code is None:
        return False
    primary = code & 0xFF
    return primary in _CORRUPT or (opening and primary == sqlite3.SQLITE_ERROR)


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
        self._address = str(self.path)
        """What ``_connect`` opens: the path, or a read-only ``file:`` URI."""
        self._reading = True
        self._writing = True
        self._unsaved: dict[tuple[str, str], bytes] = {}
        """Results that could not be written to the file, kept for the rest of the run."""
        self._pending: list[tuple[str, str, bytes]] | None = None
        """Writes of the open transaction, kept in case its COMMIT fails."""
        existed = self.path.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._prepare()
        except (sqlite3.Error, OSError) as error:
            self._close()
            if not is_corrupt(error, opening=True):
                self._unusable(error, existed)
                return
            try:
                self.path.replace(self.path.with_name(FILE_NAME + ".corrupt"))
                self.notes.append(f"{self.path}: unreadable cache ({error}); started a new one")
                self._prepare()
            except (sqlite3.Error, OSError) as again:
                self._close()
                self._unusable(again, existed=False)

    def _unusable(self, error: BaseException, existed: bool) -> None:
        """The file cannot be opened for writing: read it if it can be, never discard it."""
        self._writing = False
        self._reading = existed and self._open_read_only()
        if not existed:  # only what this run created is removed: nothing of value in it
            for suffix in ("", "-wal", "-shm", "-journal"):
                with suppress(OSError):
                    os.unlink(f"{self.path}{suffix}")
        kept = "read, but not updated" if self._reading else "left as it was"
        self.notes.append(
            f"{self.path}: the cache cannot be written ({_reason(error)}); it is {kept}, "
            "and this run keeps its results in memory only"
        )

    def _open_read_only(self) -> bool:
        """Open the file read-only; True if it is readable and was made by this code.
        ``immutable`` is the last resort: a read-only medium cannot hold SQLite's lock files."""
        wanted = {"schema": SCHEMA_VERSION, "code": self.code}
        for mode in ("mode=ro", "immutable=1"):
            self._address = f"file:{quote(str(self.path.absolute()))}?{mode}"
            try:
                db = self._connect()
                stored = dict(db.execute("SELECT name, value FROM meta").fetchall())
                db.execute("SELECT count(*) FROM entries").fetchone()
            except sqlite3.Error:
                self._close()
                continue
            if all(stored.get(name) == value for name, value in wanted.items()):
                return True
            self._close()  # made by other code: its entries may be wrong, and it cannot
            break  # be emptied now
        return False

    def _failed(self, error: sqlite3.Error, reading: bool = False) -> None:
        """A write (or, with ``reading``, a read) failed during the run: stop it, say so."""
        if is_corrupt(error):
            self._reading = False
        if reading:
            self._reading = False
        if self._writing:
            self._writing = False
            what = "found damaged" if is_corrupt(error) else "kept as it was"
            self.notes.append(
                f"{self.path}: the cache cannot be written ({_reason(error)}); it is "
                f"{what}, and the rest of this run keeps its results in memory only"
            )

    def _connect(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            # A connection must not cross a fork: the child opens its own.
            read_only = self._address != str(self.path)
            self._db = sqlite3.connect(
                self._address, timeout=60, isolation_level=None, uri=read_only
            )
            self._pid = os.getpid()
            if not read_only:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
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
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("DELETE FROM entries")
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", wanted.items())
                db.execute("COMMIT")
            except sqlite3.Error:
                with suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise

    def transaction(self) -> _Transaction:
        """``with cache.transaction():`` groups writes (one fsync instead of thousands)."""
        return _Transaction(self)

    def get(self, kind: str, key: str) -> bytes | None:
        """The value stored under (kind, key), or None when absent or corrupt."""
        unsaved = self._unsaved.get((kind, key))
        if unsaved is not None or not self._reading:
            return unsaved
        query = "SELECT value, checksum FROM entries WHERE kind = ? AND key = ?"
        try:
            row = self._connect().execute(query, (kind, key)).fetchone()
        except sqlite3.Error as error:
            self._failed(error, reading=True)
            return None
        if row is None:
            return None
        value, checksum = row
        try:
            if _checksum(value) != checksum:
                raise zlib.error("checksum mismatch")
            return zlib.decompress(value)
        except zlib.error:
            self.corrupt += 1
            self._write("DELETE FROM entries WHERE kind = ? AND key = ?", (kind, key))
            return None

    def get_many(self, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        """``get`` of each of ``keys`` that is present and verifies, in a few queries: an
        edit build reads thousands of small entries, and one query each would cost more
        than the reading."""
        wanted = set(keys)
        found = {k: v for k in wanted if (v := self._unsaved.get((kind, k))) is not None}
        if not self._reading:
            return found
        todo = sorted(wanted - found.keys())
        for at in range(0, len(todo), _MANY):
            chunk = todo[at : at + _MANY]
            query = "SELECT key, value, checksum FROM entries WHERE kind = ? AND key IN "
            query += f"({', '.join('?' * len(chunk))})"
            try:
                rows = self._connect().execute(query, (kind, *chunk)).fetchall()
            except sqlite3.Error as error:
                self._failed(error, reading=True)
                return found
            for key, value, checksum in rows:
                try:
                    if _checksum(value) != checksum:
                        raise zlib.error("checksum mismatch")
                    found[key] = zlib.decompress(value)
                except zlib.error:
                    self.corrupt += 1
                    self._write("DELETE FROM entries WHERE kind = ? AND key = ?", (kind, key))
        return found

    def drop(self, kind: str, keys: Iterable[str]) -> int:
        """Delete the entries of ``kind`` under ``keys`` (those an edit replaced; cheaper
        than ``keep_only`` over every key an archive uses); returns how many were stored."""
        listed = list(keys)
        for key in listed:
            self._unsaved.pop((kind, key), None)
        if not self._writing or not listed:
            return 0
        try:
            cursor = self._connect().executemany(
                "DELETE FROM entries WHERE kind = ? AND key = ?", ((kind, k) for k in listed)
            )
        except sqlite3.Error as error:
            self._failed(error)
            return 0
        return max(cursor.rowcount, 0)

    def count(self, kind: str) -> int | None:
        """How many entries ``kind`` holds in the file (SQLite counts its index, no value is
        read); None when that does not say what ``keys`` would list (the file cannot be
        read, or results of this run are held in memory only)."""
        if not self._reading or any(held == kind for held, _ in self._unsaved):
            return None
        try:
            row = self._connect().execute("SELECT count(*) FROM entries WHERE kind = ?", (kind,))
            return int(row.fetchone()[0])
        except sqlite3.Error as error:
            self._failed(error, reading=True)
            return None

    def forget(self, kind: str, keep: set[str], held: Iterable[str]) -> int:
        """Drop the entries of ``kind`` not in ``keep``, every one of which is stored;
        ``held``: the keys the kind held when this was last done (what a build replaced
        is among them). Only those not kept are deleted, by key; the kind is swept
        (``keep_only``) only when it still holds another count of entries than ``keep``'s
        (entries a failed build stored, ``held`` unknown or out of date). An edit build
        so deletes its few old versions instead of joining every key an archive uses
        against every entry of the kind. Returns how many were dropped."""
        if not self._writing:
            return 0
        gone = self.drop(kind, [key for key in held if key not in keep])
        if self.count(kind) != len(keep):
            gone += self.keep_only(kind, keep)
        return gone

    def keys(self, kind: str) -> set[str]:
        """Every key stored under ``kind`` (not verified: ``get`` does that)."""
        found = {key for (held, key) in self._unsaved if held == kind}
        if self._reading:
            try:
                rows = self._connect().execute("SELECT key FROM entries WHERE kind = ?", (kind,))
                found.update(key for (key,) in rows)
            except sqlite3.Error as error:
                self._failed(error, reading=True)
        return found

    def put(self, kind: str, key: str, data: bytes) -> None:
        self.put_many(kind, [(key, data)])

    def put_many(self, kind: str, items: Iterable[tuple[str, bytes]]) -> None:
        listed = list(items)
        if self._writing:
            rows = ((kind, key, packed, _checksum(packed)) for key, packed in _packed(listed))
            try:
                self._connect().executemany(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows
                )
            except sqlite3.Error as error:
                self._failed(error)
            else:
                if self._pending is not None:
                    self._pending += ((kind, key, data) for key, data in listed)
                return
        for key, data in listed:
            self._unsaved[kind, key] = data

    def keep_only(self, kind: str, keys: Iterable[str]) -> int:
        """Drop every entry of ``kind`` whose key is not in ``keys`` (so the cache does not
        grow forever with old versions of edited articles); returns how many were dropped."""
        if not self._writing:
            return 0
        db = self._connect()
        gone = 0
        with self.transaction():
            try:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM kept")
                db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((k,) for k in keys))
                gone = db.execute(
                    "DELETE FROM entries WHERE kind = ? AND key NOT IN (SELECT key FROM kept)",
                    (kind,),
                ).rowcount
            except sqlite3.Error as error:
                self._failed(error)
        return gone if self._writing else 0

    def meta(self, name: str) -> str | None:
        if not self._reading:
            return None
        try:
            query = "SELECT value FROM meta WHERE name = ?"
            row = self._connect().execute(query, (name,)).fetchone()
        except sqlite3.Error as error:
            self._failed(error, reading=True)
            return None
        return None if row is None else str(row[0])

    def set_meta(self, name: str, value: str) -> None:
        self._write("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def _write(self, statement: str, values: tuple[str, ...]) -> int:
        """Run one writing statement unless writing has stopped; rows changed."""
        if not self._writing:
            return 0
        try:
            return self._connect().execute(statement, values).rowcount
        except sqlite3.Error as error:
            self._failed(error)
            return 0

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.close()


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


def _packed(items: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    for key, data in items:
        # Level 1: the cache is read far more often than written, and size hardly differs.
        yield key, zlib.compress(data, 1)


class _Transaction:
    """Writes of the block committed together; if the COMMIT fails (a full disk) they are
    kept in memory like any write that failed, and the file is as before the block."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache
        self._open = False

    def __enter__(self) -> None:
        cache = self._cache
        if not cache._writing:
            return
        try:
            cache._connect().execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            cache._failed(error)
            return
        self._open = True
        cache._pending = []

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        cache = self._cache
        if not self._open:
            return
        pending, cache._pending = cache._pending or [], None
        db = cache._connect()
        if kind is None and cache._writing:
            try:
                db.execute("COMMIT")
                return
            except sqlite3.Error as error:
                cache._failed(error)
        with suppress(sqlite3.Error):  # SQLite may have rolled back already
            db.execute("ROLLBACK")
        for kind_, key, data in pending:
            cache._unsaved[kind_, key] = data
