"""Fixes taken from a gold file make a page perfect: whatever gold facts a person gives
(on top of the ones the segmenter gets wrong), the scorer gives the page 100.

The scorer is the project's (``shared/eval/segscore.py``, beside the clone as in CI); the
facts are read off the gold files by ``bench/gold_fixes.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.gold_fixes import SCORER, complete, facts, score

ROOT = Path(__file__).resolve().parent.parent
# Every gold page of the fixtures (the example page's dump is the one in seeds/) and of
# blind batch A (bench/blind_pages, where bench/fix_effort.py counts the fixes needed).
GOLDS = sorted((ROOT / "tests" / "fixtures" / "pages").rglob("*.expected.json")) + sorted(
    (ROOT / "bench" / "blind_pages" / "batch_a").glob("*.expected.json")
)
NAMES = [g.relative_to(ROOT).as_posix().removesuffix(".expected.json") for g in GOLDS]


def load(name: str) -> tuple[str, dict[str, Any]]:
    gold_path = ROOT / f"{name}.expected.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    dump = gold_path.with_name(gold["page"])
    if not dump.is_file():
        dump = ROOT / "seeds" / gold["page"]
    return dump.read_text(encoding="utf-8"), gold


def test_every_page_with_a_gold_file_is_covered() -> None:
    assert len(NAMES) >= 20
    for name in NAMES:
        dump, gold = load(name)
        assert dump and gold["articles"]


def test_the_scorer_is_beside_the_clone() -> None:
    assert SCORER.is_file(), (
        f"the segmentation scorer is missing: expected {SCORER} "
        "(shared/ checked out beside the repository, as in CI)"
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_gold_fact_as_a_fix_scores_100(name: str) -> None:
    dump, gold = load(name)
    every = facts(dump, gold)
    assert every and score(dump, gold, every)["score"] == 100.0


@settings(max_examples=24, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_gold_fixes_and_then_what_is_still_wrong_score_100(data: st.DataObject) -> None:
    # A person states some gold facts, looks again, fixes what is still wrong, and so on:
    # whatever they stated first, the page ends perfect.
    name = data.draw(st.sampled_from(NAMES))
    dump, gold = load(name)
    every = facts(dump, gold)
    picked = data.draw(st.sets(st.integers(0, len(every) - 1)))
    chosen = complete(dump, every, [e for i, e in enumerate(every) if i in picked])
    assert score(dump, gold, chosen)["score"] == 100.0
