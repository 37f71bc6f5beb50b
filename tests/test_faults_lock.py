"""Issue 15: one writer per folder. A second run stops at once with a message naming the
first (pid, command); a lock left by a killed run is taken over; two cold builds started
together never crash."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.errors import UserError
from site_builder.lock import holding, lock_path
from tests.test_cli import PAGE, ROOT

HOLD = (
    "import sys; from pathlib import Path; from site_builder.lock import holding\n"
    "with holding(Path(sys.argv[1]), 'build'):\n"
    "    print('held', flush=True); sys.stdin.read()\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "p1.txt").write_text(PAGE, encoding="utf-8")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def held(project: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock on ``output/`` until its stdin closes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(project / "output")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield holder
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0


def test_second_holder_is_refused_with_the_first_ones_pid(tmp_path: Path) -> None:
    with (
        holding(tmp_path / "output", "build"),
        pytest.raises(UserError) as refused,
        holding(tmp_path / "output", "serve"),
    ):
        pass
    text = str(refused.value)
    assert f"pid {os.getpid()}, build" in text and "this run changed nothing" in text
    assert not lock_path(tmp_path / "output").exists()


def test_lock_of_a_killed_run_is_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "output"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert f"pid {holder.pid}," in lock_path(folder).read_text()  # left behind
    with holding(folder, "build"):
        assert f"pid {os.getpid()}, build" in lock_path(folder).read_text()


def test_build_while_another_holds_the_output_changes_nothing(
    project: Path, held: subprocess.Popen[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert f"another site-builder is writing output/ (pid {held.pid}, build" in err
    assert not (project / "content").exists() and not (project / "output").exists()


def test_ingest_and_serve_take_the_content_lock(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with holding(project / "content", "ingest"):
        assert main(["ingest"]) == 1
        assert main(["serve", "--port", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count(f"(pid {os.getpid()}, ingest") == 2
    assert not (project / "content").exists()


def test_two_cold_builds_at_once_never_crash(project: Path) -> None:
    command = [sys.executable, "-m", "site_builder", "build", "--jobs", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(command, cwd=project, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(run.wait(timeout=300), run.communicate()[1]) for run in runs]
    assert all("Traceback" not in err for _, err in results)
    assert sorted(code for code, _ in results)[0] == 0
    for code, err in results:
        assert code == 0 or "another site-builder is writing" in err
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == [".cache"]
    assert (project / "output" / "index.html").is_file()
