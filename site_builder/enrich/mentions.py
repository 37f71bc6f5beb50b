"""A place mention in one text before resolution, and the text's word boundaries.

The recognisers (``gazetteer_names``, ``datelines``, ``learned``) make mentions; ``places``
resolves them in the context of the article, its page and the paper's region.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from site_builder.enrich.gazetteer import gazetteer
from site_builder.enrich.models import Level, Source


@dataclass(slots=True)
class Mention:
    """A place mention before resolution."""

    start: int
    end: int
    name: str
    """Name as written (拉萨), or the canonical name of a learned place (扎西宗社区)."""
    source: Source
    codes: tuple[str, ...] = ()
    """Gazetteer candidates (empty for a learned place)."""
    level: Level | None = None
    """Level of a learned place."""
    phrase: bool = False
    """The name is also an everyday word (城区 "urban area"): it counts only where its
    city or province is named too, and is dropped otherwise."""
    far: bool = False
    """A county outside the paper's region: it counts only where its city or province is
    named too; unresolved, it is dropped, or reported as ambiguous when several
    divisions share the name."""
    chain: int | None = None
    """Index of the mention written right before this one (日喀则市|桑珠孜区|城北街道)."""
    relation: int | None = None
    """Index of the parent named by 隶属于 or 位于 after a learned place."""
    code: str | None = None
    """Resolved code, filled in by ``places``."""
    county: str | None = None
    """The county the township list gives a township written out (``written_townships``):
    as firm a parent as one written right before it."""

    @property
    def needs_parent(self) -> bool:
        """Counts only where its city or province is named too."""
        return self.phrase or self.far

    @property
    def dropped(self) -> bool:
        """Unresolved and too likely not a place at all to be reported."""
        return self.code is None and (self.phrase or (self.far and len(self.codes) == 1))


@dataclass(slots=True)
class Tokens:
    """jieba word boundaries of a text."""

    starts: frozenset[int]
    ends: frozenset[int]
    word_at_end: dict[int, str]

    @property
    def start_mask(self) -> int:
        """The word starts as the bits of one int: what learned places need of the
        boundaries after the text's words are gone (an eighth of a byte a character)."""
        mask = 0
        for at in self.starts:
            mask |= 1 << at
        return mask

    @classmethod
    def of(cls, words: list[str]) -> Tokens:
        """Boundaries of the words, which together spell the text."""
        ends = list(accumulate(map(len, words)))
        return cls(frozenset([0, *ends]), frozenset(ends), dict(zip(ends, words, strict=True)))


ABOVE: dict[Level, tuple[Level, ...]] = {
    "township": ("province", "prefecture", "county"),
    "village": ("province", "prefecture", "county", "township"),
}
"""Levels a learned place of each level may hang under."""


def level_of(mention: Mention) -> Level | None:
    """The mention's level: a learned place's own, or the one level all its candidates share."""
    if mention.level is not None:
        return mention.level
    levels = {gazetteer().by_code[c].level for c in mention.codes if c in gazetteer().by_code}
    return levels.pop() if len(levels) == 1 else None
