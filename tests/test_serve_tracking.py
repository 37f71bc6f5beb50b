"""The pieces live rebuilds rest on: read tracking, fact diffs, template users, staging,
content file listing, and the render helpers changed for them."""

from __future__ import annotations

import dataclasses
import os
import posixpath
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from site_fixture import FIXTURE_CONTENT, TEMPLATES

from site_builder.build.templates import users
from site_builder.build.tracking import (
    ALL,
    Readers,
    Recorder,
    _Tuple,
    call_fact,
    changed_facts,
    tracked,
)
from site_builder.content.article import Article
from site_builder.content.loader import content_files, load_content
from site_builder.render.aids import DICTIONARY
from site_builder.render.context import SiteData
from site_builder.render.output import SiteFolder
from site_builder.render.pages import AIDS_TEXT, site_jobs
from site_builder.render.prepare import Enrichment, enrich, site_data
from site_builder.render.renderer import Renderer, make_environment
from site_builder.render.urls import LANGS, Urls, _relpath, localise
from site_builder.serve.output import Batch, leftover_stages
from site_builder.serve.sources import ContentFiles

KEY = "gaoyuan_20250105_01/xinchun-wenhua"


Fixture = tuple[list[Article], Enrichment]


@pytest.fixture(scope="module")
def fixture_site() -> Fixture:
    articles, errors = load_content(FIXTURE_CONTENT)
    assert not errors
    return articles, enrich(articles)


def _site(articles: list[Article], enrichment: Enrichment) -> SiteData:
    return site_data(articles, enrichment, None)


def _edited(articles: list[Article], **changes: object) -> list[Article]:
    return [dataclasses.replace(a, **changes) if a.key == KEY else a for a in articles]  # type: ignore[arg-type]


def test_tracked_site_renders_exactly_as_the_plain_one(
    fixture_site: Fixture, tmp_path: Path
) -> None:
    articles, enrichment = fixture_site
    site = _site(articles, enrichment)
    renderer = Renderer(site, TEMPLATES, SiteFolder(tmp_path))
    recorder = Recorder()
    plain = [renderer.texts(job) for job in site_jobs(site)]
    seen = []
    for job in site_jobs(tracked(site, recorder)):
        with recorder.job() as reads:
            seen.append(renderer.texts(job))
        # Only files that no archive changes read nothing: the 404 page, the reading
        # aids' shared dictionary (fixed by jieba, see render.aids) and the aids bar's
        # words (fixed by the catalogue).
        fixed = (Urls.not_found, DICTIONARY, *(localise(AIDS_TEXT, lang) for lang in LANGS))
        assert reads or job.path in fixed, f"{job.path} read nothing"
    assert seen == plain


def test_body_and_title_edits_change_different_facts(fixture_site: Fixture) -> None:
    articles, enrichment = fixture_site
    site = _site(articles, enrichment)
    article = next(a for a in articles if a.key == KEY)
    longer = _edited(articles, body=article.body + "\n\n又一段。")
    body = changed_facts(site, _site(longer, enrichment), ())
    assert body == {("articles", KEY, "body"), ("bodies", KEY)}
    title = changed_facts(site, _site(_edited(articles, title="新标题"), enrichment), ())
    assert ("articles", KEY, "summary") in title
    assert ("articles", KEY, "body") not in title


def test_readers_of_a_title_are_its_page_and_the_lists_showing_it(fixture_site: Fixture) -> None:
    articles, enrichment = fixture_site
    site = _site(articles, enrichment)
    renderer = Renderer(site, TEMPLATES, SiteFolder(Path("unused")))
    recorder, readers = Recorder(), Readers()
    for job in site_jobs(tracked(site, recorder)):
        with recorder.job() as reads:
            renderer.texts(job)
        readers.record(job.path, reads)
    edited = _site(_edited(articles, title="新标题"), enrichment)
    facts = changed_facts(site, edited, readers.read("url"))
    affected = readers.of(facts)
    assert site.urls.article(KEY) in affected
    assert site.urls.page("gaoyuan_20250105_01") in affected
    assert "dates/2025/01/05/" in affected
    assert site.urls.article("gaoyuan_20250212_01/cuomei-peixun") not in affected
    readers.forget(site.urls.article(KEY))
    assert site.urls.article(KEY) not in readers.of(facts)


def test_tuple_reads_count_as_reads_of_the_whole() -> None:
    recorder = Recorder()
    listing = _Tuple("listing", ("a", "b", "c"), recorder)
    for use in (lambda t: t[:2], len, list, lambda t: "b" in t, lambda t: t.index("c")):
        with recorder.job() as reads:
            use(listing)
        assert reads == {("listing",)}
    assert listing == ("a", "b", "c")


def test_mapping_iteration_is_a_read_of_its_keys(fixture_site: Fixture) -> None:
    articles, enrichment = fixture_site
    recorder = Recorder()
    site = tracked(_site(articles, enrichment), recorder)
    with recorder.job() as reads:
        sorted(site.library.tags)
    assert reads == {("tags", ALL)}
    with recorder.job() as reads:
        assert site.library.articles[KEY].body
    assert reads == {("articles", KEY), ("articles", KEY, "body")}


def test_url_reads_are_noted_by_method_and_arguments(fixture_site: Fixture) -> None:
    articles, enrichment = fixture_site
    plain = _site(articles, enrichment)
    recorder = Recorder()
    site = tracked(plain, recorder)
    tag = next(iter(plain.library.tags))
    with recorder.job() as reads:
        href = site.urls.tag(tag)
        assert site.urls.article(KEY) == plain.urls.article(KEY)
    assert reads == {("url", "tag", tag), ("url", "article", KEY)}
    assert call_fact(plain.urls, ("url", "tag", tag)) == href
    assert call_fact(plain.urls, ("url", "tag", "no such tag")) == "KeyError"


@given(
    st.lists(st.sampled_from(["a", "b", "c.html", ".", "", "dates", "01"]), max_size=5),
    st.lists(st.sampled_from(["a", "b", "c.html", ".", "", "dates", "01"]), max_size=5),
)
def test_relative_paths_match_posixpath(dest: list[str], start: list[str]) -> None:
    d, s = "/".join(dest) or ".", "/".join(start) or "."
    if d.startswith("/") or s.startswith("/"):
        return
    assert _relpath(d, s) == posixpath.relpath(d, s)


def test_template_users_follow_extends_and_imports() -> None:
    env = make_environment(TEMPLATES, "zh")
    assert users(env, {"tag.html"}) == {"tag.html"}
    macros = users(env, {"macros.html"})
    assert {"article.html", "tag.html", "macros.html"} <= macros
    assert "about.html" not in macros
    assert "about.html" in users(env, {"base.html"})


def test_batch_writes_only_what_changed_and_nothing_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "output"
    (out / "a").mkdir(parents=True)
    (out / "a" / "same.html").write_text("same", encoding="utf-8")
    (out / "a" / "old.html").write_text("old", encoding="utf-8")
    stamp = time.time() - 100
    os.utime(out / "a" / "same.html", (stamp, stamp))
    batch = Batch(out)
    batch.write_text("a/same.html", "same")
    batch.write_text("b/new.html", "new")
    batch.remove("a/old.html")
    assert not (out / "b").exists()  # nothing moves in before commit
    batch.commit()
    assert batch.changed == ["a/old.html", "b/new.html"]
    assert (out / "a" / "same.html").stat().st_mtime == stamp
    assert not (out / "a" / "old.html").exists()
    failed = Batch(out)
    failed.write_text("b/new.html", "changed")
    failed.discard()
    assert (out / "b" / "new.html").read_text(encoding="utf-8") == "new"
    assert leftover_stages(out) == []
    emptied = Batch(out)
    emptied.remove("b/new.html")
    emptied.commit()
    assert not (out / "b").exists()  # a full build would not have the empty folder


def test_content_files_are_recognised_as_the_loader_lists_them(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    (root / ".backup").mkdir()
    (root / ".backup" / "x.md").write_text("---\n", encoding="utf-8")
    (root / "gaoyuan_undated" / "_report.json").write_text("{}", encoding="utf-8")
    (root / "gaoyuan_undated" / "notes.txt").write_text("", encoding="utf-8")
    files = ContentFiles(root)
    every = [p.absolute() for p in root.rglob("*")]
    assert sorted(p for p in every if files.is_content(p)) == [
        p.absolute() for p in content_files(root)
    ]
    files.load_all()
    loaded, _ = load_content(root)
    assert files.ordered() == loaded
