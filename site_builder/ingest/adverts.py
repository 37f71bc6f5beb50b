"""Advertisements printed among the text: a few short slogan lines (楼盘名, 金秋购房节
钜惠来袭, 首付低至15万) closed by the advertiser's hotline or address. The closing line is
furniture by its shape (``data/furniture.tsv``); the slogans over it are only short lines,
which would otherwise read as a headline group over whatever text follows the box."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from site_builder.ingest.lines import Unit

# Furniture shapes that close an advertisement (see data/furniture.tsv).
CLOSING_SHAPES = ("hotline", "address", "qr code", "advertising")
# An advertisement's slogans: this many short lines, stacked right over its hotline or
# address (a longer run of short lines is a poem over its author's mailbox).
MIN_SLOGANS, MAX_SLOGANS = 2, 6
# A classified notice voiding a lost document (…遗失营业执照正本，声明作废。) ends in the
# genre's formula; the lines over it name its kind (遗失声明) and its section (分类广告).
NOTICE_END_RE = re.compile(r"声明作废[。.]?\s*$")
NOTICE_HEAD_RE = re.compile(r"^(?:分类(?:广告|信息)|(?:遗失|挂失)?声明)$")
MAX_NOTICE = 120
NOTICE = "page furniture: classified notice"


def advert_blocks(units: list[Unit]) -> None:
    """Mark the slogan lines stacked right over an advertiser's hotline or address as
    furniture: a headline group is followed by its byline or text, never by a hotline."""
    for i, unit in enumerate(units):
        shape = unit.reason.removeprefix("page furniture: ")
        if unit.kind != "noise" or shape not in CLOSING_SHAPES:
            continue
        k = i - 1
        while k >= 0 and units[k].kind == "head":
            k -= 1
        # (a code to scan between a headline group and its byline points to the story's
        # video: 扫描二维码　观看视频报道)
        signed = i + 1 < len(units) and units[i + 1].kind == "byline"
        if MIN_SLOGANS <= i - 1 - k <= MAX_SLOGANS and not signed:
            for slogan in units[k + 1 : i]:
                slogan.kind, slogan.reason = "noise", "page furniture: advertisement"
        for slogan in _slogans_under(units, i):
            slogan.kind, slogan.reason = "noise", "page furniture: advertisement"


def _slogans_under(units: list[Unit], i: int) -> list[Unit]:
    """The short lines printed right under a closing line, in its box (热线：… / 新闻线索一经
    采用　即付报料费), when a blank line ends the box: a headline would run on into its
    article's byline or text."""
    k = i + 1
    while k < len(units) and units[k].kind == "head" and not units[k].gap_before:
        k += 1
    boxed = k < len(units) and units[k].gap_before and k - i - 1 <= MAX_SLOGANS
    return units[i + 1 : k] if boxed else []


def classified_notices(units: list[Unit]) -> None:
    """Mark classified notices, and the headings over them, as furniture: advertising
    bought by the line, not the paper's text."""
    for i, unit in enumerate(units):
        if unit.kind != "para" or len(unit.text) > MAX_NOTICE:
            continue
        if not NOTICE_END_RE.search(unit.text):
            continue
        unit.kind, unit.reason = "noise", NOTICE
        k = i - 1
        while k >= 0 and units[k].kind in ("head", "label") and NOTICE_HEAD_RE.match(units[k].text):
            units[k].kind, units[k].reason = "noise", NOTICE
            k -= 1
