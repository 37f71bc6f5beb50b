"""Segmentation of whole pages against expected articles, kept in tests/fixtures/pages/.

Each ``NAME.expected.json`` lists the page's articles in reading order with their
headline, kind, dateline, authors, column and blocks. Comparison ignores punctuation
width and whitespace (normalisation happens later, on write) but nothing else.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from support import assert_accounted

from site_builder.ingest.segment import segment_page
from site_builder.models import PageSegmentation, SegmentedArticle

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
CASES = {
    "000_795548b3bfa96e7c": ROOT / "seeds" / "000_795548b3bfa96e7c.txt",
    "plateau_morning_05": PAGES / "plateau_morning_05.txt",
    "river_valley_02": PAGES / "river_valley_02.txt",
}


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def headline_pieces(article: dict[str, object]) -> set[str]:
    """Kicker, title and subtitle as a set of space-separated pieces.

    A two-part title on one line may be read as title + subtitle or as one title; both
    are right, so the pieces are compared, not the fields.
    """
    pieces = set()
    for key in ("kicker", "title", "subtitle"):
        value = article.get(key)
        if isinstance(value, str):
            pieces.update(norm(p) for p in unicodedata.normalize("NFKC", value).split())
    return pieces


def as_dict(article: SegmentedArticle) -> dict[str, object]:
    return {
        "kicker": article.kicker,
        "title": None if article.title_derived else article.title,
        "subtitle": article.subtitle,
    }


def segment(name: str) -> PageSegmentation:
    path = CASES[name]
    return segment_page(path.read_text(encoding="utf-8"), path.name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_segments_as_expected(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    got = segment(name).articles
    assert len(got) == len(expected["articles"])
    for want, have in zip(expected["articles"], got, strict=True):
        label = want.get("title") or "(derived)"
        assert headline_pieces(want) == headline_pieces(as_dict(have)), label
        assert have.title_derived == (want.get("title") is None), label
        assert have.kind == want["kind"], label
        assert norm(have.dateline) == norm(want.get("dateline")), label
        assert [norm(a) for a in have.authors] == [norm(a) for a in want["authors"]], label
        assert norm(have.column) == norm(want.get("column")), label
        blocks = [(b.type, norm(b.text)) for b in have.blocks]
        want_blocks = [(b["type"], norm(b["text"])) for b in want["blocks"]]
        if have.affiliation:  # the gold may keep the affiliation line as a last paragraph
            want_blocks = [b for b in want_blocks if b[1] != norm(have.affiliation)]
        assert blocks == want_blocks, label


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
