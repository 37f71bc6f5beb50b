"""The initials table (``initials.bin``): what it holds, and that it marks every result
an initials term finds (its ``i:`` entries carry no forms any more)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from search_support import built_site

from site_builder.search.analyze import analyze
from site_builder.search.initials import from_wire, letters, spans, wire
from site_builder.search.query import check_text


def test_a_characters_letters_are_those_of_all_its_readings() -> None:
    assert letters("长") == "cz"  # cháng, zhǎng
    assert letters("行") == "hx"  # háng, xíng
    assert letters("基") == "j"


@given(st.sets(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=60))
def test_the_wire_form_reads_back_as_each_characters_letters(chars: set[str]) -> None:
    table = from_wire(wire(chars))
    assert table == {c: letters(c) for c in chars if letters(c)}


def test_spans_are_the_runs_whose_characters_fit_the_letters() -> None:
    table = from_wire(wire("下基层治理能力"))
    assert spans("下基层治理能力", "jczl", table) == ["基层治理"]
    assert spans("下基层治理能力", "zlnl", table) == ["治理能力"]
    assert spans("基层", "jczl", table) == []


def test_every_initials_term_of_the_corpus_is_marked_in_its_article() -> None:
    """A result found by initials always shows where: the table covers the reading a
    phrase gives each character (pypinyin's phrases are among its heteronyms)."""
    site = built_site()
    engine = site.engine()
    table = engine.initials()
    records = {}
    for doc_id in range(engine.meta["docs"]):
        record = engine.record(doc_id)
        records[record["k"]] = record
    checked = 0
    for doc in site.docs:
        text = check_text(records[doc.key], engine.table() if records[doc.key].get("z") else None)
        for term in analyze(doc).weights:
            if term.startswith("i:"):
                assert spans(text, term[2:], table), (doc.key, term)
                checked += 1
    assert checked > 1000


def test_initials_entries_carry_no_forms() -> None:
    engine = built_site().engine()
    found = engine._terms(["i:jczl", "p:ji ceng"])
    assert found["i:jczl"].ids and found["i:jczl"].forms == ()
    assert "基层" in found["p:ji ceng"].forms
