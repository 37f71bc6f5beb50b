"""jieba's dictionary read one word at a time: word -> count, word -> part of speech.

jieba reads its prefix table (every word and every beginning of a word, with its count:
about 580,000 entries) whole before it cuts anything, and ``jieba.posseg`` reads its
dictionary file again for the tags when it is imported: about 0.9 s of CPU together, in
every process that cuts a text. An edit build analyses one article and asks for a few
thousand words. So both tables are also kept in one table on disk (``cache.disk_table``,
made once per dictionary file, from jieba's own reading of it), and a process looks
words up there, one query each, until it has asked for ``LOOKUPS`` words; then it reads
the whole table (a cold build or an ingest asks for millions). Either way the values are
jieba's (``tests/test_nlp_lexicon.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TypeVar

import jieba

from site_builder.cache.disk_table import TableReader, table_file

V = TypeVar("V", int, str)

LOOKUPS = 50_000
"""Words a process looks up in the table on disk before it reads the whole table."""
PREFETCH = 500
"""Words per query of ``Lexicon.prefetch`` (SQLite's oldest limit is 999 parameters)."""
TABLE_VERSION = 1
"""Of the table's layout: a new one is made beside an old one."""
_TOTAL = ""
"""The row holding the sum of the dictionary's counts (no word is empty)."""


def dictionary_file() -> Path:
    """jieba's own dictionary, the one ``jieba.Tokenizer()`` reads."""
    return Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)


def jiebas_reading() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's prefix table, the sum of its counts and its tags, read by jieba itself
    (``Tokenizer.gen_pfdict``; ``jieba.posseg`` reads the tags when imported)."""
    import jieba.posseg

    with dictionary_file().open("rb") as handle:
        counts, total = jieba.Tokenizer.gen_pfdict(handle)
    return counts, total, dict(jieba.posseg.dt.word_tag_tab)


def _fill(db: sqlite3.Connection) -> None:
    counts, total, tags = jiebas_reading()
    db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, count INTEGER, tag TEXT) WITHOUT ROWID")
    rows = ((word, count, tags.get(word)) for word, count in counts.items())
    db.executemany("INSERT INTO words VALUES (?, ?, ?)", [(_TOTAL, total, None), *rows])


def _table_file() -> Path:
    return table_file("jieba", TABLE_VERSION, dictionary_file(), _fill)


class Lexicon:
    """jieba's dictionary for one process: ``counts`` (its ``Tokenizer.FREQ``), ``tags``
    (its ``POSTokenizer.word_tag_tab``) and ``total`` (``Tokenizer.total``)."""

    def __init__(self) -> None:
        self._reader = TableReader(_table_file)
        self._looked: dict[str, tuple[int, str | None] | None] = {}
        self._asked = 0
        self._jiebas: tuple[dict[str, int], int, dict[str, str]] | None = None
        """jieba's own reading, when the table cannot be had."""
        self.counts: Column[int] = Column(self, "count")
        self.tags: Column[str] = Column(self, "tag")
        rows = self._reader.rows("SELECT count FROM words WHERE word = ?", (_TOTAL,))
        self.total: int = rows[0][0] if rows else self._jieba()[1]

    def entry(self, word: str) -> tuple[int, str | None] | None:
        """(count, tag or None) of ``word``, None if jieba knows neither; the caller reads
        the whole table when this raises ``LookupError`` (too many asked, or no table)."""
        if word in self._looked:
            return self._looked[word]
        if word == _TOTAL:
            return None
        self._asked += 1
        rows = None
        if self._asked <= LOOKUPS:
            rows = self._reader.rows("SELECT count, tag FROM words WHERE word = ?", (word,))
        if rows is None:
            raise LookupError(word)
        found = self._looked[word] = rows[0] if rows else None
        return found

    def prefetch(self, words: Iterable[str]) -> None:
        """Look ``words`` up now, ``PREFETCH`` to a query: a caller about to ask for
        thousands of words (every name of the gazetteer) pays a query per batch, not
        per word. Counted as one word asked per query."""
        todo = sorted({w for w in words if w and w not in self._looked})
        if self._asked > LOOKUPS:
            return  # read whole on the next question
        for start in range(0, len(todo), PREFETCH):
            batch = todo[start : start + PREFETCH]
            marks = ",".join("?" * len(batch))
            query = f"SELECT word, count, tag FROM words WHERE word IN ({marks})"
            rows = self._reader.rows(query, tuple(batch))
            if rows is None:
                return
            self._asked += 1
            found = {word: (count, tag) for word, count, tag in rows}
            for word in batch:
                self._looked[word] = found.get(word)

    def whole(self, column: str) -> dict[str, int] | dict[str, str]:
        """Every word's value in ``column`` ("count" or "tag")."""
        query = f"SELECT word, {column} FROM words WHERE word != ? AND {column} IS NOT NULL"
        rows = self._reader.rows(query, (_TOTAL,))
        if rows is not None:
            return dict(rows)
        counts, _total, tags = self._jieba()
        return counts if column == "count" else tags

    def _jieba(self) -> tuple[dict[str, int], int, dict[str, str]]:
        if self._jiebas is None:
            self._jiebas = jiebas_reading()
        return self._jiebas


class Column(Mapping[str, V]):
    """One column of the lexicon as the mapping jieba's code reads (``in``, ``get``,
    ``[]``), looked up word by word until the lexicon says to read it whole; then every
    function registered with ``when_whole`` is handed the plain ``dict`` (a tokenizer
    takes it as its table: a dict's look-ups are C calls, and a cold build makes
    millions)."""

    def __init__(self, lexicon: Lexicon, column: str) -> None:
        self._lexicon = lexicon
        self._index = 0 if column == "count" else 1
        self._column = column
        self._whole: dict[str, V] | None = None
        self._adopters: list[Callable[[dict[str, V]], None]] = []

    def when_whole(self, adopt: Callable[[dict[str, V]], None]) -> None:
        self._adopters.append(adopt)
        if self._whole is not None:
            adopt(self._whole)

    def read_whole(self) -> dict[str, V]:
        if self._whole is not None:
            return self._whole
        whole: dict[str, V] = self._lexicon.whole(self._column)  # type: ignore[assignment]
        self._whole = whole
        for adopt in self._adopters:
            adopt(whole)
        return whole

    def get(self, word: str, default: V | None = None) -> V | None:  # type: ignore[override]
        if self._whole is not None:
            return self._whole.get(word, default)
        try:
            entry = self._lexicon.entry(word)
        except LookupError:
            return self.read_whole().get(word, default)
        if entry is None or entry[self._index] is None:
            return default
        return entry[self._index]  # type: ignore[return-value]

    def __getitem__(self, word: str) -> V:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.read_whole())

    def __len__(self) -> int:
        return len(self.read_whole())


@cache
def lexicon() -> Lexicon:
    """The process's lexicon (a forked worker shares what its parent looked up or read)."""
    return Lexicon()
