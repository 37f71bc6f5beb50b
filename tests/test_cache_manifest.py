"""The output manifest (``cache.manifest``): ``output/`` taken from the last build's list
while no folder's entries changed, walked as soon as one did; the manifest after a
commit is the one a full stat of every folder gives."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.cache.fingerprint import tree_state
from site_builder.cache.manifest import (
    OutputManifest,
    OutputState,
    folders_of,
    keep_output,
    manifest_key,
    output_now,
)
from site_builder.cache.store import Cache

FILES = ("index.html", "a/index.html", "a/b/c.html", "a/b/d.html", "e/f.json")


def _site(root: Path) -> None:
    for path in FILES:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(path, encoding="utf-8")
    (root / "empty").mkdir()


def _kept(cache: Cache, root: Path) -> OutputState:
    """``root`` walked, its manifest kept, and found again through the manifest."""
    walked = output_now(cache, root)
    assert walked.times is None  # no manifest yet: walked
    keep_output(cache, root, walked.listed, walked)
    return output_now(cache, root)


def test_the_manifest_stands_for_the_walk_while_nothing_changes(tmp_path: Path) -> None:
    root = tmp_path / "out"
    _site(root)
    with Cache(tmp_path / "cache") as cache:
        found = _kept(cache, root)
        assert found.times is not None  # taken from the manifest, not walked
        assert found.listed == tree_state(root)
        assert set(found.folders) == {"", "a", "a/b", "e", "empty"}


def test_an_output_folder_that_is_a_link_is_found_through_its_manifest(tmp_path: Path) -> None:
    real, root = tmp_path / "real", tmp_path / "out"
    _site(real)
    root.symlink_to(real)
    with Cache(tmp_path / "cache") as cache:
        found = _kept(cache, root)
        assert found.times is not None and found.listed == tree_state(root)
        (real / "a/b/c.html").unlink()
        assert output_now(cache, root).times is None


def _replace_folder_with_link(root: Path) -> None:
    shutil.rmtree(root / "e")
    os.symlink(root / "a", root / "e")


CHANGES: dict[str, Callable[[Path], None]] = {
    "deleted deep": lambda root: (root / "a/b/c.html").unlink(),
    "added": lambda root: (root / "a/b/new.html").write_text("x", encoding="utf-8"),
    "renamed": lambda root: (root / "a/b/d.html").rename(root / "a/b/z.html"),
    "into an empty folder": lambda root: (root / "empty/x.html").write_text("x", encoding="utf-8"),
    "folder made": lambda root: (root / "a/b/new").mkdir(),
    "folder removed": lambda root: shutil.rmtree(root / "a/b"),
    "folder made a link": _replace_folder_with_link,
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_to_a_folder_makes_the_build_walk(tmp_path: Path, change: str) -> None:
    root = tmp_path / "out"
    _site(root)
    with Cache(tmp_path / "cache") as cache:
        _kept(cache, root)
        CHANGES[change](root)
        found = output_now(cache, root)
        assert found.times is None  # walked
        assert found.listed == tree_state(root)


@pytest.mark.parametrize("removed", [False, True])
def test_the_manifest_after_a_commit_is_a_full_stat(tmp_path: Path, removed: bool) -> None:
    """Only the folders above the files a commit moved in or deleted are stat'ed again;
    the manifest is the one stat'ing every folder gives, also when a folder went away."""
    root = tmp_path / "out"
    _site(root)
    with Cache(tmp_path / "cache") as cache:
        before = _kept(cache, root)
        (root / "a/b/new").mkdir()
        (root / "a/b/new/page.html").write_text("new", encoding="utf-8")
        (root / "index.html").write_text("changed, same name", encoding="utf-8")
        (root / "e/f.json").unlink()
        if removed:
            (root / "e").rmdir()
        listed = tree_state(root)
        digest = keep_output(cache, root, listed, before)
        kept = OutputManifest.load(cache, manifest_key(root))
        full = OutputManifest.taken(root, listed, digest, before.folders)
        assert kept is not None and full is not None
        assert kept.folders == full.folders
        assert folders_of(listed) <= kept.folders.keys()
        assert output_now(cache, root).times is not None
