"""Values kept in the build cache as ``marshal`` bytes behind a tag naming their format.

``marshal`` writes and reads Python's plain values (dicts, lists, tuples, strings, bytes,
numbers) several times as fast as JSON, which matters for what an edit build reads and
writes whole (the dependency record, every article's kept enrichment parts, the search
shards an edit touches). The cache hands back only bytes whose checksum verifies, made by
this code; the tag rules out the rest before ``marshal`` reads a byte (bytes of another
format under the same key: marshal would read ``[[`` as a list of a billion items).
"""

from __future__ import annotations

import marshal
from typing import Any

_MAGIC = b"\x00sb:"
DETERMINISTIC = 0
"""marshal's format version 0 shares no interned strings and writes no back-references:
equal values give equal bytes, however their strings were made."""


def pack(tag: bytes, value: Any, version: int = marshal.version) -> bytes:
    """``value`` marshalled behind ``tag`` (``version``: marshal's format)."""
    return _MAGIC + tag + b":" + marshal.dumps(value, version)


def unpack(tag: bytes, data: bytes) -> Any:
    """The value ``pack(tag, …)`` stored; ValueError for any other bytes."""
    head = _MAGIC + tag + b":"
    if not data.startswith(head):
        raise ValueError("not a value of this format")
    try:
        return marshal.loads(memoryview(data)[len(head) :])
    except (EOFError, TypeError) as error:
        raise ValueError(f"not a value of this format: {error}") from None
