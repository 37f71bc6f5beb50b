"""Query parsing and text folding: the rules both engines share (see search/SPEC.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.search.text import (
    HanClause,
    LatinClause,
    choose_readings,
    fnv1a,
    fold,
    fold_with_map,
    join_phrases,
    parse_query,
    share_heads,
    shared_keys,
    split_all,
    split_syllables,
    subjects,
    tokens,
)

CASES = json.loads(
    (Path(__file__).parent / "fixtures" / "search" / "parse_cases.json").read_text("utf-8")
)
SYLLABLES = frozenset(CASES["syllables"])


def as_json(clause: HanClause | LatinClause) -> dict[str, object]:
    if isinstance(clause, HanClause):
        return {"han": clause.text}
    return {"word": clause.word, "syllables": list(clause.syllables), "initials": clause.initials}


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["q"] for c in CASES["cases"]])
def test_parse_cases(case: dict[str, object]) -> None:
    assert [as_json(c) for c in parse_query(str(case["q"]), SYLLABLES)] == case["clauses"]


def test_fold_drops_tones_and_width() -> None:
    assert fold("Lā Sà ＧＰＳ Nêdong lǘ") == "la sa gps nedong lv"


def test_fold_map_points_back_to_the_original() -> None:
    text = "ﬁ拉萨Ā"
    folded, where = fold_with_map(text)
    assert folded == "fi拉萨a"
    assert where == [0, 0, 1, 2, 3]


def test_tokens_split_han_latin_and_punctuation() -> None:
    found = [(t.text, t.han) for t in tokens(fold("G318国道，2024年 COVID-19"))]
    assert found == [
        ("g318", False),
        ("国道", True),
        ("2024", False),
        ("年", True),
        ("covid", False),
        ("19", False),
    ]


def test_fnv1a_matches_the_reference_values() -> None:
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_long_han_queries_look_up_spread_trigrams() -> None:
    clause = HanClause("嘎玛贡桑社区活动中心")
    assert clause.terms() == ["嘎玛贡", "贡桑社", "社区活", "动中心"]
    assert clause.needs_check
    assert HanClause("社区").terms() == ["社区"] and not HanClause("社区").needs_check


@given(st.lists(st.sampled_from(sorted(SYLLABLES)), min_size=1, max_size=6))
def test_split_syllables_spells_the_input_with_fewest_pieces(parts: list[str]) -> None:
    letters = "".join(parts)
    found = split_syllables(letters, SYLLABLES)
    assert found is not None
    assert "".join(found) == letters
    assert all(p in SYLLABLES for p in found)
    assert len(found) <= len(parts)


@given(st.text(alphabet="bcdfgkmprtvw", min_size=1, max_size=6))
def test_letters_without_syllables_do_not_parse(letters: str) -> None:
    assert split_syllables(letters, SYLLABLES) is None


def test_split_all_lists_every_fewest_syllable_reading_preferred_first() -> None:
    syllables = frozenset(["ka", "kan", "a", "na", "si", "xi", "an", "xian"])
    assert split_all("kanasi", syllables) == [("kan", "a", "si"), ("ka", "na", "si")]
    assert split_all("xian", syllables) == [("xian",)]
    assert split_all("kanx", syllables) == []


def test_the_reading_the_index_has_is_chosen() -> None:
    syllables = frozenset(["ka", "kan", "a", "na", "si"])
    [clause] = parse_query("kanasi", syllables)
    assert isinstance(clause, LatinClause) and clause.others == (("ka", "na", "si"),)
    indexed = {"p:ka na", "p:na si"}
    [chosen] = choose_readings([clause], indexed.__contains__)
    assert isinstance(chosen, LatinClause) and chosen.syllables == ("ka", "na", "si")
    [kept] = choose_readings([clause], lambda key: False)
    assert isinstance(kept, LatinClause) and kept.syllables == ("kan", "a", "si")


@given(st.lists(st.sampled_from(sorted(SYLLABLES)), min_size=1, max_size=6))
def test_every_reading_spells_the_input_with_the_fewest_pieces(parts: list[str]) -> None:
    letters = "".join(parts)
    readings = split_all(letters, SYLLABLES)
    assert readings and len(set(readings)) == len(readings)
    assert all("".join(r) == letters for r in readings)
    assert len({len(r) for r in readings}) == 1 and len(readings[0]) <= len(parts)


def test_subjects_are_cut_at_and_or_and_lose_their_stop_words() -> None:
    def words(query: str, known: frozenset[str] = frozenset()) -> list[list[str | None]]:
        clauses = join_phrases(parse_query(query, frozenset()), lambda key: key in known)
        return [[c.word for c in part if isinstance(c, LatinClause)] for part in subjects(clauses)]

    assert words("tea gardens and tea picking") == [["tea", "gardens"], ["tea", "picking"]]
    assert words("training for officials or cadres") == [["training", "officials"], ["cadres"]]
    assert words("poems and") == [["poems"]]
    assert words("ice and snow tourism", frozenset(["w:ice and snow"])) == [
        ["ice and snow", "tourism"]
    ]


def test_a_word_before_and_shares_the_next_subjects_words_when_the_index_knows_it() -> None:
    """``primary and secondary schools`` is primary schools and secondary schools: the
    phrases tried are the word with the next subject's words but its first (longest
    first) or with their last, up to the first stop word."""

    def shared(query: str, known: set[str]) -> list[str | None]:
        clauses = share_heads(parse_query(query, frozenset()), known.__contains__)
        return [c.word for c in clauses if isinstance(c, LatinClause)]

    assert shared_keys(parse_query("solar and wind power projects for towns", frozenset())) == [
        "w:solar power project",
        "w:solar power",
        "w:solar project",
    ]
    assert shared("primary and secondary schools", {"w:primary school"}) == [
        "primary schools",
        "and",
        "secondary",
        "schools",
    ]
    assert shared("solar and wind power", {"w:solar power", "w:solar"})[0] == "solar power"
    assert shared("railways and trains", {"w:railway train"}) == ["railways", "and", "trains"]
    assert shared("the and secondary schools", {"w:the school"})[0] == "the"


def test_the_glosses_stop_words_are_the_querys_too() -> None:
    """No ``w:`` key is a gloss stop word alone, so a query clause of one finds nothing
    and would empty an AND; CC-CEDICT's abbreviations and ``used`` (``used cars``) aside."""
    from site_builder.search.english import _STOP
    from site_builder.search.text import STOP_WORDS

    assert _STOP - {"sb", "sth", "etc", "esp", "used"} <= STOP_WORDS
