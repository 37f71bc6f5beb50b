"""Score the segmenter on blind pages, and how far its confidences can be trusted.

    .venv/bin/python -m bench.segment_blind DIR [DIR ...] [--flag 0.9]

Each DIR holds page dumps ``NAME.txt`` with gold files ``NAME.expected.json`` (the schema
of ``../shared/eval/seed_gold.json``). Prints per page the scorer's figure
(``../shared/eval/segscore.py``, read from the shared folder beside the repository), the
mean, a reliability table of the segmenter's uncertain decisions (joins, lines left
unjoined, line roles: confidence bucket -> share right, judged against the gold by
``ingest/learn/align.py``), and the share of wrong articles that carry a flagged decision
(confidence below ``--flag``) about one of their lines (a join is about the line cut and
the line it goes on at).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

from site_builder.ingest.learn.align import align
from site_builder.ingest.lines import read_units
from site_builder.ingest.segment import segment_page
from site_builder.models import Decision, PageSegmentation

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "segscore.py"
JOIN_RE = re.compile(r"join line (\d+) -> line (\d+)")
UNJOINED_RE = re.compile(r"line (\d+) left unjoined")
ROLE_RE = re.compile(r"line (\d+) read as (a heading|a paragraph)")
KEPT_RE = re.compile(r"line (\d+) kept with the article at line (\d+)")


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("segscore", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{SCORER} not found: the shared eval folder must sit beside the repo")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prediction(seg: PageSegmentation) -> list[dict[str, Any]]:
    return [
        {
            "title": a.title,
            "title_derived": a.title_derived,
            "kicker": a.kicker,
            "subtitle": a.subtitle,
            "kind": a.kind,
            "dateline": a.dateline,
            "authors": a.authors,
            "column": a.column,
            "body": a.body_markdown(),
        }
        for a in seg.articles
    ]


def judged(
    text: str, gold: dict[str, Any], decisions: list[Decision]
) -> list[tuple[str, float, bool]]:
    """(kind, confidence, right?) of every decision the gold can judge."""
    units = read_units(text)
    joins, heading = align(units, gold)
    line_joins = {units[a].line: units[b].line for a, b in joins.items()}
    heading_lines = {units[i].line: h for i, h in heading.items()}
    raw = text.split("\n")
    articles = gold["articles"]
    subheads = {_norm(b["text"]) for a in articles for b in a["blocks"] if b["type"] == "h"}
    paragraphs = {_norm(b["text"]) for a in articles for b in a["blocks"] if b["type"] == "p"}
    columns = {_norm(a.get("column") or "") for a in articles}
    authors = {_norm(n) for a in articles for n in a.get("authors") or []}
    kickers = {_norm(a.get("kicker") or "") for a in articles} - {""}
    subtitles = {_norm(a.get("subtitle") or "") for a in articles} - {""}
    # A title printed as two phrases may be stored as one title: either reading is right.
    title_pieces = {_norm(p) for a in articles for p in (a.get("title") or "").split()}
    untitled = {_norm(a["blocks"][0]["text"])[:12] for a in articles if not a.get("title")}
    out = []
    for d in decisions:
        line = _norm(raw[d.line - 1]) if 0 < d.line <= len(raw) else ""
        if m := JOIN_RE.match(d.what):
            out.append(("join", d.confidence, line_joins.get(int(m[1])) == int(m[2])))
        elif m := UNJOINED_RE.match(d.what):
            out.append(("left unjoined", d.confidence, int(m[1]) not in line_joins))
        elif (m := ROLE_RE.match(d.what)) and int(m[1]) in heading_lines:
            right = heading_lines[int(m[1])] == (m[2] == "a heading")
            out.append(("line role", d.confidence, right))
        elif d.what.endswith("read as a subhead"):
            out.append(("subhead", d.confidence, line in subheads))
        elif d.what.endswith("read as a column label"):
            out.append(("column label", d.confidence, line in columns))
        elif d.what.endswith("read as an author's name"):
            out.append(("author line", d.confidence, line in authors))
        elif d.what.endswith("read as verse"):
            out.append(("verse", d.confidence, line in paragraphs))
        elif d.what.endswith("read as a kicker"):
            out.append(("kicker", d.confidence, line in kickers))
        elif d.what.endswith("read as a subtitle"):
            out.append(("subtitle", d.confidence, line in subtitles or line in title_pieces))
        elif m := KEPT_RE.match(d.what):
            top = _norm(raw[int(m[2]) - 1])
            same = any(line in _whole(a) and top in _whole(a) for a in articles)
            out.append(("kept with the article above", d.confidence, same))
        elif d.what.endswith("opens an article with no headline"):
            out.append(("no headline", d.confidence, line[:12] in untitled))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _whole(article: dict[str, Any]) -> str:
    """An article's headline and body, normalised, for finding a line's text in it."""
    heads = "".join(article.get(k) or "" for k in ("kicker", "title", "subtitle"))
    return _norm(heads + "".join(b["text"] for b in article["blocks"]))


def gold_lines(text: str, article: dict[str, Any]) -> set[int]:
    """Lines of the dump whose text belongs to a gold article (headline or body)."""
    whole = _norm("".join(b["text"] for b in article["blocks"]))
    heads = {_norm(article.get(k) or "") for k in ("kicker", "title", "subtitle")}
    # (a run-in line, title and first paragraph on one line, is in the headline-and-body)
    headed = _whole(article)
    found = set()
    for number, line in enumerate(text.split("\n"), start=1):
        piece = _norm(line)
        if piece and (piece in whole or piece in heads or piece in headed):
            found.add(number)
    return found


def flagged_share(
    text: str, gold: dict[str, Any], seg: PageSegmentation, rows: list[dict[str, Any]], flag: float
) -> tuple[int, int, int, int]:
    """(wrong articles with a flagged decision on one of their lines, wrong articles, right
    articles with one, right articles). An article is wrong unless its headline, authors,
    paragraphs and order all match."""
    flagged_lines = {n for d in seg.decisions if d.confidence < flag for n in (d.line, *d.also)}
    counts = [0, 0, 0, 0]
    for r in rows:
        right = r["matched"] and r["headline"] and r["authors"] and r["para_f1"] == r["order"] == 1
        flagged = bool(gold_lines(text, gold["articles"][r["gold"]]) & flagged_lines)
        base = 2 if right else 0
        counts[base] += flagged
        counts[base + 1] += 1
    return counts[0], counts[1], counts[2], counts[3]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--flag", type=float, default=0.9)
    args = parser.parse_args()
    score = scorer()
    figures, decisions = [], []
    flagged = wrong = alarms = right = 0
    for folder in args.dirs:
        for dump in sorted(folder.glob("*.txt")):
            gold = json.loads(dump.with_name(dump.stem + ".expected.json").read_text("utf-8"))
            text = dump.read_text("utf-8")
            seg = segment_page(text, dump.name)
            result = score.score(gold, prediction(seg), True)
            figures.append(result["score"])
            print(f"{dump.name:<40} {result['score']:6.1f}")
            decisions += judged(text, gold, seg.decisions)
            f, w, a, r = flagged_share(text, gold, seg, result["rows"], args.flag)
            flagged, wrong, alarms, right = flagged + f, wrong + w, alarms + a, right + r
    print(f"{'mean':<40} {statistics.mean(figures):6.1f}  ({len(figures)} pages)")
    print("\n| confidence | decisions | share right |\n|---|---|---|")
    for lo in range(10):
        rows = [
            ok for _, c, ok in decisions if lo / 10 <= c < (lo + 1) / 10 or (lo == 9 and c == 1)
        ]
        if rows:
            print(
                f"| {lo / 10:.1f}–{(lo + 1) / 10:.1f} | {len(rows)} | {sum(rows) / len(rows):.2f} |"
            )
    print("\n| decision | count | share right |\n|---|---|---|")
    for kind in sorted({k for k, _, _ in decisions}):
        rows = [ok for k, _, ok in decisions if k == kind]
        print(f"| {kind} | {len(rows)} | {sum(rows) / len(rows):.2f} |")
    print(f"\nwrong articles with a flagged decision (< {args.flag}): {flagged} of {wrong}")
    print(f"right articles with a flagged decision: {alarms} of {right}")


if __name__ == "__main__":
    main()
