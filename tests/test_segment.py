"""Segmentation of whole pages against expected articles, kept in tests/fixtures/pages/.

Each ``NAME.expected.json`` lists the page's articles in reading order with their
headline, kind, dateline, authors, column and blocks. Comparison ignores punctuation
width and whitespace (normalisation happens later, on write) but nothing else.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import assert_accounted, assert_matches, norm, right_articles

from site_builder.ingest.segment import segment_page
from site_builder.models import PageSegmentation

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
# Every page with expected articles: the example page (whose dump lives in seeds/), pages
# written for the tests, and pages written blind by someone who never saw the segmenter.
CASES = {"000_795548b3bfa96e7c": ROOT / "seeds" / "000_795548b3bfa96e7c.txt"} | {
    p.name.removesuffix(".expected.json"): p.with_name(p.name.replace(".expected.json", ".txt"))
    for p in sorted(PAGES.rglob("*.expected.json"))
    if not p.name.startswith("000_")
}


def segment(name: str) -> PageSegmentation:
    path = CASES[name]
    return segment_page(path.read_text(encoding="utf-8"), path.name)


# Blind pages (tests/fixtures/pages/blind2/) whose hardest layouts are not all read right
# yet: at least this many of their articles must come out exactly as expected. Raise a
# floor when the segmenter improves; never lower one to make a change pass.
PARTIAL = {"shangrila_daily_0509": 6, "snowland_times_0506": 8, "western_plateau_0512": 7}


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_segments_as_expected(name: str) -> None:
    path = next(PAGES.rglob(f"{name}.expected.json"))
    expected = json.loads(path.read_text(encoding="utf-8"))
    if name in PARTIAL:
        assert right_articles(expected, segment(name)) >= PARTIAL[name]
    else:
        assert_matches(expected, segment(name))


@pytest.mark.parametrize("name", ["plateau_morning_05", "river_valley_02"])
def test_fixture_page_metadata_and_noise(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    seg = segment(name)
    furniture = expected["furniture"]
    assert seg.furniture.paper == furniture["paper"]
    assert seg.furniture.date == furniture["date"]
    assert seg.furniture.page_number == furniture["page_number"]
    assert seg.furniture.page_name == furniture["page_name"]
    assert seg.furniture.editors == furniture["editors"]
    assert [n.line for n in seg.noise] == expected["noise"]
    for key in ("continued_to", "continued_from"):
        want = [a.get(key) for a in expected["articles"]]
        assert [getattr(a, key) for a in seg.articles] == want


def test_example_page_records_its_uncertain_joins() -> None:
    seg = segment("000_795548b3bfa96e7c")
    joins = {d.what for d in seg.decisions if d.what.startswith("join")}
    # The feature's four columns were extracted in reverse: each cut end continues at
    # the top of the column printed before it.
    assert {
        "join line 79 -> line 55",
        "join line 91 -> line 69",
        "join line 102 -> line 81",
    } <= joins
    assert all(0 < d.confidence <= 1 and d.why for d in seg.decisions)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_character_lands_in_exactly_one_place(name: str) -> None:
    path = CASES[name]
    text = path.read_text(encoding="utf-8")
    seg = segment_page(text, path.name)
    assert_accounted(text, seg)


def test_segmenter_source_holds_no_text_of_the_example_page() -> None:
    """Rules come from the structure of text, never from the example page's strings."""
    page = norm((ROOT / "seeds" / "000_795548b3bfa96e7c.txt").read_text(encoding="utf-8"))
    # Generic newspaper vocabulary (a role, a credit label, connectives) the page uses too.
    generic = {"本报记者", "作者单位", "与此同时", "另一方面"}
    for source in sorted((ROOT / "site_builder" / "ingest").glob("*.py")):
        for run in re.findall(r"[\u4e00-\u9fff]{4,}", source.read_text(encoding="utf-8")):
            for i in range(len(run) - 3):
                piece = run[i : i + 4]
                assert piece in generic or piece not in page, f"{source.name}: {piece}"
