"""Lists of places: whether a county's short name is one item of a list whose other items
are places (城关、七里河、安宁等; 平遥牛肉、太谷饼), and whether a short name stands alone
rather than in a list of things of another kind (金沙江、澜沧江、怒江).

A short name alone is too often a word (安宁 "peace", 永修); beside other places, in a list,
it is one of them.
"""

from __future__ import annotations

import re

from site_builder.enrich.gazetteer import Gazetteer, gazetteer
from site_builder.enrich.name_table import NameEntry

_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_HAN_TAIL = re.compile(r"[\u3400-\u9fff]+$")
LIST_MARKS = "、"
"""What separates the items of a list of places."""
ITEM_END = re.compile(r"[、—]|等|两地|三地|[^\u3400-\u9fff]|$")
"""What may follow a place that is an item of a list: the next mark, the list's end."""


def listed(text: str, start: int, end: int, table: dict[str, NameEntry]) -> bool:
    """Is the county's short name at ``start:end`` an item of a list of places: a list mark
    (、 or —) between it and a neighbour that is itself a gazetteer name (城关、七里河、安宁等
    中心城区; 化州、吴川两地)? A short name alone is too often a word (安宁 "peace", 永修);
    beside another place, in a list, it is one of them."""
    if start > 0 and text[start - 1] in LIST_MARKS + "—":
        before = _HAN_TAIL.search(text, max(0, start - 9), start - 1)
        item = before.group() if before else ""
        if any(_neighbour(table.get(item[-n:])) for n in range(2, len(item) + 1)):
            return True
    if end < len(text) and text[end] in LIST_MARKS + "—":
        run = _HAN_RUN.match(text, end + 1)
        item = run.group() if run else ""
        for n in range(len(item), 1, -1):
            if _neighbour(table.get(item[:n])) and ITEM_END.match(text, end + 1 + n):
                return True
    return (
        _opens_listed_item(text, start, end, table)
        or _in_county_list(text, start, end, table)
        or _route_end(text, start, end, table)
    )


_COUNTY_LIST = re.compile(
    r"((?:[\u3400-\u9fff]{2,5}、)+[\u3400-\u9fff]{2,4})(?:等|[两三四五六七八九]个?)(?:县|区|旗)"
)
"""A list closed by what its items are (民勤、古浪等县; 化州、吴川两县)."""


def _in_county_list(text: str, start: int, end: int, table: dict[str, NameEntry]) -> bool:
    """Is the short name at ``start:end`` an item of a list that says its items are
    counties (在民勤、古浪等县的风沙口), every item a county's short name (the first may
    follow a word: 在|民勤)? Then each is a county, near or far."""
    for match in _COUNTY_LIST.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if not match.start(1) <= start < end <= match.end(1):
            continue
        items = match.group(1).split("、")
        first = next((items[0][-n:] for n in (4, 3, 2) if _county(table.get(items[0][-n:]))), "")
        return bool(first) and all(_county(table.get(item)) for item in items[1:])
    return False


def _county(entry: NameEntry | None) -> bool:
    return entry is not None and bool(entry.listed or entry.listed_far)


_ROUTE_MARKS = "至到"


def _route_end(text: str, start: int, end: int, table: dict[str, NameEntry]) -> bool:
    """Is the short name at ``start:end`` one end of a route whose other end is a county
    of the paper's region too (舒城至桐城城际公交)? Two counties' short names either side
    of 至 name the two places, whatever follows."""
    entry = table.get(text[start:end])
    if entry is None or not entry.listed:
        return False
    if end < len(text) and text[end] in _ROUTE_MARKS:
        run = _HAN_RUN.match(text, end + 1)
        item = run.group() if run else ""
        if any(_region_county(table.get(item[:n])) for n in range(2, min(len(item), 4) + 1)):
            return True
    if start > 1 and text[start - 1] in _ROUTE_MARKS:
        run = _HAN_TAIL.search(text, max(0, start - 5), start - 1)
        item = run.group() if run else ""
        return any(_region_county(table.get(item[-n:])) for n in range(2, len(item) + 1))
    return False


def _region_county(entry: NameEntry | None) -> bool:
    return entry is not None and bool(entry.listed)


_ITEM_TAIL = 4
"""Longest thing a list item may name after the place that opens it (平遥|牛肉)."""
_NOT_A_TAIL = frozenset("乡镇村县区市省江河湖山")
"""What a place's name never runs into when the item names a thing of that place: a
division word makes it a longer name's stem, a river or mountain a feature's name."""


def _opens_listed_item(text: str, start: int, end: int, table: dict[str, NameEntry]) -> bool:
    """Is the short name at ``start:end`` the opening of an item of a list whose items
    each name a thing of a place (平遥牛肉、太谷饼、灵石核桃; 定西马铃薯、静宁苹果; with 的
    between, 曹县的演出服饰、即墨的针织服装): the item
    starts with the name and ends within a few characters, and an item beside it (across
    a 、) opens with a gazetteer name too?"""
    if start > 0 and _HAN_CHAR.match(text, start - 1):
        return False
    tail = _HAN_RUN.match(text, end)
    rest = tail.group().split("等")[0] if tail else ""  # 灵石核桃|等: the list ends
    rest = rest.removeprefix("的")  # 即墨的针织服装、潍坊的风筝
    if not 0 < len(rest) <= _ITEM_TAIL or rest[0] in _NOT_A_TAIL:
        return False
    after = tail.start() + len(tail.group().split("等")[0]) if tail else end
    neighbours = []
    if after < len(text) and text[after] in LIST_MARKS:
        run = _HAN_RUN.match(text, after + 1)
        neighbours.append(run.group() if run else "")
    if start > 1 and text[start - 1] in LIST_MARKS:
        run = _HAN_TAIL.search(text, max(0, start - 2 - _ITEM_TAIL - 5), start - 1)
        item = run.group() if run else ""
        opens = run is not None and (run.start() == 0 or not _HAN_CHAR.match(text, run.start() - 1))
        neighbours.append(item if opens else "")
    return any(
        len(item) <= _ITEM_TAIL + 5
        and any(_neighbour(table.get(item[:n])) for n in range(2, min(len(item), 4) + 1))
        for item in neighbours
    )


def _neighbour(entry: NameEntry | None) -> bool:
    """Does a list's neighbour name a place of its own? A far county's short name does
    not: it needs support itself (平安 is a district of Qinghai and a wish)."""
    return entry is not None and bool(entry.full or entry.bare or entry.listed)


def bare_stands(text: str, start: int, end: int) -> bool:
    """Is the short name at ``start:end`` not one item of a list (、) whose neighbour ends
    with the same character and names no division (金沙江、澜沧江、怒江: rivers)?"""
    gaz = gazetteer()
    items = []
    if start > 1 and text[start - 1] in LIST_MARKS:
        before = _HAN_TAIL.search(text, max(0, start - 9), start - 1)
        items += [before.group()] if before else []
    if end < len(text) and text[end] in LIST_MARKS:
        after = _HAN_RUN.match(text, end + 1)
        items += [after.group()] if after else []
    last = text[end - 1]
    return not any(item.endswith(last) and not _division_item(item, gaz) for item in items)


def _division_item(item: str, gaz: Gazetteer) -> bool:
    """Does a list's item name a division, alone or after the place above it (江苏吴江 in
    江苏吴江、浙江嘉善, no list of rivers)?"""
    names = (gaz.full, gaz.short)
    return any(
        item[n:] in table and (n == 0 or any(item[:n] in t for t in names))
        for n in range(len(item) - 1)
        for table in names
    )
