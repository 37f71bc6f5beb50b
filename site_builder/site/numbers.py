"""Page numbers as newspapers write them: ``第二版``, ``第2版``, ``2版``, ``A2``."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100}

_PAGE = re.compile(r"(?:第|[A-Z])?\s*([零〇一二两三四五六七八九十百]+|\d+)\s*版?")
_FRONT_PAGE = "头版"


def chinese_number(text: str) -> int | None:
    """Value of a small Chinese numeral (一 … 九百九十九), or None if ``text`` is not one."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    total = 0
    pending = 0
    for ch in text:
        if ch in _DIGITS:
            pending = _DIGITS[ch]
        else:
            # A unit with nothing before it (十二) means one of that unit.
            total += (pending or 1) * _UNITS[ch]
            pending = 0
    return total + pending


def page_number(marker: str) -> int | None:
    """Page number named by a jump marker's page part, or None when it names none.

    The marker must be a page number and nothing else (an optional ``第`` or section letter,
    the number, an optional ``版``); ``下一版`` and the like name no number and give None.
    """
    marker = marker.strip()
    if marker == _FRONT_PAGE:
        return 1
    found = _PAGE.fullmatch(marker)
    if found is None:
        return None
    digits = found.group(1)
    return int(digits) if digits.isdigit() else chinese_number(digits)
