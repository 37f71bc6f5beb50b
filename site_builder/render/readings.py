"""Readings of the archive's names (pinyin, URL stem, English name), kept between builds.

Every build names all tags, authors and places of the archive with their pinyin and an
English name, and makes each tag's and author's URL from its pinyin: jieba, pypinyin and
CC-CEDICT for some thousands of names (at 1,000 articles about 1.4 s of a profiled edit
build's 9.4 s), all of them known to the last build but the edited article's. Each
reading is a function of the text alone and of those libraries, which the build cache's
fingerprint names; so the readings a build used are kept in one cache entry, and the
next build computes only the new ones.

``reading`` is a memo of pure functions for the process (as ``functools.lru_cache``
would be: a live preview asks again after every edit); ``kept_readings`` seeds it from
the cache around a build's site model and keeps what that model asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal, TypeVar

from site_builder.cache.packed import DETERMINISTIC, pack, unpack
from site_builder.cache.store import Cache

KIND = "name-readings"
FORMAT = b"name-readings-1"
T = TypeVar("T", str, str | None)
Reading = Literal["pinyin", "stem", "english"]

_KNOWN: dict[Reading, dict[str, str | None]] = {"pinyin": {}, "stem": {}, "english": {}}
_ASKED: list[set[tuple[Reading, str]]] = []
"""What the builds in progress (``kept_readings``) asked for."""
_MADE: list[bool] = [False]
"""Whether a reading was computed since the last ``kept_readings`` began."""


def reading(kind: Reading, text: str, make: Callable[[str], T]) -> T:
    """``make(text)``, computed once per process (or taken from the last build)."""
    known = _KNOWN[kind]
    if text in known:
        found: T = known[text]  # type: ignore[assignment]
    else:
        found = make(text)
        known[text] = found
        _MADE[0] = True
    for asked in _ASKED:
        asked.add((kind, text))
    return found


@contextmanager
def kept_readings(cache: Cache | None) -> Iterator[None]:
    """Readings the last build kept in ``cache`` made known, and those asked for inside
    the block kept for the next build (nothing kept without a cache)."""
    if cache is None:
        yield
        return
    kept: list[tuple[Reading, str, str | None]] = []
    data = cache.get(KIND, KIND)
    if data is not None:
        try:
            kept = [(kind, text, value) for kind, text, value in unpack(FORMAT, data)]
        except (TypeError, ValueError):
            kept = []  # another version's: made again
    for kind, text, value in kept:
        _KNOWN[kind].setdefault(text, value)
    asked: set[tuple[Reading, str]] = set()
    _ASKED.append(asked)
    _MADE[0] = False
    try:
        yield
    finally:
        _ASKED.remove(asked)
    if _MADE[0] or asked != {(kind, text) for kind, text, _ in kept}:
        now = sorted((kind, text, _KNOWN[kind][text]) for kind, text in asked)
        cache.put(KIND, KIND, pack(FORMAT, now, DETERMINISTIC))
