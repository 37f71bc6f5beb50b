"""Live preview benchmark: from saving a file to the rebuilt page being on disk.

For each size, a synthetic archive (``bench.synth``, content files only) is built once in
full as ``site-builder build`` builds it, then served by the preview server (in this
process, on a free port, exactly as ``site-builder serve`` runs it) while this script
saves files and times how long the changed output file takes to change on disk:

* article edit: one sentence of one article's body (then put back: two saves a sample);
* title edit: one article's title (its lists, tag, place and author pages change too);
* template edits: ``tag.html`` (every tag page), ``article.html`` (every article page);
* CSS edit: ``site.css``; new article: a new content file on an existing page.

"save -> on disk" goes through everything a person waits for: the file event, the quiet
period that merges quick saves (0.05 s), the rebuild and the move into ``output/``;
"rebuild" is the server's own figure for the rebuild alone. After the first article
edit, "exact" is the time until the background pass (enrichment over the archive, search
index) has been applied, i.e. until ``output/`` equals a full build again.

    .venv/bin/python -m bench.serve_bench [--sizes 1000 10000] [--samples 3]

Writes ``bench/out/serve/results.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.synth import generate
from site_builder.search.page import render_search
from site_builder.serve.changes import Project
from site_builder.serve.server import PreviewServer

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "out" / "serve"
WAIT_SECONDS = 3600.0
"""Longest wait for one output file (a template edit at 10,000 articles takes a while)."""
_REBUILD = re.compile(r": (\d+) files in ([0-9.]+) s$")


@dataclass
class Row:
    what: str
    on_disk: list[float] = field(default_factory=list)
    """Seconds from save to the changed file on disk, one per save."""
    rebuild: list[float] = field(default_factory=list)
    """Seconds the server reports for the rebuild alone."""
    files: list[int] = field(default_factory=list)


@dataclass
class SizeResult:
    articles: int
    full_build: float
    serve_start: float
    exact_after_edit: float
    rss_mb: int
    """Resident memory of the preview (this process) once started."""
    peak_mb: int
    rows: list[Row]


class Session:
    """A served archive and the stopwatch around its saves."""

    def __init__(self, root: Path) -> None:
        self.root = root
        project = Project(
            root / "seeds", root / "content", root / "templates", root / "output", (render_search,)
        )
        self.output = project.output
        self.log = io.StringIO()
        started = time.perf_counter()
        self.server = PreviewServer(project, "127.0.0.1", 0, out=self.log)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        if not self.server.ready.wait(WAIT_SECONDS):
            raise SystemExit("the preview did not start:\n" + self.log.getvalue())
        self.start_seconds = time.perf_counter() - started

    def lines(self) -> list[str]:
        return self.log.getvalue().splitlines()

    def save(self, row: Row, path: Path, change: Callable[[str], str], watched: str) -> None:
        """Save ``change(text)`` to ``path``; time until ``watched`` changes on disk."""
        target = self.output / watched
        before = target.read_bytes() if target.exists() else None
        seen = len(self.lines())
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        started = time.perf_counter()
        path.write_text(change(text), encoding="utf-8")
        while not target.exists() or target.read_bytes() == before:
            if time.perf_counter() - started > WAIT_SECONDS:
                raise SystemExit(f"{watched} never changed:\n" + self.log.getvalue())
            time.sleep(0.002)
        row.on_disk.append(time.perf_counter() - started)
        while True:  # the server's own line for this rebuild follows the commit at once
            for line in self.lines()[seen:]:
                found = _REBUILD.search(line)
                if found and not line.startswith("tags, places and search"):
                    row.files.append(int(found[1]))
                    row.rebuild.append(float(found[2]))
                    return
            time.sleep(0.002)

    def wait_exact(self, since: float) -> float:
        """Seconds from ``since`` until a background pass has been applied."""
        seen = len(self.lines())
        while not any(line.startswith("tags, places and search") for line in self.lines()[seen:]):
            if any("error" in line for line in self.lines()[seen:]):
                raise SystemExit("the background pass failed:\n" + self.log.getvalue())
            time.sleep(0.05)
        return time.perf_counter() - since

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(60)


def _memory_mb(field: str) -> int:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) // 1024
    return 0


def _archive(articles: int) -> Path:
    """The synthetic archive of this size, generated once and kept in ``bench/out``."""
    folder = WORK / f"archive-{articles}"
    if not (folder / "synth.json").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, articles, seed=0, seeds=False)
    return folder


def _swap(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def measure(articles: int, samples: int) -> SizeResult:
    run = WORK / f"run-{articles}"
    shutil.rmtree(run, ignore_errors=True)
    shutil.copytree(_archive(articles) / "content", run / "content")
    shutil.copytree(REPO / "templates", run / "templates")
    (run / "seeds").mkdir()

    print(f"{articles} articles: full build...", flush=True)
    started = time.perf_counter()
    folders = ["--seeds", "seeds", "--content", "content", "--templates", "templates"]
    command = [sys.executable, "-m", "site_builder", "build", *folders, "--output", "full"]
    built = subprocess.run(command, cwd=run, capture_output=True, text=True)
    if built.returncode != 0:
        raise SystemExit(f"the full build failed:\n{built.stderr}")
    full = time.perf_counter() - started
    shutil.rmtree(run / "full")

    print(f"{articles} articles: serving...", flush=True)
    session = Session(run)
    rss = _memory_mb("VmRSS")
    files = sorted((run / "content").rglob("*.md"))
    page = files[len(files) // 2]
    article = f"a/{page.parent.name}/{page.stem}/index.html"
    body, title, tag, article_t, css, new = (
        Row("article edit (one sentence of the body)"),
        Row("title edit (its lists, tags, places change too)"),
        Row("template edit: tag.html (every tag page)"),
        Row("template edit: article.html (every article page)"),
        Row("CSS edit: site.css"),
        Row("new article (a new file on an existing page)"),
    )
    try:
        started = time.perf_counter()
        session.save(body, page, _swap("。", "；"), article)
        exact = session.wait_exact(started)
        session.save(body, page, _swap("；", "。"), article)
        for _ in range(samples - 1):
            session.save(body, page, _swap("。", "；"), article)
            session.save(body, page, _swap("；", "。"), article)
        other = files[len(files) // 3]
        for _ in range(samples):
            watched = f"a/{other.parent.name}/{other.stem}/index.html"
            session.save(title, other, _swap("\ntitle: ", "\ntitle: 新"), watched)
            session.save(title, other, _swap("\ntitle: 新", "\ntitle: "), watched)
        templates = run / "templates"
        some_tag = next((session.output / "tags").glob("*/index.html")).relative_to(session.output)
        for i in range(samples):
            change = _swap("{% block content %}", f"{{% block content %}}<!-- {i} -->")
            session.save(tag, templates / "tag.html", change, some_tag.as_posix())
        session.save(
            article_t,
            templates / "article.html",
            _swap("{% block content %}", "{% block content %}<!-- a -->"),
            article,
        )
        for i in range(samples):
            session.save(
                css,
                templates / "static" / "site.css",
                lambda t, i=i: f"{t}\n/* {i} */\n",
                "static/site.css",
            )
        fresh = page.with_name("bench-new-article.md")
        session.save(
            new,
            fresh,
            lambda _: (
                page.read_text(encoding="utf-8")
                .replace(f"slug: {page.stem}", "slug: bench-new-article")
                .replace("\norder: ", "\norder: 9")
            ),
            f"a/{page.parent.name}/bench-new-article/index.html",
        )
    finally:
        session.stop()
    peak = _memory_mb("VmHWM")
    rows = [body, title, tag, article_t, css, new]
    return SizeResult(articles, full, session.start_seconds, exact, rss, peak, rows)


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:,.0f}" if values else "-"


def table(results: list[SizeResult]) -> str:
    lines = [
        "| articles | change | save -> on disk, ms (median) | rebuild alone, ms | files written |",
        "|---:|---|---:|---:|---:|",
    ]
    for result in results:
        n = f"{result.articles:,}"
        cells = [
            ("full build (`site-builder build`)", [result.full_build], [], []),
            ("preview start (the same, but search: see exact)", [result.serve_start], [], []),
        ]
        cells += [(row.what, row.on_disk, row.rebuild, row.files) for row in result.rows]
        cells.append(
            ("article edit -> exact (tags, places, search)", [result.exact_after_edit], [], [])
        )
        for what, on_disk, rebuild, files in cells:
            written = f"{statistics.median(files):,.0f}" if files else ""
            lines.append(f"| {n} | {what} | {_ms(on_disk)} | {_ms(rebuild)} | {written} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    about = __doc__.split("\n\n")[0]
    parser = argparse.ArgumentParser(prog="python -m bench.serve_bench", description=about)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--samples", type=int, default=3, help="saves of each kind (x2 for edits put back)"
    )
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    results = [measure(n, args.samples) for n in args.sizes]
    machine = (
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    record = {"machine": machine, "results": [asdict(r) for r in results]}
    (WORK / "results.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    for result in results:
        print(
            f"{result.articles:,} articles: preview memory {result.rss_mb:,} MB once started, "
            f"{result.peak_mb:,} MB at most (a run of sizes shares one process: peaks add up)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
