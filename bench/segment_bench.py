"""How long segmenting one page takes once jieba has loaded (target: under 100 ms).

    .venv/bin/python bench/segment_bench.py [PAGE ...] [--repeat N]

With no pages: every seed in seeds/ and every fixture page in tests/fixtures/pages/.
Prints, per page, its size, articles found, and the median and slowest of N runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from site_builder.ingest.decode import read_page
from site_builder.ingest.segment import segment_page
from site_builder.nlp.tokenizer import tagged

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    pages = args.pages or sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "fixtures" / "pages").glob("*.txt")
    )
    started = time.perf_counter()
    tagged("加载词典")  # load jieba's dictionary and tagger before timing
    print(f"jieba load: {(time.perf_counter() - started) * 1000:.0f} ms (once per process)")
    print(f"{'page':<34} {'chars':>6} {'arts':>4} {'median ms':>10} {'max ms':>8}")
    for path in pages:
        text = read_page(path).text
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            seg = segment_page(text, path.name)
            times.append((time.perf_counter() - t0) * 1000)
        print(
            f"{path.name:<34} {len(text):>6} {len(seg.articles):>4} "
            f"{statistics.median(times):>10.1f} {max(times):>8.1f}"
        )


if __name__ == "__main__":
    main()
