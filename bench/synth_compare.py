"""How a synthetic archive's text compares with the gold pages it is drawn from.

```sh
.venv/bin/python -m bench.synth_compare bench/out/archive-1000 [MORE_ARCHIVES ...]
```

Prints, for the gold articles (``bench.realistic.gold_articles``) and for each archive's
content files: the article count, the share of each kind, body length in characters
(10th, 50th and 90th percentile, mean), and the distinct jieba words of the bodies after
the first 100, 370 (the gold count) and all articles, which shows whether the vocabulary
keeps growing with N.
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.realistic import gold_articles
from site_builder.content.loader import load_content
from site_builder.nlp.tokenizer import words

KINDS = ("news", "brief", "commentary", "photo", "interview")
VOCABULARY_AT = (100, 370)


def describe(name: str, kinds: Sequence[str], bodies: Sequence[str]) -> str:
    counts = Counter(kinds)
    shares = " ".join(f"{k} {counts[k] / len(kinds):.0%}" for k in KINDS)
    lengths = sorted(len(b) for b in bodies)
    deciles = statistics.quantiles(lengths, n=10)
    seen: set[str] = set()
    growth: list[str] = []
    for i, body in enumerate(bodies, 1):
        seen.update(w for w in words(body) if not w.isspace())
        if i in VOCABULARY_AT:
            growth.append(f"{len(seen):,} at {i}")
    growth.append(f"{len(seen):,} at {len(bodies):,}")
    return (
        f"{name}: {len(bodies):,} articles; {shares}\n"
        f"  body chars p10 {deciles[0]:.0f}, p50 {statistics.median(lengths):.0f}, "
        f"p90 {deciles[-1]:.0f}, mean {statistics.fmean(lengths):.0f}\n"
        f"  distinct words: {', '.join(growth)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synth_compare")
    parser.add_argument("archives", type=Path, nargs="*", help="synthetic archive folders")
    args = parser.parse_args(argv)
    gold = gold_articles()
    print(
        describe(
            "gold pages",
            [str(a["kind"]) for a in gold],
            ["\n\n".join(str(b["text"]) for b in a["blocks"]) for a in gold],  # type: ignore[attr-defined]
        )
    )
    for folder in args.archives:
        articles, _ = load_content(folder / "content")
        articles.sort(key=lambda a: (a.date or "", a.page_number or 0, a.order))
        print(describe(str(folder), [a.kind for a in articles], [a.body for a in articles]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
