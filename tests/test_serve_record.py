"""A preview started on an output folder that ``site-builder build`` left renders only the
pages the build's dependency record does not vouch for, and stays exact after edits."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from serve_project import assert_same_site, edit, full_build, make_project, settle

from site_builder.build.run import build_site
from site_builder.render.jobs import Job
from site_builder.render.renderer import Renderer
from site_builder.search.page import render_search
from site_builder.serve.background import Background
from site_builder.serve.changes import Changes
from site_builder.serve.preview import Preview

FIRST = "gaoyuan_20250105_01"
ARTICLE = "xinchun-wenhua"


def test_a_start_after_a_build_renders_only_what_changed_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = dataclasses.replace(make_project(tmp_path), cache_dir=tmp_path / "cache")
    build_site(
        project.content,
        project.templates,
        project.output,
        extra_pages=[render_search],
        cache_dir=project.cache_dir,
    )
    article = project.content / FIRST / "xinchun-wenhua.md"
    edit(article, "居民们欢聚一堂", "居民们欢聚一堂，载歌载舞")  # while nothing ran
    ran = _counted(monkeypatch)
    preview = Preview(project)
    background = Background(project.output)
    try:
        assert not preview.start().errors
        # Only what reads the edited text: its page and reading aids, the article pages
        # that show it as a neighbour, and the feeds that carry it (site, tag, place,
        # topic feeds).
        assert 0 < len(ran) < len(preview.jobs) // 3
        assert all(p.startswith("a/") or p.endswith("atom.xml") or ARTICLE in p for p in ran)
        assert any("xinchun-wenhua" in path for path in ran)  # the edited article's page
        settle(preview, background)
        assert_same_site(project.output, full_build(project, tmp_path / "full-1"))
        # Pages not rendered at start took their reads from the record: an edit they
        # read reaches them.
        title = edit(project.content / FIRST / "mu-min-zhao-pian.md", "title: ", "title: 新")
        assert not preview.update(Changes(content={title})).errors
        settle(preview, background)
        assert_same_site(project.output, full_build(project, tmp_path / "full-2"))
    finally:
        background.cancel()


def test_a_start_without_a_record_renders_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = dataclasses.replace(make_project(tmp_path), cache_dir=tmp_path / "cache")
    ran = _counted(monkeypatch)
    preview = Preview(project)
    assert not preview.start().errors
    assert len(ran) == len(preview.jobs)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every job rendered from now on."""
    ran: list[str] = []
    run = Renderer.run

    def counted(self: Renderer, job: Job) -> None:
        ran.append(job.path)
        run(self, job)

    monkeypatch.setattr(Renderer, "run", counted)
    return ran
