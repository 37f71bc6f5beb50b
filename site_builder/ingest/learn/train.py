"""Fit the segmenter's two models on simulated pages and write them to ``ingest/data/``.

    python -m site_builder.ingest.learn.train [--pages 300] [--check]

Training text: the articles of the gold files under ``tests/fixtures/pages/`` (the example
page and pages written for the project); each file's path and SHA-256 are recorded in
the model files. The simulator lays them out on ``--pages`` pages (seeds 0..N-1), and
knows the role of every line and every true join:

- heading model: every line the shape rules leave ambiguous (short, no sentence end) is
  a sample, a heading (kicker, title, subtitle, column label, author name, subhead) or a
  paragraph piece; logistic regression with L2.
- join model: every cut sentence, with all its candidate continuations and "none";
  a conditional logit (softmax over the options) with L2.

Full-batch gradient descent from zero in float64: the same inputs give the same weights.
Needs numpy (``pip install -e '.[train]'``); ingest itself does not. ``--check`` prints
accuracy and reliability tables on held-out simulated pages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from site_builder.ingest import join_model, roles
from site_builder.ingest.candidates import junction_features, starts
from site_builder.ingest.learn.align import align
from site_builder.ingest.learn.simulate import HEAD_ROLES, simulate
from site_builder.ingest.learn.sources import ROOT, dump_of, gold_files, pool
from site_builder.ingest.lines import Unit, read_units
from site_builder.ingest.page_facts import PageFacts

DATA = Path(__file__).resolve().parents[1] / "data"
L2 = 0.01
STEPS = 600
RATE = 0.5
HELD_OUT = 10_000
GOLD_WEIGHT = 10


@dataclass(slots=True)
class Data:
    """Samples of both models from a run of simulated pages."""

    heads: list[tuple[dict[str, float], int]]
    cuts: list[tuple[list[dict[str, float]], int]]
    """Per cut sentence: features of each candidate, and the true one's index (-1: none)."""


def collect(seeds: range) -> Data:
    """Samples from simulated pages ``seeds``."""
    articles = pool()
    data = Data([], [])
    for seed in seeds:
        page = simulate(articles, seed)
        units = read_units(page.text)
        index = {u.line: i for i, u in enumerate(units)}
        true = {index[a]: index[b] for a, b in page.joins if a in index and b in index}
        heading = {
            i: line.role != "para"
            for i, u in enumerate(units)
            if (line := page.lines.get(u.line)) and line.role in (*HEAD_ROLES, "subhead", "para")
        }
        _add(data, units, true, heading)
    return data


def collect_gold() -> Data:
    """Samples from the real pages under ``tests/fixtures/pages/``, labelled by aligning
    each gold file with its dump (``learn/align.py``)."""
    data = Data([], [])
    for path in gold_files():
        units = read_units(dump_of(path).read_text("utf-8"))
        true, heading = align(units, json.loads(path.read_text("utf-8")))
        _add(data, units, true, heading)
    return data


def _add(data: Data, units: list[Unit], true: dict[int, int], heading: dict[int, bool]) -> None:
    for i, unit in enumerate(units):
        if unit.ambiguous and i in heading:
            data.heads.append((roles.features(units, i), int(heading[i])))
    facts = PageFacts.read(units)
    for f, unit in enumerate(units):
        if unit.kind != "para" or not unit.fragment:
            continue
        if f + 1 < len(units) and units[f + 1].kind == "para" and not units[f + 1].gap_before:
            continue  # joined for certain, outside the model (see joins.choose_joins)
        options = starts(units, f)
        target = options.index(true[f]) if true.get(f) in options else -1
        data.cuts.append(([junction_features(units, f, c, facts) for c in options], target))


def _matrix(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    col = {n: k for k, n in enumerate(names)}
    m = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for n, v in row.items():
            if n in col:
                m[r, col[n]] = v
    return m


def fit_heads(samples: list[tuple[dict[str, float], int]]) -> dict[str, float]:
    names = sorted({n for f, _ in samples for n in f})
    x = _matrix([f for f, _ in samples], names)
    y = np.array([label for _, label in samples], dtype=float)
    w = np.zeros(len(names))
    penalty = np.array([0.0 if n == "bias" else L2 for n in names])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        w -= RATE * (x.T @ (p - y) / len(y) + penalty * w)
    return {n: round(float(v), 4) for n, v in zip(names, w, strict=True) if abs(v) >= 1e-4}


def fit_joins(cuts: list[tuple[list[dict[str, float]], int]]) -> tuple[dict[str, float], float]:
    """Conditional logit: weights ``w`` of the features and the score ``u`` of "none"."""
    names = sorted({n for options, _ in cuts for f in options for n in f})
    x = _matrix([f for options, _ in cuts for f in options], names)
    group = np.repeat(np.arange(len(cuts)), [len(options) for options, _ in cuts])
    offsets = np.cumsum([0] + [len(options) for options, _ in cuts])
    chosen = np.zeros(len(group))
    for k, (_, target) in enumerate(cuts):
        if target >= 0:
            chosen[offsets[k] + target] = 1.0
    none_true = np.array([float(t < 0) for _, t in cuts])
    w, u = np.zeros(len(names)), 0.0
    for _ in range(STEPS):
        s = x @ w
        top = np.maximum(np.full(len(cuts), u), _group_max(s, group, len(cuts)))
        e = np.exp(s - top[group])
        total = np.bincount(group, weights=e, minlength=len(cuts)) + np.exp(u - top)
        p = e / total[group]
        p_none = np.exp(u - top) / total
        w -= RATE * (x.T @ (p - chosen) / len(cuts) + L2 * w)
        u -= RATE * float(np.mean(p_none - none_true))
    weights = {n: round(float(v), 4) for n, v in zip(names, w, strict=True) if abs(v) >= 1e-4}
    return weights, round(u, 4)


def _group_max(s: np.ndarray, group: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, -np.inf)
    np.maximum.at(out, group, s)
    return out


def _write(name: str, record: dict[str, Any], pages: int) -> None:
    sources = [
        {"path": str(p.relative_to(ROOT)), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
        for p in gold_files()
    ]
    record = {
        "about": "rebuild: python -m site_builder.ingest.learn.train",
        "pages": pages,
        "sources": sources,
        **record,
    }
    (DATA / name).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")


def check(weights: dict[str, float], unjoined: float, heads: dict[str, float], data: Data) -> None:
    """Accuracy and reliability (confidence bucket -> share right) on held-out pages."""
    model = join_model.JoinModel(weights, unjoined, unjoined)
    rows: dict[str, dict[int, list[int]]] = {"heading": {}, "join": {}}
    for f, label in data.heads:
        z = sum(heads.get(n, 0.0) * v for n, v in f.items())
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        right = int((p >= 0.5) == bool(label))
        rows["heading"].setdefault(min(9, int(max(p, 1 - p) * 10)), []).append(right)
    for options, target in data.cuts:
        scores = [model.score(f) for f in options]
        best = max(range(len(scores)), key=lambda k: scores[k], default=-1)
        pick = best if best >= 0 and scores[best] > unjoined else -1
        chosen = scores[pick] if pick >= 0 else unjoined
        rivals = [s for k, s in enumerate(scores) if k != pick] + ([unjoined] if pick >= 0 else [])
        confidence = model.confidence(chosen, rivals)
        rows["join"].setdefault(min(9, int(confidence * 10)), []).append(int(pick == target))
    for what, buckets in rows.items():
        right = sum(sum(r) for r in buckets.values())
        total = sum(len(r) for r in buckets.values())
        print(f"\n{what}: {right}/{total} right\n| confidence | decisions | share right |")
        for b, r in sorted(buckets.items()):
            print(f"| {b / 10:.1f}–{(b + 1) / 10:.1f} | {len(r)} | {sum(r) / len(r):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--check", action="store_true")
    parser.add_argument(
        "--write-joins",
        action="store_true",
        help="also replace the join weights (hand-set) with the learned ones",
    )
    args = parser.parse_args()
    data = collect(range(args.pages))
    real = collect_gold()
    # Real layouts count more than simulated ones: the simulator knows only the artifacts
    # it was written to make.
    data.heads += real.heads * GOLD_WEIGHT
    data.cuts += real.cuts * GOLD_WEIGHT
    heads = fit_heads(data.heads)
    weights, unjoined = fit_joins(data.cuts)
    _write(roles.MODEL_FILE, {"samples": len(data.heads), "weights": heads}, args.pages)
    if args.write_joins:
        _write(
            join_model.MODEL_FILE,
            {"samples": len(data.cuts), "unjoined": unjoined, "weights": weights},
            args.pages,
        )
    print(f"heading model: {len(data.heads)} lines; join model: {len(data.cuts)} cut sentences")
    print("join weights:", json.dumps(weights, ensure_ascii=False), "unjoined", unjoined)
    if args.check:
        check(weights, unjoined, heads, collect(range(HELD_OUT, HELD_OUT + args.pages // 3)))


if __name__ == "__main__":
    main()
