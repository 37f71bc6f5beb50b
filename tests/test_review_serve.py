"""The review as a mode of the live preview (``/_review/``), in a real headless Chromium: one
server answers both; a fix made on the review page is re-ingested and rebuilt, and a
preview page open in another tab reloads."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import chromium
from livereload.handlers import LiveReloadHandler
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from serve_project import make_project, running_preview
from site_fixture import ROOT
from test_review_browser import articles, attribute, pick, press, until

from site_builder.review.server import REVIEW_BASE, Pages, review_routes
from site_builder.serve.changes import Project
from site_builder.serve.server import PreviewServer

DUMP = ROOT / "tests" / "fixtures" / "pages" / "river_valley_02.txt"
WAIT_SECONDS = 60


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[PreviewServer, Project]]:
    project = make_project(tmp_path / "site")
    shutil.copy(DUMP, project.seeds / "p.txt")
    routes = review_routes(Pages(project.seeds), None, REVIEW_BASE)
    with running_preview(project, WAIT_SECONDS, routes) as server:
        yield server, project


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    driver = chromium(tmp_path / "chromium-profile", "1400,900", "--disable-dev-shm-usage")
    try:
        yield driver
    finally:
        driver.quit()


def built(project: Project) -> list[str]:
    """The page's articles as the preview built them."""
    folder = project.output / "a" / "p"
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def test_a_fix_on_the_review_page_rebuilds_the_preview_and_reloads_it(
    preview: tuple[PreviewServer, Project], browser: WebDriver
) -> None:
    server, project = preview
    before = built(project)
    assert before  # the seeds were ingested and built
    page = f"{server.url}a/p/{before[0]}/"
    LiveReloadHandler.waiters.clear()
    browser.get(page)
    until(browser, lambda: bool(LiveReloadHandler.waiters), "the preview's client connected")
    browser.execute_script("window.stillHere = true;")  # gone after a reload
    preview_tab = browser.current_window_handle

    browser.switch_to.new_window("tab")
    browser.get(f"{server.url}_review/")
    browser.find_element(By.LINK_TEXT, "p").click()
    until(browser, lambda: articles(browser) == len(before), "the review shows the page")
    assert attribute(browser, 20, "data-role") == "title"
    pick(browser, 15)
    press(browser, "s")
    until(browser, lambda: articles(browser) == len(before) + 1, "split shown")
    assert "before = 15" in (project.seeds / "p.fixes.toml").read_text(encoding="utf-8")
    until(browser, lambda: len(built(project)) == len(before) + 1, "the preview rebuilt")

    browser.switch_to.window(preview_tab)
    until(
        browser,
        lambda: not browser.execute_script("return window.stillHere === true"),
        "the preview page reloaded",
    )
    assert browser.find_elements(By.TAG_NAME, "h1")  # a page of the site, shown again
