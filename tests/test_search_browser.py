"""The search page in a real headless Chromium, served from a sub-path on 127.0.0.1.

Both interface languages; Chinese, pinyin and English-name queries; the result URLs must be
the Python engine's, the highlights must be the matched text, and a query or title holding
markup must stay text. Screenshots go to ``test-artifacts/search/``.
"""

from __future__ import annotations

import functools
import tempfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from chromium import chromium
from search_support import ROOT, BuiltSite, built_site
from selenium import webdriver
from selenium.webdriver.support.ui import WebDriverWait

from site_builder.search.initials import letters, spans
from site_builder.search.page import INDEX_DIR, PACKED_SCRIPT
from site_builder.search.query import Filters
from site_builder.search.t2s import simplified
from site_builder.search.text import fold

PREFIX = "/archive"
ARTIFACTS = ROOT / "test-artifacts" / "search"


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site under ``PREFIX`` only, as a host serving it from a sub-path would."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path(path[len(PREFIX) :])

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test output is about the page, not the requests."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    site = built_site()
    handler = functools.partial(_Handler, directory=str(site.output))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}/"
    httpd.shutdown()
    httpd.server_close()


def _driver(javascript: bool = True) -> webdriver.Chrome:
    profile = Path(tempfile.mkdtemp(prefix="search-chromium-"))
    flags = ("--disable-component-update", "--no-first-run")
    return chromium(profile, "1100,1400", *flags, javascript=javascript)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    driver = _driver()
    yield driver
    driver.quit()


def _open(driver: webdriver.Chrome, url: str, shot: str) -> dict[str, Any]:
    driver.get(url)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.getElementById('search').dataset.done")
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{shot}.png"))
    state: dict[str, Any] = driver.execute_script(
        """
        const items = Array.from(document.querySelectorAll('#search-results [data-result-url]'));
        return {
          urls: items.map(e => e.dataset.resultUrl),
          hrefs: items.map(e => e.querySelector('a.summary-title').href),
          marks: items.map(e => Array.from(e.querySelectorAll('mark')).map(m => m.textContent)),
          titles: items.map(e => e.querySelector('a.summary-title').textContent),
          status: document.getElementById('search-status').textContent,
          images: document.querySelectorAll('#search img').length,
          resources: performance.getEntriesByType('resource')
            .map(r => [new URL(r.name).pathname, r.encodedBodySize]),
        };
        """
    )
    return state


def _expected_urls(site: BuiltSite, q: str, filters: Filters | None = None) -> list[str]:
    return [str(r["u"]) for r in site.engine().search(q, filters).records]


def _search_url(base: str, lang: str, **params: str) -> str:
    page = "search.html" if lang == "zh" else "en/search.html"
    return base + page + "?" + urlencode(params, quote_via=quote)


@pytest.mark.parametrize(
    ("lang", "query", "highlight"),
    [
        ("zh", "基层治理", ["基层治理"]),
        ("en", "基层治理", ["基层治理"]),
        ("zh", "dangba shequ", ["当巴", "社区"]),
        ("en", "lasa", ["拉萨"]),
        # 城关区 "Chengguan district of Lhasa 拉萨[La1 sa4]": a sense naming a Chinese word
        # keeps its English, so the district's mention of Lhasa counts, as 哲蚌寺's does.
        ("en", "Lhasa", ["lhasa", "拉萨市", "拉萨", "哲蚌寺", "城关区"]),
        ("zh", "Chengguan", ["城关区", "城关"]),
        ("zh", "拉薩", ["拉萨"]),
        ("en", "志願服務", ["志愿服务"]),
        ("en", "volunteer", ["志愿者", "志愿"]),
        ("zh", "herdsmen", ["牧民", "农牧民"]),
    ],
)
def test_results_and_highlights(
    server: str, browser: webdriver.Chrome, lang: str, query: str, highlight: list[str]
) -> None:
    site = built_site()
    state = _open(browser, _search_url(server, lang, q=query), f"{lang}-{query}")
    assert state["urls"] == _expected_urls(site, query)
    assert state["urls"], "the query set's corpus has matches for every query here"
    wanted = sorted({fold(h) for h in highlight}, key=len, reverse=True)
    for marks in state["marks"]:
        assert marks, "every result shows what matched"
        for mark in marks:
            rest = simplified(fold(mark))  # a traditional article's 拉薩 matches 拉萨
            for piece in wanted:
                rest = rest.replace(piece, "")
            assert rest == "", f"{mark!r} is not made of {wanted}"
    for href in state["hrefs"]:
        local = href.split(PREFIX + "/", 1)[1]
        assert (site.output / local / "index.html").is_file(), href


@pytest.mark.parametrize(
    ("lang", "query", "line"),
    [
        ("en", "volunteer", "Searched for 志愿, 志愿者"),
        ("zh", "volunteer", "已检索：志愿、志愿者"),
        ("zh", "黨建", "已检索：党建"),
        ("en", "Party building", "Searched for 党建"),
    ],
)
def test_the_page_says_what_the_query_was_expanded_to(
    server: str, browser: webdriver.Chrome, lang: str, query: str, line: str
) -> None:
    _open(browser, _search_url(server, lang, q=query), f"{lang}-expanded-{query}")
    shown = browser.find_element("id", "search-expanded")
    assert shown.text == line
    assert shown.find_element("tag name", "span").get_attribute("lang") == "zh-Hans"


def test_a_plain_query_shows_no_expansion(server: str, browser: webdriver.Chrome) -> None:
    _open(browser, _search_url(server, "zh", q="基层治理"), "zh-not-expanded")
    assert browser.find_element("id", "search-expanded").get_attribute("hidden") is not None


def test_a_traditional_article_is_highlighted_where_it_matches(
    server: str, browser: webdriver.Chrome
) -> None:
    url = next(d.url for d in built_site().docs if d.key.endswith("/fantizi-laigao"))
    state = _open(browser, _search_url(server, "zh", q="拉萨 志愿服务"), "zh-traditional-article")
    at = state["urls"].index(url)
    assert {"拉薩", "志願服務"} <= set(state["marks"][at])


def test_markup_in_query_and_title_stays_text(server: str, browser: webdriver.Chrome) -> None:
    query = "<img src=x onerror=alert(1)>"
    state = _open(browser, _search_url(server, "zh", q=query), "zh-markup")
    assert state["images"] == 0
    assert state["titles"] == ["<img src=x onerror=alert(1)>标题测试"]
    assert browser.find_element("id", "search-q").get_attribute("value") == query


def test_place_filter_and_its_name(server: str, browser: webdriver.Chrome) -> None:
    site = built_site()
    state = _open(browser, _search_url(server, "zh", loc="5401"), "zh-filter-lhasa")
    assert state["urls"] == _expected_urls(site, "", Filters(loc="5401"))
    active = browser.find_element("id", "search-active").text
    assert "拉萨市" in active


def test_next_page_link(server: str, browser: webdriver.Chrome) -> None:
    site = built_site()
    _open(browser, _search_url(server, "en", q="Tibet"), "en-tibet-1")
    browser.find_element("css selector", "#search-pager a").click()
    state = _open(browser, browser.current_url, "en-tibet-2")
    assert state["urls"] == [str(r["u"]) for r in site.engine().search("Tibet", page=1).records]


def test_results_found_by_initials_are_highlighted_where_the_letters_fit(
    server: str, browser: webdriver.Chrome
) -> None:
    site = built_site()
    state = _open(browser, _search_url(server, "en", q="jczl"), "en-jczl")
    assert state["urls"] == _expected_urls(site, "jczl")
    assert state["urls"], "the query set's corpus has matches for jczl"
    marked = [mark for marks in state["marks"] for mark in marks]
    assert "基层治理" in marked
    for marks in state["marks"]:
        assert marks, "every result shows what matched"
        for mark in marks:  # runs of four characters that fit, merged where they touch
            read = simplified(fold(mark))
            table = {char: letters(char) for char in read}  # as initials.bin gives them
            fits = [at for at in range(len(read) - 3) if spans(read[at : at + 4], "jczl", table)]
            assert {at + i for at in fits for i in range(4)} == set(range(len(read))), mark


@pytest.mark.parametrize("query", ["寒假作业", "jczl"])
def test_bytes_fetched_are_what_the_python_engine_counts(server: str, query: str) -> None:
    site = built_site()
    fresh = _driver()
    try:
        state = _open(fresh, _search_url(server, "zh", q=query), f"zh-bytes-{query}")
    finally:
        fresh.quit()
    engine = site.engine()
    engine.search(query)
    assert ("initials.bin" in engine.fetched) == (query == "jczl")
    expected = {
        f"{PREFIX}/{INDEX_DIR}/{p}": (site.index / p).stat().st_size for p in engine.fetched
    }
    packed = f"{PREFIX}/{INDEX_DIR}/{PACKED_SCRIPT}"  # the script, deflated, not static/
    expected[packed] = (site.index / PACKED_SCRIPT).stat().st_size
    loader = f"{PREFIX}/static/search-load.js"
    expected[loader] = (site.output / "static" / "search-load.js").stat().st_size
    seen = {
        path: size
        for path, size in state["resources"]
        if path in expected or f"/{INDEX_DIR}/" in path or path.endswith(".js")
    }
    assert seen == expected


def test_without_javascript_the_page_says_so_and_links_the_indexes(server: str) -> None:
    driver = _driver(javascript=False)
    try:
        driver.get(_search_url(server, "en", q="lasa"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "en-no-javascript.png"))
        note = driver.find_element("css selector", ".search-nojs")
        links = [a.get_attribute("href") for a in note.find_elements("tag name", "a")]
        assert "JavaScript" in note.text
        assert links == [server + "en/tags/", server + "en/places/"]
        assert driver.find_elements("css selector", "[data-result-url]") == []
    finally:
        driver.quit()
