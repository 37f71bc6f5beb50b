"""An edit build of the search index: only the shards whose entries change are rewritten.

The last build kept its state (``kept``). When the articles are the same ones in the same
order (an edit, not an addition or a deletion) and few of them changed, each changed
article's old part is taken out of the kept shards and its new part put in. Only the
terms whose postings, forms or place names changed are encoded again, with the English
terms that stand for them, and only their shards are read. Of the article's other terms
(most of them) only the impact byte of the edited article can change, through its length,
and only when its length crossed a bucket (``entries.bucketed``): then ``_holds`` checks
each from its kept entry's document count (their shards read), and only those whose byte
changed are encoded again. Only the shards whose entries changed are written (and kept
again with those whose postings or candidates changed); the others' files are claimed as
they are. Anything that would
move the whole index (another set of articles, the average length BM25 uses or the shard
count changing, a kept entry missing) makes it a full build instead; when only the
average moved, that build reads every article's part as kept or just made, and makes no
article's document again. The result is the same bytes either way, and so is the kept
state, which ``tests/test_search_update.py`` checks against a clean build after random
edits.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from site_builder.search.analyze import TextTerms, doc_text_terms
from site_builder.search.build import (
    build_search_index,
    doc_path,
    index_parts,
    made_parts,
    part_of,
)
from site_builder.search.encode import varint
from site_builder.search.english import Expansion, chosen, term_meanings
from site_builder.search.entries import (
    EXPANSION_WEIGHT,
    RANKED,
    Entry,
    Postings,
    Scoring,
    external_files,
    shard_count,
    shown_forms,
    term_entry,
    write_shard,
    write_side_files,
)
from site_builder.search.kept import (
    OWN,
    IndexMemory,
    IndexState,
    Shard,
    ShardInfo,
    TermState,
    shard_of,
)
from site_builder.search.model import IndexStats, SearchDoc, Sourced
from site_builder.search.parts import DocPart, doc_digest
from site_builder.search.postings import varints
from site_builder.search.text import fnv1a

MAX_CHANGED = 0.1
"""Above this share of changed articles a full build is cheaper than taking parts out."""


class _Missing(Exception):
    """A kept entry is gone: the edit build cannot go on."""


class _Moved(Exception):
    """The average length moved: every impact byte may change, so every term is encoded
    again. The state then names every document's part, kept or just made."""


def _decode(raw: bytes) -> dict[int, int]:
    """Doc id -> twice the frequency."""
    values = varints(raw)
    return dict(zip(accumulate(values[0::2]), values[1::2], strict=True))


def _encode(postings: dict[int, int]) -> bytes:
    if not postings:
        return b""
    ids = sorted(postings)
    codes = [postings[d] for d in ids]
    pairs = [v for pair in zip(_gaps(ids), codes, strict=True) for v in pair]
    if max(pairs, default=0) < 0x80:  # one byte each: the usual case, done in C
        return bytes(pairs)
    return b"".join(map(varint, pairs))


def _gaps(ids: list[int]) -> list[int]:
    return [doc - previous for previous, doc in zip([0, *ids[:-1]], ids, strict=True)]


def _postings(raw: bytes) -> Postings:
    decoded = _decode(raw)
    ids = sorted(decoded)
    return ids, [decoded[d] * 0.5 for d in ids]


@dataclass(slots=True)
class _Shards:
    """The kept shards an edit reads, loaded when first needed (``load``: many at once)."""

    state: IndexState
    memory: IndexMemory
    loaded: dict[int, Shard] = field(default_factory=dict)
    kept: set[int] = field(default_factory=set)
    """Shards whose kept state changed (postings, forms, entries): kept again."""
    written: set[int] = field(default_factory=set)
    """Shards whose entries changed: their files are written again."""
    blocks: dict[int, dict[str, bytes]] = field(default_factory=dict)
    """Of each shard in ``written``, its block files as the live index holds them (path ->
    the block): a block file whose path and block are the same is claimed, not written."""

    def rewrite(self, number: int) -> None:
        """Shard ``number``'s files will be written again: note its blocks before."""
        if number in self.written:
            return
        self.written.add(number)
        shard = self.loaded[number]
        members = [t for t in sorted(shard) if shard[t].entry]
        self.blocks[number] = {
            f"t/{number}-{i}.bin": shard[t].block for i, t in enumerate(members) if shard[t].block
        }

    def number(self, term: str) -> int:
        return fnv1a(term) % len(self.state.shards)

    def load(self, terms: Iterable[str]) -> None:
        """Load the shards holding ``terms`` in a few reads of the cache."""
        numbers = {self.number(term) for term in terms} - self.loaded.keys()
        data = self.memory.shard_data(self.state.shards[n].key for n in numbers)
        for number in numbers:
            self._decode(number, data.get(self.state.shards[number].key))

    def _decode(self, number: int, data: bytes | None) -> Shard:
        # Decoded for each number: two shards with the same bytes share a key, not a value.
        try:
            if data is None:
                raise ValueError("missing")
            found = self.loaded[number] = shard_of(data)
        except ValueError:
            raise _Missing(number) from None
        return found

    def shard(self, term: str) -> Shard:
        number = self.number(term)
        found = self.loaded.get(number)
        if found is None:
            key = self.state.shards[number].key
            found = self._decode(number, self.memory.shard_data([key]).get(key))
        return found

    def term(self, term: str) -> TermState | None:
        return self.shard(term).get(term)

    def peek(self, term: str) -> Postings:
        found = self.term(term)
        return _postings(found.postings) if found is not None else ([], [])


def _code(weight: float | None) -> int | None:
    """A weight as postings store it (twice the frequency)."""
    return None if weight is None else int(2 * weight)


def _moving(old: DocPart, new: DocPart) -> set[str]:
    """The terms whose postings, forms or place names change from ``old`` to ``new``.
    (Most of an edited article's terms hold it as before: their entries can change only
    through its length.)"""
    moving = set()
    for term in old.weights.keys() | new.weights.keys():
        place = new.places.get(term)
        if (
            _code(new.weights.get(term)) != _code(old.weights.get(term))
            or new.forms.get(term, []) != old.forms.get(term, [])
            or (place is not None and place != old.places.get(term))
        ):
            moving.add(term)
    return moving


def _apply(shards: _Shards, doc_id: int, old: DocPart, new: DocPart) -> set[str]:
    """Take document ``doc_id``'s ``old`` part out of the kept shards, put ``new`` in; the
    terms whose postings, forms or place names changed (``_moving``)."""
    moved = _moving(old, new)
    for term in moved:
        code = _code(new.weights.get(term))
        forms, place = new.forms.get(term, []), new.places.get(term)
        shards.kept.add(shards.number(term))
        found = shards.term(term)
        if found is None:
            found = shards.shard(term)[term] = TermState(b"", {}, [], b"", b"")
        postings = _decode(found.postings)
        if code is None:
            del postings[doc_id]
        else:
            postings[doc_id] = code
        found.postings = _encode(postings)
        _count(found.forms, old.forms.get(term, ()), -1)
        _count(found.forms, forms, 1)
        if place is not None:
            found.places = place
    return moved


def _count(forms: dict[str, int], some: Iterable[str], sign: int) -> None:
    for form in some:
        forms[form] = forms.get(form, 0) + sign
        if not forms[form]:
            del forms[form]


def _english(state: IndexState, shards: _Shards, moved: set[str]) -> set[str]:
    """Bring the English keys' candidates (kept in their shards) and the word dfs up to
    date for the ``moved`` terms; the English keys whose entries may change through them."""
    keys = {term[2:] for term in moved if term.startswith("w:")}
    changes: list[tuple[str, tuple[int, str], bool]] = []
    for term in moved:
        if ":" in term:
            continue
        senses = term_meanings(term)
        if not senses:
            continue
        keys.update(key for key, _ in senses)
        df = len(shards.peek(term)[0])
        was = state.words.pop(term, 0)
        if df:
            state.words[term] = df
        if bool(was) != bool(df):  # the word came into the archive or left it
            changes += [("w:" + key, (rank, term), bool(df)) for key, rank in senses]
    shards.load(key for key, _, _ in changes)
    for key, candidate, added in changes:
        shards.kept.add(shards.number(key))
        found = shards.term(key)
        if found is None:
            found = shards.shard(key)[key] = TermState(b"", {}, [], b"", b"")
        if added:
            insort(found.candidates, candidate)
        else:
            found.candidates.remove(candidate)
            if not (found.candidates or found.entry or found.postings):
                del shards.shard(key)[key]
    return keys


def _expansion(term: str, state: IndexState, shards: _Shards) -> Expansion | None:
    found = shards.term(term) if term.startswith("w:") else None
    some = found.candidates if found is not None else None
    expansion = chosen(term[2:], some, state.words.__getitem__) if some else None
    return expansion if expansion is not None and expansion.words else None


def _words(term: str, state: IndexState, shards: _Shards) -> list[str]:
    """The words whose postings ``term``'s entry reads besides its own (an English key's)."""
    expansion = _expansion(term, state, shards)
    return [word for word, _ in expansion.words] if expansion is not None else []


def _encode_term(term: str, state: IndexState, shards: _Shards, scoring: Scoring) -> Entry | None:
    found = shards.term(term)
    own = _postings(found.postings) if found is not None else ([], [])
    # A key whose expansion is empty is left out, as the full build leaves it out.
    expansion = _expansion(term, state, shards)
    if not own[0] and expansion is None:
        return None
    shown: list[str] = []
    if found is not None:
        shown = found.places or shown_forms(term, found.forms)
    peek = (expansion, shards.peek) if expansion is not None else None
    return term_entry(term, own, shown, scoring, peek)


@dataclass(slots=True)
class _Lengths:
    """BM25 before and after an edit that changed the lengths of ``docs`` only."""

    before: Scoring
    after: Scoring
    docs: list[tuple[int, DocPart]]
    """Each changed document's id and new part."""


def _impacted(term: str) -> bool:
    """Whether ``term``'s entry holds impact bytes."""
    return ":" not in term or term.startswith(RANKED)


def _holds(term: str, state: IndexState, shards: _Shards, lengths: _Lengths) -> bool:
    """Is ``term``'s entry the same bytes after the edit, its postings, forms and (for an
    English key) its words' postings being unchanged? Only the impact byte of an edited
    document can then differ, through its length: checked from the entry's df (read from
    its shard, not decoding postings) and the document's frequency in its part."""
    found = shards.term(term)
    if found is None or not found.entry:
        return True  # nothing it is made of moved: still no entry
    if not _impacted(term):
        return True
    df = found.df(term)
    before, after = lengths.before, lengths.after
    if not term.startswith("w:"):
        for doc, part in lengths.docs:
            code = _code(part.weights.get(term))
            if code is not None and before.impact(df, doc, code * 0.5) != after.impact(
                df, doc, code * 0.5
            ):
                return False
        return True
    expansion = _expansion(term, state, shards)
    if df == OWN or expansion is None:
        return False  # an English word written in articles: encoded again (rare)
    for doc, part in lengths.docs:
        # ``entries._expanded``: the document's best weighted frequency among the words.
        best = 0.0
        for word, rank in expansion.words:
            code = _code(part.weights.get(word))
            if code is not None and code * 0.5 * EXPANSION_WEIGHT[rank] > best:
                best = code * 0.5 * EXPANSION_WEIGHT[rank]
        if best and max(1, before.impact(df, doc, best) // 2) != max(
            1, after.impact(df, doc, best) // 2
        ):
            return False
    return True


def _changes(
    state: IndexState, docs: Iterable[SearchDoc]
) -> tuple[list[tuple[int, SearchDoc, str]], bool]:
    """(id, doc, new digest) of each changed document; False when the documents are not
    the kept ones in the kept order."""
    changed = []
    count = 0
    for doc_id, doc in enumerate(docs):
        if doc_id >= len(state.docs) or state.docs[doc_id][0] != doc.key:
            return [], False
        digest = doc_digest(doc)
        if digest != state.docs[doc_id][1]:
            changed.append((doc_id, doc, digest))
        count += 1
    return changed, count == len(state.docs)


def _sourced_changes(
    state: IndexState, sourced: Sourced
) -> tuple[list[tuple[int, SearchDoc, str]], bool]:
    """``_changes`` made only for the documents whose sources changed (the others are as
    the kept state holds them); the state's sources are brought up to date. False when
    the documents are not the kept ones in the kept order."""
    if [key for key, _ in sourced.sources] != [key for key, _ in state.docs]:
        return [], False
    moved = [i for i, (_, made_of) in enumerate(sourced.sources) if made_of != state.sources[i]]
    ids = {sourced.sources[i][0]: i for i in moved}
    changed = []
    for doc in sourced.docs(ids.keys()):
        doc_id, digest = ids[doc.key], doc_digest(doc)
        if digest != state.docs[doc_id][1]:
            changed.append((doc_id, doc, digest))
    for i in moved:
        state.sources[i] = sourced.sources[i][1]
    return changed, True


def _update(
    state: IndexState,
    docs: Callable[[], Iterable[SearchDoc]],
    write: Callable[[str, bytes], None],
    claim: Callable[[list[str]], None],
    memory: IndexMemory,
    terms: Callable[[SearchDoc], TextTerms],
    sourced: Sourced | None,
) -> IndexStats | None:
    """The edit build, or None when a full build is needed. Nothing is written or claimed
    before it is sure to finish. With ``sourced`` and a state that kept its documents'
    sources, only the documents whose sources changed are made (``docs`` is not called)."""
    if sourced is not None and len(state.sources) == len(state.docs):
        changed, same = _sourced_changes(state, sourced)
    else:
        changed, same = _changes(state, docs())
        # Without sources (the live preview's builds) none are kept: sources kept from
        # before would vouch for documents this build changed.
        state.sources = [made_of for _, made_of in sourced.sources] if sourced else []
    if not same or len(changed) > MAX_CHANGED * len(state.docs):
        return None
    memory.vocabulary()
    before = Scoring.of(state.lengths)
    shards = _Shards(state, memory)
    edits: list[tuple[int, DocPart, DocPart]] = []
    replaced: set[str] = set()
    for doc_id, doc, digest in changed:
        old = memory.part(state.docs[doc_id][1])
        if old is None:
            return None
        new = part_of(doc, digest, terms, memory)
        edits.append((doc_id, old, new))
        replaced.add(state.docs[doc_id][1])
        state.facets.add(old.facets, -1)
        state.facets.add(new.facets)
        state.docs[doc_id] = (doc.key, digest)
        state.lengths[doc_id], state.dates[doc_id] = new.length, new.date
    scoring = Scoring.of(state.lengths)
    if scoring.average != before.average:
        raise _Moved
    # Only the shards of the terms encoded again are read (a body edit's article has
    # thousands of terms in most of the shards; a few hundred of them change).
    shards.load(set().union(*(_moving(old, new) for _, old, new in edits)))
    moved: set[str] = set()
    for doc_id, old, new in edits:
        moved |= _apply(shards, doc_id, old, new)
    reached = {"w:" + key for key in _english(state, shards, moved)} | moved
    lengths = _Lengths(before, scoring, [(doc_id, new) for doc_id, _, new in edits])
    redo = set(reached)
    if any(before.norms[doc_id] != scoring.norms[doc_id] for doc_id, _ in lengths.docs):
        # A length crossed its bucket: the other terms' impact bytes may move too (within
        # it none can, and these terms, the English keys they stand for included, are
        # not even listed).
        touched = {t for _, old, new in edits for t in old.weights.keys() | new.weights.keys()}
        resting = touched - moved
        for term in [t for t in resting if ":" not in t]:
            resting.update("w:" + key for key, _ in term_meanings(term))
        resting = {t for t in resting - reached if _impacted(t)}
        shards.load(resting)
        redo |= {t for t in resting if not _holds(t, state, shards, lengths)}
    shards.load(redo)
    shards.load({word for term in redo for word in _words(term, state, shards)})
    entries = {term: _encode_term(term, state, shards, scoring) for term in redo}
    chars = False  # whether a single character gained or lost its entry
    sizes = [info.size for info in state.shards]
    for term, entry in entries.items():
        found = shards.term(term)
        was = found.entry if found is not None else b""
        now = entry.encoded if entry is not None else b""
        block = (entry.block or b"") if entry is not None else b""
        if now == was and (found is None or found.block == block):
            continue
        number = shards.number(term)
        shards.kept.add(number)
        shards.rewrite(number)
        sizes[number] += len(now) - len(was)
        _syllables(state, term, bool(was), bool(now))
        state.terms += bool(now) - bool(was)
        if len(term) == 1 and bool(was) != bool(now):
            chars = True
            if now:
                insort(state.chars, term)
            else:
                state.chars.remove(term)
        if not now:
            if found is not None and found.candidates:  # kept for them (``kept.TermState``)
                found.entry = found.block = b""
            else:
                shards.shard(term).pop(term, None)
            continue
        if found is None:
            found = shards.shard(term)[term] = TermState(b"", {}, [], b"", b"")
        found.entry, found.block = now, block
    if shard_count(sum(sizes)) != len(state.shards):
        return None
    return _write(state, shards, sizes, edits, write, claim, (replaced, set()), chars)


def _syllables(state: IndexState, term: str, was: bool, now: bool) -> None:
    if not term.startswith("p:") or was == now:
        return
    for syllable in set(term[2:].split(" ")):
        state.syllables[syllable] = state.syllables.get(syllable, 0) + (1 if now else -1)
        if not state.syllables[syllable]:
            del state.syllables[syllable]


def _write(
    state: IndexState,
    shards: _Shards,
    sizes: list[int],
    edits: list[tuple[int, DocPart, DocPart]],
    write: Callable[[str, bytes], None],
    claim: Callable[[list[str]], None],
    replaced: tuple[set[str], set[str]],
    chars: bool,
) -> IndexStats:
    """Write what changed, claim the rest; ``chars``: whether ``initials.bin`` changes."""
    written: list[int] = []

    def counted(path: str, data: bytes) -> None:
        write(path, data)
        written.append(len(data))

    rewritten = {doc_id for doc_id, _, _ in edits}
    for doc_id, _, part in edits:
        counted(doc_path(doc_id), part.record)
    claim([doc_path(d) for d in range(len(state.docs)) if d not in rewritten])
    for number, info in enumerate(state.shards):
        if number not in shards.kept:
            claim([f"s/{number}.bin", *info.blocks])
            continue
        shard = shards.loaded[number]
        blocks = info.blocks
        if number in shards.written:
            members = [
                Entry(t, shard[t].entry, shard[t].block or None)
                for t in sorted(shard)
                if shard[t].entry
            ]
            write_shard(counted, number, members, (shards.blocks[number], claim))
            blocks = external_files(number, members)
        else:  # only postings changed, not what the files hold
            claim([f"s/{number}.bin", *info.blocks])
        replaced[1].add(info.key)
        state.shards[number] = ShardInfo(shards.memory.add_shard(shard), sizes[number], blocks)
    facets = state.facets.value()
    shown = state.chars if chars else None
    write_side_files(counted, state.dates, facets, len(state.shards), state.syllables, shown, claim)
    shards.memory.keep(state, replaced)
    return IndexStats(
        docs=len(state.docs),
        terms=state.terms,
        shards=len(state.shards),
        external_terms=sum(len(info.blocks) for info in state.shards),
        files=len(written),
        bytes=sum(written),
    )


def update_search_index(
    docs: Callable[[], Iterable[SearchDoc]],
    write: Callable[[str, bytes], None],
    claim: Callable[[list[str]], None],
    memory: IndexMemory,
    *,
    terms: Callable[[SearchDoc], TextTerms] | None = None,
    workers: int = 1,
    sourced: Sourced | None = None,
) -> IndexStats:
    """The index of ``docs()`` (called at most twice: when the edit build gives way to a
    full one) written through ``write``; files kept as they are named to ``claim``;
    ``workers`` encode the terms of a full one (``build_search_index``); ``sourced``: the
    same documents known by their sources, of which an edit build makes only those whose
    sources changed."""
    text_of = terms or doc_text_terms
    state = memory.state()
    if state is not None:
        try:
            done = _update(state, docs, write, claim, memory, text_of, sourced)
        except _Missing:
            done = None
        except _Moved:
            # From the parts, not from documents made again: a small archive's average
            # moves with many edits, and with sources the documents are costly to make.
            memory.shards.clear()
            parts = _parts(state, memory)
            if parts is not None:
                return index_parts(
                    parts, write, memory=memory, workers=workers, sources=state.sources
                )
            done = None
        if done is not None:
            return done
        memory.shards.clear()
    if sourced is None:
        return build_search_index(docs(), write, terms=text_of, memory=memory, workers=workers)
    sources = [made_of for _, made_of in sourced.sources]
    if workers > 1:
        keys = [key for key, _ in sourced.sources]
        parts = made_parts(keys, sourced.docs, text_of, memory, workers)
        return index_parts(parts, write, memory=memory, workers=workers, sources=sources)
    return build_search_index(
        docs(), write, terms=text_of, memory=memory, workers=workers, sources=sources
    )


def _parts(state: IndexState, memory: IndexMemory) -> Iterator[tuple[str, str, DocPart]] | None:
    """(key, digest, part) of every document ``state`` names, read one at a time as the
    index takes them (a large archive's parts are not held together), or None when a
    part is not kept."""
    if not memory.has_parts(digest for _, digest in state.docs):
        return None

    def read() -> Iterator[tuple[str, str, DocPart]]:
        for key, digest in state.docs:
            part = memory.part(digest)
            if part is None:
                raise ValueError(f"the kept search part of {key!r} is unreadable")
            yield key, digest, part

    return read()
