"""Reading English misses by cause (bench/search_explain.py): the cause follows from which
clauses' words an article holds, searched or only meant."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bench.search_explain import (
    CAP,
    CAUSES,
    KEPT_OUT,
    NO_WORD,
    SOME_CLAUSES,
    Searched,
    archive_words,
    article_text,
    cause,
)

FOREST = Searched("forest", ("森林", "山林"), frozenset({"森林", "山林", "林区"}))
FIRE = Searched("fire prevent", ("防火",), frozenset({"防火"}))


def test_an_article_without_any_clause_word_is_a_neighbouring_topic() -> None:
    assert cause([FOREST, FIRE], "草原上的牧民") == NO_WORD


def test_an_article_with_words_for_some_clauses_only() -> None:
    assert cause([FOREST, FIRE], "草原防火应急演练") == SOME_CLAUSES


def test_a_word_meant_but_not_searched_is_the_cap() -> None:
    assert cause([FOREST, FIRE], "林区防火检查") == CAP


def test_searched_words_of_every_clause_and_still_missed_is_kept_out() -> None:
    assert cause([FOREST, FIRE], "森林防火检查") == KEPT_OUT


@given(st.text(alphabet="森林山区防火草原牧民", max_size=12))
def test_every_text_has_exactly_one_cause(text: str) -> None:
    found = cause([FOREST, FIRE], text)
    assert found in CAUSES
    held = [any(w in text for w in c.meaning) for c in (FOREST, FIRE)]
    assert (found == NO_WORD) == (not any(held))


def test_article_text_is_folded_and_archive_words_are_short_han_words() -> None:
    text = article_text({"title": "ＡＢ森林防火", "kicker": None, "blocks": [{"text": "牧民"}]})
    assert text.startswith("ab森林防火")
    words = archive_words([text])
    assert "防火" in words and "牧民" in words
    assert all(1 <= len(w) <= 3 for w in words)
