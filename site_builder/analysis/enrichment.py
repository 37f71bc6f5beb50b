"""The per-article parts of enrichment, kept in the build cache between builds.

Enrichment is archive-wide (the IDF of tag candidates, places learned across articles),
but four of its costliest steps are functions of one article: what the place finder
reads in its text on its own (suffixes, gazetteer and dateline mentions, word starts; of
its text, dateline and the paper's region), its topics (of its tagged
words, where its headline ends, its column), the counts of its tag candidates (of its
words, headline end, the character spans of its place mentions, its authors) and the
places a name written in its front matter denotes when the name needs a context (of the
name, the region and its text: a place finder over the text for each). Kept under
a digest of exactly those inputs (the words and headline end are a function of the text
the analysis key digests), a build after an edit computes them for the edited articles
only, and the archive-wide steps run on the kept parts: same inputs, same tags and
topics as a clean build. The parts the last build used are read at once (``USED``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import fields

from site_builder.cache.fingerprint import digest_of
from site_builder.cache.packed import pack, unpack
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.enrich.enricher import Spans
from site_builder.enrich.mentions import Mention
from site_builder.enrich.places import Scan
from site_builder.enrich.suffixes import Site
from site_builder.enrich.tags import Terms

TOPICS = "enrich-topics"
TERMS = "enrich-terms"
SCANS = "enrich-scans"
RESOLVED = "enrich-resolved"
"""Codes of a place name written in front matter, read with its article as context."""
KINDS = (TOPICS, TERMS, SCANS, RESOLVED)
USED = "enrich-used"
"""The keys of the parts the last build used, by kind."""
TERMS_TAG, SCAN_TAG, USED_TAG = b"terms-1", b"scan-1", b"used-1"
_SITE = tuple(f.name for f in fields(Site))
_MENTION = tuple(f.name for f in fields(Mention))


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


# Term counts and scans are marshalled (``cache.packed``): an edit build reads every
# article's (10,000 of each at 10,000 articles).


def encode_terms(terms: Terms) -> bytes:
    return pack(TERMS_TAG, (dict(terms.counts), terms.left, terms.right))


def decode_terms(data: bytes) -> Terms:
    counts, left, right = unpack(TERMS_TAG, data)
    if not all(isinstance(part, dict) for part in (counts, left, right)):
        raise ValueError("not kept term counts")
    return Terms(Counter(counts), left, right)


def encode_scan(found: Scan) -> bytes:
    sites, mentions, starts = found
    rows = [tuple(getattr(m, name) for name in _MENTION) for m in mentions]
    return pack(
        SCAN_TAG, ([tuple(getattr(s, name) for name in _SITE) for s in sites], rows, starts)
    )


def decode_scan(data: bytes) -> Scan:
    sites, mentions, starts = unpack(SCAN_TAG, data)
    if not isinstance(starts, int):
        raise ValueError("not a kept scan")
    made = [Mention(*row) for row in mentions]
    return [Site(*row) for row in sites], made, starts


class KeptEnrichment:
    """``enrich.enricher.Kept`` on the build cache; what it makes is stored by ``save``."""

    def __init__(self, cache: Cache, analysed: Mapping[str, str]) -> None:
        """``analysed``: article key -> analysis key."""
        self._cache = cache
        self._analysed = analysed
        self.made: dict[str, dict[str, bytes]] = {kind: {} for kind in KINDS}
        """Parts made in this build and not saved yet, by kind and cache key."""
        self.used: dict[str, set[str]] = {kind: set() for kind in KINDS}
        """Cache keys read or made, by kind: the entries this archive needs."""
        self._read = self._last_used()
        """The parts the last build used, read at once: most are used again."""

    def _last_used(self) -> dict[str, dict[str, bytes]]:
        """The parts the last build used (``save`` names them), read in a few queries
        instead of one each (30,000 at 10,000 articles)."""
        data = self._cache.get(USED, USED)
        try:
            last = unpack(USED_TAG, data) if data is not None else {}
            return {kind: self._cache.get_many(kind, last.get(kind, [])) for kind in KINDS}
        except (ValueError, TypeError, AttributeError):
            return {kind: {} for kind in KINDS}  # not ours: each read on its own

    def scan(self, article: Article, region: str, make: Callable[[], Scan]) -> Scan:
        key = digest_of((self._analysed[article.key], article.dateline, region))
        data = self._get(SCANS, key)
        if data is not None:
            try:
                return decode_scan(data)
            except (ValueError, TypeError):
                pass  # not ours: made again
        made = make()
        # Encoded now: the place finder changes the mentions it is given.
        self.made[SCANS][key] = encode_scan(made)
        return made

    def topics(self, article: Article, make: Callable[[], list[str]]) -> list[str]:
        key = digest_of((self._analysed[article.key], article.column))
        data = self._get(TOPICS, key)
        if data is not None:
            try:
                return [str(topic) for topic in json.loads(data)]
            except (ValueError, TypeError):
                pass  # not ours: made again
        made = make()
        self.made[TOPICS][key] = _json(made)
        return made

    def terms(self, article: Article, spans: Spans, make: Callable[[], Terms]) -> Terms:
        key = digest_of((self._analysed[article.key], spans, sorted(set(article.authors))))
        data = self._get(TERMS, key)
        if data is not None:
            try:
                return decode_terms(data)
            except (ValueError, TypeError):
                pass  # not ours: made again
        made = make()
        self.made[TERMS][key] = encode_terms(made)
        return made

    def resolved(
        self, article: Article, name: str, region: str, make: Callable[[], list[str]]
    ) -> list[str]:
        key = digest_of((self._analysed[article.key], name, region))
        data = self._get(RESOLVED, key)
        if data is not None:
            try:
                return [str(code) for code in json.loads(data)]
            except (ValueError, TypeError):
                pass  # not ours: made again
        made = make()
        self.made[RESOLVED][key] = _json(made)
        return made

    def _get(self, kind: str, key: str) -> bytes | None:
        self.used[kind].add(key)
        found = self._read[kind].pop(key, None)
        return found if found is not None else self._cache.get(kind, key)

    def save(self) -> None:
        """Store the parts made in this build, and the keys of those it used."""
        with self._cache.transaction():
            for kind, made in self.made.items():
                self._cache.put_many(kind, made.items())
                made.clear()
            used = {kind: sorted(keys) for kind, keys in self.used.items()}
            self._cache.put(USED, USED, pack(USED_TAG, used))

    def forget_others(self) -> int:
        """Drop kept parts this archive no longer uses (old versions of edited articles)."""
        return sum(self._cache.keep_only(kind, self.used[kind]) for kind in KINDS)
