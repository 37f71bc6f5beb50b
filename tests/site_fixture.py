"""Shared by the site tests and ``regenerate_golden.py``: the fixture site and its build."""

from __future__ import annotations

import hashlib
import re
import shutil
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


def set_front(path: Path, name: str, value: str) -> None:
    """Set front matter field ``name`` (added after the title when absent)."""
    text = path.read_text(encoding="utf-8")
    line = re.compile(rf"^{name}: .*$", re.MULTILINE)
    if line.search(text):
        text = line.sub(f"{name}: {value}", text, count=1)
    else:
        text = re.sub(r"^(title: .*)$", rf"\1\n{name}: {value}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def edit_article(path: Path, kind: str, n: int) -> Path | None:
    """Edit number ``n`` of ``kind`` made to one article (body, title, tags, date, column,
    authors, locations; add: a copy of it under a new slug): the file written, or None for another
    kind of edit."""
    fields = {
        "title": f"修改的标题{n}",
        "tags": f"[标签{n % 3}]",
        "date": f"2025-03-{n % 28 + 1:02d}",
        "column": f"经济观察{n % 3}",
        "authors": f"[拉萨{n % 2}, 王小明]",
        # Names read with the article as their context (several places share 城关区).
        "locations": f"[{('城关区', '古荣乡', '拉萨市')[n % 3]}]",
    }
    if kind == "body":
        with path.open("a", encoding="utf-8") as file:
            file.write(f"\n补充一段：第{n}次修改，拉萨。\n")
    elif kind in fields:
        set_front(path, kind, fields[kind])
    elif kind == "add":
        copy = path.with_name(f"{path.stem}-fu{n}.md")
        if not copy.exists():
            shutil.copy(path, copy)
            set_front(copy, "slug", copy.stem)
        return copy
    else:
        return None
    return path


def mark_template(templates: Path, n: int) -> str:
    """Edit number ``n`` to one of the templates (a comment added): its name."""
    names = sorted(p.name for p in templates.glob("*.html"))
    name = names[n % len(names)]
    template = templates / name
    text = template.read_text(encoding="utf-8")
    mark = f"<!-- edit {n} -->"
    if "{% endblock %}" in text:
        text = text.replace("{% endblock %}", mark + "{% endblock %}", 1)
    else:
        text += mark
    template.write_text(text, encoding="utf-8")
    return name
