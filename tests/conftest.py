"""Shared fixtures: one Linter per test session (rules load and Voikko start once)."""

from __future__ import annotations

import pytest

from selkeys.config import Config
from selkeys.lint import Linter
from selkeys.readers import read_bytes


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="session")
def lint_text(linter):
    """Lint a string as a given format; returns the FileResult."""

    def run(text: str, path: str = "test.txt", config: Config | None = None, lang: str | None = "fi"):
        return linter.lint_document(read_bytes(text.encode("utf-8"), path), config or Config(), lang)

    return run


def pytest_collection_modifyitems(items) -> None:
    """Every test that drives Chromium is a `browser` test, whichever module it is in, so that
    `make test-quick` (-m "not browser ...") needs no browser."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser():
    """Headless Debian Chromium (selenium WebDriver); see tests/browser.py."""
    from browser import chromium

    with chromium() as driver:
        yield driver


@pytest.fixture
def browser_without_javascript():
    """The same browser with JavaScript turned off for the pages it opens."""
    from browser import chromium

    with chromium(javascript=False) as driver:
        yield driver
