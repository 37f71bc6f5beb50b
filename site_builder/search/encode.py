"""Binary layout of shards and posting lists (decoded again by ``search.js``; see SPEC.md).

A posting list is a block: document ids, either as varint gaps or as a bitmap (whichever is
smaller), followed by one impact byte per id for ranked terms. Every file of the index
is raw-deflated, which browsers undo natively (``DecompressionStream("deflate-raw")``).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

HAS_IMPACTS = 1
BITMAP = 2
EXTERNAL = 4
HAS_FORMS = 8


_ONE_BYTE = [bytes((value,)) for value in range(0x80)]
"""Varints below 128, the bulk of those an index writes, made once."""


def varint(value: int) -> bytes:
    if 0 <= value < 0x80:  # a negative value falls through to bytearray's ValueError
        return _ONE_BYTE[value]
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def read_varint(data: bytes, at: int) -> tuple[int, int]:
    """Value and the offset just after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def inflate(data: bytes) -> bytes:
    return zlib.decompress(data, -15)


def _gaps(ids: Sequence[int]) -> bytes:
    gaps = [doc - previous for previous, doc in zip([0, *ids[:-1]], ids, strict=True)]
    if gaps and max(gaps) < 0x80:  # one byte each: the usual case, done in C
        return bytes(gaps)
    return b"".join(map(varint, gaps))


def _varint_size(value: int) -> int:
    return max(1, (value.bit_length() + 6) // 7)


def _bitmap_size(ids: Sequence[int]) -> int:
    nbytes = (ids[-1] - ids[0]) // 8 + 1
    return _varint_size(ids[0]) + _varint_size(nbytes) + nbytes


def _bitmap(ids: Sequence[int]) -> bytes:
    base = ids[0]
    bits = bytearray((ids[-1] - base) // 8 + 1)
    for doc in ids:
        offset = doc - base
        bits[offset >> 3] |= 1 << (offset & 7)
    return varint(base) + varint(len(bits)) + bytes(bits)


def encode_block(ids: Sequence[int], impacts: Sequence[int] | None) -> tuple[int, bytes]:
    """Flags and bytes of a posting block; ``ids`` ascending, one impact (1..255) per id."""
    gaps = _gaps(ids)
    # The bitmap's size is known without building it: build it only when it wins.
    flags, body = (BITMAP, _bitmap(ids)) if _bitmap_size(ids) < len(gaps) else (0, gaps)
    if impacts is not None:
        flags |= HAS_IMPACTS
        body += bytes(impacts)
    return flags, body


def decode_block(block: bytes, flags: int, df: int) -> tuple[list[int], list[int] | None]:
    ids: list[int] = []
    at = 0
    if flags & BITMAP:
        base, at = read_varint(block, at)
        size, at = read_varint(block, at)
        for j in range(size):
            byte = block[at + j]
            ids.extend(base + 8 * j + k for k in range(8) if byte >> k & 1)
        at += size
    else:
        doc = 0
        for _ in range(df):
            gap, at = read_varint(block, at)
            doc += gap
            ids.append(doc)
    impacts = list(block[at : at + df]) if flags & HAS_IMPACTS else None
    return ids, impacts


@dataclass(slots=True, frozen=True)
class Entry:
    """One term as stored in a shard."""

    flags: int
    forms: tuple[str, ...]
    df: int
    block: bytes | None
    """Posting block, or None when it lives in its own file (``EXTERNAL``)."""
    ordinal: int
    """Position in the shard: names the file of an external block."""


def _text(value: str) -> bytes:
    raw = value.encode("utf-8")
    return varint(len(raw)) + raw


def encode_entry(
    term: str, flags: int, forms: Sequence[str], df: int, block: bytes | None
) -> bytes:
    out = bytearray(_text(term))
    flags |= HAS_FORMS if forms else 0
    flags |= EXTERNAL if block is None else 0
    out.append(flags)
    if forms:
        out += varint(len(forms))
        for form in forms:
            out += _text(form)
    out += varint(df)
    if block is not None:
        out += varint(len(block)) + block
    return bytes(out)


def entry_df(encoded: bytes) -> int:
    """The document count an entry (``encode_entry``) stores."""
    size, at = read_varint(encoded, 0)
    at += size
    flags = encoded[at]
    at += 1
    if flags & HAS_FORMS:
        count, at = read_varint(encoded, at)
        for _ in range(count):
            size, at = read_varint(encoded, at)
            at += size
    return read_varint(encoded, at)[0]


def _read_text(data: bytes, at: int) -> tuple[str, int]:
    size, at = read_varint(data, at)
    return data[at : at + size].decode("utf-8"), at + size


def decode_shard(data: bytes) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    at = 0
    while at < len(data):
        term, at = _read_text(data, at)
        flags = data[at]
        at += 1
        forms: list[str] = []
        if flags & HAS_FORMS:
            count, at = read_varint(data, at)
            for _ in range(count):
                form, at = _read_text(data, at)
                forms.append(form)
        df, at = read_varint(data, at)
        block = None
        if not flags & EXTERNAL:
            size, at = read_varint(data, at)
            block = data[at : at + size]
            at += size
        entries[term] = Entry(flags, tuple(forms), df, block, len(entries))
    return entries
