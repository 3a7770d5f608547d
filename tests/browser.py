"""Headless Debian Chromium driven by Selenium, for tests of pages a person opens in a browser.

Uses the system browser and driver (Debian's ``chromium`` and ``chromium-driver``, installed by
``make test``); nothing is downloaded. The flags keep Chromium from reaching for Google's
services, which this machine's closed network refuses.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--window-size=1280,900")


@contextmanager
def chromium(javascript: bool = True) -> Iterator["object"]:
    """A selenium WebDriver for headless Chromium with a fresh profile; console messages are
    kept, so ``console_errors(driver)`` can check a page for script errors. ``javascript=False``:
    pages run no scripts of their own (a resident who turned JavaScript off); the driver's own
    ``execute_script`` still works."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        raise RuntimeError("Debian chromium and chromium-driver are needed (make test installs them)")
    profile = tempfile.mkdtemp(prefix="selkeys-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in _FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver) -> list[str]:
    """Console messages at SEVERE level since the last call (script errors, failed loads)."""
    return console_messages(driver, "SEVERE")


def console_messages(driver, level: str) -> list[str]:
    """Console messages at ``level`` (SEVERE, WARNING, INFO) since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == level]
