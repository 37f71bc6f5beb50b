"""CC-CEDICT looked up in its table on disk gives what the whole dictionary gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from site_builder.enrich import cedict


@pytest.fixture
def table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> cedict._Table:
    """A fresh table in a cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = cedict._Table()
    monkeypatch.setattr(cedict, "_TABLE", fresh)
    return fresh


def _sample() -> list[str]:
    every = sorted(cedict.words())
    return [*random.Random(7).sample(every, 2000), "行", "西藏", "不是一个词", "x"]


def test_the_table_gives_the_entries_and_beginnings_of_the_whole_dictionary(
    table: cedict._Table, tmp_path: Path
) -> None:
    cedict._index.cache_clear()
    cedict.entries("西藏")  # makes the table (reading the file)
    words = _sample()
    whole = [cedict._index().get(w, ()) for w in words]
    beginnings = [w[:k] for w in words for k in range(1, len(w) + 2)]
    starts = [b in cedict._starts() for b in beginnings]
    cedict._index.cache_clear()  # as in a process that finds the table made
    assert [cedict.entries(w) for w in words] == whole
    assert [cedict.starts_word(b) for b in beginnings] == starts
    assert cedict._index.cache_info().currsize == 0  # never read whole
    assert list((tmp_path / "site-builder").glob("cedict-*.sqlite"))
    assert not table.reader.failed


def test_many_look_ups_read_the_whole_dictionary(
    table: cedict._Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cedict, "LOOKUPS", 10)
    cedict.entries("西藏")  # makes the table (reading the file), then forgets the file
    cedict._index.cache_clear()
    words = _sample()[:20]
    found = [cedict.entries(w) for w in words]
    assert cedict._index.cache_info().currsize == 1
    assert found == [cedict._index().get(w, ()) for w in words]


def test_a_cache_folder_that_cannot_be_made_reads_the_whole_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    monkeypatch.setattr(cedict, "_TABLE", cedict._Table())
    cedict._index.cache_clear()
    assert cedict.entries("西藏") == cedict._index()["西藏"]
    assert cedict.starts_word("西藏自治") and not cedict.starts_word("不是一个词")
    assert cedict._TABLE.reader.failed
