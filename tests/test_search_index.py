"""The index over the corpus: the committed query set, any-substring recall, paging, output."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from search_support import QueryCase, built_site, doc_text, query_cases, relevant

from site_builder.search.analyze import TextTerms, doc_text_terms
from site_builder.search.build import build_search_index, index_order
from site_builder.search.model import SearchDoc
from site_builder.search.page import PACKED_SCRIPT
from site_builder.search.postings import Postings, decoded
from site_builder.search.query import CLOSEST, PAGE_SIZE, Engine, Filters, Term, _partial_matches
from site_builder.search.text import LatinClause, fold, tokens

CASES = query_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_query_set(case: QueryCase) -> None:
    site = built_site()
    found = site.engine().search_all(case.q, case.filters, case.by_date)
    wanted = relevant(case, site.docs)
    assert wanted <= set(found), f"missed {sorted(wanted - set(found))}"
    assert len(found) == len(set(found))
    if case.exact:
        assert set(found) == wanted
    assert not set(case.absent) & set(found)
    if case.first is not None:
        assert found[:1] == [case.first]
    if case.by_date:
        dates = {d.key: d.date or "" for d in site.docs}
        assert [dates[k] for k in found] == sorted((dates[k] for k in found), reverse=True)


def test_query_set_covers_every_kind_of_query() -> None:
    groups = {case.group for case in CASES}
    assert len(CASES) >= 40
    kinds = {"han", "latin", "pinyin", "initials", "english", "meaning", "traditional", "filter"}
    assert groups == kinds


def test_query_set_precision() -> None:
    """Han queries are exact by construction; pinyin, initials and English names may bring
    homophones or places by name only. Measured over the whole set, reported in the notes."""
    site = built_site()
    returned = hits = 0
    for case in CASES:
        found = set(site.engine().search_all(case.q, case.filters, case.by_date))
        returned += len(found)
        hits += len(found & relevant(case, site.docs))
    assert returned > 0
    assert hits / returned >= 0.9


def _han_substrings(doc: SearchDoc) -> list[str]:
    return [t.text for t in tokens(fold(doc_text(doc))) if t.han and len(t.text) >= 2]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_han_substring_finds_every_article_holding_it(data: st.DataObject) -> None:
    site = built_site()
    doc = data.draw(st.sampled_from(site.docs))
    runs = _han_substrings(doc)
    run = data.draw(st.sampled_from(runs))
    start = data.draw(st.integers(0, len(run) - 1))
    piece = run[start : start + data.draw(st.integers(1, 12))]
    found = site.engine().search_all(piece)
    holders = {d.key for d in site.docs if piece in fold(doc_text(d))}
    assert doc.key in found
    assert set(found) == holders


def test_pages_add_up_to_the_whole_result_list() -> None:
    site = built_site()
    engine = site.engine()
    everything = engine.search_all("Tibet")
    assert len(everything) > PAGE_SIZE
    first = engine.search("Tibet")
    second = engine.search("Tibet", page=1)
    shown = [r["k"] for r in first.records + second.records]
    assert shown == everything
    assert first.total == second.total == len(everything) and first.exact


def test_a_cold_query_fetches_only_what_it_needs() -> None:
    site = built_site()
    engine = site.engine()
    outcome = engine.search("贡桑")
    shards = [p for p in outcome.fetched if p.startswith("s/")]
    records = [p for p in outcome.fetched if p.startswith("d/")]
    assert engine.fetched[0] == "meta.bin"
    assert len(shards) == 1
    assert len(records) == len(outcome.records) == outcome.total
    assert not any(p in ("facets.bin", "dates.bin") for p in engine.fetched)


def test_nothing_typed_and_no_filter_means_no_results() -> None:
    engine = built_site().engine()
    outcome = engine.search("  ，。")
    assert outcome.records == [] and outcome.total == 0
    assert engine.fetched == ["meta.bin"]


def test_filters_alone_list_newest_first() -> None:
    site = built_site()
    found = site.engine().search_all("", Filters(loc="54"))
    dates = {d.key: d.date or "" for d in site.docs}
    dated = [dates[k] for k in found if dates[k]]
    assert dated == sorted(dated, reverse=True)
    assert [k for k in found if not dates[k]] == found[len(dated) :]


def _doc(n: int, body: str, title: str = "") -> SearchDoc:
    return SearchDoc(
        key=f"p/{n:02d}",
        url=f"a/p/{n:02d}/",
        title=title or f"第{n}条",
        title_pinyin="",
        kicker=None,
        subtitle=None,
        kind="news",
        date=f"2024-01-{n + 1:02d}",
        paper=None,
        page=None,
        page_name=None,
        body=body,
    )


def _index(docs: list[SearchDoc]) -> dict[str, bytes]:
    """The index of ``docs`` (given in any order) as written: relative path -> bytes."""
    files: dict[str, bytes] = {}
    build_search_index(sorted(docs, key=lambda d: index_order(d.date, d.key)), files.__setitem__)
    return files


def _ranked(docs: list[SearchDoc], query: str) -> list[str]:
    return Engine(_index(docs).__getitem__).search_all(query)


def test_a_title_hit_outranks_a_body_hit() -> None:
    docs = [_doc(0, "今年的牧场转场工作顺利完成。", "牧区新闻"), _doc(1, "牧区新闻。", "转场")]
    assert _ranked(docs, "转场") == ["p/01", "p/00"]


def test_a_latin_word_outranks_a_pinyin_reading() -> None:
    docs = [_doc(0, "游客来到拉萨参观。"), _doc(1, "游客参观 Lasa 展览。")]
    assert _ranked(docs, "lasa") == ["p/01", "p/00"]


def _near_misses(misses: int, hits: int) -> list[SearchDoc]:
    """Articles holding every trigram of 社区居民 but never the phrase, and some with it."""
    near = [_doc(n, "社区居住条件好。辖区居民很满意。") for n in range(misses)]
    return near + [_doc(misses + n, "社区居民很满意。") for n in range(hits)]


def test_unchecked_candidates_make_the_total_an_upper_bound() -> None:
    engine = Engine(_index(_near_misses(20, PAGE_SIZE + 2)).__getitem__)
    first = engine.search("社区居民")
    assert len(first.records) == PAGE_SIZE and not first.exact
    assert first.total == PAGE_SIZE + 2 + 20
    second = engine.search("社区居民", page=1)
    assert len(second.records) == 2 and second.exact and second.total == PAGE_SIZE + 2
    everything = engine.search_all("社区居民")
    assert everything == [r["k"] for r in first.records + second.records]
    assert all(int(key[2:]) >= 20 for key in everything)


def test_a_short_page_checks_every_candidate() -> None:
    outcome = Engine(_index(_near_misses(30, 3)).__getitem__).search("社区居民")
    assert [r["k"] for r in outcome.records] == ["p/32", "p/31", "p/30"]
    assert outcome.total == 3 and outcome.exact


def _in_order(docs: list[SearchDoc]) -> list[SearchDoc]:
    return sorted(docs, key=lambda d: index_order(d.date, d.key))


def test_same_documents_give_byte_identical_indexes() -> None:
    docs = list(built_site().docs)
    first: dict[str, bytes] = {}
    second: dict[str, bytes] = {}
    first_stats = build_search_index(_in_order(docs), first.__setitem__)
    second_stats = build_search_index(_in_order(docs[::-1]), second.__setitem__)
    assert first == second
    assert first_stats == second_stats
    assert first_stats.files == len(first)
    assert first_stats.bytes == sum(len(data) for data in first.values())


def test_terms_encoded_in_workers_give_the_same_index(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _in_order(list(built_site().docs))
    alone: dict[str, bytes] = {}
    forked: dict[str, bytes] = {}
    build_search_index(docs, alone.__setitem__)
    # Small chunks, so that both workers encode several, out of order with each other.
    monkeypatch.setattr("site_builder.search.build.ENCODE_CHUNK", 97)
    build_search_index(docs, forked.__setitem__, workers=2)
    assert forked == alone
    assert len(alone) > 10


def test_postings_and_entries_spilled_to_disk_give_the_same_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = _in_order(list(built_site().docs))
    held: dict[str, bytes] = {}
    spilled: dict[str, bytes] = {}
    build_search_index(docs, held.__setitem__)
    # A spill every few documents, and every entry on disk.
    monkeypatch.setattr("site_builder.search.build.POSTINGS_SPILL", 3000)
    monkeypatch.setattr("site_builder.search.build.ENTRIES_SPILL", 1)
    spills: list[int] = []
    spill = Postings.spill

    def counted(self: Postings) -> None:
        spills.append(len(self.runs))
        spill(self)

    monkeypatch.setattr(Postings, "spill", counted)
    build_search_index(docs, spilled.__setitem__)
    assert len(spills) > 3
    assert spilled == held
    assert len(held) > 10


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_site_build_writes_exactly_the_index_the_write_callable_gets() -> None:
    site = built_site()
    written: list[str] = []
    files: dict[str, bytes] = {}

    def write(path: str, data: bytes) -> None:
        written.append(path)
        files[path] = data

    stats = build_search_index(_in_order(list(site.docs)), write)
    tree = _tree(site.index)
    assert tree.pop(PACKED_SCRIPT)  # the search page's script, written beside the index
    assert files == tree
    assert len(written) == len(files) == stats.files  # each file handed over once


def test_cached_text_terms_give_the_same_index() -> None:
    docs = _in_order(list(built_site().docs))
    cache = {doc.key: doc_text_terms(doc).to_bytes() for doc in docs}
    computed: dict[str, bytes] = {}
    cached: dict[str, bytes] = {}
    asked: list[str] = []

    def from_cache(doc: SearchDoc) -> TextTerms:
        asked.append(doc.key)
        return TextTerms.from_bytes(cache[doc.key])

    build_search_index(docs, computed.__setitem__)
    build_search_index(docs, cached.__setitem__, terms=from_cache)
    assert asked == [doc.key for doc in docs]
    assert cached == computed


def test_documents_out_of_index_order_are_refused() -> None:
    docs = [_doc(0, "牧区新闻。"), _doc(1, "转场。")]
    with pytest.raises(ValueError, match="p/00"):
        build_search_index(docs[::-1], {}.__setitem__)


_TERMS = st.sampled_from(["转", "转场", "w:lasa", "p:zhuan chang", "i:zc", "t:牧区"])
_HALVES = st.one_of(st.integers(0, 300), st.integers(0, 2**50)).map(lambda n: n / 2)
_DOCS = st.lists(
    st.tuples(
        st.integers(1, 2**20),  # gap to the previous document id
        st.dictionaries(_TERMS, _HALVES, max_size=6),
        st.sets(st.sampled_from(["k:news", "g:3", "n:日报"]), max_size=3),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(_DOCS, st.sampled_from([1, 9, 40, 2**30]))
def test_postings_give_back_every_id_and_frequency_exactly(
    docs: list[tuple[int, dict[str, float], set[str]]], spill_bytes: int
) -> None:
    """Whether lists are spilled to disk every few bytes or never, a term's list is the
    same bytes and decodes to exactly what was added."""
    postings = Postings(spill_bytes=spill_bytes)
    wanted: dict[str, tuple[list[int], list[float]]] = {}
    doc_id = -1
    for gap, weights, facets in docs:
        doc_id += gap
        postings.add(doc_id, weights, facets)
        for term, tf in [*weights.items(), *((facet, 0.0) for facet in facets)]:
            ids, tfs = wanted.setdefault(term, ([], []))
            ids.append(doc_id)
            tfs.append(tf)
    assert sorted(postings.slots) == sorted(wanted)
    for term, expected in wanted.items():
        assert decoded(postings.take(term)) == expected
        assert postings.df(term) == len(expected[0])
    assert postings.take("没有") == b""
    postings.close()


@pytest.mark.parametrize("tf", [0.3, -0.5, float("nan"), float("inf")])
def test_postings_refuse_a_frequency_that_is_not_a_multiple_of_a_half(tf: float) -> None:
    with pytest.raises(ValueError, match="转场"):
        Postings().add(0, {"转场": tf}, [])


def test_postings_refuse_doc_ids_out_of_order() -> None:
    postings = Postings()
    postings.add(3, {"转场": 1.0}, [])
    with pytest.raises(ValueError, match="doc id 3 added after 3"):
        postings.add(3, {"牧区": 1.0}, [])


def _held(engine: Engine, words: list[str]) -> dict[str, int]:
    """Article key -> how many of ``words`` find it alone."""
    each = [set(engine.search_all(w)) for w in words]
    return {key: sum(key in s for s in each) for key in set().union(*each)}


def test_three_english_words_need_all_when_an_article_holds_all() -> None:
    engine = built_site().engine()
    words = ["volunteer", "Lhasa", "herdsmen"]
    held = _held(engine, words)
    assert any(n == 2 for n in held.values()) and any(n == 3 for n in held.values())
    assert set(engine.search_all(" ".join(words))) == {k for k, n in held.items() if n == 3}


def test_three_english_words_need_all_but_one_when_no_article_holds_all() -> None:
    engine = built_site().engine()
    words = ["volunteer", "Lhasa", "yak"]
    held = _held(engine, words)
    assert 3 not in held.values()
    found = engine.search_all(" ".join(words))
    assert found and set(found) == {key for key, n in held.items() if n >= 2}


def test_four_english_words_keep_the_articles_that_hold_the_most_of_them() -> None:
    engine = built_site().engine()
    words = ["volunteer", "Lhasa", "yak", "heating"]
    held = _held(engine, words)
    assert max(held.values()) == 2 and 1 in held.values()
    assert set(engine.search_all(" ".join(words))) == {k for k, n in held.items() if n == 2}


def test_two_english_words_need_both() -> None:
    engine = built_site().engine()
    both = set(engine.search_all("volunteer")) & set(engine.search_all("Lhasa"))
    assert set(engine.search_all("volunteer Lhasa")) == both


def test_english_words_also_find_the_best_articles_holding_the_rarest_below() -> None:
    """One article holds both ``volunteer`` and ``school``; below it come articles holding
    the rarest word (``volunteer``, the first of two as rare) that score ``PARTIAL_SHARE``
    % of the best such score or more: some of them, not every one."""
    engine = built_site().engine()
    volunteer, school = set(engine.search_all("volunteer")), set(engine.search_all("school"))
    both = volunteer & school
    found = engine.search_all("volunteer school")
    assert len(volunteer) <= len(school) and both
    assert set(found[: len(both)]) == both
    assert set(found[len(both) :]) and set(found[len(both) :]) < volunteer - both


def test_a_known_phrase_counts_as_its_words_and_is_never_the_one_left_out() -> None:
    engine = built_site().engine()
    phrase, place = set(engine.search_all("Party building")), set(engine.search_all("Lhasa"))
    assert phrase - place and phrase & place
    assert set(engine.search_all("Party building Lhasa")) == phrase & place
    assert not phrase & set(engine.search_all("yak"))
    assert set(engine.search_all("Party building yak")) == phrase


def test_a_subject_of_two_words_joined_by_and_finds_on_its_own_below_the_rest() -> None:
    """``Party building and volunteer Lhasa`` names two subjects: the articles holding the
    most of the words come first, then those holding all of either subject."""
    engine = built_site().engine()
    whole = engine.search_all("Party building volunteer Lhasa")
    phrase = set(engine.search_all("Party building"))
    pair = set(engine.search_all("volunteer Lhasa"))
    found = engine.search_all("Party building and volunteer Lhasa")
    assert (phrase | pair) - set(whole)
    assert found[: len(whole)] == whole
    assert set(found) == set(whole) | phrase | pair


def test_a_subject_of_one_word_joined_by_and_adds_nothing() -> None:
    """A lone word (``yak``, ``Lhasa``) is too broad to stand for the query; nor does an
    ``and`` inside a phrase the index knows cut it."""
    engine = built_site().engine()
    assert engine.search_all("Party building and yak") == engine.search_all("Party building yak")
    assert engine.search_all("volunteer and Lhasa") == engine.search_all("volunteer Lhasa")


def test_an_english_query_no_article_matches_gives_the_closest_few() -> None:
    """No article holds ``volunteer`` and ``rapeseed`` (the index has no word for it), nor
    ``herdsmen`` and ``yak``: the results are the few best of those holding the most of the
    words, marked as such; a query some article matches is not marked."""
    engine = built_site().engine()
    assert engine.search_all("rapeseed") == []
    closest = engine.search("volunteer rapeseed")
    assert closest.closest and closest.total == CLOSEST < len(engine.search_all("volunteer"))
    assert engine.search_all("volunteer rapeseed") == engine.search_all("volunteer")[:CLOSEST]
    herdsmen, yak = set(engine.search_all("herdsmen")), set(engine.search_all("yak"))
    assert herdsmen and yak and not herdsmen & yak and len(herdsmen | yak) <= CLOSEST
    assert set(engine.search_all("herdsmen yak")) == herdsmen | yak
    assert not engine.search("volunteer Lhasa").closest
    assert engine.search("volunteer Lhasa").total


def test_a_pinyin_reading_that_finds_nothing_is_a_word_no_article_holds() -> None:
    """``lasa niu`` reads as la sa niu, which no article holds; beside English words it
    no longer empties the query: it is one word the others outnumber (loose) or the
    query's closest articles are shown."""
    engine = built_site().engine()
    assert engine.search_all("lasa niu") == []
    volunteer, herdsmen = engine.search_all("volunteer"), engine.search_all("herdsmen")
    assert engine.search("volunteer lasa niu").closest
    assert engine.search_all("volunteer lasa niu") == volunteer[:CLOSEST]
    both = set(volunteer) & set(herdsmen)
    assert both and set(engine.search_all("volunteer herdsmen lasa gou")) == both


def test_a_name_written_with_an_apostrophe_counts_as_a_word() -> None:
    """``la'sa`` is pinyin alone (no English word), as ``Xi'an`` is; it counts as one word
    of a loose query, so the query keeps the articles holding the most of its words."""
    engine = built_site().engine()
    words = ["la'sa", "volunteer", "yak"]
    held = _held(engine, words)
    assert 3 not in held.values() and 2 in held.values()
    assert set(engine.search_all(" ".join(words))) == {k for k, n in held.items() if n == 2}


def test_an_english_word_that_also_reads_as_long_pinyin_counts_as_a_word() -> None:
    """``silver`` reads as pinyin si lü er too; the index knows it as an English word (as
    it knows ``Shijiazhuang``), so a query of it and two more words is still loose."""
    engine = built_site().engine()
    words = ["silver", "Lhasa", "volunteer"]
    held = _held(engine, words)
    assert 3 not in held.values() and 2 in held.values()
    assert set(engine.search_all(" ".join(words))) == {k for k, n in held.items() if n == 2}


def test_an_irregular_english_form_finds_what_its_word_finds() -> None:
    """``children``, ``geese`` and ``built`` are not brought back to ``child``, ``goose``
    and ``build`` by the stem; the index lets them stand for what their words stand for
    (``irregular_en.tsv``), besides what glosses written in the form itself give."""
    docs = [_doc(0, "儿童在操场上玩耍。"), _doc(1, "村里建造了一座桥。"), _doc(2, "湖边有一群鹅。")]
    for form, word, key in (("children", "child", "p/00"), ("geese", "goose", "p/02")):
        assert key in _ranked(docs, word)
        assert set(_ranked(docs, form)) >= set(_ranked(docs, word))
    assert "p/01" in _ranked(docs, "build") and "p/01" in _ranked(docs, "built")


def test_a_joined_phrase_counts_as_its_words_in_partial_matches() -> None:
    """``sports competitions youth``: the index knows ``sports competitions`` (for one
    word, 体育比赛) and the articles on a youth league (联赛, 少年) hold its words apart.
    Partial matches count the phrase as its words, each finding its own ids and the
    phrase's: the article holding all three words apart is added, the one holding two of
    three and scoring below PARTIAL_SHARE % of the best is not, and nothing is fetched."""
    phrase, youth = LatinClause("sports competitions", (), None), LatinClause("youth", (), None)
    terms = {
        str(phrase.key): Term([1], [20], ()),
        "w:sport": Term([2, 3], [20, 10], ()),
        "w:competit": Term([2, 4], [20, 30], ()),
        str(youth.key): Term([1, 2, 3, 4, 5], [10, 10, 10, 10, 10], ()),
    }
    found = _partial_matches([phrase, youth], terms)
    assert set(found) == {1, 2}
    # Without its words' own postings the phrase stays one clause: only its article holds it.
    del terms["w:sport"]
    assert set(_partial_matches([phrase, youth], terms)) == {1}


def test_a_query_with_chinese_text_leaves_out_a_latin_word_no_article_holds() -> None:
    """``拉萨 rapeseed``: no article holds ``rapeseed`` (the index has no word for it), and
    a word that nothing holds can only empty the results of a query that is not English
    alone; it is left out, as ``200m`` or ``11 pm`` beside a pinyin name."""
    engine = built_site().engine()
    assert not engine.search_all("rapeseed")
    lhasa = engine.search_all("拉萨")
    assert lhasa and engine.search_all("拉萨 rapeseed") == lhasa
    both = engine.search_all("拉萨 volunteer")
    assert both and engine.search_all("拉萨 volunteer rapeseed") == both


def test_chinese_text_with_three_english_words_or_more_reads_the_words_loosely() -> None:
    """The Chinese text (or a pinyin name) must hold; of its articles, those holding the
    most of the English words come, as a query of English words alone reads them."""
    engine = built_site().engine()
    lhasa = set(engine.search_all("拉萨"))
    words = ["volunteer", "yak", "herdsmen"]
    held = {key: n for key, n in _held(engine, words).items() if key in lhasa}
    most = max(held.values())
    assert 0 < most < len(words)
    found = engine.search_all("拉萨 " + " ".join(words))
    assert set(found) == {key for key, n in held.items() if n == most}
