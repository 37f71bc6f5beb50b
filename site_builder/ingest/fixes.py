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
    [[continue]]
    after = 85        # the column ending with line 85 (a whole paragraph, a heading) …
    to = 71           # … goes on at line 71: read next, nothing joined
    [[authors]]
    line = 49         # the article holding line 49 …
    names = ["陈默", "李文博"]  # … has exactly these authors ([] for none)

Lines are 1-based lines of the dump. This module reads the file and checks it against the
dump (``load_fixes``); ``apply_fixes`` turns the fixes into what the segmenter's stages
take.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_builder.errors import UserError

if TYPE_CHECKING:
    from site_builder.ingest.lines import UnitKind

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
    "continue": ("after", "to"),
    "authors": ("line", "names"),
}
_LINKS = ("join", "continue")
"""Fixes that say where reading goes on after a line."""
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


@dataclass(slots=True, frozen=True)
class ContinueFix:
    after: int
    """The last line of a column piece: a complete paragraph, a heading, a credit."""
    to: int
    """The line read next: the top of the column that goes on (nothing is joined)."""


@dataclass(slots=True, frozen=True)
class AuthorsFix:
    line: int
    """Any line of the article (its credit line, usually)."""
    names: tuple[str, ...]
    """The article's authors, exactly (none: the article names no one)."""


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
    continues: list[ContinueFix] = field(default_factory=list)
    authors: list[AuthorsFix] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(1 for _ in self.entries())

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
        for link in self.continues:
            yield "continue", {"after": link.after, "to": link.to}
        for credit in self.authors:
            yield "authors", {"line": credit.line, "names": list(credit.names)}


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
        if key == "names":
            if not isinstance(value, list) or not all(
                isinstance(n, str) and n.strip() for n in value
            ):
                return f'names = {value!r} is not a list of names, e.g. ["张三", "李四"]'
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{key} = {value!r} is not a line number"
        if not 1 <= value <= len(lines):
            return f"{key} = {value}: line out of range (the dump has {len(lines)} lines)"
        if not lines[value - 1].strip():
            return f"{key} = {value}: that line of the dump is blank"
    if table in _LINKS and entry["after"] == entry["to"]:
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
    elif table == "unjoin":
        fixes.unjoins.append(entry["after"])
    elif table == "continue":
        fixes.continues.append(ContinueFix(entry["after"], entry["to"]))
    else:
        names = tuple(n.strip() for n in entry["names"])
        fixes.authors.append(AuthorsFix(entry["line"], names))


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
    links: list[tuple[str, int, JoinFix | ContinueFix]]
    links = [("join", i, j) for i, j in enumerate(fixes.joins, 1)]
    links += [("continue", i, c) for i, c in enumerate(fixes.continues, 1)]
    for table, index, link in links:
        where = f"[[{table}]] #{index}"
        if ends.setdefault(link.after, link.to) != link.to:
            problems.append(f"{where}: line {link.after} already continues at {ends[link.after]}")
        if starts.setdefault(link.to, link.after) != link.after:
            problems.append(f"{where}: line {link.to} already continues line {starts[link.to]}")
        if table == "continue":
            continue
        if link.after in fixes.unjoins:
            problems.append(f"{where}: line {link.after} also has an [[unjoin]]")
        for line in (link.after, link.to):
            role = roles.get(line)
            if role is not None and ROLE_KINDS[role] != "para":
                problems.append(f"{where}: line {line} has role {role!r}, not a paragraph")
    named: dict[int, tuple[str, ...]] = {}
    for index, credit in enumerate(fixes.authors, 1):
        if named.setdefault(credit.line, credit.names) != credit.names:
            problems.append(f"[[authors]] #{index}: line {credit.line} already has other names")
    return problems
