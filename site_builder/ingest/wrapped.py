"""Pages whose text is hard-wrapped at the column's width.

Some PDF extractors keep every printed line: a paragraph then runs over many lines, each
as wide as the column, and ends at a shorter one; the next paragraph opens indented. Read
line by line, such a page is all short unpunctuated lines, which look like headings. A
page is taken for wrapped when most of its lines have one width, and a narrow one; each
line of that width then goes on, as one block, in the unindented line under it.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from site_builder.ingest import patterns as pt
from site_builder.ingest.lines import Unit
from site_builder.ingest.page_facts import indented_line

# At least this share of a wrapped page's lines is (within a character) as wide as its
# column, and there are at least this many lines; a column is at most this wide (a
# dump of whole paragraphs has lines of every length, most of them longer).
WRAPPED_SHARE = 0.5
MIN_LINES = 30
MAX_COLUMN = 40
# A full line may fall short of the column by one character per this many.
SLACK_PER = 10
# …and run past it by a quarter at most (punctuation hung in the margin, a typesetter's
# squeeze); longer, it is a line of its own (a brief's whole text, in a box).
OVERHANG = 1.25


def width(text: str) -> float:
    """Printed width in full-width characters: Latin letters, digits and ASCII
    punctuation take half a column each."""
    return sum(1.0 if ord(c) > 0x2000 else 0.5 for c in text)


def column_width(units: list[Unit]) -> int | None:
    """The width the page's lines are wrapped at, or None when they are not wrapped."""
    if len(units) < MIN_LINES:
        return None
    widths = Counter(round(width(u.raw.rstrip())) for u in units)
    column, _ = widths.most_common(1)[0]
    # (a line may run a character past the column: punctuation hung in the margin)
    near = widths[column - 1] + widths[column] + widths[column + 1]
    return column if column <= MAX_COLUMN and near >= WRAPPED_SHARE * len(units) else None


def join_wrapped(units: list[Unit]) -> None:
    """On a wrapped page, make each paragraph's lines one block: every full line of text
    goes on in the next line unless that one opens a paragraph (indented, or a dateline)
    or stands after a blank line."""
    column = column_width(units)
    if column is None:
        return
    inside = False
    for u, v in pairwise(units):
        text_lines = u.kind in ("para", "head") and v.kind in ("para", "head")
        # (a paragraph opens indented; the lines under its first go on until one is short)
        # (or at a column's top, a full line of a paragraph begun in another column)
        full = _full(u.raw, column)
        inside = text_lines and (inside or indented_line(u.raw) or (u.kind == "para" and full))
        wraps = (
            inside
            and v.line == u.line + 1
            # (or a dateline and its credit alone on the paragraph's first line)
            and (full or _dateline_alone(u))
            # (a source line or a closing credit ends its text, however wide it is)
            and not u.closes
            and not u.end_credit
            and not indented_line(v.raw)
            and v.dateline is None
        )
        if not wraps:
            inside = False
            continue
        u.kind, u.fragment, u.ambiguous, u.heading_p, u.name_like = "para", True, False, None, False
        v.kind, v.ambiguous, v.heading_p, v.name_like = "para", False, None, False
        v.fragment = not pt.ends_paragraph(v.text)
        v.gap_before = False


def _full(raw: str, column: int) -> bool:
    """The line fills the column: by printed width, or by characters (an extractor or a
    typesetter may give digits and Latin letters a full column each: 4000人)."""
    text = raw.rstrip()
    body = text.lstrip()
    longest = min(round(width(body)), len(body))
    # (a typesetter wrapping at word breaks leaves a line a character or two short, more
    # on a wider column)
    slack = max(1, column // SLACK_PER)
    return max(round(width(text)), len(text)) >= column - slack and longest <= column * OVERHANG


def _dateline_alone(unit: Unit) -> bool:
    """The line holds a dateline (and its credit) and nothing of the text after it."""
    return unit.dateline is not None and not pt.ends_paragraph(unit.text)
