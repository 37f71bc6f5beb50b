"""The browsing bench runs on each labelled set and prints its figures."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bench import browse_bench
from bench.browse_bench import Labelled, folds, main
from bench.labelled import (
    blind2_articles,
    blind3_articles,
    blind4_articles,
    blind5_articles,
    blind7_articles,
    blind8_articles,
    blind9_articles,
    blind10_articles,
    gold_articles,
    labelled_articles,
    labels,
    topic_labels,
    training_articles,
)
from site_builder.content.article import Article
from site_builder.enrich.topic_model import Features, TopicModel


def test_the_second_blind_set_is_labelled_and_loaded() -> None:
    articles = blind2_articles()
    assert len(articles) == 166
    assert all(a.key in labels() for a in articles)
    # Its places are read in the gazetteer's names, most specific only in each article.
    for article in articles:
        paths = labels()[article.key]["places"]
        assert not any(o.startswith(p + "/") for p in paths for o in paths), article.key
    assert "宁夏回族自治区/固原市/隆德县" in labels()[articles[0].key]["places"]


def test_the_third_blind_set_is_labelled_loaded_and_trains_the_model() -> None:
    articles = blind3_articles()
    assert len(articles) == 167
    assert all(a.key in labels() for a in articles)
    assert {a.key for a in articles} <= set(topic_labels())
    # Invented places give none (the labeller's note): an article can have no place.
    assert any(not labels()[a.key]["places"] for a in articles)


@pytest.mark.parametrize(
    ("articles", "count", "batch"),
    [
        (blind4_articles, 108, "an"),
        (blind5_articles, 105, "ap"),
        (blind7_articles, 109, "ay"),
        (blind8_articles, 107, "ba"),
        (blind9_articles, 104, "bc"),
        (blind10_articles, 101, "be"),
    ],
)
def test_a_blind_set_of_one_batch_is_labelled_loaded_and_trains_the_model(
    articles: Callable[[], list[Article]], count: int, batch: str
) -> None:
    loaded = articles()
    assert len(loaded) == count
    assert all(a.key in labels() for a in loaded)
    assert {a.key for a in loaded} <= set(topic_labels())
    pages = {a.page_id for a in loaded}
    assert len(pages) == 10 and all(page.startswith(batch) for page in pages)


def test_the_seventh_blind_sets_places_are_read_in_the_gazetteers_names() -> None:
    # (the labeller's 邢台市/清河县 path)
    assert "河北省/邢台市/清河县" in labels()["ay02_continuation/a4"]["places"]


def _few_pages(count: int) -> Labelled:
    """``count`` pages of the second blind set as the archive (a fold each, up to six) and
    a few articles labelled for training only: the bench as it runs on the whole labelled
    set, where a page's fold is fitted on about 1,500 articles for six minutes, in
    seconds."""
    pages = sorted({a.page_id for a in blind2_articles()})[:count]
    articles = [a for a in labelled_articles() if a.page_id in pages]
    return Labelled(articles, training_articles()[:6])


def test_the_bench_scores_one_page_of_the_second_blind_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    few = _few_pages(3)
    page = few.articles[0].page_id
    assert main(["--set", "blind2", "--page", page], few) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"labelled set: {len(few.articles)} articles, scored: ")
    figures = {
        name: (float(p), float(r))
        for name, p, r in re.findall(r"^(\S.*?)\s+precision (\S+)\s+recall (\S+)", out, re.M)
    }
    # One fold holds the page: its figures are the set's.
    fold = folds(few.articles)[page] + 1
    assert set(figures) == {
        "places (most specific)",
        "topics, shipped model",
        "topics, 6 folds, blind2",
        f"topics, fold {fold} of 6",
    }
    assert figures["topics, 6 folds, blind2"] == figures[f"topics, fold {fold} of 6"]
    assert all(0 <= p <= 1 and 0 <= r <= 1 for p, r in figures.values())
    assert re.search(r"^tags, scored articles\s+\d+ tags, \d+% group", out, re.M)
    assert re.search(r"\d+% of tags are words of one or two characters$", out, re.M)
    assert "none labelled in this set" in out


def test_each_fold_is_scored_by_a_model_that_never_saw_its_pages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    few = _few_pages(6)
    trained_on: list[set[str]] = []

    def fit_and_note(articles: list[Article], xs: list[Features]) -> TopicModel:
        # No fit: what is tested is which articles each fold's model learns from.
        trained_on.append({a.key for a in articles})
        return TopicModel({}, {})

    monkeypatch.setattr(browse_bench, "fit", fit_and_note)
    assert main(["--set", "all", "--only", "topics"], few) == 0
    out = capsys.readouterr().out
    assert re.search(r"^topics, 6 folds, blind2\s+precision", out, re.M)
    fold = folds(few.articles)
    assert len(trained_on) == len(set(fold.values())) == 6
    extra = {a.key for a in few.training}
    for k, keys in enumerate(trained_on):
        held = {a.key for a in few.articles if fold[a.page_id] == k}
        assert held and not held & keys
        assert keys == extra | {a.key for a in few.articles} - held


def test_the_bench_scores_only_the_parts_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    few = _few_pages(1)
    page = few.articles[0].page_id
    assert main(["--set", "blind2", "--page", page, "--only", "places"], few) == 0
    out = capsys.readouterr().out
    assert re.search(r"^places \(most specific\)\s+precision", out, re.M)
    assert "tags" not in out and "topics" not in out


def test_a_page_outside_the_set_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--set", "blind2", "--page", "no_such_page"]) == 2
    assert "no_such_page" in capsys.readouterr().out


def test_the_gold_archive_holds_every_gold_article_once() -> None:
    articles = gold_articles()
    keys = [a.key for a in articles]
    assert len(keys) == len(set(keys))
    assert set(keys) >= {a.key for a in labelled_articles()}
    assert len(keys) > len(labelled_articles()) + len(training_articles())
