"""The fixture site renders exactly as the golden tree in ``tests/golden/site/``.

The search index and the copied ``static/`` folder are left out (see ``NOT_GOLDEN``);
``search.html`` is in. On an intended change, regenerate on purpose and review the diff:
``.venv/bin/python tests/regenerate_golden.py`` (see that file).
"""

from __future__ import annotations

import difflib
from pathlib import Path

from site_fixture import GOLDEN, NOT_GOLDEN, build_fixture, tree


def test_fixture_site_matches_golden_tree(tmp_path: Path) -> None:
    build_fixture(tmp_path / "output")
    actual = tree(tmp_path / "output", skip=NOT_GOLDEN)
    expected = tree(GOLDEN)
    assert sorted(actual) == sorted(expected), "files added or missing, see the path lists"
    changed = [path for path in sorted(expected) if actual[path] != expected[path]]
    if changed:
        first = changed[0]
        diff = difflib.unified_diff(
            expected[first].decode("utf-8", "replace").splitlines(),
            actual[first].decode("utf-8", "replace").splitlines(),
            f"golden/{first}",
            f"built/{first}",
            lineterm="",
            n=2,
        )
        shown = "\n".join(list(diff)[:60])
        raise AssertionError(f"{len(changed)} files differ: {changed[:10]}\n{shown}")
