"""The initials table: the first letters of pinyin each character of the index may take.

An ``i:`` term (``jczl``) is found through its postings alone; the Han text it stood for in
each article (its forms) served only to highlight a result, and was half of the ``i:``
entries' bytes (a twelfth of the shards at 10,000 articles). The index ships instead this
table, ``initials.bin``, for every Han character that is a term of its own: the search page
fetches it when a result it shows was found by initials, and marks there every run of as
many characters as the query has letters whose characters may start with those letters.

A character's letters are those of every reading pypinyin knows for it (its heteronyms),
so the table depends only on which characters the index holds
(an edit changes it only when a character comes or goes) and covers the reading a phrase
gives it (长 in 成长 and 长治久安 alike: ``c`` and ``z``). A polyphone read otherwise
elsewhere in a result may be marked too; what is found does not change.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from site_builder.search.t2s import base36


@lru_cache(maxsize=1 << 15)
def letters(char: str) -> str:
    """Sorted first letters of every reading of ``char`` (empty when it has none)."""
    from pypinyin import Style, pinyin  # its tables: imported when a new character needs them

    readings = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    return "".join(sorted({r[0] for r in readings if "a" <= r[:1] <= "z"}))


def wire(chars: Iterable[str]) -> str:
    """``initials.bin``'s text: one line per letter, the letter and then the characters
    that may take it as comma-separated base-36 code point gaps (from 0; empty for 1), as
    ``t2s.bin`` writes its characters. About 5 KB deflated for 3,500 characters."""
    by_letter: dict[str, list[int]] = {}
    for char in sorted(set(chars)):
        for letter in letters(char):
            by_letter.setdefault(letter, []).append(ord(char))
    lines = []
    for letter, codes in sorted(by_letter.items()):
        gaps = [b - a for a, b in zip([0, *codes[:-1]], codes, strict=True)]
        lines.append(letter + ",".join(base36(g) if g != 1 else "" for g in gaps))
    return "\n".join(lines)


def from_wire(text: str) -> dict[str, str]:
    """Each character's letters, read from what ``wire`` wrote."""
    table: dict[str, str] = {}
    for line in text.split("\n") if text else ():
        code = 0
        for gap in line[1:].split(","):
            code += int(gap, 36) if gap else 1
            table[chr(code)] = table.get(chr(code), "") + line[0]
    return table


def spans(text: str, initials: str, table: dict[str, str]) -> list[str]:
    """Every run of ``len(initials)`` characters of ``text`` whose characters may start
    with those letters, in order: what an initials clause highlights."""
    size = len(initials)
    return [
        text[at : at + size]
        for at in range(len(text) - size + 1)
        if all(
            letter in table.get(c, "")
            for c, letter in zip(text[at : at + size], initials, strict=True)
        )
    ]
