"""Page furniture that is not an article, by shape: teasers of a 导读 box, weather, the
paper's serial number and address, mailboxes and hotlines, QR-code lines, advertising,
figure boxes. A closed class, kept as data (``data/furniture.tsv``: one shape a row, with
an example line that the tests check), so that a new paper's furniture is a new row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from site_builder.ingest import patterns as pt

# Furniture is short; a longer line is text even if it mentions a hotline.
MAX_FURNITURE = 80
FIGURE_ROW = "figure row"
# A row of a figure or table box: labels and numbers, no sentence (进口 545亿元 增长8.9%).
MIN_CELLS, MAX_CELL = 3, 12
FIGURE_ROW_RE = re.compile(r"^\s*\S+(?:\s+\S+)+\s*$")


@dataclass(slots=True, frozen=True)
class Shape:
    name: str
    pattern: re.Pattern[str]
    example: str


@lru_cache(maxsize=1)
def shapes() -> tuple[Shape, ...]:
    """The rows of ``data/furniture.tsv``."""
    raw = (
        resources.files("site_builder.ingest").joinpath("data", "furniture.tsv").read_text("utf-8")
    )
    rows = [line.split("\t") for line in raw.splitlines() if line and not line.startswith("#")]
    return tuple(Shape(name, re.compile(pattern), example) for name, pattern, example in rows)


def _figure_row(text: str) -> bool:
    tokens = text.split()
    with_digits = sum(1 for t in tokens if any(c.isdigit() for c in t))
    punctuated = any(c in text for c in "，,。；;：:“”")
    short = all(len(t) <= MAX_CELL for t in tokens)
    rows = with_digits * 2 >= len(tokens) >= MIN_CELLS
    return bool(FIGURE_ROW_RE.match(text)) and rows and short and not punctuated


def furniture_shape(text: str) -> str | None:
    """The name of the furniture shape ``text`` has, or None."""
    if len(text) > MAX_FURNITURE or pt.has_sentence_end(text):
        return None
    for shape in shapes():
        if shape.pattern.search(text):
            return shape.name
    return FIGURE_ROW if _figure_row(text) else None
