"""Fixes read off a gold annotation: what a person would tell the segmenter about a page.

A gold file (``*.expected.json``) lists each article's headline parts and blocks as text,
not lines; each block is found back in the dump (pieces of a cut paragraph are lines whose
text, compared as the scorer compares, makes up the block in order), and each headline
part is the line that holds it nearest the article's text. From that come the page's
*facts*: every line's role, every join inside a block, every block's end, every place
where an article's next block is not printed next (a column that goes on elsewhere),
every article's first line and authors. ``needed`` keeps the facts the segmenter gets
wrong, as fixes; the ones it gets right may be added without changing anything (the
property the tests check).
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
from site_builder.ingest.apply_fixes import HEADLINE_PARTS
from site_builder.ingest.fixes import ROLE_KINDS, parse_fixes
from site_builder.ingest.patterns import AFFILIATION_RE
from site_builder.ingest.segment import segment_page
from site_builder.models import PageSegmentation
from site_builder.review.session import Entry, as_data

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "segscore.py"
# A credit line names its people in a few words; a longer line naming one is text.
MAX_CREDIT = 40
# A line holding a piece of a headline part has at least this many characters.
MIN_PIECE = 4
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
    reading: list[tuple[int, int]] = []
    """Each article's lines read one after the other where blocks meet."""
    near = 0
    for article in gold["articles"]:
        mine: list[int] = []
        blocks: list[list[int]] = []
        for block in article["blocks"]:
            found = _find_block(norm(block["text"]), lines, used, near)
            if not found:
                continue
            blocks.append(found)
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
            # A column label is printed whole, once: the items of a cluster share it. A
            # piece of another part is a few characters at least (not a page number).
            spots = [
                n
                for n, t in enumerate(lines)
                if t
                and len(t) >= min(MIN_PIECE, len(part))
                and n not in used
                and (t == part if role == "column" else t in part)
            ]
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
        credit = sorted(credits, key=lambda n: abs(n - anchor))[:1]
        for n in credit:
            used.add(n)
            mine.append(n)
            entries.append(("role", {"line": n + 1, "role": "byline"}))
        if not mine:
            continue
        # Read first: its headline lines printed above its text, else its text (blocks
        # printed above its first one are read later, where the column goes on).
        heads = [n for n in mine if n not in credit and not any(n in b for b in blocks)]
        first = min(heads + blocks[0][:1]) if blocks else min(mine)
        entries.append(("split", {"before": first + 1}))
        names = list(article.get("authors") or [])
        held = blocks[0][0] if blocks else first  # a line the article surely holds
        entries.append(("authors", {"line": held + 1, "names": names}))
        if blocks:
            read = used_by(blocks)
            reading += _reading(blocks, [n for n in mine if n > blocks[0][0] and n not in read])
    entries += [
        ("continue", {"after": a + 1, "to": b + 1})
        for a, b in reading
        if _next_of(a, used, len(lines)) != b
    ]
    return entries


def used_by(blocks: list[list[int]]) -> set[int]:
    return {n for b in blocks for n in b}


def _reading(blocks: list[list[int]], later: list[int]) -> list[tuple[int, int]]:
    """Where the reader goes from each block to the next: from its last line, or from the
    article's headline and credit lines printed between the two (``later``: those not read
    before its text), which are read on the way."""
    pairs = []
    for a, b in itertools.pairwise(blocks):
        end = a[-1]
        between = [m for m in later if end < m < b[0]]
        pairs.append((max([end, *between]), b[0]))
        later = [m for m in later if m not in between]
    return pairs


def _next_of(line: int, used: set[int], count: int) -> int | None:
    """The next line after ``line`` that some gold article holds (furniture skipped)."""
    return next((n for n in range(line + 1, count) if n in used), None)


def needed(dump: str, gold: dict[str, Any]) -> list[Entry]:
    """The fewest fixes found that reach the best score the gold facts reach.

    Two starts: the facts the segmenter gets wrong, and every fact; each completed by
    merges at articles that start where no gold article does. From the better one, each
    fix is dropped in turn if the score holds without it (the many role and unjoin facts
    first: most only restate what the segmenter reads right)."""
    every = facts(dump, gold)
    plain = segment(dump, [])
    starts = [[e for e in every if not holds(e, plain, dump)], list(every)]
    chosen = max((complete(dump, every, s) for s in starts), key=lambda c: _score(dump, gold, c))
    best = _score(dump, gold, chosen)
    rank = {"role": 0, "unjoin": 1, "authors": 2, "join": 3, "continue": 4, "split": 5, "merge": 6}
    for entry in sorted(chosen, key=lambda e: rank[e[0]]):
        trial = [e for e in chosen if e is not entry]
        if _score(dump, gold, trial) >= best:
            chosen = trial
    return chosen


def _score(dump: str, gold: dict[str, Any], entries: list[Entry]) -> float:
    return float(score(dump, gold, entries)["score"])


def complete(dump: str, every: list[Entry], chosen: list[Entry], rounds: int = 6) -> list[Entry]:
    """``chosen`` plus the facts still not holding and merges of the articles that hold no
    gold article's first line (made up), until nothing changes. Merges are found anew
    each round: one aimed at an article of an earlier round may hit another one now."""
    firsts = {v["before"] for t, v in every if t == "split"}
    stated = [e for e in chosen if e[0] != "merge"]
    merges: list[Entry] = []
    for _ in range(rounds):
        merges = []
        for _ in range(rounds):
            seg = segment(dump, stated + merges)
            made_up = [a for a in seg.articles if a.lines and not firsts & set(a.lines)]
            extra = [("merge", {"at": a.lines[0]}) for a in made_up]
            extra = [e for e in extra if e not in merges]
            if not extra:
                break
            merges += extra
        wrong = [e for e in every if e not in stated and not holds(e, seg, dump)]
        if not wrong:
            break
        stated += wrong
    return stated + merges


def holds(entry: Entry, seg: PageSegmentation, dump: str) -> bool:
    """Does the segmentation of ``dump`` already agree with this fact?"""
    table, values = entry
    if table == "split":
        return any(a.lines and a.lines[0] == values["before"] for a in seg.articles)
    if table == "authors":
        names = sorted(norm(n) for n in values["names"])
        return any(
            sorted(norm(n) for n in a.authors) == names
            for a in seg.articles
            if values["line"] in a.lines
        )
    if table == "continue":
        pair = (values["after"], values["to"])
        return any((b[-1], c[0]) == pair for a in seg.articles for b, c in _reads(a) if b and c)
    blocks = [b.lines for a in seg.articles for b in a.blocks]
    if table == "join":
        return any((values["after"], values["to"]) in itertools.pairwise(b) for b in blocks)
    if table == "unjoin":
        return any(b and b[-1] == values["after"] for b in blocks)
    line, role = values["line"], values["role"]
    if role in ("paragraph", "subhead"):
        kind = "h" if role == "subhead" else "p"
        return any(line in b.lines and b.type == kind for a in seg.articles for b in a.blocks)
    held = [a for a in seg.articles if line in a.meta_lines]
    if role not in HEADLINE_PARTS:
        return ROLE_KINDS[role] == "byline" and bool(held)
    text = norm(dump.split("\n")[line - 1])
    parts = [norm(getattr(a, role)) for a in held if role != "title" or not a.title_derived]
    return any(p and (text in p or p in text) for p in parts)


def _reads(article: Any) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The article's lines read one after the other where blocks meet: each block's and
    the next one's, or a headline or credit line printed between them and the next."""
    blocks = [b.lines for b in article.blocks if b.lines]
    pairs = list(itertools.pairwise(blocks))
    for line in article.meta_lines:
        for before, after in itertools.pairwise([(0,), *blocks]):
            if before[-1] < line < after[0]:
                pairs.append(((line,), after))
                break
    return pairs
