"""One anonymous request must not freeze the service (issue 18 item 1): the playground's engine
work runs in worker processes under a deadline, so /healthz and the rating API answer at once
while a lint request that would hold the GIL for many seconds is in flight, the slow request
gets 503 at its deadline, its worker is replaced, and the playground is rate-limited per
client. The engine is replaced by a deliberately slow fake (tests/slow_engine.py)."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

import slow_engine
from feedback_helpers import running_app
from selkeys.server.app import create_app
from selkeys.server.pool import EnginePool
from selkeys.server.settings import Settings
from selkeys.server.sites import add_site
from selkeys.server.versions import publish

ORIGIN = "https://www.kaupunki.fi"
PAGE = "https://www.kaupunki.fi/fi/asuminen"
DEADLINE = 3.0


@pytest.fixture
def service(tmp_path):
    pool = EnginePool(slow_engine.handle, workers=1, deadline=DEADLINE)
    app = create_app(Settings(data_dir=tmp_path, playground_per_minute=600), pool)
    feedback = app.state.feedback
    add_site(feedback.engine, "kaupunki", "Kaupunki", [ORIGIN])
    publish(feedback.engine, "kaupunki", PAGE, "fi", b"Hakemus on toimitettava kirjaamoon.\n", "text")
    with running_app(app) as base:
        yield base, feedback


def lint(base: str, text: str, out: dict | None = None) -> httpx.Response:
    answer = httpx.post(f"{base}/api/playground/lint", json={"text": text}, timeout=60)
    if out is not None:
        out["answer"] = answer
    return answer


def test_health_and_ratings_stay_fast_while_a_slow_lint_runs(service):
    base, feedback = service
    assert lint(base, "nopea").json() == {"kind": "lint", "text": "nopea"}  # the worker is up
    slow: dict = {}
    started = time.monotonic()
    thread = threading.Thread(target=lint, args=(base, "hidas teksti", slow))
    thread.start()
    time.sleep(0.5)  # the worker is inside the regular expression now
    with httpx.Client(base_url=base, timeout=30) as client:
        for _ in range(5):
            begin = time.monotonic()
            assert client.get("/healthz").text == "ok"
            assert time.monotonic() - begin < 0.5
        token = feedback.service.issue_token("kaupunki", time.time() - 10)
        begin = time.monotonic()
        rated = client.post("/api/v1/ratings?site=kaupunki", headers={"Origin": ORIGIN},
                            json={"url": PAGE, "rating": 3, "token": token, "idempotency_key": "while-slow-1"})
        assert rated.status_code == 201 and time.monotonic() - begin < 0.5
    assert thread.is_alive()  # the slow request was still in flight through all of that
    thread.join(30)
    answer = slow["answer"]
    assert answer.status_code == 503 and answer.json()["code"] == "busy" and answer.headers["retry-after"]
    assert DEADLINE - 0.5 < time.monotonic() - started < DEADLINE + 5
    assert lint(base, "nopea taas").status_code == 200  # a fresh worker took the killed one's place


def test_requests_beyond_the_queue_are_refused_at_once(service):
    base, _feedback = service
    assert lint(base, "nopea").status_code == 200
    answers: list[httpx.Response] = []
    threads = [threading.Thread(target=lambda: answers.append(lint(base, "hidas"))) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    codes = sorted(a.status_code for a in answers)
    assert codes == [503] * 6  # four waited for the deadline, two more were refused at once
    assert sum(1 for a in answers if "too many requests are waiting" in a.json()["error"]) == 2


def test_the_playground_is_rate_limited_per_client(tmp_path):
    pool = EnginePool(slow_engine.handle, workers=1, deadline=DEADLINE)
    app = create_app(Settings(data_dir=tmp_path, playground_per_minute=6), pool)
    with running_app(app) as base:
        codes = [lint(base, f"nopea {n}").status_code for n in range(5)]
        limited = lint(base, "nopea")
    assert codes[:3] == [200] * 3 and 429 in codes
    assert limited.json()["code"] == "rate_limit" and int(limited.headers["retry-after"]) >= 1
