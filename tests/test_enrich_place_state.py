"""The place finder started from the state its last run left (``enrich.place_state``):
after an edit it reads only the edited texts when they give the archive-wide steps what
they gave before, and whatever the edits its hits and learned places are those of a
finder that reads every text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.enrich.place_state import KeptFinder
from site_builder.enrich.places import Doc, PlaceFinder, scan

ARCHIVE = [
    Doc("巴宜区鲁朗镇发展旅游。\n拐进扎西岗村,民居错落有致。", "p1"),
    Doc("定日县扎所乡开展义诊。\n当天,扎所乡达布村村民说。", "p1"),
    Doc("双流区举办招聘会。", "p2"),
    Doc("简阳市企业参加。", "p2"),
    Doc("拉萨市城关区八廓街道开展宣传。", "p3", "拉萨"),
    Doc("牧民在扎西岗村种植青稞。", "p3"),
    Doc("今年以来,全区加快发展。", "p4"),
]
ADDED = [
    "群众纷纷点赞。",  # no place: read against the kept state
    "补记:第1次测量时修改。",
    "成都市双流区也有举措。",  # a county of another page's province
    "扎西岗村村委会组织培训。",  # a learned name found again
    "在措美县哲古镇,牧民增收。",  # a new township
    "城关区的居民说。",  # a name several divisions share
]


def _keys(docs: list[Doc]) -> list[str]:
    return [repr((d.text, d.page, d.dateline)) for d in docs]


def _finder(docs: list[Doc], kept: KeptFinder | None, read: list[int]) -> PlaceFinder:
    def scans(i: int, doc: Doc, region: str) -> tuple:  # type: ignore[type-arg]
        read.append(i)
        return scan(doc, region)

    return PlaceFinder(docs, page_regions=True, scans=scans, kept=kept)


def _same(a: PlaceFinder, b: PlaceFinder, n: int) -> None:
    assert [a.hits(i) for i in range(n)] == [b.hits(i) for i in range(n)]
    assert a.learned == b.learned
    assert list(a.learned) == list(b.learned)
    assert [a.region_of(i) for i in range(n)] == [b.region_of(i) for i in range(n)]


def test_an_edit_without_places_reads_only_the_edited_text() -> None:
    docs = list(ARCHIVE)
    first = _finder(docs, KeptFinder(_keys(docs), None), [])
    assert first.state is not None and not first.updated
    edited = [*docs]
    edited[1] = Doc(docs[1].text + "\n群众纷纷点赞。", "p1")
    read: list[int] = []
    again = _finder(edited, KeptFinder(_keys(edited), first.state), read)
    assert again.updated
    assert set(read) == {1}
    _same(again, PlaceFinder(edited, page_regions=True), len(edited))
    assert again.state is not None and again.state.keys == _keys(edited)


def test_an_edit_that_names_a_new_place_reads_every_text() -> None:
    docs = list(ARCHIVE)
    first = _finder(docs, KeptFinder(_keys(docs), None), [])
    edited = [*docs]
    # 哲古镇 is learned here: a name every other text may write too.
    edited[6] = Doc(docs[6].text + "\n在措美县哲古镇,牧民增收。", "p4")
    read: list[int] = []
    again = _finder(edited, KeptFinder(_keys(edited), first.state), read)
    assert not again.updated
    assert set(read) == set(range(len(edited)))
    _same(again, PlaceFinder(edited, page_regions=True), len(edited))


def test_a_text_read_again_after_its_page_changed_region() -> None:
    # The edit turns page p3 to Sichuan's paper; the next gives up reading against the
    # kept state part way (a new township) and reads every text for the paper's region.
    docs = list(ARCHIVE)
    state = _finder(docs, KeptFinder(_keys(docs), None), []).state
    for added in ("成都市双流区也有举措。", "在措美县哲古镇,牧民增收。"):
        docs[4] = Doc(docs[4].text + "\n" + added, "p3", docs[4].dateline)
        kept = _finder(docs, KeptFinder(_keys(docs), state), [])
        _same(kept, PlaceFinder(docs, page_regions=True), len(docs))
        state = kept.state


def test_a_text_moved_to_another_page_reads_every_text() -> None:
    docs = list(ARCHIVE)
    first = _finder(docs, KeptFinder(_keys(docs), None), [])
    moved = [*docs]
    moved[3] = Doc(docs[3].text, "p1")
    again = _finder(moved, KeptFinder(_keys(moved), first.state), [])
    assert not again.updated
    _same(again, PlaceFinder(moved, page_regions=True), len(moved))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(ARCHIVE) - 1), st.integers(0, len(ADDED) - 1)),
        min_size=1,
        max_size=4,
    )
)
def test_kept_state_gives_what_reading_every_text_gives(edits: list[tuple[int, int]]) -> None:
    docs = list(ARCHIVE)
    state = _finder(docs, KeptFinder(_keys(docs), None), []).state
    for at, added in edits:
        docs[at] = Doc(docs[at].text + "\n" + ADDED[added], docs[at].page, docs[at].dateline)
        kept = _finder(docs, KeptFinder(_keys(docs), state), [])
        _same(kept, PlaceFinder(docs, page_regions=True), len(docs))
        state = kept.state
