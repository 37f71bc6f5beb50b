"""The roles a byline names before its people (本报记者, 通讯员, 文/图…): a closed class,
kept as data in ``data/roles.tsv`` with an example byline a row, each a test fixture, so
that a regression reads "this role's byline is misread", not "article 4 differs"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ROLES_FILE = "roles.tsv"


@dataclass(slots=True, frozen=True)
class RoleRow:
    role: str
    example: str
    """A byline that names one role's people."""
    names: tuple[str, ...]
    """The names the example gives."""


@lru_cache(maxsize=1)
def role_rows() -> tuple[RoleRow, ...]:
    """The rows of ``data/roles.tsv``, in the file's order."""
    raw = resources.files("site_builder.ingest").joinpath("data", ROLES_FILE).read_text("utf-8")
    rows = [line.split("\t") for line in raw.splitlines() if line and not line.startswith("#")]
    return tuple(RoleRow(role, example, tuple(names.split("、"))) for role, example, names in rows)
