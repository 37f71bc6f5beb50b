"""Display names of tags, authors and places: the Chinese text, its pinyin, an English name.

English names come from enrichment (a reviewed table and CC-CEDICT); when there is none the
English interface shows the pinyin alone, never a character-by-character guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from site_builder.enrich import Place, english_name
from site_builder.nlp.pinyin import pinyin_text
from site_builder.render.readings import reading
from site_builder.site.library import Library


@dataclass(slots=True, frozen=True)
class Name:
    """One name as the interface shows it."""

    text: str
    """As written in Chinese."""
    pinyin: str
    en: str | None
    """English name, or None when no reviewed one exists."""


@dataclass(slots=True, frozen=True)
class Names:
    """Names of everything a library indexes, computed once per build."""

    tags: Mapping[str, Name]
    authors: Mapping[str, Name]
    places: Mapping[str, Name]
    """By division code."""
    place_levels: Mapping[str, str]
    """Division code -> province | prefecture | county | township | village."""


# Through ``reading``: a live preview builds the names again after every edit, a build
# finds them kept by the last one, and both readings only depend on the text.
def _name(text: str) -> Name:
    return Name(text, reading("pinyin", text, pinyin_text), reading("english", text, english_name))


def _person(text: str) -> Name:
    """A person's name has no English translation; only its pinyin is shown."""
    return Name(text, reading("pinyin", text, pinyin_text), None)


def build_names(library: Library, place_info: Mapping[str, Place]) -> Names:
    """Names of the library's tags, authors and places (``place_info``: places by code)."""
    places = {code: place_info[code] for code in library.places}
    return Names(
        tags=MappingProxyType({t: _name(t) for t in library.tags}),
        authors=MappingProxyType({a: _person(a) for a in library.authors}),
        places=MappingProxyType({c: Name(p.name, p.pinyin, p.name_en) for c, p in places.items()}),
        place_levels=MappingProxyType({c: p.level for c, p in places.items()}),
    )
