"""Typographic normalisation of article text written to ``content/``.

Page dumps mix ASCII ``, ; : ? ! ( )`` into Chinese sentences. Chinese typography wants the
full-width forms there, while numbers, times, URLs and English keep ASCII (``10:30``,
``3,000``, ``www.example.cn``, ``Hello, world``). The rule is local and explainable:

* ``, ; : ? !`` become full-width when the nearest non-space character on either side is
  Chinese (a CJK ideograph or full-width punctuation).
* Parentheses are decided per matched pair: both become ``（）`` when the pair encloses a
  CJK character or touches Chinese on the outside; an unmatched one follows the rule above.
* URLs are left alone entirely.

Spacing: full-width and no-break spaces become ASCII spaces, runs collapse to one space,
lines are trimmed, and spaces touching full-width punctuation go. A single space between
Chinese words is kept: it separates names in bylines (``记者 张三 李四``).
The source reference in the front matter keeps the raw lines, so nothing is lost.
"""

from __future__ import annotations

import itertools
import re

_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")

_HEADING = re.compile(r"#{1,6} ")

_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.I)
_URL_TRAILING = ".,;:!?)"
"""Sentence punctuation that ends a URL match rather than belonging to it."""


def is_cjk(ch: str) -> bool:
    """A CJK ideograph (unified, extension A and beyond, compatibility)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3FFFF
        or 0xF900 <= code <= 0xFAFF
    )


def is_fullwidth_punct(ch: str) -> bool:
    """Punctuation used in Chinese text: CJK symbols, full-width forms, curly quotes, dashes."""
    code = ord(ch)
    return (
        0x3000 < code <= 0x303F
        or 0xFF01 <= code <= 0xFF0F
        or 0xFF1A <= code <= 0xFF20
        or 0xFF3B <= code <= 0xFF40
        or 0xFF5B <= code <= 0xFF65
        or ch in "“”‘’—…·"
    )


def _is_chinese(ch: str) -> bool:
    return is_cjk(ch) or is_fullwidth_punct(ch)


def normalize(text: str) -> str:
    """Normalise punctuation and spacing of ``text``, line by line (Markdown stays intact)."""
    return "\n".join(_normalize_line(line) for line in text.split("\n"))


def _normalize_line(line: str) -> str:
    line = _SPACES.sub(" ", line).strip(" ")
    heading = _HEADING.match(line)
    if heading:  # keep the Markdown marker's space even before a quotation mark
        return heading.group() + _normalize_text(line[heading.end() :])
    return _normalize_text(line)


def _normalize_text(line: str) -> str:
    chars = list(line)
    protected = _url_positions(line)
    partner = _paren_pairs(line, protected)
    cjk_before = list(itertools.accumulate((is_cjk(c) for c in line), initial=0))
    for i, j in partner.items():
        if i < j and cjk_before[j] > cjk_before[i + 1]:  # the pair encloses a hanzi
            chars[i], chars[j] = "（", "）"
    # A conversion can make its neighbour's context Chinese (``?!`` after a hanzi, ``))``),
    # so sweep both ways until nothing changes: normalising twice then gives the same text,
    # and a long run of marks costs a few sweeps, not one per mark.
    changed = True
    while changed:
        changed = False
        for order in (range(len(chars)), range(len(chars) - 1, -1, -1)):
            for i in order:
                if chars[i] not in _TO_FULL or i in protected:
                    continue
                if _chinese_before(chars, i) or _chinese_after(chars, i):
                    chars[i] = _TO_FULL[chars[i]]
                    if i in partner:  # a pair of parentheses turns full-width together
                        chars[partner[i]] = _TO_FULL[line[partner[i]]]
                    changed = True
    return _drop_spaces_at_punct("".join(chars))


def _paren_pairs(line: str, protected: set[int]) -> dict[int, int]:
    """Matching ASCII parentheses, both ways; unmatched ones (page typos) are left out."""
    partner: dict[int, int] = {}
    opened: list[int] = []
    for i, ch in enumerate(line):
        if i in protected:
            continue
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            start = opened.pop()
            partner[start], partner[i] = i, start
    return partner


def _chinese_before(chars: list[str], i: int) -> bool:
    """Is the nearest non-space character before ``i`` Chinese?"""
    j = i - 1
    while j >= 0 and chars[j] == " ":
        j -= 1
    return j >= 0 and _is_chinese(chars[j])


def _chinese_after(chars: list[str], i: int) -> bool:
    """Is the nearest non-space character after ``i`` Chinese?"""
    j = i + 1
    while j < len(chars) and chars[j] == " ":
        j += 1
    return j < len(chars) and _is_chinese(chars[j])


def _url_positions(line: str) -> set[int]:
    positions: set[int] = set()
    for match in _URL.finditer(line):
        url = match.group().rstrip(_URL_TRAILING)
        positions.update(range(match.start(), match.start() + len(url)))
    return positions


def _drop_spaces_at_punct(line: str) -> str:
    """Remove a space that touches full-width punctuation (it only widens the gap)."""
    kept = [
        ch
        for i, ch in enumerate(line)
        if ch != " "
        or not (
            (i > 0 and is_fullwidth_punct(line[i - 1]))
            or (i + 1 < len(line) and is_fullwidth_punct(line[i + 1]))
        )
    ]
    return "".join(kept)
