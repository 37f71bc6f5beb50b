"""The labelled set: every article of the segmentation fixtures, with hand-made labels.

Articles come from ``tests/fixtures/pages/**/*.expected.json`` (the gold segmentation of
the example page, the fixture pages and the blind pages); an article's key is
``<page stem>/a<n>``, n its reading order from 1. Labels (topics, places, tags worth
having) are in ``tests/fixtures/enrich/labels.json``; how they were made is said in
``bench/README.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from site_builder.content.article import Article, SourceRef

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
LABELS = ROOT / "tests" / "fixtures" / "enrich" / "labels.json"


def _body(blocks: list[dict[str, str]]) -> str:
    parts = []
    for block in blocks:
        text = block["text"].strip()
        parts.append(f"## {text}" if block["type"] == "h" else text)
    return "\n\n".join(p for p in parts if p)


def labelled_articles() -> list[Article]:
    """Every article of the gold pages, in a stable order (pages by path)."""
    out: list[Article] = []
    for path in sorted(PAGES.rglob("*.expected.json")):
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        page_id = path.name.removesuffix(".expected.json")
        for n, a in enumerate(data["articles"], 1):
            out.append(
                Article(
                    page_id=page_id,
                    slug=f"a{n}",
                    title=a.get("title") or "",
                    title_derived=not a.get("title"),
                    title_pinyin="",
                    kicker=a.get("kicker"),
                    subtitle=a.get("subtitle"),
                    kind=a.get("kind") or "news",
                    dateline=a.get("dateline"),
                    authors=list(a.get("authors") or []),
                    column=a.get("column"),
                    body=_body(a.get("blocks") or []),
                    source=SourceRef(f"{page_id}.txt", []),
                    order=n,
                    affiliation=a.get("affiliation"),
                )
            )
    return out


def labels() -> dict[str, dict[str, list[str]]]:
    """Article key -> {"topics": [...], "places": [...], "tags": [...]}."""
    data: dict[str, Any] = json.loads(LABELS.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}
