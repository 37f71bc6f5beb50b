"""Effort to perfect a page with fixes: how many fixes bring it to the scorer's best.

    .venv/bin/python bench/fix_effort.py [GOLD.expected.json ...]

With no files: every page of bench/blind_pages/batch_a/ (gold beside its dump). Per page:
the score without fixes and its wrong articles (gold articles not read exactly, plus
articles the segmenter made up), the score with every fact of the gold file given as a
fix, and the fewest fixes found (``gold_fixes.needed``) with the score they reach.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.gold_fixes import ROOT, facts, needed, score, wrong_articles

BATCH = ROOT / "bench" / "blind_pages" / "batch_a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("golds", nargs="*", type=Path)
    args = parser.parse_args()
    golds = args.golds or sorted(BATCH.glob("*.expected.json"))
    print("page | score | wrong articles | facts | score with all | fixes needed | score")
    total_wrong = total_fixes = 0
    for gold_path in golds:
        dump = gold_path.with_name(gold_path.name.replace(".expected.json", ".txt"))
        text = dump.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        before = score(text, gold, [])
        every = facts(text, gold)
        chosen = needed(text, gold)
        wrong = wrong_articles(before)
        total_wrong += wrong
        total_fixes += len(chosen)
        print(
            f"{dump.stem} | {before['score']} | {wrong} | {len(every)} | "
            f"{score(text, gold, every)['score']} | {len(chosen)} | "
            f"{score(text, gold, chosen)['score']}",
            flush=True,
        )
    print(
        f"total: {total_fixes} fixes for {total_wrong} wrong articles "
        f"({total_fixes / max(1, total_wrong):.2f} per wrong article)"
    )


if __name__ == "__main__":
    main()
