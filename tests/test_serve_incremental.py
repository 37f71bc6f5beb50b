"""Live rebuilds: what each kind of change rewrites, and that a sequence of changes applied
live gives exactly what a clean ``site-builder build`` gives, file by file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_project import assert_same_site, edit, full_build, make_project, settle
from site_fixture import digest

from site_builder.serve.background import Background
from site_builder.serve.changes import Changes, Project
from site_builder.serve.output import leftover_stages
from site_builder.serve.preview import Preview

FIRST = "gaoyuan_20250105_01"
"""A page of three articles; the first is tagged, placed and continued on page 2."""


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Project, Preview, Background]]:
    project = make_project(tmp_path)
    preview = Preview(project)
    background = Background(project.output)
    try:
        outcome = preview.start()
        assert not outcome.errors
        yield project, preview, background
    finally:
        background.cancel()
    assert leftover_stages(project.output) == []


def test_edits_applied_live_equal_a_clean_build(
    live: tuple[Project, Preview, Background], tmp_path: Path
) -> None:
    project, preview, background = live
    content, templates = project.content, project.templates
    article = content / FIRST / "xinchun-wenhua.md"

    def apply(changes: Changes) -> None:
        outcome = preview.update(changes)
        assert not outcome.errors, outcome.errors
        assert outcome.changed
        settle(preview, background)

    # A body, a title, then tags written by a person (a new tag page appears).
    apply(Changes(content={edit(article, "居民们欢聚一堂", "居民们欢聚一堂，载歌载舞")}))
    apply(Changes(content={edit(content / FIRST / "mu-min-zhao-pian.md", "title: ", "title: 新")}))
    apply(Changes(content={edit(article, "tags: [新春活动]", "tags: [新春活动, 社区文化]")}))
    assert_same_site(project.output, full_build(project, tmp_path / "full-1"))

    # A new article, an article moved to a new date, an article deleted (its page and
    # the undated list go), a whole page folder arriving at once.
    new = content / FIRST / "xinchun-yinyue.md"
    new.write_text(
        article.read_text(encoding="utf-8")
        .replace("slug: xinchun-wenhua", "slug: xinchun-yinyue")
        .replace("order: 1", "order: 4")
        .replace("新春文化活动", "新春音乐会"),
        encoding="utf-8",
    )
    apply(Changes(content={new.absolute()}))
    moved = edit(content / "gaoyuan_20250212_01" / "cuomei-peixun.md", "2025-02-12", "2025-03-01")
    apply(Changes(content={moved}))
    gone = content / "gaoyuan_undated" / "fudao-ban.md"
    gone.unlink()
    apply(Changes(content={gone.absolute()}))
    shutil.copytree(content / "gaoyuan_20250105_02", content / "gaoyuan_20250106_02")
    for path in (content / "gaoyuan_20250106_02").glob("*.md"):
        edit(path, "2025-01-05", "2025-01-06")
    apply(Changes(relist=True))
    assert_same_site(project.output, full_build(project, tmp_path / "full-2"))

    # Templates (one page kind, then the shared macros), a stylesheet and a new asset.
    edit(templates / "tag.html", "{% block content %}", "{% block content %}<!-- tag -->")
    apply(Changes(templates={"tag.html"}))
    edit(templates / "macros.html", '<span class="kicker">', '<span class="kicker t">')
    apply(Changes(templates={"macros.html"}))
    (templates / "static" / "site.css").write_text("body { color: #111; }\n", encoding="utf-8")
    (templates / "static" / "print.css").write_text("@media print {}\n", encoding="utf-8")
    apply(Changes(static=True))
    assert_same_site(project.output, full_build(project, tmp_path / "full-3"))


def test_article_edit_rewrites_its_pages_and_the_lists_showing_it(
    live: tuple[Project, Preview, Background],
) -> None:
    project, preview, _ = live
    article = project.content / FIRST / "xinchun-wenhua.md"
    outcome = preview.update(Changes(content={edit(article, "新春文化活动", "新春文化节")}))
    changed = set(outcome.changed)
    for page in (
        f"a/{FIRST}/xinchun-wenhua/index.html",  # its own page, both languages
        f"en/a/{FIRST}/xinchun-wenhua/index.html",
        f"a/{FIRST}/mu-min-zhao-pian/index.html",  # a neighbour on the page shows its title
        f"pages/{FIRST}/index.html",
        "dates/2025/01/05/index.html",
        "index.html",
        "authors/wang-xiao-ming/index.html",
        "atom.xml",
        f"aids/{FIRST}/xinchun-wenhua.bin",
    ):
        assert page in changed, page
    assert any(p.startswith("tags/") for p in changed)
    assert any(p.startswith("places/") for p in changed)
    # Pages that do not show it are left alone.
    assert "a/gaoyuan_20250212_01/cuomei-peixun/index.html" not in changed
    assert "dates/2025/02/12/index.html" not in changed
    assert "about/index.html" not in changed


def test_body_edit_leaves_the_lists_alone(live: tuple[Project, Preview, Background]) -> None:
    project, preview, _ = live
    article = project.content / FIRST / "xinchun-wenhua.md"
    outcome = preview.update(Changes(content={edit(article, "居民们欢聚一堂", "居民欢聚")}))
    changed = set(outcome.changed)
    assert f"a/{FIRST}/xinchun-wenhua/index.html" in changed
    assert f"aids/{FIRST}/xinchun-wenhua.bin" in changed
    assert not [p for p in changed if p.endswith("index.html") and "xinchun-wenhua/" not in p]


def test_template_edit_needs_no_markdown_yaml_or_jieba(
    live: tuple[Project, Preview, Background], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, preview, _ = live

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a template edit must not parse or segment again")

    monkeypatch.setattr("site_builder.serve.sources.load", forbidden)
    monkeypatch.setattr("site_builder.serve.sources.render_body", forbidden)
    monkeypatch.setattr("site_builder.nlp.tokenizer.tokenizer", forbidden)
    monkeypatch.setattr("site_builder.nlp.tokenizer.pos_tokenizer", forbidden)
    edit(project.templates / "tag.html", "{% block content %}", "{% block content %}<i>t</i>")
    outcome = preview.update(Changes(templates={"tag.html"}))
    assert not outcome.errors
    assert outcome.changed
    assert all(p.startswith(("tags/", "en/tags/")) for p in outcome.changed)
    page = project.output / "tags" / "xin-chun-huo-dong" / "index.html"
    assert "<i>t</i>" in page.read_text(encoding="utf-8")


def test_stylesheet_edit_copies_only_the_stylesheet(
    live: tuple[Project, Preview, Background],
) -> None:
    project, preview, _ = live
    (project.templates / "static" / "site.css").write_text("main {}\n", encoding="utf-8")
    outcome = preview.update(Changes(static=True))
    assert outcome.changed == ["static/site.css"]
    assert (project.output / "static" / "site.css").read_text(encoding="utf-8") == "main {}\n"


def test_broken_content_keeps_the_last_good_site_until_fixed(
    live: tuple[Project, Preview, Background], tmp_path: Path
) -> None:
    project, preview, background = live
    before = digest(project.output)
    article = project.content / FIRST / "xinchun-wenhua.md"
    broken = edit(article, "kind: news", "kind: poem")
    outcome = preview.update(Changes(content={broken}))
    (error,) = outcome.errors
    assert error.file == f"content/{FIRST}/xinchun-wenhua.md"
    assert error.line == 6  # the line of `kind:`, counting the opening ---
    assert "poem" in error.message
    assert digest(project.output) == before
    # Other edits wait for the fix; then everything is applied at once.
    other = edit(project.content / FIRST / "mu-min-zhao-pian.md", "title: ", "title: 新")
    assert preview.update(Changes(content={other})).errors == [error]
    assert digest(project.output) == before
    outcome = preview.update(Changes(content={edit(article, "kind: poem", "kind: news")}))
    assert not outcome.errors
    settle(preview, background)
    assert_same_site(project.output, full_build(project, tmp_path / "full"))


def test_template_syntax_error_names_the_line_and_recovers(
    live: tuple[Project, Preview, Background], tmp_path: Path
) -> None:
    project, preview, background = live
    before = digest(project.output)
    tag = project.templates / "tag.html"
    good = tag.read_text(encoding="utf-8")
    lines = good.splitlines()
    lines.insert(2, "{% if %}")
    tag.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (error,) = preview.update(Changes(templates={"tag.html"})).errors
    assert error.file == str(tag)
    assert error.line == 3
    assert digest(project.output) == before
    tag.write_text(good, encoding="utf-8")
    assert not preview.update(Changes(templates={"tag.html"})).errors
    settle(preview, background)
    assert_same_site(project.output, full_build(project, tmp_path / "full"))
