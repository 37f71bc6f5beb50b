"""What the ``make_*.py`` scripts share: a table's text and writing it where it ships."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path


def table(head: list[str], rows: Iterable[tuple[str, ...]]) -> str:
    """A data file's text: its comment lines, then one tab-separated row a line."""
    return "\n".join([*head, *("\t".join(row) for row in rows)]) + "\n"


def write(target: Path, text: str) -> int:
    """Write a generated table over the shipped one; the exit status of the script."""
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0
