"""One article's share of the search index, kept in the build cache between builds.

An index is a function of its documents' parts: each part holds everything one article
adds (its stored record, its weighted terms and their forms, its facets and the filter
form's counts, its length) and nothing that depends on the other articles. An edit build
takes the edited articles' old parts out of the index and puts their new parts in
(``update``); the parts of the articles that did not change are never read.

A part is named by the digest of its ``SearchDoc`` (``doc_digest``): the same document
gives the same part, whatever else changed in the archive.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, fields
from typing import Any

from site_builder.search.analyze import TextTerms, extra_terms, merged_weights
from site_builder.search.model import SearchDoc, SearchPlace

PART_VERSION = 1
"""Stored in every part; bump it when a part's contents change meaning."""


_PLACE_FIELDS = tuple(f.name for f in fields(SearchPlace))


def _place(place: SearchPlace) -> tuple[str | None, ...]:
    """``dataclasses.astuple(place)`` (the same tuple, so the same digest), without its
    deep copy: an edit build digests every article's document, ~37,000 places at 10,000
    articles, and ``astuple`` was most of that (profiled)."""
    return tuple(getattr(place, name) for name in _PLACE_FIELDS)


def doc_digest(doc: SearchDoc) -> str:
    """Digest of every field of ``doc`` (places as their tuples)."""
    fields = [_place(place) for place in doc.places], [_place(p) for p in doc.ancestors]
    text = repr((PART_VERSION, doc.key, doc.url, doc.title, doc.title_pinyin, doc.kicker))
    text += repr((doc.subtitle, doc.kind, doc.date, doc.paper, doc.page, doc.page_name))
    text += repr((doc.body, doc.shown, doc.tags, fields))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@dataclass(slots=True)
class DocPart:
    """What one article adds to the index."""

    record: bytes
    """The deflated record file ``d/…/<id>.bin``."""
    weights: dict[str, float]
    """Every ranked and unranked term with its field-weighted frequency (facets: 0)."""
    forms: dict[str, list[str]]
    """Sorted forms of each term that has any (pinyin, English place names)."""
    places: dict[str, list[str]]
    """``l:`` term -> ``[name, English name]`` of each place and ancestor."""
    length: float
    """Field-weighted length: BM25's document length."""
    date: str | None
    facets: dict[str, Any]
    """What the filter form counts: ``tags``, ``places`` (``[code, name, English]``),
    ``kind``, ``paper``, ``page``."""

    def to_bytes(self) -> bytes:
        groups: dict[float, list[str]] = {}
        for term, weight in self.weights.items():
            groups.setdefault(weight, []).append(term)
        data = {
            "v": PART_VERSION,
            "w": [[w, sorted(terms)] for w, terms in sorted(groups.items())],
            "f": self.forms,
            "p": self.places,
            "n": self.length,
            "d": self.date,
            "c": self.facets,
        }
        head = json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
        # Level 1, as ``TextTerms.to_bytes``: made for every article in the build's one
        # process, and the cache compresses what it stores again.
        return zlib.compress(len(head).to_bytes(4, "big") + head + self.record, 1)

    @classmethod
    def from_bytes(cls, data: bytes) -> DocPart:
        """The part ``to_bytes`` wrote; ValueError for anything else."""
        try:
            raw = zlib.decompress(data)
            size = int.from_bytes(raw[:4], "big")
            head = json.loads(raw[4 : 4 + size])
            if head["v"] != PART_VERSION:
                raise ValueError("a search part of another version")
            weights = {t: float(w) for w, terms in head["w"] for t in terms}
            return cls(
                raw[4 + size :], weights, head["f"], head["p"], head["n"], head["d"], head["c"]
            )
        except (zlib.error, KeyError, TypeError, UnicodeDecodeError) as error:
            raise ValueError(f"not a search part: {error}") from None


def make_part(doc: SearchDoc, text: TextTerms, record: bytes) -> DocPart:
    """``doc``'s part, ``text`` being its ``text_terms`` and ``record`` its record file."""
    extra = extra_terms(doc)
    weights = merged_weights(text, extra) | dict.fromkeys(extra.facets, 0.0)
    forms = {term: list(found) for term, found in text.forms.items()}
    for term, more in extra.forms.items():
        forms[term] = sorted(set(forms.get(term, ())) | more)
    every = [*doc.places, *doc.ancestors]
    places = {"l:" + p.code: [p.name, p.name_en or ""] for p in every}
    facets = {
        "tags": doc.tags,
        "places": [[p.code, p.name, p.name_en or ""] for p in every],
        "kind": doc.kind,
        "paper": doc.paper,
        "page": doc.page,
    }
    return DocPart(record, weights, forms, places, text.length + extra.length, doc.date, facets)


@dataclass(slots=True)
class FacetCounts:
    """What the filter form offers (``facets.bin``), counted over the parts added (and
    taken out again: ``add(part, -1)``)."""

    tags: dict[str, int]
    places: dict[str, list[Any]]
    """Code -> ``[name, English name, count]``."""
    kinds: dict[str, int]
    papers: dict[str, int]
    pages: dict[str, int]

    @classmethod
    def empty(cls) -> FacetCounts:
        return cls({}, {}, {}, {}, {})

    def add(self, facets: dict[str, Any], sign: int = 1) -> None:
        for tag in facets["tags"]:
            _count(self.tags, tag, sign)
        for code, name, english in facets["places"]:
            entry = self.places.setdefault(code, [name, english, 0])
            entry[2] += sign
            if not entry[2]:
                del self.places[code]
        _count(self.kinds, facets["kind"], sign)
        if facets["paper"]:
            _count(self.papers, facets["paper"], sign)
        if facets["page"] is not None:
            _count(self.pages, str(facets["page"]), sign)

    def value(self) -> dict[str, Any]:
        return {
            "tags": sorted(self.tags.items()),
            "places": sorted([code, *entry] for code, entry in self.places.items()),
            "kinds": sorted(self.kinds),
            "papers": sorted(self.papers),
            "pages": sorted(int(page) for page in self.pages),
        }

    def to_json(self) -> list[Any]:
        return [self.tags, self.places, self.kinds, self.papers, self.pages]

    @classmethod
    def from_json(cls, data: list[Any]) -> FacetCounts:
        tags, places, kinds, papers, pages = data
        return cls(dict(tags), dict(places), dict(kinds), dict(papers), dict(pages))


def _count(counts: dict[str, int], key: str, sign: int) -> None:
    counts[key] = counts.get(key, 0) + sign
    if not counts[key]:
        del counts[key]
