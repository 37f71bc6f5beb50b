"""Gazetteer names in one text: full names, short names where they may stand, and
counties' short names where a list, a township or a venue supports them.

Nothing here decides *which* 城关区 is meant; ``places`` resolves mentions in the context of
the article, its page and the paper's region.
"""

from __future__ import annotations

import re

from site_builder.enrich.gazetteer import gazetteer, within
from site_builder.enrich.mentions import Mention, Tokens
from site_builder.enrich.name_table import name_table
from site_builder.enrich.place_lists import ITEM_END, bare_stands, listed
from site_builder.enrich.suffixes import SUFFIXES
from site_builder.enrich.townships import opens_township_of


def gazetteer_mentions(text: str, tokens: Tokens, region: str) -> list[Mention]:
    """Longest gazetteer names, left to right, without overlaps. A short name counts for a
    province, a prefecture of the region or of the well-known list (``bare_allowed``),
    unless it is the stem of a township or village (长春|镇, 河南|街道) or of a lake (青海|湖),
    or one of a list of things of another kind (金沙江、澜沧江、怒江), also before 港 (天津港:
    the city's port; any city's, wherever the paper is: 宁波舟山港) and at the far end of a
    route from a place (固原至平凉); for any division right after a place above it
    (山东|寿光, 江苏|苏州), but for a word for its old town (丽江|古城 is no 古城区);
    and for a county of the region that jieba knows as a place name or that stands in a list
    of places (``NameEntry.listed``; 平遥牛肉、太谷饼: items that open with places) or is the
    venue of 在…举行 (在凯里开幕: jieba reads 凯里 as a person's name), and then
    wherever the text writes it again as a word (化州、吴川两地 … 化州城区)."""
    found, counted = _gazetteer_pass(text, tokens, region, frozenset())
    if counted:
        found, _ = _gazetteer_pass(text, tokens, region, frozenset(counted))
    return found


def _gazetteer_pass(
    text: str, tokens: Tokens, region: str, counted: frozenset[str]
) -> tuple[list[Mention], set[str]]:
    """One pass of ``gazetteer_mentions``: the mentions, and the counties' short names it
    counted by their list or as place words; ``counted`` are such names the text has
    counted already, which count wherever they are a word."""
    lengths = gazetteer().lengths
    table, starts, prefixes = name_table(region)
    found: list[Mention] = []
    listed_here: set[str] = set()
    i = 0
    while (first := starts.search(text, i)) is not None:
        i = first.start()
        hit = None
        after = found[-1] if found and found[-1].end == i else None
        for length in lengths[text[i]] if text[i : i + 2] in prefixes else ():
            # Near the end of the text the slice is shorter than ``length``; the mention
            # still ends at ``i + length``, as it always has (a known quirk, kept so that
            # the output does not change).
            name = text[i : i + length]
            entry = table.get(name)
            if entry is None and after is None:
                continue
            bounded = i in tokens.starts and i + length in tokens.ends
            # A county of one character and its suffix (成县) is a whole word, or is
            # followed by one of its townships (康县长坝镇: jieba reads 县长 "county head").
            whole = (
                length > 2
                or i + length in tokens.ends
                or (entry is not None and opens_township_of(text, i + length, entry.full))
            )
            if entry is not None and entry.full and (not entry.common or bounded) and whole:
                hit = Mention(i, i + length, name, "gazetteer", entry.full, phrase=entry.common)
                hit.far = entry.far
                break
            # After its parent jieba may glue the two (湖北荆州): the name's end suffices,
            # or the end of a list's item (湖南岳阳等: jieba cuts 湖|南岳|阳等).
            ends = i + length in tokens.ends or ITEM_END.match(text, i + length) is not None
            # Right after a city a team's own name is no division (衢州江山队 is 衢州's).
            own = name in _OLD_TOWN or _team(text, i + length, tokens.ends)
            under = _short_under(name, after) if after is not None and ends and not own else ()
            if under:
                hit = Mention(i, i + length, name, "gazetteer", under)
                break
            follows = text[i + length : i + length + 1]
            stem = (i + length + 1 in tokens.ends and follows in _STEM) or text.startswith(
                _STEM_WORDS, i + length
            )
            # A city's port is written with its short name and 港, and jieba keeps the two
            # one word (天津港, 青岛港): the port names the city.
            port = follows == "港" and i in tokens.starts and i + length + 1 in tokens.ends
            # A sports team is named after its province or city (上海队, 赣州红土队), and
            # jieba may keep the two one word (天津队): the team names the place.
            team = i in tokens.starts and _team(text, i + length, tokens.ends)
            # A province's short name that opens a word jieba cut across it and the name
            # of one of its divisions (湖|南岳|阳: 湖南, 岳阳) is the province still.
            parent_of_next = (
                entry is not None
                and not bounded
                and i in tokens.starts
                and _opens_child(text, i + length, entry.bare)
            )
            bare = (
                entry is not None
                and entry.bare
                and (bounded or port or team or parent_of_next)
                and not stem
                and follows != "湖"
            )
            if bare and bare_stands(text, i, i + length):
                assert entry is not None
                hit = Mention(i, i + length, name, "gazetteer", entry.bare)
                break
            if (port or team) and entry is not None and len(entry.ports) == 1:
                # A port names its city wherever the paper is (宁波舟山港 in a Shanghai
                # paper): a city's short name is no everyday word before 港.
                hit = Mention(i, i + length, name, "gazetteer", entry.ports)
                break
            # A far city is a route's far end (固原至平凉) or an event's venue (在天水举行)
            # wherever the paper is: a short name there is no everyday word.
            route = bounded and not stem and (_route(text, i, found) or _venue(text, i, i + length))
            if route and entry is not None and len(entry.ports) == 1:
                hit = Mention(i, i + length, name, "gazetteer", entry.ports)
                break
            if entry is None or entry.bare or not (bounded or port) or stem or follows == "湖":
                continue  # (before 湖 a county's short name names a lake: 晋安湖)
            if not entry.listed:
                if entry.listed_far and listed(text, i, i + length, table):
                    hit = Mention(i, i + length, name, "gazetteer", entry.listed_far, far=True)
                    break
                if _border_port(text, i + length, entry.listed_far, length):
                    hit = Mention(i, i + length, name, "gazetteer", entry.listed_far)
                    break
                continue
            # A county of the region by its port too (黄骅港, as 天津港 above).
            if (
                entry.place_word
                or name in counted
                or port
                or listed(text, i, i + length, table)
                or opens_township_of(text, i + length, entry.listed)
                or _venue(text, i, i + length)
            ):
                hit = Mention(i, i + length, name, "gazetteer", entry.listed)
                listed_here.add(name)
                break
        if hit is None:
            i += 1
        else:
            found.append(hit)
            i = hit.end
    return found, listed_here


_OLD_TOWN = frozenset(["古城", "老城"])
"""Words for a city's old town that are also a district's short name (古城区 of 丽江, 老城区
of 洛阳): right after the city (丽江古城, 洛阳老城) they name its old town, a part of the
city as a reader takes it, not the district."""

_STEM = frozenset("镇乡村")
"""One-character suffixes that make a short name the stem of a township or village."""
_STEM_WORDS = tuple(w for w in SUFFIXES if len(w) > 1)
"""Longer suffixes do so wherever they follow (河南|街道 is a street office, not Henan)."""


_ROUTE = frozenset("至到—")
"""Between the two ends of a route (固原至平凉城际公交, 银川—平凉班车)."""


def _route(text: str, start: int, found: list[Mention]) -> bool:
    """Is the name at ``start`` the far end of a route from the place named just before
    it (固原至平凉)? A city's short name that is also a word (平凉 "cool", 日照 "sunshine")
    is a place there, wherever the paper is."""
    return start >= 2 and text[start - 1] in _ROUTE and bool(found) and found[-1].end == start - 1


def _opens_child(text: str, at: int, parents: tuple[str, ...]) -> bool:
    """Does the text at ``at`` hold the short name of a division inside one of the
    provinces ``parents``, ending where an item of a list may end (岳阳等)?"""
    gaz = gazetteer()
    provinces = [p for p in parents if gaz.by_code[p].level == "province"]
    for n in (4, 3, 2):
        name = text[at : at + n]
        if len(name) == n and ITEM_END.match(text, at + n):
            codes = gaz.short.get(name, ())
            if any(c != p and within(c, p) for c in codes for p in provinces):
                return True
    return False


def _short_under(name: str, parent: Mention) -> tuple[str, ...]:
    """Divisions with the short name ``name`` inside the place ``parent`` names."""
    gaz = gazetteer()
    return tuple(
        c
        for c in gaz.short.get(name, ())
        if c in gaz.by_code and any(c != p and within(c, p) for p in parent.codes)
    )


_VENUE = re.compile(r"举行|举办|开幕|闭幕|召开|采访|启动")
"""What happens at a place, never to a person: between 在 and one of these a county's
short name that jieba reads as a person's name (凯里, 雷山) is where it happens."""


def _venue(text: str, start: int, end: int) -> bool:
    """Is the short name at ``start:end`` the venue of 在…举行 (在凯里开幕, 在雷山采访)?"""
    return start > 0 and text[start - 1] in "在于" and _VENUE.match(text, end) is not None


_TEAM = re.compile(r"[\u4e00-\u9fff]{0,3}?队")
"""A team's name after its place: up to three characters of its own (红土, 齐风) and 队."""


def _team(text: str, end: int, ends: frozenset[int]) -> bool:
    """Does a team's name follow the place name ending at ``end`` (上海队, 淄博齐风队)? Its
    队 must end a word: not 队员 or 队伍 (四川队员 are players from Sichuan, no team)."""
    found = _TEAM.match(text, end)
    return found is not None and found.end() in ends


def _border_port(text: str, end: int, far: tuple[str, ...], length: int) -> bool:
    """Is a far county's short name, ending at ``end``, a port of entry (霍尔果斯口岸)? A
    border crossing is named after its county, and a name of three characters or more that
    one county alone has is no everyday word: it counts wherever the paper is."""
    return len(far) == 1 and length >= 3 and text.startswith("口岸", end)
