"""Issue 15: the command line on a disk that is full or read-only. Each case ends in one
message and exit code 1 (or, when only the cache cannot be written, a note), never a
traceback; the previous output and content are intact and nothing temporary is left.

The disk is a 2 MB tmpfs where this machine lets the tests mount one (as root, as CI
runs); elsewhere the same cases run with every write under that folder failing, injected
at the write calls (``tests.faults``)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.cache.store import FILE_NAME, Cache
from site_builder.cli import main
from tests.faults import Faults
from tests.test_cli import PAGE, ROOT

FILLER = "filler"


@dataclass(slots=True)
class Disk:
    root: Path
    mounted: bool
    monkeypatch: pytest.MonkeyPatch

    def fill(self, leave: int = 0, code: int = errno.ENOSPC) -> None:
        """Leave about ``leave`` bytes free (injected: no write succeeds)."""
        if not self.mounted:
            Faults(self.root, code, fail_at=1, every=True).install(self.monkeypatch)
            return
        if code == errno.EROFS:
            subprocess.run(["mount", "-o", "remount,ro", str(self.root)], check=True)
            return
        info = os.statvfs(self.root)
        with open(self.root / FILLER, "wb") as filler:
            filler.write(b"\0" * max(0, info.f_bavail * info.f_frsize - leave))

    def free(self) -> None:
        if self.mounted:
            (self.root / FILLER).unlink()
        else:
            self.monkeypatch.undo()

    def left(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir() if p.name != FILLER)


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    root = tmp_path / "disk"
    root.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(root)]
    mounted = subprocess.run(mount, capture_output=True).returncode == 0
    yield Disk(root, mounted, monkeypatch)
    if mounted:
        subprocess.run(["umount", str(root)], check=True)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "p1.txt").write_text(PAGE, encoding="utf-8")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def edit(project: Path) -> None:
    article = sorted((project / "content" / "p1").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n\n又一段。\n", encoding="utf-8")


def test_first_build_on_a_full_disk(
    project: Path, disk: Disk, capsys: pytest.CaptureFixture[str]
) -> None:
    disk.fill(leave=100_000)
    assert main(["build", "--output", str(disk.root / "output")]) == 1
    err = capsys.readouterr().err
    assert "could not write the site: the disk is full" in err
    assert "Free some space on that disk" in err and "Traceback" not in err
    assert disk.left() == []  # no output, no stage, no lock


def test_full_disk_keeps_the_previous_output(
    project: Path, disk: Disk, capsys: pytest.CaptureFixture[str]
) -> None:
    output = disk.root / "output"
    assert main(["build", "--output", str(output)]) == 0
    before = snapshot(output)
    edit(project)
    disk.fill(leave=8192)
    assert main(["build", "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert "output/ is as the last build left it" in err and "left as it was" in err
    assert snapshot(output) == before
    assert disk.left() == ["output"]


def test_full_disk_never_discards_a_good_cache(
    project: Path, disk: Disk, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = disk.root / "cache"
    assert main(["build", "--cache", str(cache)]) == 0
    with Cache(cache) as opened:
        entries = len(opened.keys("body"))
    edit(project)
    disk.fill()
    assert main(["build", "--cache", str(cache)]) == 0
    err = capsys.readouterr().err
    assert "cache cannot be written" in err and "Traceback" not in err
    disk.free()
    assert not (cache / f"{FILE_NAME}.corrupt").exists()
    with Cache(cache) as opened:
        assert opened.notes == [] and len(opened.keys("body")) >= entries > 0


def test_new_cache_on_a_full_disk(
    project: Path, disk: Disk, capsys: pytest.CaptureFixture[str]
) -> None:
    disk.fill()
    assert main(["build", "--cache", str(disk.root / "cache")]) == 0
    err = capsys.readouterr().err
    assert "cache cannot be written" in err and "in memory only" in err
    assert (project / "output" / "index.html").is_file()
    assert not (disk.root / "cache" / f"{FILE_NAME}.corrupt").exists()
    assert not (disk.root / "cache" / FILE_NAME).exists()


def test_ingest_on_a_full_disk_leaves_no_half_file(
    project: Path, disk: Disk, capsys: pytest.CaptureFixture[str]
) -> None:
    disk.fill(leave=1024)
    assert main(["ingest", "--content", str(disk.root / "content")]) == 1
    captured = capsys.readouterr()
    assert "could not write this file: the disk is full" in captured.err
    assert "Traceback" not in captured.out + captured.err
    folder = disk.root / "content" / "p1"
    assert [p.name for p in folder.rglob(".*")] == []  # no temporary file left
    for article in folder.glob("*.md"):
        assert article.read_text(encoding="utf-8").startswith("---\n")  # whole files only


def test_read_only_disk(project: Path, disk: Disk, capsys: pytest.CaptureFixture[str]) -> None:
    output = disk.root / "output"
    assert main(["build", "--output", str(output)]) == 0
    before = snapshot(output)
    edit(project)
    disk.fill(code=errno.EROFS)
    assert main(["build", "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert "the file system is read-only" in err and "Traceback" not in err
    assert snapshot(output) == before
