"""Finding place mentions in one text: gazetteer names, datelines, suffix patterns.

Nothing here decides *which* 城关区 is meant; ``places`` resolves mentions in the context of
the article, its page and the paper's region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from site_builder.enrich.gazetteer import COMMON_WORD_FREQ, Gazetteer, gazetteer, within
from site_builder.enrich.models import Level, Source
from site_builder.enrich.resources import data_set
from site_builder.enrich.suffixes import (
    LOCATIVE,
    RARE,
    STOP_CHARS,
    SUFFIX_CHARS,
    SUFFIXES,
    Confirmations,
    Site,
    is_chained_name,
    is_name,
    is_plausible,
    is_single_noun,
    stems_before,
)
from site_builder.enrich.townships import dateline_township, one_county_has, opens_township_of
from site_builder.nlp.tokenizer import pos_tokenizer, tokenizer

_DATELINE = re.compile(
    r"(?:^|\n)(?:本报|新华社|中新社)(?:记者)?([\u3400-\u9fff]{2,8}?)(?:\d{1,2}月\d{1,2}日)?[讯电]"
)
"""本报拉萨讯, 本报日喀则电, 新华社北京5月1日电: the place a report was filed from."""
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_HAN_TAIL = re.compile(r"[\u3400-\u9fff]+$")
_LIST_MARKS = "、"
"""What separates the items of a list of places."""
_RELATION = re.compile(r"隶属于|隶属|属于|位于|地处")
"""Words that introduce the parent of the place before them (扎西宗社区隶属于…街道)."""


@cache
def _well_known() -> frozenset[str]:
    return data_set("well_known_cities.txt")


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
class _Name:
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
    list of places (``_listed``), or when it is a ``place_word``."""
    place_word: bool = False
    """jieba's dictionary knows the name as a place name (``ns``), less often than an
    everyday word (吉首, 七里河; not 安宁 "peace"), or as a rare noun or not at all (大渡口,
    射阳, 浑南; not as a person's name, 尼玛, 凯里: those need a list)."""
    listed_far: tuple[str, ...] = ()
    """Counties outside the region with this short name: as an item of a list of places
    the name counts too, but only where its city or province is named (``Mention.far``:
    遂宁—潼南、广安—渝北 in a Sichuan paper that names 重庆)."""


_NAME_TAGS = frozenset(["", "n", "nz", "ns"])
"""jieba's tags of a word that may be a name: nouns, person and other proper names, or
no tag at all (a word the dictionary does not hold)."""


@cache
def _names(region: str) -> tuple[dict[str, _Name], re.Pattern[str], frozenset[str]]:
    """Gazetteer names that can make a mention in ``region``; a pattern for the characters
    that start any name, and the first two characters of every name (all names have at
    least two). Built once: scanning an archive asked these same questions of the same
    names millions of times."""
    gaz = gazetteer()
    freq, tags = tokenizer().FREQ, pos_tokenizer().word_tag_tab
    table: dict[str, _Name] = {}
    for name in sorted({*gaz.full, *gaz.short}):
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
        if full or bare or listed or listed_far:
            far = bool(full) and _far_county(full, region)
            tag, known = tags.get(name, ""), freq.get(name, 0)
            # A rare word that opens with a division word is a cut across two (16市|中有).
            place_word = (tag.startswith("ns") and known < COMMON_WORD_FREQ) or (
                known < RARE and tag in _NAME_TAGS and name[0] not in SUFFIX_CHARS
            )
            table[name] = _Name(full, common, far, bare, listed, place_word, listed_far)
    starts = re.compile("[" + "".join(map(re.escape, sorted(gaz.lengths))) + "]")
    return table, starts, frozenset(name[:2] for name in (*gaz.full, *gaz.short))


def gazetteer_mentions(text: str, tokens: Tokens, region: str) -> list[Mention]:
    """Longest gazetteer names, left to right, without overlaps. A short name counts for a
    province, a prefecture of the region or of the well-known list (``bare_allowed``),
    unless it is the stem of a township or village (长春|镇, 河南|街道) or of a lake (青海|湖),
    or one of a list of things of another kind (金沙江、澜沧江、怒江), also before 港 (天津港:
    the city's port); for any division right after a place above it (山东|寿光, 江苏|苏州);
    and for a county of the region that jieba knows as a place name or that stands in a list
    of places (``_Name.listed``; 平遥牛肉、太谷饼: items that open with places) or is the
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
    table, starts, prefixes = _names(region)
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
            if entry is not None and entry.full and (not entry.common or bounded):
                hit = Mention(i, i + length, name, "gazetteer", entry.full, phrase=entry.common)
                hit.far = entry.far
                break
            # After its parent jieba may glue the two (湖北荆州): the name's end suffices,
            # or the end of a list's item (湖南岳阳等: jieba cuts 湖|南岳|阳等).
            ends = i + length in tokens.ends or _ITEM_END.match(text, i + length) is not None
            under = _short_under(name, after) if after is not None and ends else ()
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
                and (bounded or port or parent_of_next)
                and not stem
                and follows != "湖"
            )
            if bare and _bare_stands(text, i, i + length):
                assert entry is not None
                hit = Mention(i, i + length, name, "gazetteer", entry.bare)
                break
            if entry is None or entry.bare or not (bounded or port) or stem:
                continue
            if not entry.listed:
                if entry.listed_far and _listed(text, i, i + length, table):
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
                or _listed(text, i, i + length, table)
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


_STEM = frozenset("镇乡村")
"""One-character suffixes that make a short name the stem of a township or village."""
_STEM_WORDS = tuple(w for w in SUFFIXES if len(w) > 1)
"""Longer suffixes do so wherever they follow (河南|街道 is a street office, not Henan)."""


def _opens_child(text: str, at: int, parents: tuple[str, ...]) -> bool:
    """Does the text at ``at`` hold the short name of a division inside one of the
    provinces ``parents``, ending where an item of a list may end (岳阳等)?"""
    gaz = gazetteer()
    provinces = [p for p in parents if gaz.by_code[p].level == "province"]
    for n in (4, 3, 2):
        name = text[at : at + n]
        if len(name) == n and _ITEM_END.match(text, at + n):
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


_ITEM_END = re.compile(r"[、—]|等|两地|三地|[^\u3400-\u9fff]|$")
"""What may follow a place that is an item of a list: the next mark, the list's end."""


def _listed(text: str, start: int, end: int, table: dict[str, _Name]) -> bool:
    """Is the county's short name at ``start:end`` an item of a list of places: a list mark
    (、 or —) between it and a neighbour that is itself a gazetteer name (城关、七里河、安宁等
    中心城区; 化州、吴川两地)? A short name alone is too often a word (安宁 "peace", 永修);
    beside another place, in a list, it is one of them."""
    if start > 0 and text[start - 1] in _LIST_MARKS + "—":
        before = _HAN_TAIL.search(text, max(0, start - 9), start - 1)
        item = before.group() if before else ""
        if any(_neighbour(table.get(item[-n:])) for n in range(2, len(item) + 1)):
            return True
    if end < len(text) and text[end] in _LIST_MARKS + "—":
        run = _HAN_RUN.match(text, end + 1)
        item = run.group() if run else ""
        for n in range(len(item), 1, -1):
            if _neighbour(table.get(item[:n])) and _ITEM_END.match(text, end + 1 + n):
                return True
    return _opens_listed_item(text, start, end, table)


_ITEM_TAIL = 4
"""Longest thing a list item may name after the place that opens it (平遥|牛肉)."""
_NOT_A_TAIL = frozenset("乡镇村县区市省江河湖山")
"""What a place's name never runs into when the item names a thing of that place: a
division word makes it a longer name's stem, a river or mountain a feature's name."""


def _opens_listed_item(text: str, start: int, end: int, table: dict[str, _Name]) -> bool:
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
    if after < len(text) and text[after] in _LIST_MARKS:
        run = _HAN_RUN.match(text, after + 1)
        neighbours.append(run.group() if run else "")
    if start > 1 and text[start - 1] in _LIST_MARKS:
        run = _HAN_TAIL.search(text, max(0, start - 2 - _ITEM_TAIL - 5), start - 1)
        item = run.group() if run else ""
        opens = run is not None and (run.start() == 0 or not _HAN_CHAR.match(text, run.start() - 1))
        neighbours.append(item if opens else "")
    return any(
        len(item) <= _ITEM_TAIL + 5
        and any(_neighbour(table.get(item[:n])) for n in range(2, min(len(item), 4) + 1))
        for item in neighbours
    )


_VENUE = re.compile(r"举行|举办|开幕|闭幕|召开|采访|启动")
"""What happens at a place, never to a person: between 在 and one of these a county's
short name that jieba reads as a person's name (凯里, 雷山) is where it happens."""


def _venue(text: str, start: int, end: int) -> bool:
    """Is the short name at ``start:end`` the venue of 在…举行 (在凯里开幕, 在雷山采访)?"""
    return start > 0 and text[start - 1] in "在于" and _VENUE.match(text, end) is not None


def _border_port(text: str, end: int, far: tuple[str, ...], length: int) -> bool:
    """Is a far county's short name, ending at ``end``, a port of entry (霍尔果斯口岸)? A
    border crossing is named after its county, and a name of three characters or more that
    one county alone has is no everyday word: it counts wherever the paper is."""
    return len(far) == 1 and length >= 3 and text.startswith("口岸", end)


def _neighbour(entry: _Name | None) -> bool:
    """Does a list's neighbour name a place of its own? A far county's short name does
    not: it needs support itself (平安 is a district of Qinghai and a wish)."""
    return entry is not None and bool(entry.full or entry.bare or entry.listed)


def _bare_stands(text: str, start: int, end: int) -> bool:
    """Is the short name at ``start:end`` not one item of a list (、) whose neighbour ends
    with the same character and names no division (金沙江、澜沧江、怒江: rivers)?"""
    gaz = gazetteer()
    items = []
    if start > 1 and text[start - 1] in _LIST_MARKS:
        before = _HAN_TAIL.search(text, max(0, start - 9), start - 1)
        items += [before.group()] if before else []
    if end < len(text) and text[end] in _LIST_MARKS:
        after = _HAN_RUN.match(text, end + 1)
        items += [after.group()] if after else []
    last = text[end - 1]
    return not any(
        item.endswith(last) and item not in gaz.full and item not in gaz.short for item in items
    )


def dateline_spans(text: str) -> set[tuple[int, int]]:
    """Where the text's datelines name a place (拉萨 in 本报拉萨讯)."""
    return {match.span(1) for match in _DATELINE.finditer(text)}


def dateline_mentions(
    text: str, dateline: str | None, taken: list[Mention], region: str = ""
) -> list[Mention]:
    """The place of a dateline, in the text or given apart (start -1), unless a gazetteer
    mention already covers it. A dateline in the text that names no division but the
    stem of one township of the paper's ``region`` (本报营根…电: 营根镇) names that
    township, a learned place whose county the archive's evidence or the township list
    gives (``places``)."""
    gaz = gazetteer()
    found: list[Mention] = []
    seen: set[str] = set()
    spans = [(m.start, m.end) for m in taken]
    sources = [(text, 0)] + ([("\n" + dateline, None)] if dateline else [])
    for source, offset in sources:
        for match in _DATELINE.finditer(source):
            name = match.group(1)
            codes = gaz.full.get(name) or gaz.short.get(name, ())
            if name in seen:
                continue
            start, end = (match.start(1), match.end(1)) if offset is not None else (-1, -1)
            township = None if codes or start < 0 else dateline_township(name, region)
            if township is not None and (start, end) not in spans:
                seen.add(name)
                found.append(Mention(start, end, township, "suffix", level="township"))
            if not codes:
                continue
            seen.add(name)
            if (start, end) not in spans:
                found.append(Mention(start, end, name, "dateline", codes))
            for m in taken:
                if (m.start, m.end) == (start, end):
                    m.source = "dateline"  # found as a word first, it is the dateline's
    return found


def suffix_mentions(
    text: str,
    suffix_sites: list[Site],
    mentions: list[Mention],
    confirmations: Confirmations,
    starts: int,
) -> list[Mention]:
    """Learned places (…社区, …街道, …乡, …村) after the gazetteer and dateline mentions,
    left to right, so that one learned place can be the parent of the next.
    ``suffix_sites`` are the text's suffixes (``suffixes.sites``); ``starts`` the text's
    word starts (``Tokens.start_mask``): a name starts where a word does."""
    placed = sorted((m for m in mentions if m.start >= 0), key=lambda m: m.start)
    learned: list[Mention] = []
    for site in suffix_sites:
        prev = _last_before(placed, site.start)
        if prev is not None and prev.end > site.start:
            continue  # the suffix lies inside a gazetteer name
        floor = prev.end if prev else 0
        choice = _choose(text, site, prev, floor, confirmations, starts)
        if choice is None:
            continue
        start, stem, chained = choice
        mention = Mention(start, site.end, stem + site.suffix, "suffix", level=site.level)
        if chained and prev is not None:
            mention.chain = next(i for i, m in enumerate(mentions) if m is prev)
        learned.append(mention)
        mentions.append(mention)
        placed.append(mention)
        placed.sort(key=lambda m: m.start)
    return learned


def repeat_mentions(
    text: str,
    mentions: list[Mention],
    pattern: re.Pattern[str],
    learned: dict[str, Level],
    starts: int,
) -> None:
    """Learned names (``pattern`` matches any of them, longest first) wherever else they
    are written (据了解,城北街道下一步…), where the suffix rules alone would not take them
    (城北 is an everyday word); only where a word starts (河镇 is not in 狮泉河镇)."""
    taken = [(m.start, m.end) for m in mentions if m.start >= 0]
    ends = {e for _, e in taken}
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        if not (starts >> start) & 1 and start not in ends:
            continue
        mention = Mention(start, end, match.group(), "suffix", level=learned[match.group()])
        before = [i for i, m in enumerate(mentions) if m.end == start and m.start >= 0]
        if before and _level_of(mentions[before[0]]) in _ABOVE[mention.level or "village"]:
            mention.chain = before[0]
        mentions.append(mention)
        taken.append((start, end))


def record_confirmations(
    text: str, suffix_sites: list[Site], mentions: list[Mention], confirmations: Confirmations
) -> None:
    """First pass over the archive: where could each suffix's name start?
    ``suffix_sites`` are the text's suffixes (``suffixes.sites``)."""
    placed = sorted((m for m in mentions if m.start >= 0), key=lambda m: m.start)
    ends = [m.end for m in placed]
    for site in suffix_sites:
        prev = _last_before(placed, site.start)
        confirmations.add(text, site, prev.end if prev else 0, ends)


def _last_before(placed: list[Mention], offset: int) -> Mention | None:
    before = [m for m in placed if m.start < offset]
    return before[-1] if before else None


_ABOVE: dict[Level, tuple[Level, ...]] = {
    "township": ("province", "prefecture", "county"),
    "village": ("province", "prefecture", "county", "township"),
}


def _level_of(mention: Mention) -> Level | None:
    if mention.level is not None:
        return mention.level
    levels = {gazetteer().by_code[c].level for c in mention.codes if c in gazetteer().by_code}
    return levels.pop() if len(levels) == 1 else None


def _opens_a_name(text: str) -> bool:
    """Does ``text`` not open with a preposition (在|油恰乡, 至|俄洛镇), a particle or
    conjunction (湖南|的|茶峒镇) or a word of quantity or reference (多个|社区, 一处|社区,
    首条|城乡)?"""
    first = next(iter(pos_tokenizer().cut(text)))
    if first.flag.startswith(("p", "u", "c")):
        return False
    return len(first.word) == 1 or first.flag[:1] not in ("m", "r", "b", "q")


def _choose(
    text: str,
    site: Site,
    prev: Mention | None,
    floor: int,
    confirmations: Confirmations,
    starts: int,
) -> tuple[int, str, bool] | None:
    """(start, stem, chained) of the name before a suffix, or None.

    A place written right before makes a chain (桑珠孜区|城北|街道) and the stem between them
    is taken unless it is a long common phrase (or, after a county or higher, a phrase of
    the sentence: 康定市|依托|社区); otherwise the shortest stem the archive confirms;
    otherwise the longest run back to a stop character that looks like a name. Every
    stem starts where a word does (长所乡|岗嘎村, not 乡岗嘎) and passes ``is_plausible``
    (深入|小中甸镇: 小中甸).
    """
    if prev is not None and _level_of(prev) in _ABOVE[site.level]:
        # Right after its parent a name may hold a character that elsewhere ends one
        # (德格县|更庆|镇, 炉城街道|向阳|社区, 长所乡|岗嘎|村): two to four Han characters,
        # not all of them function characters.
        between = text[prev.end : site.start]
        if (
            2 <= len(between) <= 4
            and _HAN_RUN.fullmatch(between)
            and not set(between) <= STOP_CHARS
            and _opens_a_name(between)
            and is_chained_name(between)
            and (_level_of(prev) in ("township", "village") or is_plausible(between))
        ):
            return prev.end, between, True
    stems = stems_before(text, site, floor)
    if not stems or site.glued:
        return None
    start, stem = stems[-1]
    chained = prev is not None and start == prev.end and _level_of(prev) in _ABOVE[site.level]
    if chained and is_chained_name(stem) and _opens_a_name(stem):
        assert prev is not None
        if _level_of(prev) in ("township", "village") or is_plausible(stem):
            return start, stem, True
    start, stem = stems[-1]
    if (
        prev is not None
        and start == prev.end + 1
        and text[prev.end] in _LIST_MARKS
        and _level_of(prev) == site.level
        and len(stem) >= 2
        and is_chained_name(stem)
    ):
        return start, stem, False  # the next of a list (俄洛镇、约巴乡、如意乡): a sibling
    ok = [
        (at, stem)
        for at, stem in stems
        if (at == floor or (starts >> at) & 1 or not _HAN_CHAR.match(text[at - 1]))
        and is_plausible(stem)
    ]
    for start, stem in ok:
        if is_name(stem) and confirmations.confirmed(stem + site.suffix):
            return start, stem, False
    for start, stem in reversed(ok):
        if is_name(stem) or (site.level == "township" and one_county_has(stem + site.suffix)):
            return start, stem, False
    start, stem = stems[-1]
    if is_single_noun(stem) and start > 0 and text[start - 1] in LOCATIVE:
        return start, stem, False
    if _opens_list(text, site, start, floor) and len(stem) >= 2 and is_chained_name(stem):
        return (start, stem, False) if is_plausible(stem) else None  # 至升平镇、佛山乡
    return None


def _opens_list(text: str, site: Site, start: int, floor: int) -> bool:
    """Is the name before ``site``, from ``start`` (where a function character, a
    boundary or ``floor`` stops it), the first of a list of places of its level: a list
    mark, then Han characters ending with a suffix of the same level?"""
    bounded = (
        start == floor or not _HAN_CHAR.match(text[start - 1]) or text[start - 1] in STOP_CHARS
    )
    if not bounded or site.end >= len(text) or text[site.end] not in _LIST_MARKS:
        return False
    run = _HAN_RUN.match(text, site.end + 1)
    return run is not None and any(
        run.group().endswith(written) and len(run.group()) > len(written)
        for written, (_, level) in SUFFIXES.items()
        if level == site.level
    )


def link_relations(text: str, mentions: list[Mention]) -> None:
    """扎西宗社区隶属于日喀则市桑珠孜区城北街道: the last place of the chain after the relation
    word is the parent of the learned place before it."""
    by_start = {m.start: i for i, m in enumerate(mentions) if m.start >= 0}
    for mention in mentions:
        if mention.source != "suffix" or mention.level is None:
            continue
        match = _RELATION.match(text, mention.end)
        if match is None:
            continue
        at, last = match.end(), None
        while at in by_start:
            candidate = mentions[by_start[at]]
            if _level_of(candidate) in _ABOVE[mention.level]:
                last = by_start[at]
            at = candidate.end
        mention.relation = last
