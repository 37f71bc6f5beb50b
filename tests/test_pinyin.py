"""Phrase-aware pinyin: polyphones read by jieba phrase, slugs ASCII and unique."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.nlp.pinyin import SLUG_MAX, pinyin_syllables, pinyin_text, slug


@pytest.mark.parametrize(
    ("text", "char", "reading"),
    [
        ("西藏", "藏", "zang"),
        ("西藏自治区", "藏", "zang"),  # a jieba word pypinyin has no entry for
        ("长治久安", "长", "chang"),
        ("寒假", "假", "jia4"),
        ("寒假作业", "假", "jia4"),
        ("调解员", "调", "tiao"),
        ("重庆", "重", "chong"),
        ("重庆市", "重", "chong"),
        ("银行", "行", "hang"),
        ("银行卡", "行", "hang"),
        ("一行人", "行", "xing"),
        ("长大", "长", "zhang"),
    ],
)
def test_polyphones_read_by_phrase(text: str, char: str, reading: str) -> None:
    syllables = pinyin_syllables(text)
    assert len(syllables) == len(text)
    if reading == "jia4":  # 假 is jiǎ (false) or jià (holiday): only tone marks tell
        marked = pinyin_text(text).replace(" ", "")
        assert "jià" in marked
        assert "jiǎ" not in marked
    else:
        assert syllables[text.index(char)] == reading


def test_xizang_zizhiqu() -> None:
    assert pinyin_text("西藏自治区") == "xīzàngzìzhìqū"
    assert pinyin_syllables("西藏自治区") == ["xi", "zang", "zi", "zhi", "qu"]


def test_text_convention_words_spaced_syllables_joined() -> None:
    assert pinyin_text("银行 寒假") == "yínháng hánjià"


def test_apostrophe_before_a_o_e_syllable() -> None:
    assert pinyin_text("西安") == "xī'ān"


def test_punctuation_attached_and_ascii() -> None:
    assert pinyin_text("“银行”、寒假。") == '"yínháng", hánjià.'


def test_latin_and_digits_kept() -> None:
    assert pinyin_text("2025年COVID-19") == "2025 nián COVID-19"


def test_syllables_for_search_are_toneless_and_lowercase() -> None:
    result = pinyin_syllables("绿色ABC，银行")
    assert result == ["lv", "se", "abc", "yin", "hang"]


def test_slug_ascii_hyphenated_words() -> None:
    assert slug("重庆银行", set()) == "chongqing-yinhang"


def test_slug_unique_with_suffix_and_does_not_modify_taken() -> None:
    taken = {"yinhang", "yinhang-2"}
    assert slug("银行", taken) == "yinhang-3"
    assert taken == {"yinhang", "yinhang-2"}


def test_slug_cut_at_word_boundary() -> None:
    result = slug("西藏自治区" * 8, set())
    assert len(result) <= SLUG_MAX
    assert result.split("-") == ["xizangzizhiqu"] * 4


def test_slug_without_letters_is_article() -> None:
    assert slug("……！", set()) == "article"


def test_slug_fullwidth_latin_folded() -> None:
    assert slug("ＧＰＳ定位", set()) == "gps-dingwei"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30), st.sets(st.text(alphabet="abc-2", max_size=6), max_size=5))
def test_slug_always_valid(text: str, taken: set[str]) -> None:
    result = slug(text, taken)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", result)
    assert result not in taken
    assert len(result) <= SLUG_MAX + 4
    assert slug(text, taken) == result  # stable: same text, same slug


def test_han_runs_are_told_apart_by_pypinyins_own_pattern() -> None:
    """``_HANS`` is pypinyin's ``RE_HANS`` written out (so that it is there before
    pypinyin is imported); a new pypinyin that changes its pattern must be copied."""
    from pypinyin.constants import RE_HANS

    from site_builder.nlp.pinyin import _HANS

    assert _HANS.pattern == RE_HANS.pattern
