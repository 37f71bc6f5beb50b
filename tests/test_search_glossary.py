"""The project's English glosses beside CC-CEDICT (search/data/glosses_en.tsv)."""

from __future__ import annotations

import pytest
from search_support import built_site, doc_text

from site_builder.enrich.cedict import entries
from site_builder.search.english import WHOLE_FIRST, expansions, meanings
from site_builder.search.glossary import SUPPLEMENT, glossed, glossed_words, parse_supplement
from site_builder.search.text import stem


def _supplement() -> dict[str, tuple[str, ...]]:
    parsed = parse_supplement(SUPPLEMENT.read_text(encoding="utf-8"))
    return {word: entry.senses for word, entry in parsed.items()}


def test_supplement_words_are_ones_cedict_lacks() -> None:
    # The file's rule: it fills CC-CEDICT's gaps and never overrides an entry.
    words = _supplement()
    assert len(words) >= 50
    assert [w for w in words if entries(w)] == []
    assert all(2 <= len(w) <= 3 for w in words)


def test_a_supplement_word_is_read_like_a_cedict_entry() -> None:
    assert ("forest ranger", WHOLE_FIRST) in meanings("护林员")
    assert glossed("护林员")[0].senses == ("forest ranger; forest guard",)
    assert "护林员" in set(glossed_words())
    found = expansions(["护林员", "森林"], lambda w: 1)
    assert "护林员" in {w for w, _ in found[stem("ranger")].words}


def test_cedict_entries_come_first_and_stay() -> None:
    assert glossed("志愿者") == entries("志愿者")
    assert glossed("不存在的词") == ()


@pytest.mark.parametrize(
    "text",
    ["党建", "党建\t", "党建\ta//b", "党建\ta\n党建\tb", "\tparty"],
)
def test_a_malformed_line_names_its_line(text: str) -> None:
    with pytest.raises(ValueError, match=r"line \d+: expected a new word"):
        parse_supplement("# comment\n" + text)


def test_a_built_index_finds_a_supplement_word_by_its_gloss() -> None:
    # 调解员 has no CC-CEDICT entry; the supplement's "mediator" finds every article with it.
    site = built_site()
    holding = {doc.key for doc in site.docs if "调解员" in doc_text(doc)}
    assert holding
    engine = site.engine()
    assert holding <= set(engine.search_all("mediators"))
    assert "调解员" in engine.search("mediator").expanded
