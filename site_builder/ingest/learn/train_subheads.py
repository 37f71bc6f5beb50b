"""Fit the subhead model (``subheads.py``) on the gold pages and write it to ``ingest/data/``.

    python -m site_builder.ingest.learn.train_subheads [--check]

Samples: every heading line the walk reads between an article's paragraphs, on the
fixture pages and every scored blind batch (``sources.scored_gold_files``), labelled by
the gold: a subhead (an ``h`` block) or a line of some article's headline group (kicker,
title, subtitle, column); lines the gold puts elsewhere are left out. Logistic regression
with L2, full-batch gradient descent from zero in float64 (the same inputs give the same
weights). ``--check`` prints, leaving one batch out at a time, how many headlines the
model finds and how many subheads it breaks at the threshold the walk uses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from site_builder.ingest.headlines import OPENS
from site_builder.ingest.learn.align import comparable
from site_builder.ingest.learn.sources import ROOT, dump_of, scored_gold_files
from site_builder.ingest.segment import assemble_page
from site_builder.ingest.subheads import MODEL_FILE, features

DATA = Path(__file__).resolve().parents[1] / "data"
L2, STEPS, RATE = 0.002, 20_000, 1.0
Sample = tuple[str, dict[str, float], int]
"""(page folder, features, 1 if the line heads another article)."""


def collect(paths: list[Path]) -> list[Sample]:
    samples: list[Sample] = []
    for path in paths:
        gold = json.loads(path.read_text("utf-8"))
        articles = gold["articles"]
        subheads = {
            comparable(b["text"]) for a in articles for b in a["blocks"] if b["type"] == "h"
        }
        heads = {
            comparable(piece)
            for a in articles
            for key in ("kicker", "title", "subtitle", "column")
            for piece in [a.get(key) or "", *(a.get(key) or "").split()]
        } - {""}
        walk = assemble_page(dump_of(path).read_text("utf-8"), learned_subheads=False).assembler
        for _, seen in walk.headings_between:
            text = comparable(seen.text)
            if text in subheads or text in heads:
                samples.append((path.parent.name, features(seen), int(text not in subheads)))
    return samples


def fit(samples: list[Sample]) -> dict[str, float]:
    names = sorted({n for _, f, _ in samples for n in f})
    x = np.array([[f.get(n, 0.0) for n in names] for _, f, _ in samples])
    y = np.array([label for _, _, label in samples], dtype=float)
    w = np.zeros(len(names))
    penalty = np.array([0.0 if n == "bias" else L2 for n in names])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        w -= RATE * (x.T @ (p - y) / len(y) + penalty * w)
    return {n: round(float(v), 4) for n, v in zip(names, w, strict=True)}


def _probability(weights: dict[str, float], f: dict[str, float]) -> float:
    z = sum(weights.get(n, 0.0) * v for n, v in f.items())
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def check(samples: list[Sample]) -> None:
    found = broken = 0
    for folder in sorted({s[0] for s in samples}):
        weights = fit([s for s in samples if s[0] != folder])
        for _, f, label in (s for s in samples if s[0] == folder):
            if _probability(weights, f) >= OPENS:
                found += label
                broken += 1 - label
    heads = sum(label for _, _, label in samples)
    print(f"leave one folder out, odds >= {OPENS}: {found} of {heads} headlines found, ")
    print(f"{broken} of {len(samples) - heads} subheads broken")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    paths = scored_gold_files()
    samples = collect(paths)
    if args.check:
        check(samples)
    record = {
        "about": "rebuild: python -m site_builder.ingest.learn.train_subheads",
        "samples": len(samples),
        "sources": [
            {"path": str(p.relative_to(ROOT)), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
            for p in paths
        ],
        "weights": fit(samples),
    }
    (DATA / MODEL_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
