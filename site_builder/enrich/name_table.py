"""What each gazetteer name can denote in the paper's region, decided once per name.

``gazetteer_names`` reads a text against this table: whether a name is a full name, an
everyday word, a short name that may stand bare, or a county's short name that counts
only in a list of places or as a word jieba knows as a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from site_builder.enrich.gazetteer import COMMON_WORD_FREQ, Gazetteer, gazetteer, within
from site_builder.enrich.resources import data_set
from site_builder.enrich.suffixes import RARE, SUFFIX_CHARS
from site_builder.nlp.lexicon import lexicon
from site_builder.nlp.tokenizer import pos_tokenizer, tokenizer


@cache
def _well_known() -> frozenset[str]:
    return data_set("well_known_cities.txt")


def bare_allowed(code: str, short: str, region: str, gaz: Gazetteer) -> bool:
    """May a name without its suffix count? Provinces yes; prefecture-level cities of the
    paper's region or of the well-known list yes; nothing else (合作, 振兴, 长治)."""
    level = gaz.by_code[code].level
    if level == "province":
        return True
    return level == "prefecture" and (within(code, region) or short in _well_known())


def _far_county(codes: tuple[str, ...], region: str) -> bool:
    """A county-level name outside the paper's region counts only next to its city or
    province: many are also phrases (老城区 "the old town" is a district of Luoyang)."""
    gaz = gazetteer()
    return all(
        c in gaz.by_code and gaz.by_code[c].level == "county" and not within(c, region)
        for c in codes
    )


@dataclass(slots=True, frozen=True)
class NameEntry:
    """What a gazetteer name can denote in one region, decided once per name."""

    full: tuple[str, ...]
    """Codes of the divisions with this full name (empty when none has it)."""
    common: bool
    """Every division with this full name is also an everyday word (城区)."""
    far: bool
    """See ``Mention.far``."""
    bare: tuple[str, ...]
    """Codes this name denotes as a short name without its suffix."""
    listed: tuple[str, ...] = ()
    """Counties of the region with this short name: the name counts bare as an item of a
    list of places (``place_lists.listed``), or when it is a ``place_word``."""
    place_word: bool = False
    """jieba's dictionary knows the name as a place name (``ns``), less often than an
    everyday word (吉首, 七里河; not 安宁 "peace"), or as a rare noun or not at all (大渡口,
    射阳, 浑南; not as a person's name, 尼玛, 凯里: those need a list)."""
    listed_far: tuple[str, ...] = ()
    """Counties outside the region with this short name: as an item of a list of places
    the name counts too, but only where its city or province is named (``Mention.far``:
    遂宁—潼南、广安—渝北 in a Sichuan paper that names 重庆)."""
    ports: tuple[str, ...] = ()
    """Cities with this short name that do not count bare (outside the region and the
    well-known list): the name counts before 港, its port (宁波舟山港 in a Shanghai paper)."""


_NAME_TAGS = frozenset(["", "n", "nz", "ns"])
"""jieba's tags of a word that may be a name: nouns, person and other proper names, or
no tag at all (a word the dictionary does not hold)."""


@cache
def name_table(region: str) -> tuple[dict[str, NameEntry], re.Pattern[str], frozenset[str]]:
    """Gazetteer names that can make a mention in ``region``; a pattern for the characters
    that start any name, and the first two characters of every name (all names have at
    least two). Built once: scanning an archive asked these same questions of the same
    names millions of times."""
    gaz = gazetteer()
    freq, tags = tokenizer().FREQ, pos_tokenizer().word_tag_tab
    names = sorted({*gaz.full, *gaz.short})
    lexicon().prefetch(names)  # each is looked up below: all at once
    table: dict[str, NameEntry] = {}
    for name in names:
        full = gaz.full.get(name, ())
        common = all(gaz.by_code[c].common_word for c in full if c in gaz.by_code)
        bare = tuple(c for c in gaz.short.get(name, ()) if bare_allowed(c, name, region, gaz))
        counties = [
            c
            for c in gaz.short.get(name, ())
            if c in gaz.by_code and gaz.by_code[c].level == "county"
        ]
        listed = tuple(c for c in counties if within(c, region))
        listed_far = tuple(c for c in counties if not within(c, region))
        ports = tuple(
            c
            for c in gaz.short.get(name, ())
            if c in gaz.by_code and gaz.by_code[c].level == "prefecture" and c not in bare
        )
        if full or bare or listed or listed_far or ports:
            far = bool(full) and _far_county(full, region)
            tag, known = tags.get(name, ""), freq.get(name, 0)
            # A rare word that opens with a division word is a cut across two (16市|中有).
            place_word = (tag.startswith("ns") and known < COMMON_WORD_FREQ) or (
                known < RARE and tag in _NAME_TAGS and name[0] not in SUFFIX_CHARS
            )
            table[name] = NameEntry(full, common, far, bare, listed, place_word, listed_far, ports)
    starts = re.compile("[" + "".join(map(re.escape, sorted(gaz.lengths))) + "]")
    return table, starts, frozenset(name[:2] for name in (*gaz.full, *gaz.short))
