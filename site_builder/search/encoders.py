"""Search terms encoded in worker processes that never held the site.

A full index build ends by encoding every term (``entries.term_entry``: BM25 impacts,
the posting block, the English expansions). The workers that do it used to be forked from
the build process at that point, when it held the site data, the render jobs and every
posting list: each worker copied on write what it touched of them (reference counts are
writes), and at 30,000 articles that fork was the build's peak memory (2.99 GB PSS; see
bench/README.md, sixth pass). The workers now never see the build's memory: they are
given, per chunk of terms, only those terms' posting lists (a few bytes a posting, as
``postings`` keeps them) and the document lengths once. At most ``WINDOW`` chunks per
worker are in flight, so the parent never holds a second copy of the postings.

The workers fork from a fork server started for them (``multiprocessing``'s "forkserver")
that imports this module alone, never the build's main module: spawned interpreters each
imported the whole command line, about 100 MiB apiece, where forked ones share what the
server imported. Results come back in chunk order: the bytes do not depend on the number
of workers, and one worker encodes here, in this process, with the same code.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from site_builder.search.english import Expansion
from site_builder.search.entries import Scoring, term_entry
from site_builder.search.postings import decoded

WINDOW = 2
"""Chunks in flight per worker: one being encoded, one waiting for it."""


@dataclass(slots=True, frozen=True)
class TermInput:
    """What encoding one term reads: its raw postings (``postings.Postings`` bytes, empty
    when the term has none of its own), its shown forms, and for an English key its
    expansion with the raw postings of each of its words."""

    term: str
    own: bytes | bytearray
    shown: list[str]
    expansion: Expansion | None = None
    words: dict[str, bytes | bytearray] | None = None


Encoded = tuple[bytes, bytes | None]
"""A shard entry and its external block (``entries.Entry``)."""

_SCORING: Scoring | None = None
"""The document lengths' scoring, given to each worker once when it starts."""


def _start(scoring: Scoring) -> None:
    global _SCORING
    _SCORING = scoring


def encode(chunk: list[TermInput], scoring: Scoring) -> list[Encoded]:
    """Each term of ``chunk`` encoded (``term_entry``)."""
    out: list[Encoded] = []
    for item in chunk:
        own = decoded(item.own) if item.own else ([], [])
        english = None
        if item.expansion is not None:
            words = item.words or {}
            english = (item.expansion, lambda word, words=words: decoded(words[word]))
        entry = term_entry(item.term, own, item.shown, scoring, english)
        out.append((entry.encoded, entry.block))
    return out


def _encode_here(chunk: list[TermInput]) -> list[Encoded]:
    """``encode`` in a worker, with the scoring it was started with."""
    assert _SCORING is not None, "the pool's initializer sets the scoring"
    return encode(chunk, _SCORING)


def encoded_chunks(
    chunks: Iterable[list[TermInput]], scoring: Scoring, workers: int
) -> Iterator[list[Encoded]]:
    """``encode`` of each chunk, in order; ``chunks`` is read lazily, ``WINDOW`` per
    worker ahead of the results, in ``workers`` processes of the fork server (one:
    here)."""
    if workers <= 1:
        for chunk in chunks:
            yield encode(chunk, scoring)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(workers, context, initializer=_start, initargs=(scoring,)) as pool:
        pending: deque[Future[list[Encoded]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_encode_here, chunk))
            if len(pending) >= WINDOW * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
