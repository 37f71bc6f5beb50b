"""Each role of ``ingest/data/roles.tsv`` with its own example byline."""

from __future__ import annotations

import pytest

from site_builder.ingest import patterns as pt
from site_builder.ingest.credit_roles import RoleRow, role_rows
from site_builder.ingest.lines import read_units


@pytest.mark.parametrize("row", role_rows(), ids=[row.role for row in role_rows()])
def test_each_role_s_example_is_a_byline_with_its_names(row: RoleRow) -> None:
    (unit,) = read_units(row.example + "\n")
    assert (unit.kind, unit.credit) == ("byline", row.names), row.example


def test_roles_are_tried_longest_first() -> None:
    """A role that begins another (文/ in 文/图, 记者 in 本报记者) never wins over it."""
    for k, role in enumerate(pt.ROLES):
        assert not any(role.startswith(earlier) for earlier in pt.ROLES[:k]), role
