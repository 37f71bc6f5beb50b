"""Leave one blind set out: does a setting of the English matching generalise?

    .venv/bin/python -m bench.search_loso [--knob cap] [--work DIR]

The blind English sets (``search_labels_en_blind{,2,...,12}.yaml``, each over its own
archive as ``search_rank.py`` builds it) have all been learned from, so none measures
generalisation alone (the sixth to twelfth joined after their first contact). This
asks the question the way they can still answer it: for each value of one setting (a
*knob*: the cap on the Chinese words an English key stands for, the loose rule's word
count, ...), every set is scored; then, for each blind set in turn, the value that scores
best on the *others* (mean F1 of recall and precision, English queries; the current value
wins a tie) is chosen and
its figures on the held-out set are printed beside the current value's. A value the folds
keep choosing, that does better on the held-out sets than the current one, is a change
that generalises; one chosen by some folds only, or that loses on its held-out set, is
tuning.

The labelled set (``search_labels.yaml``, the issue's own measure) is scored too, but never
chooses. Settings are module constants (``english.MAX_WORDS``, ``query.LOOSE_WORDS``...),
set for the run; an index-time knob builds each set's archive once per value (a minute a set
on a loaded machine), a query-time one builds them once. Archives are kept under ``--work`` and
reused by later runs with the same code.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import search_rank as sr  # noqa: E402
from site_builder.search import english, query  # noqa: E402
from site_builder.search.page import INDEX_DIR  # noqa: E402

BENCH = ROOT / "bench"
BLIND = BENCH / "blind_pages"


@dataclass(slots=True, frozen=True)
class LabelSet:
    name: str
    labels: Path
    batches: str = ""
    pages: tuple[Path, ...] = ()
    seeds: bool = False


SETS = (
    LabelSet("labelled", BENCH / "search_labels.yaml", batches=sr.BATCHES),
    LabelSet("blind1", BENCH / "search_labels_en_blind.yaml", batches="abcd"),
    LabelSet("blind2", BENCH / "search_labels_en_blind2.yaml", pages=(BENCH / "search_blind2",)),
    LabelSet(
        "blind3",
        BENCH / "search_labels_en_blind3.yaml",
        pages=(BLIND / "batch_aa", BLIND / "batch_ab"),
    ),
    LabelSet(
        "blind4", BENCH / "search_labels_en_blind4.yaml", pages=(BLIND / "batch_ak",), seeds=True
    ),
    LabelSet("blind5", BENCH / "search_labels_en_blind5.yaml", pages=(BLIND / "batch_an",)),
    LabelSet("blind6", BENCH / "search_labels_en_blind6.yaml", pages=(BLIND / "batch_ap",)),
    LabelSet("blind7", BENCH / "search_labels_en_blind7.yaml", pages=(BLIND / "batch_au",)),
    LabelSet("blind8", BENCH / "search_labels_en_blind8.yaml", pages=(BLIND / "batch_az",)),
    LabelSet("blind9", BENCH / "search_labels_en_blind9.yaml", pages=(BLIND / "batch_bb",)),
    LabelSet("blind10", BENCH / "search_labels_en_blind10.yaml", pages=(BLIND / "batch_bd",)),
    LabelSet("blind11", BENCH / "search_labels_en_blind11.yaml", pages=(BLIND / "batch_bf",)),
    LabelSet("blind12", BENCH / "search_labels_en_blind12.yaml", pages=(BLIND / "batch_bg",)),
)
"""The labelled set first (scored, never choosing), then the blind sets the folds leave out."""


@dataclass(slots=True, frozen=True)
class Knob:
    module: Any
    name: str
    values: tuple[int, ...]
    index_time: bool
    """Whether the value changes the index (each value builds the archives again)."""


KNOBS = {
    "cap": Knob(english, "MAX_WORDS", (3, 4, 5, 6), True),
    "phrase-cap": Knob(english, "MAX_PHRASE_WORDS", (4, 6, 8, 12), True),
    "character-ratio": Knob(english, "CHARACTER_RATIO", (1, 2, 4, 8), True),
    "inside-ratio": Knob(english, "INSIDE_RATIO", (1, 2, 3, 6), True),
    "loose-words": Knob(query, "LOOSE_WORDS", (2, 3, 4, 5), False),
    "subject-words": Knob(query, "SUBJECT_WORDS", (1, 2, 3), False),
    # 101: no partial match passes (none are added).
    "partial-share": Knob(query, "PARTIAL_SHARE", (0, 50, 80, 90, 101), False),
}


@contextmanager
def knob_set(knob: Knob, value: int) -> Iterator[None]:
    before = getattr(knob.module, knob.name)
    setattr(knob.module, knob.name, value)
    try:
        yield
    finally:
        setattr(knob.module, knob.name, before)


def _articles(s: LabelSet) -> dict[str, dict[str, Any]]:
    articles = sr.gold_articles(s.batches, list(s.pages) or None)
    if s.seeds:
        articles |= sr.seed_articles()
    return articles


def build_archive(s: LabelSet, folder: Path) -> None:
    """``s``'s archive built as ``search_rank.py`` builds it: its index and article ids."""
    if (folder / "ids.json").exists():
        return
    articles = _articles(s)
    with tempfile.TemporaryDirectory(prefix="search-loso-") as work:
        content = Path(work) / "content"
        ids = sr.write_archive(
            {a: art for a, art in articles.items() if not a.startswith("seed#")}, content
        )
        if s.seeds:
            ids |= sr.add_seeds(content)
        sr.build(content, Path(work) / "output")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(Path(work) / "output" / INDEX_DIR, folder / "index")
    (folder / "ids.json").write_text(json.dumps(ids), encoding="utf-8")


def scores(s: LabelSet, folder: Path) -> sr.Scores:
    """``s``'s English queries scored on the archive in ``folder``."""
    labels = [lb for lb in sr.load_labels(s.labels, set(_articles(s))) if lb.lang == "en"]
    ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
    rank = sr.ours(folder / "index", ids)
    return sr.score(labels, [rank(lb.query) for lb in labels])


def f1(s: sr.Scores) -> float:
    total = s.recall + s.precision
    return 2 * s.recall * s.precision / total if total else 0.0


def measure(knob: Knob, work: Path, current: int) -> dict[int, dict[str, sr.Scores]]:
    """Every set's scores at every value of ``knob``; the archives of the current settings
    are shared by every knob."""
    found: dict[int, dict[str, sr.Scores]] = {}
    for value in knob.values:
        changed = knob.index_time and value != current
        built = work / (f"{knob.name}-{value}" if changed else "current")
        found[value] = {}
        with knob_set(knob, value):
            for s in SETS:
                build_archive(s, built / s.name)
                found[value][s.name] = scores(s, built / s.name)
        print(f"{knob.name} = {value}: measured", file=sys.stderr, flush=True)
    return found


def _row(name: str, value: int, s: sr.Scores) -> str:
    return (
        f"| {name} | {value} | {s.mrr:.3f} | {s.ndcg:.3f} | {s.recall:.3f} | "
        f"{s.precision:.3f} | {f1(s):.3f} |"
    )


def report(knob: Knob, found: dict[int, dict[str, sr.Scores]], current: int) -> None:
    print(f"\n## {knob.name} (current {current})\n")
    print("| set | value | MRR | nDCG@10 | recall | precision | F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in SETS:
        for value in knob.values:
            print(_row(s.name, value, found[value][s.name]))
    blind = [s.name for s in SETS[1:]]
    print("\n| held out | chosen on the others | F1 current -> chosen | recall | precision |")
    print("| --- | ---: | --- | --- | --- |")
    for held in blind:
        best = chosen_value(found, [b for b in blind if b != held], current)
        a, b = found[current][held], found[best][held]
        print(
            f"| {held} | {best} | {f1(a):.3f} -> {f1(b):.3f} | {a.recall:.3f} -> "
            f"{b.recall:.3f} | {a.precision:.3f} -> {b.precision:.3f} |"
        )


def chosen_value(found: dict[int, dict[str, sr.Scores]], sets: list[str], current: int) -> int:
    """The value with the best mean F1 over ``sets``; the current one on a tie (to six
    places), so that a knob that moves nothing is never reported as a choice."""

    def mean_f1(value: int) -> float:
        return round(sum(f1(found[value][name]) for name in sets) / len(sets), 6)

    return max(found, key=lambda value: (mean_f1(value), value == current))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--knob", choices=sorted(KNOBS), nargs="+", default=sorted(KNOBS))
    parser.add_argument("--work", type=Path, help="keep the archives here (default: temporary)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-loso-") as temporary:
        work = args.work or Path(temporary)
        for name in args.knob:
            knob = KNOBS[name]
            current = getattr(knob.module, knob.name)
            report(knob, measure(knob, work, current), current)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
