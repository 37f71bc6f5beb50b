"""``site-builder review``: the review page of the page dumps in ``seeds/``, on 127.0.0.1.

Tornado answers, as the live preview does (``serve/server.py``): the page shell and its
script and stylesheet (shipped in the package, nothing from the internet), the page's data
as JSON (``GET /api/<page-id>``) and the actions (``POST /api/<page-id>/<action>``), each
answered with the page segmented anew. Actions take JSON only: a browser does not send
JSON to another site's server without asking first, so no other page can write fixes.
"""

from __future__ import annotations

import asyncio
import html
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from tornado.web import Application, HTTPError, RequestHandler

from site_builder.errors import UserError
from site_builder.ingest.pipeline import seed_files
from site_builder.review.session import ReviewSession
from site_builder.review.view import state
from site_builder.serve.server import LocalServer

_STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
_SHELL = """<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/review.css">
</head>
<body data-page="{page}">
<noscript>The review page needs JavaScript. / 审校页面需要启用 JavaScript。</noscript>
<script src="/static/review.js"></script>
</body>
</html>
"""


class Pages:
    """The page dumps under review, each opened the first time it is asked for."""

    def __init__(self, seeds: Path) -> None:
        self.seeds = seeds
        self.sessions: dict[str, ReviewSession] = {}

    def dumps(self) -> dict[str, Path]:
        return {path.stem: path for path in seed_files(self.seeds)}

    def session(self, page_id: str) -> ReviewSession:
        if page_id not in self.sessions:
            dump = self.dumps().get(page_id)
            if dump is None:
                raise HTTPError(404)
            self.sessions[page_id] = ReviewSession.open(dump)
        return self.sessions[page_id]


class _Handler(RequestHandler):
    def initialize(self, pages: Pages, first: str | None) -> None:
        self.pages = pages
        self.first = first

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Content-Security-Policy", "default-src 'self'")

    def send_json(self, data: dict[str, Any], status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.write(json.dumps(data, ensure_ascii=False))


class IndexHandler(_Handler):
    """The page given on the command line, or the list of every page dump."""

    def get(self) -> None:
        if self.first is not None:
            english = self.get_argument("lang", "") == "en"
            self.redirect(f"/page/{self.first}" + ("?lang=en" if english else ""))
            return
        names = [html.escape(page_id, quote=True) for page_id in self.pages.dumps()]
        items = "".join(f'<li><a href="/page/{name}">{name}</a></li>' for name in names)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.write(
            '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
            '<title>审校 Review</title><link rel="stylesheet" href="/static/review.css"></head>'
            f'<body><h1>审校 · Review</h1><ul class="pages">{items}</ul></body></html>'
        )


class PageHandler(_Handler):
    def get(self, page_id: str) -> None:
        self.pages.session(page_id)  # 404 for a page that is not there
        self.set_header("Content-Type", "text/html; charset=utf-8")
        quoted = html.escape(page_id, quote=True)
        self.write(_SHELL.format(title=f"审校 Review · {quoted}", page=quoted))


class StaticHandler(_Handler):
    def get(self, name: str) -> None:
        if name not in _STATIC:
            raise HTTPError(404)
        self.set_header("Content-Type", _STATIC[name])
        self.write(resources.files("site_builder.review").joinpath("static", name).read_bytes())


class ApiHandler(_Handler):
    """The page's data; an action, then the page's data again."""

    def get(self, page_id: str) -> None:
        session = self.pages.session(page_id)
        self.send_json(state(session, session.segment()))

    def post(self, page_id: str, action: str) -> None:
        if not self.request.headers.get("Content-Type", "").startswith("application/json"):
            raise HTTPError(415)
        session = self.pages.session(page_id)
        try:
            values = json.loads(self.request.body or b"{}")
            if not isinstance(values, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            raise HTTPError(400) from exc
        try:
            session.act(action, values)
        except UserError as error:
            self.send_json({"message": str(error)}, status=400)
            return
        self.send_json(state(session, session.segment()))


class ReviewServer(LocalServer):
    """The review of the page dumps in one seeds folder, on one address."""

    def __init__(
        self,
        seeds: Path,
        page: str | None = None,
        host: str = "127.0.0.1",
        port: int = 8001,
        out: TextIO = sys.stdout,
    ) -> None:
        self.pages = Pages(seeds)
        if page is not None and page not in self.pages.dumps():
            raise UserError(
                str(seeds),
                f"no page dump {page!r} in this folder",
                "Name a dump in the seeds folder, e.g. seeds/NAME.txt, or its NAME.",
            )
        if page is not None:
            # An unreadable dump is said now, not in the browser; and the first segmenting
            # (which loads the dictionaries) is done before the page is served.
            self.pages.session(page).segment()
        self.first = page
        super().__init__(host, port, out)

    def application(self) -> Application:
        args = {"pages": self.pages, "first": self.first}
        return Application(
            [
                (r"/", IndexHandler, args),
                (r"/page/([^/]+)", PageHandler, args),
                (r"/static/([\w.]+)", StaticHandler, args),
                (r"/api/([^/]+)", ApiHandler, args),
                (r"/api/([^/]+)/(\w+)", ApiHandler, args),
            ],
            log_function=lambda handler: None,
        )

    def run(self, open_browser: bool = False) -> None:
        """Serve until ``stop()`` or Ctrl-C."""
        try:
            asyncio.run(self._main(open_browser))
        except KeyboardInterrupt:
            pass
        finally:
            for sock in self.sockets:
                sock.close()
        self.say("stopped")

    async def _main(self, open_browser: bool) -> None:
        banner = f"Review on {self.url} (Ctrl-C to stop)"
        server, stop = self._listen(self.application(), banner, open_browser)
        try:
            await stop.wait()
        finally:
            server.stop()
            await server.close_all_connections()
