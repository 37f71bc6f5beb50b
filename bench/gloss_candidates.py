"""The words the English gloss supplement is drawn from, by its header's rule.

    .venv/bin/python -m bench.gloss_candidates [--batches abcd] [--min-articles 3] [--all]
    .venv/bin/python -m bench.gloss_candidates --unsearched [--all]

``site_builder/search/data/glosses_en.tsv`` glosses common news words CC-CEDICT lacks. Its
words were chosen by a rule, and this script applies the mechanical part of it: every jieba
word of two or three Han characters in the title or text of ``--min-articles`` or more gold
articles of the blind batches (``bench/blind_pages/batch_*``) and the test pages that has no
CC-CEDICT entry (490 at three articles of batches a-d, as the file's header counts). It
prints those not in the supplement yet (``--all``: every one), most articles first, with
their count, so the list can be checked and grown the same way. What the rule
leaves to a reader (numbers, measure words, pronoun and place phrases, verb-complement
phrases, names, words whose parts already say what they mean) and the glosses themselves
are written by hand, as the file's header says. The second blind set's pages
(``bench/search_blind2``) are never read here: they stay held out. ``--unsearched`` applies
the second list's rule: the batches of ``UNSEARCHED`` alone (no test pages), four articles.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_rank import gold_articles  # noqa: E402
from site_builder.enrich.cedict import entries  # noqa: E402
from site_builder.nlp.tokenizer import tokenizer  # noqa: E402
from site_builder.search.glossary import SUPPLEMENT, parse_supplement  # noqa: E402
from site_builder.search.text import fold  # noqa: E402

BATCHES = "abcd"
"""The batches the supplement was drawn from (with the test pages)."""
MIN_ARTICLES = 3
UNSEARCHED = (
    "ac",
    "ad",
    "ae",
    "af",
    "ag",
    "ah",
    "ai",
    "aj",
    "al",
    "am",
    "ao",
    "aq",
    "ar",
    "as",
    "at",
    "av",
    "aw",
    "ax",
    "ay",
    "ba",
    "bc",
    "be",
    "bh",
    "bi",
    "bj",
    "bk",
    "bl",
    "bm",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
)
"""The blind batches no search set's archive was made of when the supplement's second list
was drawn (2026-12-08): every labelled and blind English set measures its words without
having lent one."""
UNSEARCHED_MIN = 4
_WORD = re.compile("[\u4e00-\u9fff]{2,3}")


def unsearched_folders() -> list[Path]:
    """The page folders of ``UNSEARCHED``."""
    return [ROOT / "bench" / "blind_pages" / f"batch_{b}" for b in UNSEARCHED]


def candidates(
    batches: str = BATCHES, min_articles: int = MIN_ARTICLES, folders: list[Path] | None = None
) -> Counter[str]:
    """Word -> the number of gold articles holding it, for the words the rule picks: in the
    ``batches`` and the test pages, or in ``folders`` alone."""
    held = _held(batches, tuple(folders or ()))
    return Counter({w: n for w, n in held.items() if n >= min_articles and not entries(w)})


@cache
def _held(batches: str, folders: tuple[Path, ...]) -> Counter[str]:
    """Word -> the number of gold articles holding it: jieba's cut of every article, once
    per process for each source (it takes seconds)."""
    held: Counter[str] = Counter()
    cut = tokenizer().lcut
    for article in gold_articles(batches, list(folders) or None).values():
        text = fold("\n".join([article["title"] or ""] + [b["text"] for b in article["blocks"]]))
        held.update({w for w in cut(text) if _WORD.fullmatch(w)})
    return held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batches", default=BATCHES)
    parser.add_argument("--min-articles", type=int, default=MIN_ARTICLES)
    parser.add_argument("--all", action="store_true", help="also the words already glossed")
    parser.add_argument(
        "--unsearched",
        action="store_true",
        help=f"the second list's rule: the UNSEARCHED batches alone, {UNSEARCHED_MIN} articles",
    )
    args = parser.parse_args(argv)
    if args.unsearched:
        found = candidates("", UNSEARCHED_MIN, unsearched_folders())
    else:
        found = candidates(args.batches, args.min_articles)
    glossed = parse_supplement(SUPPLEMENT.read_text(encoding="utf-8"))
    shown = [(w, n) for w, n in found.most_common() if args.all or w not in glossed]
    print(f"{len(found)} words by the rule, {sum(w in glossed for w in found)} glossed")
    for word, count in shown:
        print(f"{word}\t{count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
