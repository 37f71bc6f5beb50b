"""One term of the index -> its shard entry; shards and the small side files.

Shared by the full build (``build``) and the edit build (``update``), so that a term
encoded by either is the same bytes. A term's entry is a function of its postings (ids and
field-weighted frequencies), its forms, the document count and the length part of BM25
of the documents it holds (``Scoring``); an English term's also of the postings of the
Chinese words it stands for (``english``).

Three quantities are made stable on purpose, so that one edited article leaves most of
the index as it was: the average document length BM25 divides by is rounded to three
significant digits, the shard count is the power of two that keeps shards near
``SHARD_BYTES``, and each document's length is taken by bucket (``LENGTH_STEPS``), as
Lucene keeps its length norms in one lossy byte. Without the buckets a paragraph added to
an article changes its impact byte in about a fifth of its terms, spread over most of
the shards: one body edit rewrote 580 shard files of 1,000 articles.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from site_builder.search import initials
from site_builder.search.encode import deflate, encode_block, encode_entry
from site_builder.search.english import COMPOSED, DIRECT, OTHER, Expansion
from site_builder.search.t2s import table

K1 = 1.2
B = 0.75
IMPACT_SCALE = 10.0
"""An impact byte is the term's BM25 score times this, clamped to 1..255."""
EXTERNAL_BYTES = 1024
"""A posting block bigger than this gets its own file, so shards stay small."""
SHARD_BYTES = 2048
"""Aimed-for size of a shard before compression; sets the shard count."""
FORMS_KEPT = {"w:": 16}
"""English-name forms only serve highlighting: keep a few. Pinyin keeps all."""
DOC_DIR_SIZE = 1000
EXPANSION_WEIGHT = {DIRECT: 1.0, OTHER: 0.5, COMPOSED: 0.5}
"""Frequency factor of a Chinese word found for an English one, by how closely it means it."""
DIRECT_FLOOR = 128
"""An English term's impacts: articles with the word itself (an English place name, Latin
text) get ``DIRECT_FLOOR`` and up, articles found through a Chinese word below it, so
direct matches rank first."""
LENGTH_STEPS = 8
"""Length buckets per doubling: BM25 reads a document's length rounded to the nearest
power of 2^(1/8) (about 9 % apart), which moves its norm by at most about 3 % and an
impact byte by about 1 %, like the rounding of the impact itself. An edit that keeps an
article in its bucket leaves every impact byte of its unchanged terms as it was."""
RANKED = ("w:", "p:", "i:")
"""Prefixes of ranked terms besides plain Han n-grams; facets are not ranked."""

Postings = tuple[list[int], list[float]]
"""A term's document ids (ascending) and their frequencies."""


def to_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass(slots=True, frozen=True)
class Entry:
    """A term ready to store."""

    term: str
    encoded: bytes
    """Its shard entry."""
    block: bytes | None
    """Its posting block when it goes in a file of its own."""


@dataclass(slots=True)
class Scoring:
    """What BM25 needs besides a term's own postings."""

    count: int
    average: float
    """The average document length, rounded to three significant digits."""
    norms: list[float]
    """Each document's length part, by id."""

    @classmethod
    def of(cls, lengths: array[float] | Sequence[float]) -> Scoring:
        """``lengths``: each document's field-weighted length, by id."""
        count = len(lengths)
        average = float(f"{max(1.0, sum(lengths) / max(1, count)):.3g}")
        norms = [K1 * (1 - B + B * bucketed(length) / average) for length in lengths]
        return cls(count, average, norms)

    def _scale(self, df: int) -> float:
        idf = math.log(1 + (self.count - df + 0.5) / (df + 0.5))
        return idf * (K1 + 1) * IMPACT_SCALE

    def impacts(self, ids: Sequence[int], tfs: Sequence[float]) -> list[int]:
        """BM25 impact bytes of one term."""
        scale, norms = self._scale(len(ids)), self.norms
        # Clamped to 1..255 by comparisons rather than min/max calls: this runs per
        # posting. The score is never negative (idf > 0), so only 0 needs raising to 1.
        return [
            255 if (v := round(scale * tf / (tf + norms[d]))) > 255 else v or 1
            for d, tf in zip(ids, tfs, strict=True)
        ]

    def impact(self, df: int, doc: int, tf: float) -> int:
        """``impacts``' byte for one document of a term in ``df`` documents (the same
        arithmetic: an edit build compares it with the byte a full build wrote)."""
        v = round(self._scale(df) * tf / (tf + self.norms[doc]))
        return 255 if v > 255 else v or 1


def bucketed(length: float) -> float:
    """``length`` rounded to its bucket (``LENGTH_STEPS``); 0 stays 0."""
    if length <= 0:
        return 0.0
    return float(2.0 ** (round(LENGTH_STEPS * math.log2(length)) / LENGTH_STEPS))


def shown_forms(term: str, forms: Iterable[str]) -> list[str]:
    """The forms a shard stores for ``term``: sorted, English-name ones cut to a few."""
    keep = FORMS_KEPT.get(term[:2])
    ordered = sorted(forms)
    return ordered[:keep] if keep else ordered


def _expanded(
    expansion: Expansion, peek: Callable[[str], Postings], scoring: Scoring
) -> tuple[list[int], list[int]]:
    """Ids and impacts of the articles an English term finds through its Chinese words,
    each at its best weighted frequency."""
    best: dict[int, float] = {}
    for word, rank in expansion.words:
        weight = EXPANSION_WEIGHT[rank]
        for doc, tf in zip(*peek(word), strict=True):
            if tf * weight > best.get(doc, 0.0):
                best[doc] = tf * weight
    ids = sorted(best)
    return ids, scoring.impacts(ids, [best[d] for d in ids])


def _tiered(
    direct: tuple[list[int], list[int]], expanded: tuple[list[int], list[int]]
) -> tuple[list[int], list[int]]:
    """Direct postings at ``DIRECT_FLOOR`` and above, the others below (impacts halved)."""
    impacts = {d: max(1, v // 2) for d, v in zip(*expanded, strict=True)}
    impacts.update((d, DIRECT_FLOOR + v // 2) for d, v in zip(*direct, strict=True))
    ids = sorted(impacts)
    return ids, [impacts[d] for d in ids]


def term_entry(
    term: str,
    postings: Postings,
    shown: list[str],
    scoring: Scoring,
    english: tuple[Expansion, Callable[[str], Postings]] | None = None,
) -> Entry:
    """``term`` encoded: ``shown`` its forms (``shown_forms``; a place's names), and for an
    English term its expansion with a reader of its words' postings."""
    ids, tfs = postings
    ranked = ":" not in term or term.startswith(RANKED)
    impacts = scoring.impacts(ids, tfs) if ranked else None
    if english is not None:
        expansion, peek = english
        ids, impacts = _tiered((ids, impacts or []), _expanded(expansion, peek, scoring))
        shown = shown + [w for w, _ in expansion.words if w not in shown]
    flags, block = encode_block(ids, impacts)
    inline = block if len(block) <= EXTERNAL_BYTES else None
    encoded = encode_entry(term, flags, shown, len(ids), inline)
    return Entry(term, encoded, None if inline is not None else block)


def shard_count(entry_bytes: int) -> int:
    """Shards for entries of ``entry_bytes`` in all: the power of two that keeps them at
    ``SHARD_BYTES`` or below, so that the count moves only when the index doubles."""
    return 1 << (max(1, math.ceil(entry_bytes / SHARD_BYTES)) - 1).bit_length()


def write_shard(
    write: Callable[[str, bytes], None],
    number: int,
    members: list[Entry],
    live: tuple[Mapping[str, bytes], Callable[[list[str]], None]] | None = None,
) -> int:
    """Write shard ``number`` of ``members`` (sorted by term) and its external blocks;
    returns how many of those there are (their ordinals are 0..n-1 among the members).
    ``live``: the block files the output holds now (path -> block) and how to claim one
    unchanged: an edit rewrites a shard for one entry, and most of its blocks keep their
    place and bytes (at 10,000 articles nine in ten of the files a body edit wrote)."""
    packed = bytearray()
    external = 0
    held, claim = live if live is not None else ({}, None)
    for ordinal, entry in enumerate(members):
        if entry.block is not None:
            path = f"t/{number}-{ordinal}.bin"
            if claim is not None and held.get(path) == entry.block:
                claim([path])
            else:
                write(path, deflate(entry.block))
            external += 1
        packed += entry.encoded
    write(f"s/{number}.bin", deflate(bytes(packed)))
    return external


def external_files(number: int, members: Iterable[Entry]) -> list[str]:
    """The block files of shard ``number``."""
    return [f"t/{number}-{i}.bin" for i, e in enumerate(members) if e.block is not None]


def write_side_files(
    write: Callable[[str, bytes], None],
    dates: Sequence[str | None],
    facets: dict[str, Any],
    shards: int,
    syllables: Iterable[str],
    chars: Iterable[str] | None,
    claim: Callable[[list[str]], None] | None = None,
) -> None:
    """``dates.bin``, ``facets.bin``, ``t2s.bin``, ``initials.bin`` and ``meta.bin`` (last:
    a reader that sees it sees a whole index). ``dates``: each document's date, by id;
    ``chars``: the single-character terms with an entry (``initials.bin`` is made of them).
    ``claim`` (an edit build's): ``t2s.bin``, which only the code changes, is kept as it
    is, and so is ``initials.bin`` when ``chars`` is None (the same characters as before:
    their readings cost a third of a second to look up)."""
    first: dict[str, int] = {}
    for doc_id, date in enumerate(dates):
        if date is not None:
            first.setdefault(date, doc_id)
    write("dates.bin", deflate(to_json(sorted(first.items()))))
    write("facets.bin", deflate(to_json(facets)))
    if claim is not None:
        claim(["t2s.bin"])
    else:
        write("t2s.bin", deflate(table().wire().encode()))
    if chars is None:
        if claim is None:
            raise ValueError("initials.bin neither written nor claimed")
        claim(["initials.bin"])
    else:
        write("initials.bin", deflate(initials.wire(chars).encode()))
    meta = {
        "format": 1,
        "docs": len(dates),
        "undated": sum(1 for date in dates if date is None),
        "shards": shards,
        "docDir": DOC_DIR_SIZE,
        "syllables": " ".join(sorted(set(syllables))),
    }
    write("meta.bin", deflate(to_json(meta)))
