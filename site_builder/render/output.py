"""Writing the site: into a fresh folder next to ``output/``, swapped in only on success.

A failed build removes its own folder and leaves the previous ``output/`` untouched.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def site_file(path: str) -> str:
    """``path`` normalised; ValueError if it would leave the site folder."""
    clean = posixpath.normpath(path)
    # Paths come from Urls, which sanitises content; this is the last line of defence.
    if path.startswith("/") or clean.startswith("..") or "\\" in path or "\0" in path:
        raise ValueError(f"refusing to write outside the site folder: {path!r}")
    return clean


class SiteFolder:
    """A folder being filled with site files; refuses any path that would leave it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[str] = set()

    def _target(self, path: str) -> Path:
        clean = site_file(path)
        if clean in self.written:
            raise ValueError(f"two pages want the same file: {clean!r}")
        self.written.add(clean)
        target = self.root / clean
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_text(self, path: str, text: str) -> None:
        # Encoded here, never through a text-mode file: "\n" on every platform.
        self.write_bytes(path, text.encode("utf-8"))

    def write_bytes(self, path: str, data: bytes) -> None:
        self._target(path).write_bytes(data)

    def copy_tree(self, source: Path, into: str) -> None:
        """Copy every non-hidden file under ``source`` into ``into/`` (sorted, for logs)."""
        for file in sorted(source.rglob("*")):
            relative = file.relative_to(source)
            if file.is_file() and not any(p.startswith(".") for p in relative.parts):
                self.write_bytes(f"{into}/{relative.as_posix()}", file.read_bytes())


@contextmanager
def staged(output_dir: Path) -> Iterator[SiteFolder]:
    """A ``SiteFolder`` that replaces ``output_dir`` when the block ends without error."""
    output_dir = output_dir.absolute()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.new-", dir=output_dir.parent))
    try:
        yield SiteFolder(stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    # mkdtemp makes a 0700 folder; a published site must be readable by a web server.
    os.chmod(stage, 0o755)
    old = output_dir.with_name(f".{output_dir.name}.old-{stage.name.rsplit('-', 1)[-1]}")
    had_output = output_dir.exists()
    if had_output:
        output_dir.rename(old)
    try:
        stage.rename(output_dir)
    except OSError:
        # Put the previous site back rather than leave no site at all.
        if had_output:
            old.rename(output_dir)
        shutil.rmtree(stage, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
