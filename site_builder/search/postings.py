"""Posting lists held in memory while the index is built, a few bytes per posting.

Each term's postings are one ``bytearray`` of varint pairs: the gap to the term's previous
document id (from 0 for the first), then twice the term frequency. Frequencies are sums of
counts times the field weights (``analyze.FIELD_WEIGHTS``: 5, 3 or 1 for every field, tags,
places and ancestors included) and half of those for n-grams across jieba words
(``analyze.ACROSS_WORDS``), facets 0: always a multiple of 0.5 (exact in a float up to 2**52),
so twice the frequency is an exact integer and round-trips without loss. ``add`` checks
this and raises ValueError otherwise (a changed weight must change this encoding too).
Most gaps and doubled frequencies are below 128: one byte each, 2–3 bytes a posting where
an id array and a float array took 8.

Past ``SPILL_BYTES`` of postings held, every list that holds some becomes a numbered piece
of a ``spill.ByteStore`` kept on disk, and is emptied (a spilled run), so that the posting
bytes, which grow with the archive, are bounded. A gap is counted from the term's
previous id wherever that posting went, so a term's list is its runs' pieces and the held
bytes joined (``take``), the same bytes as if nothing had been spilled. (The table of
terms itself stays in memory: at 1,000 articles it is about 14 times the posting bytes;
see bench/README.md, eleventh pass.)
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from site_builder.search.encode import varint
from site_builder.search.spill import ByteStore

_LONG = re.compile(rb"([\x80-\xff]+[\x00-\x7f])")
"""A varint of two bytes or more (continuation bytes, then the byte that ends it), captured
so that ``split`` returns the runs of one-byte varints between long ones."""


_CONTINUED = bytes(range(0x80, 0x100))
"""The bytes of a varint that another byte of it follows."""


def varints(data: bytes | bytearray) -> list[int]:
    """The values of concatenated varints. One-byte values, the bulk, are copied by C-level
    splitting and slicing; only longer ones are decoded one by one."""
    if data.isascii():
        return list(data)
    parts = _LONG.split(data)
    values = list(parts[0])
    for long, run in zip(parts[1::2], parts[2::2], strict=True):
        if len(long) == 2:  # the usual long one: a gap or frequency below 16384
            values.append(long[0] - 0x80 | long[1] << 7)
        else:
            values.append(sum((byte & 0x7F) << 7 * i for i, byte in enumerate(long)))
        values += run
    return values


def decoded(data: bytes | bytearray) -> tuple[list[int], list[float]]:
    """The ids (ascending) and frequencies of one term's list (``Postings.lists``)."""
    values = varints(data)
    return list(accumulate(values[0::2])), [code * 0.5 for code in values[1::2]]


SPILL_BYTES = 256 * 2**20
"""Bytes of postings held before they are spilled to a run on disk: 1,000 articles hold
3.2 MiB, so only archives of tens of thousands of articles spill."""


NO_PIECE = -1
"""A run's piece number for a slot that held no postings when it was spilled."""


def _on_disk() -> ByteStore:
    # A run is spilled because memory is short: its pieces never stay in memory.
    return ByteStore(spill_bytes=0)


@dataclass(slots=True)
class Postings:
    """Each term's (doc id, frequency) postings, filled one document at a time in
    increasing id order, so every list is sorted as it grows."""

    slots: dict[str, int] = field(default_factory=dict)
    lists: list[bytearray] = field(default_factory=list)
    """Each slot's postings since the last spill."""
    last: array[int] = field(default_factory=lambda: array("I"))
    """Each term's latest doc id, which the next gap is counted from."""
    previous: int = -1
    """The latest doc id added."""
    spill_bytes: int = SPILL_BYTES
    held: int = 0
    """Postings in ``lists`` since the last spill, two bytes each (most take two; a
    spill may come a little late, never early)."""
    runs: list[array[int]] = field(default_factory=list)
    """Each spill's piece number in ``pieces`` by slot (``NO_PIECE`` for none; slots made
    after the spill are past its end)."""
    pieces: ByteStore = field(default_factory=_on_disk)
    """Every spilled piece, on disk (a temporary file, gone when closed)."""

    def add(self, doc_id: int, weights: dict[str, float], facets: Iterable[str]) -> None:
        """Add document ``doc_id`` (higher than any before): its terms with their
        frequencies, and its facet terms (frequency 0)."""
        if doc_id <= self.previous:
            raise ValueError(f"doc id {doc_id} added after {self.previous}")
        self.previous = doc_id
        slots, lists, last = self.slots, self.lists, self.last
        every = [*weights.items(), *((facet, 0.0) for facet in facets)]
        for term, tf in every:
            doubled = 2.0 * tf
            if not (doubled >= 0 and doubled.is_integer()):
                raise ValueError(
                    f"term {term!r} of document {doc_id} has frequency {tf}: the posting "
                    "encoding needs a non-negative multiple of 0.5 (see search/postings.py)"
                )
            slot = slots.get(term)
            if slot is None:
                slot = slots[term] = len(lists)
                lists.append(bytearray())
                last.append(0)
            gap, code, into = doc_id - last[slot], int(doubled), lists[slot]
            last[slot] = doc_id
            if gap < 0x80 and code < 0x80:
                into.append(gap)
                into.append(code)
            else:
                into += varint(gap) + varint(code)
        self.held += 2 * len(every)
        if self.held > self.spill_bytes:
            self.spill()

    def spill(self) -> None:
        """Store every held list as a piece and empty it."""
        numbers, pieces = array("q"), self.pieces
        for held in self.lists:
            if held:
                numbers.append(len(pieces))
                pieces.extend([bytes(held)])  # one at a time: never a second copy of the run
                held.clear()
            else:
                numbers.append(NO_PIECE)
        self.runs.append(numbers)
        self.held = 0

    def take(self, term: str) -> bytes:
        """The term's whole list (b"" for an unknown term), spilled pieces first."""
        slot = self.slots.get(term)
        if slot is None:
            return b""
        held = bytes(self.lists[slot])
        if not self.runs:
            return held
        pieces = [
            self.pieces[run[slot]] for run in self.runs if slot < len(run) and run[slot] != NO_PIECE
        ]
        return b"".join(pieces) + held

    def df(self, term: str) -> int:
        """The term's document count: two varints a posting, and every varint ends in
        one byte below 0x80 (counted in C, nothing decoded)."""
        return len(self.take(term).translate(None, _CONTINUED)) // 2

    def close(self) -> None:
        """Remove the spilled runs."""
        self.pieces.close()
        self.runs.clear()
