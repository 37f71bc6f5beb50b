"""Datelines: the place a report was filed from (本报拉萨讯, 新华社北京5月1日电)."""

from __future__ import annotations

import re

from site_builder.enrich.gazetteer import gazetteer, within
from site_builder.enrich.mentions import Mention
from site_builder.enrich.townships import dateline_township

_DATELINE = re.compile(
    r"(?:^|\n)(?:本报|新华社|中新社)(?:记者)?([\u3400-\u9fff]{2,8}?)(?:\d{1,2}月\d{1,2}日)?[讯电]"
)
"""本报拉萨讯, 本报日喀则电, 新华社北京5月1日电: the place a report was filed from."""


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
            if not codes or _far_county(name, codes, taken, region):
                continue
            seen.add(name)
            if (start, end) not in spans:
                found.append(Mention(start, end, name, "dateline", codes))
            for m in taken:
                if (m.start, m.end) == (start, end):
                    m.source = "dateline"  # found as a word first, it is the dateline's
    return found


def _far_county(name: str, codes: tuple[str, ...], taken: list[Mention], region: str) -> bool:
    """Is ``name`` the short name of counties outside the paper's ``region`` whose city or
    province the text does not name? Such a dateline (本报江州讯 on a page about an
    invented province; 江州区 is in Guangxi) is read as a far county's short name is
    elsewhere: without support, no place."""
    gaz = gazetteer()
    if name in gaz.full:
        return False
    named = {
        c for m in taken if len(m.codes) == 1 for c in (m.codes[0], *gaz.ancestors(m.codes[0]))
    }
    return all(
        c in gaz.by_code
        and gaz.by_code[c].level == "county"
        and not within(c, region)
        and not named & set(gaz.ancestors(c))
        for c in codes
    )
