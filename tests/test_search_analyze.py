"""Analysis in two parts: cacheable text terms, and tags, places and facets added after."""

from __future__ import annotations

import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.search.analyze import (
    FIELD_WEIGHTS,
    TextTerms,
    analyze,
    doc_terms,
    extra_terms,
    text_terms,
)
from site_builder.search.model import SearchDoc, SearchPlace

# Han (common and rarer blocks), Latin with accents and digits, punctuation, and the
# characters the byte format uses as separators, which must never leak into a term.
_CHARS = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4E7F),
    st.sampled_from("拉萨城关区基层治理社区居民当巴贡桑西藏自治区寒假作业"),
    st.sampled_from("abcdeghilnuxyzLaSÁāüÜ0123456789"),
    st.sampled_from(" ，。、！？“”《》·-/\n\t\x1e\x00"),
    st.characters(),
)
TEXT = st.text(_CHARS, max_size=60)
OPTIONAL = st.none() | TEXT
NAMES = st.text(st.sampled_from("拉萨城关区当巴社区林周县"), min_size=1, max_size=5)
PLACES = st.builds(
    SearchPlace,
    code=st.text("0123456789", min_size=2, max_size=6),
    name=NAMES,
    name_en=st.none() | st.sampled_from(["Lhasa", "Chengguan District", "Lhünzhub County"]),
    pinyin=st.just(""),
)
DOCS = st.builds(
    SearchDoc,
    key=st.just("p/a"),
    url=st.just("a/p/a/"),
    title=TEXT,
    title_pinyin=st.just(""),
    kicker=OPTIONAL,
    subtitle=OPTIONAL,
    kind=st.sampled_from(["news", "photo"]),
    date=st.none() | st.just("2024-01-02"),
    paper=st.none() | st.just("拉萨日报"),
    page=st.none() | st.integers(1, 16),
    page_name=st.none(),
    body=TEXT,
    tags=st.lists(NAMES, max_size=3),
    places=st.lists(PLACES, max_size=2),
    ancestors=st.lists(PLACES, max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(TEXT, OPTIONAL, OPTIONAL, TEXT)
def test_text_terms_round_trip_through_bytes(
    title: str, kicker: str | None, subtitle: str | None, body: str
) -> None:
    terms = text_terms(title, kicker, subtitle, body)
    data = terms.to_bytes()
    assert TextTerms.from_bytes(data) == terms
    assert text_terms(title, kicker, subtitle, body).to_bytes() == data


@settings(max_examples=100, deadline=None)
@given(DOCS)
def test_analyze_is_cached_text_terms_plus_the_rest(doc: SearchDoc) -> None:
    stored = text_terms(doc.title, doc.kicker, doc.subtitle, doc.body).to_bytes()
    assert analyze(doc) == doc_terms(doc, TextTerms.from_bytes(stored))


@settings(max_examples=60, deadline=None)
@given(DOCS, NAMES)
def test_a_tag_counts_as_its_text_at_the_tag_weight(doc: SearchDoc, tag: str) -> None:
    """Tags are added outside the cached part: a new tag adds exactly its own terms."""
    doc.tags = [t for t in doc.tags if t != tag]
    before = analyze(doc)
    doc.tags.append(tag)
    after = analyze(doc)
    alone = text_terms("", None, None, tag)  # body weight 1: scale it to the tag weight
    weight = FIELD_WEIGHTS["tags"] / FIELD_WEIGHTS["body"]
    added = {t: after.weights[t] - before.weights.get(t, 0.0) for t in after.weights}
    expected = {t: w * weight for t, w in alone.weights.items()}
    assert {t: w for t, w in added.items() if w} == expected
    assert after.length - before.length == alone.length * weight
    assert after.facets - before.facets == {"t:" + tag}


def test_extra_terms_hold_tags_places_and_facets() -> None:
    doc = SearchDoc("p/a", "a/p/a/", "拉萨新闻", "", None, None, "news", None, None, None, None, "")
    plain = extra_terms(doc)
    doc.tags = ["基层治理"]
    doc.places = [SearchPlace("540102", "城关区", "Chengguan District", "")]
    extra = extra_terms(doc)
    assert "基层" in extra.weights and "w:chengguan" in extra.weights
    assert extra.forms["w:chengguan"] == {"城关区"}
    assert plain.weights == {} and plain.facets == {"k:news"}
    assert extra.facets == {"k:news", "t:基层治理", "l:540102"}


def test_a_designation_alone_is_no_term_of_a_place() -> None:
    doc = SearchDoc("p/a", "a/p/a/", "新闻", "", None, None, "news", None, None, None, None, "")
    doc.places = [SearchPlace("532528", "元阳县", "Yuanyang County", "")]
    doc.ancestors = [SearchPlace("540000", "西藏自治区", "Tibet Autonomous Region", "")]
    terms = extra_terms(doc).weights
    assert {"w:yuanyang", "w:yuanyang county", "w:tibet autonomous region"} <= terms.keys()
    assert not {"w:county", "w:autonomous", "w:region", "w:autonomous region"} & terms.keys()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not deflated",
        zlib.compress(b"search-text-terms\t999\t1.0\x1e\x1e"),
        zlib.compress(b"other-format\t1\t1.0\x1e\x1e"),
        zlib.compress(b"search-text-terms\t1\t1.0"),
        zlib.compress(b"search-text-terms\t1\tx\x1e\x1e"),
        zlib.compress(b"search-text-terms\t1\t1.0\x1eheavy\t\xe7\xa4\xbe\x1e"),
        zlib.compress(b"\xff\xfe"),
    ],
)
def test_bytes_that_are_not_text_terms_are_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        TextTerms.from_bytes(data)


def test_a_truncated_cache_entry_is_refused() -> None:
    data = text_terms("基层治理", None, None, "社区居民很满意。").to_bytes()
    with pytest.raises(ValueError):
        TextTerms.from_bytes(data[: len(data) // 2])
