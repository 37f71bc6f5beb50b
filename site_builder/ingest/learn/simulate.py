"""Lay articles out as an e-paper text dump, with the artifacts real dumps have.

Given articles in the gold schema (``../shared/eval/seed_gold.json``), writes a page dump
and, because the simulator knows what it did, the gold segmentation of that dump and the
role of every line. The layout varies what extraction from a PDF varies: columns printed
out of order or interleaved with another article, paragraphs cut mid-sentence or mid-word
at column ends, headlines printed after their body, bylines above, below or in brackets
at the end, padded names, ASCII or full-width punctuation, furniture at the top or the
bottom, brief clusters with run-in heads, blank lines or none between blocks.

The text is never changed, only laid out: the gold of a simulated page is its articles.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

Article = dict[str, Any]

# Line roles the simulator records (the role model predicts some of them).
HEAD_ROLES = ("kicker", "title", "subtitle", "column", "name")
ASCII_PUNCT = str.maketrans("，：；（）！？", ",:;()!?")
# A column of a long article holds about this many characters (varied ±30 %).
COLUMN_CHARS = (350, 700)
WEEKDAYS = "一二三四五六日"


@dataclass(slots=True)
class SimLine:
    """One printed line of a simulated dump and what it is."""

    text: str
    role: str
    """kicker, title, subtitle, column, name, subhead, para, byline, affiliation, noise, label."""
    cut: bool = False
    """A paragraph piece that stops mid-sentence."""
    key: int = -1
    """Pieces of one cut paragraph share a key; the piece after a cut has ``cont``."""
    cont: bool = False


@dataclass(slots=True)
class SimPage:
    """A simulated page: its dump, its gold and the role of every non-blank line."""

    text: str
    gold: dict[str, Any]
    lines: dict[int, SimLine] = field(default_factory=dict)
    """1-based line number -> the line printed there."""
    joins: list[tuple[int, int]] = field(default_factory=list)
    """(line of a cut piece, line of the piece continuing it)."""


def _byline(rng: random.Random, names: list[str]) -> str:
    role = rng.choice(["本报记者 ", "记者 ", "本报记者  ", "文/图 ", "■ 本报记者 "])
    shown = [_padded(rng, n) for n in names]
    return role + rng.choice([" ", "　", "、"]).join(shown)


def _padded(rng: random.Random, name: str) -> str:
    """Two-character names are often printed with padding to the width of three."""
    if len(name) == 2 and rng.random() < 0.3:
        return name[0] + rng.choice(["  ", "　"]) + name[1]
    return name


def _credited(article: Article) -> bool:
    """True when every author is named in the text (dateline credit or caption credit)."""
    text = "".join(b["text"] for b in article["blocks"])
    return all(a in text for a in article.get("authors") or [])


class Layout:
    """Lays out one page; one instance per page (it holds the page's random state)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.printed: list[SimLine] = []
        self.next_key = 0

    def _columns(self, blocks: list[SimLine]) -> list[list[SimLine]]:
        """Cut a body into columns at character offsets; a cut inside a paragraph splits it."""
        total = sum(len(b.text) for b in blocks)
        width = self.rng.randint(*COLUMN_CHARS)
        if total < width * 1.3:
            return [blocks]
        columns: list[list[SimLine]] = [[]]
        filled = 0
        target = width
        for block in blocks:
            line = block
            while filled + len(line.text) > target and line.role == "para":
                at = target - filled
                if at < 2 or len(line.text) - at < 2:
                    break
                head, tail = line.text[:at], line.text[at:]
                key = self.next_key
                self.next_key += 1
                columns[-1].append(SimLine(head, "para", cut=True, key=key, cont=line.cont))
                columns.append([])
                filled = target
                target += int(width * self.rng.uniform(0.8, 1.2))
                line = SimLine(tail, "para", cut=line.cut, key=key, cont=True)
            columns[-1].append(line)
            filled += len(line.text)
            if filled > target and columns[-1]:
                columns.append([])
                target += int(width * self.rng.uniform(0.8, 1.2))
        return [c for c in columns if c]

    def article_chunks(self, article: Article) -> list[list[SimLine]]:
        """The article as printed chunks: the first holds its headline, the rest columns."""
        rng = self.rng
        heads: list[SimLine] = []
        column = article.get("column")
        if column and article["kind"] != "brief":
            heads.append(SimLine(column, "column"))
        for role in ("kicker", "title", "subtitle"):
            if article.get(role):
                heads.append(SimLine(article[role], role))
        if (
            len(heads) >= 2
            and heads[-1].role == "subtitle"
            and heads[-2].role == "title"
            and rng.random() < 0.25
        ):
            sub = heads.pop()
            heads[-1] = SimLine(heads[-1].text + " " + sub.text, "title")
        byline: list[SimLine] = []
        tail_byline: list[SimLine] = []
        authors = list(article.get("authors") or [])
        if authors and not _credited(article):
            if article["kind"] == "commentary":
                byline.append(SimLine(" ".join(authors), "name"))
            elif rng.random() < 0.2:
                tail_byline.append(SimLine(f"（本报记者 {' '.join(authors)}）", "byline"))
            else:
                byline.append(SimLine(_byline(rng, authors), "byline"))
        body = [
            SimLine(b["text"], "subhead" if b["type"] == "h" else "para") for b in article["blocks"]
        ]
        if tail_byline and body:
            body[-1] = SimLine(body[-1].text + tail_byline[0].text, "para")
        columns = self._columns(body)
        after = bool(heads) and bool(byline) and rng.random() < 0.15
        first = columns[0] + byline + heads if after else heads + byline + columns[0]
        return [first, *columns[1:]]

    def page(self, articles: list[Article], page_number: int) -> SimPage:
        rng = self.rng
        chunks: list[list[SimLine]] = []
        for article in articles:
            parts = self.article_chunks(article)
            if len(parts) > 2 and rng.random() < 0.7:
                # Columns extracted out of order: any order but the printed one.
                rest = parts[1:]
                rng.shuffle(rest)
                parts = [parts[0], *rest] if rng.random() < 0.5 else [*rest, parts[0]]
            if chunks and len(parts) > 1 and rng.random() < 0.3:
                # Another article printed between this one's columns.
                chunks.insert(len(chunks) - 1, parts[0])
                chunks.extend(parts[1:])
            else:
                chunks.extend(parts)
        noise = self._furniture(page_number)
        top = noise[: rng.randint(1, len(noise))]
        bottom = noise[len(top) :]
        lines = top + [line for chunk in chunks for line in chunk] + bottom
        return self._write(lines, articles)

    def _furniture(self, page_number: int) -> list[SimLine]:
        rng = self.rng
        paper = rng.choice(["晨报", "日报", "晚报", "时报"])
        name = rng.choice(["高原", "江城", "北疆", "南岭", "河谷", "雪域", "湖滨"]) + paper
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        date = f"{rng.randint(2019, 2026)}年{month}月{day}日 星期{rng.choice(WEEKDAYS)}"
        page = f"第{page_number}版" + rng.choice(["", " 综合", "　要闻", "·民生"])
        editor = f"责任编辑：{rng.choice(['李明', '扎西', '王芳'])}"
        lines = [SimLine(t, "noise") for t in (name, date, page, editor)]
        return lines[:3] + lines[3:] if rng.random() < 0.8 else lines[:3]

    def _write(self, lines: list[SimLine], articles: list[Article]) -> SimPage:
        rng = self.rng
        ascii_punct = rng.random() < 0.35
        blank = rng.random() < 0.9
        out: list[str] = []
        page = SimPage("", {})
        where: dict[tuple[int, bool], int] = {}
        for line in lines:
            text = line.text.translate(ASCII_PUNCT) if ascii_punct else line.text
            if blank and out:
                out.append("")
            out.append(text)
            page.lines[len(out)] = line
            if line.key >= 0:
                where[(line.key, line.cont)] = len(out)
        for (key, cont), number in sorted(where.items()):
            if not cont and (key, True) in where:
                page.joins.append((number, where[(key, True)]))
        page.text = "\n".join(out) + "\n"
        page.gold = {
            "page": "simulated",
            "articles": articles,
            "noise": [ln.text for ln in lines if ln.role == "noise"],
        }
        return page


def simulate(pool: list[Article], seed: int, page_number: int = 2) -> SimPage:
    """One page laid out from 4–9 articles of ``pool`` (a brief cluster counts as one)."""
    rng = random.Random(seed)
    chosen = rng.sample(pool, k=min(len(pool), rng.randint(4, 9)))
    chosen = [a for a in chosen if a["kind"] != "brief" and a["blocks"]]
    return Layout(rng).page(chosen, page_number)
