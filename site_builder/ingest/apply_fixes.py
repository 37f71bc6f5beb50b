"""Fixes as the segmenter's stages take them (see ``fixes`` for the file itself).

Roles and join flags set on the units before roles and joins are decided
(``apply_roles``), forced joins and column links (``forced_joins``, ``column_links``),
extra places where reading order may jump (``article_starts``, ``column_starts``),
article merges after assembly (``merge_drafts``), headline parts and authors a person
named (``name_headline_parts``, ``name_authors``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from site_builder.ingest import patterns as pt
from site_builder.ingest.fixes import ROLE_KINDS, Fixes
from site_builder.ingest.titles import derive_title
from site_builder.models import Decision, NoiseLine, SegmentedArticle

if TYPE_CHECKING:
    from site_builder.ingest.drafts import Draft
    from site_builder.ingest.lines import Unit, UnitKind


def apply_roles(units: list[Unit], fixes: Fixes) -> list[Decision]:
    """Give lines their fixed roles and join flags before roles and joins are decided.

    A fixed line is no longer ambiguous, so neither the heading model nor the joins'
    second look change it. Returns a decision per fix for the report (confidence 1)."""
    by_line: dict[int, list[Unit]] = {}
    for unit in units:
        by_line.setdefault(unit.line, []).append(unit)
    decisions = []
    for fix in fixes.roles:
        kind = ROLE_KINDS[fix.role]
        # A run-in line holds a heading and then a paragraph: a heading role is its first
        # unit's, any other role its last unit's.
        units_of = by_line.get(fix.line, [])
        for unit in units_of[:1] if kind == "head" else units_of[-1:]:
            if fix.role == "column" and unit.kind == "label":
                unit.ambiguous, unit.heading_p = False, None  # a cluster label already
            else:
                _set_kind(unit, kind)
        decisions.append(Decision(fix.line, f"line {fix.line} is {fix.role}", "fixes file", 1.0))
    for join in fixes.joins:
        for line in (join.after, join.to):
            for unit in by_line.get(line, []):
                if unit.kind != "para":
                    _set_kind(unit, "para")
        for unit in by_line.get(join.after, [])[-1:]:
            unit.fragment, unit.closes, unit.end_credit = True, False, None
    for line in fixes.unjoins:
        for unit in by_line.get(line, []):
            unit.fragment, unit.ambiguous, unit.heading_p = False, False, None
        decisions.append(Decision(line, f"line {line} is complete", "fixes file", 1.0))
    for link in fixes.continues:
        # A column ends with the line: whatever it is, nothing there is cut.
        for unit in by_line.get(link.after, [])[-1:]:
            unit.fragment = False
        what = f"the column goes on from line {link.after} at line {link.to}"
        decisions.append(Decision(link.after, what, "fixes file", 1.0))
    for credit in fixes.authors:
        names = ", ".join(credit.names) or "none"
        what = f"authors of the article at line {credit.line}: {names}"
        decisions.append(Decision(credit.line, what, "fixes file", 1.0))
    return decisions


def _set_kind(unit: Unit, kind: UnitKind) -> None:
    unit.kind, unit.ambiguous, unit.heading_p = kind, False, None
    if kind == "para":
        unit.fragment = not (pt.ends_sentence(unit.text) or bool(unit.caption_credit))
    else:
        unit.fragment = False
    if kind == "byline" and not unit.credit:
        unit.credit = tuple(pt.byline_names(pt.unpad(unit.text)))
        unit.photo_credit = unit.text.rstrip().endswith("摄")
    if kind == "noise":
        unit.reason = "noise by the fixes file"


def forced_joins(units: list[Unit], fixes: Fixes | None) -> dict[int, int]:
    """The fixed joins as unit indices: the cut line's last unit -> the next line's first."""
    return _as_units(units, [(j.after, j.to) for j in fixes.joins] if fixes else [])


def column_links(units: list[Unit], fixes: Fixes | None) -> dict[int, int]:
    """The fixed column continuations as unit indices, as ``forced_joins``."""
    return _as_units(units, [(c.after, c.to) for c in fixes.continues] if fixes else [])


def _as_units(units: list[Unit], pairs: list[tuple[int, int]]) -> dict[int, int]:
    last: dict[int, int] = {}
    first: dict[int, int] = {}
    for index, unit in enumerate(units):
        last[unit.line] = index
        first.setdefault(unit.line, index)
    return {last[a]: first[b] for a, b in pairs if a in last and b in first}


def name_authors(articles: list[SegmentedArticle], fixes: Fixes) -> None:
    """The article holding an ``[[authors]]`` line has exactly those authors (a later fix
    of the same article wins)."""
    for fix in fixes.authors:
        for article in articles:
            if fix.line in article.meta_lines or any(fix.line in b.lines for b in article.blocks):
                article.authors = list(fix.names)


def article_starts(units: list[Unit], fixes: Fixes | None) -> frozenset[int]:
    """Unit indices where a split says an article starts: like a headline, the top of a
    column, where reading order may jump."""
    if fixes is None:
        return frozenset()
    first: dict[int, int] = {}
    for index, unit in enumerate(units):
        first.setdefault(unit.line, index)
    return frozenset(first[line] for line in fixes.splits if line in first) - {0}


def column_starts(units: list[Unit], fixes: Fixes | None) -> frozenset[int]:
    """Where a column may start so that a fixed join back to an earlier line can be read
    in order: after each complete paragraph (as the fixes or the segmenter read it)
    between the two lines, except the first (the end of the continued paragraph itself,
    which its column goes on past). The pieces in between are then read in print order
    before the cut sentence."""
    if fixes is None:
        return frozenset()
    complete = {u.line for u in units if u.kind == "para" and not u.fragment}
    complete |= set(fixes.unjoins)
    ends: set[int] = set()
    for join in fixes.joins:
        if join.to < join.after:
            between = sorted(n for n in complete if join.to <= n < join.after)
            ends.update(between[1:])
    return frozenset(
        i + 1
        for i, unit in enumerate(units[:-1])
        if unit.line in ends and units[i + 1].line != unit.line
    )


HEADLINE_PARTS = ("kicker", "title", "subtitle", "column")
HEADLESS = "heading or credit, no text"
"""The assembler's reason for a heading line that no article took."""


def adopt_headlines(
    articles: list[SegmentedArticle], noise: list[NoiseLine], fixes: Fixes
) -> list[NoiseLine]:
    """A line a person named kicker, title, subtitle or column belongs to an article: one
    the assembler left with no text under it (a headline printed after its text, with
    the next article right below) goes to the article printed last above it. Returns the
    noise without the lines so placed."""
    named = {f.line for f in fixes.roles if f.role in HEADLINE_PARTS}
    kept = []
    for line in noise:
        above = [a for a in articles if a.lines and a.lines[0] < line.line]
        if line.line in named and line.reason == HEADLESS and above:
            host = max(above, key=lambda a: max(n for n in a.lines if n < line.line))
            host.meta_lines = tuple(sorted((*host.meta_lines, line.line)))
        else:
            kept.append(line)
    return kept


def name_headline_parts(articles: list[SegmentedArticle], units: list[Unit], fixes: Fixes) -> None:
    """A heading line given kicker, title, subtitle or column is that part of its article's
    headline, whole, where the assembler (which places heading lines by position) put it
    elsewhere. A line it already reads as that part, or split into title and subtitle
    around a space, stays as read."""
    named = {f.line: f.role for f in fixes.roles if f.role in HEADLINE_PARTS}
    heads = {u.line: u.text for u in units if u.kind == "head"}
    for article in articles:
        lines = [n for n in article.meta_lines if n in heads]
        if all(_reads_as(article, heads[n]).get(named[n]) for n in lines if n in named):
            continue
        parts: dict[str, list[str]] = {role: [] for role in HEADLINE_PARTS}
        for n in lines:
            if n in named:
                parts[named[n]].append(heads[n])
                continue
            for role, value in _reads_as(article, heads[n]).items():
                parts[role].append(value)  # unnamed: where the assembler put it
        article.kicker = " ".join(parts["kicker"]) or None
        article.subtitle = " ".join(parts["subtitle"]) or None
        if parts["column"]:  # else a column shared over a cluster of briefs stays
            article.column, article.column_shared = " ".join(parts["column"]), False
        if parts["title"]:
            article.title, article.title_derived = " ".join(parts["title"]), False
        elif not article.title_derived:  # its title line was named another part
            body = article.blocks[0].text if article.blocks else ""
            article.title, article.title_derived = derive_title(body), True


def _reads_as(article: SegmentedArticle, line: str) -> dict[str, str]:
    """The headline parts the assembler made of a heading line's text."""
    found = {}
    for role in HEADLINE_PARTS:
        value = getattr(article, role)
        if value and _bare(value) in _bare(line):
            found[role] = value
    return found


def _bare(text: str) -> str:
    return "".join(text.split())


def merge_drafts(drafts: list[Draft], fixes: Fixes) -> tuple[list[Draft], list[NoiseLine]]:
    """Fold each article that starts at a ``[[merge]]`` line into the article before it:
    its headline lines become subheads there, its credits fill what the other lacks (a
    second credit of a kind goes to noise, so that every line stays accounted for)."""
    merged: list[Draft] = []
    left: list[NoiseLine] = []
    for draft in drafts:
        if merged and _first_line(draft) in fixes.merges:
            left += _fold(merged[-1], draft)
        else:
            merged.append(draft)
    return merged, left


def _first_line(draft: Draft) -> int:
    held = [u.line for e in draft.heads + draft.paras for u in e.units]
    return min(held + [u.line for u in draft.loose_units()], default=0)


def _fold(into: Draft, draft: Draft) -> list[NoiseLine]:
    if draft.note is not None:
        into.paras.append(draft.note)
    if draft.signature is not None:
        into.paras.append(draft.signature)
    for head in draft.heads:
        into.subheads.add(len(into.paras))
        into.paras.append(head)
    offset = len(into.paras)
    into.paras.extend(draft.paras)
    into.subheads |= {offset + i for i in draft.subheads}
    into.jumps.extend(draft.jumps)
    into.authors.extend(a for a in draft.authors if a not in into.authors)
    left = []
    for name in ("byline", "name_line", "affiliation", "column"):
        held = getattr(draft, name)
        if getattr(into, name) is None:
            setattr(into, name, held)
        elif held is not None:
            left += [
                NoiseLine(u.line, u.raw, f"second {name} in a merged article") for u in held.units
            ]
    return left
