"""Issue 15: the cache tells damage (move aside, start anew) from a cache that only cannot
be written (full, read-only, I/O, busy): that one is kept byte for byte, read when it can
be, and the run goes on with its new results in memory."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from site_builder.cache.store import FILE_NAME, Cache, is_corrupt

CODE = "test-code"
NOISE = random.Random(15).randbytes(50_000)
"""Does not compress: the file must grow to hold it."""


def filled(folder: Path, count: int = 20) -> bytes:
    """A cache with ``count`` entries, closed; returns the file's bytes."""
    with Cache(folder, CODE) as cache, cache.transaction():
        cache.put_many("k", [(str(n), b"value %d" % n) for n in range(count)])
    return (folder / FILE_NAME).read_bytes()


def sqlite_error(code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("injected")
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("code", "damaged"),
    [
        (sqlite3.SQLITE_CORRUPT, True),
        (sqlite3.SQLITE_NOTADB, True),
        (sqlite3.SQLITE_FULL, False),
        (sqlite3.SQLITE_READONLY, False),
        (sqlite3.SQLITE_IOERR, False),
        (sqlite3.SQLITE_IOERR | (1 << 8), False),  # SQLITE_IOERR_READ: an extended code
        (sqlite3.SQLITE_BUSY, False),
        (sqlite3.SQLITE_LOCKED, False),
        (sqlite3.SQLITE_CANTOPEN, False),
        (sqlite3.SQLITE_PERM, False),
    ],
)
def test_only_damage_counts_as_corrupt(code: int, damaged: bool) -> None:
    assert is_corrupt(sqlite_error(code)) is damaged


def test_a_plain_sql_error_is_damage_only_while_opening() -> None:
    error = sqlite_error(sqlite3.SQLITE_ERROR)
    assert is_corrupt(error, opening=True) and not is_corrupt(error)
    assert not is_corrupt(OSError(28, "No space left on device"), opening=True)


@pytest.mark.parametrize(
    "junk", [b"not a database at all" * 100, b"SQLite format 3\0" + b"\1" * 4000]
)
def test_a_damaged_file_is_moved_aside_and_a_new_one_started(tmp_path: Path, junk: bytes) -> None:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / FILE_NAME).write_bytes(junk)
    with Cache(tmp_path, CODE) as cache:
        cache.put("k", "a", b"x")
        assert cache.get("k", "a") == b"x"
        assert any("unreadable cache" in note for note in cache.notes)
    assert (tmp_path / f"{FILE_NAME}.corrupt").read_bytes() == junk


def test_a_full_disk_keeps_the_cache_and_the_run_goes_on_in_memory(tmp_path: Path) -> None:
    before = filled(tmp_path)
    with Cache(tmp_path, CODE) as cache:
        # SQLite's own limit on the file: growing it fails exactly as on a full disk.
        cache._connect().execute("PRAGMA max_page_count = 1")
        with cache.transaction():
            cache.put_many("k", [("new", NOISE)])
            cache.put_many("k", [("other", NOISE[::-1])])
        cache.set_meta("last_build", "{}")
        assert cache.keep_only("k", {"new"}) == 0  # nothing deleted while it cannot write
        assert cache.get("k", "new") == NOISE  # from memory
        assert cache.get("k", "3") == b"value 3"  # from the file
        assert {"new", "other", "0", "19"} <= cache.keys("k")
        assert len(cache.notes) == 1 and "database or disk is full" in cache.notes[0]
        assert "kept as it was" in cache.notes[0]
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert not (tmp_path / f"{FILE_NAME}.corrupt").exists()
    with Cache(tmp_path, CODE) as cache:
        assert cache.notes == [] and len(cache.keys("k")) == 20


def test_a_read_only_cache_is_read_but_not_written(tmp_path: Path) -> None:
    before = filled(tmp_path)
    with Cache(tmp_path, CODE) as cache:
        cache._connect().execute("PRAGMA query_only = 1")
        cache.put("k", "new", b"x")
        assert cache.get("k", "new") == b"x" and cache.get("k", "0") == b"value 0"
        assert "attempt to write a readonly database" in cache.notes[0]
    assert (tmp_path / FILE_NAME).read_bytes() == before


def test_a_cache_that_cannot_be_opened_is_never_discarded(tmp_path: Path) -> None:
    before = filled(tmp_path)
    # Opening writes nothing to a good cache; one made by other code must be emptied,
    # and when even that cannot be written, its entries are not used and it is kept.
    connect = Cache._connect

    def read_only(cache: Cache) -> sqlite3.Connection:
        db = connect(cache)
        db.execute("PRAGMA query_only = 1")
        return db

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Cache, "_connect", read_only)
        with Cache(tmp_path, "new code") as cache:
            assert cache.get("k", "0") is None and cache.keys("k") == set()
            cache.put("k", "0", b"new")
            assert cache.get("k", "0") == b"new"
            assert "left as it was" in cache.notes[0]
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert not (tmp_path / f"{FILE_NAME}.corrupt").exists()


def test_a_cache_folder_that_cannot_be_made_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("in the way")
    with Cache(tmp_path / "file" / "cache", CODE) as cache:
        cache.put("k", "a", b"x")
        assert cache.get("k", "a") == b"x" and cache.meta("last_build") is None
        assert "cannot be written" in cache.notes[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
