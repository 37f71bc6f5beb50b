"""Label a real page's lines from its gold file: which lines are headings, which joins
are true.

A gold file gives each article's headline fields and blocks, with cut paragraphs joined
again. Every paragraph piece of the dump is found inside a gold block; the piece that
starts where another one stops inside the same block continues it. Comparison ignores
whitespace, punctuation width and jump markers, as the scorer does.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from site_builder.ingest import patterns as pt
from site_builder.ingest.lines import Unit


def comparable(text: str) -> str:
    """A line or a gold field as the two are compared: NFKC, no spaces, no jump marker."""
    text = unicodedata.normalize("NFKC", text or "")
    return pt.JUMP_RE.sub("", re.sub(r"\s+", "", text))


def align(units: list[Unit], gold: dict[str, Any]) -> tuple[dict[int, int], dict[int, bool]]:
    """(true joins as unit index -> unit index, heading or not for each labelled unit)."""
    heads: set[str] = set()
    for article in gold["articles"]:
        for key in ("kicker", "title", "subtitle", "column"):
            value = article.get(key)
            if value:
                heads.add(comparable(value))
                heads.update(comparable(part) for part in value.split())
        heads.update(comparable(a) for a in article.get("authors") or [])
    blocks = [comparable(b["text"]) for a in gold["articles"] for b in a["blocks"]]
    subheads = {
        comparable(b["text"]) for a in gold["articles"] for b in a["blocks"] if b["type"] == "h"
    }
    heading: dict[int, bool] = {}
    # Where each paragraph piece sits: (block, start, end) in normalised text.
    place: dict[int, tuple[int, int, int]] = {}
    for i, unit in enumerate(units):
        text = comparable(unit.text)
        if not text:
            continue
        if text in heads or text in subheads:
            heading[i] = True
            continue
        found = [(b, block.find(text)) for b, block in enumerate(blocks) if text in block]
        if len(found) == 1 and text not in subheads:
            b, at = found[0]
            place[i] = (b, at, at + len(text))
            heading[i] = False
    starts = {(b, at): i for i, (b, at, _) in place.items()}
    joins = {i: starts[(b, end)] for i, (b, _, end) in place.items() if (b, end) in starts}
    return joins, heading
