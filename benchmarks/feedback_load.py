"""Sustained load on the feedback service over loopback (issue 7).

    python benchmarks/feedback_load.py [--seconds 60] [--concurrency 8] [--workers 1]

Starts `selkeys serve` with the embedded SQLite default in a temporary data folder,
registers a site and publishes one page, then drives ratings from a separate process: an
asyncio client with ``--concurrency`` keep-alive connections, each sending the next rating
as soon as the previous answer arrives (a closed loop, so latency includes queueing).
Every rating carries a new idempotency key. All load comes from one address, so the requests
carry the monitoring token that skips the per-client rate limit (the limit check itself
still runs). After the run the server is stopped and the database is read: every
acknowledged (2xx) rating id must be there.

Prints a markdown report (also written to benchmarks/out/feedback_load.md) with requests/s,
p50/p99 latency, errors and lost acknowledged ratings, and marks the targets met or missed.
The exit code is 0 either way: it is a report, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
TARGET_RPS = 500.0
TARGET_P99_MS = 50.0
ORIGIN = "https://www.kaupunki.fi"
PAGE = "https://www.kaupunki.fi/fi/asumistuki"
MONITOR = "benchmark-monitor-token"


# -- the load generator (runs in its own process) ------------------------------------------------

async def _connection(port: int, token: str, worker: int, until: float, latencies: list[float],
                      acked: list[int], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    n = 0
    try:
        while time.perf_counter() < until:
            n += 1
            body = json.dumps({"url": PAGE, "rating": 1 + n % 4, "paragraph": n % 3, "token": token,
                               "idempotency_key": f"load-{worker}-{n:09d}"}).encode()
            request = (f"POST /api/v1/ratings?site=kaupunki HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                       f"Origin: {ORIGIN}\r\nX-Selkeys-Monitor: {MONITOR}\r\nContent-Type: application/json\r\n"
                       f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            start = time.perf_counter()
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            payload = await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if 200 <= status < 300:
                acked.append(json.loads(payload)["id"])
            else:
                errors.append(f"HTTP {status}")
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        errors.append(type(exc).__name__)
    finally:
        writer.close()


async def _drive(port: int, token: str, seconds: float, concurrency: int) -> dict:
    latencies: list[float] = []
    acked: list[int] = []
    errors: list[str] = []
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(*(_connection(port, token, i, until, latencies, acked, errors) for i in range(concurrency)))
    return {"elapsed": time.perf_counter() - start, "latencies": latencies, "acked": acked, "errors": errors}


def generator_main(port: int, token: str, seconds: float, concurrency: int, out: Path) -> None:
    out.write_text(json.dumps(asyncio.run(_drive(port, token, seconds, concurrency))))


# -- the orchestrator ----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def _wait_ready(port: int, proc: subprocess.Popen) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"selkeys serve exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("selkeys serve did not start within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--generate", nargs=5, metavar=("PORT", "TOKEN", "SECONDS", "CONCURRENCY", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        port, token, seconds, concurrency, out = args.generate
        generator_main(int(port), token, float(seconds), int(concurrency), Path(out))
        return

    import httpx
    from sqlalchemy import select

    from selkeys.server.db import make_engine, migrate, ratings
    from selkeys.server.sites import add_site
    from selkeys.server.versions import publish

    selkeys = str(Path(sys.executable).parent / "selkeys")
    with tempfile.TemporaryDirectory(prefix="selkeys-load-") as tmp:
        data = Path(tmp) / "data"
        url = f"sqlite:///{(data / 'feedback.sqlite3').resolve()}"
        engine = make_engine(url)
        migrate(engine)
        add_site(engine, "kaupunki", "Kaupunki", [ORIGIN])
        text = (ROOT / "corpus" / "examples").glob("*.txt")
        sample = next(iter(sorted(text))).read_bytes()
        publish(engine, "kaupunki", PAGE, "fi", sample, "text")
        engine.dispose()

        port = _free_port()
        env = {**os.environ, "SELKEYS_SERVE_MONITOR_TOKEN": MONITOR}
        server = subprocess.Popen([selkeys, "serve", "--port", str(port), "--data-dir", str(data),
                                   "--workers", str(args.workers)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            _wait_ready(port, server)
            token = httpx.get(f"http://127.0.0.1:{port}/api/v1/page", params={"site": "kaupunki", "url": PAGE},
                              headers={"Origin": ORIGIN}).json()["token"]
            time.sleep(2.1)  # older than the minimum answer time, so no rating is counted as spam
            results = Path(tmp) / "results.json"
            subprocess.run([sys.executable, __file__, "--generate", str(port), token, str(args.seconds),
                            str(args.concurrency), str(results)], check=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
        run = json.loads(results.read_text())
        engine = make_engine(url)
        with engine.connect() as conn:
            stored = {row.id for row in conn.execute(select(ratings.c.id))}
            ok = sum(1 for row in conn.execute(select(ratings.c.status)) if row.status == "ok")
        engine.dispose()

    latencies = sorted(run["latencies"])
    rps = len(run["acked"]) / run["elapsed"]
    p50, p99 = _percentile(latencies, 50) * 1000, _percentile(latencies, 99) * 1000
    lost = len(set(run["acked"]) - stored)
    errors = len(run["errors"])

    def mark(ok_: bool) -> str:
        return "met" if ok_ else "missed"

    lines = [
        "# Feedback service load",
        "",
        f"Run: {args.seconds:.0f} s, {args.concurrency} keep-alive connections (closed loop), "
        f"{args.workers} worker(s), SQLite (WAL, synchronous=NORMAL), loopback.",
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
        f"| acknowledged ratings/s | {rps:.0f} | ≥ {TARGET_RPS:.0f} | {mark(rps >= TARGET_RPS)} |",
        f"| p50 latency | {p50:.1f} ms | | |",
        f"| p99 latency | {p99:.1f} ms | < {TARGET_P99_MS:.0f} ms | {mark(p99 < TARGET_P99_MS)} |",
        f"| errors | {errors} | 0 | {mark(errors == 0)} |",
        f"| lost acknowledged ratings | {lost} | 0 | {mark(lost == 0)} |",
        "",
        f"Requests answered: {len(latencies)}; acknowledged: {len(run['acked'])}; stored with status ok: {ok} "
        "(one client rating one page: after its first rating the service stores the rest as duplicates, "
        "which is the same insert).",
        f"Error kinds: {sorted(set(run['errors']))[:5] or 'none'}.",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs.",
    ]
    report = "\n".join(lines) + "\n"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "feedback_load.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
