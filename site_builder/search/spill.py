"""Byte strings kept by number, in memory while they are few, on disk past a size.

A full index build encodes every term before it knows the shard count (the count follows
the entries' total size, ``entries.shard_count``), then writes the shards one by one. The
entries grow with the archive (45 MiB at 10,000 articles): past ``SPILL_BYTES`` they go to
a temporary file and are read back one shard at a time, so the build holds an offset and
a size per entry instead of the entry. The postings' spilled runs are pieces of a store
that is on disk from the start (``postings.Postings``).
"""

from __future__ import annotations

import os
import tempfile
from array import array
from dataclasses import dataclass, field
from typing import BinaryIO

SPILL_BYTES = 128 * 2**20
"""Bytes held in memory before every string goes to disk: only archives of tens of
thousands of articles spill."""


@dataclass(slots=True)
class ByteStore:
    """Append-only byte strings, read back by their number."""

    spill_bytes: int = SPILL_BYTES
    held: list[bytes] = field(default_factory=list)
    """The strings while nothing is spilled; afterwards empty."""
    total: int = 0
    """Bytes appended in all."""
    starts: array[int] = field(default_factory=lambda: array("Q"))
    sizes: array[int] = field(default_factory=lambda: array("I"))
    file: BinaryIO | None = None
    """Every string, once spilled (a temporary file, gone when closed)."""

    def __len__(self) -> int:
        return len(self.sizes)

    def extend(self, strings: list[bytes]) -> None:
        """Store each of ``strings``, numbered on from the last."""
        starts, sizes, total = self.starts, self.sizes, self.total
        for data in strings:
            starts.append(total)
            size = len(data)
            sizes.append(size)
            total += size
        self.total = total
        if self.file is not None:
            self.file.writelines(strings)
            return
        self.held += strings
        if total > self.spill_bytes:
            # Open across calls until ``close``: the index build closes it when done.
            self.file = tempfile.TemporaryFile(prefix="site-builder-entries-")  # noqa: SIM115
            self.file.writelines(self.held)
            self.held.clear()

    def __getitem__(self, number: int) -> bytes:
        if self.file is None:
            return self.held[number]
        self.file.flush()  # reads go beneath the buffer
        return os.pread(self.file.fileno(), self.sizes[number], self.starts[number])

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        self.held.clear()
