"""Our part-of-speech Viterbi decoding returns exactly what jieba's does."""

from __future__ import annotations

from pathlib import Path

import jieba.posseg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from site_builder.nlp import posseg
from site_builder.nlp.tokenizer import tagged, tokenizer
from site_builder.nlp.viterbi import viterbi

PAGES = Path(__file__).parent / "fixtures" / "pages"
MODEL = (char_state_tab_P, start_P, trans_P, emit_P)
# Characters the model knows, characters it has never seen (every state then scores
# MIN_FLOAT), Latin letters and digits: the mixes jieba hands to the decoder.
ALPHABET = "的了是在人西藏拉萨次仁罗布扎西顿珠牦牛青稞乡镇县村巴宜区曲水𠀀龘䶮ABCxyz0123"


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=24))
@settings(max_examples=300, deadline=None)
def test_same_route_and_score_as_jieba(text: str) -> None:
    assert viterbi(text, *MODEL) == jieba_viterbi(text, *MODEL)


@pytest.mark.parametrize("page", sorted(PAGES.glob("**/*.txt")), ids=lambda p: p.stem)
def test_the_tagger_tags_fixture_pages_as_jieba_does(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counted(text: str, *model: object) -> object:
        calls.append(text)
        return viterbi(text, *model)  # type: ignore[arg-type]

    monkeypatch.setattr(posseg, "viterbi", counted)
    posseg._decoded.cache_clear()  # runs decoded by earlier tests would not reach it
    reference = jieba.posseg.POSTokenizer(tokenizer())
    lines = page.read_text(encoding="utf-8").splitlines()
    # Twice: the second time the runs' decodings come from the tagger's cache.
    for line in lines + lines:
        assert tagged(line) == [(p.word, p.flag) for p in reference.cut(line)]
    assert calls  # the tagger decodes with our Viterbi, not jieba's
    assert posseg._decoded.cache_info().hits > 0


def test_the_tagger_reads_jiebas_model_and_patterns() -> None:
    assert posseg.model() == MODEL
    for name in ("re_han_internal", "re_skip_internal", "re_han_detail", "re_skip_detail"):
        assert getattr(posseg, name).pattern == getattr(jieba.posseg, name).pattern, name
    assert posseg.re_eng.pattern == jieba.posseg.re_eng.pattern
    assert posseg.re_num.pattern == jieba.posseg.re_num.pattern
