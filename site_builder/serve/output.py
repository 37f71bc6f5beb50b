"""Changing a served ``output/`` in place: all of a rebuild's files, or none of them.

A rebuild writes into a hidden folder beside ``output/`` (as ``site-builder build`` does)
and only a rebuild that finished moves its files in, each with an atomic rename, so the
browser never loads half a file and a failed rebuild leaves the last good pages served.
A file whose bytes did not change is not written at all: its time stamp stays, and the
browser is not told to reload for it.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path

from site_builder.render.output import SiteFolder, site_file

STAGE_PREFIX = ".serve-"
"""Name prefix of staging folders (after the output folder's name)."""


class Batch(SiteFolder):
    """The files of one rebuild, staged until ``commit``; a renderer writes into it."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self._stage: Path | None = None
        self._moves: dict[str, Path] = {}
        self._numbers = itertools.count()
        self._removals: set[str] = set()
        self.changed: list[str] = []
        """Site paths written or removed by ``commit``, sorted."""

    def stage_folder(self) -> Path:
        """A hidden folder beside the output, on the same file system (renames are atomic)."""
        if self._stage is None:
            prefix = f".{self.root.name}{STAGE_PREFIX}"
            self._stage = Path(tempfile.mkdtemp(prefix=prefix, dir=self.root.parent))
        return self._stage

    def write_bytes(self, path: str, data: bytes) -> None:
        clean = site_file(path)
        if clean in self.produced:
            raise ValueError(f"two pages want the same file: {clean!r}")
        self.produced.add(clean)
        self._removals.discard(clean)
        current = self.root / clean
        if current.is_file() and current.read_bytes() == data:
            return
        # Flat, numbered names: no folder tree to create and delete again.
        staged = self.stage_folder() / str(next(self._numbers))
        staged.write_bytes(data)
        self._moves[clean] = staged

    def adopt(self, path: str, source: Path) -> None:
        """Move in a file made elsewhere (by the background pass), if it differs."""
        self.write_bytes(path, source.read_bytes())

    def remove(self, path: str) -> None:
        clean = site_file(path)
        self._moves.pop(clean, None)
        self._removals.add(clean)

    def commit(self) -> None:
        changed = set()
        for clean, staged in self._moves.items():
            target = self.root / clean
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
            changed.add(clean)
        for clean in self._removals:
            target = self.root / clean
            if target.is_file():
                target.unlink()
                changed.add(clean)
                _prune(target.parent, self.root)
        self.changed = sorted(changed)
        self.discard()

    def discard(self) -> None:
        if self._stage is not None:
            shutil.rmtree(self._stage, ignore_errors=True)
            self._stage = None
        self._moves.clear()


def _prune(folder: Path, root: Path) -> None:
    """Remove folders left empty, up to ``root`` (a full build would not have them)."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def leftover_stages(root: Path) -> list[Path]:
    """Staging folders of this output that an interrupted process left behind."""
    return sorted(root.parent.glob(f".{root.name}{STAGE_PREFIX}*"))
