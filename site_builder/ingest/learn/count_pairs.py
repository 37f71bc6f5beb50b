"""Count which characters follow which in the project's article text, for the join model's
"the characters at the join go together" evidence (``ingest/char_pairs.py``).

    python -m site_builder.ingest.learn.count_pairs

Text: every block, title, kicker and subtitle of the gold files of the fixture pages and of
every blind batch in the repository (a batch is committed only once its first contact is
recorded, so none measures anything any more; all of it is text written for the project).
Writes ``ingest/data/char_pairs.tsv.gz``: a header naming the sources, the number of Han
characters counted, then one row per character and per pair of adjacent Han characters
seen at least ``MIN_PAIR`` times, with its count. The same files give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from site_builder.ingest import patterns as pt
from site_builder.ingest.char_pairs import DATA_FILE
from site_builder.ingest.learn.sources import ROOT

DATA = Path(__file__).resolve().parents[1] / "data"
# A pair seen once is as good as unseen: keeping it would double the file for noise.
MIN_PAIR = 2
SPACE_RE = re.compile(r"\s+")


def article_files() -> list[Path]:
    """Gold files of the fixture pages and of every committed blind batch."""
    batches = sorted((ROOT / "bench" / "blind_pages").glob("batch_*"))
    dirs = [ROOT / "tests" / "fixtures" / "pages", *batches]
    return sorted(p for d in dirs for p in d.rglob("*.expected.json"))


def texts(gold: Path) -> list[str]:
    """Every printed text of a gold file's articles, whitespace (padding, wraps) removed."""
    out: list[str] = []
    for article in json.loads(gold.read_text("utf-8"))["articles"]:
        out += [b["text"] for b in article["blocks"]]
        out += [article[k] for k in ("kicker", "title", "subtitle") if article.get(k)]
    return [SPACE_RE.sub("", t) for t in out]


def count(files: list[Path]) -> tuple[Counter[str], Counter[str]]:
    """Han characters and pairs of adjacent Han characters in the files' texts."""
    chars: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for path in files:
        for text in texts(path):
            chars.update(pt.HAN_RE.findall(text))
            grams = (text[i : i + 2] for i in range(len(text) - 1))
            pairs.update(g for g in grams if pt.han_count(g) == 2)
    return chars, pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    files = article_files()
    chars, pairs = count(files)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    rows = [
        f"# {len(files)} gold files of tests/fixtures/pages and bench/blind_pages, sha256 "
        f"{digest.hexdigest()}; rebuild: python -m site_builder.ingest.learn.count_pairs",
        f"\t{sum(chars.values())}",
        *(f"{c}\t{n}" for c, n in sorted(chars.items())),
        *(f"{p}\t{n}" for p, n in sorted(pairs.items()) if n >= MIN_PAIR),
    ]
    data = "\n".join(rows).encode("utf-8") + b"\n"
    # (mtime 0: the same files give the same bytes)
    (DATA / DATA_FILE).write_bytes(gzip.compress(data, mtime=0))
    kept = sum(1 for n in pairs.values() if n >= MIN_PAIR)
    print(f"{len(files)} files, {sum(chars.values())} characters, {kept} pairs kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
