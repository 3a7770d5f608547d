"""Sustained load on the feedback service, and acknowledged ratings under kill -9 (issues 7, 18).

    python benchmarks/feedback_load.py [--seconds 30] [--clients 50] [--rate 500] [--generators 2]

Starts `selkeys serve` (SQLite, the default) in a temporary data folder, registers a site and
publishes one page, then drives ratings from ``--generators`` separate processes, ``--clients``
keep-alive connections in all, each from its own loopback address (127.0.0.2, 127.0.0.3, ...;
Linux routes all of 127/8 to loopback), so the service sees as many clients as there are
connections. On a machine with two or more cores the server is pinned to the first core and
the generators to the others, so they do not take the server's CPU. Every request carries
the monitoring token: one client rating a page many times a second is far beyond the
per-client limit meant for residents (the limit check itself still runs). Every rating has
a new idempotency key; every tenth carries a comment with a phone number to scrub.

Three runs:

1. **Paced** (open loop): ``--rate`` ratings a second offered in all, evenly over the
   clients; a request's latency is counted from when it was due, not when it went out, so a
   server that falls behind is not flattered (no coordinated omission).
2. **Saturation** (closed loop): each client sends its next rating as soon as the previous
   answer arrives; ratings/s is the most the service takes, and latency includes queueing
   (with N clients in a closed loop, the mean latency is N / throughput).
3. **kill -9**, twice: the saturation load, the server killed with SIGKILL mid-run and started
   again on the same files; every rating it acknowledged (2xx with an id) must be stored.

After each run the database is read: every acknowledged id must be there. Prints a markdown
report (also written to benchmarks/out/feedback_load.md) and marks the targets met or missed.
The exit code is 0 either way: it is a report, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
TARGET_RPS = 500.0
TARGET_P99_MS = 100.0
ORIGIN = "https://www.kaupunki.fi"
PAGE = "https://www.kaupunki.fi/fi/asumistuki"
MONITOR = "benchmark-monitor-token"


# -- the load generator (runs in its own processes) ----------------------------------------------

async def _client(port: int, token: str, index: int, until: float, interval: float | None, out: dict) -> None:
    """One client: a keep-alive connection from 127.0.0.(2 + index), closed loop (interval None)
    or one rating every ``interval`` seconds (latency from when each was due)."""
    n = index + 2
    address = f"127.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0))
    except OSError as exc:
        out["errors"].append(f"connect from {address}: {exc.strerror}")
        return
    n = 0
    # paced clients start spread over one interval, so they do not all send at the same instant
    first = time.perf_counter() + ((index * 0.618034) % 1.0) * (interval or 0.0)
    try:
        while True:
            if interval is None:
                start = time.perf_counter()
            else:
                start = first + n * interval
                if start > time.perf_counter():
                    await asyncio.sleep(start - time.perf_counter())
            if start >= until:
                break
            n += 1
            body = {"url": PAGE, "rating": 1 + n % 4, "paragraph": n % 3, "token": token,
                    "idempotency_key": f"load-{index}-{n:09d}-{os.getpid()}"}
            if n % 10 == 0:
                body["comment"] = f"Liian pitkä virke. Soittakaa 040 123 {n % 10000:04d}."
            data = json.dumps(body).encode()
            request = (f"POST /api/v1/ratings?site=kaupunki HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                       f"Origin: {ORIGIN}\r\nX-Selkeys-Monitor: {MONITOR}\r\nContent-Type: application/json\r\n"
                       f"Content-Length: {len(data)}\r\n\r\n").encode() + data
            sent = time.perf_counter()
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
            done = time.perf_counter()
            out["latencies"].append(done - start)
            out["from_send"].append(done - sent)
            if 200 <= status < 300:
                out["acked"].append(json.loads(payload)["id"])
            else:
                out["errors"].append(f"HTTP {status}")
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        out["errors"].append(type(exc).__name__)  # the server went away (the kill -9 runs)
    finally:
        writer.close()


async def _drive(port: int, token: str, seconds: float, first: int, count: int, interval: float | None) -> dict:
    out: dict = {"latencies": [], "from_send": [], "acked": [], "errors": []}
    start = time.perf_counter()
    await asyncio.gather(*(_client(port, token, first + i, start + seconds, interval, out) for i in range(count)))
    out["elapsed"] = time.perf_counter() - start
    return out


def generator_main(args: list[str]) -> None:
    port, token, seconds, first, count, interval, out = args
    result = asyncio.run(_drive(int(port), token, float(seconds), int(first), int(count),
                                None if interval == "closed" else float(interval)))
    Path(out).write_text(json.dumps(result))


# -- the orchestrator ----------------------------------------------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def _cores() -> tuple[set[int] | None, set[int] | None]:
    """(server's cores, generators' cores) when there are two or more, else (None, None)."""
    cores = sorted(os.sched_getaffinity(0))
    return ({cores[0]}, set(cores[1:])) if len(cores) >= 2 else (None, None)


class Server:
    def __init__(self, data: Path, port: int, workers: int, cores: set[int] | None) -> None:
        import httpx

        selkeys = str(Path(sys.executable).parent / "selkeys")
        env = {**os.environ, "SELKEYS_SERVE_MONITOR_TOKEN": MONITOR}
        self.proc = subprocess.Popen([selkeys, "serve", "--port", str(port), "--data-dir", str(data), "--workers",
                                      str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True,
                                     preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"selkeys serve exited with {self.proc.returncode}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise SystemExit("selkeys serve did not start within 60 s")

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(30)

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)


def _generate(port: int, token: str, seconds: float, clients: int, generators: int, interval: float | None,
              cores: set[int] | None, tmp: Path, during=None) -> dict:
    """Run the generator processes; ``during`` is called once they have started (the kill -9)."""
    procs, files = [], []
    per = -(-clients // generators)
    for g in range(generators):
        count = min(per, clients - g * per)
        out = tmp / f"gen-{g}-{time.monotonic_ns()}.json"
        files.append(out)
        procs.append(subprocess.Popen(
            [sys.executable, __file__, "--generate", str(port), token, str(seconds), str(g * per), str(count),
             "closed" if interval is None else str(interval), str(out)],
            preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None))
    if during is not None:
        during()
    for p in procs:
        p.wait()
    merged: dict = {"latencies": [], "from_send": [], "acked": [], "errors": [], "elapsed": 0.0}
    for f in files:
        part = json.loads(f.read_text())
        for key in ("latencies", "from_send", "acked", "errors"):
            merged[key] += part[key]
        merged["elapsed"] = max(merged["elapsed"], part["elapsed"])
    return merged


def _stored(url: str) -> tuple[set[int], dict[str, int]]:
    from sqlalchemy import func, select

    from selkeys.server.db import make_engine, ratings

    engine = make_engine(url)
    with engine.connect() as conn:
        ids = {row.id for row in conn.execute(select(ratings.c.id))}
        statuses = dict(conn.execute(select(ratings.c.status, func.count()).group_by(ratings.c.status)).all())
    engine.dispose()
    return ids, statuses


class WalWatch:
    """The largest size the WAL file reached while the load ran."""

    def __init__(self, path: Path) -> None:
        self.path, self.largest, self._stop = path, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            try:
                self.largest = max(self.largest, self.path.stat().st_size)
            except OSError:
                pass

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.largest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rate", type=float, default=TARGET_RPS, help="ratings/s offered in the paced run")
    parser.add_argument("--generators", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--generate", nargs=7, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generator_main(args.generate)
        return

    import httpx

    from selkeys.server.db import make_engine, migrate
    from selkeys.server.sites import add_site
    from selkeys.server.versions import publish

    server_cores, generator_cores = _cores()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="selkeys-load-") as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "data"
        url = f"sqlite:///{(data / 'feedback.sqlite3').resolve()}"
        engine = make_engine(url)
        migrate(engine)
        add_site(engine, "kaupunki", "Kaupunki", [ORIGIN])
        sample = sorted((ROOT / "corpus" / "examples").glob("*.txt"))[0].read_bytes()
        publish(engine, "kaupunki", PAGE, "fi", sample, "text")
        engine.dispose()

        port = _free_port()
        server = Server(data, port, args.workers, server_cores)
        token = httpx.get(f"http://127.0.0.1:{port}/api/v1/page", params={"site": "kaupunki", "url": PAGE},
                          headers={"Origin": ORIGIN}).json()["token"]
        time.sleep(2.1)  # older than the minimum answer time, so no rating is counted as spam
        wal = WalWatch(data / "feedback.sqlite3-wal")
        paced = _generate(port, token, args.seconds, args.clients, args.generators, args.clients / args.rate,
                          generator_cores, tmp)
        saturated = _generate(port, token, args.seconds, args.clients, args.generators, None, generator_cores, tmp)
        largest_wal = wal.stop()
        time.sleep(1.5)
        wal_after = (data / "feedback.sqlite3-wal").stat().st_size
        server.stop()
        stored, statuses = _stored(url)
        lost_normal = len(set(paced["acked"] + saturated["acked"]) - stored)

        crashes = []
        for _ in range(2):
            server = Server(data, port, args.workers, server_cores)

            def kill_soon(server: Server = server) -> None:
                time.sleep(min(5.0, args.seconds / 2))
                server.kill()

            run = _generate(port, token, min(20.0, args.seconds), args.clients, args.generators, None,
                            generator_cores, tmp, during=kill_soon)
            Server(data, port, args.workers, server_cores).stop()  # WAL recovery on the next start
            stored, _ = _stored(url)
            crashes.append((len(run["acked"]), len(set(run["acked"]) - stored)))

    def summary(run: dict) -> tuple[float, float, float, int]:
        latencies = sorted(run["latencies"])
        return (len(run["acked"]) / run["elapsed"], _percentile(latencies, 50) * 1000,
                _percentile(latencies, 99) * 1000, len(run["errors"]))

    def mark(ok: bool) -> str:
        return "met" if ok else "missed"

    p_rps, p_p50, p_p99, p_err = summary(paced)
    sent = sorted(paced["from_send"])
    sent_p50, sent_p99 = _percentile(sent, 50) * 1000, _percentile(sent, 99) * 1000
    s_rps, s_p50, s_p99, s_err = summary(saturated)
    lost_crash = sum(lost for _, lost in crashes)
    pinning = (f"server pinned to core {sorted(server_cores)}, generators to cores {sorted(generator_cores)}"
               if server_cores else "one core: server and generators share it")
    lines = [
        "# Feedback service load",
        "",
        f"{args.clients} clients (each a keep-alive connection from its own loopback address) in "
        f"{args.generators} generator processes; `selkeys serve`, {args.workers} worker(s), SQLite (WAL, "
        f"synchronous=NORMAL); {pinning}; {args.seconds:.0f} s per run.",
        "",
        "| run | acknowledged ratings/s | p50 | p99 | errors | target |",
        "|---|---:|---:|---:|---:|---|",
        f"| paced, {args.rate:.0f} ratings/s offered | {p_rps:.0f} | {p_p50:.1f} ms | {p_p99:.1f} ms | {p_err} | "
        f"≥ {TARGET_RPS:.0f}/s with p99 < {TARGET_P99_MS:.0f} ms: "
        f"{mark(p_rps >= TARGET_RPS * 0.98 and p_p99 < TARGET_P99_MS)} |",
        f"| saturation (closed loop) | {s_rps:.0f} | {s_p50:.1f} ms | {s_p99:.1f} ms | {s_err} | "
        f"≥ {TARGET_RPS:.0f}/s: {mark(s_rps >= TARGET_RPS)} |",
        "",
        f"Paced run counted from when each request went out instead of when it was due: p50 {sent_p50:.1f} ms, "
        f"p99 {sent_p99:.1f} ms (the difference is time the generators themselves fell behind, e.g. when "
        "other work took their core).",
        "",
        f"Lost acknowledged ratings after a clean stop: {lost_normal} (target 0: {mark(lost_normal == 0)}). "
        f"Stored by status: {statuses}.",
        "",
        "kill -9 mid-run, then a restart on the same files: "
        + "; ".join(f"{acked} acknowledged, {lost} lost" for acked, lost in crashes)
        + f" (target 0 lost: {mark(lost_crash == 0)}).",
        "",
        f"WAL file: at most {largest_wal / 1e6:.1f} MB during the load, {wal_after / 1e6:.1f} MB 1.5 s after it.",
        f"Error kinds: {sorted(set(paced['errors'] + saturated['errors']))[:5] or 'none'}.",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"load average {load[0]:.1f} before the runs, {os.getloadavg()[0]:.1f} after them (other work on the "
        "machine takes CPU from both the server and the generators).",
    ]
    report = "\n".join(lines) + "\n"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "feedback_load.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
