"""Checks shared by several test modules."""

from __future__ import annotations

from collections import Counter

from site_builder.models import PageSegmentation


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
