"""jieba's dictionary read word by word from its table on disk gives what jieba reads."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import jieba
import pytest

from site_builder.cache.disk_table import TableReader
from site_builder.nlp import lexicon as lexicon_module
from site_builder.nlp.lexicon import Lexicon, jiebas_reading


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own: the table is made there."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "site-builder"


def _sample(counts: dict[str, int]) -> list[str]:
    every = sorted(counts)
    return [*random.Random(3).sample(every, 3000), "西藏", "西藏自", "不是一个词", "x", ""]


def test_word_by_word_gives_jiebas_counts_tags_and_total(cache_home: Path) -> None:
    counts, total, tags = jiebas_reading()
    reference = jieba.Tokenizer()
    reference.initialize()  # jieba's own cached table, as ``jieba.lcut`` reads it
    assert counts == reference.FREQ and total == reference.total
    made = Lexicon()  # makes the table
    assert list(cache_home.glob("jieba-*.sqlite"))
    found = Lexicon()  # as in a process that finds the table made
    words = _sample(counts)
    assert found.total == total
    assert [found.counts.get(w) for w in words] == [counts.get(w) for w in words]
    assert [w in found.counts for w in words] == [w in counts for w in words]
    assert [found.tags.get(w, "x") for w in words] == [tags.get(w, "x") for w in words]
    assert found.counts._whole is None and found.tags._whole is None  # never read whole
    assert dict(made.counts) == counts and dict(made.tags) == tags  # read whole


def test_many_look_ups_read_the_whole_table_and_hand_it_over(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexicon_module, "LOOKUPS", 10)
    counts, _total, _tags = jiebas_reading()
    words = _sample(counts)[:30]
    lexicon = Lexicon()
    adopted: list[dict[str, int]] = []
    lexicon.counts.when_whole(adopted.append)
    assert [lexicon.counts.get(w) for w in words] == [counts.get(w) for w in words]
    assert len(adopted) == 1 and adopted[0] == counts


def test_a_cache_folder_that_cannot_be_made_reads_jiebas_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    counts, total, tags = jiebas_reading()
    lexicon = Lexicon()
    assert lexicon.total == total
    assert lexicon.counts.get("西藏") == counts["西藏"] and lexicon.tags["西藏"] == tags["西藏"]
    assert "不是一个词" not in lexicon.counts


def test_words_prefetched_in_batches_give_the_same_values_without_a_query_each(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexicon_module, "PREFETCH", 7)
    counts, _total, tags = jiebas_reading()
    words = _sample(counts)[:40]
    lexicon = Lexicon()
    queries: list[str] = []
    rows = TableReader.rows

    def counted(reader: TableReader, query: str, values: tuple[Any, ...] = ()) -> object:
        queries.append(query)
        return rows(reader, query, values)

    monkeypatch.setattr(TableReader, "rows", counted)
    lexicon.prefetch(words)
    assert len(queries) == 6  # 39 words (the empty one is no word), 7 to a query
    assert [lexicon.counts.get(w) for w in words] == [counts.get(w) for w in words]
    assert [lexicon.tags.get(w) for w in words] == [tags.get(w) for w in words]
    assert len(queries) == 6
