"""The held-out-by-set topic bench fits the model the shipped trainer fits."""

from __future__ import annotations

import pytest

from bench.labelled import blind8_articles, topic_labels
from bench.topics_by_set import sparse_fit
from bench.train_topics import article_x
from site_builder.enrich import topic_model
from site_builder.enrich.topics import most_specific, vocabulary


@pytest.mark.parametrize("softmax", [False, True])
def test_the_sparse_fit_is_the_shipped_fit(softmax: bool) -> None:
    articles = blind8_articles()[:40]
    xs = [article_x(a) for a in articles]
    ys = [set(most_specific(topic_labels()[a.key])) for a in articles]
    topics = list(vocabulary())
    shipped = topic_model._fit(xs, ys, topics, softmax)
    sparse = sparse_fit(xs, ys, topics, softmax)
    assert shipped and sparse == shipped
