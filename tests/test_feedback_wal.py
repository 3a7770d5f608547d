"""The SQLite WAL stays bounded under sustained writes and shrinks after them (issue 18 item 7).
Before, a passive checkpoint every second never caught up with the writers: the log grew by
about 20 kB per rating (357 MB after 40 s of load) and stayed that size afterwards."""

from __future__ import annotations

import time

from selkeys.server.app import create_app
from selkeys.server.db import WAL_LIMIT_BYTES
from selkeys.server.settings import Settings
from selkeys.server.sites import add_site
from selkeys.server.versions import publish

PAGE = "https://www.kaupunki.fi/fi/asuminen"
RATINGS = 6000  # about 120 MB of WAL without the complete checkpoints
# the limit plus what about a second of writes adds at well over 3,000 ratings/s: on a loaded
# machine the checkpointer once lagged to 61.6 MB against a bound of 48 MB (a quarter second),
# while the bug this guards against gives ~120 MB here and keeps growing
BOUND = 80 * 1024 * 1024


def test_wal_stays_bounded_under_sustained_writes_and_shrinks_after(tmp_path):
    app = create_app(Settings(data_dir=tmp_path))
    feedback = app.state.feedback
    try:
        add_site(feedback.engine, "kaupunki", "Kaupunki", ["https://www.kaupunki.fi"])
        publish(feedback.engine, "kaupunki", PAGE, "fi", b"Hakemus on toimitettava kirjaamoon.\n", "text")
        site = feedback.site("kaupunki")
        token = feedback.service.issue_token("kaupunki", time.time() - 10)
        wal = tmp_path / "feedback.sqlite3-wal"
        largest = 0
        for n in range(RATINGS):
            feedback.service.submit(site, {"url": PAGE, "rating": 1 + n % 4, "token": token, "comment": "x" * 250,
                                           "idempotency_key": f"wal-{n:08d}"}, f"198.51.100.{n % 200}")
            if n % 50 == 0:
                largest = max(largest, wal.stat().st_size if wal.exists() else 0)
        assert WAL_LIMIT_BYTES < largest <= BOUND, f"largest WAL {largest / 1e6:.1f} MB"
        deadline = time.monotonic() + 10
        while wal.stat().st_size > WAL_LIMIT_BYTES and time.monotonic() < deadline:
            time.sleep(0.1)
        assert wal.stat().st_size <= WAL_LIMIT_BYTES  # the load is over: the log has been cut back
        with feedback.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM ratings").scalar_one() == RATINGS
    finally:
        feedback.close()
