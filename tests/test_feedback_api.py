"""The feedback service's HTTP API: every validation rule and abuse case of issue 7, run
against SQLite and against a real PostgreSQL server (started by ``feedback_helpers``).

Ratings are sent with form tokens issued "ten seconds ago" through the service itself, so
the minimum answer time is passed honestly; tests of that rule use a fresh token.
"""

from __future__ import annotations

import html
import json
import math
import statistics
import time
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from feedback_helpers import fresh_database, postgres_cluster
from selkeys.server.app import create_app
from selkeys.server.db import ratings, sites
from selkeys.server.ratelimit import ClientMemory
from selkeys.server.scrub import scrub
from selkeys.server.settings import Settings
from selkeys.server.sites import add_site
from selkeys.server.stats import mean_interval, pearson

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

ORIGIN = "https://www.kaupunki.fi"
PAGE = "https://www.kaupunki.fi/fi/asuminen"
TEXT = ("# Asumistuki\n\nHakemus on toimitettava kirjaamoon viimeistään kuukauden kuluttua päätöksen "
        "tiedoksisaannista.\n\nLisätietoja antaa asumisneuvonta.\n")
XSS = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
       "<svg/onload=alert(1)>", "'';!--\"<XSS>=&{()}"]
SQLI = ["'; DROP TABLE ratings; --", "1 OR 1=1", "\" OR \"\"=\"", "x'); DELETE FROM sites; --"]


@pytest.fixture(scope="module")
def pg_server():
    with postgres_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def service(request, tmp_path):
    """A fresh app on a fresh database, with one site and one published page."""
    url = None
    if request.param == "postgresql":
        url = fresh_database(request.getfixturevalue("pg_server"))
    settings = Settings(data_dir=tmp_path, database_url=url, monitor_token="monitor-secret", rate_burst=30)
    app = create_app(settings)
    from starlette.testclient import TestClient

    client = TestClient(app)
    feedback = app.state.feedback
    token = add_site(feedback.engine, "kaupunki", "Kaupunki", [ORIGIN, "http://localhost:8000"])
    answer = client.post("/api/v1/sites/kaupunki/pages", json={"url": PAGE, "lang": "fi", "text": TEXT,
                                                               "format": "markdown"},
                         headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    yield Env(client, feedback, token, answer.json()["version"])
    client.close()
    feedback.close()


class Env:
    def __init__(self, client, feedback, token: str, version: str) -> None:
        self.client, self.feedback, self.token, self.version = client, feedback, token, version

    def token_for(self, site: str = "kaupunki", age: float = 10.0) -> str:
        return self.feedback.service.issue_token(site, time.time() - age)

    def body(self, **changes) -> dict:
        body = {"url": PAGE, "rating": 3, "token": self.token_for(), "idempotency_key": f"k{time.monotonic_ns()}"}
        body.update(changes)
        return {k: v for k, v in body.items() if v is not None}

    def rate(self, body=None, origin: str | None = ORIGIN, site: str = "kaupunki", **kwargs):
        headers = kwargs.pop("headers", {})
        if origin is not None:
            headers["Origin"] = origin
        if body is None:
            body = self.body()
        return self.client.post(f"/api/v1/ratings?site={site}", json=body, headers=headers, **kwargs)

    def new_resident(self) -> None:
        """Forget which versions this test client rated, as if the next rating came from
        someone else (the TestClient always has the same address)."""
        self.feedback.service.clients._seen.clear()

    def rows(self) -> list:
        with self.feedback.engine.connect() as conn:
            return conn.execute(select(ratings).order_by(ratings.c.id)).all()

    def admin(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}


# -- publishing ---------------------------------------------------------------------------------

def test_publish_scores_the_version_with_the_engine(service, lint_text):
    expected = lint_text(TEXT, "page.md").by_language["fi"].score.value
    with service.feedback.engine.connect() as conn:
        from selkeys.server.db import text_versions
        stored = conn.execute(select(text_versions.c.score, text_versions.c.paragraphs)).one()
    assert stored.score == pytest.approx(expected)
    assert [p["kind"] for p in json.loads(stored.paragraphs)] == ["heading", "paragraph", "paragraph"]
    again = service.client.post("/api/v1/sites/kaupunki/pages", json={"url": PAGE, "lang": "fi", "text": TEXT,
                                                                      "format": "markdown"}, headers=service.admin())
    assert again.json()["cached"] is True and again.json()["version"] == service.version


@pytest.mark.parametrize("auth", [None, "Bearer wrong", "Basic a2F1cHVua2k6d3Jvbmc=", "Basic !!!"])
def test_publish_and_reports_need_the_admin_token(service, auth):
    headers = {"Authorization": auth} if auth else {}
    assert service.client.post("/api/v1/sites/kaupunki/pages", json={"url": PAGE, "lang": "fi", "text": "x"},
                               headers=headers).status_code == 401
    assert service.client.get("/admin/kaupunki", headers=headers).status_code == 401
    assert service.client.get("/admin/kaupunki/ratings.csv", headers=headers).status_code == 401


@pytest.mark.parametrize("body", [{"url": "ftp://x/", "lang": "fi", "text": "Teksti."},
                                  {"url": PAGE, "lang": "de", "text": "Text."},
                                  {"url": PAGE, "lang": "fi", "text": "   "},
                                  {"url": PAGE, "lang": "fi", "text": "Teksti.", "format": "pdf"},
                                  {"url": PAGE, "lang": "fi", "text": 5},
                                  {"url": PAGE, "lang": "fi", "text": "T.", "translation_of": "https://www.kaupunki.fi/x"},
                                  {"url": PAGE, "lang": "fi", "text": "T.", "fetch": "https://evil.example/"}])
def test_publish_refuses_bad_input(service, body):
    answer = service.client.post("/api/v1/sites/kaupunki/pages", json=body, headers=service.admin())
    assert answer.status_code == 400 and answer.json()["error"] in ("publish", "fields")


def test_translations_are_linked(service):
    sv = service.client.post("/api/v1/sites/kaupunki/pages", headers=service.admin(), json={
        "url": "https://www.kaupunki.fi/sv/boende", "lang": "sv", "text": "Ansökan ska lämnas in i tid.",
        "translation_of": PAGE})
    assert sv.status_code == 200
    page = service.client.get("/admin/kaupunki", headers=service.admin()).text
    assert "↔ https://www.kaupunki.fi/sv/boende" in page and f"↔ {PAGE}" in page


# -- the widget's page data and origins --------------------------------------------------------

def test_page_data_for_an_allowed_origin(service):
    answer = service.client.get("/api/v1/page", params={"site": "kaupunki", "url": PAGE, "lang": "sv"},
                                headers={"Origin": ORIGIN})
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    data = answer.json()
    assert data["version"] == service.version and data["texts"]["title"] == "Var den här sidan tydlig?"
    assert [p["text"] for p in data["paragraphs"]][0] == "Asumistuki"


@pytest.mark.parametrize("origin,fetch_site,site", [
    (None, None, "kaupunki"),  # no Origin at all
    ("https://evil.example", "cross-site", "kaupunki"),  # not on the allow-list
    ("https://www.kaupunki.fi.evil.example", "cross-site", "kaupunki"),  # prefix trick
    ("http://www.kaupunki.fi", "cross-site", "kaupunki"),  # scheme differs
    (ORIGIN, "none", "kaupunki"),  # typed into the address bar
    (ORIGIN, "cross-site", "tuntematon"),  # unknown site
    (ORIGIN, "cross-site", "'; DROP TABLE sites; --"),
])
def test_disallowed_origins_and_unknown_sites_are_refused(service, origin, fetch_site, site):
    headers = {"Sec-Fetch-Site": fetch_site} if fetch_site else {}
    answer = service.rate(service.body(), origin=origin, site=site, headers=headers)
    assert answer.status_code == 403 and answer.json()["error"] == "origin"
    assert "access-control-allow-origin" not in answer.headers
    page = service.client.get("/api/v1/page", params={"site": site, "url": PAGE},
                              headers={**headers, **({"Origin": origin} if origin else {})})
    assert page.status_code == 403
    assert service.rows() == []
    with service.feedback.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sites)).scalar_one() == 1


def test_preflight(service):
    ok = service.client.options("/api/v1/ratings?site=kaupunki", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert ok.status_code == 204 and ok.headers["access-control-allow-origin"] == ORIGIN
    assert "Content-Type" in ok.headers["access-control-allow-headers"]
    bad = service.client.options("/api/v1/ratings?site=kaupunki", headers={"Origin": "https://evil.example"})
    assert bad.status_code == 403


def test_unknown_page(service):
    answer = service.client.get("/api/v1/page", params={"site": "kaupunki", "url": "https://www.kaupunki.fi/muu"},
                                headers={"Origin": ORIGIN})
    assert answer.status_code == 404 and answer.json()["error"] == "unknown-page"
    assert service.rate(service.body(url="https://www.kaupunki.fi/muu")).status_code == 404


# -- a rating and what is stored ---------------------------------------------------------------

def test_rating_is_stored_with_only_the_listed_fields(service):
    answer = service.rate(service.body(rating=2, paragraph=1, comment="Liian pitkä virke."))
    assert answer.status_code == 201 and answer.json()["replayed"] is False
    assert "set-cookie" not in answer.headers
    (row,) = service.rows()
    assert row.id == answer.json()["id"]
    assert (row.lang, row.version_hash, row.rating, row.paragraph_index, row.status) == ("fi", service.version, 2, 1, "ok")
    assert row.paragraph_quote == TEXT.split("\n\n")[1]  # no quote given: the paragraph's start (120 chars)
    assert row.comment == "Liian pitkä virke."
    assert (row.created_hour.minute, row.created_hour.second, row.created_hour.microsecond) == (0, 0, 0)
    columns = {c["name"] for c in inspect(service.feedback.engine).get_columns("ratings")}
    assert columns == {"id", "site_id", "page_id", "lang", "version_hash", "rating", "paragraph_index",
                       "paragraph_quote", "comment", "created_hour", "status", "idempotency_key"}


def test_comment_is_scrubbed_before_storage(service):
    comment = ("Soittakaa 040 123 4567 tai +358 9 310 1234, matti.meikalainen@example.fi, hetu 131052-308T, "
               "osoite Mannerheimintie 12 A 5")
    preview = service.client.post("/api/v1/preview?site=kaupunki", json={"comment": comment, "lang": "fi"},
                                  headers={"Origin": ORIGIN})
    assert preview.status_code == 200
    assert sorted(preview.json()["found"]) == ["email", "hetu", "phone", "phone", "street"]
    assert service.rate(service.body(comment=comment)).status_code == 201
    stored = service.rows()[0].comment
    assert stored == preview.json()["comment"]
    for secret in ("040", "310 1234", "meikalainen", "131052", "Mannerheimintie"):
        assert secret not in stored
    assert "[puhelinnumero]" in stored and "[sähköposti]" in stored and "[henkilötunnus]" in stored


@pytest.mark.parametrize("changes,code", [
    ({"rating": 0}, "rating"), ({"rating": 5}, "rating"), ({"rating": None}, "rating"), ({"rating": True}, "rating"),
    ({"rating": 2.5}, "rating"), ({"rating": "kolme"}, "rating"), ({"rating": [3]}, "rating"),
    ({"rating": 10 ** 30}, "rating"),
    ({"paragraph": -1}, "paragraph"), ({"paragraph": 3}, "paragraph"), ({"paragraph": "x"}, "paragraph"),
    ({"quote": "ilman kappaletta"}, "quote"), ({"paragraph": 1, "quote": "q" * 201}, "quote"),
    ({"comment": "c" * 301}, "comment"), ({"comment": "rivi\x00"}, "comment"), ({"comment": 12}, "comment"),
    ({"comment": "\x1b[31mred"}, "comment"),
    ({"idempotency_key": None}, "idempotency_key"), ({"idempotency_key": "short"}, "idempotency_key"),
    ({"idempotency_key": "a" * 65}, "idempotency_key"), ({"idempotency_key": "bad key!"}, "idempotency_key"),
    ({"version": "abc"}, "version"), ({"version": "0" * 64}, "version"),
    ({"url": None}, "url"), ({"url": "javascript:alert(1)"}, "url"), ({"url": "x" * 2001}, "url"),
    ({"url": PAGE + "\x00"}, "url"), ({"url": PAGE + " x"}, "url"),
    ({"token": None}, "token"), ({"token": "123.abc"}, "token"), ({"token": "x" * 65}, "token"),
    ({"website": 5}, "website"), ({"extra": "field"}, "fields"), ({"ip": "1.2.3.4"}, "fields"),
])
def test_validation_rules(service, changes, code):
    answer = service.rate(service.body(**changes) if changes.get("idempotency_key", 1) is not None
                          else {k: v for k, v in service.body().items() if k != "idempotency_key"})
    if changes.get("rating", 1) is None:
        answer = service.rate({k: v for k, v in service.body().items() if k != "rating"})
    if changes.get("url", 1) is None:
        answer = service.rate({k: v for k, v in service.body().items() if k != "url"})
    if changes.get("token", 1) is None:
        answer = service.rate({k: v for k, v in service.body().items() if k != "token"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == code
    assert service.rows() == []


def test_tokens_are_bound_to_their_site_and_expire(service):
    add_site(service.feedback.engine, "toinen", "Toinen", [ORIGIN])
    other = service.rate(service.body(token=service.token_for("toinen")))
    assert other.status_code == 400 and other.json()["error"] == "token"
    old = service.rate(service.body(token=service.token_for(age=2 * 24 * 3600)))
    assert old.status_code == 400 and old.json()["error"] == "token-expired"
    future = service.rate(service.body(token=service.token_for(age=-3600)))
    assert future.status_code == 400 and future.json()["error"] == "token-expired"


def test_honeypot_and_too_fast_answers_are_stored_as_spam(service):
    bot = service.rate(service.body(website="https://spam.example"))
    fast = service.rate(service.body(token=service.token_for(age=0)))
    human = service.rate(service.body())
    assert [a.status_code for a in (bot, fast, human)] == [201, 201, 201]
    assert bot.json().keys() == human.json().keys()  # a bot cannot tell it was caught
    assert [r.status for r in service.rows()] == ["spam", "spam", "ok"]
    page = service.client.get("/admin/kaupunki", headers={**service.admin(), "Accept-Language": "sv-FI,sv;q=0.9"}).text
    assert '<html lang="sv">' in page and "<dt>Skräp</dt><dd>2</dd>" in page and "<dt>Godkända</dt><dd>1</dd>" in page


def test_the_same_answer_again_soon_from_one_client_is_a_duplicate(service, monkeypatch):
    """A double send is a duplicate; the next resident at the same library computer, with an
    answer of their own or later on, is not (before: same client and hour = duplicate)."""
    def answer(**changes):
        return service.rate(service.body(**{"rating": 3, "paragraph": 1, "comment": "Vaikea", **changes}))

    assert answer().status_code == 201
    assert answer().status_code == 201  # sent again (a new idempotency key: a reload, not a retry)
    assert answer(rating=1, comment=None).status_code == 201  # someone else at the same computer
    assert answer(paragraph=None, comment=None).status_code == 201  # the same rating, no paragraph or comment
    memory = service.feedback.service.clients
    later = memory.clock() + service.feedback.settings.duplicate_window_seconds + 1
    monkeypatch.setattr(memory, "clock", lambda: later)
    assert answer().status_code == 201  # the first answer again, after the window
    assert [r.status for r in service.rows()] == ["ok", "duplicate", "ok", "ok", "ok"]
    csv_text = service.client.get("/admin/kaupunki/ratings.csv", headers=service.admin()).content.decode("utf-8-sig")
    assert csv_text.count(",duplicate") == 1
    page = service.client.get("/admin/kaupunki?lang=en", headers=service.admin()).text
    assert "<dt>Accepted</dt><dd>4</dd>" in page and "<dt>Duplicates</dt><dd>1</dd>" in page
    assert "<dt>Spam</dt><dd>0</dd>" in page
    assert '<td class="num">4</td><td class="num">1</td><td class="num">0</td><td><span class="few">2.50' in page


def test_replayed_idempotency_key_counts_once(service):
    body = service.body(rating=4)
    first, second, third = service.rate(body), service.rate(body), service.rate(dict(body, rating=1))
    assert (first.status_code, second.status_code, third.status_code) == (201, 200, 200)
    assert first.json()["id"] == second.json()["id"] == third.json()["id"]
    assert second.json()["replayed"] is True
    rows = service.rows()
    assert len(rows) == 1 and rows[0].rating == 4


def test_rate_limit_answers_429_and_the_monitor_token_bypasses_it(service):
    codes = [service.rate(service.body()).status_code for _ in range(40)]
    assert codes[:30] == [201] * 30 and set(codes[30:]) == {429}
    limited = service.rate(service.body())
    assert limited.json()["error"] == "rate-limit" and int(limited.headers["retry-after"]) >= 1
    assert limited.headers["access-control-allow-origin"] == ORIGIN  # the widget can read the answer
    assert service.rate(service.body(), headers={"X-Selkeys-Monitor": "monitor-secret"}).status_code == 201
    assert service.rate(service.body(), headers={"X-Selkeys-Monitor": "wrong"}).status_code == 429
    assert len(service.rows()) == 31


def test_oversized_bodies_are_refused_before_parsing(service):
    big = service.body(comment="x" * 9000)
    assert service.rate(big).status_code == 413

    def chunks():
        for _ in range(100):
            yield b" " * 1024

    streamed = service.client.post("/api/v1/ratings?site=kaupunki", content=chunks(),
                                   headers={"Origin": ORIGIN, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    lying = service.client.post("/api/v1/ratings?site=kaupunki", content=b"{}",
                                headers={"Origin": ORIGIN, "Content-Type": "application/json",
                                         "Content-Length": "abc"})
    assert lying.status_code == 400 and lying.json()["error"] == "content-length"
    assert service.rows() == []


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                          "", "application/jsonx"])
def test_wrong_content_types(service, content_type):
    answer = service.client.post("/api/v1/ratings?site=kaupunki", content=json.dumps(service.body()).encode(),
                                 headers={"Origin": ORIGIN, "Content-Type": content_type})
    assert answer.status_code == 415 and answer.json()["error"] == "content-type"


@pytest.mark.parametrize("raw", [b"{", b"", b"null", b"[1, 2]", b"\"text\"", b"{\"rating\": 3,}", b"\xff\xfe{}",
                                 b"{\"a\": NaN", b"[" * 5000, b"{\"comment\": \"\\ud800\"}"])
def test_malformed_json(service, raw):
    answer = service.client.post("/api/v1/ratings?site=kaupunki", content=raw,
                                 headers={"Origin": ORIGIN, "Content-Type": "application/json"})
    assert answer.status_code in (400, 413) and answer.json()["error"] in ("json", "too-large")


def test_sql_injection_strings_are_data(service):
    for payload in SQLI:
        assert service.rate(service.body(comment=payload, paragraph=2, quote=payload)).status_code == 201
        assert service.rate(service.body(url=PAGE + "?" + payload)).status_code in (400, 404)  # spaces: 400
        assert service.rate(service.body(idempotency_key=payload)).status_code == 400
    stored = [r.comment for r in service.rows()]
    assert stored == SQLI
    with service.feedback.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sites)).scalar_one() == 1


def test_xss_payloads_are_stored_and_shown_escaped(service):
    evil_url = "https://www.kaupunki.fi/fi/haku?q=" + XSS[0]
    evil_text = "\n\n".join(["Otsikko " + p for p in XSS])
    add = service.client.post("/api/v1/sites/kaupunki/pages", headers=service.admin(),
                              json={"url": evil_url, "lang": "fi", "text": evil_text})
    assert add.status_code == 200
    for i, payload in enumerate(XSS):
        body = service.body(url=evil_url, paragraph=i, quote=payload[:200], comment=payload)
        service.new_resident()
        assert service.rate(body).status_code == 201, payload
    page = service.client.get("/admin/kaupunki", headers=service.admin())
    assert page.status_code == 200
    assert "script-src" not in page.headers["content-security-policy"]  # default-src 'none': no script at all
    for payload in XSS:
        if any(c in payload for c in "<>\"'&"):
            assert payload not in page.text
        assert html.escape(payload) in page.text
    assert "<script" not in page.text.lower() and "<img" not in page.text and "<svg/" not in page.text
    form = service.client.get("/form", params={"site": "kaupunki", "url": evil_url, "lang": "fi"})
    assert form.status_code == 200 and XSS[1] not in form.text and "<script>" not in form.text


def test_csv_export_has_a_bom_and_guards_formulas(service):
    service.rate(service.body(comment="=HYPERLINK(\"http://evil\")", rating=1))
    service.rate(service.body(comment="Selkeä, kiitos; \"lainaus\"\nrivi", rating=4))
    content = service.client.get("/admin/kaupunki/ratings.csv", headers=service.admin()).content
    assert content.startswith(b"\xef\xbb\xbf")
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [r["comment"] for r in rows] == ["'=HYPERLINK(\"http://evil\")", "Selkeä, kiitos; \"lainaus\"\nrivi"]
    assert rows[0]["page"] == PAGE and rows[0]["rating"] == "1" and rows[0]["hour"].endswith(":00Z")


# -- dashboard numbers ---------------------------------------------------------------------------

def test_dashboard_statistics_from_many_clients(service, lint_text):
    texts = {"https://www.kaupunki.fi/fi/a": "Tule käymään. Autamme sinua.",
             "https://www.kaupunki.fi/fi/b": "Hakemus on toimitettava kirjaamoon viimeistään kuukauden kuluttua "
                                             "päätöksen tiedoksisaannista, jonka jälkeen asian käsittely aloitetaan.",
             "https://www.kaupunki.fi/fi/c": "Lomake palautetaan toimistoon. Toimisto käsittelee lomakkeen."}
    given = {"https://www.kaupunki.fi/fi/a": [4, 4, 3, 4, 4, 3], "https://www.kaupunki.fi/fi/b": [1, 2, 1, 2, 1],
             "https://www.kaupunki.fi/fi/c": [3, 3, 2, 3, 4], PAGE: [2, 3]}
    for url, text in texts.items():
        assert service.client.post("/api/v1/sites/kaupunki/pages", headers=service.admin(),
                                   json={"url": url, "lang": "fi", "text": text}).status_code == 200
    for url, values in given.items():
        for value in values:
            service.new_resident()
            assert service.rate(service.body(url=url, rating=value, paragraph=0 if url == PAGE else None)).status_code == 201
    page = service.client.get("/admin/kaupunki?lang=en", headers=service.admin()).text
    scores = {url: lint_text(text).by_language["fi"].score.value for url, text in texts.items()}
    for url, values in given.items():
        if url == PAGE:
            assert "too few ratings (under 5)" in page
            continue
        mean = statistics.mean(values)
        assert f"{mean:.2f} (" in page
        half = {5: 2.776, 6: 2.571}[len(values)] * statistics.stdev(values) / math.sqrt(len(values))
        assert f"{max(1, mean - half):.2f}–{min(4, mean + half):.2f}" in page
    r = pearson([scores[u] for u in texts], [statistics.mean(given[u]) for u in texts])
    assert f"r = {r:.2f} over 3 text versions" in page
    assert page.count("<circle") == 3
    assert "selkeys score (0–100)</text>" in page and "reader clarity (1–4)</text>" in page  # both axes named
    assert "paragraph 1 (heading): Asumistuki" in page


@pytest.mark.parametrize("query,header,lang,title", [
    ("?lang=fi", "en-GB,en;q=0.9", "fi", "Lukijapalaute: Kaupunki"),
    ("?lang=sv", None, "sv", "Läsarrespons: Kaupunki"),
    ("", "sv-FI,sv;q=0.9,en;q=0.5", "sv", "Läsarrespons: Kaupunki"),
    ("", "en-US,en;q=0.9", "en", "Reader feedback: Kaupunki"),
    ("", None, "fi", "Lukijapalaute: Kaupunki"),
    ("?lang=de", "de-DE", "fi", "Lukijapalaute: Kaupunki"),
])
def test_dashboard_speaks_the_chosen_or_the_browsers_language(service, query, header, lang, title):
    headers = {**service.admin(), **({"Accept-Language": header} if header else {})}
    answer = service.client.get(f"/admin/kaupunki{query}", headers=headers)
    assert f'<html lang="{lang}">' in answer.text and f"<h1>{title}</h1>" in answer.text
    assert answer.headers["content-language"] == lang


def test_no_empty_chart_below_the_minimum_and_the_page_says_why(service):
    for rating in (2, 3, 4):
        service.new_resident()
        assert service.rate(service.body(rating=rating)).status_code == 201
    page = service.client.get("/admin/kaupunki?lang=fi", headers=service.admin()).text
    assert "<svg" not in page
    assert ("Kaaviota ei vielä ole: tekstiversio näkyy kaaviossa, kun sillä on vähintään 5 hyväksyttyä arviota"
            in page)
    assert "3,00 (" in page and "liian vähän arvioita (alle 5)" in page  # decimal comma in Finnish


# -- the no-JavaScript form ----------------------------------------------------------------------

def test_form_without_javascript(service):
    shown = service.client.get("/form", params={"site": "kaupunki", "url": PAGE, "lang": "sv"})
    assert shown.status_code == 200 and 'lang="sv"' in shown.text and "Mycket tydlig" in shown.text
    assert "Rubrik: Asumistuki" in shown.text and "set-cookie" not in shown.headers
    fields = {"site": "kaupunki", "url": PAGE, "lang": "sv", "token": service.token_for(), "rating": "4",
              "paragraph": "1", "comment": "Bra", "website": "", "idempotency_key": "formkey12345"}
    cross = service.client.post("/form", data=fields, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403 and service.rows() == []
    foreign = service.client.post("/form", data=fields, headers={"Origin": "https://evil.example"})
    silent = service.client.post("/form", data=fields)  # neither Origin nor Sec-Fetch-Site
    assert (foreign.status_code, silent.status_code) == (403, 403) and service.rows() == []
    sent = service.client.post("/form", data=fields, headers={"Sec-Fetch-Site": "same-origin"})
    assert sent.status_code == 200 and "Tack för din respons!" in sent.text
    (row,) = service.rows()
    assert (row.rating, row.paragraph_index, row.comment, row.status) == (4, 1, "Bra", "ok")


def test_form_shows_the_scrubbed_comment_before_storing(service):
    fields = {"site": "kaupunki", "url": PAGE, "lang": "fi", "token": service.token_for(), "rating": "2",
              "paragraph": "", "comment": "Soita 040 123 4567", "website": "", "idempotency_key": "formkey99999"}
    first = service.client.post("/form", data=fields, headers={"Sec-Fetch-Site": "same-origin"})
    assert first.status_code == 400 and "Poistimme kommentista henkilötietoja" in first.text
    assert "Soita [puhelinnumero]" in first.text and "040 123" not in first.text and service.rows() == []
    confirmed = dict(fields, comment="Soita [puhelinnumero]", confirmed="1")
    second = service.client.post("/form", data=confirmed, headers={"Sec-Fetch-Site": "same-origin"})
    assert second.status_code == 200 and service.rows()[0].comment == "Soita [puhelinnumero]"


def test_form_without_rating_comes_back_with_a_message(service):
    fields = {"site": "kaupunki", "url": PAGE, "lang": "en", "token": service.token_for(), "comment": "hi",
              "idempotency_key": "formkey77777"}
    answer = service.client.post("/form", data=fields, headers={"Sec-Fetch-Site": "same-origin"})
    assert answer.status_code == 400 and "First choose how clear the page was." in answer.text
    assert 'role="alert"' in answer.text and service.rows() == []


# -- pure parts (no database) -------------------------------------------------------------------

@pytest.mark.parametrize("text,kinds", [
    ("Soita 040 123 4567", ["phone"]), ("(09) 310 1234", ["phone"]), ("+46 8 123 456 78", ["phone"]),
    ("00358401234567", ["phone"]), ("a.b+c@kunta.fi", ["email"]), ("matti.meikalainen(at)kunta.fi", ["email"]),
    ("anna [at] kommun [dot] fi", ["email"]), ("Tapaaminen (at) 12", []), ("131052-308T", ["hetu"]),
    ("010594Y9032", ["hetu"]), ("Hämeenkadulla 3 B 12 asun", ["street"]), ("Storgatan 5, 00100 Helsingfors", ["street"]),
    ("Kokous 12.3.2024 klo 14.00", []), ("Maksu 0,5 % ja 2024 euroa", []), ("Pykälä 9 ja sivu 12", []),
    ("Tie 4 on suljettu", []),
])
def test_scrub_patterns(text, kinds):
    assert scrub(text, "fi")[1] == kinds


def test_rate_limiter_refills_and_forgets_on_rotation():
    now = [0.0]
    memory = ClientMemory(per_minute=60, burst=2, rotate_seconds=100, clock=lambda: now[0])
    assert [memory.allow("10.0.0.1") for _ in range(3)][:2] == [0.0, 0.0]
    assert memory.allow("10.0.0.1") > 0 and memory.allow("10.0.0.2") == 0.0
    now[0] = 1.5
    assert memory.allow("10.0.0.1") == 0.0
    before = memory.client("10.0.0.1")
    now[0] = 200.0
    memory.allow("10.0.0.3")
    assert memory.client("10.0.0.1") != before  # new key: old hashes cannot be matched any more
    assert not any(b"10.0.0" in key for key in memory._buckets)


def test_mean_interval_and_pearson():
    values = [1, 2, 2, 3, 4, 4, 4]
    m = mean_interval(len(values), sum(values), sum(v * v for v in values))
    half = 2.447 * statistics.stdev(values) / math.sqrt(len(values))
    assert m.mean == pytest.approx(statistics.mean(values))
    assert (m.low, m.high) == (pytest.approx(statistics.mean(values) - half), pytest.approx(min(4, statistics.mean(values) + half)))
    assert mean_interval(0, 0, 0) is None and mean_interval(1, 3, 9).low == 1.0
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 2], [1, 2]) is None and pearson([1, 1, 1], [1, 2, 3]) is None


def test_settings_round_trip_through_the_environment(monkeypatch, tmp_path):
    settings = Settings(data_dir=tmp_path, monitor_token="m")
    for key, value in settings.to_env().items():
        monkeypatch.setenv(key, value)
    again = Settings.from_env()
    assert (again.url, again.monitor_token) == (settings.url, "m")
    assert Path(again.data_dir) == tmp_path


def test_form_refuses_a_long_comment_before_scrubbing_it(service, monkeypatch):
    """Issue 18 item 9: scrubbing 8 kB cost a second on the event loop; the length is checked first."""
    def no_scrub(*_args):
        raise AssertionError("a comment over the limit was scrubbed")

    monkeypatch.setattr("selkeys.server.app.scrub", no_scrub)
    fields = {"site": "kaupunki", "url": PAGE, "lang": "fi", "token": service.token_for(), "rating": "2",
              "comment": "040 123 4567 " * 500, "idempotency_key": "formkey55555"}
    answer = service.client.post("/form", data=fields, headers={"Sec-Fetch-Site": "same-origin"})
    assert answer.status_code == 400 and "enintään 300 merkkiä" in answer.text and 'role="alert"' in answer.text
    assert service.rows() == []
