"""A real headless Chromium on the preview: the livereload client reloads the page after a
content edit, swaps a stylesheet without reloading, and shows the error overlay over the
last good page until the file is fixed. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import chromium
from livereload.handlers import LiveReloadHandler
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait
from serve_project import edit, make_project, running_preview
from site_fixture import ROOT

from site_builder.serve.changes import Project
from site_builder.serve.overlay import OVERLAY_ID
from site_builder.serve.server import PreviewServer

ARTIFACTS = ROOT / "test-artifacts"
WAIT_SECONDS = 30
ARTICLE = "a/gaoyuan_20250105_01/xinchun-wenhua/"
SOURCE = "gaoyuan_20250105_01/xinchun-wenhua.md"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[PreviewServer, Project]]:
    project = make_project(tmp_path / "site")
    with running_preview(project, WAIT_SECONDS) as server:
        yield server, project


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    profile = tmp_path / "chromium-profile"
    driver = chromium(profile, "1200,900", "--disable-dev-shm-usage")
    try:
        yield driver
    finally:
        driver.quit()


def _connected(driver: WebDriver, url: str) -> None:
    """Open ``url`` and wait until its livereload client has joined the server."""
    LiveReloadHandler.waiters.clear()
    driver.get(url)
    deadline = time.monotonic() + WAIT_SECONDS
    while not LiveReloadHandler.waiters:
        assert time.monotonic() < deadline, "the page's livereload client never connected"
        time.sleep(0.05)
    driver.execute_script("window.stillHere = true;")  # gone after any full reload


def _shot(driver: WebDriver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_browser_follows_edits(preview: tuple[PreviewServer, Project], browser: WebDriver) -> None:
    server, project = preview
    wait = WebDriverWait(browser, WAIT_SECONDS)
    _connected(browser, server.url + ARTICLE)

    # A stylesheet edit is applied in place: the page is not reloaded.
    (project.templates / "static" / "site.css").write_text(
        "body { background: rgb(1, 2, 3); }\n", encoding="utf-8"
    )
    wait.until(
        lambda d: (
            d.execute_script("return getComputedStyle(document.body).backgroundColor")
            == "rgb(1, 2, 3)"
        )
    )
    assert browser.execute_script("return window.stillHere === true")

    # A content edit reloads the page, which shows the new title.
    edit(project.content / SOURCE, "新春文化活动", "新春游园会")
    wait.until(lambda d: "新春游园会" in d.find_element(By.TAG_NAME, "h1").text)
    assert not browser.execute_script("return window.stillHere === true")

    # A broken file: the overlay names it over the last good page, until it is fixed.
    _connected(browser, server.url + ARTICLE)
    edit(project.content / SOURCE, "kind: news", "kind: poem")
    overlay = wait.until(lambda d: d.find_elements(By.ID, OVERLAY_ID))[0]
    assert f"content/{SOURCE}:6" in overlay.text
    assert "poem" in overlay.text
    assert "新春游园会" in browser.find_element(By.TAG_NAME, "h1").text
    _shot(browser, "serve-error-overlay")
    edit(project.content / SOURCE, "kind: poem", "kind: news")
    wait.until(lambda d: not d.find_elements(By.ID, OVERLAY_ID))
    assert "新春游园会" in browser.find_element(By.TAG_NAME, "h1").text
