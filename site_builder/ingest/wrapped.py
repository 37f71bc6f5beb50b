"""Pages whose text is hard-wrapped at the column's width.

Some PDF extractors keep every printed line: a paragraph then runs over many lines, each
as wide as the column, and ends at a shorter one; the next paragraph opens indented. Read
line by line, such a page is all short unpunctuated lines, which look like headings. A
page is taken for wrapped when most of its lines have about one width, and a narrow one
(its columns may differ by a character or two); each line as wide as its own column
then goes on, as one block, in the unindented line under it.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from site_builder.ingest import grammar as gr
from site_builder.ingest import patterns as pt
from site_builder.ingest.lines import (
    Unit,
    classify,
    item_text,
    run_in_head,
    still_in_cluster,
    unmarked_label,
)
from site_builder.ingest.page_facts import indented_line

# At least this share of a wrapped page's lines is (within BAND characters) as wide as its
# commonest width, and there are at least this many lines; a column is at most this wide
# (a dump of whole paragraphs has lines of every length, most of them longer). A page may
# set its columns at several widths (14 characters here, 18 there; the band reaches
# further up than down), each line's own is the commonest width within the band among
# the LOCAL lines either side of it, when MIN_LOCAL of them have it.
WRAPPED_SHARE = 0.5
MIN_LINES = 30
MAX_COLUMN = 40
BAND = 2
LOCAL = 6
MIN_LOCAL = 3
# A number as printed, digits with their decimal point and per cent sign.
NUMBER_RUN_RE = re.compile(r"^[0-9０-９][0-9０-９.．%％]*")
FURNITURE = "page furniture"
# A column of prose is at least this wide; narrower "columns" are a poem's lines, whose
# commas are the verse's own.
MIN_PROSE = 10
# A full line may fall short of the column by one character per this many.
SLACK_PER = 10
# A line that opens with one character and a clause's end.
WORD_TAIL_RE = re.compile(rf"[{pt.HAN}][，,、；;]")


def column_width(text: str) -> dict[int, int] | None:
    """The width each line of the page is wrapped at (by line number), or None when the
    page is not wrapped."""
    # (by the text, not its indent: a paragraph's first line may run past the others)
    numbered = [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    if len(numbered) < MIN_LINES:
        return None
    widths = [round(pt.width(line)) for _, line in numbered]
    counts = Counter(widths)
    column, _ = counts.most_common(1)[0]
    band = range(column - BAND, column + 2 * BAND + 1)
    near = sum(counts[w] for w in band)
    if column > MAX_COLUMN or near < WRAPPED_SHARE * len(numbered):
        return None
    local: dict[int, int] = {}
    for k, (number, _) in enumerate(numbered):
        around = Counter(w for w in widths[max(0, k - LOCAL) : k + LOCAL + 1] if w in band)
        # (ties to the wider: a column's last lines are short, never long)
        own, lines = max(around.items(), key=lambda item: (item[1], item[0]), default=(column, 0))
        # (a character either way is the page's column, a comma hung past it or a word
        # wrapped short of it; further off, and on several lines, a column of its own)
        local[number] = own if abs(own - column) >= BAND and lines >= MIN_LOCAL else column
    return local


def join_wrapped(units: list[Unit], columns: dict[int, int]) -> list[Unit]:
    """On a page wrapped at ``columns`` (each line's width), make each paragraph's lines one
    block: every full line of text goes on in the next line unless that one opens a
    paragraph (indented, or a dateline) or stands after a blank line. Then read the run-in
    heads of the blocks (see ``_run_in_heads``; ``lines.read_units`` leaves them to this
    pass on such a page). Returns the page's units."""
    inside = False
    for i, (u, v) in enumerate(pairwise(units)):
        # (a piece of text as wide as the column may hold a furniture word found anywhere
        # in a line, 扫码 in 检测数据都可以扫码查: under an open paragraph it is text)
        reclaimed = v.kind == "noise" and FURNITURE in v.reason and _full(v.raw, columns[v.line])
        text_lines = u.kind in ("para", "head") and (v.kind in ("para", "head") or reclaimed)
        # (a paragraph opens indented; the lines under its first go on until one is short)
        # (or at a column's top, a full line of a paragraph begun in another column)
        full = _full(u.raw, columns[u.line])
        inside = text_lines and (inside or _opens(u) or (full and _begun(units, i, columns)))
        below = units[i + 2] if i + 2 < len(units) else None
        wraps = (
            inside
            and v.line == u.line + 1
            # (or a dateline and its credit alone on the paragraph's first line)
            and (full or _dateline_alone(u) or _number_pushed(u, v, columns[u.line]))
            # (a source line or a closing credit ends its text, however wide it is)
            and not u.closes
            and not u.end_credit
            and not _opens(v)
            and v.dateline is None
            # (a short heading-like line that ends no sentence may head what follows: the
            # roles decide, as for any line of its shape; unless a word runs on into it)
            and not (
                _heading_like(v, columns[v.line])
                and not _runs_on(u.text, v.text)
                # (nor one cut short by a number that did not fit on it)
                and not (below is not None and _number_pushed(v, below, columns[v.line]))
            )
            # (nor does a line right over a dateline, unless a word runs on into it: that
            # is the headline of the text under it, however wide)
            and not (_over_dateline(v, below) and not _runs_on(u.text, v.text))
        )
        if not wraps:
            inside = False
            continue
        u.kind, u.fragment, u.ambiguous, u.heading_p, u.name_like = "para", True, False, None, False
        v.kind, v.ambiguous, v.heading_p, v.name_like, v.reason = "para", False, None, False, ""
        v.fragment = not pt.ends_paragraph(v.text)
        v.gap_before = False
    return _run_in_heads(units)


def _run_in_heads(units: list[Unit]) -> list[Unit]:
    """A brief's run-in head on a wrapped page (■某镇：标题 近日，… / 【某局：标题】本报讯…)
    is read in its block's text, not its first line's: the head may wrap onto the next
    line, and the item's text fills many lines. The head becomes one heading unit on its
    first line; the line it ends on keeps the text after it."""
    out: list[Unit] = []
    in_cluster = False
    i = 0
    while i < len(units):
        u = units[i]
        above = units[i - 1] if i else None
        # (a block opens indented, or under a line that does not go on into it)
        opens = above is None or indented_line(u.raw) or not _goes_on(above, u)
        block = _block(units, i) if opens else []
        labelled = in_cluster or bool(out and (out[-1].kind == "label" or unmarked_label(out[-1])))
        # (under a headline group the block is that headline's text, and a run-in head
        # would join the group: a line's two units must stay in one article)
        headed = bool(out) and out[-1].kind == "head" and not unmarked_label(out[-1])
        split = None if headed else _head_split(block, labelled)
        if split is None:
            out.append(u)
            in_cluster = still_in_cluster(u, in_cluster)
            i += 1
            continue
        head_text, k, rest = split
        in_cluster = True
        if out and unmarked_label(out[-1]):
            # (a short line over a block's run-in item is the cluster's label)
            out[-1].kind = "label"
        out.append(
            Unit(line=u.line, raw=u.raw, kind="head", text=head_text, gap_before=u.gap_before)
        )
        if rest:
            cut = block[k]
            tail = classify(cut.line, rest, False)
            tail.kind, tail.fragment, tail.head_line = "para", cut.fragment, u.line
            tail.ambiguous, tail.heading_p = False, None
            out.append(tail)
        i += k + 1
    return out


def _goes_on(u: Unit, v: Unit) -> bool:
    """Line ``u`` of a wrapped page goes on in line ``v``, the next one."""
    return u.kind == v.kind == "para" and u.fragment and v.line == u.line + 1


def _block(units: list[Unit], i: int) -> list[Unit]:
    """The lines of the wrapped block that opens at ``units[i]``."""
    block = [units[i]]
    for v in units[i + 1 :]:
        if not _goes_on(block[-1], v):
            break
        block.append(v)
    return block


def _head_split(block: list[Unit], labelled: bool) -> tuple[str, int, str] | None:
    """The run-in head of a block (a title in brackets, or a bulleted one or one under a
    cluster's label, then the item's text; or any title, then a dateline): its text, the
    index of the line it ends on (the first or the second) and the rest of that line; None
    when the block has none."""
    if len(block) < 2 or any(u.kind != "para" for u in block):
        return None
    # (a line ending in a space ends a phrase there: 某镇开展防火演练　|近日，…)
    pieces = [u.text + (" " if u.raw[-1:].isspace() else "") for u in block]
    text = "".join(pieces)
    bracketed = pt.BRACKETED_RUN_IN_RE.match(text)
    head = run_in_head(text)
    rest = text[head.end() :] if head else ""
    # (a bullet or a cluster's label vouches for a head over any text; else a dateline
    # must follow it)
    marked = (labelled or text[:1] in pt.BULLETS) and head is not None and item_text(head, rest)
    if bracketed and pt.ends_paragraph(text):
        at, title = bracketed.end(), bracketed[0].strip()
    elif head and (marked or pt.DATELINE_RE.match(rest)):
        at, title = head.end(), head["head"]
    else:
        return None
    first = len(pieces[0])
    if at <= first:
        return title, 0, pieces[0][at:].strip()
    rest_of_second = pieces[1][at - first :].strip()
    if at <= first + len(pieces[1]) and rest_of_second:
        # (the second line keeps some text: a line is never left without a unit)
        return title, 1, rest_of_second
    return None


def _begun(units: list[Unit], i: int, columns: dict[int, int]) -> bool:
    """Full line ``units[i]``, not indented, is text of a paragraph begun in another column:
    read as text already, or no heading would read so, or its word runs on into the full
    line under it (有两幅作品入|展，…), or it stands under a brief's bulleted title."""
    u, v = units[i], units[i + 1]
    if u.kind == "para":
        return True
    if columns[u.line] < MIN_PROSE:
        return False
    runs_on = _full(v.raw, columns[v.line]) and _runs_on(u.text, v.text)
    above = units[i - 1] if i > 0 else None
    titled = (
        above is not None
        and above.kind == "head"
        and above.text[:1] in pt.BULLETS
        and not _full(above.raw, columns[above.line])
    )
    return _no_heading(u.text) or runs_on or titled


def _opens(unit: Unit) -> bool:
    """The line opens a paragraph: indented, or bulleted as a brief's item is
    (■某镇开展送医下乡　12月17|日，…)."""
    return indented_line(unit.raw) or unit.text[:1] in pt.BULLETS


def _full(raw: str, column: int) -> bool:
    """The line fills the column: by printed width, or by characters (an extractor or a
    typesetter may give digits and Latin letters a full column each: 4000人)."""
    text = raw.rstrip()
    body = text.lstrip()
    longest = min(round(pt.width(body)), len(body))
    # (a typesetter wrapping at word breaks leaves a line a character or two short, more
    # on a wider column)
    slack = max(1, column // SLACK_PER)
    return (
        max(round(pt.width(text)), len(text)) >= column - slack and longest <= column * pt.OVERHANG
    )


def _number_pushed(u: Unit, v: Unit, column: int) -> bool:
    """The line stops short of the column because the number opening the next line did not
    fit on it: a typesetter does not split a number (…预计产量 / 7.8万吨。…)."""
    run = NUMBER_RUN_RE.match(v.text)
    if run is None or pt.ends_paragraph(u.text):
        return False
    text = u.raw.rstrip()
    return max(round(pt.width(text)), len(text)) + len(run[0]) > column


def _heading_like(unit: Unit, column: int) -> bool:
    """Short of the column, no sentence's end: a heading's shape, or a cut line's."""
    return (
        unit.kind == "head"
        and unit.ambiguous
        and not _full(unit.raw, column)
        and not pt.ends_paragraph(unit.text)
    )


def _no_heading(text: str) -> bool:
    """No heading reads so: a clause ends inside the line (宣传队，每周深入山区乡镇开), or
    it opens with a number's tail (00多万元引进…) or a word no sentence opens with."""
    inner = any(mark in text[:-1] for mark in "，,、；;")
    return inner or text[:1] == "0" or gr.cannot_open(text)


def _over_dateline(v: Unit, below: Unit | None) -> bool:
    """Line ``v`` stands right over a dateline's line and ends no sentence."""
    return (
        below is not None
        and below.line == v.line + 1
        and below.dateline is not None
        and not pt.ends_paragraph(v.text)
        and not _no_heading(v.text)
    )


def _runs_on(above: str, below: str) -> bool:
    """The line above goes on in the one below: a bracket the line above opened closes
    there (（郑文|博）), a word runs across (岁|月), or the line below cannot open a
    sentence or a heading (他|的双脚，… / 作品入|展，…: one character and a clause's end
    is a word's tail)."""
    return (
        _open_bracket(above)
        or gr.spanning_word(above[-6:], below[:6])
        or gr.cannot_open(below)
        or bool(WORD_TAIL_RE.match(below))
    )


def _open_bracket(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _dateline_alone(unit: Unit) -> bool:
    """The line holds a dateline (and its credit) and nothing of the text after it."""
    return unit.dateline is not None and not pt.ends_paragraph(unit.text)
