"""The topic classifier: one logistic regression per topic over an article's words and
its keyword evidence, trained on a labelled set, small enough to ship as JSON.

Features of an article (``features``): each jieba word of two or more Han characters
(``w:青稞``) and, for each topic, how often the topic's keywords occur (``k:agriculture``);
a headline counts ``HEADLINE_WEIGHT`` times; values are ``log(1 + count)``. A topic's
keyword feature starts at weight ``KEYWORD_PRIOR`` and is held near it by the penalty, so
that a topic keeps its keyword evidence for words the labelled set never showed; word
weights start at zero and are held near it. Training is plain batch gradient descent,
in a fixed order, so the same labels give the same model. Everything is CPU and pure
Python: the labelled set is a few hundred articles.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

HEADLINE_WEIGHT = 2
KEYWORD_PRIOR = 1.5
"""Starting weight of a topic's own keyword feature, and where the penalty pulls it."""
L2 = 0.05
"""Penalty on the distance of each weight from its starting value."""
EPOCHS = 200
RATE = 0.5
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
    for word, _ in words:
        pos += len(word)
        if not _HAN.fullmatch(word) or word in stopwords:
            continue
        weight = HEADLINE_WEIGHT if pos <= cut else 1
        counts["w:" + word] += weight
        for topic, words_of in keywords.items():
            if word in words_of:
                counts["k:" + topic] += weight
    return {name: math.log1p(n) for name, n in sorted(counts.items())}


@dataclass(slots=True)
class LinearTopic:
    """One topic's logistic regression."""

    bias: float
    weights: dict[str, float]

    def probability(self, x: Features) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * v for name, v in x.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def train(
    xs: Sequence[Features], labels: Sequence[set[str]], topics: Sequence[str]
) -> dict[str, LinearTopic]:
    """A model per topic from articles ``xs`` with their topic sets ``labels`` (parents
    included). A topic no article carries gets no model and is never assigned."""
    names = sorted({name for x in xs for name in x})
    index = {name: i for i, name in enumerate(names)}
    rows = [[(index[name], v) for name, v in x.items()] for x in xs]
    n = len(xs)
    model: dict[str, LinearTopic] = {}
    for topic in topics:
        ys = [1.0 if topic in y else 0.0 for y in labels]
        if not any(ys):
            continue
        start = [KEYWORD_PRIOR if name == "k:" + topic else 0.0 for name in names]
        w = list(start)
        bias = 0.0
        for _ in range(EPOCHS):
            grad = [L2 * (wi - si) for wi, si in zip(w, start, strict=True)]
            grad_bias = 0.0
            for row, y in zip(rows, ys, strict=True):
                z = bias + sum(w[i] * v for i, v in row)
                error = (1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - y) / n
                grad_bias += error
                for i, v in row:
                    grad[i] += error * v
            bias -= RATE * grad_bias
            w = [wi - RATE * g for wi, g in zip(w, grad, strict=True)]
        kept = {
            name: round(wi, 4) for name, wi in zip(names, w, strict=True) if abs(wi) >= MIN_WEIGHT
        }
        model[topic] = LinearTopic(round(bias, 4), kept)
    return model


def dump(model: Mapping[str, LinearTopic]) -> str:
    """The model as JSON text, keys sorted: the same model gives the same bytes."""
    data = {t: {"bias": m.bias, "weights": m.weights} for t, m in sorted(model.items())}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def load(text: str) -> dict[str, LinearTopic]:
    """The model ``dump`` wrote."""
    data = json.loads(text)
    return {t: LinearTopic(float(m["bias"]), dict(m["weights"])) for t, m in data.items()}
