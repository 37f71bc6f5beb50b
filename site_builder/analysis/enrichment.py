"""The per-article parts of enrichment, kept in the build cache between builds.

Enrichment is archive-wide (the IDF of tag candidates, places learned across articles),
but four of its costliest steps are functions of one article: what the place finder
reads in its text on its own (suffixes, gazetteer and dateline mentions, word starts; of
its text, dateline and the paper's region), its topics (of its tagged words, where its
headline ends, its page's name and its column), the counts of its tag candidates (of its
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
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import fields

from site_builder.cache.fingerprint import digest_of
from site_builder.cache.packed import pack, unpack
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.enrich.enricher import Spans
from site_builder.enrich.mentions import Mention
from site_builder.enrich.place_state import FinderState, KeptFinder
from site_builder.enrich.places import Scan
from site_builder.enrich.suffixes import Site
from site_builder.enrich.tags import Terms, TermStats

TOPICS = "enrich-topics"
TERMS = "enrich-terms"
SCANS = "enrich-scans"
RESOLVED = "enrich-resolved"
"""Codes of a place name written in front matter, read with its article as context."""
KINDS = (TOPICS, TERMS, SCANS, RESOLVED)
USED = "enrich-used"
"""The keys of the parts the last build used, by kind."""
PLACES = "enrich-places"
"""What the place finder decided over the archive (``enrich.place_state``), by region."""
STATS = "enrich-stats"
"""The archive's term statistics (``tags.TermStats``) and the terms they count."""
TOPIC_TABLE = "enrich-topic-table"
"""The topics of every article of the last build by their part's key, in one entry: an
edit build reads it whole instead of one part per article (10,000 entries fetched,
checked, inflated and parsed at 10,000 articles). The parts stay: they are what a build
falls back on when the table is missing or does not verify."""
APART = "enrich-apart"
"""Whether each tag chosen for an article is cut apart in its text (``tags.cut_apart``),
by the article's analysis key (which digests that text), in one entry: jieba's cut of a
window around every occurrence of every chosen tag of every article was a third of an
edit build's CPU at 10,000 articles, for verdicts that change only with the text."""
FIRST = "enrich-first"
"""Each untagged article's first choice of tags (``tags.archive_tags``, every term
allowed) and the terms of its counts, by its term part's key, with the number of
articles, in shards by the key's first two characters (``_FIRST_SHARDS``): an edit build
chooses again only for articles holding a term whose statistics the edit changed (the
choice reads its terms' document frequencies and glue, and the archive's size), and
reads the counts of those only; it rewrites the shards of the edited articles."""
_FIRST_SHARDS = [f"{n:02x}" for n in range(256)]
TERMS_TAG, SCAN_TAG, USED_TAG = b"terms-1", b"scan-1", b"used-1"
PLACES_TAG, STATS_TAG, TOPIC_TABLE_TAG = b"places-1", b"stats-1", b"topic-table-1"
APART_TAG, FIRST_TAG = b"apart-1", b"first-2"
PREFETCH_AFTER = 32
"""Parts of one kind read one by one before the rest the last build used are read at
once: a build that reads every article's reads them in a few queries, an edit build
whose place finder reads only the edited articles' scans reads just those."""
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


def encode_stats(keys: list[str], stats: TermStats) -> bytes:
    return pack(STATS_TAG, (keys, stats.df, stats.left, stats.right))


def decode_stats(data: bytes) -> tuple[list[str], TermStats]:
    keys, df, left, right = unpack(STATS_TAG, data)
    if not all(isinstance(part, dict) for part in (df, left, right)):
        raise ValueError("not kept term statistics")
    return keys, TermStats(df, left, right)


def encode_finder(state: FinderState) -> bytes:
    return pack(PLACES_TAG, state.values())


def decode_finder(data: bytes) -> FinderState:
    values = unpack(PLACES_TAG, data)
    if not isinstance(values, tuple) or len(values) != len(fields(FinderState)):
        raise ValueError("not a kept place finder")
    return FinderState(*values)


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
        self._last = self._last_used()
        """The keys of the parts the last build used, by kind: most are used again."""
        self._read: dict[str, dict[str, bytes]] = {}
        """Of those, read at once (``PREFETCH_AFTER``), by kind."""
        self._asked = dict.fromkeys(KINDS, 0)
        self._finder: tuple[list[str], FinderState | None, FinderState | None] | None = None
        """The place finder's inputs, the state it started from, the state it left."""
        self._stats: tuple[list[str], TermStats] | None = None
        """Term statistics to keep: the terms they count, by key, and the statistics."""
        self._table: dict[str, list[str]] | None = None
        """The last build's ``TOPIC_TABLE``, read when topics are first asked for."""
        self._topics: dict[str, list[str]] = {}
        """The topics of this build's articles by their part's key: the next table."""
        self._verdicts: dict[str, dict[str, bool]] | None = None
        """The last build's ``APART``, read when first asked for."""
        self._apart: dict[str, dict[str, bool]] = {}
        """This build's verdicts by analysis key: the next ``APART``."""
        self._apart_made = False
        self._keys: list[str] = []
        """The term-part key of each article ``term_stats`` was given."""
        self._changed: set[str] | None = None
        """Terms whose statistics changed since the last build (None: not known)."""
        self._first_then: dict[str, tuple[list[str], list[str]]] | None = None
        """The last build's ``FIRST`` (tags and terms by term-part key), read when first
        asked for."""
        self._first_shards: dict[str, tuple[int, dict[str, tuple[list[str], list[str]]]]] = {}
        """Its shards as read: those this build leaves as they were are not written."""
        self._first: dict[str, tuple[list[str], list[str]]] = {}
        """This build's first choices and their terms by term-part key: the next ``FIRST``."""

    def _last_used(self) -> dict[str, list[str]]:
        """The keys of the parts the last build used (``save`` names them)."""
        data = self._cache.get(USED, USED)
        try:
            last = unpack(USED_TAG, data) if data is not None else {}
            return {kind: [str(key) for key in last.get(kind, [])] for kind in KINDS}
        except (ValueError, TypeError, AttributeError):
            return {kind: [] for kind in KINDS}  # not ours: each read on its own

    def term_stats(
        self, articles: Sequence[Article], spans: Sequence[Spans], terms: Callable[[int], Terms]
    ) -> TermStats:
        keys = [self._terms_key(a, s) for a, s in zip(articles, spans, strict=True)]
        self._keys = keys
        # Every article's terms are this archive's, read here or not.
        self.used[TERMS].update(keys)
        data = self._cache.get(STATS, STATS)
        last: tuple[list[str], TermStats] | None = None
        if data is not None:
            with suppress(ValueError, TypeError):  # not ours: counted again
                last = decode_stats(data)
        stats = self._updated(last, keys, terms) if last is not None else None
        if stats is None:
            self._changed = None
            stats = TermStats.of(terms(i) for i in range(len(articles)))
        if last is None or last[0] != keys:
            self._stats = (keys, stats)
        return stats

    def _updated(
        self, last: tuple[list[str], TermStats], keys: list[str], terms: Callable[[int], Terms]
    ) -> TermStats | None:
        """The last build's statistics less the terms no longer in the archive (old
        versions) plus the new ones; None when an old version's terms are gone. Notes
        the terms whose statistics this changed (``_changed``)."""
        old, stats = last
        gone = Counter(old)
        gone.subtract(keys)
        removed: list[Terms] = []
        for key, times in gone.items():
            if times <= 0:
                continue
            data = self._cache.get(TERMS, key)
            if data is None:
                return None
            try:
                removed += [decode_terms(data)] * times
            except (ValueError, TypeError):
                return None  # not ours
        new = Counter(keys)
        new.subtract(old)
        added: list[Terms] = []
        for i, key in enumerate(keys):
            if new[key] > 0:
                new[key] -= 1
                added.append(terms(i))
        touched = {term for part in (*removed, *added) for term in part.counts}
        before = {term: stats.of_term(term) for term in touched}
        try:
            for part in removed:
                stats.remove(part)
        except (ValueError, TypeError, KeyError):
            return None  # not what the statistics counted
        for part in added:
            stats.add(part)
        self._changed = {term for term, then in before.items() if stats.of_term(term) != then}
        return stats

    def first_choice(self, index: int) -> list[str] | None:
        """The tags the last build chose first (every term allowed) from the counts of
        the ``index``-th article ``term_stats`` was given, when that choice stands: the
        same counts, as many articles, and none of its terms' statistics changed."""
        if self._changed is None:
            return None
        kept = self._last_first().get(self._keys[index])
        if kept is None or not self._changed.isdisjoint(kept[1]):
            return None
        return kept[0]

    def keep_first(self, index: int, tags: list[str], counts: Counter[str] | None) -> None:
        key = self._keys[index]
        terms = sorted(counts) if counts is not None else self._last_first()[key][1]
        self._first[key] = (tags, terms)

    def _last_first(self) -> dict[str, tuple[list[str], list[str]]]:
        """The last build's first choices (``FIRST``) with the terms each was made from;
        empty when they were made for another number of articles."""
        if self._first_then is None:
            self._first_then = {}
            with suppress(ValueError, TypeError, AttributeError):  # not ours: chosen again
                shards = {
                    name: unpack(FIRST_TAG, data)
                    for name, data in self._cache.get_many(FIRST, _FIRST_SHARDS).items()
                }
                self._first_shards = shards
                if all(n == len(self._keys) for n, _ in shards.values()):
                    self._first_then = {
                        key: (list(tags), list(terms))
                        for _, table in shards.values()
                        for key, (tags, terms) in table.items()
                    }
        return self._first_then

    def _save_first(self) -> None:
        """This build's first choices, by shard (the first two characters of the key): an
        edit rewrites the shards of the edited articles only."""
        if not self._first:
            return
        self._last_first()
        n = len(self._keys)
        shards: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
        for key, chosen in self._first.items():
            shards.setdefault(key[:2], {})[key] = chosen
        then = self._first_shards
        changed = [
            (name, pack(FIRST_TAG, (n, table)))
            for name, table in shards.items()
            if then.get(name) != (n, table)
        ]
        self._cache.put_many(FIRST, changed)
        self._cache.drop(FIRST, then.keys() - shards.keys())
        self._first_shards = {name: (n, table) for name, table in shards.items()}
        self._first_then, self._first = None, {}

    def finder(self, articles: Sequence[Article], region: str) -> KeptFinder:
        keys = [digest_of((self._analysed[a.key], a.page_id, a.dateline)) for a in articles]
        data = self._cache.get(PLACES, region)
        state = None
        if data is not None:
            # Not ours: the finder reads every text.
            with suppress(ValueError, TypeError):
                state = decode_finder(data)
        self._finder = (keys, state, None)
        return KeptFinder(keys, state)

    def keep_finder(self, state: FinderState) -> None:
        if self._finder is not None:
            keys, last, _ = self._finder
            self._finder = (keys, last, state)

    def keep_scan(self, article: Article, region: str) -> None:
        self.used[SCANS].add(self._scan_key(article, region))

    def _scan_key(self, article: Article, region: str) -> str:
        return digest_of((self._analysed[article.key], article.dateline, region))

    def scan(self, article: Article, region: str, make: Callable[[], Scan]) -> Scan:
        key = self._scan_key(article, region)
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
        key = digest_of((self._analysed[article.key], article.page_name, article.column))
        found = self._topic_table().get(key)
        if found is None:
            found = self._topics_part(key)
        if found is None:
            found = make()
            self.made[TOPICS][key] = _json(found)
        self.used[TOPICS].add(key)
        self._topics[key] = found
        return list(found)

    def _topics_part(self, key: str) -> list[str] | None:
        data = self._get(TOPICS, key)
        if data is not None:
            try:
                return [str(topic) for topic in json.loads(data)]
            except (ValueError, TypeError):
                pass  # not ours: made again
        return None

    def _topic_table(self) -> dict[str, list[str]]:
        if self._table is None:
            self._table = {}
            data = self._cache.get(TOPIC_TABLE, TOPIC_TABLE)
            with suppress(ValueError, TypeError, AttributeError):  # not ours: parts read
                table = unpack(TOPIC_TABLE_TAG, data) if data is not None else {}
                if all(isinstance(t, list) for t in table.values()):
                    self._table = table
        return self._table

    def apart(self, article: Article, tags: list[str], check: Callable[[str], bool]) -> list[str]:
        key = self._analysed[article.key]
        verdicts = self._apart.get(key)
        if verdicts is None:
            verdicts = self._apart[key] = dict(self._last_verdicts().get(key, {}))
        cut = []
        for tag in tags:
            verdict = verdicts.get(tag)
            if verdict is None:
                verdict = verdicts[tag] = check(tag)
                self._apart_made = True
            if verdict:
                cut.append(tag)
        return cut

    def _last_verdicts(self) -> dict[str, dict[str, bool]]:
        if self._verdicts is None:
            self._verdicts = {}
            data = self._cache.get(APART, APART)
            with suppress(ValueError, TypeError, AttributeError):  # not ours: checked again
                table = unpack(APART_TAG, data) if data is not None else {}
                if all(isinstance(v, dict) for v in table.values()):
                    self._verdicts = table
        return self._verdicts

    def _terms_key(self, article: Article, spans: Spans) -> str:
        return digest_of((self._analysed[article.key], spans, sorted(set(article.authors))))

    def terms(self, article: Article, spans: Spans, make: Callable[[], Terms]) -> Terms:
        key = self._terms_key(article, spans)
        # With first choices kept, the counts of a few hundred articles are read (those
        # whose choice is made again): one by one, not the whole archive's at once.
        data = self._get(TERMS, key, bulk=self._changed is None or not self._last_first())
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

    def _get(self, kind: str, key: str, bulk: bool = True) -> bytes | None:
        """The kept part, the parts the last build used read at once after
        ``PREFETCH_AFTER`` reads of the kind (``bulk`` False: each on its own)."""
        self.used[kind].add(key)
        read = self._read.get(kind)
        if read is None:
            self._asked[kind] += 1
            if self._asked[kind] <= PREFETCH_AFTER or not bulk:
                return self._cache.get(kind, key)
            read = self._read[kind] = self._cache.get_many(kind, self._last[kind])
        found = read.pop(key, None)
        return found if found is not None else self._cache.get(kind, key)

    def save(self) -> None:
        """Store the parts made in this build, and the keys of those it used."""
        with self._cache.transaction():
            for kind, made in self.made.items():
                self._cache.put_many(kind, made.items())
                made.clear()
            used = {kind: sorted(keys) for kind, keys in self.used.items()}
            self._cache.put(USED, USED, pack(USED_TAG, used))
            _, last, state = self._finder or ([], None, None)
            # The same inputs and region as the state kept: the same state (nothing read).
            if state is not None and (
                last is None or (last.keys, last.region) != (state.keys, state.region)
            ):
                self._cache.put(PLACES, state.region, encode_finder(state))
            if self._stats is not None:
                self._cache.put(STATS, STATS, encode_stats(*self._stats))
                self._stats = None
            if self._topics and self._topics.keys() != self._topic_table().keys():
                self._cache.put(TOPIC_TABLE, TOPIC_TABLE, pack(TOPIC_TABLE_TAG, self._topics))
                self._table = dict(self._topics)
            self._save_verdicts()
            self._save_first()

    def _save_verdicts(self) -> None:
        """The verdicts of this build's articles, when they are not the last build's."""
        if self._apart_made or (self._apart and self._apart.keys() != self._last_verdicts().keys()):
            self._cache.put(APART, APART, pack(APART_TAG, self._apart))
            self._verdicts, self._apart_made = dict(self._apart), False

    def forget_others(self) -> int:
        """Drop kept parts this archive no longer uses (old versions of edited articles)."""
        # ``_last``: what the last build used, so what the cache held after its forget.
        return sum(self._cache.forget(kind, self.used[kind], self._last[kind]) for kind in KINDS)
