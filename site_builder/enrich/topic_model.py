"""The topic classifier: two linear models over an article's words and its keyword
evidence, trained on a labelled set, small enough to ship as JSON. A multinomial
regression over the topics as labelled (most specific) names the article's primary topic;
one logistic regression per topic (a parent trained on its subtopics' articles too) says
how likely each topic is on its own, and a second or third topic is read from those.

Features of an article (``features``): each jieba word of two or more Han characters
(``w:青稞``), each pair of adjacent Han characters (``c:青稞``, ``c:稞种``: evidence that
does not depend on where jieba cuts, and that a word the labelled set never showed shares
with words it did, 种植 with 种植户 and 种植业) and, for each topic, how often the topic's
keywords occur in the text, as phrases however jieba cut them (``k:agriculture``,
``keyword_sites``); a headline counts ``HEADLINE_WEIGHT`` times; values are
``log(1 + count)``, a character pair's ``PAIR_SCALE`` times that. A topic's
keyword feature starts at weight ``KEYWORD_PRIOR`` and is held near it by the penalty, so
that a topic keeps its keyword evidence for words the labelled set never showed; word
weights start at zero and are held near it. Training is plain batch gradient descent,
in a fixed order, so the same labels give the same model. Everything is CPU; training
uses numpy (the labelled set is a few hundred articles, and cross-validation fits one
model per page), classifying is pure Python.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

HEADLINE_WEIGHT = 2
KEYWORD_PRIOR = 1.5
"""Starting weight of a topic's own keyword feature, and where the penalty pulls it."""
L2 = 0.005
"""Penalty on the distance of each weight from its starting value."""
EPOCHS = 200
RATE = 0.5
PRIMARY_EPOCHS = 300
PRIMARY_RATE = 1.0
"""The multinomial regression's steps: its gradient is shared among the topics, so it
needs larger and more steps than the per-topic regressions to fit as closely."""
PAIR_SCALE = 1.5
"""A character pair's value against a word's (the penalty then holds pairs' weights
less): chosen by cross-validation over the labelled set (bench/README.md, tenth round;
1.0 and 2.0 did worse)."""
MIN_WEIGHT = 0.02
"""Smaller weights are left out of the saved model (they change no decision)."""
_HAN = re.compile(r"[\u3400-\u9fff]{2,}")

Features = dict[str, float]


def features(
    words: Iterable[tuple[str, str]],
    cut: int,
    keywords: Mapping[str, frozenset[str]],
    stopwords: frozenset[str],
) -> Features:
    """Features of a text given as (word, part of speech) pairs; those ending at or before
    ``cut`` are the headline. ``keywords`` maps each topic to its keyword set."""
    counts: Counter[str] = Counter()
    pos = 0
    text: list[str] = []
    bounds = {0}
    for word, _ in words:
        pos += len(word)
        text.append(word)
        bounds.add(pos)
        if not _HAN.fullmatch(word) or word in stopwords:
            continue
        counts["w:" + word] += HEADLINE_WEIGHT if pos <= cut else 1
    joined = "".join(text)
    for topic, start, end in keyword_sites(joined, keywords):
        if start in bounds or end in bounds:
            counts["k:" + topic] += HEADLINE_WEIGHT if end <= cut else 1
    for run in _HAN.finditer(joined):
        chars = run.group()
        for i in range(len(chars) - 1):
            weight = HEADLINE_WEIGHT if run.start() + i + 2 <= cut else 1
            counts["c:" + chars[i : i + 2]] += weight
    return {
        name: (PAIR_SCALE if name.startswith("c:") else 1.0) * math.log1p(n)
        for name, n in sorted(counts.items())
    }


def keyword_sites(
    text: str, keywords: Mapping[str, frozenset[str]]
) -> Iterable[tuple[str, int, int]]:
    """Each (topic, start, end) where one of the topic's keywords occurs in ``text``.

    ``features`` counts an occurrence that starts or ends where jieba cut a word: a
    keyword is a phrase of the archive (非遗, 绿色低碳, 营商环境), which jieba often cuts
    into several words (营商/环境) or across (非/遗传/承人 for 非遗传承人), so asking for
    the keyword as one word missed most of them; one end on a cut still keeps a keyword
    out of the middle of two other words (工人 in 员工/人数)."""
    table = _by_first_pair(keywords)
    for at in range(len(text) - 1):
        for topic, keyword in table.get(text[at : at + 2], ()):
            if text.startswith(keyword, at):
                yield topic, at, at + len(keyword)


def _by_first_pair(keywords: Mapping[str, frozenset[str]]) -> dict[str, list[tuple[str, str]]]:
    """The keywords by their first two characters, each with its topic, in a fixed order
    (made once for the mapping the build passes every time)."""
    if _FIRST_PAIRS and _FIRST_PAIRS[0][0] is keywords:
        return _FIRST_PAIRS[0][1]
    table: dict[str, list[tuple[str, str]]] = {}
    for topic, words in keywords.items():
        for keyword in sorted(words):
            if len(keyword) >= 2:
                table.setdefault(keyword[:2], []).append((topic, keyword))
    _FIRST_PAIRS[:] = [(keywords, table)]
    return table


_FIRST_PAIRS: list[tuple[Mapping[str, frozenset[str]], dict[str, list[tuple[str, str]]]]] = []


@dataclass(slots=True)
class LinearTopic:
    """One topic's linear score."""

    bias: float
    weights: dict[str, float]

    def score(self, x: Features) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * v for name, v in x.items())

    def probability(self, x: Features) -> float:
        """The score read as a logistic regression's probability."""
        return logistic(self.score(x))


def logistic(score: float) -> float:
    """A linear score read as a logistic regression's probability."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(slots=True)
class TopicModel:
    """The shipped classifier: two linear models over the same features."""

    each: dict[str, LinearTopic]
    """One logistic regression per topic, a parent trained on every article of its
    subtopics too: how likely each topic is on its own."""
    primary: dict[str, LinearTopic]
    """One multinomial regression over the topics as labelled (most specific; a parent
    where it was labelled alone): which topic an article is about above all. The topics
    compete, so a parent does not win only because every subtopic's words count for it
    (economy beside agriculture), and siblings are told apart (law beside crime-law)."""

    by_feature: dict[str, list[tuple[int, float]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """Each feature's weights in the models, ``each``'s then ``primary``'s numbered in
    order; made on the first ``scores`` (a model is not changed once it scores)."""

    def scores(self, x: Features) -> tuple[dict[str, float], dict[str, float]]:
        """Every ``LinearTopic.score`` of ``x``, in ``each`` and in ``primary``: the same
        floats (each model's products are added in ``x``'s order, from the same integer
        0 as ``sum``), reading only the weights of the features ``x`` has. An article has
        a few hundred features and the sixty models about 84,000 weights; asking every
        model for every feature was most of the build's topic assignment."""
        models = [*self.each.values(), *self.primary.values()]
        if self.by_feature is None:
            index: dict[str, list[tuple[int, float]]] = {}
            for number, linear in enumerate(models):
                for name, weight in linear.weights.items():
                    index.setdefault(name, []).append((number, weight))
            self.by_feature = index
        sums: list[float] = [0] * len(models)
        for name, value in x.items():
            for number, weight in self.by_feature.get(name, ()):
                sums[number] += weight * value
        totals = [linear.bias + total for linear, total in zip(models, sums, strict=True)]
        cut = len(self.each)
        each = dict(zip(self.each, totals[:cut], strict=True))
        return each, dict(zip(self.primary, totals[cut:], strict=True))

    def first(self, x: Features) -> str | None:
        """The primary topic of an article with features ``x`` (None: no model)."""
        return first_of(self.scores(x)[1])


def first_of(primary: Mapping[str, float]) -> str | None:
    """The topic of the highest primary score (the first by id among equals)."""
    ranked = sorted((-score, topic) for topic, score in primary.items())
    return ranked[0][1] if ranked else None


def train(
    xs: Sequence[Features], labels: Sequence[set[str]], parents: Mapping[str, str | None]
) -> TopicModel:
    """A model from articles ``xs`` with their labelled topics ``labels`` (most specific),
    over the vocabulary ``parents`` (each topic's parent, None at the top, in the
    vocabulary's order). A topic no article carries, itself or by a subtopic, gets no
    model and is never assigned."""
    implied = [_with_parents(y, parents) for y in labels]
    return TopicModel(
        _fit(xs, implied, list(parents), softmax=False),
        _fit(xs, labels, list(parents), softmax=True),
    )


def _with_parents(topics: set[str], parents: Mapping[str, str | None]) -> set[str]:
    out = set()
    for topic in topics:
        up: str | None = topic
        while up is not None:
            out.add(up)
            up = parents[up]
    return out


Products = Callable[[Sequence["Features"], Mapping[str, int]], tuple[Callable[[Any], Any], ...]]
"""Given the articles' features and each feature's column, the two products a fit takes
with the feature matrix X (articles × features): ``X @ w`` and ``Xᵀ @ e``."""


def reduceat_products(
    xs: Sequence[Features], index: Mapping[str, int]
) -> tuple[Callable[[Any], Any], ...]:
    """The products by numpy alone: the features as (article, feature, value) triples,
    once in article order and once in feature order, each group summed with reduceat (an
    article has a few hundred of the archive's thousands of words, a dense matrix would
    be mostly zeros)."""
    import numpy as np  # training only: the build reads the JSON and never imports numpy

    rows = np.array([r for r, x in enumerate(xs) for _ in x], dtype=np.intp)
    cols = np.array([index[name] for x in xs for name in x], dtype=np.intp)
    values = np.array([v for x in xs for v in x.values()])[:, None]
    filled = np.unique(rows)  # articles with a feature, in order
    row_starts = np.searchsorted(rows, filled)
    by_col = np.argsort(cols, kind="stable")
    col_starts = np.searchsorted(cols[by_col], np.arange(len(index)))

    def times(w: Any) -> Any:
        z = np.zeros((len(xs), w.shape[1]))
        if len(filled):
            z[filled] = np.add.reduceat(values * w[cols], row_starts)
        return z

    def transposed_times(e: Any) -> Any:
        if not len(index):
            return np.zeros((0, e.shape[1]))
        return np.add.reduceat((values * e[rows])[by_col], col_starts)

    return times, transposed_times


def _fit(
    xs: Sequence[Features],
    labels: Sequence[set[str]],
    topics: Sequence[str],
    softmax: bool,
    products: Products = reduceat_products,
) -> dict[str, LinearTopic]:
    """Linear models by batch gradient descent: a logistic regression per topic, or with
    ``softmax`` one multinomial regression whose target shares an article among its
    labelled topics.

    Every topic is fitted at once, as matrices (numpy, the ``train`` extra: a build only
    reads the saved model); each topic's update is the one a loop over its articles
    would make. ``products`` computes the two products with the feature matrix (a bench
    may pass a sparse matrix's: the same model)."""
    import numpy as np  # training only: the build reads the JSON and never imports numpy

    names = sorted({name for x in xs for name in x})
    index = {name: i for i, name in enumerate(names)}
    chosen = [t for t in topics if any(t in y for y in labels)]
    n = len(xs)
    times, transposed_times = products(xs, index)
    y = np.array([[1.0 if t in labels_of else 0.0 for t in chosen] for labels_of in labels])
    if softmax:
        y /= np.maximum(y.sum(axis=1, keepdims=True), 1.0)
    start = np.zeros((len(names), len(chosen)))
    for column, topic in enumerate(chosen):
        if "k:" + topic in index:
            start[index["k:" + topic], column] = KEYWORD_PRIOR
    w = start.copy()
    bias = np.zeros(len(chosen))
    epochs, rate = (PRIMARY_EPOCHS, PRIMARY_RATE) if softmax else (EPOCHS, RATE)
    for _ in range(epochs):
        z = bias + times(w)
        if softmax:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            predicted = e / e.sum(axis=1, keepdims=True)
        else:
            predicted = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
        error = (predicted - y) / n
        grad = L2 * (w - start) + transposed_times(error)
        bias -= rate * error.sum(axis=0)
        w -= rate * grad
    model: dict[str, LinearTopic] = {}
    for column, topic in enumerate(chosen):
        kept = {
            name: round(float(wi), 4)
            for name, wi in zip(names, w[:, column], strict=True)
            if abs(wi) >= MIN_WEIGHT
        }
        model[topic] = LinearTopic(round(float(bias[column]), 4), kept)
    return model


def dump(model: TopicModel) -> str:
    """The model as JSON text, keys sorted: the same model gives the same bytes."""
    data = {
        part: {t: {"bias": m.bias, "weights": m.weights} for t, m in sorted(models.items())}
        for part, models in (("each", model.each), ("primary", model.primary))
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def load(text: str) -> TopicModel:
    """The model ``dump`` wrote."""
    data = json.loads(text)
    each, primary = (
        {t: LinearTopic(float(m["bias"]), dict(m["weights"])) for t, m in data[part].items()}
        for part in ("each", "primary")
    )
    return TopicModel(each, primary)
