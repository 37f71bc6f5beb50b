"""``site-builder serve``: serve ``output/``, rebuild on change, reload the browser.

One asyncio loop (tornado's) does everything in turn: it answers requests, takes the
changes ``Watch`` gathered, rebuilds (``Preview``), starts and collects the background
pass, and tells the browsers what changed over the ``livereload`` package's websocket
(``/livereload``, with its client ``/livereload.js``). Pages are served as written, with
the live-reload client and, while a rebuild fails, the error overlay added on the way
out (``overlay``). Ctrl-C (or SIGTERM) stops the watcher and the background pass and
removes every temporary folder before the command returns.
"""

from __future__ import annotations

import asyncio
import errno
import mimetypes
import shutil
import signal
import socket
import sys
import threading
import traceback
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, HTTPError, RequestHandler

from site_builder.errors import UserError
from site_builder.ingest.pipeline import IngestResult
from site_builder.serve.background import Background
from site_builder.serve.changes import Changes, Outcome, Project
from site_builder.serve.output import leftover_stages
from site_builder.serve.overlay import inject, snippet
from site_builder.serve.preview import Preview
from site_builder.serve.watch import QUIET_SECONDS, Watch

TICK_SECONDS = 0.02
"""How often the loop looks for gathered changes and a finished background pass."""
BACKGROUND_DELAY_SECONDS = 1.0
"""The background pass starts once no file has changed for this long."""
NOT_FOUND = "404.html"
_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8"}


def _content_type(path: Path) -> str:
    known = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
    return known or "application/octet-stream"


class SiteHandler(RequestHandler):
    """Files under ``output/``; HTML pages get the live-reload client (and the overlay)."""

    def initialize(self, root: Path, markup: Callable[[], str]) -> None:
        self.root = root
        self.markup = markup

    def compute_etag(self) -> None:
        return None  # pages change under the same URL: never let the browser reuse one

    def _file(self, path: str) -> Path | None:
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if ".." in parts or any("\\" in p or "\0" in p for p in parts):
            return None
        target = self.root.joinpath(*parts)
        if target.is_dir():
            if path and not path.endswith("/"):
                self.redirect(f"/{path}/", permanent=False)
                return None
            target = target / "index.html"
        return target if target.is_file() else None

    def get(self, path: str) -> None:
        target = self._file(path)
        if self._finished:  # redirected to the folder's own URL
            return
        status = 200
        if target is None:
            status, target = 404, self.root / NOT_FOUND
            if not target.is_file():
                raise HTTPError(404)
        data = target.read_bytes()
        if target.suffix == ".html":
            data = inject(data, self.markup())
        self.set_status(status)
        self.set_header("Content-Type", _content_type(target))
        self.set_header("Cache-Control", "no-store")
        self.write(data)

    def head(self, path: str) -> None:
        self.get(path)  # tornado sends the headers of a HEAD response without the body


def notify(path: str) -> None:
    """Tell every connected browser: reload (livereload reloads only a changed stylesheet
    in place when ``path`` is one, the whole page otherwise)."""
    message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
    for waiter in list(LiveReloadHandler.waiters):
        try:
            waiter.write_message(message)
        except Exception:  # a browser that went away: forget it
            LiveReloadHandler.waiters.discard(waiter)


def bind(host: str, port: int) -> list[socket.socket]:
    """Listening sockets, or a ``UserError`` that says what to do (port in use...)."""
    where = f"{host}:{port}"
    try:
        return bind_sockets(port, address=host)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UserError(
                where,
                "this port is already in use (another preview or server is running)",
                f"stop that program, or choose another port: --port {port + 1}",
            ) from None
        if error.errno == errno.EACCES:
            raise UserError(
                where, "not allowed to listen on this port", "use a port above 1023"
            ) from None
        raise UserError(
            where,
            f"cannot listen here: {error.strerror}",
            "check --host (the default 127.0.0.1 is this computer only)",
        ) from None


class LocalServer:
    """A tornado server on sockets of this machine, stopped from any thread: what the
    preview and the review page share."""

    def __init__(self, host: str, port: int, out: TextIO) -> None:
        self.host = host
        self.out = out
        self.sockets = bind(host, port)
        self.port = int(self.sockets[0].getsockname()[1])
        self.ready = threading.Event()
        """Set once requests are answered."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def stop(self) -> None:
        """Ask the server to stop (from any thread)."""
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)

    def _listen(
        self, application: Application, banner: str, open_browser: bool
    ) -> tuple[HTTPServer, asyncio.Event]:
        """Start answering (inside the running loop); the event is set by ``stop()``."""
        self._loop = asyncio.get_running_loop()
        stop = self._stop = asyncio.Event()
        server = HTTPServer(application)
        server.add_sockets(self.sockets)
        self.say(banner)
        self.ready.set()
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(self.url,), daemon=True).start()
        return server, stop


class PreviewServer(LocalServer):
    """The preview of one project on one address."""

    def __init__(
        self,
        project: Project,
        host: str = "127.0.0.1",
        port: int = 8000,
        out: TextIO = sys.stdout,
        quiet: float = QUIET_SECONDS,
        routes: list[Any] | None = None,
    ) -> None:
        project.check()
        super().__init__(host, port, out)
        self.project = project
        self.routes = routes or []
        """More pages served beside the site (the review, at ``/_review/``), each a
        tornado URL rule; they come before the site's files."""
        self.preview = Preview(project)
        self.background = Background(project.output)
        self.watch = Watch(project, quiet)
        self._shown: list[str] = []

    def run(self, open_browser: bool = False) -> None:
        """Ingest and build, then serve until ``stop()``, Ctrl-C or SIGTERM; always cleans
        up (the build runs before the loop, so that one Ctrl-C stops it too)."""
        main_thread = threading.current_thread() is threading.main_thread()
        if main_thread:  # SIGTERM stops as Ctrl-C does, cleaning up on the way out
            previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            self._report_ingest(self.preview.ingest())
            self.watch.start()  # before the build: edits made during it are not lost
            if self.watch.polling:
                self.say("warning: no file events from the system; scanning every second")
            for folder in self.watch.missing:
                self.say(f"warning: {folder}/ does not exist; it is not watched")
            self.say("building the site...")
            self._report("build", self.preview.start())
            asyncio.run(self._main(open_browser))
        except KeyboardInterrupt:
            pass
        finally:
            self._cleanup()
            if main_thread:
                signal.signal(signal.SIGTERM, previous)
        self.say("stopped")

    async def _main(self, open_browser: bool) -> None:
        banner = f"Serving {self.project.output}/ on {self.url} (Ctrl-C to stop)"
        server, stop = self._listen(self._application(), banner, open_browser)
        try:
            while not stop.is_set():
                self._tick()
                await asyncio.sleep(TICK_SECONDS)
        finally:
            server.stop()
            for waiter in list(LiveReloadHandler.waiters):
                waiter.close()
            await server.close_all_connections()

    def _application(self) -> Application:
        def markup() -> str:
            return snippet(self.port, self.preview.errors)

        return Application(
            [
                (r"/livereload", LiveReloadHandler),
                (r"/livereload\.js", LiveReloadJSHandler),
                *self.routes,
                (r"/(.*)", SiteHandler, {"root": self.preview.output, "markup": markup}),
            ],
            log_function=lambda handler: None,  # no line per request
        )

    def _tick(self) -> None:
        try:
            changes = self.watch.take()
            if changes is not None:
                if changes.seeds:
                    self._report_ingest(self.preview.ingest())
                if changes.content or changes.relist or changes.templates or changes.static:
                    self._report(_describe(changes), self.preview.update(changes))
            # The pass restarts with every edit: wait until the editing pauses.
            job = None
            if self.watch.quiet_for() >= BACKGROUND_DELAY_SECONDS:
                job = self.preview.background_job()
            if job is not None:
                self.background.start(job)
            result = self.background.poll()
            if result is not None:
                outcome = self.preview.apply_background(result)
                if outcome is not None:
                    self._report("tags, places and search", outcome)
        except Exception:  # a bug must not stop the preview: show it, keep serving
            self.say("internal error (please report it):\n" + traceback.format_exc())

    def _report(self, what: str, outcome: Outcome) -> None:
        for note in outcome.notes:
            self.say(note)
        if outcome.errors:
            for error in outcome.errors:
                self.say(f"error: {error}")
            self.say(f"{what}: failed; the last good pages stay served")
        elif outcome.changed:
            self.say(f"{what}: {len(outcome.changed)} files in {outcome.seconds:.2f} s")
        if self._overlay_changed():
            return
        styles = [p for p in outcome.changed if p.endswith(".css")]
        for path in styles if len(styles) == len(outcome.changed) else outcome.changed[:1]:
            notify("/" + path)

    def _overlay_changed(self) -> bool:
        """Reload the browsers when the errors to show changed (the overlay comes or goes)."""
        shown = [str(e) for e in self.preview.errors]
        if shown == self._shown:
            return False
        self._shown = shown
        notify("/")
        return True

    def _report_ingest(self, result: IngestResult) -> None:
        for page in result.pages:
            if page.error is not None:
                self.say(f"error: {page.error}")
            elif page.summary is not None:
                counts = page.summary.counts()
                done = {k: n for k, n in counts.items() if n and k != "unchanged"}
                if done:
                    self.say(f"{page.source}: " + ", ".join(f"{n} {k}" for k, n in done.items()))
        for error in self.preview.ingest_errors if not result.pages else ():
            self.say(f"error: {error}")  # the seeds folder itself
        self._overlay_changed()

    def _cleanup(self) -> None:
        self.watch.stop()
        self.background.cancel()
        for stage in leftover_stages(self.preview.output):
            shutil.rmtree(stage, ignore_errors=True)
        for sock in self.sockets:
            sock.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _describe(changes: Changes) -> str:
    """A few of the changed files, for the terminal."""
    named = sorted(p.name for p in changes.content) + sorted(changes.templates)
    if changes.static:
        named.append("static/")
    if changes.relist:
        named.append("content/")
    shown = ", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
    return shown or "change"
