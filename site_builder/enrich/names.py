"""English names for places, tags and authors: the reviewed table first, CC-CEDICT next.

CC-CEDICT describes places ("Lhasa, capital city of Tibet Autonomous Region ..."); we keep
the name, the leading run of capitalised words, and write the suffix by our own policy
(see ``data/names_en.tsv``). A name is never made up from the characters' readings.
"""

from __future__ import annotations

import re
from functools import cache

from site_builder.enrich.cedict import Entry, entries
from site_builder.enrich.gazetteer import gazetteer, split_suffix
from site_builder.enrich.models import Level
from site_builder.enrich.resources import data_rows

_SUFFIX_EN: tuple[tuple[str, str], ...] = (
    ("特别行政区", "Special Administrative Region"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("地区", "Prefecture"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("街道", "Subdistrict"),
    ("社区", "Community"),
    ("省", "Province"),
    ("盟", "League"),
    ("区", "District"),
    ("县", "County"),
    ("旗", "Banner"),
    ("镇", "Town"),
    ("乡", "Township"),
    ("村", "Village"),
)
"""Chinese suffix -> English word; 市 is handled apart (a prefecture-level city is its bare
name, a county-level city is "City")."""

_PLACE_SUFFIX = re.compile(r"(?:" + "|".join(s for s, _ in _SUFFIX_EN) + r"|市)$")
_TYPE_WORDS = frozenset(
    {
        "Region",
        "Prefecture",
        "County",
        "District",
        "City",
        "Province",
        "Municipality",
        "League",
        "Banner",
        "Town",
        "Township",
        "Village",
        "Subdistrict",
        "Community",
    }
)
_SKIP_SENSE = re.compile(r"^(?:CL:|(?:old |archaic )?variant of|see |surname |also written|abbr\.)")
_CJK_REF = re.compile(r"\S*?\|?([\u3400-\u9fff]+)\[[^\]]*\]")


@cache
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """Reviewed names by code and by Chinese name (full and, when unique, short)."""
    by_code: dict[str, str] = {}
    by_name: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    gaz = gazetteer()
    for code, name, name_en in data_rows("names_en.tsv"):
        by_code[code] = name_en
        by_name[name] = name_en
        division = gaz.by_code.get(code)
        if division and division.short:
            short.setdefault(division.short, set()).add(_strip_type(name_en))
    by_name.update({k: v.pop() for k, v in short.items() if len(v) == 1 and k not in by_name})
    return by_code, by_name


def _strip_type(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1] in _TYPE_WORDS | {"Autonomous"}:
        words.pop()
    return " ".join(words)


def _suffix_en(suffix: str, level: Level | None) -> str:
    if suffix == "市":
        return "City" if level == "county" else ""
    return next((en for zh, en in _SUFFIX_EN if suffix.endswith(zh)), "")


def _leading_name(sense: str) -> str | None:
    """``Lhasa`` from ``Lhasa, capital city of ...``: the leading capitalised words."""
    words: list[str] = []
    for word in sense.split():
        bare = word.rstrip(",;:")
        if not bare[:1].isupper() or word.endswith(":"):  # "Tibetan: Lha sa", "CL:"
            break
        words.append(bare)
        if bare != word:
            break
    return " ".join(words) or None


def _proper_name(found: tuple[Entry, ...]) -> str | None:
    for entry in found:
        if entry.proper:
            for sense in entry.senses:
                name = _leading_name(sense)
                if name:
                    return name
    return None


def _level_of(name: str) -> Level | None:
    codes = gazetteer().full.get(name, ())
    levels = {gazetteer().by_code[c].level for c in codes}
    return levels.pop() if len(levels) == 1 else None


def place_english(name: str, level: Level | None, code: str | None = None) -> str | None:
    """English name of a place: reviewed table (by code, then name), then CC-CEDICT."""
    by_code, by_name = _table()
    if code is not None and code in by_code:
        return by_code[code]
    if name in by_name:
        return by_name[name]
    whole = _proper_name(entries(name))
    if level in ("province", "prefecture", "county"):
        stem, suffix = split_suffix(name, level)
        if whole is None and stem != name and "族" not in suffix:
            # The stem's entry describes this division (措美 "Comai county"). Not for an
            # ethnic autonomous area, whose English name carries the people's name
            # (甘南藏族自治州 is not "Gannan Autonomous Prefecture").
            whole = _proper_name(entries(stem))
    else:
        # Below county level a stem's entry names some other place (振兴 is a district of
        # Dandong, not a 振兴社区 in Tibet): only an entry for the whole name counts.
        match = _PLACE_SUFFIX.search(name)
        suffix = match.group() if match else ""
    if whole is None:
        return None
    if whole.split()[-1] in _TYPE_WORDS or not suffix:
        return whole
    return f"{whole} {_suffix_en(suffix, level)}".strip()


def clean_senses(entry: Entry) -> list[str]:
    """An entry's senses without classifiers, variant notes or embedded traditional forms."""
    senses = []
    for sense in entry.senses:
        if _SKIP_SENSE.match(sense):
            continue
        senses.append(_CJK_REF.sub(r"\1", sense).strip())
    return [s for s in senses if s]


def english_name(term: str) -> str | None:
    """English for a tag, author or place name: reviewed table first, CC-CEDICT next, else
    None. Place names get their suffix by the table's policy (措美县 -> Comai County)."""
    if term in _table()[1] or term in gazetteer().full:
        return place_english(term, _level_of(term))
    found = entries(term)
    for entry in found:
        senses = clean_senses(entry) if not entry.proper else []
        if senses:
            return senses[0]
    suffix = _PLACE_SUFFIX.search(term)
    if suffix and suffix.start() > 0:
        return place_english(term, None)
    return _proper_name(found)
