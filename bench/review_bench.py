"""Fix-apply latency of the review page: an action posted -> the page's new data back.

    .venv/bin/python bench/review_bench.py [--repeat N] [--copies K]

Serves a temporary seeds folder holding the pages of bench/blind_pages/batch_a/ (each
copied K times, to see whether a big seeds folder matters) and, per page, times N splits
and N undos through HTTP as the review page sends them. Prints the median and slowest.
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
from pathlib import Path

from site_builder.review.server import ReviewServer

ROOT = Path(__file__).resolve().parent.parent
BATCH = ROOT / "bench" / "blind_pages" / "batch_a"


def post(url: str, values: dict[str, int]) -> dict[str, object]:
    request = urllib.request.Request(
        url, json.dumps(values).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        data: dict[str, object] = json.loads(response.read())
        return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        for dump in sorted(BATCH.glob("*.txt")):
            for k in range(args.copies):
                shutil.copy(dump, seeds / f"{dump.stem}_{k}.txt")
        server = ReviewServer(seeds, None, "127.0.0.1", 0, out=io.StringIO())
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        server.ready.wait(30)
        print(f"{len(list(seeds.iterdir()))} page dumps in the seeds folder")
        print("page | lines | median ms | slowest ms")
        for dump in sorted(BATCH.glob("*.txt")):
            api = f"{server.url}api/{dump.stem}_0"
            with urllib.request.urlopen(api) as response:
                lines = json.loads(response.read())["lines"]
            line = next(x["n"] for x in lines[len(lines) // 2 :] if x["text"].strip())
            times = []
            for _ in range(args.repeat):
                for action, values in (("split", {"before": line}), ("undo", {})):
                    start = time.perf_counter()
                    post(f"{api}/{action}", values)
                    times.append((time.perf_counter() - start) * 1000)
            print(
                f"{dump.stem} | {len(lines)} | {statistics.median(times):.0f} | {max(times):.0f}",
                flush=True,
            )
        server.stop()
        thread.join(30)


if __name__ == "__main__":
    main()
