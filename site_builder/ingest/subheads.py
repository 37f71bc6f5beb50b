"""Is a heading line between an article's paragraphs its subhead, or another article's
headline? Learned weights over the evidence.

One short line with text above and below it is most often a subhead. It heads another
article when the text under it speaks of the line and does not go on with the article
above, opens like a news lede (a date, 近日, 记者…获悉), or stands alone under it; a
subhead speaks of the article above it and tends to come in a series (before it, or
after it in the same run of text). How much each
counts is fitted (``learn/train_subheads.py``) on the gold pages the project holds, as a
logistic regression; its probability is the confidence the report gives.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MODEL_FILE = "subhead_model.json"
# Topic similarities are cosines of a few percent; scaled, their weights read like the
# binary features' ones.
SIMILARITY_SCALE = 5.0
SHORT, LONG = 6, 15
LEDE_RE = re.compile(
    r"^(?:\d{1,2}月\d{1,2}日|近日|日前|昨日|昨天|昨晚|今天|今年以来|连日来|记者"
    r"|[^，。,]{0,12}(?:获悉|了解到))"
)
INNER_SPACE_RE = re.compile(r"\S[ \u3000]+\S")


@dataclass(slots=True, frozen=True)
class HeadingBetween:
    """What the walk knows about one heading line between paragraphs."""

    text: str
    under: list[str]
    """The paragraphs under it, up to the next heading."""
    speaks_of_under: float
    """Topic similarity of the line and the text under it."""
    under_goes_on: float
    """Topic similarity of the text under it and the article's last paragraphs."""
    speaks_of_above: float
    """Topic similarity of the line and the article's last paragraphs."""
    subheads: int
    """Subheads the article already has."""
    paragraphs: int
    """Paragraphs the article already has."""
    ahead: int = 0
    """Single heading lines between paragraphs further down the same run of text."""


def features(h: HeadingBetween) -> dict[str, float]:
    """Named features of a heading between paragraphs (binary unless scaled)."""
    first = h.under[0] if h.under else ""
    return {
        "bias": 1.0,
        "speaks of the text under it": h.speaks_of_under * SIMILARITY_SCALE,
        "the text under it goes on with the article": h.under_goes_on * SIMILARITY_SCALE,
        "speaks of the article above": h.speaks_of_above * SIMILARITY_SCALE,
        "the text under it opens like a lede": float(bool(LEDE_RE.match(first))),
        "one paragraph under it": float(len(h.under) == 1),
        "the article has subheads": float(h.subheads > 0),
        "more subheads follow": float(h.ahead > 0),
        "the article has one paragraph": float(h.paragraphs <= 1),
        "short line": float(len(h.text) <= SHORT),
        "long line": float(len(h.text) >= LONG),
        "digits": float(any(c.isdigit() for c in h.text)),
        "inner space": float(bool(INNER_SPACE_RE.search(h.text))),
        "colon": float("：" in h.text or ":" in h.text),
    }


@dataclass(slots=True, frozen=True)
class SubheadModel:
    """Logistic weights over ``features``."""

    weights: dict[str, float]

    def headline_probability(self, h: HeadingBetween) -> float:
        """P(the line heads another article | the evidence)."""
        z = sum(self.weights.get(n, 0.0) * v for n, v in features(h).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def subhead_model() -> SubheadModel:
    """The shipped model (``ingest/data/subhead_model.json``), loaded once per process."""
    raw = resources.files("site_builder.ingest").joinpath("data", MODEL_FILE).read_text("utf-8")
    return SubheadModel(json.loads(raw)["weights"])
