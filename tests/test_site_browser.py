"""A real headless Chromium walks the fixture site served under a sub-path.

Serves the built site at ``http://127.0.0.1:<free port>/archive/``, switches language, turns
on pinyin and glosses, follows tag, place, date and page links, and saves screenshots in
``test-artifacts/`` (git-ignored). Needs Debian's ``chromium`` and ``chromium-driver``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from chromium import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait
from site_fixture import ROOT, build_fixture

ARTIFACTS = ROOT / "test-artifacts"
MOUNT = "/archive/"


class Handler(SimpleHTTPRequestHandler):
    """Static files, recording every request so the test can check none left the mount."""

    requests: list[tuple[str, int]]

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.requests.append((self.path, int(code) if str(code).isdigit() else 0))

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads ``requests`` instead of a log."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    root = tmp_path_factory.mktemp("www")
    build_fixture(root / MOUNT.strip("/"))
    requests: list[tuple[str, int]] = []
    handler = type("RecordingHandler", (Handler,), {"requests": requests})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{MOUNT}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    driver = chromium(profile, "1200,1400", "--disable-dev-shm-usage")
    try:
        yield driver
    finally:
        driver.quit()


def shot(driver: WebDriver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def click(driver: WebDriver, selector: str) -> None:
    """Follow a link as a reader would, then wait for the new page."""
    before = driver.current_url
    driver.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url != before)


def fetched(driver: WebDriver) -> list[str]:
    names = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    return [str(n) for n in names]


def test_reader_walks_the_site_with_reading_aids(
    server: tuple[str, list[tuple[str, int]]], browser: WebDriver
) -> None:
    base, requests = server
    browser.get(base)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans"
    shot(browser, "01-home-zh")

    click(browser, ".lang-switch")
    assert browser.current_url == f"{base}en/"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    shot(browser, "02-home-en")

    click(browser, ".summaries > li > a[href*='xinchun-wenhua/']")
    assert "/archive/en/a/" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, ".title-pinyin").text
    assert not [n for n in fetched(browser) if "/aids/" in n], "aids must load only on demand"

    browser.find_element(By.CSS_SELECTOR, "[data-aid-toggle='pinyin']").click()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "html[data-aids-ready] .article-body rt")
    )
    first_rt = browser.find_element(By.CSS_SELECTOR, ".article-body rt")
    assert first_rt.is_displayed() and first_rt.text
    browser.find_element(By.CSS_SELECTOR, "[data-aid-toggle='gloss']").click()
    word = browser.find_element(By.CSS_SELECTOR, ".article-body .w[data-gloss]")
    word.click()
    assert "open" in (word.get_attribute("class") or "")
    assert "aids-gloss" in (browser.find_element(By.TAG_NAME, "html").get_attribute("class") or "")
    shot(browser, "03-article-en-aids")

    browser.refresh()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "html[data-aids-ready] .article-body rt")
    )
    pressed = browser.find_element(By.CSS_SELECTOR, "[data-aid-toggle='pinyin']")
    assert pressed.get_attribute("aria-pressed") == "true", "the choice is remembered"

    click(browser, ".lang-switch")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans"
    assert "/archive/a/" in browser.current_url
    shot(browser, "04-article-zh-aids")
    article = browser.current_url

    for selector, expect, name in (
        (".meta a[href*='tags/']", "/tags/", "05-tag"),
        (".meta a[href*='places/']", "/places/", "06-place"),
        (".meta a[href*='dates/']", "/dates/2025/01/05/", "07-day"),
        (".meta a[href*='pages/']", "/pages/", "08-page"),
    ):
        browser.get(article)
        click(browser, selector)
        assert expect in browser.current_url
        assert browser.find_elements(By.CSS_SELECTOR, "main h1")
        shot(browser, name)

    click(browser, ".summaries > li > a")
    assert "/archive/a/" in browser.current_url

    bad = [(path, code) for path, code in requests if code >= 400 or not path.startswith(MOUNT)]
    assert bad == []
    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == []
