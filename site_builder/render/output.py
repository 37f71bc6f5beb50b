"""Writing the site into ``output/``: only the files whose bytes changed, and only on success.

Every file of a build goes through ``SiteFolder.write_bytes``. A file whose bytes equal
the one already in ``output/`` is only recorded as produced: it is not written, its time
stamp stays, and syncing ``output/`` to a host moves only what changed. Any other file is
written into a hidden stage folder next to ``output/`` (same file system, so moving it in
is one atomic rename). When the build ends without error the commit moves the staged
files in (files 0644, folders 0755: a web server must read them), deletes every file of
``output/`` that this build did not produce (and folders left empty), then removes the
stage. A build that fails removes only its stage: ``output/`` keeps its bytes and time
stamps. The commit itself is a series of renames: a reader may briefly see a mix of the
old and new site, never half a file; a commit that fails part way (a full disk, an I/O
error) undoes its renames, so ``output/`` is again exactly the previous site (``_Aside``).
A file that cannot be written becomes a ``UserError`` naming it and saying that
``output/`` is intact, never a traceback.

``output/`` belongs to the build entirely: anything in it that the build does not
produce, hidden files included, is deleted. Symbolic links inside it are never followed:
a link where the build puts a file or folder is replaced, any other link is deleted
(``output/`` itself may be a link to a folder on the same file system).

Worker processes each render a share of the pages through ``folder.sibling()`` (same
stage, same ``output/``, a record of its own) and send back its ``produced`` paths; the
parent merges them with ``absorb`` before the block ends, or their unchanged files are
deleted as stale. A file found in the stage that no ``write_bytes`` recorded (written
there directly) is still moved in and counted as written, never lost; but it is rewritten
by every build, so write every file through ``write_bytes``.
"""

from __future__ import annotations

import bisect
import errno
import heapq
import os
import posixpath
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from site_builder.errors import UserError, is_write_failure, write_failure

Listed = tuple[str, int, int]
"""A file of a folder as ``cache.fingerprint.tree_state`` lists it: path, size, mtime."""

FILE_MODE = 0o644
FOLDER_MODE = 0o755


def site_file(path: str) -> str:
    """``path`` normalised; ValueError if it would leave the site folder."""
    clean = posixpath.normpath(path)
    # Paths come from Urls, which sanitises content; this is the last line of defence.
    if (
        path.startswith("/")
        or clean.startswith("..")
        or clean == "."
        or "\\" in path
        or "\0" in path
    ):
        raise ValueError(f"refusing to write outside the site folder: {path!r}")
    return clean


@dataclass(slots=True, frozen=True)
class OutputStats:
    """What a commit did to ``output/``."""

    written: int
    """Files new or changed, moved in."""
    unchanged: int
    """Files produced with the bytes they already had: not touched."""
    removed: int
    """Files (or links) the build no longer produces, deleted."""


class SiteFolder:
    """Site files being produced; refuses any path that would leave the site folder."""

    def __init__(
        self, root: Path, live: Path | None = None, known: frozenset[str] = frozenset()
    ) -> None:
        self.root = root
        """Where new and changed files are written (the stage, in a build)."""
        self.live = live
        """The published folder new bytes are compared with; None: write every file."""
        self.known = known
        """Site paths of files the live folder holds (``tree_state``'s list): inside it and
        normal already, so ``absorb`` does not check them one by one."""
        self.produced: set[str] = set()
        """Site paths of every file produced, written or unchanged."""
        self._live_folders: dict[str, bool] = {}
        self._made: set[Path] = set()
        self._stats: OutputStats | None = None
        self.listed: list[Listed] | None = None
        """After a commit given the list of ``output/`` before it: the list after it."""

    @property
    def stats(self) -> OutputStats:
        """What the commit did; only once ``staged`` has committed."""
        if self._stats is None:
            raise RuntimeError("the site folder has not been committed")
        return self._stats

    def sibling(self) -> SiteFolder:
        """A folder on the same stage and output with an empty record, for a worker."""
        return SiteFolder(self.root, self.live, self.known)

    def absorb(self, paths: Iterable[str]) -> None:
        """Record the paths a worker's ``sibling`` produced, or those of jobs that did not
        run; ValueError on a clash. An edit build claims every file of the site it did
        not write (some 110,000 at 10,000 articles): as sets when none clashes and every
        path not in ``known`` is already a clean site path, else one by one, which says
        which path is wrong."""
        given = list(paths)
        fresh = set(given)
        if (
            len(fresh) == len(given)
            and fresh.isdisjoint(self.produced)
            and all(site_file(path) == path for path in fresh - self.known)
        ):
            self.produced |= fresh
            return
        for path in given:
            self._claim(path)

    def _claim(self, path: str) -> str:
        clean = site_file(path)
        if clean in self.produced:
            raise ValueError(f"two pages want the same file: {clean!r}")
        self.produced.add(clean)
        return clean

    def write_text(self, path: str, text: str) -> None:
        # Encoded here, never through a text-mode file: "\n" on every platform.
        self.write_bytes(path, text.encode("utf-8"))

    def write_bytes(self, path: str, data: bytes) -> None:
        clean = self._claim(path)
        if self._unchanged(clean, data):
            return
        target = self.root / clean
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        try:
            target.write_bytes(data)
        except OSError as error:
            # A full disk often fails the flush on closing, an error without a file name.
            if error.filename is None:
                error.filename = str(target)
            raise

    def copy_tree(self, source: Path, into: str) -> None:
        """Copy every non-hidden file under ``source`` into ``into/`` (sorted, for logs)."""
        for file in sorted(source.rglob("*")):
            relative = file.relative_to(source)
            if file.is_file() and not any(p.startswith(".") for p in relative.parts):
                self.write_bytes(f"{into}/{relative.as_posix()}", file.read_bytes())

    def _unchanged(self, clean: str, data: bytes) -> bool:
        """Whether the live site has this file with these bytes (and the published mode)."""
        folder = posixpath.dirname(clean)
        if self.live is None or (folder and not self._live_folder(folder)):
            return False
        try:
            # The size first: most changed files differ in it, and reading costs more.
            info = os.lstat(self.live / clean)
            if (
                not stat.S_ISREG(info.st_mode)
                or info.st_size != len(data)
                or stat.S_IMODE(info.st_mode) != FILE_MODE
            ):
                return False
            descriptor = os.open(self.live / clean, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return False
        with open(descriptor, "rb") as file:
            return file.read() == data

    def _live_folder(self, folder: str) -> bool:
        """Whether ``folder`` is a real folder of the live site, no link on the way."""
        known = self._live_folders.get(folder)
        if known is None:
            parent = posixpath.dirname(folder)
            assert self.live is not None
            known = (not parent or self._live_folder(parent)) and _is_folder(self.live / folder)
            self._live_folders[folder] = known
        return known


@contextmanager
def staged(output_dir: Path, listed: Sequence[Listed] | None = None) -> Iterator[SiteFolder]:
    """A ``SiteFolder`` whose files are committed to ``output_dir`` when the block ends
    without error; ``folder.stats`` then says what changed. A file that cannot be written
    (disk full, read-only, permissions, I/O error) raises a ``UserError`` saying so; the
    previous ``output_dir`` is then exactly as it was.

    ``listed``: what ``output_dir`` holds now, as ``cache.fingerprint.tree_state`` lists
    it. With it the commit takes the stale files from that list instead of walking
    ``output_dir`` again, and leaves in ``folder.listed`` what ``tree_state`` would list
    after it (stat of the files it moved in only)."""
    output_dir = output_dir.absolute()
    try:
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.new-", dir=output_dir.parent))
    except OSError as error:
        if not is_write_failure(error):
            raise
        raise _failed(error, output_dir, None) from None
    try:
        # A path with a backslash is refused by ``site_file`` wherever it is.
        known = frozenset(p for p, _, _ in listed or () if "\\" not in p)
        folder = SiteFolder(stage, output_dir, known)
        try:
            yield folder
            folder._stats, folder.listed = _commit(folder.produced, stage, output_dir, listed)
        except OSError as error:
            if not (is_write_failure(error) and _concerns(error, output_dir)):
                raise
            raise _failed(error, output_dir, stage) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _concerns(error: OSError, output_dir: Path) -> bool:
    """Whether ``error`` is about ``output_dir`` or the build's folders beside it (a
    template that cannot be read is another problem, reported as it is)."""
    hidden = str(output_dir.parent / f".{output_dir.name}.")
    return any(
        name is not None and (str(name).startswith((hidden, str(output_dir))))
        for name in (error.filename, error.filename2)
    )


def _failed(error: OSError, output_dir: Path, stage: Path | None) -> UserError:
    name = str(error.filename or output_dir)
    if stage is not None and name.startswith(str(stage)):
        name = str(output_dir) + name[len(str(stage)) :]  # the stage is gone: say where
    # What is known of the room needed: what this build had written, and the size of the
    # previous site (a build needs room for the files it changes, beside the old ones).
    needed = []
    written = _size(stage) if stage is not None else 0
    if written:
        needed.append(f"This build had written {_amount(written)} when it stopped")
    previous = _size(output_dir) if output_dir.is_dir() else 0
    if previous:
        needed.append(f"the previous site takes {_amount(previous)}")
    return write_failure(
        error,
        "the site",
        f"{output_dir.name}/ is as the last build left it; nothing of this build was kept.",
        "; ".join(needed) + "." if needed else "",
        where=name,
    )


def _size(root: Path) -> int:
    total = 0
    for top, _, files in os.walk(root):
        for name in files:
            with suppress(OSError):
                total += os.lstat(os.path.join(top, name)).st_size
    return total


def _amount(size: int) -> str:
    if size < 1_000_000:
        return f"{-(-size // 1000)} kB"
    return f"{size / 1_000_000:.1f} MB"


def _commit(
    produced: set[str], stage: Path, live: Path, listed: Sequence[Listed] | None
) -> tuple[OutputStats, list[Listed] | None]:
    _refuse_nesting(produced, listed)
    staged_files = _files(stage)
    # Written into the stage without write_bytes: moved in all the same, never lost.
    produced.update(staged_files)
    if not live.is_dir():
        if os.path.lexists(live):
            live.unlink()  # a file or a broken link where the site belongs
        for top, folders, files in os.walk(stage):
            for name in folders:
                os.chmod(os.path.join(top, name), FOLDER_MODE)
            for name in files:
                os.chmod(os.path.join(top, name), FILE_MODE)
        os.chmod(stage, FOLDER_MODE)
        try:
            stage.rename(live)
            return OutputStats(len(staged_files), len(produced) - len(staged_files), 0), None
        except OSError as error:
            # Another build (not holding the lock: a program calling this directly)
            # published output/ meanwhile: merge into it like into any previous site.
            if error.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not live.is_dir():
                raise
    aside = _Aside(live)
    try:
        ready: set[str] = set()
        for relative in staged_files:
            _real_folder(live, posixpath.dirname(relative), ready, aside)
            target = live / relative
            if os.path.lexists(target):
                aside.move(target)  # a folder in the way holds nothing produced
            source = stage / relative
            os.chmod(source, FILE_MODE)
            aside.replace(source, target)
        if listed is None:
            stale = _stale(live, produced)
        else:
            # A link listed where a folder was just made real has been set aside already.
            stale = [p for p, _, _ in listed if p not in produced and p not in ready]
        removed = 0
        for relative in stale:
            if listed is None or os.path.lexists(live / relative):
                aside.move(live / relative)
                removed += 1
    except BaseException:
        aside.undo()
        raise
    finally:
        aside.clear()
    stats = OutputStats(len(staged_files), len(produced) - len(staged_files), removed)
    if listed is None:
        _remove_empty_folders(live)
        return stats, None
    _remove_emptied_folders(live, stale)
    return stats, _listed_after(live, listed, produced, staged_files)


def _listed_after(
    live: Path, listed: Sequence[Listed], produced: set[str], staged_files: list[str]
) -> list[Listed]:
    """``tree_state(live)`` after a commit, from the list before it: the files moved in
    are stat'ed again, what was not produced is gone, every other file was not touched.
    The list before is sorted: the few files moved in are merged into what it keeps
    (sorting the whole again took a tenth of a second at 10,000 articles)."""
    moved: list[Listed] = []
    for relative in staged_files:
        info = os.lstat(live / relative)
        regular = stat.S_ISREG(info.st_mode)
        moved.append((relative, *((info.st_size, info.st_mtime_ns) if regular else (-1, 0))))
    replaced = set(staged_files)
    kept = [entry for entry in listed if entry[0] in produced and entry[0] not in replaced]
    return list(heapq.merge(kept, sorted(moved)))


def _remove_emptied_folders(live: Path, stale: list[str]) -> None:
    """Delete the folders that held a stale file and are empty now, deepest first."""
    folders = set()
    for relative in stale:
        folder = posixpath.dirname(relative)
        while folder and folder not in folders:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        with suppress(OSError):  # not empty: something produced is inside
            os.rmdir(live / folder)


class _Aside:
    """Every change the commit makes to ``output/``, undoable until the commit is done.

    A file that is replaced or deleted is first moved into a hidden folder beside
    ``output/`` (a rename on the same file system: no bytes copied, no space needed), so
    a commit that fails part way (a folder that cannot be made on a full disk, an I/O
    error) is undone step by step in reverse, and ``output/`` has its old files again,
    the same inodes with their time stamps. Only when the commit succeeded is the folder
    of old files deleted.
    """

    def __init__(self, live: Path) -> None:
        self._live = live
        self._folder: Path | None = None
        self._undo: list[tuple[str, str]] = []
        """(path, where it was) for each rename; ("", folder) for each folder made."""

    def move(self, path: Path) -> None:
        if self._folder is None:
            self._folder = Path(
                tempfile.mkdtemp(prefix=f".{self._live.name}.old-", dir=self._live.parent)
            )
        kept = self._folder / str(len(self._undo))
        os.rename(path, kept)
        self._undo.append((str(kept), str(path)))

    def replace(self, source: Path, target: Path) -> None:
        os.replace(source, target)
        self._undo.append((str(target), str(source)))

    def made(self, folder: Path) -> None:
        self._undo.append(("", str(folder)))

    def undo(self) -> None:
        for path, was in reversed(self._undo):
            with suppress(OSError):  # one step that cannot be undone must not stop the rest
                if path:
                    os.replace(path, was)
                else:
                    os.rmdir(was)
        self._undo.clear()

    def clear(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)


def _refuse_nesting(produced: set[str], listed: Sequence[Listed] | None = None) -> None:
    """ValueError if a path is produced both as a file and as a folder of other files.

    ``listed``: the files ``output/`` holds, sorted (``tree_state``). Two of them cannot be
    a file and a folder of it, so only pairs with a path not among them are looked at
    (an edit build produces a few new paths beside some 110,000 old ones)."""
    fresh = produced if listed is None else produced.difference(p for p, _, _ in listed)
    checked: set[str] = set()
    for path in fresh:
        folder = posixpath.dirname(path)
        while folder and folder not in checked:  # a folder checked had its parents checked
            if folder in produced:
                raise ValueError(f"two pages want the same file: {folder!r} and {path!r}")
            checked.add(folder)
            folder = posixpath.dirname(folder)
    if listed is None:
        return
    # A new path under another was found above; left: a new path over a listed file
    # (those under it are one run of the sorted list).
    for path in fresh:
        inside = f"{path}/"
        at = bisect.bisect_left(listed, inside, key=itemgetter(0))
        while at < len(listed) and listed[at][0].startswith(inside):
            if listed[at][0] in produced:
                raise ValueError(f"two pages want the same file: {path!r} and {listed[at][0]!r}")
            at += 1


def _files(root: Path) -> list[str]:
    """Site paths of every file (or link) under ``root``, sorted."""
    found: list[str] = []
    for top, folders, files in os.walk(root):
        # Strings, not Path objects: this walks every file of the site (4x less CPU).
        base = os.path.relpath(top, root).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        links = [name for name in folders if os.path.islink(os.path.join(top, name))]
        found += [prefix + name for name in files + links]
    return sorted(found)


def _is_folder(path: Path) -> bool:
    """A real folder, not a link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _real_folder(live: Path, folder: str, ready: set[str], aside: _Aside) -> None:
    """Make ``live/folder`` a real folder, setting aside a file or link in the way."""
    if not folder or folder in ready:
        return
    _real_folder(live, posixpath.dirname(folder), ready, aside)
    path = live / folder
    if not _is_folder(path):
        if os.path.lexists(path):
            aside.move(path)
        path.mkdir()
        aside.made(path)
        os.chmod(path, FOLDER_MODE)
    ready.add(folder)


def _stale(live: Path, produced: set[str]) -> list[str]:
    """Site paths of what ``live`` holds beyond ``produced`` (links unfollowed)."""
    return [path for path in _files(live) if path not in produced]


def _remove_empty_folders(live: Path) -> None:
    """Delete the folders of ``live`` left empty once stale files are gone."""
    for top, _, _ in os.walk(live, topdown=False):
        if top != str(live):
            with suppress(OSError):  # not empty: something produced is inside
                os.rmdir(top)
