"""Does this paragraph start continue that cut sentence? Learned weights over the evidence.

The evidence (``candidates.junction_features``) is what a reader weighs: a word running
across the cut, the grammar of the two words meeting there, shared names and terms, the
layout (a column top, other articles' openings in between). How much each counts is
learned (``learn/train.py``) as a conditional logit over a cut sentence's candidate
continuations plus "no continuation on this page", on pages the layout simulator wrote:
a join's score is its log-odds against leaving the sentence cut, so scores add up over a
page and their softmax is a calibrated confidence for the report.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MODEL_FILE = "join_model.json"
# The report names the strongest pieces of evidence, not all of them.
EXPLAINED = 4


@dataclass(slots=True, frozen=True)
class JoinModel:
    weights: dict[str, float]
    unjoined: float
    """Score of leaving a sentence cut (its continuation is on another page, or nowhere)."""
    min_join: float
    """A continuation scored this low is not offered at all: a wrong join carries text
    into another article, a missing one only leaves a sentence cut (and reported)."""

    def score(self, x: dict[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in x.items())

    def explain(self, x: dict[str, float]) -> str:
        """The evidence behind a score, strongest first, as the report shows it."""
        parts = sorted(
            ((self.weights.get(n, 0.0) * v, n) for n, v in x.items()), key=lambda p: -abs(p[0])
        )
        return "; ".join(f"{name} {value:+.1f}" for value, name in parts[:EXPLAINED] if value)

    def confidence(self, chosen: float, rivals: list[float]) -> float:
        """Softmax share of the chosen option among all of a cut sentence's options."""
        top = max([chosen, *rivals])
        total = sum(math.exp(s - top) for s in rivals) + math.exp(chosen - top)
        return math.exp(chosen - top) / total


@lru_cache(maxsize=1)
def join_model() -> JoinModel:
    """The shipped model (``ingest/data/join_model.json``), loaded once per process."""
    raw = resources.files("site_builder.ingest").joinpath("data", MODEL_FILE).read_text("utf-8")
    record = json.loads(raw)
    unjoined = record["unjoined"]
    return JoinModel(record["weights"], unjoined, record.get("min_join", unjoined))
