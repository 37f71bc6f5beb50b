"""Binary layout of posting lists and shards: what is written reads back the same."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from site_builder.search.encode import (
    BITMAP,
    EXTERNAL,
    HAS_FORMS,
    HAS_IMPACTS,
    decode_block,
    decode_shard,
    deflate,
    encode_block,
    encode_entry,
    inflate,
    read_varint,
    varint,
)

ids_strategy = st.sets(st.integers(min_value=0, max_value=5000), min_size=1, max_size=300).map(
    sorted
)


@given(st.integers(min_value=0, max_value=2**40))
def test_varint_round_trip(value: int) -> None:
    data = b"\x07" + varint(value)
    assert read_varint(data, 1) == (value, len(data))


@given(ids_strategy, st.booleans())
def test_block_round_trip(ids: list[int], ranked: bool) -> None:
    impacts = [1 + (i * 37) % 255 for i in ids] if ranked else None
    flags, block = encode_block(ids, impacts)
    assert bool(flags & HAS_IMPACTS) == ranked
    assert decode_block(block, flags, len(ids)) == (ids, impacts)


def test_dense_lists_become_bitmaps_and_sparse_ones_gaps() -> None:
    dense, _ = encode_block(list(range(100, 400)), None)
    sparse, _ = encode_block([5, 5000, 90000], None)
    assert dense & BITMAP and not sparse & BITMAP


def test_shard_round_trip_keeps_order_forms_and_external_blocks() -> None:
    flags, block = encode_block([1, 4, 9], [10, 20, 30])
    data = encode_entry("p:la sa", flags, ["拉萨"], 3, block) + encode_entry(
        "社区", flags, [], 3, None
    )
    entries = decode_shard(inflate(deflate(data)))
    assert list(entries) == ["p:la sa", "社区"]
    first, second = entries["p:la sa"], entries["社区"]
    assert first.forms == ("拉萨",) and first.flags & HAS_FORMS and first.block == block
    assert second.block is None and second.flags & EXTERNAL and second.ordinal == 1
