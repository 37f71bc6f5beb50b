"""Write the static search index: shards of terms, per-article records, small side files.

Layout under ``out_dir`` (all but ``meta.json`` raw-deflated, see ``encode``):

* ``meta.json``: document and shard counts, the pinyin syllables in use;
* ``s/<n>.bin``: shard ``n`` holds every term whose FNV-1a hash is ``n`` modulo the shard
  count, with its posting list, or a pointer to ``t/<n>-<i>.bin`` when the list is big;
* ``d/<id // 1000>/<id>.bin``: one article's record (title, date, places, text), fetched
  only for results that are shown or checked;
* ``dates.bin`` (for date filters) and ``facets.bin`` (for the filter form), fetched on use.

Document ids follow date order (undated first), so "newest first" is "highest id first" and
a date range is an id range. Output is byte-identical for the same documents.
"""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from site_builder.search.analyze import DocTerms, analyze
from site_builder.search.encode import deflate, encode_block, encode_entry
from site_builder.search.model import IndexStats, SearchDoc, SearchPlace
from site_builder.search.text import fnv1a

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
OWN_FILES = ("meta.json", "dates.bin", "facets.bin", "s", "t", "d")


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _record(doc: SearchDoc) -> dict[str, Any]:
    places = [[p.code, p.name, p.name_en or "", p.pinyin] for p in doc.places]
    ancestors = [[p.code, p.name, p.name_en or "", p.pinyin] for p in doc.ancestors]
    return {
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
        "b": doc.body,
    }


def _impact(tf: float, length: float, avg: float, idf: float) -> int:
    score = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg))
    return max(1, min(255, round(score * IMPACT_SCALE)))


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.bytes = 0

    def write(self, relative: str, data: bytes) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)


def _postings(analysed: Sequence[DocTerms]) -> dict[str, dict[int, float]]:
    found: dict[str, dict[int, float]] = {}
    for doc_id, terms in enumerate(analysed):
        for term, weight in terms.weights.items():
            found.setdefault(term, {})[doc_id] = weight
        for facet in terms.facets:
            found.setdefault(facet, {})[doc_id] = 0.0
    return found


def _forms(analysed: Sequence[DocTerms], places: Iterable[SearchPlace]) -> dict[str, list[str]]:
    merged: dict[str, set[str]] = {}
    for terms in analysed:
        for term, forms in terms.forms.items():
            merged.setdefault(term, set()).update(forms)
    result = {}
    for term, forms in merged.items():
        keep = FORMS_KEPT.get(term[:2])
        result[term] = sorted(forms)[:keep] if keep else sorted(forms)
    for place in places:  # a location filter shows the place's names
        result["l:" + place.code] = [place.name, place.name_en or ""]
    return result


def _facets(docs: Sequence[SearchDoc]) -> dict[str, Any]:
    tags: dict[str, int] = {}
    places: dict[str, list[Any]] = {}
    for doc in docs:
        for tag in doc.tags:
            tags[tag] = tags.get(tag, 0) + 1
        for place in [*doc.places, *doc.ancestors]:
            entry = places.setdefault(place.code, [place.name, place.name_en or "", 0])
            entry[2] += 1
    return {
        "tags": sorted(tags.items()),
        "places": sorted([code, *entry] for code, entry in places.items()),
        "kinds": sorted({d.kind for d in docs}),
        "papers": sorted({d.paper for d in docs if d.paper}),
        "pages": sorted({d.page for d in docs if d.page is not None}),
    }


def _clear(out_dir: Path) -> None:
    for name in OWN_FILES:
        path = out_dir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


_Entry = tuple[str, int, list[str], int, bytes]
"""A term ready to store: key, flags, forms, document frequency, posting block."""


def _entries(ordered: Sequence[SearchDoc], analysed: Sequence[DocTerms]) -> list[_Entry]:
    """Every term with its BM25 impacts quantised into its posting block, sorted by key."""
    count = len(ordered)
    avg = max(1.0, sum(t.length for t in analysed) / max(1, count))
    forms = _forms(analysed, (p for d in ordered for p in [*d.places, *d.ancestors]))
    entries: list[_Entry] = []
    for term, docs_weights in sorted(_postings(analysed).items()):
        ids = sorted(docs_weights)
        impacts = None
        if ":" not in term or term[:2] in ("w:", "p:", "i:"):  # facets are not ranked
            idf = math.log(1 + (count - len(ids) + 0.5) / (len(ids) + 0.5))
            impacts = [_impact(docs_weights[i], analysed[i].length, avg, idf) for i in ids]
        flags, block = encode_block(ids, impacts)
        entries.append((term, flags, forms.get(term, []), len(ids), block))
    return entries


def _inline(block: bytes) -> bytes | None:
    return None if len(block) > EXTERNAL_BYTES else block


def _write_shards(writer: _Writer, entries: list[_Entry]) -> tuple[int, int]:
    """Shard count and number of external blocks written."""
    stored = sum(len(encode_entry(t, f, fs, df, _inline(b))) for t, f, fs, df, b in entries)
    shard_count = max(1, math.ceil(stored / SHARD_BYTES))
    shards: list[list[_Entry]] = [[] for _ in range(shard_count)]
    for entry in entries:
        shards[fnv1a(entry[0]) % shard_count].append(entry)
    external = 0
    for number, members in enumerate(shards):
        packed = bytearray()
        for ordinal, (term, flags, term_forms, df, block) in enumerate(members):
            if _inline(block) is None:
                writer.write(f"t/{number}-{ordinal}.bin", deflate(block))
                external += 1
            packed += encode_entry(term, flags, term_forms, df, _inline(block))
        writer.write(f"s/{number}.bin", deflate(bytes(packed)))
    return shard_count, external


def build_search_index(docs: Sequence[SearchDoc], out_dir: Path) -> IndexStats:
    """Index ``docs`` into ``out_dir`` (the site's ``search-index/``), replacing an old index."""
    ordered = sorted(docs, key=lambda d: (d.date is not None, d.date or "", d.key))
    entries = _entries(ordered, [analyze(doc) for doc in ordered])
    _clear(out_dir)
    writer = _Writer(out_dir)
    shard_count, external = _write_shards(writer, entries)
    dates: dict[str, int] = {}
    for doc_id, doc in enumerate(ordered):
        writer.write(f"d/{doc_id // DOC_DIR_SIZE}/{doc_id}.bin", deflate(_json(_record(doc))))
        if doc.date is not None:
            dates.setdefault(doc.date, doc_id)
    writer.write("dates.bin", deflate(_json(sorted(dates.items()))))
    writer.write("facets.bin", deflate(_json(_facets(ordered))))
    syllables = {s for t, *_ in entries if t.startswith("p:") for s in t[2:].split(" ")}
    meta = {
        "format": 1,
        "docs": len(ordered),
        "undated": sum(1 for d in ordered if d.date is None),
        "shards": shard_count,
        "docDir": DOC_DIR_SIZE,
        "syllables": " ".join(sorted(syllables)),
    }
    writer.write("meta.json", _json(meta))
    return IndexStats(
        docs=len(ordered),
        terms=len(entries),
        shards=shard_count,
        external_terms=external,
        files=writer.files,
        bytes=writer.bytes,
    )
