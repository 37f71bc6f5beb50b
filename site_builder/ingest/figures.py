"""Figure and table boxes printed among the text: a title, rows of labels and numbers,
and a source line (数据来源：…). Their lines are page furniture, never headlines or
paragraphs of the article the box stands in."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from site_builder.ingest import patterns as pt
from site_builder.ingest.furniture import FIGURE_ROW

if TYPE_CHECKING:
    from site_builder.ingest.lines import Unit

# A figure or table box: at most this many lines, each short, closed by its source line.
MAX_BOX_LINES, MAX_BOX_CELL_LINE = 16, 30
# A table's row of column names: this many cells at least, each a word or two.
MIN_HEADER_CELLS, MAX_HEADER_CELL = 3, 4
# Two-cell rows a source line must close to make a box of them.
MIN_SOURCED_ROWS = 2
# The line naming where the figures come from, which closes a box.
BOX_SOURCE_RE = re.compile(r"^\s*(?:数据来源|资料来源|来源)[:：]")


def figure_boxes(units: list[Unit]) -> None:
    """Mark every line of every figure box on the page as furniture."""
    _rows_over_source(units)
    _figure_titles(units)
    _figure_boxes(units)


def _rows_over_source(units: list[Unit]) -> None:
    """Short lines of a label and a number (茶叶种植面积 760万亩) stacked right over a
    figure's source line (数据来源：…) are the figure's rows, though each has only two
    cells: a box closed by its source."""
    for i, unit in enumerate(units):
        if "figure source" not in unit.reason:
            continue
        k = i - 1
        while k >= 0 and units[k].kind == "head" and _two_cell_row(units[k].text):
            k -= 1
        if i - 1 - k >= MIN_SOURCED_ROWS:
            for row in units[k + 1 : i]:
                row.kind, row.reason = "noise", f"page furniture: {FIGURE_ROW}"


def _two_cell_row(text: str) -> bool:
    """A label, a space, and a number with its unit; or the figure first (18.6亿元　流域治理
    累计投入, Ⅱ类　出境断面水质达标)."""
    cells = text.split()
    return (
        len(cells) == 2
        and any(_figure(c) for c in cells[1] + cells[0][:1])
        and len(text) <= MAX_BOX_CELL_LINE
    )


def _figure(char: str) -> bool:
    """A digit, or a numeral such as Ⅱ (not a Han numeral, which words hold: 三峡)."""
    return char.isnumeric() and not pt.HAN_RE.match(char)


def _figure_titles(units: list[Unit]) -> None:
    """The heading over a figure's rows of numbers is the figure's title, not a headline."""
    for i, unit in enumerate(units):
        if unit.reason != f"page furniture: {FIGURE_ROW}":
            continue
        k = i - 1
        while k >= 0 and units[k].reason == unit.reason:
            k -= 1
        if k >= 1 and units[k].kind == "head" and _header_row(units[k].text):
            # (a table's row of column names, 排名 球队 胜 平 负, under the table's title)
            units[k].kind, units[k].reason = "noise", unit.reason
            k -= 1
        if k >= 0 and units[k].kind == "head":
            units[k].kind, units[k].reason = "noise", "page furniture: figure title"


def _header_row(text: str) -> bool:
    """Column names of a table: several short cells, no numbers."""
    cells = text.split()
    return len(cells) >= MIN_HEADER_CELLS and all(
        len(c) <= MAX_HEADER_CELL and not any(ch.isdigit() for ch in c) for c in cells
    )


def _figure_boxes(units: list[Unit]) -> None:
    """Every short line between a figure's title (表：…) and the end of its box is part of
    it: rows of two cells (襄阳  8.1) and a closing source line (来源：…) too."""
    for i, unit in enumerate(units):
        if unit.reason != "page furniture: figure title":
            continue
        box = []
        for k in range(i + 1, min(len(units), i + MAX_BOX_LINES)):
            other = units[k]
            if other.kind == "noise" and "figure" in other.reason:
                box.append(k)
                if "figure source" in other.reason:
                    break
                continue
            if len(other.text) > MAX_BOX_CELL_LINE or pt.has_sentence_end(other.text):
                break
            box.append(k)
            if BOX_SOURCE_RE.match(other.text):
                break
        last = box[-1] if box else None
        if last is None or not (
            BOX_SOURCE_RE.match(units[last].text) or "figure source" in units[last].reason
        ):
            continue
        for k in box:
            if units[k].kind != "noise":
                units[k].kind, units[k].reason = "noise", f"page furniture: {FIGURE_ROW}"
