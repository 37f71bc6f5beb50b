"""Reading-aid files: an article's tokens with the shared dictionary give every word's aid."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.analysis.archive import COMMON, analyse_archive
from site_builder.cache.store import Cache
from site_builder.content.loader import load_content
from site_builder.enrich import annotate
from site_builder.render import aids
from site_builder.render.aids import (
    COMMON_WORDS,
    aids_file,
    aids_json,
    common_words,
    dictionary_file,
    reading,
    use_common_words,
)

PAGES = Path(__file__).parent / "fixtures" / "pages"
SITE = Path(__file__).parent / "fixtures" / "site" / "content"
# Common words (在, 发展), rarer ones and names, a character outside jieba's blocks,
# Latin letters, digits, spaces and punctuation.
ALPHABET = "西藏拉萨次仁罗布牦牛青稞在发展经济的了是人民工作T恤A股ab09 \n，。、“”（）㐀"


def inflated(data: bytes) -> Any:
    return json.loads(zlib.decompress(data, -15).decode("utf-8"))


def expanded(article: bytes, dictionary: bytes) -> list[list[list[str]]]:
    """What ``aids.js`` makes of an article's file: every token as [text, reading, gloss]."""
    words = inflated(dictionary)["words"]
    tokens: list[list[list[str]]] = []
    for block in inflated(article)["blocks"]:
        row = []
        for t in block:
            if isinstance(t, int):
                row.append(words[t])
            elif isinstance(t, str):
                row.append([t, "", ""])
            else:
                row.append([t[0], t[1], t[2] if len(t) > 2 else ""])
        tokens.append(row)
    return tokens


def aids_of(texts: list[str]) -> list[list[list[str]]]:
    """Every word's aid as the page lays it: text, reading, gloss (or "")."""
    return [[[t.text, reading(t), t.gloss or ""] for t in annotate(text)] for text in texts]


@given(st.lists(st.text(alphabet=ALPHABET, max_size=40), min_size=1, max_size=4))
@settings(max_examples=200, deadline=None)
def test_article_file_with_the_dictionary_gives_every_words_aid(texts: list[str]) -> None:
    article = aids_file(aids_json(texts))
    assert expanded(article, dictionary_file()) == aids_of(texts)


def test_fixture_pages_through_the_dictionary_and_most_words_numbered() -> None:
    lines = [
        line
        for page in sorted(PAGES.glob("**/*.txt"))
        for line in page.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 500
    article = aids_file(aids_json(lines))
    assert expanded(article, dictionary_file()) == aids_of(lines)
    tokens = [t for block in inflated(article)["blocks"] for t in block]
    numbered = sum(isinstance(t, int) for t in tokens)
    spelled = sum(isinstance(t, list) for t in tokens)
    # The dictionary is worth its fetch only if it replaces a good part of the words.
    assert numbered > spelled / 2, (numbered, spelled)


def test_dictionary_is_fixed_by_jieba_and_holds_distinct_han_words() -> None:
    found = common_words()
    assert len(found) == COMMON_WORDS == len(set(found))
    assert "发展" in found and "的" in found
    words = inflated(dictionary_file())["words"]
    assert [w[0] for w in words] == list(found)
    assert all(w[1] for w in words), "every common word has a reading"
    assert dictionary_file() == dictionary_file()


def test_the_analysis_keeps_the_common_words_for_the_next_build(tmp_path: Path) -> None:
    articles, errors = load_content(SITE)
    assert not errors
    with Cache(tmp_path) as cache:
        analyse_archive(articles[:1], cache, 1)
        kept = cache.get(COMMON, COMMON)
    assert kept is not None
    assert tuple(kept.decode().split("\n")) == common_words()


def test_common_words_handed_in_are_taken_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aids, "_COMMON", {})
    use_common_words(("甲乙", "丙丁"))
    assert common_words() == ("甲乙", "丙丁")
    use_common_words(("戊己",))  # known already in this process: unchanged
    assert common_words() == ("甲乙", "丙丁")
