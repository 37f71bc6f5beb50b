"""What the review page shows of a segmented page, as plain data for its script.

Every dump line as printed, with the article it went to, the role it plays there and how
sure the segmenter was (the lowest confidence of its decisions about that line); the
articles; the decisions, least certain first; the fixes file's entries and error. Text
goes out as data only: the page puts it in with ``textContent``, never as markup.
"""

from __future__ import annotations

import json
from typing import Any

from site_builder.models import SegmentedArticle
from site_builder.review.session import Result, ReviewSession

# Characters of each block shown in the article list.
BLOCK_PREVIEW = 60


def state(session: ReviewSession, result: Result) -> dict[str, Any]:
    """The whole review page's data."""
    page = result.page
    owner: dict[int, tuple[int | None, str]] = {}
    raw = session.text.split("\n")
    for index, article in enumerate(page.articles):
        for line in article.meta_lines:
            owner[line] = (index, _meta_role(article, raw[line - 1]))
        for block in article.blocks:
            for line in block.lines:
                owner[line] = (index, "subhead" if block.type == "h" else "paragraph")
    for noise in page.noise:
        owner[noise.line] = (None, "noise")
    sure: dict[int, float] = {}
    for decision in page.decisions:
        for line in (decision.line, *decision.also):
            sure[line] = min(sure.get(line, 1.0), decision.confidence)
    fixed = {v for _, values in session.entries for v in values.values() if isinstance(v, int)}
    lines = []
    for number, text in enumerate(raw, 1):
        if number == len(raw) and not text:
            break  # the newline ending the last line
        held_by, role = owner.get(number, (None, ""))
        lines.append(
            {
                "n": number,
                "text": text,
                "article": held_by,
                "role": role if text.strip() else "",
                "confidence": round(sure.get(number, 1.0), 2),
                "fixed": number in fixed,
            }
        )
    return {
        "page": session.dump.stem,
        "source": str(session.dump),
        "lines": lines,
        "articles": [_article(i, a) for i, a in enumerate(page.articles)],
        "decisions": [
            {"line": d.line, "what": d.what, "why": d.why, "confidence": round(d.confidence, 2)}
            for d in sorted(page.decisions, key=lambda d: (d.confidence, d.line, d.what))
            if d.confidence < 1.0
        ],
        "fixes": [
            {
                "table": table,
                "text": ", ".join(
                    f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in values.items()
                ),
            }
            for table, values in session.entries
        ],
        "file": str(session.fixes_file),
        "error": str(result.error) if result.error else None,
        "undo": bool(session.history),
        "ms": round(result.seconds * 1000),
    }


def _article(index: int, article: SegmentedArticle) -> dict[str, Any]:
    lines = article.lines
    return {
        "index": index,
        "title": article.title,
        "derived": article.title_derived,
        "kind": article.kind,
        "first": lines[0] if lines else None,
        "last": lines[-1] if lines else None,
        "authors": article.authors,
        "blocks": [
            {"type": b.type, "text": b.text[:BLOCK_PREVIEW], "lines": list(b.lines)}
            for b in article.blocks
        ],
    }


def _meta_role(article: SegmentedArticle, raw: str) -> str:
    """Which headline or credit part of ``article`` a line holding no body text is."""
    text = "".join(raw.split())
    parts = (
        ("kicker", article.kicker),
        ("title", None if article.title_derived else article.title),
        ("subtitle", article.subtitle),
        ("column", article.column),
        ("affiliation", article.affiliation),
    )
    for role, value in parts:
        if value and text and text in "".join(value.split()):
            return role
    if any(text and text in "".join(j.split()) for j in article.jumps):
        return "jump"
    return "byline"
