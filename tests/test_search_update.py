"""An edit build of the search index (``search.update``) gives a clean build's bytes, and
rewrites only the shards its edit touches."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.cache.memo import Memo
from site_builder.cache.store import Cache
from site_builder.search import entries
from site_builder.search.build import build_search_index, index_order
from site_builder.search.english import vocabulary
from site_builder.search.entries import Scoring
from site_builder.search.kept import STEP, VOCABULARY, IndexMemory, shard_of
from site_builder.search.model import SearchDoc, SearchPlace, Sourced
from site_builder.search.parts import doc_digest
from site_builder.search.text import fnv1a
from site_builder.search.update import update_search_index
from tests.search_support import built_site

EDITS = ("body", "swap", "grow", "title", "tags", "place", "date", "add", "delete", "same")
Edit = tuple[str, int]


def _docs() -> list[SearchDoc]:
    return sorted(built_site().docs, key=lambda d: index_order(d.date, d.key))


def _edited(docs: list[SearchDoc], edit: Edit) -> list[SearchDoc]:
    kind, n = edit
    at = n % len(docs)
    doc = docs[at]
    out = list(docs)
    if kind == "body":
        out[at] = dataclasses.replace(doc, body=doc.body + f"\n补记第{n}次：拉萨 Lhasa 志愿者。")
    elif kind == "swap":  # same length: BM25's average length stays, the edit build runs
        out[at] = dataclasses.replace(doc, body=doc.body[:-2] + "拉萨")
    elif kind == "grow":  # one character more: the average mostly stays, the length moves
        out[at] = dataclasses.replace(doc, body=doc.body[:-2] + "拉萨市")
    elif kind == "title":
        out[at] = dataclasses.replace(doc, title=f"新的标题{n}")
    elif kind == "tags":
        out[at] = dataclasses.replace(doc, tags=[f"标签{n % 3}"])
    elif kind == "place":
        place = SearchPlace(f"54{n % 5:04d}", f"地方{n % 5}", f"Place {n % 5}", "dìfāng")
        out[at] = dataclasses.replace(doc, places=[place])
    elif kind == "date":
        out[at] = dataclasses.replace(doc, date=f"2025-03-{n % 28 + 1:02d}")
    elif kind == "add":
        out.append(dataclasses.replace(doc, key=f"{doc.key}-copy{n}"))
    elif kind == "delete" and len(out) > 2:
        del out[at]
    return sorted(out, key=lambda d: index_order(d.date, d.key))


class _Site:
    """An output folder as the site's ``SiteFolder`` keeps it: files written or claimed
    survive the build, the others go."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.written: list[str] = []

    def build(
        self,
        docs: list[SearchDoc],
        memory: IndexMemory,
        sourced: Sourced | None = None,
        whole: bool = True,
    ) -> None:
        """``whole``: whether the build may make every document (``docs()``)."""
        before, self.files, self.written = self.files, {}, []

        def write(path: str, data: bytes) -> None:
            assert path not in self.files, path
            self.files[path] = data
            self.written.append(path)

        def claim(paths: list[str]) -> None:
            for path in paths:
                assert path not in self.files, path
                self.files[path] = before[path]

        def everything() -> Iterator[SearchDoc]:
            assert whole, "every document made"
            return iter(docs)

        update_search_index(everything, write, claim, memory, sourced=sourced)


def _clean(docs: list[SearchDoc]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    build_search_index(docs, files.__setitem__)
    return files


def _kept(memo: Memo) -> tuple[object, ...]:
    """What ``memo`` keeps of an index, decoded: the state's fields (as values, whatever
    order a dict was filled in) and every shard's terms."""
    memory = IndexMemory(Memo(memo.cache, dict(memo.kept)))
    state = memory.state()
    assert state is not None
    shards = memory.shard_data(info.key for info in state.shards)
    terms = [shard_of(shards[info.key]) for info in state.shards]
    fields = (state.docs, state.lengths, state.dates, state.words, state.terms, state.chars)
    sizes = [(info.size, info.blocks) for info in state.shards]
    return fields, state.facets.to_json(), state.syllables, sizes, terms


def _clean_kept(docs: list[SearchDoc], folder: Path) -> tuple[object, ...]:
    with Cache(folder) as cache:
        memo = Memo(cache, {})
        build_search_index(docs, lambda path, data: None, memory=IndexMemory(memo))
        return _kept(memo)


def _run(edits: list[Edit], folder: Path) -> list[_Site]:
    """Build, then build again after each edit, handing each build's state to the next as
    a committed build does; the site after each build. Every other document of the site:
    half the terms, still 128 shards, and each step builds the index three times (edit,
    clean, clean state), so the property tests stay within CI's budget."""
    docs = _docs()[::2]
    site = _Site()
    seen = []
    with Cache(folder) as cache:
        trusted: dict[str, str] = {}
        for edit in [("same", 0), *edits]:
            docs = _edited(docs, edit)
            memo = Memo(cache, trusted)
            site.build(docs, IndexMemory(memo))
            trusted = dict(memo.kept)
            assert site.files == _clean(docs), edit
            assert _kept(memo) == _clean_kept(docs, folder / f"clean{len(seen)}"), edit
            seen.append(site)
    return seen


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 60)), min_size=1, max_size=4))
def test_an_edit_build_writes_the_clean_build_bytes(edits: list[Edit]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _run(edits, Path(folder))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 60)), min_size=1, max_size=3))
def test_block_files_claimed_or_written_give_the_clean_build_bytes(edits: list[Edit]) -> None:
    # Most terms' postings in files of their own: a rewritten shard claims the block files
    # whose place and bytes did not change and writes the others.
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder:
        patch.setattr(entries, "EXTERNAL_BYTES", 4)
        _run(edits, Path(folder))


def test_a_rewritten_shard_writes_only_its_changed_block_files(tmp_path: Path) -> None:
    docs = _docs()
    site = _Site()
    with pytest.MonkeyPatch.context() as patch, Cache(tmp_path) as cache:
        patch.setattr(entries, "EXTERNAL_BYTES", 4)
        memo = Memo(cache, {})
        site.build(docs, IndexMemory(memo))
        memo = Memo(cache, dict(memo.kept))
        edited = _edited(docs, ("grow", 7))
        site.build(edited, IndexMemory(memo))
        assert site.files == _clean(edited)
    shards = {p[2:].removesuffix(".bin") for p in site.written if p.startswith("s/")}
    blocks = [p for p in site.files if p.startswith("t/") and p[2:].split("-")[0] in shards]
    written = [p for p in site.written if p.startswith("t/")]
    assert written and len(written) < len(blocks)


def test_a_body_edit_rewrites_only_some_shards(tmp_path: Path) -> None:
    docs = _docs()
    site = _Site()
    with Cache(tmp_path) as cache:
        memo = Memo(cache, {})
        site.build(docs, IndexMemory(memo))
        shards = [p for p in site.files if p.startswith("s/")]
        records = [p for p in site.files if p.startswith("d/")]
        memo = Memo(cache, dict(memo.kept))
        site.build(_edited(docs, ("swap", 7)), IndexMemory(memo))
    rewritten = [p for p in site.written if p.startswith("s/")]
    assert 0 < len(rewritten) < len(shards)
    assert [p for p in site.written if p.startswith("d/")] == [records[7]]
    assert STEP in memo.kept


def test_a_length_change_rewrites_only_the_shards_whose_entries_change(tmp_path: Path) -> None:
    """One character more changes the article's length, so the impact byte of its every
    term may change; only the shards of the terms whose byte did are written again."""
    docs = _docs()
    site = _Site()
    with Cache(tmp_path) as cache:
        memo = Memo(cache, {})
        site.build(docs, IndexMemory(memo))
        shards = [p for p in site.files if p.startswith("s/")]
        memo = Memo(cache, dict(memo.kept))
        edited = _edited(docs, ("grow", 7))
        site.build(edited, IndexMemory(memo))
    rewritten = [p for p in site.written if p.startswith("s/")]
    assert site.files == _clean(edited)
    assert len(site.written) < len(site.files)  # an edit build, not a full one
    assert 0 < len(rewritten) < len(shards)


def test_a_length_change_within_its_bucket_leaves_every_impact() -> None:
    """BM25 reads an article's length by bucket: one that grows by a sentence but stays in
    its bucket keeps its impact byte in every term whose frequency did not change (with
    exact lengths a paragraph appended changed it in a fifth of the article's terms, whose
    shards were all written again)."""
    lengths = [700.0, 812.0, *[600.0 + n for n in range(300)]]
    grown = [700.0, 820.0, *lengths[2:]]  # 1 % longer, the same bucket
    assert entries.bucketed(812.0) == entries.bucketed(820.0)
    before, after = entries.Scoring.of(lengths), entries.Scoring.of(grown)
    assert before.average == after.average
    tfs = [0.5 * n for n in range(1, 40)]
    for df in (1, 2, 3):
        assert [before.impact(df, 1, tf) for tf in tfs] == [after.impact(df, 1, tf) for tf in tfs]
    exact = entries.Scoring(after.count, after.average, list(after.norms))
    exact.norms[1] = entries.K1 * (1 - entries.B + entries.B * 820.0 / after.average)
    assert [before.impact(1, 1, tf) for tf in tfs] != [exact.impact(1, 1, tf) for tf in tfs]


def _sourced(docs: list[SearchDoc], asked: list[set[str]]) -> Sourced:
    """The documents known by their sources (here: their digest, which changes with any
    field); ``asked`` notes the keys of each call for documents."""

    def made(keys: Collection[str]) -> list[SearchDoc]:
        asked.append(set(keys))
        return [doc for doc in docs if doc.key in keys]

    return Sourced([(doc.key, doc_digest(doc)) for doc in docs], made)


@pytest.mark.parametrize("edit", [("swap", 7), ("grow", 3), ("tags", 11), ("same", 0)])
def test_documents_known_by_their_sources_are_made_only_when_these_change(
    tmp_path: Path, edit: Edit
) -> None:
    docs = _docs()
    site = _Site()
    asked: list[set[str]] = []
    with Cache(tmp_path) as cache:
        memo = Memo(cache, {})
        site.build(docs, IndexMemory(memo), _sourced(docs, asked))  # keeps the sources
        edited = _edited(docs, edit)
        memo = Memo(cache, dict(memo.kept))
        site.build(edited, IndexMemory(memo), _sourced(edited, asked), whole=False)
        assert site.files == _clean(edited)
        changed = {new.key for old, new in zip(docs, edited, strict=True) if old != new}
        assert asked == [changed]
        # A build without sources (the live preview's) keeps none: the next build with
        # sources makes every document again, not trusting the sources kept before it.
        memo = Memo(cache, dict(memo.kept))
        site.build(docs, IndexMemory(memo))
        memo = Memo(cache, dict(memo.kept))
        site.build(edited, IndexMemory(memo), _sourced(edited, asked))
        assert site.files == _clean(edited)


def test_an_edit_that_moves_the_average_length_makes_no_other_document(tmp_path: Path) -> None:
    """Every term is encoded again, from the parts kept and the one just made."""
    docs = _docs()
    site = _Site()
    asked: list[set[str]] = []
    edited = list(docs)
    edited[5] = dataclasses.replace(docs[5], body=docs[5].body + "拉萨市举办志愿服务活动。" * 200)
    with Cache(tmp_path) as cache:
        memo = Memo(cache, {})
        site.build(docs, IndexMemory(memo), _sourced(docs, asked))
        memo = Memo(cache, dict(memo.kept))
        before = IndexMemory(memo).state()
        site.build(edited, IndexMemory(memo), _sourced(edited, asked), whole=False)
        after = IndexMemory(Memo(cache, dict(memo.kept))).state()
    assert before is not None and after is not None
    assert Scoring.of(before.lengths).average != Scoring.of(after.lengths).average
    assert asked == [{docs[5].key}]
    assert site.files == _clean(edited)
    assert len(site.written) == len(site.files)  # a full build


def test_a_missing_kept_shard_makes_a_full_build(tmp_path: Path) -> None:
    docs = _docs()
    site = _Site()
    with Cache(tmp_path) as cache:
        memo = Memo(cache, {})
        site.build(docs, IndexMemory(memo))
        cache.keep_only("search-shard", [])
        memo = Memo(cache, dict(memo.kept))
        edited = _edited(docs, ("body", 3))
        site.build(edited, IndexMemory(memo))
    assert site.files == _clean(edited)
    assert len(site.written) == len(site.files)


def test_the_english_vocabulary_is_kept_whole(tmp_path: Path) -> None:
    with Cache(tmp_path) as cache:
        IndexMemory(Memo(cache, {})).vocabulary()
        kept = cache.get(VOCABULARY, VOCABULARY)
    assert kept is not None
    assert set(kept.decode().split("\n")) == vocabulary()
    assert "agriculture" in vocabulary()


def test_an_edit_within_its_bucket_reads_only_the_shards_it_encodes_again(
    tmp_path: Path,
) -> None:
    """The state holds nothing per term: an edit that leaves its article's length in its
    bucket reads the shards of the terms whose postings moved (and the English keys and
    words they reach), not the shards of its article's other terms, and claims the side
    files made of what did not change (``t2s.bin``, ``initials.bin``)."""
    docs = _docs()
    site = _Site()
    read: list[str] = []
    with Cache(tmp_path) as cache:
        memo = Memo(cache, {})
        site.build(docs, IndexMemory(memo))
        edited = _edited(docs, ("swap", 7))
        memory = IndexMemory(Memo(cache, dict(memo.kept)))
        state = memory.state()
        assert state is not None
        number = {info.key: n for n, info in enumerate(state.shards)}
        part = memory.part(state.docs[7][1])
        assert part is not None
        count = len(state.shards)
        article = {fnv1a(term) % count for term in part.weights}

        def shard_data(self: IndexMemory, keys: Iterable[str]) -> dict[str, bytes]:
            asked = list(keys)
            read.extend(asked)
            return cache.get_many("search-shard", asked)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(IndexMemory, "shard_data", shard_data)
            site.build(edited, memory)
    assert site.files == _clean(edited)
    assert len(site.written) < len(site.files)  # an edit build
    assert 0 < len(set(read)) < len(article) / 4
    rewritten = {int(p[2:].removesuffix(".bin")) for p in site.written if p.startswith("s/")}
    assert rewritten <= {number[key] for key in read}
    assert "initials.bin" not in site.written and "t2s.bin" not in site.written
    assert "meta.bin" in site.written


def test_initials_follow_a_character_that_comes_or_goes(tmp_path: Path) -> None:
    """``initials.bin`` is made again when a single character gains its first entry."""
    docs = _docs()
    site = _Site()
    with Cache(tmp_path) as cache:
        memo = Memo(cache, {})
        site.build(docs, IndexMemory(memo))
        text = "".join(doc.title + doc.body for doc in docs)
        new = next(c for c in "鼹鼷鼸鼹麤龘龖" if c not in text)
        edited = list(docs)
        edited[7] = dataclasses.replace(docs[7], body=docs[7].body[:-1] + new)
        site.build(edited, IndexMemory(Memo(cache, dict(memo.kept))))
    assert site.files == _clean(edited)
    assert "initials.bin" in site.written
