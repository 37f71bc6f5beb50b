"""The topic vocabulary, the classifier and a person's topics."""

from __future__ import annotations

import math
from dataclasses import replace

from bench.labelled import labelled_articles
from site_builder.enrich import Enricher
from site_builder.enrich.topic_model import LinearTopic, dump, load, train
from site_builder.enrich.topics import (
    FALLBACK,
    SUBTOPIC_FLOOR,
    SUBTOPIC_SHARE,
    ancestors,
    assign,
    most_specific,
    vocabulary,
    with_ancestors,
    written_topics,
)


def test_vocabulary_is_iptc_top_level_plus_named_subtopics() -> None:
    topics = vocabulary()
    top = [t for t in topics.values() if t.parent is None]
    assert len(top) == 17
    assert all(t.iptc and t.iptc.startswith("medtop:") for t in top)
    for topic in topics.values():
        assert topic.name and topic.name_en and topic.keywords
        assert topic.parent is None or topics[topic.parent].parent is None
    assert ancestors("agriculture") == ["economy"]
    assert with_ancestors(["agriculture"]) == {"agriculture", "economy"}
    assert most_specific(["economy", "agriculture", "education"]) == ["agriculture", "education"]


def test_training_is_deterministic_and_round_trips() -> None:
    xs = [{"w:青稞": 1.0, "k:agriculture": 1.0}, {"w:学校": 1.0, "k:education": 0.7}] * 3
    ys = [{"agriculture", "economy"}, {"education"}] * 3
    first = dump(train(xs, ys, list(vocabulary())))
    assert first == dump(train(xs, ys, list(vocabulary())))
    model = load(first)
    assert set(model) == {"agriculture", "economy", "education"}
    assert assign({"w:青稞": 1.0, "k:agriculture": 1.0}, model) == ["agriculture"]
    assert assign({"w:学校": 1.0, "k:education": 1.0}, model) == ["education"]


def _fixed(probability: float) -> LinearTopic:
    """A topic model that gives every article ``probability``."""
    return LinearTopic(math.log(probability / (1 - probability)), {})


def test_a_subtopic_likely_enough_given_its_parent_is_chosen() -> None:
    parent = 0.9
    likely = max(SUBTOPIC_FLOOR, SUBTOPIC_SHARE * parent) + 0.01
    unlikely = min(SUBTOPIC_FLOOR, SUBTOPIC_SHARE * parent) - 0.01
    model = {"economy": _fixed(parent), "tourism": _fixed(likely), "energy": _fixed(0.05)}
    assert assign({}, model) == ["tourism"]
    model["tourism"] = _fixed(unlikely)
    assert assign({}, model) == ["economy"]
    # Only the likeliest subtopic of a parent, and only under a chosen parent.
    model = {"economy": _fixed(parent), "tourism": _fixed(likely), "energy": _fixed(likely + 0.01)}
    assert assign({}, model) == ["energy"]
    model = {"economy": _fixed(FALLBACK / 2), "tourism": _fixed(FALLBACK / 3)}
    assert assign({}, model) == []


def test_almost_every_labelled_article_gets_a_topic() -> None:
    articles = labelled_articles()
    enricher = Enricher(articles)
    covered = [bool(enricher.info(a).topics) for a in articles]
    assert sum(covered) >= 0.95 * len(articles)
    for article in articles:
        topics = enricher.info(article).topics
        assert topics == most_specific(topics) and len(topics) <= 3


def test_a_persons_topics_win_by_id_or_either_name() -> None:
    articles = labelled_articles()[:4]
    written = replace(articles[0], topics=["Tourism", "教育", "weather", "no such topic"])
    enricher = Enricher([written, *articles[1:]])
    info = enricher.info(written)
    assert info.topics == ["tourism", "education", "weather"]
    assert info.unknown_topics == ["no such topic"]
    assert written_topics(["economy", "农业"]) == (["agriculture"], [])
