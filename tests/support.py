"""Checks shared by several test modules."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from site_builder.ingest.segment import segment_page
from site_builder.models import PageSegmentation, SegmentedArticle


def assert_accounted(text: str, seg: PageSegmentation) -> None:
    """Every non-blank line belongs to one article or to noise, and its characters too."""
    raw = text.split("\n")
    owners: Counter[int] = Counter()
    for article in seg.articles:
        owners.update(article.lines)
        took = Counter(c for c in article.consumed_text() if not c.isspace())
        lines = Counter(c for n in article.lines for c in raw[n - 1] if not c.isspace())
        assert took == lines, article.title
    owners.update(n.line for n in seg.noise)
    non_blank = [i for i, line in enumerate(raw, start=1) if line.strip()]
    assert sorted(owners) == non_blank
    assert all(count == 1 for count in owners.values())
    for noise in seg.noise:
        assert noise.text == raw[noise.line - 1] and noise.reason


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def headline_pieces(article: dict[str, object]) -> set[str]:
    """Kicker, title and subtitle as a set of space-separated pieces.

    A two-part title on one line may be read as title + subtitle or as one title; both
    are right, so the pieces are compared, not the fields.
    """
    pieces = set()
    for key in ("kicker", "title", "subtitle"):
        value = article.get(key)
        if isinstance(value, str):
            pieces.update(norm(p) for p in unicodedata.normalize("NFKC", value).split())
    return pieces


def as_dict(article: SegmentedArticle) -> dict[str, object]:
    return {
        "kicker": article.kicker,
        "title": None if article.title_derived else article.title,
        "subtitle": article.subtitle,
    }


def assert_matches(
    expected: dict[str, object], seg: PageSegmentation, ordered: bool = True
) -> None:
    """The page's articles equal the expected ones (see tests/fixtures/pages/).

    ``ordered=False`` accepts the articles in any order (a page whose blocks were
    extracted in another order lists its articles in that order).
    """
    wanted = expected["articles"]
    assert isinstance(wanted, list)
    got = seg.articles
    assert len(got) == len(wanted)
    if not ordered:
        wanted = sorted(wanted, key=lambda a: norm(a["blocks"][0]["text"]))
        got = sorted(got, key=lambda a: norm(a.blocks[0].text))
    for want, have in zip(wanted, got, strict=True):
        assert_same_article(want, have)


def assert_same_article(want: dict[str, Any], have: SegmentedArticle) -> None:
    """One expected article (gold JSON) equals one segmented article."""
    label = want.get("title") or "(derived)"
    assert headline_pieces(want) == headline_pieces(as_dict(have)), label
    assert have.title_derived == (want.get("title") is None), label
    assert have.kind == want["kind"], label
    assert norm(have.dateline) == norm(want.get("dateline")), label
    assert [norm(a) for a in have.authors] == [norm(a) for a in want["authors"]], label
    assert norm(have.column) == norm(want.get("column")), label
    blocks = [(b.type, norm(b.text)) for b in have.blocks]
    want_blocks = [(b["type"], norm(b["text"])) for b in want["blocks"]]
    if have.affiliation and ("p", norm(have.affiliation)) not in want_blocks:
        # A gold file written before CONVENTIONS made the affiliation the last block.
        blocks = [b for b in blocks if b != ("p", norm(have.affiliation))]
    assert blocks == want_blocks, label


def right_articles(expected: dict[str, Any], seg: PageSegmentation) -> int:
    """How many expected articles the page yields exactly (in any order)."""
    found = 0
    for want in expected["articles"]:
        for have in seg.articles:
            try:
                assert_same_article(want, have)
            except AssertionError:
                continue
            found += 1
            break
    return found


def segment_lines(lines: list[str], gap: str = "\n\n") -> PageSegmentation:
    """An invented page of ``lines`` (joined by ``gap``) segmented, every character of it
    accounted for."""
    text = gap.join(lines) + "\n"
    seg = segment_page(text, "x")
    assert_accounted(text, seg)
    return seg


def titled(seg: PageSegmentation, title: str) -> SegmentedArticle:
    """The article of ``seg`` with this title."""
    return next(a for a in seg.articles if a.title == title)


def block_texts(article: SegmentedArticle) -> list[str]:
    """The texts of an article's blocks, in order."""
    return [b.text for b in article.blocks]


def wrap(text: str, column: int, indent: str = "　　") -> list[str]:
    """A paragraph printed in a column ``column`` characters wide, opening ``indent``ed: a
    dump that keeps every printed line."""
    first = column - len(indent)
    lines = [indent + text[:first]]
    rest = text[first:]
    while rest:
        lines.append(rest[:column])
        rest = rest[column:]
    return lines
