"""Write the static search index: shards of terms, per-article records, small side files.

Layout (all but ``meta.json`` raw-deflated, see ``encode``), each file handed to the
caller's ``write(relative_path, data)`` (the site's output folder, which skips unchanged
files and removes what is no longer produced):

* ``meta.json``: document and shard counts, the pinyin syllables in use;
* ``s/<n>.bin``: shard ``n`` holds every term whose FNV-1a hash is ``n`` modulo the shard
  count, with its posting list, or a pointer to ``t/<n>-<i>.bin`` when the list is big;
* ``d/<id // 1000>/<id>.bin``: one article's record (title, date, places, text), fetched
  only for results that are shown or checked;
* ``dates.bin`` (for date filters) and ``facets.bin`` (for the filter form), fetched on use;
* ``t2s.bin``: the traditional -> simplified table (``t2s``), fetched only for a query whose
  Han text the index lacks, or a result whose text holds traditional characters.

English words (``english``) are stored under their ``w:`` key: the articles holding the
Chinese words they stand for, weighted below an article that has the word itself.

Document ids follow date order (undated first), so "newest first" is "highest id first" and
a date range is an id range. Output is byte-identical for the same documents.

Documents stream through once, in id order: each one's record is written and its terms
folded into compact posting lists (``postings``), then it is dropped; BM25 impacts (which
need the average length) are computed at the end from those lists.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from site_builder.search.analyze import TextTerms, doc_text_terms, extra_terms, merged_weights
from site_builder.search.encode import deflate, encode_block, encode_entry
from site_builder.search.english import COMPOSED, DIRECT, OTHER, Expansion, expansions
from site_builder.search.model import IndexStats, SearchDoc
from site_builder.search.postings import Postings
from site_builder.search.t2s import table
from site_builder.search.text import fnv1a, fold

K1 = 1.2
B = 0.75
IMPACT_SCALE = 10.0
"""An impact byte is the term's BM25 score times this, clamped to 1..255."""
EXTERNAL_BYTES = 1024
"""A posting block bigger than this gets its own file, so shards stay small."""
SHARD_BYTES = 2048
"""Aimed-for size of a shard before compression; sets the shard count."""
FORMS_KEPT = {"w:": 16}
"""English-name forms only serve highlighting: keep a few. Pinyin and initials keep all."""
DOC_DIR_SIZE = 1000
EXPANSION_WEIGHT = {DIRECT: 1.0, OTHER: 0.5, COMPOSED: 0.5}
"""Frequency factor of a Chinese word found for an English one, by how closely it means it."""
DIRECT_FLOOR = 128
"""An English term's impacts: articles with the word itself (an English place name, Latin
text) get ``DIRECT_FLOOR`` and up, articles found through a Chinese word below it, so
direct matches rank first."""
RANKED = ("w:", "p:", "i:")
"""Prefixes of ranked terms besides plain Han n-grams; facets are not ranked."""


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _record(doc: SearchDoc) -> dict[str, Any]:
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


def index_order(date: str | None, key: str) -> tuple[bool, str, str]:
    """Sort key of document ids (a document's ``date`` and ``key``): undated articles
    first, then by date and key."""
    return (date is not None, date or "", key)


@dataclass(slots=True)
class _Forms:
    """Forms of every term, merged over the archive; English-name forms (``FORMS_KEPT``) are
    pruned to the smallest few as they come, so only what is written is held."""

    merged: dict[str, set[str]] = field(default_factory=dict)
    places: dict[str, list[str]] = field(default_factory=dict)
    """``l:`` term -> the place's names, for the location filter."""

    def add(self, forms: dict[str, list[str]] | dict[str, set[str]]) -> None:
        merged = self.merged
        for term, some in forms.items():
            known = merged.get(term)
            if known is None:
                known = merged[term] = set(some)
            else:
                known.update(some)
            keep = FORMS_KEPT.get(term[:2])
            if keep and len(known) > 4 * keep:
                merged[term] = set(sorted(known)[:keep])

    def of(self, term: str) -> list[str]:
        if term in self.places:
            return self.places[term]
        forms = sorted(self.merged.get(term, ()))
        keep = FORMS_KEPT.get(term[:2])
        return forms[:keep] if keep else forms


@dataclass(slots=True)
class _Facets:
    """What the filter form offers (``facets.bin``), counted as documents pass."""

    tags: dict[str, int] = field(default_factory=dict)
    places: dict[str, list[Any]] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=set)
    papers: set[str] = field(default_factory=set)
    pages: set[int] = field(default_factory=set)

    def add(self, doc: SearchDoc) -> None:
        for tag in doc.tags:
            self.tags[tag] = self.tags.get(tag, 0) + 1
        for place in [*doc.places, *doc.ancestors]:
            entry = self.places.setdefault(place.code, [place.name, place.name_en or "", 0])
            entry[2] += 1
        self.kinds.add(doc.kind)
        if doc.paper:
            self.papers.add(doc.paper)
        if doc.page is not None:
            self.pages.add(doc.page)

    def value(self) -> dict[str, Any]:
        return {
            "tags": sorted(self.tags.items()),
            "places": sorted([code, *entry] for code, entry in self.places.items()),
            "kinds": sorted(self.kinds),
            "papers": sorted(self.papers),
            "pages": sorted(self.pages),
        }


class _Writer:
    def __init__(self, write: Callable[[str, bytes], None]) -> None:
        self._write = write
        self.files = 0
        self.bytes = 0

    def write(self, relative: str, data: bytes) -> None:
        self._write(relative, data)
        self.files += 1
        self.bytes += len(data)


def _impacts(ids: Sequence[int], tfs: Sequence[float], norms: list[float], count: int) -> list[int]:
    """BM25 impact bytes of one term: ``norms[d]`` is document ``d``'s length part."""
    df = len(ids)
    idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
    k1_plus = K1 + 1
    # Clamped to 1..255 by comparisons rather than min/max calls: this runs per posting.
    # The score is never negative (idf > 0), so only 0 needs raising to 1.
    return [
        255 if (v := round(idf * tf * k1_plus / (tf + norms[d]) * IMPACT_SCALE)) > 255 else v or 1
        for d, tf in zip(ids, tfs, strict=True)
    ]


_Entry = tuple[str, bytes, bytes | None]
"""A term ready to store: key, its encoded shard entry, its block if it goes in a file."""


def _expanded(
    postings: Postings, expansion: Expansion, norms: list[float], count: int
) -> tuple[list[int], list[int]]:
    """Ids and impacts of the articles an English term finds through its Chinese words,
    each at its best weighted frequency."""
    best: dict[int, float] = {}
    for word, rank in expansion.words:
        weight = EXPANSION_WEIGHT[rank]
        for doc, tf in zip(*postings.peek(word), strict=True):
            if tf * weight > best.get(doc, 0.0):
                best[doc] = tf * weight
    ids = sorted(best)
    return ids, _impacts(ids, [best[d] for d in ids], norms, count)


def _tiered(
    direct: tuple[list[int], list[int]], expanded: tuple[list[int], list[int]]
) -> tuple[list[int], list[int]]:
    """Direct postings at ``DIRECT_FLOOR`` and above, the others below (impacts halved)."""
    impacts = {d: max(1, v // 2) for d, v in zip(*expanded, strict=True)}
    impacts.update((d, DIRECT_FLOOR + v // 2) for d, v in zip(*direct, strict=True))
    ids = sorted(impacts)
    return ids, [impacts[d] for d in ids]


def _entries(postings: Postings, lengths: array[float], forms: _Forms, count: int) -> list[_Entry]:
    """Every term with its BM25 impacts quantised into its posting block, sorted by key;
    ``lengths`` holds each document's field-weighted length, by id."""
    avg = max(1.0, sum(lengths) / max(1, count))
    norms = [K1 * (1 - B + B * length / avg) for length in lengths]
    han = [t for t in postings.slots if ":" not in t]
    english = {
        "w:" + key: found
        for key, found in expansions(han, lambda t: len(postings.peek(t)[0])).items()
    }
    entries: list[_Entry] = []
    # "w:" sorts before every Han term, so English terms read Han postings not yet taken.
    for term in sorted(postings.slots.keys() | english.keys()):
        ids, tfs = postings.take(term) if term in postings.slots else ([], [])
        ranked = ":" not in term or term.startswith(RANKED)
        impacts = _impacts(ids, tfs, norms, count) if ranked else None
        shown = forms.of(term)
        if term in english:
            expanded = _expanded(postings, english[term], norms, count)
            ids, impacts = _tiered((ids, impacts or []), expanded)
            shown += [w for w, _ in english[term].words if w not in shown]
        flags, block = encode_block(ids, impacts)
        inline = block if len(block) <= EXTERNAL_BYTES else None
        encoded = encode_entry(term, flags, shown, len(ids), inline)
        entries.append((term, encoded, None if inline is not None else block))
    return entries


def _write_shards(writer: _Writer, entries: list[_Entry]) -> tuple[int, int]:
    """Shard count and number of external blocks written."""
    shard_count = max(1, math.ceil(sum(len(e[1]) for e in entries) / SHARD_BYTES))
    shards: list[list[_Entry]] = [[] for _ in range(shard_count)]
    for entry in entries:
        shards[fnv1a(entry[0]) % shard_count].append(entry)
    external = 0
    for number, members in enumerate(shards):
        packed = bytearray()
        for ordinal, (_, encoded, block) in enumerate(members):
            if block is not None:
                writer.write(f"t/{number}-{ordinal}.bin", deflate(block))
                external += 1
            packed += encoded
        writer.write(f"s/{number}.bin", deflate(bytes(packed)))
    return shard_count, external


def build_search_index(
    docs: Iterable[SearchDoc],
    write: Callable[[str, bytes], None],
    *,
    terms: Callable[[SearchDoc], TextTerms] | None = None,
) -> IndexStats:
    """Index ``docs``, given in ``index_order`` (``adapter.search_docs`` yields them so;
    ValueError otherwise), handing each file to ``write(relative_path, data)``.

    ``terms`` supplies each document's ``analyze.text_terms`` (e.g. from a cache); by
    default they are computed here. Nothing is deleted: files of an older index that this
    one does not write are the caller's to remove.
    """
    writer = _Writer(write)
    text_of = terms or doc_text_terms
    postings, forms, facets = Postings(), _Forms(), _Facets()
    lengths = array("d")
    dates: dict[str, int] = {}
    previous: tuple[bool, str, str] | None = None
    count = undated = 0
    for doc_id, doc in enumerate(docs):
        order = index_order(doc.date, doc.key)
        if previous is not None and order < previous:
            raise ValueError(f"search documents out of index order at {doc.key!r}")
        previous = order
        writer.write(f"d/{doc_id // DOC_DIR_SIZE}/{doc_id}.bin", deflate(_json(_record(doc))))
        if doc.date is None:
            undated += 1
        else:
            dates.setdefault(doc.date, doc_id)
        facets.add(doc)
        for place in [*doc.places, *doc.ancestors]:  # a location filter shows the names
            forms.places["l:" + place.code] = [place.name, place.name_en or ""]
        # doc_terms(doc, text) without its per-term sets: forms merge straight in.
        text, extra = text_of(doc), extra_terms(doc)
        postings.add(doc_id, merged_weights(text, extra), extra.facets)
        lengths.append(text.length + extra.length)
        forms.add(text.forms)
        forms.add(extra.forms)
        count += 1
    entries = _entries(postings, lengths, forms, count)
    shard_count, external = _write_shards(writer, entries)
    writer.write("dates.bin", deflate(_json(sorted(dates.items()))))
    writer.write("facets.bin", deflate(_json(facets.value())))
    writer.write("t2s.bin", deflate(table().wire().encode()))
    syllables = {s for t, *_ in entries if t.startswith("p:") for s in t[2:].split(" ")}
    meta = {
        "format": 1,
        "docs": count,
        "undated": undated,
        "shards": shard_count,
        "docDir": DOC_DIR_SIZE,
        "syllables": " ".join(sorted(syllables)),
    }
    writer.write("meta.json", _json(meta))
    return IndexStats(
        docs=count,
        terms=len(entries),
        shards=shard_count,
        external_terms=external,
        files=writer.files,
        bytes=writer.bytes,
    )
