"""Topics held out with the labels of the nearest labelled articles beside the model.

    .venv/bin/python -m bench.topics_neighbours [--k 10] [--alpha 0 0.35 0.5]
        [--threshold 0.35 0.4 0.45 0.5]

A measurement, not a shipped rule: can the topics labellers give an article be read from
the topics they gave the articles most like it, where the linear model
(``topic_model``) misses them? In ``browse_bench``'s 6 folds of whole pages, each
held-out article gets the shipped trainer's per-topic probabilities (a fold's fit, as
``browse_bench`` makes it) and a vote of its ``--k`` nearest training articles (cosine of
TF-IDF vectors of the same features, each neighbour weighted by its similarity squared;
a vote is the share of that weight whose labels hold the topic, parents implied), and the
two are mixed, ``alpha`` the vote's share. Topics are then chosen by the simplest rule:
every topic at ``threshold`` or above, most probable first, most specific, at most
three; an article with none gets its likeliest topic when that is ``topics.FALLBACK``
likely. Printed twice: neighbours from any other fold, and neighbours from another label
set only (another labeller, never a page's continuation on a page of its own batch): the
second is the figure to trust. Needs numpy and scipy (the ``bench`` extra); six fits, about
five minutes on a loaded 2-core machine.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from bench import labelled
from bench.browse_bench import FOLDS, _pr, folds
from bench.topics_by_set import sparse_fit
from bench.train_topics import article_x, fit
from site_builder.enrich import topic_model
from site_builder.enrich.topic_model import logistic
from site_builder.enrich.topics import FALLBACK, MAX_TOPICS, most_specific, vocabulary
from site_builder.enrich.topics import with_ancestors as implied


def _tfidf(xs: Sequence[dict[str, float]]) -> Any:
    """The features as rows of unit length, each weighted by its inverse document frequency
    over ``xs`` (no label is read: the held-out articles may count)."""
    import numpy as np
    from scipy import sparse

    names = sorted({name for x in xs for name in x})
    index = {name: i for i, name in enumerate(names)}
    rows = [r for r, x in enumerate(xs) for _ in x]
    cols = [index[name] for x in xs for name in x]
    values = [v for x in xs for v in x.values()]
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(xs), len(names)))
    df = np.asarray((matrix > 0).sum(axis=0)).ravel()
    weighted = matrix @ sparse.diags(np.log((len(xs) + 1) / (df + 1)) + 1)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    return (sparse.diags(1 / np.maximum(norms, 1e-12)) @ weighted).tocsr()


def _choose(probability: dict[str, float], threshold: float) -> set[str]:
    """The rule the module's docstring gives, parents implied."""
    ranked = sorted(probability, key=lambda t: (-probability[t], t))
    chosen = [t for t in ranked if probability[t] >= threshold]
    if not chosen and ranked and probability[ranked[0]] >= FALLBACK:
        chosen = ranked[:1]
    return implied(most_specific(chosen)[:MAX_TOPICS])


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=10, help="neighbours that vote")
    parser.add_argument("--alpha", type=float, nargs="+", default=[0.0, 0.35, 0.5])
    parser.add_argument("--threshold", type=float, nargs="+", default=[0.35, 0.4, 0.45, 0.5])
    args = parser.parse_args(argv)
    topic_model._fit = sparse_fit  # the same model as the trainer's, a minute a fit
    gold = labelled.labels()
    trains = labelled.topic_labels()
    articles = labelled.labelled_articles()
    extra = labelled.training_articles()
    pool = articles + extra
    xs = [article_x(a) for a in pool]
    label_set = {a.key: "fixtures" for a in labelled.fixture_articles()}
    for name, loader in labelled.BLIND_SETS.items():
        label_set.update({a.key: name for a in loader()})
    topics = list(vocabulary())
    votes = np.array([[t in implied(trains.get(a.key, [])) for t in topics] for a in pool])
    vectors = _tfidf(xs)
    similar = (vectors[: len(articles)] @ vectors.T).toarray()
    fold = folds(articles)
    model_p = np.zeros((len(articles), len(topics)))
    for k in range(FOLDS):
        train = [i for i, a in enumerate(articles) if fold[a.page_id] != k and a.key in trains]
        model = fit(
            [articles[i] for i in train] + extra, [xs[i] for i in train] + xs[-len(extra) :]
        )
        for i, a in enumerate(articles):
            if fold[a.page_id] == k:
                each = model.scores(xs[i])[0]
                model_p[i] = [logistic(each[t]) if t in each else 0.0 for t in topics]
        print(f"fold {k + 1} of {FOLDS} fitted", flush=True)
    scored = [i for i, a in enumerate(articles) if a.key in gold]
    for other_sets in (False, True):
        vote = np.zeros_like(model_p)
        for i in scored:
            a = articles[i]
            mine = label_set.get(a.key)
            # A training-only article is in no fold and no label set.
            allowed = [
                b.key in trains
                and (j >= len(articles) or fold[b.page_id] != fold[a.page_id])
                and not (other_sets and label_set.get(b.key) == mine)
                for j, b in enumerate(pool)
            ]
            sims = np.where(allowed, similar[i], -1.0)
            nearest = np.argsort(-sims, kind="stable")[: args.k]
            weight = np.maximum(sims[nearest], 0.0) ** 2
            vote[i] = (weight[:, None] * votes[nearest]).sum(axis=0) / max(weight.sum(), 1e-12)
        where = "another label set" if other_sets else "another fold"
        for alpha in args.alpha:
            mixed = (1 - alpha) * model_p + alpha * vote
            for threshold in args.threshold:
                pairs = [
                    (
                        _choose(dict(zip(topics, mixed[i], strict=True)), threshold),
                        implied(gold[articles[i].key]["topics"]),
                    )
                    for i in scored
                ]
                precision, recall, found, wanted = _pr(pairs)
                covered = sum(1 for chosen, _ in pairs if chosen) / len(pairs)
                print(
                    f"neighbours from {where}, alpha {alpha}, threshold {threshold}: "
                    f"precision {precision:.3f}  recall {recall:.3f}  "
                    f"({found} found, {wanted} labelled; {covered:.1%} have one)",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
