"""Crash safety: every rating the server acknowledged (2xx) is in the database after the
server process is killed with SIGKILL in the middle of accepting ratings and started again.

This is what WAL with synchronous=NORMAL promises for a process crash (see selkeys/server/db.py).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from feedback_helpers import free_port, serve

pytestmark = pytest.mark.slow  # servers killed with SIGKILL and started again
from selkeys.server.db import make_engine, ratings

ORIGIN = "https://www.kaupunki.fi"
PAGE = "https://www.kaupunki.fi/fi/asuminen"
MONITOR = "crash-test-monitor"


def _cli(*args: str, data_dir: Path) -> str:
    selkeys = str(Path(sys.executable).parent / "selkeys")
    done = subprocess.run([selkeys, "feedback", *args, "--data-dir", str(data_dir)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _post_until_refused(port: int, token: str, acked: list[int], stop: threading.Event, worker: int) -> None:
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5.0) as client:
        n = 0
        while not stop.is_set():
            n += 1
            body = {"url": PAGE, "rating": 1 + n % 4, "token": token, "idempotency_key": f"crash-{worker}-{n:08d}"}
            try:
                answer = client.post("/api/v1/ratings?site=kaupunki", json=body,
                                     headers={"Origin": ORIGIN, "X-Selkeys-Monitor": MONITOR})
            except httpx.HTTPError:
                return  # the server is gone: this request was never acknowledged
            if 200 <= answer.status_code < 300:
                acked.append(answer.json()["id"])


def test_acknowledged_ratings_survive_sigkill(tmp_path, monkeypatch):
    data = tmp_path / "data"
    _cli("site", "add", "kaupunki", "--origin", ORIGIN, data_dir=data)
    page_file = tmp_path / "sivu.txt"
    page_file.write_text("Asumistuki\n\nHakemus on toimitettava kirjaamoon ajoissa.\n", encoding="utf-8")
    _cli("publish", str(page_file), "--site", "kaupunki", "--url", PAGE, "--lang", "fi", data_dir=data)
    monkeypatch.setenv("SELKEYS_SERVE_MONITOR_TOKEN", MONITOR)
    port = free_port()
    acked: list[int] = []
    with serve(data, port) as proc:
        page = httpx.get(f"http://127.0.0.1:{port}/api/v1/page", params={"site": "kaupunki", "url": PAGE},
                         headers={"Origin": ORIGIN}).json()
        time.sleep(2.1)  # the form token must be older than the minimum answer time
        stop = threading.Event()
        threads = [threading.Thread(target=_post_until_refused, args=(port, page["token"], acked, stop, i))
                   for i in range(4)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 20
        while len(acked) < 300 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)  # mid-stream: the four clients are still sending
        proc.wait(10)
        stop.set()
        for t in threads:
            t.join(10)
    assert proc.returncode == -signal.SIGKILL
    assert len(acked) >= 300, "the server acknowledged too few ratings before the kill to test anything"

    with serve(data, free_port()):  # starts again on the same files (WAL recovery)
        engine = make_engine(f"sqlite:///{(data / 'feedback.sqlite3').resolve()}")
        with engine.connect() as conn:
            stored = {row.id for row in conn.execute(select(ratings.c.id))}
        engine.dispose()
    missing = set(acked) - stored
    assert not missing, f"{len(missing)} acknowledged ratings lost, e.g. {sorted(missing)[:5]}"
