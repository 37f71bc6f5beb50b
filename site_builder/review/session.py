"""One page under review: its dump, its fixes file, and the edits a person makes to it.

Every action rewrites ``seeds/<page-id>.fixes.toml`` at once (the file is the only state
that lasts: quitting the review loses nothing) and keeps the previous entries for undo.
Actions keep the file consistent: a fix replaces the ones it contradicts (a split where a
merge was, a join where an unjoin or a column continuation was, new authors where others
were), and the same split, merge, unjoin or continuation given twice is taken back, as a
toggle.
"""

from __future__ import annotations

import json
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.errors import UserError
from site_builder.ingest.decode import read_page
from site_builder.ingest.fixes import ROLE_KINDS, fixes_path, parse_fixes
from site_builder.ingest.segment import segment_page
from site_builder.ingest.writer import write_atomic
from site_builder.models import PageSegmentation

Entry = tuple[str, dict[str, Any]]
"""One fix as (table name, values), as in the file."""

TABLES = ("role", "split", "merge", "join", "unjoin", "continue", "authors")
ACTIONS = (*TABLES, "undo", "drop")
HEADER = (
    "# Corrections to the segmentation of {dump}, applied by every ingest.\n"
    "# Written by `site-builder review`; editing by hand is fine (see the README, Fixes file).\n"
)


@dataclass(slots=True)
class Result:
    """The page as segmented with the current fixes."""

    page: PageSegmentation
    error: UserError | None
    """Why the fixes file was not applied (the page is then segmented without it)."""
    seconds: float
    """How long segmenting took."""


@dataclass(slots=True)
class ReviewSession:
    """The review of one page dump."""

    dump: Path
    text: str
    entries: list[Entry] = field(default_factory=list)
    history: list[list[Entry]] = field(default_factory=list)
    """Earlier entries, newest last: what undo goes back to."""
    unreadable: UserError | None = None
    """The fixes file is not valid TOML: shown, and not overwritten by an action."""
    seen: tuple[bytes | None, bytes | None] = (None, None)
    """The dump's and the fixes file's bytes as this session last read or wrote them."""

    @classmethod
    def open(cls, dump: Path) -> ReviewSession:
        seen = (dump.read_bytes(), _bytes(fixes_path(dump)))
        session = cls(dump, read_page(dump, shown=str(dump)).text, seen=seen)
        session.entries, session.unreadable = _read_entries(fixes_path(dump))
        return session

    def stale(self) -> bool:
        """The dump or the fixes file changed on disk since this session saw them."""
        return (_bytes(self.dump), _bytes(self.fixes_file)) != self.seen

    @property
    def fixes_file(self) -> Path:
        return fixes_path(self.dump)

    def segment(self) -> Result:
        """Segment the page under the current fixes (or without them, if they do not fit)."""
        start = time.perf_counter()
        error = self.unreadable
        fixes = None
        if error is None and self.entries:
            try:
                fixes = parse_fixes(as_data(self.entries), self.text, str(self.fixes_file))
            except UserError as bad:
                error = bad
        page = segment_page(self.text, self.dump.name, fixes)
        return Result(page, error, time.perf_counter() - start)

    def act(self, action: str, values: dict[str, Any]) -> None:
        """Apply one action from the review page; ``UserError`` if it makes no sense."""
        if action not in ACTIONS:
            raise UserError(str(self.fixes_file), f"unknown action {action!r}")
        if self.unreadable is not None:
            raise UserError(
                str(self.fixes_file),
                "the fixes file is not valid TOML, so the review does not overwrite it",
                "Correct or delete it by hand, then reload the review page.",
            )
        if action == "undo":
            if not self.history:
                raise UserError(str(self.fixes_file), "nothing to undo")
            self.entries = self.history.pop()
        else:
            before = list(self.entries)
            if action == "drop":
                index = _number(values, "index", str(self.fixes_file))
                if not 0 <= index < len(self.entries):
                    raise UserError(str(self.fixes_file), f"no fix number {index + 1}")
                del self.entries[index]
            else:
                new = _values(action, values, self.text)
                if action == "split" and ("split", new) not in self.entries:
                    # An article cannot start inside a paragraph: the join into the line goes.
                    cut = self._joined_into(new["before"])
                    if cut is not None:
                        self.entries = edit(self.entries, "unjoin", {"after": cut})
                self.entries = edit(self.entries, action, new)
            self.history.append(before)
        self._write()

    def _joined_into(self, line: int) -> int | None:
        """The line whose cut paragraph continues at ``line``, if any."""
        for article in self.segment().page.articles:
            for block in article.blocks:
                if line in block.lines[1:]:
                    return block.lines[block.lines.index(line) - 1]
        return None

    def _write(self) -> None:
        if not self.entries:
            self.fixes_file.unlink(missing_ok=True)
            self.seen = (self.seen[0], None)
            return
        data = (HEADER.format(dump=self.dump.name) + to_toml(self.entries)).encode("utf-8")
        write_atomic(self.fixes_file, data)
        self.seen = (self.seen[0], data)


def edit(entries: list[Entry], table: str, new: dict[str, Any]) -> list[Entry]:
    """The entries with one fix added, and the fixes it contradicts taken out."""
    key = next(iter(new.values()))

    def keeps(entry: Entry) -> bool:
        kind, values = entry
        if table in ("role", "authors"):
            return not (kind == table and values["line"] == new["line"])
        if table in ("split", "merge"):
            return not (kind in ("split", "merge") and next(iter(values.values())) == key)
        # Reading goes on from a line to one other line, and into a line from one other.
        links = kind in ("join", "continue")
        same_end = links and values["after"] == new["after"]
        same_start = links and values["to"] == new.get("to")
        if table == "join":
            complete = kind == "unjoin" and values["after"] == new["after"]
            return not (same_end or same_start or complete)
        if table == "continue":
            return not (same_end or same_start)
        return not (kind in ("join", "unjoin") and values["after"] == new["after"])

    kept = [e for e in entries if keeps(e)]
    toggled_off = table in ("split", "merge", "unjoin", "continue") and (table, new) in entries
    return kept if toggled_off else [*kept, (table, new)]


def to_toml(entries: list[Entry]) -> str:
    """The entries as a fixes file, grouped by kind in a fixed order (same entries, same
    bytes)."""
    out = []
    for table in TABLES:
        for kind, values in entries:
            if kind == table:
                body = "".join(
                    f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in values.items()
                )
                out.append(f"[[{table}]]\n{body}")
    return "\n".join(out)


def as_data(entries: list[Entry]) -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = {}
    for table, values in entries:
        data.setdefault(table, []).append(values)
    return data


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _read_entries(path: Path) -> tuple[list[Entry], UserError | None]:
    """The file's entries in file-kind order; an unreadable file gives none and its error.
    Entries that do not fit the page are kept: the page shows why, and each can be dropped."""
    if not path.is_file():
        return [], None
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return [], UserError(str(path), f"not a valid TOML fixes file: {exc}")
    entries: list[Entry] = []
    for table, items in data.items():
        for item in items if isinstance(items, list) else [items]:
            entries.append((table, item if isinstance(item, dict) else {"value": item}))
    order = {t: i for i, t in enumerate(TABLES)}
    return sorted(entries, key=lambda e: order.get(e[0], len(order))), None


def _values(table: str, values: dict[str, Any], dump: str) -> dict[str, Any]:
    """The values of a new fix, checked (the review page sends what a click chose)."""
    where = f"[[{table}]]"
    keys = {"role": ("line", "role"), "split": ("before",), "merge": ("at",)}
    keys |= {"join": ("after", "to"), "unjoin": ("after",), "continue": ("after", "to")}
    keys |= {"authors": ("line", "names")}
    found: dict[str, Any] = {}
    for key in keys[table]:
        if key == "role":
            role = values.get("role")
            if role not in ROLE_KINDS:
                raise UserError(where, f"unknown role {role!r}")
            found[key] = role
        elif key == "names":
            names = values.get("names")
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise UserError(where, f"names must be a list of names, not {names!r}")
            found[key] = [n.strip() for n in names if n.strip()]
        else:
            found[key] = _number(values, key, where)
    # The same checks as ingest: a fix the page refuses is not written.
    parse_fixes({table: [found]}, dump, where)
    return found


def _number(values: dict[str, Any], key: str, where: str) -> int:
    value = values.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise UserError(where, f"{key} must be a line number, not {value!r}")
    return value
