"""Issue 6: builds with 1 and N workers, cold and warm, give byte-identical sites; the
cache is reused, never trusted when wrong, and a build with nothing to do does nothing."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from site_builder.build import engine
from site_builder.build.run import BuildResult, build_site
from site_builder.cache.store import FILE_NAME, Cache
from site_builder.content.article import Article
from site_builder.parallel import fork_chunks, in_background
from site_builder.search import build as search_build
from site_builder.search.page import SearchPages, render_search
from tests.site_fixture import FIXTURE_CONTENT, TEMPLATES, tree


def build(content: Path, out: Path, cache: Path | None, workers: int = 1) -> BuildResult:
    return build_site(
        content, TEMPLATES, out, extra_pages=[render_search], cache_dir=cache, workers=workers
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The fixture site built cold, in this process, without any cache."""
    out = tmp_path_factory.mktemp("reference") / "site"
    build(FIXTURE_CONTENT, out, None)
    return tree(out)


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, copy)
    return copy


def mtimes(root: Path) -> dict[str, int]:
    return {
        p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()
    }


def test_two_workers_give_the_same_site_as_one(tmp_path: Path, reference: dict[str, bytes]) -> None:
    result = build(FIXTURE_CONTENT, tmp_path / "site", tmp_path / "cache", workers=2)
    assert tree(tmp_path / "site") == reference
    assert result.analysed == result.articles > 0


def test_render_and_index_workers_give_the_same_site(
    tmp_path: Path, content: Path, reference: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chunks of two jobs: the fixture's jobs go to workers forked from a process that
    # runs while this one builds the search index (``Engine._render``), renewed often;
    # the index's parts are made by workers of their own, two documents a task.
    monkeypatch.setattr(engine, "RENDER_CHUNK", 2)
    monkeypatch.setattr(engine, "RENDER_RENEW", 5)
    monkeypatch.setattr(engine, "OVERLAP_HEAP", 2**40)  # whatever this test process holds
    backgrounds = _count_backgrounds(monkeypatch)
    monkeypatch.setattr(search_build, "PART_CHUNK", 2)
    monkeypatch.setattr(search_build, "PART_RENEW", 2)
    monkeypatch.setattr(search_build, "PART_HEAP", 2**40)
    tasks: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        for done in fork_chunks(*args, **kwargs):
            tasks.append(len(done[0]))
            yield done

    monkeypatch.setattr(search_build, "fork_chunks", counted)
    cache = tmp_path / "cache"
    both = partial(build_site, extra_pages=[SearchPages(workers=2)], cache_dir=cache, workers=2)
    result = both(content, TEMPLATES, tmp_path / "site")
    assert tree(tmp_path / "site") == reference
    assert result.rendered == result.jobs > 10
    assert sum(tasks) == result.articles and max(tasks) == 2
    assert backgrounds == [True]
    # What each job read came back from those workers: an edit runs only its readers.
    edited = next(content.rglob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补记一段。\n", encoding="utf-8")
    again = both(content, TEMPLATES, tmp_path / "site")
    assert 0 < again.rendered < again.jobs


def _count_backgrounds(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each render was run beside the extra pages (``in_background``'s flag)."""
    backgrounds: list[bool] = []

    def counted(task: Any, background: bool) -> Any:
        backgrounds.append(background)
        return in_background(task, background)

    monkeypatch.setattr(engine, "in_background", counted)
    return backgrounds


def test_a_heap_above_the_bounds_forks_no_render_process_nor_part_workers(
    tmp_path: Path, content: Path, reference: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two processes on one forked heap end with two copies of what either writes: past
    # ``OVERLAP_HEAP`` the render runs first, in workers of this process, then the index,
    # whose parts are made here past ``PART_HEAP``.
    monkeypatch.setattr(engine, "RENDER_CHUNK", 2)
    monkeypatch.setattr(engine, "OVERLAP_HEAP", 0)
    monkeypatch.setattr(search_build, "PART_HEAP", 0)
    backgrounds = _count_backgrounds(monkeypatch)
    forked: list[int] = []

    def counted(task: Any, items: Any, size: int, workers: int, renew: Any = None) -> Any:
        forked.append(workers)
        return fork_chunks(task, items, size, workers, renew)

    monkeypatch.setattr(search_build, "fork_chunks", counted)
    both = partial(build_site, extra_pages=[SearchPages(workers=2)], workers=2)
    result = both(content, TEMPLATES, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert backgrounds == [False]
    assert forked == [1]  # the index's parts made in this process too
    assert tree(tmp_path / "site") == reference
    assert result.rendered == result.jobs > 10


def test_warm_build_equals_cold_build_and_analyses_nothing(
    tmp_path: Path, content: Path, reference: dict[str, bytes]
) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "first", cache)
    warm = build(content, tmp_path / "second", cache, workers=2)
    assert warm.analysed == 0 and not warm.skipped
    assert tree(tmp_path / "second") == reference


def test_nothing_changed_means_nothing_done(tmp_path: Path, content: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "site"
    first = build(content, out, cache)
    before = mtimes(out)
    again = build(content, out, cache)
    assert again.skipped
    assert (again.articles, again.files, again.html_pages) == (
        first.articles,
        first.files,
        first.html_pages,
    )
    assert mtimes(out) == before


@pytest.mark.parametrize("touch", ["replaced", "deleted", "added", "new folder"])
def test_touched_output_is_rebuilt_not_trusted(tmp_path: Path, content: Path, touch: str) -> None:
    """Every change to ``output/`` that changes a folder's entries (what an editor that
    saves by renaming, a sync tool or a person deleting a file does) is seen without a
    walk (``cache.manifest``): the next build is a real one and repairs it."""
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache)
    expected = tree(out)
    page = sorted(out.rglob("index.html"))[-1]
    if touch == "replaced":
        page.with_name("saved.tmp").write_text("vandalised", encoding="utf-8")
        page.with_name("saved.tmp").replace(page)
    elif touch == "deleted":
        page.unlink()
    elif touch == "added":
        page.with_name("stray.html").write_text("by hand", encoding="utf-8")
    else:
        (page.parent / "new" / "deeper").mkdir(parents=True)
        (page.parent / "new" / "deeper" / "stray.html").write_text("x", encoding="utf-8")
    again = build(content, out, cache)
    assert not again.skipped and again.analysed == 0
    assert tree(out) == expected


def test_a_file_rewritten_in_place_is_not_seen_until_something_else_changes(
    tmp_path: Path, content: Path
) -> None:
    """The manifest's limit, stated: a file rewritten in place leaves its folder's time
    as it was, so a no-op build does not notice it; a change elsewhere in ``output/``
    makes the build walk, and the walk sees it."""
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache)
    expected = tree(out)
    page = sorted(out.rglob("index.html"))[-1]
    page.write_text("vandalised", encoding="utf-8")
    assert build(content, out, cache).skipped
    (out / "stray.html").write_text("by hand", encoding="utf-8")
    again = build(content, out, cache)
    assert not again.skipped and again.written == 1 and again.removed == 1
    assert tree(out) == expected


def test_one_edited_article_is_the_only_one_analysed(tmp_path: Path, content: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache)
    before = mtimes(out)
    edited = sorted(content.rglob("*.md"))[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.rstrip("\n") + "\n\n补记一段新的文字。\n", encoding="utf-8")
    result = build(content, out, cache)
    assert result.analysed == 1
    assert 0 < result.written < result.files
    unchanged = [p for p, t in mtimes(out).items() if before.get(p) == t]
    assert len(unchanged) == result.files - result.written
    build(content, tmp_path / "cold", None)
    assert tree(out) == tree(tmp_path / "cold")


def test_front_matter_change_reuses_the_analysis(tmp_path: Path, content: Path) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache)
    edited = next(p for p in sorted(content.rglob("*.md")) if "\ntags:" not in p.read_text())
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("---\n", "---\ntags: [手工标签]\n", 1), encoding="utf-8")
    result = build(content, tmp_path / "site", cache)
    assert result.analysed == 0
    pages = (tmp_path / "site").rglob("*.html")
    assert any("手工标签" in page.read_text(encoding="utf-8") for page in pages)


def test_unreadable_cache_file_is_replaced_and_reported(
    tmp_path: Path, content: Path, reference: dict[str, bytes]
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILE_NAME).write_bytes(b"this is not a database" * 100)
    result = build(content, tmp_path / "site", cache)
    assert any("unreadable cache" in note for note in result.notes)
    assert tree(tmp_path / "site") == reference
    assert result.analysed == result.articles


def test_corrupt_entry_is_detected_and_made_again(
    tmp_path: Path, content: Path, reference: dict[str, bytes]
) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "first", cache)
    with sqlite3.connect(cache / FILE_NAME) as db:
        # Flip one byte of every stored body: each must fail its checksum.
        rows = db.execute("SELECT key, value FROM entries WHERE kind = 'body'").fetchall()
        for key, value in rows:
            broken = bytes([value[0] ^ 0xFF]) + value[1:]
            db.execute(
                "UPDATE entries SET value = ? WHERE kind = 'body' AND key = ?", (broken, key)
            )
    result = build(content, tmp_path / "second", cache)
    assert result.analysed == 0  # every key is present: the damage shows only on reading
    assert tree(tmp_path / "second") == reference
    assert any("corrupt cache entries" in note for note in result.notes)


def test_entries_of_other_code_are_dropped(tmp_path: Path) -> None:
    store = Cache(tmp_path, code="one")
    store.put("words", "k", b"value")
    assert Cache(tmp_path, code="one").get("words", "k") == b"value"
    assert Cache(tmp_path, code="two").get("words", "k") is None


def test_many_entries_are_read_verified_and_dropped_by_key(tmp_path: Path) -> None:
    store = Cache(tmp_path, code="one")
    store.put_many("shard", [(f"k{i}", f"value {i}".encode()) for i in range(1200)])
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        value = db.execute("SELECT value FROM entries WHERE key = 'k7'").fetchone()[0]
        db.execute("UPDATE entries SET value = ? WHERE key = 'k7'", (value[:-1],))
    found = store.get_many("shard", [f"k{i}" for i in range(1200)] + ["absent"])
    assert found == {f"k{i}": f"value {i}".encode() for i in range(1200) if i != 7}
    assert store.corrupt == 1
    store.drop("shard", ["k1", "k2"])
    assert store.get_many("shard", ["k1", "k2", "k3"]) == {"k3": b"value 3"}


def test_deleted_cache_means_a_cold_build(
    tmp_path: Path, content: Path, reference: dict[str, bytes]
) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache)
    shutil.rmtree(cache)
    result = build(content, tmp_path / "site", cache)
    assert not result.skipped and result.analysed == result.articles
    assert tree(tmp_path / "site") == reference


def test_old_versions_of_edited_articles_leave_the_cache(tmp_path: Path, content: Path) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache)
    count = len(Cache(cache).keys("body"))
    edited = sorted(content.rglob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    build(content, tmp_path / "site", cache)
    assert len(Cache(cache).keys("body")) == count


def test_forget_deletes_by_key_and_sweeps_only_when_the_count_differs(tmp_path: Path) -> None:
    store = Cache(tmp_path, code="one")
    store.put_many("body", [(k, k.encode()) for k in ("a", "b", "c")])
    sweeps: list[str] = []
    keep_only = store.keep_only

    def sweep(kind: str, keys: Iterable[str]) -> int:
        sweeps.append(kind)
        return keep_only(kind, keys)

    store.keep_only = sweep  # type: ignore[method-assign]
    assert store.forget("body", {"a", "b"}, ["a", "b", "c"]) == 1
    assert store.keys("body") == {"a", "b"} and sweeps == []
    store.put("body", "stray", b"of a build that failed")  # not among the keys held
    store.put("body", "d", b"d")
    assert store.forget("body", {"a", "d"}, ["a", "b"]) == 2
    assert store.keys("body") == {"a", "d"} and sweeps == ["body"]
    assert store.count("body") == 2 and store.count("absent") == 0


def test_an_edit_build_lists_no_kind_and_leaves_only_what_it_uses(
    tmp_path: Path, content: Path
) -> None:
    from site_builder.analysis.record import KINDS

    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache)
    with Cache(cache) as store:
        store.put("words", "stray", b"left by a build that failed")
    edited = sorted(content.rglob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    build(content, tmp_path / "site", cache)  # its count differs: listed and swept
    with Cache(cache) as store:
        held = {kind: store.keys(kind) for kind in KINDS}
    assert "stray" not in held["words"] and len({len(k) for k in held.values()}) == 1
    edited.write_text(edited.read_text(encoding="utf-8") + "\n再一段。\n", encoding="utf-8")
    listed: list[str] = []
    keys = Cache.keys

    def listing(self: Cache, kind: str) -> set[str]:
        listed.append(kind)
        return keys(self, kind)

    try:
        Cache.keys = listing  # type: ignore[method-assign]
        result = build(content, tmp_path / "site", cache)
    finally:
        Cache.keys = keys  # type: ignore[method-assign]
    assert result.analysed == 1
    assert not set(listed) & set(KINDS)  # the analysis' kinds counted, not listed
    with Cache(cache) as store:
        after = {kind: store.keys(kind) for kind in KINDS}
    for kind in KINDS:  # the old version gone, the new one in its place
        assert len(after[kind]) == len(held[kind]) and len(after[kind] - held[kind]) == 1
    build(content, tmp_path / "cold", None)
    assert tree(tmp_path / "site") == tree(tmp_path / "cold")


def test_released_bodies_are_read_again_only_if_unchanged(tmp_path: Path) -> None:
    from dataclasses import replace

    from site_builder.analysis.archive import analyse_archive
    from site_builder.analysis.record import BODY
    from site_builder.content.loader import load_content
    from site_builder.errors import UserError

    articles, _ = load_content(FIXTURE_CONTENT)
    originals = {a.key: replace(a) for a in articles}
    edited: set[str] = set()

    def reload(article: Article) -> Article:
        again = replace(originals[article.key])
        if article.key in edited:
            again.body += "\n\n改过了。"
        return again

    cache = Cache(tmp_path)
    analysis, _ = analyse_archive(articles, cache, 1, reload)
    analysis.release_bodies()
    assert all(a.body == "" for a in articles)
    first, second = articles[0].key, articles[1].key
    cache._connect().execute("DELETE FROM entries WHERE kind = ?", (BODY,))
    # Lost from the cache: made again from the file, which still says the same.
    assert analysis.bodies[first].html
    edited.add(second)
    with pytest.raises(UserError, match="changed while the site was being built"):
        analysis.bodies[second]


def test_changed_options_or_templates_are_not_a_no_op(tmp_path: Path, content: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(content, out, cache)
    moved = build_site(
        content,
        TEMPLATES,
        out,
        extra_pages=[render_search],
        cache_dir=cache,
        base_url="https://example.org/archive/",
    )
    assert not moved.skipped and moved.analysed == 0
    assert "https://example.org/archive/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    restyled = build_site(content, templates, out, extra_pages=[render_search], cache_dir=cache)
    assert not restyled.skipped and restyled.written > 0
