"""A person's corrections to a page's segmentation: ``seeds/<page-id>.fixes.toml``.

The segmenter will be wrong on some pages; a person who finds a wrong cut says what is
right once, as data beside the dump, and every later ingest (with a better segmenter too)
takes it as fixed while re-deciding everything else around it::

    [[role]]          # this line plays this role
    line = 12
    role = "title"
    [[split]]
    before = 40       # an article starts at this line
    [[merge]]
    at = 40           # the article starting at this line belongs to the one before
    [[join]]
    after = 57        # the paragraph cut at the end of line 57 …
    to = 91           # … continues at line 91
    [[unjoin]]
    after = 57        # the paragraph at line 57 is complete

Lines are 1-based lines of the dump. This module reads and checks the file against the
dump (``load_fixes``) and turns it into what the segmenter's stages take: unit roles set
before the joins (``apply_roles``), forced joins (``forced_joins``), and article
boundaries for the assembler (``Fixes.splits``, ``merge_drafts``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_builder.errors import UserError
from site_builder.ingest import patterns as pt
from site_builder.ingest.titles import derive_title
from site_builder.models import Decision, NoiseLine, SegmentedArticle

if TYPE_CHECKING:
    from site_builder.ingest.assemble import Draft
    from site_builder.ingest.lines import Unit, UnitKind

FIXES_SUFFIX = ".fixes.toml"

ROLE_KINDS: dict[str, UnitKind] = {
    "kicker": "head",
    "title": "head",
    "subtitle": "head",
    "subhead": "head",
    "paragraph": "para",
    "byline": "byline",
    "credit": "byline",
    "caption": "para",
    # A column label (栏目) is a short heading line the assembler files as the column.
    "column": "head",
    "affiliation": "affiliation",
    "jump": "jump",
    "noise": "noise",
}
"""The roles a person may give a line, and the unit kind each one is for the segmenter."""

_FIELDS = {
    "role": ("line", "role"),
    "split": ("before",),
    "merge": ("at",),
    "join": ("after", "to"),
    "unjoin": ("after",),
}
_HINT = (
    "Fix or delete this entry (`site-builder review` rewrites the file); "
    "the page is segmented without the fixes file until then."
)


@dataclass(slots=True, frozen=True)
class RoleFix:
    line: int
    """1-based line of the dump."""
    role: str
    """One of ``ROLE_KINDS``."""


@dataclass(slots=True, frozen=True)
class JoinFix:
    after: int
    """The line whose paragraph is cut at its end."""
    to: int
    """The line where that paragraph goes on."""


@dataclass(slots=True)
class Fixes:
    """The corrections of one page, checked against its dump."""

    roles: list[RoleFix] = field(default_factory=list)
    splits: list[int] = field(default_factory=list)
    """Lines where an article starts."""
    merges: list[int] = field(default_factory=list)
    """Lines whose article belongs to the one before."""
    joins: list[JoinFix] = field(default_factory=list)
    unjoins: list[int] = field(default_factory=list)
    """Lines whose paragraph is complete."""

    def __len__(self) -> int:
        return (
            len(self.roles)
            + len(self.splits)
            + len(self.merges)
            + len(self.joins)
            + len(self.unjoins)
        )

    def entries(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every fix as (table name, entry), in the order the file lists them."""
        for fix in self.roles:
            yield "role", {"line": fix.line, "role": fix.role}
        for line in self.splits:
            yield "split", {"before": line}
        for line in self.merges:
            yield "merge", {"at": line}
        for join in self.joins:
            yield "join", {"after": join.after, "to": join.to}
        for line in self.unjoins:
            yield "unjoin", {"after": line}


def fixes_path(page: Path) -> Path:
    """Where the fixes of a page dump live: ``seeds/<page-id>.fixes.toml``."""
    return page.with_name(page.stem + FIXES_SUFFIX)


def load_fixes(path: Path, dump: str, shown: str | None = None) -> Fixes | None:
    """Read and check the fixes file of a page; None when there is none.

    Raises one ``UserError`` listing every entry that does not fit ``dump``."""
    if not path.is_file():
        return None
    name = shown if shown is not None else str(path)
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(name, f"not a valid TOML fixes file: {exc}", _HINT) from exc
    except OSError as exc:
        raise UserError(name, f"cannot read the fixes file: {exc.strerror}") from exc
    return parse_fixes(data, dump, name)


def parse_fixes(data: dict[str, Any], dump: str, name: str) -> Fixes:
    """Typed fixes from a parsed fixes file, checked against the dump's lines."""
    lines = dump.split("\n")
    if lines[-1] == "":  # the newline ending the last line does not start another
        lines.pop()
    problems: list[str] = []
    fixes = Fixes()
    for table, entries in data.items():
        if table not in _FIELDS:
            known = ", ".join(f"[[{t}]]" for t in _FIELDS)
            problems.append(f"[[{table}]]: unknown kind of fix (known: {known})")
            continue
        if not isinstance(entries, list):
            problems.append(f"{table}: write each fix as a [[{table}]] table")
            continue
        for index, entry in enumerate(entries, 1):
            where = f"[[{table}]] #{index}"
            found = _entry(entry, table, lines)
            if isinstance(found, str):
                problems.append(f"{where}: {found}")
                continue
            _add(fixes, table, found)
    problems += _contradictions(fixes)
    if problems:
        raise UserError(
            name, "fixes that do not fit the page:\n    " + "\n    ".join(problems), _HINT
        )
    return fixes


def _entry(entry: object, table: str, lines: list[str]) -> dict[str, Any] | str:
    """The entry's values, or why it is wrong."""
    if not isinstance(entry, dict):
        return "not a table"
    wanted = _FIELDS[table]
    extra = sorted(set(entry) - set(wanted))
    if extra:
        return f"unknown key {extra[0]!r} (a [[{table}]] has {', '.join(wanted)})"
    for key in wanted:
        if key not in entry:
            return f"missing key {key!r}"
        value = entry[key]
        if key == "role":
            if value not in ROLE_KINDS:
                return f"unknown role {value!r} (roles: {' | '.join(ROLE_KINDS)})"
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{key} = {value!r} is not a line number"
        if not 1 <= value <= len(lines):
            return f"{key} = {value}: line out of range (the dump has {len(lines)} lines)"
        if not lines[value - 1].strip():
            return f"{key} = {value}: that line of the dump is blank"
    if table == "join" and entry["after"] == entry["to"]:
        return "a line cannot continue itself"
    return dict(entry)


def _add(fixes: Fixes, table: str, entry: dict[str, Any]) -> None:
    if table == "role":
        fixes.roles.append(RoleFix(entry["line"], entry["role"]))
    elif table == "split":
        fixes.splits.append(entry["before"])
    elif table == "merge":
        fixes.merges.append(entry["at"])
    elif table == "join":
        fixes.joins.append(JoinFix(entry["after"], entry["to"]))
    else:
        fixes.unjoins.append(entry["after"])


def _contradictions(fixes: Fixes) -> list[str]:
    """Fixes that cannot all hold."""
    problems = []
    roles: dict[int, str] = {}
    for index, fix in enumerate(fixes.roles, 1):
        if roles.setdefault(fix.line, fix.role) != fix.role:
            problems.append(
                f"[[role]] #{index}: line {fix.line} is already given role {roles[fix.line]!r}"
            )
    for index, line in enumerate(fixes.merges, 1):
        if line in fixes.splits:
            problems.append(f"[[merge]] #{index}: line {line} also has a [[split]]")
    ends: dict[int, int] = {}
    starts: dict[int, int] = {}
    for index, join in enumerate(fixes.joins, 1):
        where = f"[[join]] #{index}"
        if join.after in fixes.unjoins:
            problems.append(f"{where}: line {join.after} also has an [[unjoin]]")
        if ends.setdefault(join.after, join.to) != join.to:
            problems.append(f"{where}: line {join.after} already continues at {ends[join.after]}")
        if starts.setdefault(join.to, join.after) != join.after:
            problems.append(f"{where}: line {join.to} already continues line {starts[join.to]}")
        for line in (join.after, join.to):
            role = roles.get(line)
            if role is not None and ROLE_KINDS[role] != "para":
                problems.append(f"{where}: line {line} has role {role!r}, not a paragraph")
    return problems


# -- applying fixes (called by the segmenter's stages) ---------------------------------


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
    if fixes is None:
        return {}
    last: dict[int, int] = {}
    first: dict[int, int] = {}
    for index, unit in enumerate(units):
        last[unit.line] = index
        first.setdefault(unit.line, index)
    return {last[j.after]: first[j.to] for j in fixes.joins if j.after in last and j.to in first}


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
    in order: after each paragraph the fixes call complete between the two lines, except
    the first (the end of the continued paragraph itself, which its column goes on past).
    The pieces in between are then read in print order before the cut sentence."""
    if fixes is None:
        return frozenset()
    ends: set[int] = set()
    for join in fixes.joins:
        if join.to < join.after:
            between = sorted(n for n in fixes.unjoins if join.to <= n < join.after)
            ends.update(between[1:])
    return frozenset(
        i + 1
        for i, unit in enumerate(units[:-1])
        if unit.line in ends and units[i + 1].line != unit.line
    )


HEADLINE_PARTS = ("kicker", "title", "subtitle", "column")


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
