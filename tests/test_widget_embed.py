"""The feedback widget as a city embeds it: exactly the README's snippet, on a page of another
origin, in headless Chromium with JavaScript and without (issue 16 items 4-6). The widget
must come styled from the one <script> tag, its spam trap must be invisible to eyes, keyboard
and screen readers (a resident who typed into it was stored as spam), the no-JavaScript link
must lead to a form that works, and when the widget stays hidden the console must say why.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from browser import console_errors, console_messages
from feedback_helpers import ROOT
from selkeys.server.db import ratings
from selkeys.server.settings import Settings
from selkeys.server.sites import add_site
from selkeys.server.versions import publish
from test_feedback_browser import axe_violations, city_site, running_service

SERVICE = "https://palaute.kaupunki.fi"  # the service's address in the README
CANONICAL = "https://www.kaupunki.fi/fi/asumistuki"
TEXT = "# Asumistuki\n\nHakemus on toimitettava kirjaamoon ajoissa.\n\nLisätietoja antaa asumisneuvonta.\n"
PAGE = """<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>Asumistuki – Kaupunki</title>
<link rel="canonical" href="{canonical}"><link rel="icon" href="data:,"></head>
<body><main><h1>Asumistuki</h1><p>Hakemus on toimitettava kirjaamoon ajoissa.</p>
{snippet}
</main></body></html>
"""


def readme_snippet() -> str:
    """The widget snippet exactly as README.md shows it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Widget.** On the page, where the widget should appear:", 1)[1]
    snippet = section.split("```html\n", 1)[1].split("```", 1)[0]
    assert f'<script src="{SERVICE}/widget.js"' in snippet and f"{SERVICE}/form?" in snippet
    return snippet


@pytest.fixture
def embed(tmp_path):
    """(write a page with a snippet and return its URL, the service's URL, the feedback app)."""
    folder = tmp_path / "city"
    folder.mkdir()
    with city_site(folder) as city, running_service(Settings(data_dir=tmp_path / "data")) as (service, feedback):
        feedback.admin_token = add_site(feedback.engine, "kaupunki", "Kaupunki", [city])
        add_site(feedback.engine, "toinen", "Toinen", ["https://www.toinen.fi"])
        publish(feedback.engine, "kaupunki", CANONICAL, "fi", TEXT.encode(), "markdown")

        def page(snippet: str, name: str = "asumistuki.html") -> str:
            (folder / name).write_text(PAGE.format(canonical=CANONICAL, snippet=snippet.replace(SERVICE, service)),
                                       encoding="utf-8")
            return f"{city}/{name}"

        yield page, service, feedback


def _stored(feedback) -> list:
    with feedback.engine.connect() as conn:
        return conn.execute(select(ratings)).all()


def _accessible_names(driver) -> set[str]:
    """Every name in the page's accessibility tree (what a screen reader can reach)."""
    tree = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})
    return {str(node.get("name", {}).get("value", "")) for node in tree["nodes"] if not node.get("ignored")}


def test_the_readme_snippet_brings_its_styles_and_hides_the_trap(browser, embed):
    page, _service, feedback = embed
    browser.get(page(readme_snippet()))
    widget = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".selkeys-widget"))
    style = browser.execute_script(
        "const w = arguments[0], b = w.querySelector('button');"
        "return [getComputedStyle(w).borderTopStyle, getComputedStyle(w).maxWidth, getComputedStyle(b).backgroundColor];",
        widget)
    assert style == ["solid", "576px", "rgb(11, 79, 138)"]  # widget.css is applied
    trap = widget.find_element(By.CSS_SELECTOR, ".selkeys-hp")
    assert not trap.is_displayed() and not trap.find_element(By.TAG_NAME, "input").is_displayed()
    assert "Jätä tämä kenttä tyhjäksi" not in _accessible_names(browser)
    assert "Melko selkeä" in _accessible_names(browser)  # the check can see the widget's own controls
    for _ in range(20):  # Tab through the page: focus never lands in the trap
        ActionChains(browser).send_keys(Keys.TAB).perform()
        assert browser.switch_to.active_element.get_attribute("name") != "website"
        assert "-website" not in (browser.switch_to.active_element.get_attribute("id") or "")
    assert axe_violations(browser) == []

    widget.find_element(By.CSS_SELECTOR, "label[for$='-r4']").click()
    time.sleep(2.1)  # a person takes longer than the minimum answer time
    widget.find_element(By.TAG_NAME, "button").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".selkeys-thanks"))
    assert [(r.rating, r.status) for r in _stored(feedback)] == [(4, "ok")]
    assert console_errors(browser) == []


def test_without_javascript_the_readme_snippet_leads_to_a_working_form(browser_without_javascript, embed):
    browser = browser_without_javascript
    page, _service, feedback = embed
    browser.get(page(readme_snippet()))
    assert browser.find_elements(By.CSS_SELECTOR, ".selkeys-widget") == []  # no script ran
    browser.find_element(By.LINK_TEXT, "Anna palautetta sivusta").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Palaute sivun selkeydestä")
    form = browser.find_element(By.CSS_SELECTOR, "form.selkeys-widget")
    assert browser.execute_script("return getComputedStyle(arguments[0]).borderTopStyle", form) == "solid"
    assert not form.find_element(By.CSS_SELECTOR, ".selkeys-hp").is_displayed()
    assert "Jätä tämä kenttä tyhjäksi" not in _accessible_names(browser)
    # (axe needs the page's timers, which a browser without JavaScript does not run: the same form
    # is checked with axe in test_feedback_browser.test_no_javascript_form_is_accessible)
    form.find_element(By.CSS_SELECTOR, "label[for='r2']").click()
    form.find_element(By.ID, "selkeys-comment").send_keys("Liian pitkä virke.")
    time.sleep(2.1)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    message = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".selkeys-message"))
    assert message.text == "Kiitos palautteestasi!"
    assert [(r.rating, r.comment, r.status) for r in _stored(feedback)] == [(2, "Liian pitkä virke.", "ok")]


@pytest.mark.parametrize("change,why", [
    (('data-site="kaupunki"', 'data-site="tuntematon"'), 'has no site tuntematon.'),
    (('data-site="kaupunki"', 'data-site="toinen"'), 'site toinen does not allow pages from http://127.0.0.1'),
    (('data-site="kaupunki"', 'data-site="kaupunki" data-url="https://www.kaupunki.fi/fi/muu"'),
     "the page https://www.kaupunki.fi/fi/muu has not been published"),
    (None, "could not be reached"),
])
def test_the_console_says_why_the_widget_stays_hidden(browser, embed, change, why):
    page, _service, _feedback = embed
    snippet = readme_snippet()
    if change is None:  # the service answers widget.js, then its API goes away
        browser.execute_cdp_cmd("Network.enable", {})
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/v1/page*"]})
    else:
        snippet = snippet.replace(*change)
    browser.get(page(snippet))
    warnings = WebDriverWait(browser, 20).until(
        lambda d: [m for m in console_messages(d, "WARNING") if "selkeys widget: not shown" in m])
    assert why in warnings[0]
    assert browser.find_elements(By.CSS_SELECTOR, ".selkeys-widget") == []


def test_dashboard_in_finnish(browser, embed):
    """The city's journey: the admin page in Finnish, with the counts, accessible."""
    _page, service, feedback = embed
    feedback.service.submit(feedback.site("kaupunki"), {
        "url": CANONICAL, "rating": 2, "paragraph": 1, "token": feedback.service.issue_token("kaupunki", time.time() - 10),
        "idempotency_key": "dashboard-fi-1"}, "198.51.100.7")
    browser.get(service.replace("http://", f"http://kaupunki:{feedback.admin_token}@") + "/admin/kaupunki?lang=fi")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Lukijapalaute: Kaupunki"
    assert browser.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "fi"
    counts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".statuses dt")]
    assert counts == ["Hyväksytyt", "Toistot", "Roskaviestit"]
    assert "Kaaviota ei vielä ole" in browser.find_element(By.CSS_SELECTOR, ".no-chart").text
    assert axe_violations(browser) == []
    assert console_errors(browser) == []


def test_the_readme_snippet_is_what_this_file_embeds():
    assert Path(__file__).read_text(encoding="utf-8").count("readme_snippet()") >= 3
