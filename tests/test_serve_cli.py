"""``site-builder serve`` as a user runs it: in its own process, stopped with Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from serve_project import edit, make_project

from site_builder.cli import main

START_SECONDS = 120.0
STOP_SECONDS = 30.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (read from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _default_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return state != "Z"


class Lines:
    """The output of a process, read on a thread so that waiting for a line is bounded."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        stream = process.stdout
        threading.Thread(target=lambda: [self._queue.put(x) for x in stream], daemon=True).start()

    def wait_for(self, text: str, seconds: float) -> str:
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"no line with {text!r} in:\n" + "".join(self.seen)
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line

    def drain(self, seconds: float) -> None:
        """Keep what the process still prints until its output ends (or ``seconds``)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                self.seen.append(self._queue.get(timeout=min(left, 1.0)))
            except queue.Empty:
                return


def test_ctrl_c_stops_the_preview_and_leaves_nothing_behind(tmp_path: Path) -> None:
    make_project(tmp_path)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as in a terminal
        # and with Ctrl-C's default action, as in a terminal: a shell starts background
        # jobs (a CI script run with `&`) with SIGINT ignored, which children inherit.
        preexec_fn=_default_ctrl_c,
        # A server that hangs is aborted below; the fault handler then prints where
        # each of its threads stood, which the failure shows.
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    lines = Lines(process)
    try:
        lines.wait_for(f"on http://127.0.0.1:{port}/", START_SECONDS)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert "livereload.js" in response.read().decode("utf-8")
        # An edit starts a background pass: Ctrl-C must stop that process too.
        edit(tmp_path / "content" / "gaoyuan_20250105_01" / "xinchun-wenhua.md", "新春", "新年")
        lines.wait_for("xinchun-wenhua.md:", STOP_SECONDS)
        deadline = time.monotonic() + STOP_SECONDS
        while not (workers := _children(process.pid)):
            assert time.monotonic() < deadline, "no background pass started"
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
        assert _wait(process, lines) == 0
        lines.wait_for("stopped", STOP_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    # The pass and multiprocessing's resource tracker go with the server (the tracker
    # notices a moment later).
    deadline = time.monotonic() + STOP_SECONDS
    while [pid for pid in workers if _alive(pid)]:
        assert time.monotonic() < deadline, "a background process outlived the server"
        time.sleep(0.05)
    assert not any("Traceback" in line for line in lines.seen), "".join(lines.seen)
    folders = [".cache", "content", "output", "seeds", "templates"]
    assert sorted(p.name for p in tmp_path.iterdir()) == folders
    assert (tmp_path / ".cache" / "site-builder" / "cache.sqlite").is_file()  # as build's


def _wait(process: subprocess.Popen[str], lines: Lines) -> int:
    """The exit code of a process told to stop; one that does not is aborted, and the
    failure shows its output with the stacks the fault handler printed."""
    try:
        return process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        process.wait(STOP_SECONDS)
        lines.drain(STOP_SECONDS)
        raise AssertionError("did not stop:\n" + "".join(lines.seen)) from None


def test_port_in_use_exits_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--port", str(port), "--content", str(tmp_path / "content")])
    assert code == 1
    err = capsys.readouterr().err
    assert f"error: 127.0.0.1:{port}: this port is already in use" in err
    assert f"--port {port + 1}" in err
    assert "Traceback" not in err


def test_output_inside_a_watched_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path)
    content = tmp_path / "content"
    code = main(["serve", "--content", str(content), "--output", str(content / "site")])
    assert code == 1
    err = capsys.readouterr().err
    assert "the site folder is inside" in err
    assert "hint: choose an output folder outside" in err
    assert not (content / "site").exists()


def test_cache_inside_a_watched_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path)
    content, cache = tmp_path / "content", tmp_path / "templates" / "cache"
    folders = ["--content", str(content), "--templates", str(tmp_path / "templates")]
    code = main(["serve", *folders, "--output", str(tmp_path / "site"), "--cache", str(cache)])
    assert code == 1
    err = capsys.readouterr().err
    assert f"error: {cache}: the cache folder is inside" in err
    assert "hint: choose a cache folder outside" in err
    assert not cache.exists()
