"""Typographic normalisation, driven by tests/fixtures/normalize.tsv (input/expected pairs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.ingest.normalize import normalize

FIXTURE = Path(__file__).parent / "fixtures" / "normalize.tsv"
_ESCAPE = re.compile(r"\\(n|t|\\|u[0-9a-fA-F]{4})")


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code.startswith("u"):
            return chr(int(code[1:], 16))
        return {"n": "\n", "t": "\t", "\\": "\\"}[code]

    return _ESCAPE.sub(replace, text)


def _cases() -> list[pytest.param]:  # type: ignore[valid-type]
    cases = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, given_text, expected = line.split("\t")
        cases.append(pytest.param(_unescape(given_text), _unescape(expected), id=name))
    return cases


CASES = _cases()


def test_fixture_has_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_fixture(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_idempotent_on_fixtures(text: str, expected: str) -> None:
    assert normalize(expected) == expected


MIXED = st.text(
    alphabet=st.sampled_from(list("中文字词句，。：“”（）,;:?!() \u3000abcXY0123.-/\n")),
    max_size=40,
)


@given(MIXED)
def test_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(MIXED)
def test_only_punctuation_and_spaces_change(text: str) -> None:
    def skeleton(s: str) -> str:
        return re.sub(r"[\s,;:?!()，；：？！（）\u3000]", "", s)

    assert skeleton(normalize(text)) == skeleton(text)
    assert normalize(text).count("\n") == text.count("\n")
