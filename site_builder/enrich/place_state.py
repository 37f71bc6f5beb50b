"""What a ``PlaceFinder`` decided over an archive, kept so that the next build need not
decide it all again.

The finder's archive-wide steps (the region of each page, the evidence of where names
start, the names learned anywhere, the places each page names, the parent the archive
gives each learned name) read every text; each text's mentions are then a function of
the text and of those archive-wide facts alone. The state keeps the facts, each text's
hits, and for each text a digest of everything it gave the archive-wide steps (its
*mark*). A build after an edit runs the per-text steps on the edited texts only,
against the kept facts: when each edited text gives the archive-wide steps exactly what
its old version gave (its mark is the same), the facts are those a clean build would
decide, and so are the other texts' hits, which are taken as kept. Otherwise (a place
name written or removed, a page that gains a text) the finder runs over the archive as
before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, fields

Hit = tuple[str, int, int, str | None, tuple[str, ...], str]
"""A ``PlaceHit`` as plain values: name, start, end, code, candidates, source."""
Learned = tuple[str, str, str, str]
"""A ``LearnedPlace`` as plain values: code, name, level, parent."""


@dataclass(slots=True)
class FinderState:
    """The archive-wide facts of one finder's run and each text's hits and mark."""

    region: str
    """The paper's region the finder was given."""
    page_regions: bool
    """Whether each page's region was read from its texts."""
    keys: list[str]
    """Each text's inputs (its text, page and dateline) as a digest, in order."""
    pages: list[str]
    """Each text's page."""
    marks: list[str]
    """Each text's mark: a digest of what it gave the archive-wide steps."""
    hits: list[list[Hit]]
    """Each text's hits."""
    page_region: dict[str, str]
    """The region of each page."""
    confirmed: dict[str, list[str]]
    """Where names start: each candidate's left neighbours (``Confirmations.pairs``)."""
    learned_names: list[tuple[str, str]]
    """Names learned anywhere with their level, in the finder's order."""
    page_codes: dict[str, list[str]]
    """The codes each page names unambiguously, with their ancestors (sorted)."""
    parents: dict[str, dict[str, str | None]]
    """By level: the parent the archive gives each learned name (None: it disagrees)."""
    places: list[Learned]
    """The places learned over the archive, in the finder's order."""

    def values(self) -> tuple[object, ...]:
        """The state as plain values (strings, numbers, lists, dicts, tuples), in order."""
        return tuple(getattr(self, f.name) for f in fields(self))


@dataclass(slots=True)
class KeptFinder:
    """What a ``PlaceFinder`` is given to start from the last build's run."""

    keys: list[str]
    """Each text's inputs as a digest, in order (as ``FinderState.keys``)."""
    state: FinderState | None
    """The last run's state (None: none kept, the finder runs over the archive)."""


def mark_of(parts: Iterable[object]) -> str:
    """A text's mark: sha256 of the ``repr`` of each part it gave (plain, ordered values)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode() + b"\0")
    return digest.hexdigest()
