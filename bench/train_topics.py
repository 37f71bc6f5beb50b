"""Train the topic classifier on the labelled set and write the shipped model.

    .venv/bin/python -m bench.train_topics

Reads the labelled articles (the fixtures' and the blind pages' gold files) and their
topics in ``tests/fixtures/enrich/labels.json`` and every ``labels_blind*.json``
(``labelled.topic_labels``), and the articles labelled for training only
(``labels_topics_training.json``; see ``bench/labelled.py``), and writes
``site_builder/enrich/data/topics_model.json``. The same labels give the same file. Needs
numpy (the ``train`` extra).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from bench.labelled import labelled_articles, topic_labels, training_articles
from site_builder.content.article import Article
from site_builder.enrich import article_words
from site_builder.enrich.enricher import article_text
from site_builder.enrich.topic_model import Features, TopicModel, dump, train
from site_builder.enrich.topics import (
    MODEL_FILE,
    article_features,
    filed_under,
    most_specific,
    vocabulary,
)


def article_x(article: Article) -> Features:
    """Classifier features of one article, as the build computes them."""
    filed = filed_under(article.page_name, article.column)
    return article_features(article_words(article), article_text(article)[1], filed)


def fit(articles: Sequence[Article], xs: Sequence[Features]) -> TopicModel:
    """A model from the labelled topics of ``articles`` (features ``xs``)."""
    gold = topic_labels()
    ys = [set(most_specific(gold[a.key])) for a in articles]
    return train(xs, ys, {t.id: t.parent for t in vocabulary().values()})


def main() -> int:
    articles = [a for a in labelled_articles() if a.key in topic_labels()] + training_articles()
    model = fit(articles, [article_x(a) for a in articles])
    path = Path(str(files("site_builder.enrich") / "data" / MODEL_FILE))
    path.write_text(dump(model), encoding="utf-8")
    print(f"wrote {len(model.each)} topics' models from {len(articles)} articles to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
