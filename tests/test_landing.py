"""What `selkeys serve` offers at the address it prints (issue 16 item 7): a landing page linking
the playground, the widget demo and the dashboards, in Finnish, Swedish and English; the demo
(the real widget on a sample page, storing nothing); and `serve --help` naming all of it."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from starlette.testclient import TestClient
from typer.testing import CliRunner

from browser import console_errors
from feedback_helpers import free_port, running_app, serve
from selkeys.cli.app import app as cli
from selkeys.server.app import create_app
from selkeys.server.settings import Settings
from test_feedback_browser import axe_violations

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag == "form":
            self.forms.append(attrs.get("action", ""))


@pytest.fixture
def client(tmp_path):
    app = create_app(Settings(data_dir=tmp_path))
    yield TestClient(app)
    app.state.feedback.close()


@pytest.mark.parametrize("lang,header,title", [("fi", None, "selkeys – selkeän kielen työkalut"),
                                               (None, "sv-FI,sv", "selkeys – verktyg för klarspråk"),
                                               ("en", "fi", "selkeys – plain-language tools")])
def test_landing_page_links_the_playground_the_demo_and_the_dashboards(client, lang, header, title):
    answer = client.get("/" + (f"?lang={lang}" if lang else ""), headers={"Accept-Language": header} if header else {})
    assert answer.status_code == 200 and f"<h1>{title}</h1>" in answer.text
    page = _Links()
    page.feed(answer.text)
    shown = lang or "sv"
    assert f"playground?lang={shown}" in page.links and f"demo?lang={shown}" in page.links
    assert page.forms == ["admin"]  # a site id opens /admin/SITE
    assert {"?lang=fi", "?lang=sv", "?lang=en"} <= set(page.links)
    assert client.get(f"/playground?lang={shown}").status_code == 200


def test_the_dashboard_form_opens_the_sites_dashboard(client):
    answer = client.get("/admin?site=kaupunki&lang=sv", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "admin/kaupunki?lang=sv"
    assert client.get("/admin?site=kaupunki", follow_redirects=True).status_code == 401  # asks for the token
    assert client.get("/admin?site=../etc").status_code == 200  # not a site id: the landing page again


def test_demo_page_shows_the_widget_in_demo_mode_and_the_snippet(client):
    page = client.get("/demo?lang=fi").text
    assert '<script src="widget.js" data-site="demo" data-lang="fi" data-demo defer></script>' in page
    assert "&lt;script src=&quot;http://testserver/widget.js&quot; data-site=&quot;kaupunki&quot;" in page
    data = client.get("/api/v1/demo?lang=sv").json()
    assert [p["text"] for p in data["paragraphs"]][0] == "Bostadsbidrag" and data["texts"]["send"] == "Skicka respons"


def test_serve_help_describes_the_whole_app():
    result = CliRunner().invoke(cli, ["serve", "--help"], env={"COLUMNS": "100"})
    for part in ("/playground", "/demo", "/admin/SITE", "/widget.js", "/healthz", "landing page", "--lint-timeout",
                 "--trusted-proxies"):
        assert part in result.output, part


def test_the_address_serve_prints_answers_with_the_landing_page(tmp_path):
    port = free_port()
    with serve(tmp_path / "data", port) as proc:
        answer = httpx.get(f"http://127.0.0.1:{port}/", headers={"Accept-Language": "en"})
        proc.kill()
        printed = proc.stdout.read().decode()
    assert f"selkeys serve: http://127.0.0.1:{port}/ (database {(tmp_path / 'data' / 'feedback.sqlite3').resolve()}" \
        in printed
    assert answer.status_code == 200 and "The playground" in answer.text


def test_demo_widget_in_chromium(browser, tmp_path):
    app = create_app(Settings(data_dir=tmp_path))
    with running_app(app) as base:
        browser.get(f"{base}/?lang=fi")
        browser.find_element(By.LINK_TEXT, "Palautelomakkeen esittely").click()
        widget = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".selkeys-widget"))
        assert browser.execute_script("return getComputedStyle(arguments[0]).borderTopStyle", widget) == "solid"
        options = [o.text for o in widget.find_elements(By.CSS_SELECTOR, "select option")]
        assert options[1] == "Otsikko: Asumistuki" and options[2].startswith("Voit hakea asumistukea verkossa.")
        assert axe_violations(browser) == []
        widget.find_element(By.CSS_SELECTOR, "label[for$='-r3']").click()
        widget.find_element(By.TAG_NAME, "button").click()
        WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".selkeys-thanks"))
        assert "palautetta ei lähetetty eikä tallennettu" in widget.text
        assert console_errors(browser) == []
        with app.state.feedback.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM ratings").scalar_one() == 0
        browser.get(f"{base}/?lang=en")
        assert axe_violations(browser) == []
