"""Edits made through ``site-builder build`` and through the live preview, in any order, on
one project, its output and its cache, give exactly what a clean build gives.

The two share the build cache (analyses, enrichment's parts, the search index's kept
state) and the output folder; each trusts what the other left only as far as its own
record vouches for it. An archivist runs one or the other (they hold the same lock), so
each preview step here is a preview session: started on what is there, one edit applied
live, its background pass waited for, stopped."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from serve_project import settle
from site_fixture import FIXTURE_CONTENT, TEMPLATES, edit_article, mark_template, tree

from site_builder.cli import main
from site_builder.search.page import render_search
from site_builder.serve.background import Background
from site_builder.serve.changes import Changes, Project
from site_builder.serve.output import leftover_stages
from site_builder.serve.preview import Preview

EDITS = ("body", "title", "tags", "locations", "date", "add", "delete", "template", "css")
WAYS = ("cli", "preview")

Step = tuple[str, int, str]
"""(edit, which article or template, through the command line or the preview)."""


def _apply(project: Project, edit: str, n: int) -> Changes:
    """Make the edit; what a file watcher would report of it."""
    files = sorted(project.content.rglob("*.md"))
    path = files[n % len(files)]
    edited = edit_article(path, edit, n)
    if edited is not None:
        return Changes(content={edited.absolute()})
    if edit == "delete" and len(files) > 2:
        path.unlink()
    elif edit == "template":
        return Changes(templates={mark_template(project.templates, n)})
    elif edit == "css":
        with (project.templates / "static" / "site.css").open("a") as file:
            file.write(f"/* cross {n} */\n")
        return Changes(static=True)
    return Changes(content={path.absolute()})


def _cli(project: Project, output: Path, cached: bool = True) -> None:
    argv = ["build", "--seeds", str(project.seeds), "--content", str(project.content)]
    argv += ["--templates", str(project.templates), "--output", str(output)]
    argv += ["--cache", str(project.cache_dir)] if cached else ["--no-cache"]
    assert main(argv) == 0


def _preview(project: Project, changes: Changes) -> None:
    """One preview session: start on what is there, apply ``changes`` live, settle."""
    preview, background = Preview(project), Background(project.output)
    try:
        assert not preview.start().errors
        settle(preview, background)
        outcome = preview.update(changes)
        assert not outcome.errors, outcome.errors
        settle(preview, background)
    finally:
        background.cancel()
    assert leftover_stages(project.output) == []


def _check(steps: list[Step], capsys: pytest.CaptureFixture[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "seeds").mkdir()
        shutil.copytree(FIXTURE_CONTENT, root / "content")
        shutil.copytree(TEMPLATES, root / "templates")
        project = Project(
            root / "seeds",
            root / "content",
            root / "templates",
            root / "output",
            (render_search,),
            root / "cache",
        )
        _cli(project, project.output)
        for edit, n, way in steps:
            changes = _apply(project, edit, n)
            if way == "cli":
                _cli(project, project.output)
            else:
                _preview(project, changes)
            shutil.rmtree(root / "clean", ignore_errors=True)
            _cli(project, root / "clean", cached=False)
            capsys.readouterr()
            live, clean = tree(project.output), tree(root / "clean")
            assert sorted(live) == sorted(clean), (edit, way, sorted(set(live) ^ set(clean)))
            differ = [path for path in sorted(clean) if live[path] != clean[path]]
            assert not differ, (edit, way, differ[:5])


@settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failing case prints as is
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(EDITS), st.integers(0, 50), st.sampled_from(WAYS)),
        min_size=2,
        max_size=3,
    )
)
def test_edits_through_cli_and_preview_give_the_clean_build(
    steps: list[Step], capsys: pytest.CaptureFixture[str]
) -> None:
    _check(steps, capsys)


def test_a_preview_edit_then_a_cli_edit_of_the_same_article(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The commonest mix: the preview's record and kept search state, then the command line.
    _check([("body", 3, "preview"), ("title", 3, "cli"), ("body", 3, "cli")], capsys)
