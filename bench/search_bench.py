"""Search benchmark: our static index beside Pagefind on synthetic archives.

    .venv/bin/python bench/search_bench.py [--sizes 1000 10000] [--no-pagefind]

Synthetic archives are recombined deterministically from the bundled content (``content/``,
or the fixture site while ingest has not filled it) plus ``tests/fixtures/search/content``:
each article keeps a source article's metadata (kind, tags, places) and gets a title and
paragraphs drawn from the pool of titles and sentences. For each size it prints the index
build time, total index bytes and files written, and for a fixed query set the bytes one
query fetches on a cold cache (script included, ours deflated as the search page fetches it;
for ours, the Python engine's fetches, which ``tests/test_search_browser.py`` checks against
Chromium's), the results and the recall against a brute-force oracle. Pagefind
(``pagefind-bin-extended``, the ``bench`` extra) indexes one HTML page per synthetic article
and is queried in headless Chromium, its bytes read from Resource Timing, recall from every
result's URL. Needs /usr/bin/chromium and
/usr/bin/chromedriver (Debian's chromium and chromium-driver).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.build.run import build_site  # noqa: E402
from site_builder.render.renderer import Renderer  # noqa: E402
from site_builder.search.adapter import search_docs  # noqa: E402
from site_builder.search.build import build_search_index, index_order  # noqa: E402
from site_builder.search.model import SearchDoc  # noqa: E402
from site_builder.search.page import packed_script  # noqa: E402
from site_builder.search.query import Engine  # noqa: E402
from site_builder.search.t2s import simplified  # noqa: E402

SCRIPT = ROOT / "templates" / "static" / "search.js"
LOADER = ROOT / "templates" / "static" / "search-load.js"
SHOWN = 10
"""Results shown for one query: both engines load this many results' data."""


@dataclass(frozen=True)
class Query:
    q: str
    contains: tuple[str, ...] = ()
    """The relevant articles hold all of these strings..."""
    places: tuple[str, ...] = ()
    """...or are located in (or under) one of these division codes."""


QUERIES = (
    Query("党建", contains=("党建",)),
    Query("基层治理", contains=("基层治理",)),
    Query("贡桑", contains=("贡桑",)),
    Query("寒假作业", contains=("寒假作业",)),
    Query("社区居民", contains=("社区居民",)),
    Query("活动中心", contains=("活动中心",)),
    Query("服务", contains=("服务",)),
    Query("lasa", contains=("拉萨",)),
    Query("dangba shequ", contains=("当巴", "社区")),
    Query("jiceng zhili", contains=("基层", "治理")),
    Query("jczl", contains=("基层治理",)),
    Query("dbsq", contains=("当巴社区",)),
    Query("Lhasa", places=("5401",)),
    Query("Comai", places=("540526",)),
    Query("Chengguan", places=("540102",), contains=("城关",)),
    Query("拉薩", contains=("拉萨",)),
    Query("黨建", contains=("党建",)),
    Query("volunteer", contains=("志愿",)),
    Query("Party building", contains=("党建",)),
    Query("herdsmen", contains=("牧民",)),
)
"""Chinese, pinyin, initials, English names; then traditional characters and English words
by meaning, whose relevant articles are those holding the Chinese words they stand for."""


def sources() -> list[SearchDoc]:
    """Search documents of the bundled content, made by the real site build."""
    bundled = ROOT / "content"
    if not any(bundled.rglob("*.md")):
        bundled = ROOT / "tests" / "fixtures" / "site" / "content"
    docs: list[SearchDoc] = []
    with tempfile.TemporaryDirectory(prefix="search-bench-src-") as work:
        content = Path(work) / "content"
        for folder in (bundled, ROOT / "tests" / "fixtures" / "search" / "content"):
            shutil.copytree(folder, content, dirs_exist_ok=True)

        def grab(renderer: Renderer) -> None:
            docs.extend(search_docs(renderer.site))

        build_site(content, ROOT / "templates", Path(work) / "output", extra_pages=[grab])
    # The synthetic archive is in simplified characters, as the archive is: a traditional
    # fixture article's sentences spread over every synthetic one would have each query
    # fetch the t2s table for its highlighting (tests/ cover traditional articles).
    return sorted((d for d in docs if simplified(d.body) == d.body), key=lambda d: d.key)


def synthesise(pool: list[SearchDoc], count: int) -> list[SearchDoc]:
    """``count`` articles recombined from ``pool``; the same for the same pool and count."""
    rng = random.Random(f"search-bench-{count}")
    sentences = sorted(
        {s for d in pool for s in re.findall(r"[^。！？\n]+[。！？]?", d.body) if len(s) > 4}
    )
    titles = sorted({d.title for d in pool})
    start = dt.date(2020, 1, 1)
    docs = []
    for i in range(count):
        base = pool[i % len(pool)]
        paragraphs = [
            "".join(rng.choice(sentences) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(3, 6))
        ]
        docs.append(
            replace(
                base,
                key=f"syn/{i:05d}",
                url=f"a/syn/{i:05d}/",
                title=rng.choice(titles),
                date=(start + dt.timedelta(days=i // 12)).isoformat(),
                page=(i // 4) % 3 + 1,
                body="\n".join(paragraphs),
            )
        )
    return docs


@functools.cache
def _t2s() -> Any:
    """OpenCC itself (opencc-purepy): the oracle reads traditional text as OpenCC does."""
    from opencc_purepy import OpenCC

    return OpenCC("t2s")


def _text(doc: SearchDoc) -> str:
    parts = [doc.title, doc.kicker or "", doc.subtitle or "", *doc.tags, doc.body]
    text = unicodedata.normalize("NFKC", "\n".join(parts + [p.name for p in doc.places]))
    return str(_t2s().convert(text))


def relevant(query: Query, docs: list[SearchDoc], texts: dict[str, str] | None = None) -> set[str]:
    """The articles the query should find; ``texts`` keeps each article's converted text
    across queries (OpenCC in pure Python is most of a 100,000-article run otherwise)."""
    found = set()
    for doc in docs:
        codes = {p.code for p in [*doc.places, *doc.ancestors]}
        if texts is None:
            text = _text(doc)
        else:
            text = texts.get(doc.key) or texts.setdefault(doc.key, _text(doc))
        if (query.contains and all(s in text for s in query.contains)) or codes & set(query.places):
            found.add(doc.key)
    return found


@dataclass
class Measure:
    build_seconds: float
    index_bytes: int
    files: int
    per_query: list[tuple[int, int, set[str]]]
    """For each query: bytes fetched for the first page, the count it showed, every result."""


def _tree_size(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def _script_bytes() -> int:
    """What the search page fetches of the script: its loader and ``search.js`` deflated
    (``search/page.py``)."""
    return LOADER.stat().st_size + len(packed_script(SCRIPT.read_text(encoding="utf-8")))


def measure_ours(docs: list[SearchDoc], out: Path) -> Measure:
    def write(path: str, data: bytes) -> None:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    began = time.perf_counter()
    stats = build_search_index(sorted(docs, key=lambda d: index_order(d.date, d.key)), write)
    seconds = time.perf_counter() - began
    script = _script_bytes()
    per_query = []
    for query in QUERIES:
        engine = Engine(lambda path: (out / path).read_bytes())
        outcome = engine.search(query.q)
        fetched = script + sum((out / p).stat().st_size for p in engine.fetched)
        found = set(Engine(lambda path: (out / path).read_bytes()).search_all(query.q))
        per_query.append((fetched, outcome.total, found))
    return Measure(seconds, stats.bytes, stats.files, per_query)


def write_pages(docs: list[SearchDoc], site: Path) -> None:
    """One plain HTML page per article, for Pagefind to index."""
    for doc in docs:
        names = [p.name for p in doc.places]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in doc.body.split("\n"))
        page = (
            '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
            f"<title>{html.escape(doc.title)}</title></head><body><main data-pagefind-body>"
            f"<h1>{html.escape(doc.title)}</h1>"
            f"<p>{html.escape(' '.join([*doc.tags, *names]))}</p>{body}</main></body></html>"
        )
        target = site / doc.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    (site / "pf.html").write_text(
        "<!DOCTYPE html><meta charset='utf-8'><title>pf</title><script type='module'>"
        "window.pf = await import('./pagefind/pagefind.js'); await window.pf.init();"
        "window.ready = true;</script>",
        encoding="utf-8",
    )


@contextmanager
def serving(root: Path) -> Iterator[tuple[str, list[str]]]:
    """A static server that forbids caching (every page load is a cold one) and lists the
    paths it served, which is how a web worker's fetches are seen too."""
    served: list[str] = []

    class Logged(SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            served.append(urlsplit(self.path).path)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet (the browser's favicon request would print a 404)."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Logged, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", served
    finally:
        httpd.shutdown()
        httpd.server_close()


def _chromium() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        f"--user-data-dir={tempfile.mkdtemp(prefix='search-bench-chromium-')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(900)
    return driver


SHOW_JS = """
window.found = await window.pf.search(arguments[0]);
await Promise.all(window.found.results.slice(0, arguments[1]).map(x => x.data()));
return window.found.results.length;
"""
ALL_JS = "return (await Promise.all(window.found.results.map(x => x.data()))).map(d => d.url);"


def _bytes(paths: list[str], site: Path) -> int:
    return sum(
        (site / p.lstrip("/")).stat().st_size for p in set(paths) if p.startswith("/pagefind/")
    )


def measure_pagefind(docs: list[SearchDoc], site: Path) -> Measure:
    from pagefind_bin_extended import get_executable

    write_pages(docs, site)
    began = time.perf_counter()
    subprocess.run(
        [str(get_executable()), "--site", str(site), "--silent"], check=True, capture_output=True
    )
    seconds = time.perf_counter() - began
    size, files = _tree_size(site / "pagefind")
    keys = {d.url: d.key for d in docs}
    per_query = []
    driver = _chromium()
    try:
        with serving(site) as (base, served):
            for query in QUERIES:
                served.clear()
                driver.get(base + "pf.html")
                while not driver.execute_script("return window.ready === true"):
                    time.sleep(0.05)
                total = driver.execute_script(SHOW_JS, query.q, SHOWN)
                fetched = _bytes(served, site)
                urls = driver.execute_script(ALL_JS)
                found = {keys[u.removeprefix("/")] for u in urls if u.removeprefix("/") in keys}
                per_query.append((fetched, int(total), found))
    finally:
        driver.quit()
    return Measure(seconds, size, files, per_query)


def _recall(found: set[str], wanted: set[str]) -> float:
    return len(found & wanted) / len(wanted) if wanted else 1.0


def report(size: int, docs: list[SearchDoc], results: dict[str, Measure]) -> None:
    texts: dict[str, str] = {}
    wanted = [relevant(q, docs, texts) for q in QUERIES]
    print(f"\n## {size} articles\n")
    print(
        "| engine | build s | index bytes | files | bytes/query median | max | recall | precision |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, m in results.items():
        fetched = [b for b, _, _ in m.per_query]
        hits = sum(len(f & w) for (_, _, f), w in zip(m.per_query, wanted, strict=True))
        total_wanted = sum(len(w) for w in wanted)
        returned = sum(len(f) for _, _, f in m.per_query)
        print(
            f"| {name} | {m.build_seconds:.1f} | {m.index_bytes:,} | {m.files:,} | "
            f"{statistics.median(fetched):,.0f} | {max(fetched):,} | "
            f"{hits / total_wanted:.4f} | {hits / returned if returned else 0:.4f} |"
        )
    names = list(results)
    header = " | ".join(f"{n} bytes | {n} count shown | {n} found | {n} recall" for n in names)
    print(f"\n| query | relevant | {header} |")
    print("| --- | ---: |" + " ---: | ---: | ---: | ---: |" * len(names))
    for i, query in enumerate(QUERIES):
        cells = []
        for name in names:
            size, shown, found = results[name].per_query[i]
            recall = _recall(found, wanted[i])
            cells.append(f"{size:,} | {shown:,} | {len(found):,} | {recall:.4f}")
        print(f"| {query.q} | {len(wanted[i]):,} | " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-pagefind", action="store_true", help="measure our index only")
    parser.add_argument(
        "--keep",
        type=Path,
        help="build into DIR/<size> and keep it (to query a large index again with later code)",
    )
    args = parser.parse_args(argv)
    pool = sources()
    size = SCRIPT.stat().st_size
    print(f"source articles: {len(pool)}; script: {size:,} bytes, {_script_bytes():,} deflated")
    for size in args.sizes:
        docs = synthesise(pool, size)
        with tempfile.TemporaryDirectory(prefix=f"search-bench-{size}-") as work:
            where = args.keep / str(size) if args.keep else Path(work)
            results = {"ours": measure_ours(docs, where / "search-index")}
            if not args.no_pagefind:
                results["pagefind"] = measure_pagefind(docs, where / "site")
            report(size, docs, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
