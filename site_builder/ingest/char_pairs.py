"""Do the two characters meeting at a cut go together? Counted in the project's text.

A column's last line and the line that really goes on with it usually meet inside a word
or a phrase (每|斤, 完|善, 文|创); a column's foot and another column's top meet by
chance. The evidence is how much more often the pair is printed than chance would print
it, from the counts of ``data/char_pairs.tsv.gz`` (``learn/count_pairs.py``). A pair of
rare characters never seen together says nothing: chance would not have printed it
either.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DATA_FILE = "char_pairs.tsv.gz"
# Counts added to the pair's count and to its chance count: an unseen pair of common
# characters says "apart" only as strongly as log(1 / (expected + 1)) allows.
SMOOTHING = 1.0
# The evidence is bounded both ways: a very common pair is no surer a join than a common
# one, and no pair alone rules a join out.
BOUNDS = (-2.0, 4.0)


@dataclass(slots=True, frozen=True)
class CharPairs:
    total: int
    chars: dict[str, int]
    pairs: dict[str, int]

    def together(self, left: str, right: str) -> float:
        """Log ratio of the pair's count to chance's (0 when either is no counted
        character), bounded by ``BOUNDS``."""
        a, b = self.chars.get(left), self.chars.get(right)
        if not a or not b:
            return 0.0
        expected = a * b / self.total
        ratio = math.log((self.pairs.get(left + right, 0) + SMOOTHING) / (expected + SMOOTHING))
        return min(max(ratio, BOUNDS[0]), BOUNDS[1])


def read_pairs(data: bytes) -> CharPairs:
    """The table written by ``learn/count_pairs.py``."""
    rows = gzip.decompress(data).decode("utf-8").splitlines()
    total = int(rows[1].split("\t")[1])
    chars: dict[str, int] = {}
    pairs: dict[str, int] = {}
    for row in rows[2:]:
        key, n = row.split("\t")
        (chars if len(key) == 1 else pairs)[key] = int(n)
    return CharPairs(total, chars, pairs)


@lru_cache(maxsize=1)
def char_pairs() -> CharPairs:
    """The shipped table, loaded once per process."""
    data = resources.files("site_builder.ingest").joinpath("data", DATA_FILE).read_bytes()
    return read_pairs(data)
