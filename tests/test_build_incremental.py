"""A command-line build after edits writes exactly what a clean build of the same project
writes: the dependency record may only save work, never change a byte."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from site_builder.build import engine
from site_builder.cli import main
from site_builder.enrich.topics import MAX_TOPICS
from tests.site_fixture import (
    FIXTURE_CONTENT,
    TEMPLATES,
    edit_article,
    mark_template,
    set_front,
    tree,
)

Edit = tuple[str, int]
EDITS = (
    "body",
    "title",
    "tags",
    "date",
    "column",
    "authors",
    "locations",
    "add",
    "delete",
    "template",
    "css",
    "broken",
    "stray",
)
"""Column, authors and written locations are read by enrichment's kept parts (topics, tag
counts, names read with their article) too;
"broken": a front matter that does not parse (the build fails), then the title edited;
"stray": a file and a link put into ``output/`` by hand."""


def _articles(project: Path) -> list[Path]:
    return sorted((project / "content").rglob("*.md"))


def _pick(project: Path, n: int) -> Path:
    files = _articles(project)
    return files[n % len(files)]


def _apply(project: Path, edit: Edit) -> None:
    kind, n = edit
    path = _pick(project, n)
    if edit_article(path, kind, n) is not None:
        pass
    elif kind == "delete" and len(_articles(project)) > 2:
        path.unlink()
    elif kind == "template":
        mark_template(project / "templates", n)
    elif kind == "broken":
        # The front matter kept parsed must not hide the error, nor outlive the repair.
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\ntitle:", "\ntitle: [", 1), encoding="utf-8")
        before = tree(project / "output")
        argv = ["build", "--seeds", str(project / "seeds"), "--content", str(project / "content")]
        argv += ["--templates", str(project / "templates"), "--output", str(project / "output")]
        assert main([*argv, "--cache", str(project / "cache")]) != 0
        assert tree(project / "output") == before
        path.write_text(text, encoding="utf-8")
        set_front(path, "title", f"修好的标题{n}")
    elif kind == "stray":
        (project / "output" / f"stray{n}.html").write_text("by hand", encoding="utf-8")
        link = project / "output" / "tags" / f"link{n}"
        if not link.is_symlink():
            link.symlink_to(project / "content")
    elif kind == "css":
        with (project / "templates" / "static" / "site.css").open("a") as file:
            file.write(f"/* edit {n} */\n")


def _build(project: Path, output: str, *cache: str) -> None:
    argv = ["build", "--seeds", str(project / "seeds"), "--content", str(project / "content")]
    argv += ["--templates", str(project / "templates"), "--output", str(project / output)]
    assert main([*argv, *(cache or ("--no-cache",))]) == 0


def _project(root: Path) -> Path:
    (root / "seeds").mkdir()
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    shutil.copytree(TEMPLATES, root / "templates")
    return root


def _check(edits: list[Edit], capsys: pytest.CaptureFixture[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = _project(Path(folder))
        cached = ("--cache", str(project / "cache"))
        _build(project, "output", *cached)
        for edit in edits:
            _apply(project, edit)
            _build(project, "output", *cached)
            shutil.rmtree(project / "clean", ignore_errors=True)
            _build(project, "clean")
            capsys.readouterr()
            assert tree(project / "output") == tree(project / "clean"), edit


@settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failing case prints as is
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edits=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 50)), min_size=1, max_size=4)
)
def test_edits_through_the_cli_give_the_clean_build(
    edits: list[Edit], capsys: pytest.CaptureFixture[str]
) -> None:
    _check(edits, capsys)


@pytest.mark.parametrize("kind", EDITS)
def test_each_kind_of_edit_gives_the_clean_build(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _check([(kind, 3), (kind, 4)], capsys)


def test_a_body_edit_runs_only_the_jobs_that_read_the_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    _build(project, "output", "--cache", str(project / "cache"))
    ran, jobs = _jobs_run(capsys.readouterr().out)
    assert ran == jobs
    article = _articles(project)[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n又一段文字。\n", encoding="utf-8")
    _build(project, "output", "--cache", str(project / "cache"))
    ran, again = _jobs_run(capsys.readouterr().out)
    # The article's page in each language, its reading aids and the feeds that carry its
    # text (the home feed and its topics' feeds, in each language); no list shows a body.
    # A bound that does not grow with the archive.
    assert again == jobs
    assert 2 <= ran <= BODY_READERS


# Jobs that read one article's body: 2 pages + 1 aids file + 2 home feeds + 2 feeds for
# each of its topics and 2 for each topic's parent (a parent's feed carries its
# subtopics' articles: agriculture's article is in economy's feed too).
BODY_READERS = 2 + 1 + 2 + 2 * 2 * MAX_TOPICS


def _jobs_run(out: str) -> tuple[int, int]:
    found = re.search(r"(\d+) of (\d+) render jobs run", out)
    assert found is not None, out
    return int(found.group(1)), int(found.group(2))


def test_jobs_rendered_by_workers_are_recorded_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(engine, "RENDER_CHUNK", 5)  # the fixture site is one chunk otherwise
    project = _project(tmp_path)
    cached = ("--cache", str(project / "cache"), "--jobs", "2")
    _build(project, "output", *cached)
    capsys.readouterr()
    _apply(project, ("title", 1))
    _build(project, "output", *cached)
    ran, jobs = _jobs_run(capsys.readouterr().out)
    assert 0 < ran < jobs
    _build(project, "clean")
    assert tree(project / "output") == tree(project / "clean")


def test_output_changed_by_hand_makes_every_job_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    cached = ("--cache", str(project / "cache"))
    _build(project, "output", *cached)
    capsys.readouterr()
    (project / "output" / "index.html").unlink()
    (project / "output" / "tags" / "index.html").write_text("changed by hand", encoding="utf-8")
    _build(project, "output", *cached)
    ran, jobs = _jobs_run(capsys.readouterr().out)
    assert ran == jobs
    _build(project, "clean")
    assert tree(project / "output") == tree(project / "clean")
