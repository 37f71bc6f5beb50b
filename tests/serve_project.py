"""Shared by the ``test_serve*`` tests: a throw-away project, edits, and waiting for the
background pass, always within a time limit."""

from __future__ import annotations

import io
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from site_fixture import FIXTURE_CONTENT, TEMPLATES, tree

from site_builder.build.run import build_site
from site_builder.search.page import render_search
from site_builder.serve.background import Background
from site_builder.serve.changes import Outcome, Project
from site_builder.serve.output import leftover_stages
from site_builder.serve.preview import Preview
from site_builder.serve.server import PreviewServer

SETTLE_SECONDS = 120.0
"""Longest wait for a background pass (it starts a Python process and loads jieba)."""


def make_project(root: Path, content: Path = FIXTURE_CONTENT) -> Project:
    """The fixture site's content and the project's templates, copied under ``root``."""
    shutil.copytree(content, root / "content")
    shutil.copytree(TEMPLATES, root / "templates")
    (root / "seeds").mkdir()
    return Project(
        root / "seeds", root / "content", root / "templates", root / "output", (render_search,)
    )


def edit(path: Path, old: str, new: str) -> Path:
    """Replace the first ``old`` in a file (which must hold it); returns the absolute path."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.absolute()


def settle(preview: Preview, background: Background) -> list[Outcome]:
    """Run background passes until the preview needs none; their outcomes."""
    outcomes: list[Outcome] = []
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        job = preview.background_job()
        if job is not None:
            background.start(job)
        if not background.running:
            return outcomes
        result = background.poll()
        if result is not None:
            applied = preview.apply_background(result)
            if applied is not None:
                outcomes.append(applied)
        assert time.monotonic() < deadline, "the background pass did not finish in time"
        time.sleep(0.05)


def folders(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


def assert_same_site(live: Path, full: Path) -> None:
    """The preview's output equals a full build in ``full``, file by file and folder by
    folder, and no staging folder is left beside it."""
    assert folders(live) == folders(full)
    served, built = tree(live), tree(full)
    assert sorted(served) == sorted(built), sorted(set(served) ^ set(built))[:10]
    differ = [path for path in sorted(built) if served[path] != built[path]]
    assert not differ, f"{len(differ)} files differ, first: {differ[:5]}"
    assert leftover_stages(live) == []


def full_build(project: Project, output: Path) -> Path:
    """What ``site-builder build`` makes of the project now, in ``output``."""
    build_site(project.content, project.templates, output, extra_pages=[render_search])
    return output


@contextmanager
def running_preview(
    project: Project, stop_within: float, routes: list[Any] | None = None, wait: float = 120
) -> Iterator[PreviewServer]:
    """A live preview of ``project`` on a free port of 127.0.0.1, its first background pass
    over (the search page it adds reloads open pages, which must not come in the middle
    of a test's checks); stopped on leaving, its thread ended within ``stop_within``."""
    server = PreviewServer(project, "127.0.0.1", 0, out=io.StringIO(), quiet=0.05, routes=routes)
    thread = threading.Thread(target=server.run, name="preview", daemon=True)
    thread.start()
    try:
        assert server.ready.wait(wait)
        deadline = time.monotonic() + wait
        while not (project.output / "search.html").is_file() or server.background.running:
            assert time.monotonic() < deadline, "the first background pass did not end"
            time.sleep(0.05)
        yield server
    finally:
        server.stop()
        thread.join(stop_within)
    assert not thread.is_alive()
