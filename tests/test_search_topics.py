"""The topic facet of search: a filter by topic (its subtopics included) and topic names, in
both languages, that find the articles they are given to; in Python and in headless
Chromium. Screenshots go to ``test-artifacts/search/``."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from search_support import built_site
from selenium import webdriver
from selenium.webdriver.support.ui import Select, WebDriverWait
from test_search_browser import PREFIX, _driver, _expected_urls, _Handler, _open, _search_url

from site_builder.enrich.topics import vocabulary
from site_builder.search.english import sense_keys
from site_builder.search.model import SearchDoc
from site_builder.search.query import Filters


def _within(doc: SearchDoc) -> set[str]:
    return {t for topic in doc.topics for t in topic.within}


def _topics_in_use() -> list[str]:
    return sorted({t for doc in built_site().docs for t in _within(doc)})


def _parent_with_children() -> str:
    """A topic in use whose articles include another topic's (its subtopic's)."""
    used = _topics_in_use()
    return next(t for t in used if any(vocabulary()[c].parent == t for c in used))


def test_the_corpus_has_topics_to_filter_by() -> None:
    docs = built_site().docs
    assert sum(1 for d in docs if d.topics) >= 0.9 * len(docs)
    assert len(_topics_in_use()) >= 5


def test_a_topic_filter_finds_the_articles_with_that_topic_or_one_under_it() -> None:
    site = built_site()
    engine = site.engine()
    for topic in _topics_in_use():
        expected = {d.key for d in site.docs if topic in _within(d)}
        assert set(engine.search_all("", Filters(topic=topic))) == expected, topic
    parent = _parent_with_children()
    children = {t for t in _topics_in_use() if vocabulary()[t].parent == parent}
    direct = {d.key for d in site.docs if parent in {t.id for t in d.topics}}
    below = {d.key for d in site.docs if children & {t.id for t in d.topics}}
    assert below - direct <= set(engine.search_all("", Filters(topic=parent)))


def test_a_topic_filter_narrows_a_query() -> None:
    site = built_site()
    engine = site.engine()
    topic = _parent_with_children()
    everything = set(engine.search_all("拉萨"))
    narrowed = set(engine.search_all("拉萨", Filters(topic=topic)))
    with_topic = {d.key for d in site.docs if topic in _within(d)}
    assert narrowed == everything & with_topic
    assert narrowed and narrowed != everything


def test_a_topic_name_finds_the_articles_given_it() -> None:
    site = built_site()
    engine = site.engine()
    for topic in sorted({t.id for d in site.docs for t in d.topics}):
        given = {d.key for d in site.docs if topic in {t.id for t in d.topics}}
        found = set(engine.search_all(vocabulary()[topic].name))
        assert given <= found, (topic, sorted(given - found))


def test_each_word_of_a_topic_english_name_finds_the_articles_given_it() -> None:
    """Each word but the stop words: a query word that no article holds finds nothing,
    and the query reader keeps ``and`` as a word (query reading is not this facet's)."""
    site = built_site()
    engine = site.engine()
    for topic in sorted({t.id for d in site.docs for t in d.topics}):
        given = {d.key for d in site.docs if topic in {t.id for t in d.topics}}
        words = re.findall(r"[A-Za-z]+", vocabulary()[topic].name_en)
        kept = [w for w in words if sense_keys(w.lower())]
        assert kept, topic
        for query in [*kept, " ".join(kept)]:
            found = set(engine.search_all(query))
            assert given <= found, (topic, query, sorted(given - found))


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    handler = functools.partial(_Handler, directory=str(built_site().output))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    driver = _driver()
    yield driver
    driver.quit()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_topic_filter_in_the_browser(server: str, browser: webdriver.Chrome, lang: str) -> None:
    topic = _parent_with_children()
    entry = vocabulary()[topic]
    state = _open(browser, _search_url(server, lang, topic=topic), f"{lang}-topic-{topic}")
    assert state["urls"] == _expected_urls(built_site(), "", Filters(topic=topic))
    assert state["urls"]
    active = browser.find_element("id", "search-active").text
    assert entry.name in active
    assert (entry.name_en in active) == (lang == "en")
    chosen = Select(browser.find_element("css selector", "select[name=topic]"))
    assert chosen.first_selected_option.get_attribute("value") == topic


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_choosing_a_topic_in_the_form(server: str, browser: webdriver.Chrome, lang: str) -> None:
    site = built_site()
    topic = next(t for t in _topics_in_use() if vocabulary()[t].parent is not None)
    _open(browser, _search_url(server, lang, q="拉萨"), f"{lang}-topic-form-before")
    browser.find_element("css selector", "details.search-filters summary").click()
    menu = Select(browser.find_element("css selector", "select[name=topic]"))
    labels = [o.text for o in menu.options]
    name = vocabulary()[topic].name_en if lang == "en" else vocabulary()[topic].name
    assert any(name in label for label in labels)
    menu.select_by_value(topic)
    browser.find_element("css selector", ".search-form button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda d: "topic=" in d.current_url)
    state = _open(browser, browser.current_url, f"{lang}-topic-form-after")
    assert state["urls"] == _expected_urls(site, "拉萨", Filters(topic=topic))
