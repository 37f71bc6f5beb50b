"""Typed models shared by every stage of the pipeline.

ingest (page dump -> ``PageSegmentation``) -> content (``Article`` <-> Markdown file)
-> site (library of articles with indices) -> render -> output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["news", "photo", "commentary", "interview", "brief"]
BlockType = Literal["p", "h"]


@dataclass(slots=True)
class Block:
    """One paragraph or subhead of an article, in reading order."""

    type: BlockType
    """``p`` for a paragraph, ``h`` for a subhead (小标题)."""
    text: str
    """Raw text as on the page, pieces of a broken paragraph joined without a separator."""
    lines: tuple[int, ...]
    """1-based source line numbers the text came from, in reading order."""


@dataclass(slots=True)
class Decision:
    """A segmentation choice that was not certain; goes into the ingest report."""

    line: int
    """Source line the decision is about (1-based)."""
    what: str
    """What was decided, e.g. ``join 91 -> 69``."""
    why: str
    """The evidence, in words a reviewer can check."""
    confidence: float
    """0..1; below 1 means a person should look."""
    also: tuple[int, ...] = ()
    """Other source lines the decision is about: where a join goes on, the article a
    paragraph was kept with. A wrong decision harms the articles at both ends."""


@dataclass(slots=True)
class SegmentedArticle:
    """One article as cut from a page dump. Raw text: normalisation happens on write."""

    title: str
    """The headline's main title, or one derived from the text (see ``title_derived``)."""
    title_derived: bool
    """True when the page has no headline and ``title`` was made from the text."""
    kicker: str | None
    subtitle: str | None
    kind: Kind
    dateline: str | None
    """Dateline such as ``本报拉萨讯``; it also stays at the start of the first paragraph."""
    authors: list[str]
    column: str | None
    """Column label (栏目) such as a commentary series name."""
    blocks: list[Block]
    byline: str | None = None
    """A byline or author-name line standing on its own line, kept raw."""
    affiliation: str | None = None
    """What the closing 作者单位 line of a commentary states (某大学); the line itself is
    the body's last block."""
    jumps: list[str] = field(default_factory=list)
    """Jump markers (下转第二版 / 上接第一版), kept raw."""
    continued_to: str | None = None
    """Page named by a 下转 marker, e.g. ``第二版``."""
    continued_from: str | None = None
    """Page named by a 上接 marker."""
    column_shared: bool = False
    """The column label was read by another article (a cluster of briefs shares one)."""
    meta_lines: tuple[int, ...] = ()
    """Source lines of all but the body: headline, byline, column, jumps."""
    marks: str = ""
    """Decoration printed around headline lines (● ▲ 【】), kept apart from their words."""

    @property
    def lines(self) -> list[int]:
        """Every source line this article consumed, sorted."""
        found = set(self.meta_lines)
        for block in self.blocks:
            found.update(block.lines)
        return sorted(found)

    def consumed_text(self) -> str:
        """All page text this article took, in no particular order (for accounting)."""
        parts = [self.kicker, None if self.title_derived else self.title, self.subtitle]
        # The affiliation is counted once, as the body's last block.
        parts += [self.byline, None if self.column_shared else self.column]
        parts += self.jumps + [b.text for b in self.blocks] + [self.marks]
        return "".join(p for p in parts if p)

    def body_markdown(self) -> str:
        """Body as Markdown: paragraphs separated by blank lines, subheads as ``## ``."""
        parts = [f"## {b.text}" if b.type == "h" else b.text for b in self.blocks]
        return "\n\n".join(parts)


@dataclass(slots=True)
class NoiseLine:
    """A line that belongs to no article (page furniture, stray marks)."""

    line: int
    text: str
    reason: str


@dataclass(slots=True)
class PageFurniture:
    """Page metadata read from the furniture lines. ``None`` means unknown, never guessed."""

    paper: str | None = None
    date: str | None = None
    """ISO date ``YYYY-MM-DD``."""
    page_number: int | None = None
    page_name: str | None = None
    editors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PageSegmentation:
    """Everything ingest learned from one page dump."""

    source: str
    """File name of the page dump (relative to ``seeds/``)."""
    articles: list[SegmentedArticle]
    noise: list[NoiseLine]
    decisions: list[Decision]
    furniture: PageFurniture
