"""The same page laid out differently must segment the same way.

Dumps of one paper differ in blank lines, punctuation width and the order in which the
PDF's blocks were extracted. Each variant here is built from the example page by such a
change alone, and must give exactly the expected articles.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from support import assert_accounted, assert_matches

from site_builder.ingest.normalize import normalize
from site_builder.ingest.segment import segment_page

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "seeds" / "000_795548b3bfa96e7c.txt").read_text(encoding="utf-8")
EXPECTED = json.loads(
    (ROOT / "tests" / "fixtures" / "pages" / "000_795548b3bfa96e7c.expected.json").read_text(
        encoding="utf-8"
    )
)
LINES = PAGE.split("\n")


def reorder(*spans: tuple[int, int]) -> str:
    """The page with its line ranges (1-based, inclusive) in the given order."""
    order = [n for a, b in spans for n in range(a, b + 1)]
    assert sorted(order) == list(range(1, len(LINES) + 1))
    return "\n".join(LINES[n - 1] for n in order)


END = len(LINES)
VARIANTS: dict[str, Callable[[], str]] = {
    "no blank lines between blocks": lambda: PAGE.replace("\n\n", "\n"),
    "two blank lines between blocks": lambda: PAGE.replace("\n\n", "\n\n\n"),
    "Windows line ends, indented lines": lambda: "\n".join("  " + ln for ln in LINES),
    "full-width punctuation": lambda: normalize(PAGE),
    # The long feature's four columns extracted in reading order instead of reversed.
    "columns in reading order": lambda: reorder(
        (1, 54), (96, 102), (81, 95), (69, 80), (55, 68), (103, END)
    ),
    # Photo and commentary extracted before everything else.
    "last blocks first": lambda: reorder((104, END), (1, 103)),
}


# Whole articles moved: the page lists them in the new extraction order.
REORDERS_ARTICLES = {"last blocks first"}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_layout_variant_segments_like_the_original(name: str) -> None:
    text = VARIANTS[name]()
    seg = segment_page(text, "variant.txt")
    assert_matches(EXPECTED, seg, ordered=name not in REORDERS_ARTICLES)
    assert_accounted(text, seg)
