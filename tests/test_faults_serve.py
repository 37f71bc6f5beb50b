"""Issue 15: the live preview on a disk that fills up: the rebuild is reported like a
broken file (what could not be written, where), the last good pages stay served, and
once there is room again the next save recovers."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from serve_project import edit, make_project
from site_fixture import digest

from site_builder.serve.changes import Changes
from site_builder.serve.output import leftover_stages
from site_builder.serve.preview import Preview
from tests.faults import Faults

FIRST = "gaoyuan_20250105_01"


def test_full_disk_during_a_rebuild_keeps_the_last_good_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path)
    preview = Preview(project)
    assert not preview.start().errors
    before = digest(project.output)
    article = edit(project.content / FIRST / "xinchun-wenhua.md", "title: ", "title: 新")
    Faults(tmp_path, errno.ENOSPC, fail_at=1, every=True).install(monkeypatch)
    (error,) = preview.update(Changes(content={article})).errors
    assert "could not write the site: the disk is full" in error.message
    assert "The last good pages stay served" in error.hint
    monkeypatch.undo()
    assert digest(project.output) == before and leftover_stages(project.output) == []
    again = edit(article, "title: 新", "title: 新新")
    outcome = preview.update(Changes(content={again}))
    assert not outcome.errors and outcome.changed
    assert "新新" in (project.output / "a" / FIRST / "xinchun-wenhua" / "index.html").read_text(
        encoding="utf-8"
    )
