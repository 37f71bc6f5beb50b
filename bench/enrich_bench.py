"""Time and memory of enrichment and reading aids over a synthetic archive.

    .venv/bin/python -m bench.enrich_bench [--sizes 1000,10000] [--aids] [--given-words]

Each size runs in its own process (peak RSS is per process), on the archive that
``bench.scale_bench`` generated in ``bench/out/archive-N/content``. Enrichment is what the
build does with it: ``Enricher(articles)`` (jieba's tagging included), then every article's
info and the places it names with their ancestors. Times are CPU seconds of the process
(the machine is shared; wall time depends on what else runs). ``held`` is the memory the
built ``Enricher`` keeps (its objects, the articles themselves left out), ``peak`` the
process's peak RSS at the end of enrichment (the loaded articles and jieba's and the
gazetteer's tables included). ``--aids`` also times the reading-aid JSON of every
article, after enrichment; ``--given-words`` tags the articles first, untimed, and passes
the words in, as a build with worker processes or a warm cache does (the peak then
includes the caller's word lists).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from types import FunctionType, ModuleType

from site_builder.content.article import Article
from site_builder.content.loader import load_content
from site_builder.enrich import Enricher, article_words
from site_builder.nlp.tokenizer import tagged
from site_builder.render.aids import aids_json, headline_parts
from site_builder.render.markdown import render_body

OUT = Path(__file__).resolve().parent / "out"
MIB = 1024 * 1024


def _held(root: object) -> int:
    """Bytes of the objects reachable from ``root``, articles, classes and modules left out
    (they belong to the caller or to the process)."""
    seen: set[int] = set()
    stack = [root]
    total = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (Article, type, ModuleType, FunctionType)):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        stack.extend(gc.get_referents(obj))
    return total


def _peak() -> int:
    """Peak resident set size of this process in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measure(content: Path, aids: bool, given_words: bool) -> dict[str, float]:
    """One archive, in this process."""
    tagged("加载词典")  # jieba's dictionaries, loaded before anything is measured
    articles, errors = load_content(content)
    if errors:
        raise SystemExit(f"{content}: {len(errors)} content errors, first: {errors[0]}")
    words = [article_words(a) for a in articles] if given_words else None
    started = time.process_time()
    enricher = Enricher(articles, words=words)
    built = time.process_time()
    for article in articles:
        for code in enricher.info(article).places:
            enricher.ancestors(code)
            enricher.place(code)
    done = time.process_time()
    result = {
        "articles": len(articles),
        "init_s": built - started,
        "info_s": done - built,
        "peak_mib": _peak() / MIB,
        "held_mib": _held(enricher) / MIB,
    }
    if aids:
        started = time.process_time()
        for article in articles:
            blocks = render_body(article.body, len(headline_parts(article))).blocks
            aids_json([text for _, text in headline_parts(article)] + list(blocks))
        result["aids_s"] = time.process_time() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--aids", action="store_true", help="also time the reading aids")
    parser.add_argument(
        "--given-words",
        action="store_true",
        help="tag every article first (untimed, as worker processes or the cache would) "
        "and pass the words in",
    )
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.aids, args.given_words)))
        return
    print(f"{'N':>7} {'init s':>8} {'info s':>8} {'aids s':>8} {'held MiB':>9} {'peak MiB':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        content = OUT / f"archive-{size}" / "content"
        if not content.is_dir():
            raise SystemExit(f"{content} is missing: run `python -m bench.scale_bench` first")
        command = [sys.executable, "-m", "bench.enrich_bench", "--one", str(content)]
        command += ["--aids"] if args.aids else []
        command += ["--given-words"] if args.given_words else []
        run = subprocess.run(command, check=True, text=True, capture_output=True)
        r = json.loads(run.stdout)
        aids_s = f"{r['aids_s']:8.1f}" if "aids_s" in r else f"{'-':>8}"
        print(
            f"{r['articles']:>7} {r['init_s']:8.1f} {r['info_s']:8.1f} {aids_s} "
            f"{r['held_mib']:9.0f} {r['peak_mib']:9.0f}"
        )


if __name__ == "__main__":
    main()
