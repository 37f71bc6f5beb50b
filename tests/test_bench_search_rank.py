"""The ranking benchmark's measures and archive (bench/search_rank.py).

The measures follow their definitions (a perfect ranking scores 1, a relevant article moved
down never scores more); the archive holds every gold article once, loadable, under a key
that maps back to its id.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.search_packet import shown_text, write_packet
from bench.search_rank import (
    BATCHES,
    ROOT,
    SEEDS,
    add_seeds,
    gold_articles,
    load_labels,
    ndcg,
    reciprocal_rank,
    seed_articles,
    write_archive,
)
from site_builder.content.loader import load_content

ids = st.lists(st.sampled_from("abcdefghijkl"), unique=True, max_size=12)
grades = st.dictionaries(st.sampled_from("abcdefghijkl"), st.integers(1, 2), min_size=1)


@given(grades)
def test_the_ideal_ranking_scores_one(relevant: dict[str, int]) -> None:
    ideal = sorted(relevant, key=lambda a: -relevant[a])
    assert ndcg(ideal, relevant) == pytest.approx(1.0)
    assert reciprocal_rank(ideal, relevant) == 1.0


@given(ids, grades)
def test_scores_lie_between_zero_and_one(ranked: list[str], relevant: dict[str, int]) -> None:
    assert 0.0 <= ndcg(ranked, relevant) <= 1.0 + 1e-9
    assert 0.0 <= reciprocal_rank(ranked, relevant) <= 1.0


@given(ids, grades)
def test_pushing_a_stranger_first_never_helps(ranked: list[str], relevant: dict[str, int]) -> None:
    pushed = ["zz", *ranked]
    assert ndcg(pushed, relevant) <= ndcg(ranked, relevant) + 1e-9
    assert reciprocal_rank(pushed, relevant) <= reciprocal_rank(ranked, relevant)


def test_reciprocal_rank_is_of_the_first_relevant_result() -> None:
    assert reciprocal_rank(["x", "y", "a", "b"], {"a": 1, "b": 2}) == 1 / 3
    assert reciprocal_rank(["x"], {"a": 2}) == 0.0


def test_archive_holds_every_gold_article_once(tmp_path: Path) -> None:
    gold = gold_articles(BATCHES)
    keys = write_archive(gold, tmp_path / "content")
    articles, errors = load_content(tmp_path / "content")
    assert errors == []
    assert sorted(keys.values()) == sorted(gold)
    loaded = {keys[a.key]: a for a in articles}
    assert set(loaded) == set(gold)
    for article_id, article in loaded.items():
        if gold[article_id]["title"]:
            assert article.title == gold[article_id]["title"]
        first = gold[article_id]["blocks"][0]["text"]
        assert first in article.body


@pytest.mark.parametrize(
    ("folders", "labelled"),
    [
        (["search_blind2"], "search_labels_en_blind2.yaml"),
        (["blind_pages/batch_aa", "blind_pages/batch_ab"], "search_labels_en_blind3.yaml"),
        (["blind_pages/batch_an"], "search_labels_en_blind5.yaml"),
        (["blind_pages/batch_ap"], "search_labels_en_blind6.yaml"),
        (["blind_pages/batch_au"], "search_labels_en_blind7.yaml"),
        (["blind_pages/batch_az"], "search_labels_en_blind8.yaml"),
        (["blind_pages/batch_bb"], "search_labels_en_blind9.yaml"),
        (["blind_pages/batch_bd"], "search_labels_en_blind10.yaml"),
        (["blind_pages/batch_bf"], "search_labels_en_blind11.yaml"),
        (["blind_pages/batch_bg"], "search_labels_en_blind12.yaml"),
    ],
)
def test_pages_folders_alone_make_the_archive_of_a_blind_set(
    folders: list[str], labelled: str
) -> None:
    """``--pages``: the archive is the folders' gold articles only, and every label of the
    set written over them names one of them (``load_labels`` refuses any other)."""
    pages = [ROOT / "bench" / f for f in folders]
    gold = gold_articles(BATCHES, pages)
    stems = {
        p.name.removesuffix(".expected.json") for f in pages for p in f.glob("*.expected.json")
    }
    assert {key.split("#")[0] for key in gold} == stems
    labels = load_labels(ROOT / "bench" / labelled, set(gold))
    assert labels and all(lb.relevant for lb in labels)


def test_seeds_join_the_archive_under_their_own_ids(tmp_path: Path) -> None:
    """``--seeds``: the bundled content's articles are copied as they are, each under an
    id ``seed#<slug>`` that ``seed_articles`` (what ``--explain`` reads) knows too."""
    keys = add_seeds(tmp_path / "content")
    articles, errors = load_content(tmp_path / "content")
    assert errors == [] and articles
    assert {keys[a.key] for a in articles} == set(seed_articles()) == set(keys.values())
    assert len(keys) == len(list(SEEDS.glob("*/*.md")))
    for article in seed_articles().values():
        assert article["title"] and article["blocks"][0]["text"]


def test_the_packet_holds_each_article_s_shown_text_and_nothing_derived(tmp_path: Path) -> None:
    """A blind writer's packet: one file per article of the archive, its id first, its
    headline and body as the page shows them; no tags, places or topics the build made."""
    page = ROOT / "tests" / "fixtures" / "pages"
    folder = sorted(p.parent for p in page.rglob("*.expected.json"))[0]
    count = write_packet(tmp_path, [folder], seeds=True, count=10)
    gold = gold_articles("", [folder]) | seed_articles()
    files = sorted((tmp_path / "articles").glob("*.txt"))
    assert count == len(files) == len(gold)
    by_id = {f.read_text("utf-8").split("\n", 1)[0]: f.read_text("utf-8") for f in files}
    assert set(by_id) == set(gold)
    for article_id, article in gold.items():
        assert article["blocks"][-1]["text"].replace("## ", "") in by_id[article_id]
    assert "10 English queries" in (tmp_path / "FORMAT.md").read_text("utf-8")
    shown = "".join(by_id.values())
    assert "日期不详" not in shown and "版次不详" not in shown  # the meta list is left out


def test_shown_text_reads_the_headline_group_and_body_only() -> None:
    page = (
        '<header class="headline"><p class="kicker">引题</p><h1>标题 &amp; 题</h1></header>'
        '<dl class="meta"><dt>标签</dt><dd>党建</dd></dl>'
        '<div class="article-body"><p data-aid="3">正文<b>一</b>段。</p><h2>小标题</h2></div>'
    )
    assert shown_text(page) == "引题\n标题 & 题\n正文一段。\n小标题"
