"""The library: indices, neighbours, continued parts, unknown dates, read-only views."""

from __future__ import annotations

from dataclasses import replace

import pytest

from site_builder.content.article import Article, SourceRef
from site_builder.errors import UserError
from site_builder.site.library import build_library
from site_builder.site.numbers import chinese_number, page_number


def make(page_id: str, slug: str, **fields: object) -> Article:
    base = Article(
        page_id=page_id,
        slug=slug,
        title=f"标题{slug}",
        title_derived=False,
        title_pinyin="biāotí",
        kicker=None,
        subtitle=None,
        kind="news",
        dateline=None,
        authors=[],
        column=None,
        body="正文。",
        source=SourceRef(f"{page_id}.txt", [1]),
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def sample() -> list[Article]:
    day1 = {"paper": "报", "date": "2025-01-05"}
    return [
        make("p1", "a", order=1, page_number=1, continued_to="第二版", authors=["甲"], **day1),
        make("p1", "b", order=2, page_number=1, authors=["乙", "甲"], **day1),
        make("p2", "c", order=1, page_number=2, continued_from="第一版", title="标题a", **day1),
        make("p3", "d", order=1, page_number=1, paper="报", date="2025-02-01"),
        make("p0", "e", order=1),
    ]


def library():
    articles = sample()
    tags = {"p1/a": ["文化", "文化"], "p3/d": ["文化"], "p0/e": ["教育"]}
    places = {"p1/a": ["540102"], "p3/d": ["5422"], "p0/e": ["540102"]}
    parent = {"54": None, "5401": "54", "540102": "5401", "5422": "54"}
    return build_library(articles, tags, places, parent)


def test_listing_is_newest_issue_first_in_reading_order_with_undated_last() -> None:
    lib = library()
    assert lib.listing == ("p3/d", "p1/a", "p1/b", "p2/c", "p0/e")
    assert lib.chronological == ("p1/a", "p1/b", "p2/c", "p3/d")


def test_unknown_date_gets_no_date_neighbours_and_its_own_issue() -> None:
    lib = library()
    assert "p0/e" not in lib.by_date
    assert lib.pages["p0"].date is None
    assert lib.issues[-1].date is None
    assert lib.issues[-1].pages == ("p0",)
    assert lib.dates() == ["2025-01-05", "2025-02-01"]


def test_neighbours_on_page_and_by_date() -> None:
    lib = library()
    assert (lib.on_page["p1/a"].prev, lib.on_page["p1/a"].next) == (None, "p1/b")
    assert lib.on_page["p2/c"].prev is None and lib.on_page["p2/c"].next is None
    assert (lib.by_date["p2/c"].prev, lib.by_date["p2/c"].next) == ("p1/b", "p3/d")


def test_issue_groups_pages_of_one_day_by_number() -> None:
    lib = library()
    assert lib.issues[1].date == "2025-01-05"
    assert lib.issues[1].pages == ("p1", "p2")


def test_places_include_descendants_and_hierarchy() -> None:
    lib = library()
    assert lib.places["54"] == ("p3/d", "p1/a", "p0/e")
    assert lib.places["540102"] == ("p1/a", "p0/e")
    assert lib.place_roots == ("54",)
    assert lib.place_children["54"] == ("5401", "5422")


def test_tags_and_authors_are_deduplicated() -> None:
    lib = library()
    assert lib.tags["文化"] == ("p3/d", "p1/a")
    assert lib.article_tags["p1/a"] == ("文化",)
    assert lib.authors["甲"] == ("p1/a", "p1/b")


def test_a_tag_of_one_article_has_a_page_only_when_a_person_wrote_it() -> None:
    articles = sample()
    articles[1] = replace(articles[1], tags=["手写"])  # p1/b's front matter
    tags = {"p1/a": ["文化", "机选"], "p1/b": ["手写"], "p3/d": ["文化"]}
    lib = build_library(articles, tags, {}, {})
    assert set(lib.tags) == {"文化", "手写"}
    assert lib.article_tags["p1/a"] == ("文化",)
    assert lib.article_tags["p1/b"] == ("手写",)


def test_continued_parts_are_joined_both_ways() -> None:
    lib = library()
    assert lib.continued_to["p1/a"] == "p2/c"
    assert lib.continued_from["p2/c"] == "p1/a"


def test_continuation_is_not_joined_across_issues_or_on_one_side_only() -> None:
    articles = sample()
    articles[2] = replace(articles[2], date="2025-01-06")
    lib = build_library(articles, {}, {}, {})
    assert dict(lib.continued_to) == {}
    articles = sample()
    articles[2] = replace(articles[2], continued_from=None)
    assert dict(build_library(articles, {}, {}, {}).continued_to) == {}


def test_library_is_read_only() -> None:
    lib = library()
    with pytest.raises(TypeError):
        lib.tags["新"] = ("p1/a",)  # type: ignore[index]
    with pytest.raises(AttributeError):
        lib.listing = ()  # type: ignore[misc]


def test_duplicate_keys_are_a_user_error_naming_both_files() -> None:
    articles = sample()
    articles.append(replace(articles[0], path="content/p1/copy.md"))
    articles[0].path = "content/p1/a.md"
    with pytest.raises(UserError) as caught:
        build_library(articles, {}, {}, {})
    assert "content/p1/copy.md" in str(caught.value)
    assert "content/p1/a.md" in str(caught.value)


@pytest.mark.parametrize(
    ("marker", "number"),
    [
        ("第二版", 2),
        ("第2版", 2),
        ("2版", 2),
        ("A12", 12),
        ("第十一版", 11),
        ("第二十版", 20),
        ("下一版", None),
        ("头版", 1),
        ("", None),
    ],
)
def test_page_numbers_in_jump_markers(marker: str, number: int | None) -> None:
    assert page_number(marker) == number


def test_chinese_numbers() -> None:
    assert chinese_number("十") == 10
    assert chinese_number("一百零五") == 105
    assert chinese_number("版") is None
