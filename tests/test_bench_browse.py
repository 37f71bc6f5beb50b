"""The browsing bench runs on each labelled set and prints its figures."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bench.browse_bench import folds, main
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


def test_the_bench_scores_one_page_of_the_second_blind_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = blind2_articles()[0].page_id
    assert main(["--set", "blind2", "--page", page]) == 0
    out = capsys.readouterr().out
    figures = {
        name: (float(p), float(r))
        for name, p, r in re.findall(r"^(\S.*?)\s+precision (\S+)\s+recall (\S+)", out, re.M)
    }
    # One fold holds the page: its figures are the set's.
    fold = folds(labelled_articles())[page] + 1
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


def test_the_bench_scores_only_the_parts_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    page = blind2_articles()[0].page_id
    assert main(["--set", "blind2", "--page", page, "--only", "places"]) == 0
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
