"""An edit build of the search index: only the shards whose entries change are rewritten.

The last build kept its state (``kept``). When the articles are the same ones in the same
order (an edit, not an addition or a deletion) and few of them changed, each changed
article's old part is taken out of the kept shards and its new part put in; only the
terms those parts hold are encoded again (and the English terms that stand for their
Chinese words), only the shards holding them are written, and the others' files are
claimed as they are. Anything that would move the whole index (another set of articles,
the average length BM25 uses or the shard count changing, a kept entry missing) makes it
a full build instead: the result is the same bytes either way, which
``tests/test_search_update.py`` checks against a clean build after random edits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from site_builder.search.analyze import TextTerms, doc_text_terms
from site_builder.search.build import build_search_index, doc_path, part_of
from site_builder.search.encode import varint
from site_builder.search.english import chosen, term_meanings
from site_builder.search.entries import (
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
from site_builder.search.kept import IndexMemory, IndexState, Shard, ShardInfo, TermState
from site_builder.search.model import IndexStats, SearchDoc
from site_builder.search.parts import DocPart, doc_digest
from site_builder.search.postings import varints
from site_builder.search.text import fnv1a

MAX_CHANGED = 0.1
"""Above this share of changed articles a full build is cheaper than taking parts out."""


class _Missing(Exception):
    """A kept entry is gone: the edit build cannot go on."""


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
    """The kept shards, loaded when first needed."""

    state: IndexState
    memory: IndexMemory
    loaded: dict[int, Shard] = field(default_factory=dict)
    changed: set[int] = field(default_factory=set)

    def number(self, term: str) -> int:
        return fnv1a(term) % len(self.state.shards)

    def shard(self, term: str) -> Shard:
        number = self.number(term)
        found = self.loaded.get(number)
        if found is None:
            found = self.memory.shard(self.state.shards[number].key)
            if found is None:
                raise _Missing(number)
            self.loaded[number] = found
        return found

    def term(self, term: str) -> TermState | None:
        return self.shard(term).get(term)

    def peek(self, term: str) -> Postings:
        found = self.term(term)
        return _postings(found.postings) if found is not None else ([], [])


def _apply(shards: _Shards, doc_id: int, old: DocPart, new: DocPart) -> None:
    """Take document ``doc_id``'s ``old`` part out of the kept shards, put ``new`` in."""
    for term in old.weights.keys() | new.weights.keys():
        shards.changed.add(shards.number(term))
        found = shards.term(term)
        if found is None:
            found = shards.shard(term)[term] = TermState(b"", {}, [], b"", b"")
        postings = _decode(found.postings)
        weight = new.weights.get(term)
        if weight is None:
            del postings[doc_id]
        else:
            postings[doc_id] = int(2 * weight)
        found.postings = _encode(postings)
        _count(found.forms, old.forms.get(term, ()), -1)
        _count(found.forms, new.forms.get(term, ()), 1)
        if term in new.places:
            found.places = new.places[term]


def _count(forms: dict[str, int], some: Iterable[str], sign: int) -> None:
    for form in some:
        forms[form] = forms.get(form, 0) + sign
        if not forms[form]:
            del forms[form]


def _english(state: IndexState, shards: _Shards, touched: set[str]) -> set[str]:
    """Bring the English candidates and word dfs up to date for the ``touched`` terms;
    the English keys whose entries may change."""
    keys = {term[2:] for term in touched if term.startswith("w:")}
    siblings = shards.memory.siblings()
    for term in touched:
        if ":" in term:
            continue
        senses = term_meanings(term, siblings)
        if not senses:
            continue
        keys.update(key for key, _ in senses)
        df = len(shards.peek(term)[0])
        was = state.words.pop(term, 0)
        if df:
            state.words[term] = df
        if bool(was) == bool(df):
            continue
        for key, rank in senses:
            found = state.english.setdefault(key, [])
            if df:
                found.append((rank, term))
            else:
                found.remove((rank, term))
                if not found:
                    del state.english[key]
    return keys


def _encode_term(term: str, state: IndexState, shards: _Shards, scoring: Scoring) -> Entry | None:
    found = shards.term(term)
    own = _postings(found.postings) if found is not None else ([], [])
    some = state.english.get(term[2:]) if term.startswith("w:") else None
    expansion = chosen(term[2:], some, state.words.__getitem__) if some else None
    if expansion is not None and not expansion.words:
        expansion = None  # as the full build, which leaves such a key out
    if not own[0] and expansion is None:
        return None
    shown: list[str] = []
    if found is not None:
        shown = found.places or shown_forms(term, found.forms)
    peek = (expansion, shards.peek) if expansion is not None else None
    return term_entry(term, own, shown, scoring, peek)


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


def _update(
    state: IndexState,
    docs: Iterable[SearchDoc],
    write: Callable[[str, bytes], None],
    claim: Callable[[list[str]], None],
    memory: IndexMemory,
    terms: Callable[[SearchDoc], TextTerms],
) -> IndexStats | None:
    """The edit build, or None when a full build is needed. Nothing is written or claimed
    before it is sure to finish."""
    changed, same = _changes(state, docs)
    if not same or len(changed) > MAX_CHANGED * len(state.docs):
        return None
    before = Scoring.of(state.lengths)
    shards = _Shards(state, memory)
    touched: set[str] = set()
    news: list[tuple[int, DocPart]] = []
    for doc_id, doc, digest in changed:
        old = memory.part(state.docs[doc_id][1])
        if old is None:
            return None
        new = part_of(doc, digest, terms, memory)
        _apply(shards, doc_id, old, new)
        touched |= old.weights.keys() | new.weights.keys()
        state.facets.add(old.facets, -1)
        state.facets.add(new.facets)
        state.docs[doc_id] = (doc.key, digest)
        state.lengths[doc_id], state.dates[doc_id] = new.length, new.date
        news.append((doc_id, new))
    scoring = Scoring.of(state.lengths)
    if scoring.average != before.average:
        return None
    for key in _english(state, shards, touched):
        touched.add("w:" + key)
    entries: dict[str, Entry | None] = {}
    for term in touched:
        entries[term] = _encode_term(term, state, shards, scoring)
    sizes = [info.size for info in state.shards]
    for term, entry in entries.items():
        number = shards.number(term)
        found = shards.term(term)
        sizes[number] += (len(entry.encoded) if entry else 0) - (len(found.entry) if found else 0)
        was = bool(found and found.entry)
        _syllables(state, term, was, entry is not None)
        state.terms += (entry is not None) - was
        if entry is None:
            if shards.shard(term).pop(term, None) is not None:
                shards.changed.add(number)
            continue
        if found is None:
            found = shards.shard(term)[term] = TermState(b"", {}, [], b"", b"")
        found.entry, found.block = entry.encoded, entry.block or b""
        shards.changed.add(number)
    if shard_count(sum(sizes)) != len(state.shards):
        return None
    return _write(state, shards, sizes, news, write, claim, memory)


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
    news: list[tuple[int, DocPart]],
    write: Callable[[str, bytes], None],
    claim: Callable[[list[str]], None],
    memory: IndexMemory,
) -> IndexStats:
    written: list[int] = []

    def counted(path: str, data: bytes) -> None:
        write(path, data)
        written.append(len(data))

    rewritten = {doc_id for doc_id, _ in news}
    for doc_id, part in news:
        counted(doc_path(doc_id), part.record)
    claim([doc_path(d) for d in range(len(state.docs)) if d not in rewritten])
    for number, info in enumerate(state.shards):
        if number not in shards.changed:
            claim([f"s/{number}.bin", *info.blocks])
            continue
        shard = shards.loaded[number]
        members = [
            Entry(t, shard[t].entry, shard[t].block or None)
            for t in sorted(shard)
            if shard[t].entry
        ]
        write_shard(counted, number, members)
        key = memory.add_shard(shard)
        state.shards[number] = ShardInfo(key, sizes[number], external_files(number, members))
    facets = state.facets.value()
    write_side_files(counted, state.dates, facets, len(state.shards), state.syllables)
    memory.keep(state)
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
) -> IndexStats:
    """The index of ``docs()`` (called once, or twice when the edit build gives way to a
    full one) written through ``write``; files kept as they are named to ``claim``;
    ``workers`` encode the terms of a full one (``build_search_index``)."""
    text_of = terms or doc_text_terms
    state = memory.state()
    if state is not None:
        try:
            done = _update(state, docs(), write, claim, memory, text_of)
        except _Missing:
            done = None
        if done is not None:
            return done
        memory.shards.clear()
    return build_search_index(docs(), write, terms=text_of, memory=memory, workers=workers)
