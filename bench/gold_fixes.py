"""Fixes read off a gold annotation: what a person would tell the segmenter about a page.

A gold file (``*.expected.json``) lists each article's headline parts and blocks as text,
not lines; each block is found back in the dump (pieces of a cut paragraph are lines whose
text, compared as the scorer compares, makes up the block in order), and each headline
part is the line that holds it nearest the article's text. From that come the page's
*facts*: every line's role, every join inside a block, every block's end, every article's
first line. ``needed`` keeps the facts the segmenter gets wrong, as fixes; the ones it
gets right may be added without changing anything (the property the tests check).
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

from site_builder.cli import article_json
from site_builder.ingest.fixes import ROLE_KINDS, parse_fixes
from site_builder.ingest.patterns import AFFILIATION_RE
from site_builder.ingest.segment import segment_page
from site_builder.models import PageSegmentation
from site_builder.review.session import Entry, as_data

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "segscore.py"
# A credit line names its people in a few words; a longer line naming one is text.
MAX_CREDIT = 40
JUMP = re.compile(r"[\(（](上接|下转|接|转)第?[^()（）]{1,4}版[\)）]")


def scorer() -> ModuleType:
    """The project's scorer, from ``shared/eval`` beside the clone (as CI has it)."""
    if not SCORER.is_file():
        raise FileNotFoundError(
            f"the segmentation scorer is missing: expected {SCORER} "
            "(shared/ checked out beside the repository, as in CI)"
        )
    spec = importlib.util.spec_from_file_location("segscore", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def norm(text: str | None) -> str:
    """Text as the scorer compares it: NFKC, no whitespace, no jump markers."""
    return JUMP.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")))


def segment(dump: str, entries: list[Entry]) -> PageSegmentation:
    fixes = parse_fixes(as_data(entries), dump, "fixes") if entries else None
    return segment_page(dump, "page.txt", fixes)


def score(dump: str, gold: dict[str, Any], entries: list[Entry]) -> dict[str, Any]:
    pred = [article_json(a) for a in segment(dump, entries).articles]
    result: dict[str, Any] = scorer().score(gold, pred, verbose=True)
    return result


def wrong_articles(result: dict[str, Any]) -> int:
    """Gold articles not perfectly read, and articles the segmenter made up."""
    rows = result["rows"]
    bad = sum(
        1
        for r in rows
        if not (r["matched"] and r["headline"] and r["authors"] and r["para_f1"] == 1)
        or r["order"] != 1
    )
    matched = sum(1 for r in rows if r["matched"])
    return bad + max(0, int(result["pred_articles"]) - matched)


def _find_block(text: str, lines: list[str], used: set[int], near: int) -> list[int] | None:
    """Lines making up ``text`` in order: the first may hold more before it (a run-in
    head), the last more after it (a bracketed credit)."""
    found: list[int] = []
    rest = text
    while rest:
        best = None
        for n in sorted(range(len(lines)), key=lambda n: abs(n - near)):
            line = lines[n]
            if n in used or n in found or not line:
                continue
            at = line.find(rest[: min(8, len(rest))])
            if at < 0 or (at > 0 and found):
                continue
            piece = line[at:]
            if rest.startswith(piece) or piece.startswith(rest):
                best = (n, min(len(piece), len(rest)))
                break
        if best is None:
            return None
        found.append(best[0])
        rest = rest[best[1] :]
        near = best[0] + 1
    return found


def facts(dump: str, gold: dict[str, Any]) -> list[Entry]:
    """Every fact of the gold file as a fix (1-based lines)."""
    lines = [norm(line) for line in dump.split("\n")]
    used: set[int] = set()
    entries: list[Entry] = []
    near = 0
    for article in gold["articles"]:
        mine: list[int] = []
        for block in article["blocks"]:
            found = _find_block(norm(block["text"]), lines, used, near)
            if not found:
                continue
            used.update(found)
            mine += found
            near = found[-1] + 1
            role = "subhead" if block["type"] == "h" else "paragraph"
            if article.get("affiliation") and AFFILIATION_RE.match(block["text"]):
                # The affiliation is the last block and the article's affiliation too.
                role = "affiliation"
            entries += [("role", {"line": n + 1, "role": role}) for n in found]
            entries += [
                ("join", {"after": a + 1, "to": b + 1}) for a, b in itertools.pairwise(found)
            ]
            entries.append(("unjoin", {"after": found[-1] + 1}))
        anchor = mine[0] if mine else near
        for role in ("kicker", "title", "subtitle", "column"):
            part = norm(article.get(role))
            spots = [n for n, t in enumerate(lines) if t and n not in used and t in part]
            for n in sorted(spots, key=lambda n: abs(n - anchor))[:1]:
                used.add(n)
                mine.append(n)
                entries.append(("role", {"line": n + 1, "role": role}))
        names = [norm(n) for n in article.get("authors", []) if norm(n)]
        credits = [
            n
            for n, t in enumerate(lines)
            if t and n not in used and len(t) <= MAX_CREDIT and any(x in t for x in names)
        ]
        for n in sorted(credits, key=lambda n: abs(n - anchor))[:1]:
            used.add(n)
            mine.append(n)
            entries.append(("role", {"line": n + 1, "role": "byline"}))
        if mine:
            entries.append(("split", {"before": min(mine) + 1}))
    return entries


def needed(dump: str, gold: dict[str, Any]) -> list[Entry]:
    """The fewest fixes found that reach the best score the gold facts reach.

    Two starts: the facts the segmenter gets wrong, and every fact; each completed by
    merges at articles that start where no gold article does. From the better one, each
    fix is dropped in turn if the score holds without it (the many role and unjoin facts
    first: most only restate what the segmenter reads right)."""
    every = facts(dump, gold)
    plain = segment(dump, [])
    starts = [[e for e in every if not holds(e, plain)], list(every)]
    chosen = max((_complete(dump, every, s) for s in starts), key=lambda c: _score(dump, gold, c))
    best = _score(dump, gold, chosen)
    rank = {"role": 0, "unjoin": 1, "join": 2, "split": 3, "merge": 4}
    for entry in sorted(chosen, key=lambda e: rank[e[0]]):
        trial = [e for e in chosen if e is not entry]
        if _score(dump, gold, trial) >= best:
            chosen = trial
    return chosen


def _score(dump: str, gold: dict[str, Any], entries: list[Entry]) -> float:
    return float(score(dump, gold, entries)["score"])


def _complete(dump: str, every: list[Entry], chosen: list[Entry], rounds: int = 4) -> list[Entry]:
    """``chosen`` plus the facts still not holding and merges where an article starts that
    no gold article starts, until nothing changes."""
    firsts = {v["before"] for t, v in every if t == "split"}
    chosen = list(chosen)
    for _ in range(rounds):
        seg = segment(dump, chosen)
        extra = [("merge", {"at": a.lines[0]}) for a in seg.articles if a.lines]
        extra = [e for e in extra if e[1]["at"] not in firsts and e not in chosen]
        wrong = [e for e in every if e not in chosen and not holds(e, seg)]
        if not extra and not wrong:
            break
        chosen += extra + wrong
    return chosen


def holds(entry: Entry, seg: PageSegmentation) -> bool:
    """Does the segmentation already agree with this fact?"""
    table, values = entry
    if table == "split":
        return any(a.lines and a.lines[0] == values["before"] for a in seg.articles)
    blocks = [b.lines for a in seg.articles for b in a.blocks]
    if table == "join":
        return any((values["after"], values["to"]) in itertools.pairwise(b) for b in blocks)
    if table == "unjoin":
        return any(b and b[-1] == values["after"] for b in blocks)
    line, role = values["line"], values["role"]
    if role in ("paragraph", "subhead"):
        kind = "h" if role == "subhead" else "p"
        return any(line in b.lines and b.type == kind for a in seg.articles for b in a.blocks)
    return ROLE_KINDS[role] == "head" and any(line in a.meta_lines for a in seg.articles)
