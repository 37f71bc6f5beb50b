"""Traditional -> simplified folding of Han text, with OpenCC's phrase and character tables.

The archive is indexed in simplified characters; a traditional query or a traditional
article is read through this table (``data/t2s.txt``, made by ``make_t2s``), so 拉薩 finds
拉萨 and 黨建 finds 党建. Conversion takes, at each position, the longest table entry that
starts there (phrases before characters, as OpenCC does); every entry keeps the length, so
a position in the converted text is the same position in the original. ``search.js`` has
the same function over the same table, which the index ships as ``t2s.bin`` (``wire``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(slots=True, frozen=True)
class Table:
    """Traditional text -> simplified text, phrases and single characters."""

    pairs: dict[str, str]
    longest: int
    starts: frozenset[str]
    """First characters of every entry: text without any of them is left as it is."""

    @classmethod
    def parse(cls, text: str) -> Table:
        """Read the ``key<TAB>value`` lines of ``data/t2s.txt`` (``#`` lines are comments)."""
        pairs = dict(
            line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#")
        )
        return cls(pairs, max(map(len, pairs), default=1), frozenset(k[0] for k in pairs))

    def wire(self) -> str:
        """The compact form the index ships as ``t2s.bin`` (about 12 KB deflated, where the
        plain lines take 19 KB). Line 1, single characters, space-separated ``gap,diff``:
        ``gap`` the base-36 code point distance from the previous entry's traditional
        character (from 0; empty for 1), ``diff`` base-36 simplified minus traditional.
        Line 2, phrases, space-separated: the traditional phrase, then its simplified form
        with ``.`` for each character that stays."""
        chars, phrases, previous = [], [], 0
        for key, value in sorted(self.pairs.items()):
            if len(key) == 1:
                gap = ord(key) - previous
                previous = ord(key)
                chars.append(f"{base36(gap) if gap != 1 else ''},{base36(ord(value) - ord(key))}")
            else:
                kept = ("." if a == b else b for a, b in zip(key, value, strict=True))
                phrases.append(key + "".join(kept))
        return " ".join(chars) + "\n" + " ".join(phrases)

    @classmethod
    def from_wire(cls, text: str) -> Table:
        """Read what ``wire`` wrote."""
        chars, phrases = text.split("\n")
        pairs: dict[str, str] = {}
        code = 0
        for item in chars.split(" "):
            gap, diff = item.split(",")
            code += int(gap, 36) if gap else 1
            pairs[chr(code)] = chr(code + int(diff, 36))
        for item in phrases.split(" "):
            half = len(item) // 2
            key = item[:half]
            shown = zip(key, item[half:], strict=True)
            pairs[key] = "".join(k if v == "." else v for k, v in shown)
        return cls(pairs, max(map(len, pairs)), frozenset(k[0] for k in pairs))

    def convert(self, text: str) -> str:
        """``text`` in simplified characters, same length; unchanged if nothing applies."""
        if self.starts.isdisjoint(text):
            return text
        out: list[str] = []
        at, size, pairs = 0, len(text), self.pairs
        while at < size:
            if text[at] in self.starts:
                for length in range(min(self.longest, size - at), 0, -1):
                    found = pairs.get(text[at : at + length])
                    if found is not None:
                        out.append(found)
                        at += length
                        break
                else:
                    out.append(text[at])
                    at += 1
            else:
                out.append(text[at])
                at += 1
        return "".join(out)


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out, rest = "", abs(number)
    while True:
        out = digits[rest % 36] + out
        rest //= 36
        if not rest:
            return ("-" if number < 0 else "") + out


@cache
def table() -> Table:
    """The bundled table, read once per process."""
    return Table.parse((files("site_builder.search") / "data" / "t2s.txt").read_text("utf-8"))


def simplified(text: str) -> str:
    """``text`` with traditional characters and phrases made simplified."""
    return table().convert(text)
