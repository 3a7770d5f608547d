"""The widget in a real browser (Debian's headless Chromium through Selenium): a city page on
one origin embeds widget.js from the service on another, a resident rates the page with the
keyboard only, the thank-you status takes the focus, and the rating is in the database.
axe-core (npm, installed by `make setup` into .cache/npm) must report no WCAG 2.1 A/AA
violations on the widget, the no-JavaScript form and the admin dashboard.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from browser import console_errors
from feedback_helpers import ROOT, free_port, running_app
from selkeys.server.app import create_app
from selkeys.server.db import ratings
from selkeys.server.settings import Settings
from selkeys.server.sites import add_site
from selkeys.server.versions import publish

AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
CANONICAL = "https://www.kaupunki.fi/fi/asuminen"
TEXT = ("# Asumistuki\n\nHakemus on toimitettava kirjaamoon viimeistään kuukauden kuluttua päätöksen "
        "tiedoksisaannista.\n\n## Lisätietoja\n\nLisätietoja antaa asumisneuvonta arkisin.\n")
CITY_PAGE = """<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>Asumistuki – Kaupunki</title>
<link rel="canonical" href="{canonical}"><link rel="icon" href="data:,"></head>
<body><main><h1>Asumistuki</h1>
<p>Hakemus on toimitettava kirjaamoon viimeistään kuukauden kuluttua päätöksen tiedoksisaannista.</p>
<h2>Lisätietoja</h2><p>Lisätietoja antaa asumisneuvonta arkisin.</p>
<script src="{service}/widget.js" data-site="kaupunki" data-lang="fi" defer></script>
</main></body></html>
"""


@contextmanager
def running_service(settings: Settings) -> Iterator[tuple[str, object]]:
    app = create_app(settings)
    with running_app(app) as base:
        yield base, app.state.feedback


@contextmanager
def city_site(folder: Path) -> Iterator[str]:
    """The city's own web server (another origin), serving the page that embeds the widget."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


def axe_violations(driver, selector: str | None = None) -> list[dict]:
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `make setup` (npm install axe-core)")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const context = arguments[0] ? document.querySelector(arguments[0]) : document;"
        "axe.run(context, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.html)}))))"
        ".catch(e => done([{id: 'axe-error', nodes: [String(e)]}]));", selector)


@pytest.fixture
def setup(tmp_path):
    folder = tmp_path / "city" / "fi"
    folder.mkdir(parents=True)
    with city_site(tmp_path / "city") as city:
        with running_service(Settings(data_dir=tmp_path / "data")) as (service, feedback):
            feedback.admin_token = add_site(feedback.engine, "kaupunki", "Kaupunki", [city])
            publish(feedback.engine, "kaupunki", CANONICAL, "fi", TEXT.encode(), "markdown")
            (folder / "asuminen.html").write_text(CITY_PAGE.format(canonical=CANONICAL, service=service),
                                                  encoding="utf-8")
            yield city, service, feedback


def _tab_to(driver, predicate, limit: int = 30) -> None:
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if predicate(driver.switch_to.active_element):
            return
    raise AssertionError("element not reachable with Tab")


def test_rating_by_keyboard_only(browser, setup):
    city, _service, feedback = setup
    browser.get(f"{city}/fi/asuminen.html")
    wait = WebDriverWait(browser, 20)
    widget = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".selkeys-widget"))
    assert widget.find_element(By.TAG_NAME, "legend").text == "Oliko tämä sivu selkeä?"
    options = [o.text for o in widget.find_elements(By.CSS_SELECTOR, "select option")]
    assert options == ["Ei mikään tietty kohta", "Otsikko: Asumistuki",
                       # long paragraphs are cut at 90 characters in the list
                       "Hakemus on toimitettava kirjaamoon viimeistään kuukauden kuluttua päätöksen tiedoksisaann…",
                       "Otsikko: Lisätietoja", "Lisätietoja antaa asumisneuvonta arkisin."]
    assert axe_violations(browser) == []

    _tab_to(browser, lambda e: e.get_attribute("type") == "radio")
    keys = ActionChains(browser)
    keys.send_keys(Keys.ARROW_DOWN).send_keys(Keys.ARROW_DOWN)  # radio group: 1 -> 2 -> 3 (Melko selkeä)
    keys.send_keys(Keys.TAB).send_keys(Keys.ARROW_DOWN).send_keys(Keys.ARROW_DOWN)  # the paragraph list: option 2
    keys.send_keys(Keys.TAB).send_keys("Liian pitkä virke. Soittakaa 040 123 4567.")
    keys.perform()
    assert browser.switch_to.active_element.tag_name == "textarea"
    time.sleep(2.1)  # a person takes longer than the minimum answer time
    _tab_to(browser, lambda e: e.tag_name == "button")
    ActionChains(browser).send_keys(Keys.ENTER).perform()

    # the service replaced the phone number; the resident sees it and the focus is on the comment
    alert = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".selkeys-widget [role=alert]").text and
                       d.find_element(By.CSS_SELECTOR, ".selkeys-widget [role=alert]"))
    assert alert.text.startswith("Poistimme kommentista henkilötietoja")
    comment = browser.switch_to.active_element
    assert comment.tag_name == "textarea" and comment.get_attribute("value") == "Liian pitkä virke. Soittakaa [puhelinnumero]."
    _tab_to(browser, lambda e: e.tag_name == "button")
    ActionChains(browser).send_keys(Keys.ENTER).perform()

    thanks = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".selkeys-thanks"))
    assert thanks.text == "Kiitos palautteestasi!"
    assert browser.switch_to.active_element == thanks
    assert thanks.find_element(By.XPATH, "..").get_attribute("role") == "status"
    assert axe_violations(browser) == []
    assert console_errors(browser) == []
    assert browser.get_cookies() == []

    with feedback.engine.connect() as conn:
        (row,) = conn.execute(select(ratings)).all()
    assert (row.rating, row.paragraph_index, row.status) == (3, 1, "ok")
    assert row.comment == "Liian pitkä virke. Soittakaa [puhelinnumero]."


def test_no_javascript_form_is_accessible(browser, setup):
    _city, service, _feedback = setup
    browser.get(f"{service}/form?site=kaupunki&url={CANONICAL}&lang=sv")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Respons på hur tydlig sidan är"
    assert axe_violations(browser) == []
    assert console_errors(browser) == []


def test_the_axe_check_finds_a_violation_when_there_is_one(browser, setup):
    """Guards the two checks above against passing because axe did not run."""
    city, _service, _feedback = setup
    browser.get(f"{city}/fi/asuminen.html")
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".selkeys-widget"))
    browser.execute_script("document.querySelector('.selkeys-widget label[for$=\"-comment\"]').remove();")
    assert "label" in {v["id"] for v in axe_violations(browser)}


def test_dashboard_is_accessible(browser, setup):
    """The admin page (HTTP Basic: the token as password) with a rating and a marked paragraph."""
    _city, service, feedback = setup
    ratings_ = feedback.service
    stored = ratings_.submit(feedback.site("kaupunki"), {
        "url": CANONICAL, "rating": 2, "paragraph": 1, "comment": "<b>vaikea</b>",
        "token": ratings_.issue_token("kaupunki", time.time() - 10), "idempotency_key": "dashboard-1"}, "198.51.100.7")
    assert stored.status == "ok"
    browser.get(service.replace("http://", f"http://kaupunki:{feedback.admin_token}@") + "/admin/kaupunki")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Reader feedback: Kaupunki"
    assert "<b>vaikea</b>" in browser.find_element(By.CSS_SELECTOR, "ul.comments").text
    assert axe_violations(browser) == []
    assert console_errors(browser) == []
