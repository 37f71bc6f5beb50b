"""Typed results of enrichment: places, per-article info, reading-aid tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["province", "prefecture", "county", "township", "village"]
"""Administrative level, from the region down to the community or village."""

Source = Literal["gazetteer", "dateline", "suffix"]
"""How a place mention was found: a gazetteer name, a dateline, or a suffix pattern."""


@dataclass(slots=True, frozen=True)
class Place:
    """One administrative division, from the gazetteer or learned from the text."""

    code: str
    """Division code. Gazetteer places use the official GB/T 2260 code without its trailing
    zero pairs (``54`` = 540000, ``5401`` = 540100, ``540102``); places learned from the
    text use ``<parent code>-<8 hex digits of sha1(name)>``."""
    name: str
    """Full Chinese name with its suffix, e.g. ``城关区``."""
    level: Level
    parent: str | None
    """Code of the parent division; None only for a province-level division."""
    name_en: str | None
    """English name from the reviewed table or CC-CEDICT; None rather than a guess."""
    pinyin: str
    """Pinyin with tone marks, name and suffix capitalised: ``Xīzàng Zìzhìqū``."""


@dataclass(slots=True)
class ArticleInfo:
    """What enrichment found for one article."""

    tags: list[str]
    """3-6 keywords, best first (or the tags written in front matter)."""
    places: list[str]
    """Codes of the most specific places named; their ancestors are implied."""
    ambiguous: list[str]
    """Place names recognised but not placed with certainty, sorted."""
    topics: list[str] = field(default_factory=list)
    """Ids of the most specific topics (see ``enrich.topics``), or those written in front
    matter; their parents are implied."""
    unknown_topics: list[str] = field(default_factory=list)
    """Front-matter topics that name no topic of the vocabulary."""


@dataclass(slots=True, frozen=True)
class PlaceHit:
    """One place mention in a text."""

    name: str
    """The place's name as the text writes it (``拉萨``, ``城关区``, ``扎西宗社区``)."""
    start: int
    """Offset of the mention in the text (-1 for a dateline given apart from the text)."""
    end: int
    code: str | None
    """Resolved division code; None when the mention stayed ambiguous."""
    candidates: tuple[str, ...]
    """Every code the name could denote (one element when it was never ambiguous)."""
    source: Source


@dataclass(slots=True, frozen=True)
class Gloss:
    """Dictionary reading and short English meaning of a word (CC-CEDICT)."""

    pinyin: str
    """Reading with tone marks, e.g. ``hánjià``."""
    english: str
    """A few senses joined by ``; ``, e.g. ``winter vacation``."""


@dataclass(slots=True, frozen=True)
class Token:
    """One jieba word of an article with its reading aids."""

    text: str
    pinyin: str
    """Pinyin with tone marks; empty for punctuation, spaces and Latin text."""
    gloss: str | None
    """Short English gloss, or None when CC-CEDICT has no entry for the word."""
