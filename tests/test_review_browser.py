"""The review page in a real headless Chromium: every action by key and by click writes the
fixes file and shows the page segmented anew; undo; a stale fix's error and its removal;
both languages. A screenshot goes to ``test-artifacts/``."""

from __future__ import annotations

import io
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from chromium import chromium
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from site_builder.ingest.pipeline import ingest
from site_builder.review.server import ReviewServer

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "tests" / "fixtures" / "pages" / "river_valley_02.txt"
ARTIFACTS = ROOT / "test-artifacts"
WAIT_SECONDS = 30


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(DUMP, folder / "p.txt")
    return folder


@contextmanager
def serving(seeds: Path) -> Iterator[ReviewServer]:
    server = ReviewServer(seeds, "p", "127.0.0.1", 0, out=io.StringIO())
    thread = threading.Thread(target=server.run, name="review", daemon=True)
    thread.start()
    try:
        assert server.ready.wait(WAIT_SECONDS)
        yield server
    finally:
        server.stop()
        thread.join(WAIT_SECONDS)
    assert not thread.is_alive()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    driver = chromium(tmp_path / "chromium-profile", "1400,900", "--disable-dev-shm-usage")
    try:
        yield driver
    finally:
        driver.quit()


def until(driver: WebDriver, check: Callable[[], object], what: str) -> None:
    # The page is drawn anew after every answer: an element found a moment ago may be gone.
    wait = WebDriverWait(driver, WAIT_SECONDS, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda _: check(), message=what)


def articles(driver: WebDriver) -> int:
    return len(driver.find_elements(By.CSS_SELECTOR, ".articles > li"))


def fixes_text(seeds: Path) -> str:
    path = seeds / "p.fixes.toml"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def press(driver: WebDriver, *keys: str) -> None:
    chain = ActionChains(driver)
    for key in keys:
        chain.send_keys(key)
    chain.perform()


def pick(driver: WebDriver, line: int) -> None:
    def selected() -> bool:
        if "current" not in attribute(driver, line, "class"):
            driver.find_element(By.ID, f"line-{line}").click()
        return "current" in attribute(driver, line, "class")

    until(driver, selected, f"line {line} selected")


def attribute(driver: WebDriver, line: int, name: str) -> str:
    return driver.find_element(By.ID, f"line-{line}").get_attribute(name) or ""


def open_page(driver: WebDriver, server: ReviewServer, query: str = "") -> int:
    driver.get(server.url + query)
    until(driver, lambda: articles(driver) > 0, "the page shows its articles")
    return articles(driver)


def test_each_action_by_key_writes_the_fixes_file_and_undo_takes_it_back(
    seeds: Path, browser: WebDriver
) -> None:
    with serving(seeds) as server:
        start = open_page(browser, server)
        assert attribute(browser, 20, "data-role") == "title"
        pick(browser, 15)
        press(browser, "s")
        until(browser, lambda: articles(browser) == start + 1, "split shown")
        assert "[[split]]\nbefore = 15\n" in fixes_text(seeds)
        press(browser, "z")
        until(browser, lambda: articles(browser) == start, "undo shown")
        assert fixes_text(seeds) == ""  # no fixes left: no file
        pick(browser, 20)
        press(browser, "m")
        until(browser, lambda: articles(browser) == start - 1, "merge shown")
        assert "[[merge]]\nat = 20\n" in fixes_text(seeds)
        until(
            browser,
            lambda: attribute(browser, 20, "data-role") == "subhead",
            "the merged article's title is a subhead",
        )
        pick(browser, 22)
        press(browser, "j", Keys.ARROW_DOWN, Keys.ARROW_DOWN, "j")
        until(browser, lambda: "after = 22\nto = 26" in fixes_text(seeds), "join written")
        pick(browser, 22)
        press(browser, "u")
        until(browser, lambda: "[[unjoin]]\nafter = 22" in fixes_text(seeds), "unjoin written")
        assert "[[join]]" not in fixes_text(seeds)  # the unjoin replaced the join
        pick(browser, 30)
        Select(browser.find_element(By.ID, "role")).select_by_value("noise")
        pick(browser, 30)
        press(browser, "r")
        until(browser, lambda: 'line = 30\nrole = "noise"' in fixes_text(seeds), "role written")
        until(
            browser,
            lambda: attribute(browser, 30, "data-role") == "noise",
            "the line shown as noise",
        )
        assert "fixed" in attribute(browser, 30, "class")
        ARTIFACTS.mkdir(exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "review-page.png"))


def test_actions_by_click_and_the_second_language(seeds: Path, browser: WebDriver) -> None:
    with serving(seeds) as server:
        start = open_page(browser, server, "?lang=en")
        assert browser.find_element(By.ID, "do-split").text.startswith("Split")
        pick(browser, 15)
        browser.find_element(By.ID, "do-split").click()
        until(browser, lambda: articles(browser) == start + 1, "split by click")
        # Ingest applies what the review wrote.
        ingested = ingest(seeds, seeds.parent / "content")
        assert ingested.ok and ingested.pages[0].articles == start + 1
        browser.find_element(By.ID, "do-undo").click()
        until(browser, lambda: articles(browser) == start, "undo by click")
        browser.find_element(By.ID, "lang").click()
        until(
            browser, lambda: browser.find_element(By.ID, "do-split").text.startswith("拆分"), "zh"
        )
        pick(browser, 24)
        press(browser, "R", "r")  # the role after the first one (title): kicker
        until(browser, lambda: 'line = 24\nrole = "kicker"' in fixes_text(seeds), "role by key")
        decisions = browser.execute_script(
            "return [...document.querySelectorAll('.decisions > li')].map(e => e.textContent)"
        )
        shown = [float(d.split(" ")[0]) for d in decisions]
        assert shown
        assert shown == sorted(shown)  # least certain first


def test_a_stale_fix_is_shown_and_can_be_removed(seeds: Path, browser: WebDriver) -> None:
    (seeds / "p.fixes.toml").write_text("[[split]]\nbefore = 999\n", encoding="utf-8")
    with serving(seeds) as server:
        open_page(browser, server)
        error = browser.find_element(By.ID, "error")
        assert error.is_displayed()
        assert "[[split]] #1" in error.text and "line out of range" in error.text
        browser.find_element(By.CSS_SELECTOR, ".fixes button.drop").click()
        until(browser, lambda: not browser.find_element(By.ID, "error").is_displayed(), "fixed")
        assert not (seeds / "p.fixes.toml").exists()


def authors_shown(driver: WebDriver) -> list[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".articles .authors")]


def test_a_column_continuation_and_authors_by_key_and_by_click(
    seeds: Path, browser: WebDriver
) -> None:
    with serving(seeds) as server:
        open_page(browser, server)
        pick(browser, 22)
        press(browser, "c", Keys.ARROW_DOWN, Keys.ARROW_DOWN, "c")
        until(browser, lambda: "[[continue]]\nafter = 22\nto = 26" in fixes_text(seeds), "c … c")
        pick(browser, 22)
        press(browser, "c", Keys.ARROW_DOWN, Keys.ARROW_DOWN, "c")  # again: taken back
        until(browser, lambda: "[[continue]]" not in fixes_text(seeds), "continue taken back")
        pick(browser, 15)
        press(browser, "a")
        until(
            browser,
            lambda: browser.switch_to.active_element.get_attribute("id") == "names",
            "the names field has the focus",
        )
        # The field holds the article's authors as read; they are replaced.
        field = browser.switch_to.active_element
        assert field.get_attribute("value") == "陈雨桐、高远"
        field.send_keys(Keys.CONTROL + "a")  # a modifier is held to the end of the call
        field.send_keys(Keys.BACKSPACE, "张三 李四", Keys.ENTER)
        until(
            browser,
            lambda: 'line = 15\nnames = ["张三", "李四"]' in fixes_text(seeds),
            "authors by key",
        )
        until(browser, lambda: any("张三、李四" in a for a in authors_shown(browser)), "shown")
        pick(browser, 20)
        field = browser.find_element(By.ID, "names")
        field.send_keys("王五")
        browser.find_element(By.ID, "do-authors").click()
        until(browser, lambda: 'line = 20\nnames = ["王五"]' in fixes_text(seeds), "by click")
        until(browser, lambda: any("王五" in a for a in authors_shown(browser)), "shown by click")
