"""Traditional -> simplified folding of Han text, with OpenCC's phrase and character tables.

The archive is indexed in simplified characters; a traditional query or a traditional
article is read through this table (``data/t2s.txt``, made by ``make_t2s``), so 拉薩 finds
拉萨 and 黨建 finds 党建. Conversion takes, at each position, the longest table entry that
starts there (phrases before characters, as OpenCC does); every entry keeps the length, so
a position in the converted text is the same position in the original. ``search.js`` has
the same function over the same table, which the index ships as ``t2s.bin``.
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

    def body(self) -> bytes:
        """The table without comments, as the index ships it to the browser."""
        return "".join(f"{k}\t{v}\n" for k, v in sorted(self.pairs.items())).encode()

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


@cache
def table() -> Table:
    """The bundled table, read once per process."""
    return Table.parse((files("site_builder.search") / "data" / "t2s.txt").read_text("utf-8"))


def simplified(text: str) -> str:
    """``text`` with traditional characters and phrases made simplified."""
    return table().convert(text)
