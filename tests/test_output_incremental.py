"""Committing a build to ``output/``: unchanged files untouched, stale ones gone, all or
nothing on failure, and workers in other processes writing into the same stage."""

from __future__ import annotations

import errno
import multiprocessing
import os
import re
import stat
import tempfile
from collections.abc import Callable, Mapping
from multiprocessing.queues import Queue
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.cache.fingerprint import tree_state
from site_builder.errors import UserError
from site_builder.render.output import OutputStats, SiteFolder, staged

SITE = {
    "index.html": b"<h1>home</h1>",
    "2024/01/02/a.html": b"article a",
    "2024/01/02/b.html": b"article b",
    "2024/03/c.html": b"article c",
    "search-index/meta.json": b'{"docs": 3}',
}


def build(output: Path, files: Mapping[str, bytes]) -> OutputStats:
    with staged(output) as folder:
        for path, data in files.items():
            folder.write_bytes(path, data)
    return folder.stats


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int, int]]:
    """Every file and folder under ``root``: bytes, mtime_ns, inode, mode."""
    found = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if path.is_file() else b""
        found[path.relative_to(root).as_posix()] = (
            data,
            info.st_mtime_ns,
            info.st_ino,
            info.st_mode,
        )
    return found


def stages(output: Path) -> list[Path]:
    return [p for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.")]


def test_first_build_writes_everything(tmp_path: Path) -> None:
    output = tmp_path / "output"
    assert build(output, SITE) == OutputStats(written=5, unchanged=0, removed=0)
    assert {p: d for p, (d, *_) in snapshot(output).items() if d} == SITE
    assert stages(output) == []


def test_identical_build_touches_nothing(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(output, SITE)
    before = snapshot(output)
    assert build(output, SITE) == OutputStats(written=0, unchanged=5, removed=0)
    assert snapshot(output) == before
    assert stages(output) == []


def test_changed_file_is_rewritten_and_only_it(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(output, SITE)
    before = snapshot(output)
    # Same size, different bytes: the comparison must read, not stop at the size.
    changed = {**SITE, "2024/01/02/a.html": b"article A"}
    assert build(output, changed) == OutputStats(written=1, unchanged=4, removed=0)
    after = snapshot(output)
    assert after["2024/01/02/a.html"][0] == b"article A"
    assert after["2024/01/02/a.html"][2] != before["2024/01/02/a.html"][2]
    for path in SITE.keys() - {"2024/01/02/a.html"}:
        assert after[path] == before[path]


def test_file_no_longer_produced_is_removed_with_its_empty_folder(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(output, SITE)
    (output / ".hidden-leftover").write_bytes(b"not ours")
    smaller = {k: v for k, v in SITE.items() if k != "2024/03/c.html"}
    assert build(output, smaller) == OutputStats(written=0, unchanged=4, removed=2)
    assert not (output / "2024/03").exists()
    assert not (output / ".hidden-leftover").exists()
    assert (output / "2024/01/02/a.html").read_bytes() == SITE["2024/01/02/a.html"]


def test_failed_build_leaves_output_exactly_as_it_was(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(output, SITE)
    before = snapshot(output)
    with pytest.raises(RuntimeError), staged(output) as folder:
        folder.write_bytes("index.html", b"<h1>new home</h1>")
        folder.write_bytes("new/page.html", b"new")
        raise RuntimeError("template error")
    assert snapshot(output) == before
    assert stages(output) == []


def test_file_written_into_the_stage_directly_is_kept(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(output, SITE)
    with staged(output) as folder:
        for path, data in SITE.items():
            folder.write_bytes(path, data)
        (folder.root / "extra").mkdir()
        (folder.root / "extra/direct.bin").write_bytes(b"direct")
    assert folder.stats == OutputStats(written=1, unchanged=5, removed=0)
    assert (output / "extra/direct.bin").read_bytes() == b"direct"


def test_permissions_are_readable_by_a_web_server(tmp_path: Path) -> None:
    output = tmp_path / "output"
    old_mask = os.umask(0o077)
    try:
        build(output, SITE)
        build(output, {**SITE, "new/deeper/page.html": b"new"})
    finally:
        os.umask(old_mask)
    for path in [output, *output.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), path


def test_unchanged_file_with_the_wrong_mode_is_rewritten(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(output, SITE)
    (output / "index.html").chmod(0o600)
    assert build(output, SITE) == OutputStats(written=1, unchanged=4, removed=0)
    assert stat.S_IMODE((output / "index.html").stat().st_mode) == 0o644


def test_copy_tree_and_write_text_go_through_the_comparison(tmp_path: Path) -> None:
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css/site.css").write_text("body {}", encoding="utf-8")
    (static / ".draft.css").write_text("hidden", encoding="utf-8")
    output = tmp_path / "output"
    for _ in range(2):
        with staged(output) as folder:
            folder.copy_tree(static, "static")
            folder.write_text("index.html", "首页\n")
    assert folder.stats == OutputStats(written=0, unchanged=2, removed=0)
    assert (output / "index.html").read_bytes() == "首页\n".encode()
    assert sorted(p.name for p in (output / "static").rglob("*")) == ["css", "site.css"]


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "a\\b", "."])
def test_path_leaving_the_site_is_refused(tmp_path: Path, path: str) -> None:
    output = tmp_path / "site" / "output"
    with pytest.raises(ValueError, match="outside the site folder"), staged(output) as folder:
        folder.write_bytes(path, b"x")
    assert list((tmp_path / "site").iterdir()) == []


def test_links_in_output_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.html").write_bytes(b"article a")
    output = tmp_path / "output"
    build(output, {"index.html": b"home"})
    (output / "2024").symlink_to(outside, target_is_directory=True)
    (output / "stray").symlink_to(outside / "a.html")
    stats = build(output, {"index.html": b"home", "2024/a.html": b"article a"})
    # The linked folder's file was not taken as unchanged: the link became a real folder.
    assert stats == OutputStats(written=1, unchanged=1, removed=1)
    assert not (output / "2024").is_symlink()
    assert not (output / "stray").exists()
    assert (outside / "a.html").read_bytes() == b"article a"


def test_same_file_twice_is_refused(tmp_path: Path) -> None:
    folder = SiteFolder(tmp_path)
    folder.write_bytes("a/b.html", b"1")
    with pytest.raises(ValueError, match="two pages want the same file"):
        folder.write_bytes("a/./b.html", b"2")


def test_file_and_folder_clash_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(output, {"a/b.html": b"1"})
    with pytest.raises(ValueError, match="two pages want the same file"), staged(output) as folder:
        folder.write_bytes("a/b.html", b"1")  # unchanged: only recorded
        folder.write_bytes("a", b"2")
    assert (output / "a/b.html").read_bytes() == b"1"


def test_absorb_clash_is_refused(tmp_path: Path) -> None:
    folder = SiteFolder(tmp_path)
    folder.write_bytes("index.html", b"home")
    worker = folder.sibling()
    worker.write_bytes("index.html", b"other home")
    with pytest.raises(ValueError, match=re.escape("two pages want the same file: 'index.html'")):
        folder.absorb(worker.produced)


def render_share(worker: SiteFolder, files: dict[str, bytes], results: Queue[set[str]]) -> None:
    for path, data in files.items():
        worker.write_bytes(path, data)
    results.put(worker.produced)


def test_workers_in_other_processes_commit_with_the_parent(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(output, SITE)
    before = snapshot(output)
    changed = {**SITE, "2024/03/c.html": b"article C, longer", "2025/d.html": b"new"}
    del changed["2024/01/02/b.html"]
    shares = [dict(list(changed.items())[0::2]), dict(list(changed.items())[1::2])]
    context = multiprocessing.get_context("fork")
    results: Queue[set[str]] = context.Queue()
    with staged(output) as folder:
        children = [
            context.Process(target=render_share, args=(folder.sibling(), share, results))
            for share in shares
        ]
        for child in children:
            child.start()
        produced = [results.get(timeout=60) for _ in children]
        for child in children:
            child.join()
            assert child.exitcode == 0
        for paths in produced:
            folder.absorb(paths)
    assert folder.stats == OutputStats(written=2, unchanged=3, removed=1)
    after = snapshot(output)
    assert {p: d for p, (d, *_) in after.items() if d} == changed
    for path in ["index.html", "2024/01/02/a.html", "search-index/meta.json"]:
        assert after[path] == before[path]
    assert stages(output) == []


def test_output_published_by_another_build_meanwhile_is_merged_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 15: two cold builds at once; the second one's rename of its stage to output/
    # found the first one's output/ there (ENOTEMPTY), and ended in a traceback.
    output = tmp_path / "output"
    rename = Path.rename

    def publish_first(self: Path, target: Path) -> Path:
        monkeypatch.setattr(Path, "rename", rename)  # the other build's rename: as it is
        build(output, {"index.html": b"other build", "only/theirs.html": b"x"})
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", publish_first)
    assert build(output, SITE) == OutputStats(written=5, unchanged=0, removed=1)
    assert {p: d for p, (d, *_) in snapshot(output).items() if d} == SITE
    assert stages(output) == []


@pytest.mark.parametrize("step", range(1, 8))
def test_commit_failing_at_any_step_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    # Issue 15: the commit's steps are renames and new folders; a failure at any of them
    # (I/O error, a full disk refusing a folder) puts every file of output/ back.
    output = tmp_path / "output"
    build(output, SITE)
    before = snapshot(output)
    changed = {**SITE, "index.html": b"new home", "2024/01/02/a.html/x.html": b"a is a folder"}
    del changed["2024/03/c.html"], changed["2024/01/02/a.html"]
    calls = 0

    def failing(real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            if calls == step:
                raise OSError(errno.EIO, "Input/output error", str(args[0]))
            return real(*args, **kwargs)

        return call

    with pytest.raises(UserError) as failed, staged(output) as folder:
        for path, data in changed.items():
            folder.write_bytes(path, data)
        for name in ("rename", "replace", "mkdir"):  # from here on: the commit's own steps
            monkeypatch.setattr(os, name, failing(getattr(os, name)))
    monkeypatch.undo()
    assert "input/output error" in failed.value.message
    after = snapshot(output)
    # Every file as it was (bytes, time, inode, mode); folders the same, only their time
    # stamps tell that names were moved out and back.
    assert after.keys() == before.keys()
    assert {p: v for p, v in after.items() if stat.S_ISREG(v[3])} == {
        p: v for p, v in before.items() if stat.S_ISREG(v[3])
    }
    assert stages(output) == []


# -- a commit given the list of output/ (what the build walked once, at its start) ------

POOL = ["index.html", "a/b.html", "a/c.html", "a/d/e.html", "a/d/f.json", "g", "g/h.html", "i.css"]
"""Paths that nest in every way: ``g`` is a file in some sites and a folder in others."""


def _valid(site: dict[str, bytes]) -> dict[str, bytes]:
    """The site without paths that would be a file and a folder of files at once."""
    return {p: d for p, d in site.items() if not any(q.startswith(p + "/") for q in site)}


SITES = st.lists(
    st.dictionaries(st.sampled_from(POOL), st.sampled_from([b"x", b"yy", b"zzz"])).map(_valid),
    min_size=1,
    max_size=4,
)


def _build_listed(output: Path, files: Mapping[str, bytes]) -> tuple[OutputStats, object]:
    with staged(output, tree_state(output)) as folder:
        for path, data in files.items():
            folder.write_bytes(path, data)
    return folder.stats, folder.listed


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): (b"link" if p.is_symlink() else p.read_bytes())
        for p in root.rglob("*")
        if p.is_symlink() or p.is_file()
    }


@settings(max_examples=60, deadline=None)
@given(SITES, st.lists(st.sampled_from(["stray.html", "a/stray", "a/d", "g"]), max_size=2))
def test_a_listed_commit_does_what_a_walking_one_does(
    sites: list[dict[str, bytes]], links: list[str]
) -> None:
    """Build after build, with links and stray files put in by hand before the last one,
    a commit given the list of ``output/`` leaves the same files and says the same as one
    that walks it, and lists ``output/`` as ``tree_state`` then does."""
    with tempfile.TemporaryDirectory() as folder:
        listed, walked = Path(folder) / "listed" / "output", Path(folder) / "walked" / "output"
        for number, site in enumerate(sites):
            if number == len(sites) - 1:
                for output in (listed, walked):
                    output.mkdir(parents=True, exist_ok=True)
                    for name in links:
                        if not os.path.lexists(output / name):
                            (output / name).parent.mkdir(parents=True, exist_ok=True)
                            (output / name).symlink_to(output.parent)
            existed = listed.is_dir()  # a first commit renames the stage: nothing listed
            stats, after = _build_listed(listed, site)
            assert stats == build(walked, site)
            assert _tree(listed) == _tree(walked) == site
            assert after == (tree_state(listed) if existed else None)


@pytest.mark.parametrize(
    ("claimed", "new"), [("a/b.html", "a"), ("a", "a/b.html"), ("a/b.html", "a/b.html/c")]
)
def test_a_new_file_over_or_under_a_listed_one_is_refused(
    tmp_path: Path, claimed: str, new: str
) -> None:
    output = tmp_path / "output"
    build(output, {claimed: b"1", "index.html": b"home"})
    with (
        pytest.raises(ValueError, match="two pages want the same file"),
        staged(output, tree_state(output)) as folder,
    ):
        folder.absorb([claimed, "index.html"])  # a job that did not run
        folder.write_bytes(new, b"2")
    assert (output / claimed).read_bytes() == b"1"


_NAMES = st.sampled_from(["a", "b", "a/b", "a/c", "b/a", "a/b/c", "c/a/b", "a/b/d"])


@settings(max_examples=200, deadline=None)
@given(st.sets(_NAMES), st.sets(_NAMES), st.sets(_NAMES))
def test_nesting_is_found_from_the_new_paths_as_from_all(
    disk: set[str], kept: set[str], new: set[str]
) -> None:
    """With the listing of ``output/`` (files that cannot nest: they are on a disk), a
    commit refuses exactly the sites it refuses without it."""
    from site_builder.render.output import _refuse_nesting

    on_disk = {p for p in disk if not any(q.startswith(f"{p}/") for q in disk)}
    listed = [(p, 1, 0) for p in sorted(on_disk)]
    produced = (kept & on_disk) | new

    def refused(given: list[tuple[str, int, int]] | None) -> bool:
        try:
            _refuse_nesting(set(produced), given)
        except ValueError:
            return True
        return False

    assert refused(listed) == refused(None)


def test_absorb_takes_listed_paths_whole_and_checks_the_others(tmp_path: Path) -> None:
    folder = SiteFolder(tmp_path, known=frozenset({"a/b.html", "c.html"}))
    folder.absorb(["a/b.html", "c.html", "d/./e.html"])
    assert folder.produced == {"a/b.html", "c.html", "d/e.html"}
    with pytest.raises(ValueError, match="refusing to write outside"):
        folder.absorb(["../x.html"])
    with pytest.raises(ValueError, match=re.escape("the same file: 'c.html'")):
        folder.absorb(["f.html", "c.html"])
