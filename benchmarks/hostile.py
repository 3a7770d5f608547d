"""Hostile-input suite: the real ``selkeys`` command on generated attack inputs, each with a
time budget and a peak-memory budget (issue 18).

Run with ``make bench`` or ``.venv/bin/python benchmarks/hostile.py [--only SUBSTRING]``.
Every case runs as its own process (``selkeys check ...``, the language server, or the web
service), reaped with ``os.wait4`` so its peak RSS (the largest of it and its worker
processes) is known exactly. A watchdog kills a case that runs past twice its time budget or
whose process group grows past ``--kill-mb``, so a regression cannot take the machine down;
such a case is reported as FAIL with what it had reached. The table is printed and written
to ``benchmarks/out/hostile.md``. A report, not a test: the exit code is 0 whatever failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile_cases import CASES, Case, Route, Server  # noqa: E402
from provenance import git_revision  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
REPORT_FILE = OUT / "hostile.md"
KILL_FACTOR = 2.0  # a case is stopped at this many times its time budget
POLL_SECONDS = 0.1


@dataclass
class Outcome:
    case: Case
    seconds: float
    peak_mb: float
    exit_code: int | None  # None: killed by the watchdog
    problem: str | None  # why it failed beyond time and memory (exit code, output check, kill)

    @property
    def ok(self) -> bool:
        return (self.problem is None and self.seconds <= self.case.seconds and self.peak_mb <= self.case.mb)


# -- processes ---------------------------------------------------------------------------
def _group_rss_mb(pgid: int) -> float:
    """Resident memory of every process in the group (the command and its workers)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            if int(fields[2]) == pgid:  # field 5 of stat: process group
                total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")  # field 24: rss in pages
        except (OSError, IndexError, ValueError):
            continue
    return total / 1_048_576


class Watchdog(threading.Thread):
    """Kills the process group past the hard limits and remembers the largest group RSS seen."""

    def __init__(self, proc: subprocess.Popen, seconds: float, kill_mb: float) -> None:
        super().__init__(daemon=True)
        self.proc, self.deadline, self.kill_mb = proc, time.monotonic() + seconds, kill_mb
        self.killed: str | None = None
        self.peak_group_mb = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(POLL_SECONDS):
            rss = _group_rss_mb(self.proc.pid)
            self.peak_group_mb = max(self.peak_group_mb, rss)
            if time.monotonic() > self.deadline:
                self.killed = "killed at the time limit"
            elif rss > self.kill_mb:
                self.killed = f"killed at {rss:.0f} MB"
            if self.killed:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                return


def _reap(proc: subprocess.Popen) -> tuple[int, float]:
    """Exit code and peak RSS in MB of a finished child (and the workers it waited for)."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024


def _reap_within(proc: subprocess.Popen, seconds: float) -> tuple[int, float]:
    """Like :func:`_reap`, killing the process group if it has not ended within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, usage.ru_maxrss / 1024
        time.sleep(0.05)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return _reap(proc)


# -- drivers -------------------------------------------------------------------------------
def run_cli(case: Case, argv: list[str], folder: Path, kill_mb: float) -> Outcome:
    stdout_path, stderr_path = folder / "stdout", folder / "stderr"
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=folder,
                                start_new_session=True)
        dog = Watchdog(proc, case.seconds * KILL_FACTOR, kill_mb)
        dog.start()
        code, peak = _reap(proc)
        seconds = time.perf_counter() - start
        dog.done.set()
    problem = dog.killed
    if problem is None and code not in case.exits:
        tail = stderr_path.read_text(errors="replace").strip().splitlines()[-1:] or [""]
        problem = f"exit {code} ({tail[0][:80]})"
    if problem is None and case.check is not None:
        try:
            problem = case.check(stdout_path.read_text(encoding="utf-8-sig"))
        except (ValueError, KeyError, IndexError) as exc:
            problem = f"unreadable output ({exc.__class__.__name__})"
    return Outcome(case, seconds, max(peak, 0.0), None if dog.killed else code, problem)


def _lsp_message(payload: dict) -> bytes:
    body = json.dumps(payload).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def _lsp_read(stream) -> dict:
    length = 0
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


def run_lsp(case: Case, argv: list[str], folder: Path, kill_mb: float) -> Outcome:
    """Time from opening the document to its diagnostics (the server is started first)."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            cwd=folder, start_new_session=True)
    dog = Watchdog(proc, case.seconds * KILL_FACTOR + 30, kill_mb)
    dog.start()
    uri = (folder / "doc.md").as_uri()
    problem, seconds = None, 0.0
    try:
        proc.stdin.write(_lsp_message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                       "params": {"processId": None, "rootUri": folder.as_uri(), "capabilities": {}}}))
        proc.stdin.flush()
        while "id" not in (reply := _lsp_read(proc.stdout)) or reply.get("id") != 1:
            pass
        proc.stdin.write(_lsp_message({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        start = time.perf_counter()
        proc.stdin.write(_lsp_message({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": case.payload}}}))
        proc.stdin.flush()
        while True:
            message = _lsp_read(proc.stdout)
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                break
        seconds = time.perf_counter() - start
        proc.stdin.write(_lsp_message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        proc.stdin.write(_lsp_message({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.flush()
    except (EOFError, OSError, ValueError) as exc:
        problem = dog.killed or f"no diagnostics ({exc})"
    code, peak = _reap_within(proc, 10)
    dog.done.set()
    return Outcome(case, seconds, peak, code, problem)


def _get(port: int, path: str, body: dict | None = None, timeout: float = 120) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        if body is None:
            conn.request("GET", path)
        else:
            conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
        return conn.getresponse().status
    finally:
        conn.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_serve(case: Case, argv: list[str], folder: Path, kill_mb: float) -> Outcome:
    """The slowest /healthz answer while the playground lints the payload (budget: seconds)."""
    port = _free_port()
    proc = subprocess.Popen([*argv, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=folder, start_new_session=True)
    dog = Watchdog(proc, 300, kill_mb)
    dog.start()
    problem, slowest = None, 0.0
    try:
        for _ in range(300):
            try:
                if _get(port, "/healthz", timeout=2) == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise OSError("the service did not start")
        lint = threading.Thread(target=lambda: _get(port, "/api/playground/lint",
                                                    {"text": case.payload, "lang": "fi"}), daemon=True)
        lint.start()
        time.sleep(0.2)
        while lint.is_alive():
            start = time.perf_counter()
            _get(port, "/healthz", timeout=case.seconds * 60)
            slowest = max(slowest, time.perf_counter() - start)
            time.sleep(0.1)
    except OSError as exc:
        problem = f"{exc}"
    os.killpg(proc.pid, signal.SIGTERM)
    _, peak = _reap_within(proc, 10)
    dog.done.set()
    return Outcome(case, slowest, peak, 0, problem)


DRIVERS = {"cli": run_cli, "lsp": run_lsp, "serve": run_serve}


# -- the local web server for fetching cases ---------------------------------------------------
def start_server(server: Server) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            route = server.routes.get(self.path.split("?")[0])
            if route is None:
                self.send_error(404)
                return
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            try:
                if not route.trickle:
                    self.wfile.write(route.body)
                    return
                for byte in route.body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(route.trickle)
            except OSError:
                pass

        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


# -- report ------------------------------------------------------------------------------------
def render(outcomes: list[Outcome], selkeys: str) -> str:
    failed = [o for o in outcomes if not o.ok]
    lines = [
        "# Hostile-input suite (issue 18)",
        "",
        f"Generated {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on commit {git_revision()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs; command `{selkeys}`.",
        "",
        f"**{len(outcomes) - len(failed)} of {len(outcomes)} cases within budget.** Seconds are wall time of the "
        "whole process (for `lsp`: from opening the document to its diagnostics; for `serve`: the slowest "
        "health check while the playground lints), peak MB the largest resident set of the process or one "
        f"of its workers. A case is killed at {KILL_FACTOR:g}× its time budget.",
        "",
        "| case | area | seconds | peak MB | exit | budget | result |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for o in outcomes:
        exit_code = "killed" if o.exit_code is None else str(o.exit_code)
        budget = f"{o.case.seconds:g} s, {o.case.mb:g} MB, exit {'/'.join(map(str, sorted(o.case.exits)))}"
        result = "ok" if o.ok else "FAIL" + (f": {o.problem}" if o.problem else "")
        lines.append(f"| {o.case.name} | {o.case.area} | {o.seconds:.2f} | {o.peak_mb:.0f} | {exit_code} | "
                     f"{budget} | {result} |")
    lines += ["", "What each case is:", ""]
    lines += [f"- `{o.case.name}`: {o.case.about}" for o in outcomes]
    return "\n".join(lines) + "\n"


def build(name: str, folder: Path) -> None:
    """Write one case's input (run as a child process: see ``_built``) and print its arguments
    and the web routes it needs as JSON."""
    case = next(c for c in CASES if c.name == name)
    server = Server()
    server.base = "{base}"
    argv = case.build(folder, server)
    routes = {path: {"status": r.status, "headers": r.headers, "body": r.body.decode("latin-1"), "trickle": r.trickle}
              for path, r in server.routes.items()}
    print(json.dumps({"argv": argv, "routes": routes}))


def _built(case: Case, folder: Path, server: Server) -> list[str]:
    """The case's arguments, its input written by a child process. Generating a large input
    here would grow this process, and a child started from it inherits its peak RSS in
    ``ru_maxrss`` (Linux keeps the high-water mark across fork and exec)."""
    done = subprocess.run([sys.executable, __file__, "--build", case.name, str(folder)], capture_output=True,
                          text=True, check=True)
    data = json.loads(done.stdout)
    for path, route in data["routes"].items():
        server.routes[path] = Route(route["status"], route["headers"], route["body"].encode("latin-1"),
                                    route["trickle"])
    return [arg.replace("{base}", server.base) for arg in data["argv"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", nargs=2, metavar=("CASE", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--only", action="append", default=[], help="run cases whose name contains this")
    parser.add_argument("--selkeys", default=str(Path(sys.executable).parent / "selkeys"),
                        help="the selkeys command to attack (default: this venv's)")
    parser.add_argument("--kill-mb", type=float, default=4096, help="kill a case whose processes use more")
    parser.add_argument("--out", default=str(REPORT_FILE), help="where to write the report")
    args = parser.parse_args()
    if args.build:
        build(args.build[0], Path(args.build[1]))
        return
    selkeys = args.selkeys if Path(args.selkeys).exists() else (shutil.which("selkeys") or "selkeys")
    cases = [c for c in CASES if not args.only or any(s in c.name for s in args.only)]
    server = Server()
    httpd = start_server(server)
    outcomes = []
    env_cache = tempfile.mkdtemp(prefix="selkeys-hostile-cache-")
    os.environ["SELKEYS_CACHE_DIR"] = env_cache  # never the user's cache
    try:
        for case in cases:
            with tempfile.TemporaryDirectory(prefix="selkeys-hostile-") as tmp:
                folder = Path(tmp)
                argv = [selkeys, *_built(case, folder, server)]
                outcome = DRIVERS[case.driver](case, argv, folder, args.kill_mb)
            outcomes.append(outcome)
            print(f"{case.name:<28} {outcome.seconds:8.2f} s {outcome.peak_mb:7.0f} MB  "
                  f"exit {outcome.exit_code}  {'ok' if outcome.ok else 'FAIL'} {outcome.problem or ''}", flush=True)
    finally:
        httpd.shutdown()
        shutil.rmtree(env_cache, ignore_errors=True)
    report = render(outcomes, selkeys)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report, encoding="utf-8")
    print()
    print(report)


if __name__ == "__main__":
    main()
