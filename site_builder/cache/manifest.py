"""``OutputManifest``: what ``output/`` held when the last build committed, so that the
next build need not walk it.

Walking ``output/`` (``fingerprint.tree_state``: every folder listed, every file
stat'ed) was about a second of every build at 10,000 articles (111,479 files in 49,663
folders), the no-op build's largest step. A folder's modification time changes whenever
an entry is added to it, removed from it or renamed in it; so when every folder the last
build left still has the time it had then, and no folder is gone, ``output/`` holds
exactly the files that build listed, and one ``lstat`` per folder (about a tenth of the
walk) says so. Anything else (a file deleted, added or renamed, a folder made or
removed, a link put in place of a folder) changes some folder's time: the build walks
``output/`` as before and trusts nothing the manifest said.

What the folders' times do not show is a file rewritten in place (its folder's entries
untouched): the manifest still lists its old size and time, so such a file stays as it
is until a job that writes it runs (its bytes are then compared and repaired) or
something else in ``output/`` changes. ``--no-cache``, or deleting the file, rebuilds it.
Like the walk's times, a folder changed within the file system's time step after the
commit was recorded may look unchanged.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from site_builder.cache.fingerprint import digest_of, tree_state
from site_builder.cache.packed import pack, unpack
from site_builder.cache.store import Cache

KIND = "output-manifest"
TAG = b"output-manifest-1"

Listed = tuple[str, int, int]
"""A file as ``tree_state`` lists it: path, size, mtime in ns."""


def folders_of(listed: Iterable[Listed]) -> set[str]:
    """The folders holding the listed files and the folders above them, "" the root."""
    found = {""}
    for path, _, _ in listed:
        folder = path.rpartition("/")[0]
        while folder not in found:
            found.add(folder)
            folder = folder.rpartition("/")[0]
    return found


def _times(root: Path, folders: Iterable[str], given: bool = True) -> dict[str, int] | None:
    """Each folder's modification time. A folder that is not a real folder (gone, a
    link): None when the folders are ``given`` as there, else it is left out."""
    base = str(root)
    times: dict[str, int] = {}
    for folder in folders:
        try:
            # ``output/`` itself may be a link to a folder (as the build allows); inside
            # it, links are never followed.
            info = os.lstat(f"{base}/{folder}") if folder else os.stat(base)
        except OSError:
            info = None
        if info is None or not stat.S_ISDIR(info.st_mode):
            if given:
                return None
            continue
        times[folder] = info.st_mtime_ns
    return times


@dataclass(slots=True)
class OutputManifest:
    listed: list[Listed]
    """``tree_state(output/)`` after the commit: sorted."""
    digest: str
    """``digest_of(listed)``: what the build and dependency records call this output."""
    folders: dict[str, int]
    """Every folder of ``output/`` (empty ones too), "" the root -> its mtime in ns."""

    @staticmethod
    def taken(
        root: Path, listed: list[Listed], digest: str, folders: Iterable[str]
    ) -> OutputManifest | None:
        """The manifest of ``root`` as ``listed`` (digest ``digest``) says it is now;
        ``folders``: every folder it may hold besides those of its files (the folders of
        the walk or manifest before the commit: empty ones are listed by no file). Those
        that are no longer folders are left out. None if ``root`` is not a folder."""
        held = folders_of(listed)
        times = _times(root, sorted(held.union(folders)), given=False) or {}
        return OutputManifest(listed, digest, times) if held <= times.keys() else None

    def holds(self, root: Path) -> bool:
        """Whether ``root`` still holds what the manifest lists: every folder there, a
        real folder, with the time it had."""
        return _times(root, self.folders) == self.folders

    def save(self, cache: Cache, key: str) -> None:
        paths = [path for path, _, _ in self.listed]
        sizes = [size for _, size, _ in self.listed]
        times = [time for _, _, time in self.listed]
        folders = list(self.folders.items())
        cache.put(KIND, key, pack(TAG, (self.digest, paths, sizes, times, folders)))

    @staticmethod
    def load(cache: Cache, key: str) -> OutputManifest | None:
        stored = cache.get(KIND, key)
        if stored is None:
            return None
        try:
            digest, paths, sizes, times, folders = unpack(TAG, stored)
            listed = list(zip(paths, sizes, times, strict=True))
            # The checksum vouches for the bytes: the list is the one ``digest`` names.
            return OutputManifest(listed, str(digest), dict(folders))
        except (TypeError, ValueError):
            return None  # another version's: not trusted


def manifest_key(output_dir: Path) -> str:
    """One manifest per output folder."""
    return digest_of(("output", str(output_dir.absolute())))


@dataclass(slots=True)
class OutputState:
    """``output/`` as a build finds it."""

    listed: list[Listed]
    """``tree_state(output/)``."""
    digest: str
    """``digest_of(listed)``."""
    folders: Collection[str]
    """Every folder under ``output/``, empty ones too."""
    times: Mapping[str, int] | None = None
    """Each folder's time, when the last build's manifest vouched for them (None: walked)."""


def output_now(cache: Cache, root: Path) -> OutputState:
    """What ``root`` holds: the last build's manifest when it still holds, else walked."""
    manifest = OutputManifest.load(cache, manifest_key(root))
    if manifest is not None and manifest.holds(root):
        folders = manifest.folders
        return OutputState(manifest.listed, manifest.digest, folders.keys(), folders)
    walked: list[str] = []
    listed = tree_state(root, walked)
    return OutputState(listed, digest_of(listed), walked)


def keep_output(cache: Cache, root: Path, listed: list[Listed] | None, before: OutputState) -> str:
    """Leave the manifest of ``root`` after a commit that left it as ``listed`` (None:
    unknown, walked here), ``before`` being what it held; its digest."""
    walked: list[str] = []
    if listed is None:
        listed = tree_state(root, walked)
    digest = digest_of(listed)
    manifest = None
    if before.times is not None and not walked:
        manifest = _moved_on(root, listed, digest, before.listed, before.times)
    if manifest is None:
        manifest = OutputManifest.taken(root, listed, digest, [*before.folders, *walked])
    if manifest is not None:
        manifest.save(cache, manifest_key(root))
    else:  # a folder of the list is gone already: the next build walks
        cache.drop(KIND, [manifest_key(root)])
    return digest


def _moved_on(
    root: Path, listed: list[Listed], digest: str, then: list[Listed], times: Mapping[str, int]
) -> OutputManifest | None:
    """The manifest after a commit, from the one before it (``then``, ``times``): only
    the folders above a file the commit moved in or deleted can have other entries, and
    only those are stat'ed again (an edit build touches a few dozen of the 49,663
    folders of a 10,000-article site). Were one missed, it would keep its old time
    and the next build would find it changed and walk: never a wrong list. None when a
    folder above a deleted file is gone (``taken`` then sorts out which are left)."""
    now, before = set(listed), set(then)
    new = now - before
    touched = folders_of(new | (before - now))
    fresh = _times(root, sorted(touched), given=False) or {}
    if touched - fresh.keys():
        return None
    kept = {folder: time for folder, time in times.items() if folder not in touched}
    return OutputManifest(listed, digest, kept | fresh)
