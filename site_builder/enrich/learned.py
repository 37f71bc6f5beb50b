"""Learned places: townships and villages found by their suffixes (…乡, …村, …社区, …街道)
after the gazetteer and dateline mentions, found again where the archive writes them,
and linked to the parent a relation word names (隶属于).

The names and their stems are judged by ``suffixes``; which county a learned township is
in is decided by ``places``.
"""

from __future__ import annotations

import re

from site_builder.enrich.gazetteer import COMMON_WORD_FREQ, within
from site_builder.enrich.mentions import ABOVE, Mention, level_of
from site_builder.enrich.models import Level
from site_builder.enrich.place_lists import LIST_MARKS
from site_builder.enrich.suffixes import (
    LOCATIVE,
    STOP_CHARS,
    SUFFIXES,
    Confirmations,
    Site,
    ends_with_kind,
    ends_with_verb,
    is_chained_name,
    is_generic_name,
    is_name,
    is_plausible,
    is_single_noun,
    stems_before,
)
from site_builder.enrich.townships import counties_of, one_county_has, shared_name
from site_builder.nlp.tokenizer import tagged, tokenizer

_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_NUMERAL = re.compile(r"[一二三四五六七八九十两0-9]")
_RELATION = re.compile(r"隶属于|隶属|属于|位于|地处")
"""Words that introduce the parent of the place before them (扎西宗社区隶属于…街道)."""
_STATIONS = re.compile(r"(?:、[\u3400-\u9fff]{2,6})*等(?:站|(?:[\u3400-\u9fff]{2})?(?:站点|车站))")
"""The rest of a list of stations after one of its items (大堰村等热门站点, 大堰村、李子坝等站):
a stop is often named after the village it was built on, and names the stop. Not a
village's own post (幸福村、团结村等便民服务站: four characters before 站)."""


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
        if _STATIONS.match(text, site.end):
            continue
        floor = prev.end if prev else 0
        choice = _choose(text, site, prev, floor, confirmations, starts)
        if choice is None:
            continue
        start, stem, chained = choice
        name = stem + site.suffix
        if is_generic_name(name) or (ends_with_kind(name) and not chained and not _listed(name)):
            continue
        if _everyday_township(stem, site, prev if chained else None):
            continue
        mention = Mention(start, site.end, name, "suffix", level=site.level)
        if chained and prev is not None:
            mention.chain = next(i for i, m in enumerate(mentions) if m is prev)
        learned.append(mention)
        mentions.append(mention)
        placed.append(mention)
        placed.sort(key=lambda m: m.start)
    return learned


def _everyday_township(stem: str, site: Site, parent: Mention | None) -> bool:
    """Is a township's stem one character jieba knows as an everyday word, and the name not
    in the official list under its ``parent`` (海林市雪乡 "snow country": a scenic area named
    so, not a township of 海林市; the list's 雪乡 is 达孜区's)? Then it is no township, even
    right after its county: the list holds every township of 2023. Without a parent
    right before it (“雪乡专列”) such a name is the word; the list's are found by the
    list (``townships.written_townships``)."""
    if site.level != "township" or len(stem) != 1:
        return False
    if tokenizer().FREQ.get(stem, 0) < COMMON_WORD_FREQ:
        return False
    if parent is None:
        return True  # 雪乡专列, 雪乡民宿: the word, with nothing to place it
    counties = counties_of(stem + site.suffix)
    return not any(within(c, p) for c in counties for p in parent.codes)


def _listed(name: str) -> bool:
    """Is ``name`` a township of the official list?"""
    return one_county_has(name) or shared_name(name)


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
        if before and level_of(mentions[before[0]]) in ABOVE[mention.level or "village"]:
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


def _opens_a_name(text: str) -> bool:
    """Does ``text`` not open with a preposition (在|油恰乡, 至|俄洛镇), a particle or
    conjunction (湖南|的|茶峒镇) or a word of quantity or reference (多个|社区, 一处|社区,
    首条|城乡)?"""
    word, flag = tagged(text)[0]
    if flag.startswith(("p", "u", "c")):
        return False
    return len(word) == 1 or flag[:1] not in ("m", "r", "b", "q")


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
    if prev is not None and level_of(prev) in ABOVE[site.level]:
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
            and (level_of(prev) in ("township", "village") or is_plausible(between))
        ):
            return prev.end, between, True
    stems = stems_before(text, site, floor)
    if not stems or site.glued:
        return None
    start, stem = stems[-1]
    chained = prev is not None and start == prev.end and level_of(prev) in ABOVE[site.level]
    # Villages are numbered under their township (达前乡|三|村), communities are not: a
    # numeral before 社区 is a count (牌楼街道|一|社区, "one community of the street office").
    numbered = site.suffix == "社区" and len(stem) == 1 and _NUMERAL.fullmatch(stem) is not None
    if chained and not numbered and is_chained_name(stem) and _opens_a_name(stem):
        assert prev is not None
        if level_of(prev) in ("township", "village") or is_plausible(stem):
            return start, stem, True
    start, stem = stems[-1]
    if (
        prev is not None
        and start == prev.end + 1
        and text[prev.end] in LIST_MARKS
        and level_of(prev) == site.level
        and len(stem) >= 2
        and is_chained_name(stem)
    ):
        return start, stem, False  # the next of a list (俄洛镇、约巴乡、如意乡): a sibling
    ok = [
        (at, stem)
        for at, stem in stems
        if (at == floor or (starts >> at) & 1 or not _HAN_CHAR.match(text[at - 1]))
        and is_plausible(stem)
        and not (site.level == "village" and ends_with_verb(stem))
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
    if not bounded or site.end >= len(text) or text[site.end] not in LIST_MARKS:
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
            if level_of(candidate) in ABOVE[mention.level]:
                last = by_start[at]
            at = candidate.end
        mention.relation = last
