"""``site-builder review``: the review page of the page dumps in ``seeds/``, on 127.0.0.1.

Tornado answers, as the live preview does (``serve/server.py``): the page shell and its
script and stylesheet (shipped in the package, nothing from the internet), the page's data
as JSON (``GET api/<page-id>``) and the actions (``POST api/<page-id>/<action>``), each
answered with the page segmented anew. Actions take JSON only: a browser does not send
JSON to another site's server without asking first, so no other page can write fixes; and
a request must name this computer by address or as localhost, so that a web page whose
domain is made to point here (DNS rebinding) cannot either.

``review_routes`` are the same pages under any base path: ``/`` on their own server
(``ReviewServer``), ``/_review/`` inside the live preview (``serve``), where the preview's
watcher re-ingests the page after each change of its fixes file and reloads the browsers.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from tornado.web import Application, HTTPError, RequestHandler

from site_builder.errors import UserError
from site_builder.ingest.pipeline import seed_files
from site_builder.review.session import ReviewSession
from site_builder.review.view import state
from site_builder.serve.server import LocalServer

REVIEW_BASE = "/_review/"
"""Where the live preview (``serve``) serves the review pages."""
_STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
_SHELL = """<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{base}static/review.css">
</head>
<body data-page="{page}" data-base="{base}">
<noscript>The review page needs JavaScript. / 审校页面需要启用 JavaScript。</noscript>
<script src="{base}static/review.js"></script>
</body>
</html>
"""


class Pages:
    """The page dumps under review, each opened the first time it is asked for."""

    def __init__(self, seeds: Path) -> None:
        self.seeds = seeds
        self.sessions: dict[str, ReviewSession] = {}

    def dumps(self) -> dict[str, Path]:
        if not self.seeds.is_dir():  # the preview says so when it starts
            return {}
        return {path.stem: path for path in seed_files(self.seeds)}

    def session(self, page_id: str) -> ReviewSession:
        """The page's review, opened anew when its dump or fixes file changed on disk
        since (an edit by hand while the review was open wins)."""
        held = self.sessions.get(page_id)
        if held is None or held.stale():
            dump = self.dumps().get(page_id)
            if dump is None:
                raise HTTPError(404)
            self.sessions[page_id] = ReviewSession.open(dump)
        return self.sessions[page_id]


def local_host(host: str) -> bool:
    """A Host header that names this computer: an address, or localhost."""
    try:
        name = urlsplit(f"//{host}").hostname
    except ValueError:
        return False
    if name is None:
        return False
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class _Handler(RequestHandler):
    def initialize(self, pages: Pages, first: str | None, base: str) -> None:
        self.pages = pages
        self.first = first
        self.base = base

    def prepare(self) -> None:
        if not local_host(self.request.host):
            raise HTTPError(403)

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
            self.redirect(f"{self.base}page/{self.first}" + ("?lang=en" if english else ""))
            return
        names = [html.escape(page_id, quote=True) for page_id in self.pages.dumps()]
        items = "".join(f'<li><a href="{self.base}page/{name}">{name}</a></li>' for name in names)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.write(
            '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
            f'<title>审校 Review</title><link rel="stylesheet" href="{self.base}static/review.css">'
            f'</head><body><h1>审校 · Review</h1><ul class="pages">{items}</ul></body></html>'
        )


class PageHandler(_Handler):
    def get(self, page_id: str) -> None:
        self.pages.session(page_id)  # 404 for a page that is not there
        self.set_header("Content-Type", "text/html; charset=utf-8")
        quoted = html.escape(page_id, quote=True)
        self.write(_SHELL.format(title=f"审校 Review · {quoted}", page=quoted, base=self.base))


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


def review_routes(pages: Pages, first: str | None, base: str) -> list[Any]:
    """The review's URL rules under ``base`` (``/`` or ``/_review/``: it ends with ``/``)."""
    args = {"pages": pages, "first": first, "base": base}
    return [
        (rf"{base}", IndexHandler, args),
        (rf"{base}page/([^/]+)", PageHandler, args),
        (rf"{base}static/([\w.]+)", StaticHandler, args),
        (rf"{base}api/([^/]+)", ApiHandler, args),
        (rf"{base}api/([^/]+)/(\w+)", ApiHandler, args),
    ]


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
        seed_files(seeds)  # a missing folder is said now
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
        return Application(
            review_routes(self.pages, self.first, "/"), log_function=lambda handler: None
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
