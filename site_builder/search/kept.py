"""What an index build keeps in the build cache for the next one (``update``).

* ``IndexState`` (kind ``search-state``): what grows with the documents, not with the
  terms: the documents by id (key and part digest), their lengths, dates and sources, the
  shard count and, per shard, the cache key of its ``Shard``, its entries' size and its
  block files; the df of every Chinese word an English term may stand for; the filter
  form's counts, the pinyin syllables in use and the single characters with an entry
  (``initials.bin``). An edit build reads and writes it whole, so nothing kept per term
  is here: at 1,000 articles the heads of 320,000 entries and the candidates of 77,000
  English keys were four fifths of its 11 MB.
* ``Shard`` (kind ``search-shard``, named by the digest of its bytes): every term of the
  shard with its postings, its forms counted by the documents that give them, its encoded
  entry and, for an English key, its (closeness, word) candidates, so that an edit
  re-encodes only the terms whose entries it changes (``marshal``ed; an edit reads only
  the shards of the terms it encodes again, and replaces only those it changes,
  ``IndexMemory.keep``). An edit whose articles keep their length bucket reads no entry
  of the terms it does not encode again (their impact bytes cannot move); one that
  crosses a bucket reads their shards for their document counts, and rewrites most of
  them anyway.
* ``DocPart`` (kind ``search-part``, named by ``parts.doc_digest``).
* ``english.vocabulary()`` (kind ``search-vocabulary``): derived from CC-CEDICT alone,
  kept so that an edit build reads it instead; the cache is emptied when the code or the
  dictionary's version changes. (``english.sibling_glosses()``, seconds of CPU to
  derive, ships with the package: ``data/siblings.tsv``.)

Every entry is checksummed by the cache; one that is missing or does not decode makes the
edit build a full one. The state is trusted only through a ``Memo`` the last committed
build left (``cache.memo``): a build that failed after keeping its state is never
mistaken for the output on disk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from site_builder.cache.memo import Memo
from site_builder.cache.packed import DETERMINISTIC, pack, unpack
from site_builder.search.encode import entry_df
from site_builder.search.english import use_vocabulary, vocabulary
from site_builder.search.parts import DocPart, FacetCounts

STATE = "search-state"
SHARD = "search-shard"
PART = "search-part"
VOCABULARY = "search-vocabulary"
STEP = "search"
"""The name the index's state is kept under in a ``Memo``."""
STATE_VERSION = 5
"""4: impacts read each article's length by bucket (``entries.LENGTH_STEPS``); 5: heads
and English candidates moved into the shards."""
STATE_TAG = b"search-state-5"
BATCH = 256
"""Parts and shards are handed to the cache this many at a time."""


@dataclass(slots=True)
class TermState:
    postings: bytes
    """Varint pairs (gap to the previous id, twice the frequency), as ``postings`` holds."""
    forms: dict[str, int]
    """Form -> documents that give it."""
    places: list[str]
    """A place term's ``[name, English name]`` (shown in that order), else empty."""
    entry: bytes
    block: bytes
    """The posting block when it has a file of its own, else empty."""
    candidates: list[tuple[int, str]] = field(default_factory=list)
    """An English key's (closeness, word) candidates among the archive's words
    (``english.candidates``), sorted; empty for any other term. A key with candidates
    but no entry (its expansion is empty) is kept for them."""

    def df(self, term: str) -> int:
        """``head`` of this term's non-empty entry."""
        return head(term, self.entry, self.postings)


Shard = dict[str, TermState]

OWN = -1
"""``head`` of an English key that articles also write as a word: such an entry is
encoded again whenever its article changes (rare), its count is not read."""


def head(term: str, entry: bytes, postings: bytes) -> int:
    """What an edit needs of a term's non-empty ``entry``: its document count
    (``entry_df``), or ``OWN`` for an English key with ``postings`` of its own."""
    return OWN if term.startswith("w:") and postings else entry_df(entry)


SHARD_TAG = b"search-shard-2"


def shard_bytes(shard: Shard) -> bytes:
    rows = [
        (term, s.postings, dict(sorted(s.forms.items())), s.places, s.entry, s.block, s.candidates)
        for term in sorted(shard)
        for s in (shard[term],)
    ]
    # Equal shards are equal bytes: they are named by their digest.
    return pack(SHARD_TAG, rows, DETERMINISTIC)


def shard_of(data: bytes) -> Shard:
    """The shard ``shard_bytes`` wrote; ValueError for anything else. (Marshalled: an
    edit build loads thousands of shards, and parsing them in Python cost more than the
    rest of its index update.)"""
    try:
        rows = unpack(SHARD_TAG, data)
        return {term: TermState(p, f, pl, e, b, c) for term, p, f, pl, e, b, c in rows}
    except TypeError as error:
        raise ValueError(f"not a search shard: {error}") from None


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(slots=True)
class ShardInfo:
    key: str
    """Cache key of the ``Shard``."""
    size: int
    """Bytes of its encoded entries."""
    blocks: list[str]
    """Its block files (``t/…``)."""


@dataclass(slots=True)
class IndexState:
    docs: list[tuple[str, str]]
    """(article key, part digest) by document id."""
    lengths: list[float]
    dates: list[str | None]
    shards: list[ShardInfo]
    words: dict[str, int]
    """Article count of every Chinese word that some English key may stand for."""
    facets: FacetCounts
    syllables: dict[str, int]
    """Pinyin syllable -> ``p:`` terms that use it."""
    terms: int
    """Terms in the index."""
    chars: list[str] = field(default_factory=list)
    """The single-character terms with an entry, sorted (``initials.bin`` is made of them)."""
    sources: list[str] = field(default_factory=list)
    """By document id, the digest of what its document is made of (``Sourced``); empty
    when the build that kept the state had none (every document is then made again)."""
    version: int = field(default=STATE_VERSION)

    def to_bytes(self) -> bytes:
        facets = self.facets.to_json()
        shards = [(s.key, s.size, s.blocks) for s in self.shards]
        data = (
            self.version, self.docs, self.lengths, self.dates, shards, self.words,
            facets, self.syllables, self.terms, self.chars, self.sources,
        )  # fmt: skip
        # Marshalled (``cache.packed``): every edit build reads and writes the state whole.
        return pack(STATE_TAG, data, DETERMINISTIC)

    @classmethod
    def from_bytes(cls, data: bytes) -> IndexState:
        """The state ``to_bytes`` wrote; ValueError for anything else."""
        try:
            version, docs, lengths, dates, shards, words, *rest = unpack(STATE_TAG, data)
            facets, syllables, terms, chars, sources = rest
            if version != STATE_VERSION:
                raise ValueError("a search state of another version")
            # The cache verified the bytes and the tag says this code wrote them: the
            # values are taken as they are, only their containers checked.
            held = (docs, lengths, dates, shards, words, facets, syllables, chars, sources)
            if not all(isinstance(v, t) for v, t in zip(held, _STATE_TYPES, strict=True)):
                raise ValueError("not a search state")
            infos = [ShardInfo(key, size, blocks) for key, size, blocks in shards]
            return cls(
                docs, lengths, dates, infos, words,
                FacetCounts.from_json(facets), syllables, int(terms), chars, sources,
            )  # fmt: skip
        except (TypeError, ValueError) as error:
            raise ValueError(f"not a search state: {error}") from None


_STATE_TYPES = (list, list, list, list, dict, list, dict, list, list)
"""The containers ``IndexState.to_bytes`` writes, in its order (after the version)."""


@dataclass(slots=True)
class IndexMemory:
    """The cache side of ``update``: the trusted state, parts and shards, and keeping them."""

    memo: Memo
    shards: dict[str, bytes] = field(default_factory=dict)
    """Shards to keep, by key."""
    parts: dict[str, bytes] = field(default_factory=dict)
    """Parts made in this build, by digest."""

    def state(self) -> IndexState | None:
        key = self.memo.trusted.get(STEP)
        data = self.memo.cache.get(STATE, key) if key else None
        try:
            return IndexState.from_bytes(data) if data is not None else None
        except ValueError:
            return None

    def part(self, key: str) -> DocPart | None:
        data = self.parts.get(key) or self.memo.cache.get(PART, key)
        try:
            return DocPart.from_bytes(data) if data is not None else None
        except ValueError:
            return None

    def has_parts(self, keys: Iterable[str]) -> bool:
        """Whether a part is kept under each of ``keys`` (read, none is decoded)."""
        kept = self.memo.cache.keys(PART)
        return all(key in self.parts or key in kept for key in keys)

    def shard_data(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The kept shards of ``keys`` that are there, undecoded (``shard_of``), by key."""
        return self.memo.cache.get_many(SHARD, keys)

    def vocabulary(self) -> None:
        """Have ``english.vocabulary()`` read from the cache when it holds it; keep it
        there when not."""
        cache = self.memo.cache
        data = cache.get(VOCABULARY, VOCABULARY)
        if data is not None:
            try:
                use_vocabulary(frozenset(filter(None, data.decode().split("\n"))))
                return
            except UnicodeDecodeError:
                pass  # written by something else: derived again below
        cache.put(VOCABULARY, VOCABULARY, "\n".join(sorted(vocabulary())).encode())

    def add_shard(self, shard: Shard) -> str:
        data = shard_bytes(shard)
        key = digest(data)
        self.shards[key] = data
        if len(self.shards) >= BATCH:
            self.flush()
        return key

    def flush(self) -> None:
        """Hand the parts and shards made so far to the cache (a build of a large archive
        would not hold them all)."""
        cache = self.memo.cache
        with cache.transaction():
            cache.put_many(PART, self.parts.items())
            cache.put_many(SHARD, self.shards.items())
        self.parts.clear()
        self.shards.clear()

    def keep(self, state: IndexState, replaced: tuple[set[str], set[str]] | None = None) -> None:
        """Store what this build made, name it in the memo, and drop what no state uses:
        with ``replaced`` (the part and shard keys an edit build replaced) only those, else
        everything of the kinds that ``state`` does not name."""
        cache = self.memo.cache
        data = state.to_bytes()
        key = digest(data)
        self.flush()
        cache.put(STATE, key, data)
        self.memo.kept[STEP] = key
        if replaced is None:
            cache.keep_only(PART, {part for _, part in state.docs})
            cache.keep_only(SHARD, {info.key for info in state.shards})
        else:
            parts, shards = replaced
            cache.drop(PART, parts - {part for _, part in state.docs})
            cache.drop(SHARD, shards - {info.key for info in state.shards})
        # The trusted state stays until the build that replaces it has committed.
        cache.keep_only(STATE, {key, *filter(None, [self.memo.trusted.get(STEP)])})
