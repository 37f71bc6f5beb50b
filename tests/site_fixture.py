"""Shared by the site tests and ``regenerate_golden.py``: the fixture site and its build."""

from __future__ import annotations

import hashlib
from pathlib import Path

from site_builder.build.run import BuildResult, build_site
from site_builder.search.page import render_search

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
TEMPLATES = ROOT / "templates"
FIXTURE_CONTENT = TESTS / "fixtures" / "site" / "content"
GOLDEN = TESTS / "golden" / "site"
"""Expected output of the fixture site, compared file by file by ``test_render_golden``."""
NOT_GOLDEN = ("search-index", "static")
"""Left out of the golden tree: the index format is the search component's to test, and
``static/`` is a plain copy of ``templates/static/`` (the link check proves it is there)."""


def build_fixture(output: Path, content: Path = FIXTURE_CONTENT) -> BuildResult:
    """The fixture site as a user gets it: with the search page and its index."""
    return build_site(content, TEMPLATES, output, extra_pages=[render_search])


def tree(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``root`` by its POSIX path relative to ``root``, except under ``skip``."""
    files = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}
    return {
        path: file.read_bytes() for path, file in files.items() if path.split("/", 1)[0] not in skip
    }


def digest(root: Path) -> str:
    """One hash of a whole tree: paths and contents."""
    h = hashlib.sha256()
    for path, data in tree(root).items():
        h.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()
