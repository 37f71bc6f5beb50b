"""Topic recall held out by label set: each blind set's labeller held out in turn.

    .venv/bin/python -m bench.topics_by_set [--set blind6 --set blind7 ...] [--dump FILE]

For each set named (default: every blind set), the model is trained as
``bench.train_topics`` trains the shipped one, but without that set's articles, and then
classifies them: a new labeller's habits, unlike ``browse_bench``'s folds of pages that
share a labeller with their training pages. Prints precision and recall of the shipped
decision rule (``topics.assign``) by set and over all; ``--dump`` writes each held-out
article's probabilities (JSON) so that decision rules can be compared without refitting.

With scipy importable (the ``bench`` and ``test`` extras install it) the fits use
``sparse_fit``, the same updates as ``topic_model._fit`` on a scipy sparse matrix: a
minute a fit instead of several.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from importlib.util import find_spec
from pathlib import Path

from bench import labelled
from bench.browse_bench import _pr
from bench.train_topics import article_x, fit
from site_builder.content.article import Article
from site_builder.enrich import topic_model
from site_builder.enrich.topic_model import Features, LinearTopic, logistic
from site_builder.enrich.topics import assign, with_ancestors

SETS: dict[str, Callable[[], list[Article]]] = {
    "blind": labelled.blind_articles,
    "blind2": labelled.blind2_articles,
    "blind3": labelled.blind3_articles,
    "blind4": labelled.blind4_articles,
    "blind5": labelled.blind5_articles,
    "blind6": labelled.blind6_articles,
    "blind7": labelled.blind7_articles,
    "blind8": labelled.blind8_articles,
}


def sparse_fit(
    xs: Sequence[Features], labels: Sequence[set[str]], topics: Sequence[str], softmax: bool
) -> dict[str, LinearTopic]:
    """``topic_model._fit`` with the features as a scipy sparse matrix (same start, steps
    and rounding)."""
    import numpy as np
    from scipy import sparse

    names = sorted({name for x in xs for name in x})
    index = {name: i for i, name in enumerate(names)}
    chosen = [t for t in topics if any(t in y for y in labels)]
    n = len(xs)
    rows = [r for r, x in enumerate(xs) for _ in x]
    cols = [index[name] for x in xs for name in x]
    values = [v for x in xs for v in x.values()]
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, len(names)))
    transposed = matrix.T.tocsr()
    y = np.array([[1.0 if t in labels_of else 0.0 for t in chosen] for labels_of in labels])
    if softmax:
        y /= np.maximum(y.sum(axis=1, keepdims=True), 1.0)
    start = np.zeros((len(names), len(chosen)))
    for column, topic in enumerate(chosen):
        if "k:" + topic in index:
            start[index["k:" + topic], column] = topic_model.KEYWORD_PRIOR
    w = start.copy()
    bias = np.zeros(len(chosen))
    if softmax:
        epochs, rate = topic_model.PRIMARY_EPOCHS, topic_model.PRIMARY_RATE
    else:
        epochs, rate = topic_model.EPOCHS, topic_model.RATE
    for _ in range(epochs):
        z = bias + matrix @ w
        if softmax:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            predicted = e / e.sum(axis=1, keepdims=True)
        else:
            predicted = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
        error = (predicted - y) / n
        grad = topic_model.L2 * (w - start) + transposed @ error
        bias -= rate * error.sum(axis=0)
        w -= rate * grad
    model: dict[str, LinearTopic] = {}
    for column, topic in enumerate(chosen):
        kept = {
            name: round(float(wi), 4)
            for name, wi in zip(names, w[:, column], strict=True)
            if abs(wi) >= topic_model.MIN_WEIGHT
        }
        model[topic] = LinearTopic(round(float(bias[column]), 4), kept)
    return model


def held_out(names: Sequence[str], dump: Path | None) -> None:
    """Fit without each set of ``names``, score it, and print the figures."""
    gold = labelled.topic_labels()
    pool = [a for a in labelled.labelled_articles() if a.key in gold]
    pool += labelled.training_articles()
    xs = {a.key: article_x(a) for a in pool}
    every: list[tuple[set[str], set[str]]] = []
    dumped: dict[str, object] = {}
    for name in names:
        out = {a.key for a in SETS[name]()} & set(gold)
        train = [a for a in pool if a.key not in out]
        model = fit(train, [xs[a.key] for a in train])
        pairs = []
        for a in pool:
            if a.key not in out:
                continue
            x = xs[a.key]
            pairs.append((with_ancestors(assign(x, model)), with_ancestors(gold[a.key])))
            each, primary = model.scores(x)
            dumped[a.key] = {
                "set": name,
                "gold": gold[a.key],
                "each": {t: round(logistic(s), 4) for t, s in each.items()},
                "primary": {t: round(s, 4) for t, s in primary.items()},
            }
        every += pairs
        precision, recall, found, wanted = _pr(pairs)
        print(
            f"{name:8} held out  precision {precision:.3f}  recall {recall:.3f}  "
            f"({found} found, {wanted} labelled)",
            flush=True,
        )
    precision, recall, found, wanted = _pr(every)
    print(
        f"{'all':8} held out  precision {precision:.3f}  recall {recall:.3f}  "
        f"({found} found, {wanted} labelled)"
    )
    if dump is not None:
        dump.write_text(json.dumps(dumped, ensure_ascii=False, sort_keys=True), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=sorted(SETS), default=[])
    parser.add_argument("--dump", type=Path, help="write held-out probabilities (JSON)")
    args = parser.parse_args(argv)
    if find_spec("scipy") is not None:
        topic_model._fit = sparse_fit  # the bench's fits only; train_topics keeps numpy's
    held_out(args.set or list(SETS), args.dump)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
