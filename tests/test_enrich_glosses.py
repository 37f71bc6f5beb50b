"""Reading aids: pinyin and CC-CEDICT glosses per jieba word."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.enrich import Gloss, annotate, gloss
from site_builder.enrich.glosses import MAX_GLOSS


def test_gloss_has_reading_and_short_english() -> None:
    assert gloss("寒假") == Gloss("hánjià", "winter vacation")
    assert gloss("鲁固") is None


def test_gloss_follows_the_reading_of_a_polyphone() -> None:
    hang = gloss("行", "háng")
    xing = gloss("行", "xíng")
    assert hang is not None and hang.english.startswith("row")
    assert xing is not None and xing.english.startswith("to walk")


def test_glosses_stay_short() -> None:
    for word in ("发展", "行", "公益", "振兴", "打", "开"):
        found = gloss(word)
        assert found is not None and 0 < len(found.english) <= MAX_GLOSS


def test_annotate_gives_pinyin_and_gloss_per_word_and_passes_punctuation() -> None:
    tokens = annotate("他在银行工作。")
    assert [t.text for t in tokens] == ["他", "在", "银行", "工作", "。"]
    bank = tokens[2]
    assert bank.pinyin == "yínháng"
    assert bank.gloss is not None and "bank" in bank.gloss
    assert (tokens[-1].pinyin, tokens[-1].gloss) == ("", None)


def test_annotate_reads_polyphones_by_phrase() -> None:
    readings = {t.text: t.pinyin for t in annotate("西藏长治久安,寒假里的调解员。")}
    assert readings["西藏"] == "xīzàng"
    assert readings["长治久安"].startswith("cháng")
    assert readings["寒假"] == "hánjià"
    assert any(p.startswith("tiáo") for w, p in readings.items() if "调解" in w)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="西藏拉萨银行长治久安寒假调解员 ,。“”12ab\n", max_size=30))
def test_annotate_covers_the_text_exactly(text: str) -> None:
    tokens = annotate(text)
    assert "".join(t.text for t in tokens) == text
    assert all(t.pinyin == "" for t in tokens if not any("\u4e00" <= c <= "\u9fff" for c in t.text))
