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
from collections.abc import Callable, Mapping, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from bench import labelled
from bench.browse_bench import _pr
from bench.train_topics import article_x, fit
from site_builder.enrich import topic_model
from site_builder.enrich.topic_model import Features, LinearTopic, logistic
from site_builder.enrich.topics import assign, with_ancestors

SETS = labelled.BLIND_SETS


# The trainer's own fit, kept before ``main`` puts the sparse one in its place.
TRAINER_FIT = topic_model._fit


def sparse_products(
    xs: Sequence[Features], index: Mapping[str, int]
) -> tuple[Callable[[Any], Any], ...]:
    """The two products of ``topic_model._fit`` by a scipy sparse matrix."""
    from scipy import sparse

    rows = [r for r, x in enumerate(xs) for _ in x]
    cols = [index[name] for x in xs for name in x]
    values = [v for x in xs for v in x.values()]
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(xs), len(index)))
    transposed = matrix.T.tocsr()
    return (lambda w: matrix @ w), (lambda e: transposed @ e)


def sparse_fit(
    xs: Sequence[Features], labels: Sequence[set[str]], topics: Sequence[str], softmax: bool
) -> dict[str, LinearTopic]:
    """``topic_model._fit`` on a scipy sparse matrix: the same model, a minute a fit."""
    return TRAINER_FIT(xs, labels, topics, softmax, sparse_products)


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
