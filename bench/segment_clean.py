"""Score the segmenter on pages laid out cleanly: the gold articles of blind pages printed
in reading order, as a national daily's article database gives them back.

    .venv/bin/python -m bench.segment_clean DIR [DIR ...] [--style indent|blank|both] [-v]

A real e-paper dump shuffles columns and adds furniture; a page rebuilt from article
records does neither, and the segmenter must not need the shuffle to find articles. The
issue's seven pages of real national-daily text were of this shape (42.6 on first
contact), and the project may not ship them, so this script makes pages of that shape from
every gold file it is given: each article as its headline group (column label, kicker,
title, subtitle, each on its own line), a byline line when the authors are not already in
the first paragraph's dateline (``本报记者 甲　乙`` for reports, the name alone for signed
pieces, ``甲 摄`` after a photo's caption), and one line per block. No column shuffles, no
cut paragraphs, no noise. ``indent`` starts paragraphs with an ideographic indent and
prints no blank lines; ``blank`` prints a blank line after every paragraph and no indent.
The gold is the page's gold without its noise. Prints per page and style the scorer's
figure and the mean.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

from bench.segment_blind import prediction, scorer
from site_builder.ingest.segment import segment_page

INDENT = "\u3000\u3000"
SIGNED = frozenset({"commentary", "literary"})


def _byline(article: dict[str, Any]) -> str | None:
    authors = article.get("authors") or []
    first = article["blocks"][0]["text"] if article["blocks"] else ""
    if not authors or any(name in first for name in authors):
        return None
    if article["kind"] == "photo":
        return None
    names = "\u3000".join(authors)
    return names if article["kind"] in SIGNED else f"本报记者\u3000{names}"


def clean_page(gold: dict[str, Any], style: str) -> str:
    """The gold's articles printed in reading order in one clean style."""
    lines: list[str] = []
    column = None
    for article in gold["articles"]:
        if article.get("column") and article["column"] != column:
            lines.append(article["column"])
        column = article.get("column")
        for field in ("kicker", "title", "subtitle"):
            if article.get(field) and not (field == "title" and article.get("title_derived")):
                lines.append(article[field])
        byline = _byline(article)
        if byline:
            lines.append(byline)
        for block in article["blocks"]:
            text = block["text"]
            if style == "indent" and block["type"] == "p":
                text = INDENT + text
            lines.append(text)
            if style == "blank":
                lines.append("")
        if article["kind"] == "photo" and article.get("authors"):
            lines.append("\u3000".join(article["authors"]) + " 摄")
        if style == "blank" and lines[-1]:
            lines.append("")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--style", choices=("indent", "blank", "both"), default="both")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every page")
    args = parser.parse_args()
    score = scorer()
    styles = ("indent", "blank") if args.style == "both" else (args.style,)
    figures: dict[str, list[float]] = {style: [] for style in styles}
    for folder in args.dirs:
        for path in sorted(folder.glob("*.expected.json")):
            gold = json.loads(path.read_text("utf-8"))
            gold = {**gold, "noise": []}
            for style in styles:
                name = path.name.replace(".expected.json", f".{style}.txt")
                seg = segment_page(clean_page(gold, style), name)
                figure = score.score(gold, prediction(seg), False)["score"]
                figures[style].append(figure)
                if args.verbose:
                    print(f"{figure:6.1f}  {style:6}  {path.parent.name}/{path.name}")
    for style, values in figures.items():
        if values:
            print(f"{style}: {len(values)} pages, mean {statistics.mean(values):.1f}")


if __name__ == "__main__":
    main()
