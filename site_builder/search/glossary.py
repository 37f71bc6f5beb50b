"""CC-CEDICT and the project's own glosses for common news words it lacks, read as one.

``data/glosses_en.tsv`` (written for the project; its header says how its words were
chosen) gives English senses to words such as 护林员 "forest ranger" or 班列 "scheduled
freight train", which CC-CEDICT has no entry for and whose parts say otherwise (班 "team" +
列 "row"). English search reads a supplement entry exactly as a CC-CEDICT one; the reading
aids do not use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from site_builder.enrich.cedict import Entry, entries
from site_builder.enrich.cedict import words as cedict_words

SUPPLEMENT = Path(__file__).resolve().parent / "data" / "glosses_en.tsv"


def parse_supplement(text: str, source: str = SUPPLEMENT.name) -> dict[str, Entry]:
    """Word -> its entry, from lines ``word<TAB>sense/sense``; ``#`` lines are comments.
    A malformed line is a mistake in the project's data: it names the line."""
    found: dict[str, Entry] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, senses = line.partition("\t")
        parts = tuple(s.strip() for s in senses.split("/"))
        if not word or not all(parts) or word in found:
            raise ValueError(f"{source} line {number}: expected a new word, a tab, and senses")
        found[word] = Entry(word, word, "", parts)
    return found


@cache
def _supplement() -> dict[str, Entry]:
    return parse_supplement(SUPPLEMENT.read_text(encoding="utf-8"))


def glossed(word: str) -> tuple[Entry, ...]:
    """CC-CEDICT's entries for ``word``, then the supplement's."""
    own = _supplement().get(word)
    return entries(word) + ((own,) if own else ())


def glossed_words() -> Iterable[str]:
    """Every word with an entry in CC-CEDICT or the supplement."""
    return [*cedict_words(), *(w for w in _supplement() if not entries(w))]
