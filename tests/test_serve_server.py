"""The preview server on a free port: pages with the live-reload client, reload messages
over the livereload websocket after each kind of edit, the error overlay, port errors.
Every wait is bounded; the server, its watcher and its background pass are stopped."""

from __future__ import annotations

import io
import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import websocket
from livereload.handlers import LiveReloadHandler
from serve_project import edit, make_project
from site_fixture import ROOT

from site_builder.errors import UserError
from site_builder.serve.changes import Project
from site_builder.serve.output import leftover_stages
from site_builder.serve.overlay import OVERLAY_ID
from site_builder.serve.server import PreviewServer

START_SECONDS = 120.0
WAIT_SECONDS = 30.0
ARTICLE = "a/gaoyuan_20250105_01/xinchun-wenhua/"
SOURCE = "gaoyuan_20250105_01/xinchun-wenhua.md"


@dataclass
class Running:
    server: PreviewServer
    project: Project
    log: io.StringIO
    browser: websocket.WebSocket

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.server.url + path, timeout=WAIT_SECONDS) as response:
            return str(response.read().decode("utf-8"))

    def message(self, path: str | None = None) -> dict[str, Any]:
        """The next live-reload message (about ``path`` if given; a background pass may
        send others in between); fails after ``WAIT_SECONDS``."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            self.browser.settimeout(max(0.1, deadline - time.monotonic()))
            found: dict[str, Any] = json.loads(self.browser.recv())
            if path is None or found["path"] == path:
                return found

    def rebuilds(self) -> list[str]:
        lines = self.log.getvalue().splitlines()
        return [line for line in lines if " files in " in line and not line.startswith("tags,")]


def _connect(url: str) -> websocket.WebSocket:
    """A livereload client: the handshake livereload.js makes, then it is a waiter."""
    ws = websocket.create_connection(url.replace("http", "ws") + "livereload", timeout=10)
    ws.send(
        json.dumps(
            {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
        )
    )
    assert json.loads(ws.recv())["command"] == "hello"
    ws.send(json.dumps({"command": "info", "url": url, "plugins": {}}))
    deadline = time.monotonic() + WAIT_SECONDS
    while not LiveReloadHandler.waiters:
        assert time.monotonic() < deadline, "the server never took the browser in"
        time.sleep(0.02)
    return ws


def _settled(log: io.StringIO) -> None:
    """Wait for the first background pass (the search page and index) to be applied."""
    deadline = time.monotonic() + START_SECONDS
    while "tags, places and search" not in log.getvalue():
        assert time.monotonic() < deadline, log.getvalue()
        time.sleep(0.05)


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    project = make_project(tmp_path)
    log = io.StringIO()
    server = PreviewServer(project, "127.0.0.1", 0, out=log, quiet=0.05)
    thread = threading.Thread(target=server.run, name="preview", daemon=True)
    thread.start()
    try:
        assert server.ready.wait(START_SECONDS), log.getvalue()
        _settled(log)
        browser = _connect(server.url)
        try:
            yield Running(server, project, log, browser)
        finally:
            browser.close()
    finally:
        server.stop()
        thread.join(WAIT_SECONDS)
    assert not thread.is_alive()
    assert not server.background.running
    assert leftover_stages(project.output) == []
    assert "stopped" in log.getvalue()


def test_edits_reach_the_browser(running: Running) -> None:
    project = running.project
    page = running.get(ARTICLE)
    assert "livereload.js" in page
    written = (project.output / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert "livereload" not in written, "the client belongs to served pages only"

    edit(project.content / SOURCE, "新春文化活动", "新春游园会")
    assert running.message()["command"] == "reload"
    assert "新春游园会" in running.get(ARTICLE)

    edit(project.templates / "article.html", "{% block content %}", "{% block content %}<b>T</b>")
    assert running.message()["command"] == "reload"
    assert "<b>T</b>" in running.get(ARTICLE)

    (project.templates / "static" / "site.css").write_text("body{}\n", encoding="utf-8")
    message = running.message("/static/site.css")
    assert message["liveCSS"] is True  # livereload.js swaps the stylesheet in place


def test_quick_saves_make_one_rebuild(running: Running) -> None:
    before = len(running.rebuilds())
    folder = running.project.content / "gaoyuan_20250105_01"
    for name in ("xinchun-wenhua.md", "mu-min-zhao-pian.md", "escape-test.md"):
        edit(folder / name, "title: ", "title: 新")
    assert running.message()["command"] == "reload"
    time.sleep(0.5)  # longer than the quiet period: a second rebuild would have started
    rebuilds = running.rebuilds()[before:]
    assert len(rebuilds) == 1, rebuilds
    assert "xinchun-wenhua.md" in rebuilds[0]


def test_broken_file_shows_an_overlay_and_the_server_recovers(running: Running) -> None:
    project = running.project
    good = running.get(ARTICLE)
    edit(project.content / SOURCE, "kind: news", "kind: poem")
    assert running.message()["command"] == "reload"
    page = running.get(ARTICLE)
    assert OVERLAY_ID in page
    data = page.split(f'id="{OVERLAY_ID}-data">', 1)[1].split("</script>", 1)[0]
    (error,) = json.loads(data)
    assert error["file"] == f"content/{SOURCE}"
    assert error["line"] == 6
    assert "poem" in error["message"]
    assert page.replace(page[page.find("<script") : page.find("</head>")], "") == good.replace(
        good[good.find("<script") : good.find("</head>")], ""
    ), "the last good page stays served under the overlay"
    assert "error: content/" in running.log.getvalue()

    edit(project.content / SOURCE, "kind: poem", "kind: news")
    assert running.message()["command"] == "reload"
    assert OVERLAY_ID not in running.get(ARTICLE)


def test_missing_page_gets_the_sites_404(running: Running) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        running.get("no/such/page/")
    assert caught.value.code == 404
    assert "livereload.js" in caught.value.read().decode("utf-8")


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UserError) as caught:
            PreviewServer(make_project(tmp_path), "127.0.0.1", port)
    assert caught.value.file == f"127.0.0.1:{port}"
    assert "already in use" in caught.value.message
    assert f"--port {port + 1}" in caught.value.hint


def test_new_seed_is_ingested_then_its_articles_built(running: Running) -> None:
    seed = ROOT / "seeds" / "000_795548b3bfa96e7c.txt"
    shutil.copyfile(seed, running.project.seeds / seed.name)
    folder = running.project.content / seed.stem
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        articles = sorted(folder.glob("*.md")) if folder.is_dir() else []
        pages = [running.project.output / "a" / seed.stem / a.stem / "index.html" for a in articles]
        if articles and all(page.is_file() for page in pages):
            break
        assert time.monotonic() < deadline, running.log.getvalue()
        time.sleep(0.05)
    assert articles[0].stem in running.get(f"pages/{seed.stem}/")
    assert f"seeds/{seed.name}: {len(articles)} new" in running.log.getvalue()
