"""Values kept as tagged marshal bytes (``cache.packed``) read back, and nothing else does."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.cache.packed import DETERMINISTIC, pack, unpack

values = st.recursive(
    st.none() | st.integers() | st.text() | st.binary(),
    lambda inner: st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@given(values)
def test_a_value_reads_back_and_equal_values_give_equal_bytes(value: object) -> None:
    assert unpack(b"t-1", pack(b"t-1", value)) == value
    copy = unpack(b"t-1", pack(b"t-1", value))
    assert pack(b"t-1", copy, DETERMINISTIC) == pack(b"t-1", value, DETERMINISTIC)


def test_bytes_of_another_format_or_tag_are_refused() -> None:
    # JSON read as marshal would be a list of a billion items: refused before reading.
    for foreign in (json.dumps([[["x"]]]).encode(), b"", pack(b"t-2", [1])):
        with pytest.raises(ValueError):
            unpack(b"t-1", foreign)
    with pytest.raises(ValueError):
        unpack(b"t-1", pack(b"t-1", list(range(100)))[:-3])
