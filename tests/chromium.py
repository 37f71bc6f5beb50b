"""Headless Debian Chromium for the browser tests, started as the project brief says."""

from __future__ import annotations

from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
REQUIRED_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
)


def chromium(profile: Path, window: str, *flags: str, javascript: bool = True) -> webdriver.Chrome:
    """A driver with the required flags, ``flags`` added, its own ``profile`` folder and a
    window of ``window`` (``"1200,900"``); ``javascript=False`` turns scripts off."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*REQUIRED_FLAGS, *flags, f"--user-data-dir={profile}", f"--window-size={window}"):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
