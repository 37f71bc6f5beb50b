"""Write the static search index: shards of terms, per-article records, small side files.

Layout (every file raw-deflated, see ``encode``), each file handed to the
caller's ``write(relative_path, data)`` (the site's output folder, which skips unchanged
files and removes what is no longer produced):

* ``meta.bin``: document and shard counts, the pinyin syllables in use;
* ``s/<n>.bin``: shard ``n`` holds every term whose FNV-1a hash is ``n`` modulo the shard
  count, with its posting list, or a pointer to ``t/<n>-<i>.bin`` when the list is big;
* ``d/<id // 1000>/<id>.bin``: one article's record (title, date, places, text), fetched
  only for results that are shown or checked;
* ``dates.bin`` (for date filters) and ``facets.bin`` (for the filter form), fetched on use;
* ``t2s.bin``: the traditional -> simplified table (``t2s``), fetched only for a query whose
  Han text the index lacks, or a result whose text holds traditional characters;
* ``initials.bin``: the pinyin initials each character may take (``initials``), fetched
  only to highlight a result found by initials.

English words (``english``) are stored under their ``w:`` key: the articles holding the
Chinese words they stand for, weighted below an article that has the word itself.

Document ids follow date order (undated first), so "newest first" is "highest id first" and
a date range is an id range. Output is byte-identical for the same documents.

Documents stream through once, in id order: each one's part (``parts``: its record and
weighted terms) is made or taken from the cache, its record written and its terms folded
into compact posting lists (``postings``), then it is dropped; BM25 impacts (which need
the average length) are computed at the end from those lists (``entries``), every term
encoded before the shards are written (their count follows the entries' size). Posting
lists and encoded entries go to temporary files past a size (``postings``, ``spill``),
and each shard reads back only its own. With an ``IndexMemory`` the build also keeps
what the next build needs to redo only what an edit changes (``kept``, ``update``).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from site_builder.parallel import anonymous_memory, fork_chunks
from site_builder.search.analyze import TextTerms, doc_text_terms
from site_builder.search.encode import deflate
from site_builder.search.encoders import TermInput, encoded_chunks
from site_builder.search.english import Expansion, candidates, chosen
from site_builder.search.entries import (
    DOC_DIR_SIZE,
    Entry,
    Scoring,
    external_files,
    shard_count,
    shown_forms,
    to_json,
    write_shard,
    write_side_files,
)
from site_builder.search.kept import (
    BATCH,
    IndexMemory,
    IndexState,
    Shard,
    ShardInfo,
    TermState,
)
from site_builder.search.model import IndexStats, SearchDoc
from site_builder.search.parts import DocPart, FacetCounts, doc_digest, make_part
from site_builder.search.postings import SPILL_BYTES as POSTINGS_SPILL
from site_builder.search.postings import Postings
from site_builder.search.spill import SPILL_BYTES as ENTRIES_SPILL
from site_builder.search.spill import ByteStore
from site_builder.search.t2s import table
from site_builder.search.text import fnv1a, fold

ENCODE_CHUNK = 16384
"""Terms per task when the terms are encoded in worker processes (``_entries``)."""
PART_CHUNK = 50
"""Documents per task when their parts are made in worker processes (``made_parts``)."""
PART_RENEW = 40
"""Tasks between two forks of the part workers (``parallel.fork_map``): a worker's copy
of what it read of the site is dropped every 2,000 documents."""
PART_HEAP = 512 * 2**20
"""Part workers are forked only while this process's heap is at most this big. Each
worker soon holds its own copy of most of the heap it was forked from (at 10,000
articles two workers forked from a 1 GB build process held about 520 MiB PSS each,
taking the tree to 1.8 GB); above this the parts are made here, as before."""


def record(doc: SearchDoc) -> dict[str, Any]:
    """The stored record of ``doc`` (``d/…/<id>.bin``, see SPEC.md)."""
    places = [[p.code, p.name, p.name_en or "", p.pinyin] for p in doc.places]
    ancestors = [[p.code, p.name, p.name_en or "", p.pinyin] for p in doc.ancestors]
    parts = [doc.title, doc.kicker or "", doc.subtitle or "", *doc.tags, doc.body, doc.shown]
    text = fold("\n".join(parts + [p.name for p in doc.places]))
    traditional = {"z": 1} if table().convert(text) != text else {}
    return traditional | {
        "k": doc.key,
        "u": doc.url,
        "t": doc.title,
        "tp": doc.title_pinyin,
        "ki": doc.kicker or "",
        "su": doc.subtitle or "",
        "d": doc.date or "",
        "pa": doc.paper or "",
        "pg": doc.page,
        "pn": doc.page_name or "",
        "ty": doc.kind,
        "tg": doc.tags,
        "lo": places,
        "an": ancestors,
        "b": f"{doc.body}\n{doc.shown}" if doc.shown else doc.body,
    }


def part_of(
    doc: SearchDoc, digest: str, terms: Callable[[SearchDoc], TextTerms], memory: IndexMemory | None
) -> DocPart:
    """``doc``'s part (``digest`` its ``doc_digest``), from the cache or made (and kept)."""
    found = memory.part(digest) if memory is not None else None
    if found is not None:
        return found
    made = make_part(doc, terms(doc), deflate(to_json(record(doc))))
    if memory is not None:
        memory.parts[digest] = made.to_bytes()
    return made


def made_parts(
    keys: list[str],
    docs: Callable[[Collection[str]], Iterable[SearchDoc]],
    terms: Callable[[SearchDoc], TextTerms],
    memory: IndexMemory,
    workers: int,
) -> Iterator[tuple[str, str, DocPart]]:
    """(key, digest, part) of the document of each of ``keys`` (in index order; ``docs``
    makes the documents of the keys it is given), as ``build_search_index`` makes them
    (``part_of``), ``PART_CHUNK`` documents a task in ``workers`` processes forked from this
    one, which read the site as it is here. Making the parts (the record, its deflate, the
    weighted terms, the kept bytes) was a third of the index's serial time; adding them
    to the posting lists stays here, in index order."""

    def task(chunk: list[str]) -> list[tuple[str, str, DocPart, bytes | None]]:
        done: list[tuple[str, str, DocPart, bytes | None]] = []
        for doc in docs(chunk):
            digest = doc_digest(doc)
            found = memory.part(digest)
            if found is not None:
                done.append((doc.key, digest, found, None))
                continue
            made = make_part(doc, terms(doc), deflate(to_json(record(doc))))
            done.append((doc.key, digest, made, made.to_bytes()))
        return done

    heap = anonymous_memory()
    if heap is None or heap > PART_HEAP:
        workers = 1
    for _, done in fork_chunks(task, keys, PART_CHUNK, workers, PART_RENEW):
        for key, digest, part, data in done:
            if data is not None:
                memory.parts[digest] = data  # kept by the process that writes the cache
            yield key, digest, part


def index_order(date: str | None, key: str) -> tuple[bool, str, str]:
    """Sort key of document ids (a document's ``date`` and ``key``): undated articles
    first, then by date and key."""
    return (date is not None, date or "", key)


def doc_path(doc_id: int) -> str:
    return f"d/{doc_id // DOC_DIR_SIZE}/{doc_id}.bin"


class _Writer:
    def __init__(self, write: Callable[[str, bytes], None]) -> None:
        self._write = write
        self.files = 0
        self.bytes = 0

    def write(self, relative: str, data: bytes) -> None:
        self._write(relative, data)
        self.files += 1
        self.bytes += len(data)


@dataclass(slots=True)
class _Archive:
    """Every part added, folded together: postings, forms, lengths, facets."""

    postings: Postings = field(default_factory=lambda: Postings(spill_bytes=POSTINGS_SPILL))
    forms: dict[str, dict[str, int]] = field(default_factory=dict)
    """Term -> form -> documents giving it."""
    places: dict[str, list[str]] = field(default_factory=dict)
    lengths: array[float] = field(default_factory=lambda: array("d"))
    dates: list[str | None] = field(default_factory=list)
    docs: list[tuple[str, str]] = field(default_factory=list)
    facets: FacetCounts = field(default_factory=FacetCounts.empty)

    def add(self, key: str, digest: str, part: DocPart) -> None:
        doc_id = len(self.docs)
        self.postings.add(doc_id, part.weights, ())
        for term, some in part.forms.items():
            counts = self.forms.setdefault(term, {})
            for form in some:
                counts[form] = counts.get(form, 0) + 1
        self.places.update(part.places)
        self.lengths.append(part.length)
        self.dates.append(part.date)
        self.docs.append((key, digest))
        self.facets.add(part.facets)


English = tuple[dict[str, list[tuple[int, str]]], dict[str, int]]
"""English keys' (rank, word) candidates, and the df of every candidate word."""


def _inputs(
    archive: _Archive, english: dict[str, Expansion], terms: list[str]
) -> Iterator[list[TermInput]]:
    """What encoding each of ``terms`` reads (``encoders.TermInput``), ``ENCODE_CHUNK``
    terms a chunk, made as the encoders ask for them."""
    postings = archive.postings
    for start in range(0, len(terms), ENCODE_CHUNK):
        chunk = []
        for term in terms[start : start + ENCODE_CHUNK]:
            places, forms = archive.places.get(term), archive.forms.get(term)
            # Most terms have no forms (n-grams, initials): no sorting for them.
            shown = places if places is not None else shown_forms(term, forms) if forms else []
            expansion = english.get(term)
            words: dict[str, bytes | bytearray] | None = None
            if expansion is not None:
                words = {w: postings.take(w) for w, _ in expansion.words}
            chunk.append(TermInput(term, postings.take(term), shown, expansion, words))
        yield chunk


@dataclass(slots=True)
class _Encoded:
    """Every term encoded, sorted by key: its entry, and its external block when it has
    one (``entries.Entry``), in a ``ByteStore`` (on disk past a size)."""

    terms: list[str]
    store: ByteStore = field(default_factory=lambda: ByteStore(ENTRIES_SPILL))
    at: array[int] = field(default_factory=lambda: array("I"))
    """Term number -> its entry's number in ``store``."""
    blocks: dict[int, int] = field(default_factory=dict)
    """Term number -> its block's number in ``store``."""
    entry_bytes: int = 0

    def entry(self, number: int) -> Entry:
        block = self.blocks.get(number)
        data = self.store[self.at[number]]
        return Entry(self.terms[number], data, self.store[block] if block is not None else None)


def _entries(archive: _Archive, scoring: Scoring, workers: int) -> tuple[_Encoded, English]:
    """Every term encoded, ``ENCODE_CHUNK`` terms per task in ``workers`` processes that
    never held the build's memory (``encoders``; one: here); the English keys'
    candidates and the df of their words."""
    postings = archive.postings
    found = candidates(t for t in postings.slots if ":" not in t)
    words = {w: postings.df(w) for some in found.values() for _, w in some}
    english = {"w:" + k: chosen(k, some, words.__getitem__) for k, some in found.items()}
    english = {term: expansion for term, expansion in english.items() if expansion.words}
    terms = sorted(postings.slots.keys() | english.keys())
    encoded = _Encoded(terms)
    store, at = encoded.store, encoded.at
    done = encoded_chunks(_inputs(archive, english, terms), scoring, workers)
    for start, chunk in zip(range(0, len(terms), ENCODE_CHUNK), done, strict=True):
        strings: list[bytes] = []
        members = zip(terms[start : start + ENCODE_CHUNK], chunk, strict=True)
        for number, (_, (data, block)) in enumerate(members, start):
            at.append(len(store) + len(strings))
            strings.append(data)
            if block is not None:
                encoded.blocks[number] = len(store) + len(strings)
                strings.append(block)
            encoded.entry_bytes += len(data)
        store.extend(strings)
    return encoded, (found, words)


def build_search_index(
    docs: Iterable[SearchDoc],
    write: Callable[[str, bytes], None],
    *,
    terms: Callable[[SearchDoc], TextTerms] | None = None,
    memory: IndexMemory | None = None,
    workers: int = 1,
    sources: list[str] | None = None,
) -> IndexStats:
    """Index ``docs``, given in ``index_order`` (``adapter.search_docs`` yields them so;
    ValueError otherwise), handing each file to ``write(relative_path, data)``.

    ``terms`` supplies each document's ``analyze.text_terms`` (e.g. from a cache); by
    default they are computed here. ``memory``: parts are taken from and kept in the
    cache, and the state for the next build is kept (``IndexMemory.keep``). ``workers``:
    processes that encode the terms (the bytes do not depend on it); ``sources``: the
    digest of what each document is made of, kept in the state (``model.Sourced``). Nothing is
    deleted: files of an older index that this one does not write are the caller's to
    remove.
    """
    text_of = terms or doc_text_terms

    def parts() -> Iterator[tuple[str, str, DocPart]]:
        for doc in docs:
            digest = doc_digest(doc)
            yield doc.key, digest, part_of(doc, digest, text_of, memory)

    return index_parts(parts(), write, memory=memory, workers=workers, sources=sources)


def index_parts(
    parts: Iterable[tuple[str, str, DocPart]],
    write: Callable[[str, bytes], None],
    *,
    memory: IndexMemory | None = None,
    workers: int = 1,
    sources: list[str] | None = None,
) -> IndexStats:
    """``build_search_index`` of the documents whose (key, digest, part) ``parts`` gives,
    in ``index_order``: an edit build that must encode every term again (``update``) has
    every part kept or just made, and needs no document made again."""
    writer = _Writer(write)
    archive = _Archive()
    previous: tuple[bool, str, str] | None = None
    for key, digest, part in parts:
        order = index_order(part.date, key)
        if previous is not None and order < previous:
            raise ValueError(f"search documents out of index order at {key!r}")
        previous = order
        writer.write(doc_path(len(archive.docs)), part.record)
        archive.add(key, digest, part)
        if memory is not None and len(memory.parts) >= BATCH:
            memory.flush()
    if memory is not None:
        memory.vocabulary()
    scoring = Scoring.of(archive.lengths)
    try:
        return _write(writer, archive, scoring, memory, workers, sources or [])
    finally:
        archive.postings.close()


def _write(
    writer: _Writer,
    archive: _Archive,
    scoring: Scoring,
    memory: IndexMemory | None,
    workers: int,
    sources: list[str],
) -> IndexStats:
    """Encode every term of ``archive`` and write the shards and side files, one shard's
    entries read back at a time."""
    encoded, (found, words) = _entries(archive, scoring, workers)
    terms = encoded.terms
    count = shard_count(encoded.entry_bytes)
    shards: list[array[int]] = [array("I") for _ in range(count)]
    for number, term in enumerate(terms):
        shards[fnv1a(term) % count].append(number)
    infos = []
    keys: list[dict[str, list[tuple[int, str]]]] = [{} for _ in range(count)]
    for key, some in found.items():
        keys[fnv1a("w:" + key) % count]["w:" + key] = some
    external = 0
    try:
        for number, members in enumerate(shards):
            entries = [encoded.entry(i) for i in members]
            external += sum(1 for e in entries if e.block is not None)
            write_shard(writer.write, number, entries)
            if memory is not None:
                infos.append(_info(memory, archive, number, entries, keys[number]))
    finally:
        encoded.store.close()
    syllables: dict[str, int] = {}
    for term in terms:
        if term.startswith("p:"):
            for syllable in set(term[2:].split(" ")):
                syllables[syllable] = syllables.get(syllable, 0) + 1
    chars = [t for t in terms if len(t) == 1]  # sorted; the others have a prefix or 2-3
    write_side_files(writer.write, archive.dates, archive.facets.value(), count, syllables, chars)
    if memory is not None:
        state = IndexState(
            archive.docs, list(archive.lengths), archive.dates, infos, words,
            archive.facets, syllables, len(terms), chars, sources,
        )  # fmt: skip
        memory.keep(state)
    return IndexStats(
        docs=len(archive.docs),
        terms=len(terms),
        shards=count,
        external_terms=external,
        files=writer.files,
        bytes=writer.bytes,
    )


def _info(
    memory: IndexMemory,
    archive: _Archive,
    number: int,
    members: list[Entry],
    found: dict[str, list[tuple[int, str]]],
) -> ShardInfo:
    """Keep shard ``number`` (``members`` its entries; ``found`` the English keys'
    candidates of this shard, by term) for the next build; each term's postings are read
    back here (``Postings.take``), one shard's at a time."""
    shard: Shard = {
        e.term: TermState(
            archive.postings.take(e.term),
            archive.forms.get(e.term, {}),
            archive.places.get(e.term, []),
            e.encoded,
            e.block or b"",
        )
        for e in members
    }
    for term, some in found.items():
        if term not in shard:  # an English key whose expansion is empty: no entry
            shard[term] = TermState(b"", {}, [], b"", b"")
        shard[term].candidates = sorted(some)
    size = sum(len(e.encoded) for e in members)
    return ShardInfo(memory.add_shard(shard), size, external_files(number, members))
