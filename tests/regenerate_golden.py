"""Regenerate the golden output of the fixture site, on purpose only.

    .venv/bin/python tests/regenerate_golden.py

Run it after a deliberate change to templates, views or enrichment, then read the diff
(``git diff --stat tests/golden``) before committing it. Tests never call this.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_fixture import GOLDEN, NOT_GOLDEN, build_fixture


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "output"
        result = build_fixture(out)
        shutil.rmtree(GOLDEN, ignore_errors=True)
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(out, GOLDEN, ignore=shutil.ignore_patterns(*NOT_GOLDEN))
    print(f"wrote {result.files} files ({result.html_pages} HTML pages) to {GOLDEN}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
