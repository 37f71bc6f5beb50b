"""Growing lists are cut into pages whose boundaries stay put, linked newer/older with
rel=prev/next in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.build.tracking import Recorder, tracked
from site_builder.content.loader import load_content
from site_builder.render.output import SiteFolder
from site_builder.render.prepare import enrich, site_data
from site_builder.render.renderer import Renderer
from site_builder.render.taxonomy_view import place_page_view
from site_builder.site import paging
from site_builder.site.paging import LIST_PAGE, cut, page_key
from tests.site_fixture import FIXTURE_CONTENT, TEMPLATES, build_fixture
from tests.test_build_incremental import _check as check_edits

_KEYS = st.integers(0, 4 * LIST_PAGE + 3).map(lambda n: tuple(f"k{i}" for i in range(n)))


@given(_KEYS)
def test_pages_hold_the_list_once_newest_first(keys: tuple[str, ...]) -> None:
    pages = cut(keys)
    assert pages[0] + tuple(k for page in reversed(pages[1:]) for k in page) == keys
    assert all(len(page) == LIST_PAGE for page in pages[1:])
    if len(keys) >= LIST_PAGE:
        assert LIST_PAGE <= len(pages[0]) < 2 * LIST_PAGE


@given(_KEYS)
def test_a_new_article_changes_page_0_and_at_most_adds_one_page(keys: tuple[str, ...]) -> None:
    before, after = cut(keys), cut(("new", *keys))
    assert len(after) - len(before) in (0, 1)
    assert after[1 : len(before)] == before[1:]  # every numbered page as it was


SMALL = 1
"""Page size the fixture site is built with, so that its short lists have pages."""


def _links(html: str) -> dict[str, str]:
    return dict(re.findall(r'<a rel="(prev|next)" href="([^"]+)"', html))


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("paged") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "LIST_PAGE", SMALL)
        build_fixture(output)
    return output


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("index", ["tags", "places", "authors", "topics"])
def test_list_pages_chain_newer_to_older(paged_site: Path, lang: str, index: str) -> None:
    root = paged_site / lang / index
    chains = 0
    for first in sorted(root.glob("*/index.html")):
        numbered = sorted(first.parent.glob("page/*/index.html"))
        if not numbered:
            assert _links(first.read_text(encoding="utf-8")) == {}
            continue
        chains += 1
        walked, page, newer = [first], first, None
        while (older := _links(page.read_text(encoding="utf-8")).get("next")) is not None:
            target = (page.parent / older / "index.html").resolve()
            assert _links(target.read_text(encoding="utf-8"))["prev"]  # links back newer
            back = (target.parent / _links(target.read_text(encoding="utf-8"))["prev"]).resolve()
            assert back == page.parent.resolve()
            walked.append(target)
            newer, page = page, target
        assert newer is not None
        assert sorted(walked[1:]) == sorted(p.resolve() for p in numbered)
        shown = [_articles(p) for p in walked]
        assert SMALL <= len(shown[0]) < 2 * SMALL
        assert all(len(page) == SMALL for page in shown[1:])
        every = [article for page in shown for article in page]
        assert len(every) == len(set(every))  # each article on one page only
    assert chains


def _articles(page: Path) -> list[Path]:
    # A list item's title link: the first link of the line after its <li>.
    hrefs = re.findall(r'<li>\n[^\n]*?<a href="([^"]+)"', page.read_text(encoding="utf-8"))
    return [(page.parent / href).resolve() for href in hrefs]


def test_a_numbered_page_reads_its_own_page_of_the_list_not_the_whole_list() -> None:
    articles, errors = load_content(FIXTURE_CONTENT)
    assert not errors
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "LIST_PAGE", SMALL)
        site = site_data(articles, enrich(articles), None)
    own = site.library.place_own
    place = max(own, key=lambda code: len(own[code]))
    # A place page lists its own articles (not its sub-places'): two here, so page 1 exists.
    assert site.library.list_counts[page_key("places", place, 0)] >= 1
    recorder = Recorder()
    here = Renderer(site, TEMPLATES, SiteFolder(Path("unused"))).here("zh", "places/x/page/1/")
    with recorder.job() as reads:
        place_page_view(tracked(site, recorder), here, place, number=1)
    assert ("places", place) not in reads  # the whole list: every page would depend on it
    assert ("list_pages", page_key("places", place, 1)) in reads


@pytest.mark.parametrize("kind", ["add", "delete", "tags", "date", "title"])
def test_edits_to_paged_lists_through_the_cli_give_the_clean_build(
    kind: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "LIST_PAGE", SMALL)  # every list of two or more is paged
    check_edits([(kind, 3), (kind, 4)], capsys)
