"""A fix made on the live preview's review page (``/_review/``) -> the preview rebuilt.

    .venv/bin/python bench/review_serve_bench.py [--repeat N]

Starts ``site-builder serve`` on a temporary project whose seeds are the pages of
bench/blind_pages/batch_a/ (with the build cache, as ``serve`` has by default), waits
for the first background pass, then per page posts a split to ``/_review/`` as the page
does and times until the preview has written the new article's page, then the undo until
that page is gone again. Prints the median and slowest per page.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from site_builder.review.server import REVIEW_BASE, Pages, review_routes
from site_builder.search.page import render_search
from site_builder.serve.changes import Project
from site_builder.serve.server import PreviewServer

ROOT = Path(__file__).resolve().parent.parent
BATCH = ROOT / "bench" / "blind_pages" / "batch_a"
LIMIT_SECONDS = 120.0


def post(url: str, values: dict[str, int]) -> int:
    """Post an action; the number of articles the page has after it."""
    request = urllib.request.Request(
        url, json.dumps(values).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        return len(json.loads(response.read())["articles"])


def split_line(api: str) -> tuple[int, int]:
    """A line from the middle of the page where a split adds an article; the number of
    articles without it."""
    with urllib.request.urlopen(api) as response:
        data = json.loads(response.read())
    before, lines = len(data["articles"]), data["lines"]
    for x in lines[len(lines) // 2 :] + lines[: len(lines) // 2]:
        if x["text"].strip():
            added = post(f"{api}/split", {"before": x["n"]}) == before + 1
            post(f"{api}/undo", {})
            if added:
                return x["n"], before
    raise SystemExit(f"{api}: no split adds an article")


def built(output: Path, page: str, count: int) -> Callable[[], bool]:
    """Whether the preview has written exactly ``count`` article pages of ``page``."""
    folder = output / "a" / page
    return lambda: folder.is_dir() and sum(1 for p in folder.iterdir() if p.is_dir()) == count


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + LIMIT_SECONDS
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seeds = root / "seeds"
        seeds.mkdir()
        for dump in sorted(BATCH.glob("*.txt")):
            shutil.copy(dump, seeds / dump.name)
        shutil.copytree(ROOT / "templates", root / "templates")
        (root / "content").mkdir()  # watched only if it is there when the preview starts
        project = Project(
            seeds,
            root / "content",
            root / "templates",
            root / "output",
            (render_search,),
            root / "cache",
        )
        routes = review_routes(Pages(seeds), None, REVIEW_BASE)
        server = PreviewServer(project, "127.0.0.1", 0, out=io.StringIO(), routes=routes)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        wait_for(lambda: (project.output / "search.html").is_file(), "the first build")
        wait_for(lambda: not server.background.running, "the first background pass")
        print("page | median ms | slowest ms (fix posted -> preview page written or removed)")
        for dump in sorted(BATCH.glob("*.txt")):
            page = dump.stem
            api = f"{server.url}{REVIEW_BASE[1:]}api/{page}"
            line, before = split_line(api)
            wait_for(built(project.output, page, before), "the page as it was")
            times = []
            for _ in range(args.repeat):
                for action, values, count in (
                    ("split", {"before": line}, before + 1),
                    ("undo", {}, before),
                ):
                    start = time.perf_counter()
                    post(f"{api}/{action}", values)
                    wait_for(built(project.output, page, count), action)
                    times.append((time.perf_counter() - start) * 1000)
            print(f"{page} | {statistics.median(times):.0f} | {max(times):.0f}", flush=True)
        server.stop()
        thread.join(30)


if __name__ == "__main__":
    main()
