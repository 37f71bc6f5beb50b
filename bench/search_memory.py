"""Time and peak memory of the search-index step alone, on the synthetic archives.

    .venv/bin/python -m bench.search_memory [--sizes 1000,10000]

For each size, a fresh process loads ``bench/out/archive-N/content`` (made by
``bench.synth``), builds the site data the normal way (enrichment is computed once and kept
in ``bench/out/search-memory/enrichment-N.pickle``: it is not what is measured; delete the
file after changing enrichment), then runs what ``search.page.render_search`` runs:
``search_docs`` over the site and ``build_search_index`` into a temporary folder. It prints
the seconds of that step (wall and CPU: the machine may be shared), the resident memory
before it, the highest resident memory sampled during it (every 5 ms from
``/proc/self/statm``) and the process's peak (``getrusage``).
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1 << 20


def rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * PAGE


class Sampler:
    """Highest resident size seen while the block runs."""

    def __init__(self) -> None:
        self.peak = rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss())

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss())


def measure(n: int) -> None:
    """Run in its own process: print one line of figures for ``n`` articles."""
    from site_builder.content.loader import load_content
    from site_builder.render.prepare import Enrichment, enrich, site_data
    from site_builder.search.adapter import search_docs
    from site_builder.search.build import build_search_index

    content = OUT / f"archive-{n}" / "content"
    articles, errors = load_content(content)
    if errors:
        raise SystemExit(f"{content}: {errors[0]}")
    cached = OUT / "search-memory" / f"enrichment-{n}.pickle"
    if cached.exists():
        enrichment: Enrichment = pickle.loads(cached.read_bytes())
    else:
        enrichment = enrich(articles)
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pickle.dumps(enrichment))
    site = site_data(articles, enrichment, None)
    del articles
    gc.collect()
    with tempfile.TemporaryDirectory(prefix="search-memory-") as work:
        root = Path(work)

        def write(path: str, data: bytes) -> None:
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

        before = rss()
        began, cpu = time.perf_counter(), time.process_time()
        with Sampler() as sampler:
            stats = build_search_index(search_docs(site), write)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        f"{n:>7} articles  index {seconds:7.1f} s (cpu {cpu:.1f} s)  "
        f"rss before {before / MIB:7.0f} MiB  "
        f"peak during {sampler.peak / MIB:7.0f} MiB (+{(sampler.peak - before) / MIB:.0f})  "
        f"process peak {peak / MIB:7.0f} MiB  files {stats.files}  bytes {stats.bytes}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        measure(args.one)
        return 0
    for n in (int(s) for s in args.sizes.split(",")):
        if not (OUT / f"archive-{n}" / "content").is_dir():
            print(f"missing bench/out/archive-{n}: run python -m bench.synth first")
            return 1
        subprocess.run(
            [sys.executable, "-m", "bench.search_memory", "--one", str(n)], cwd=ROOT, check=True
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
