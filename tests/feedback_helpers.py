"""Helpers for the feedback service's tests: a throwaway PostgreSQL cluster, free ports,
and starting `selkeys serve` as a subprocess.

PostgreSQL: Debian's server binaries (package ``postgresql``, in the Makefile's apt list)
under /usr/lib/postgresql/<version>/bin. The cluster lives in a temporary folder, listens
only on 127.0.0.1 and a free port, trusts local connections, and is stopped at the end.
PostgreSQL refuses to run as root, so under root (CI) the cluster runs as the unprivileged
``nobody`` user through ``runuser`` (util-linux), with the folder handed to that user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found: apt-get install postgresql (make test does)")
    return Path(found[-1]).parent


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """Yields a SQLAlchemy URL of a fresh cluster's ``postgres`` database (psycopg 3 driver)."""
    bindir = postgres_bindir()
    folder = Path(tempfile.mkdtemp(prefix="selkeys-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
        prefix = ["runuser", "-u", "nobody", "--"]
    data = folder / "data"
    port = free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    try:
        subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                        "-E", "UTF8", "--no-sync"], check=True, capture_output=True, env=env, cwd=folder)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"),
                        "-w", "-t", "60", "start"], check=True, capture_output=True, env=env, cwd=folder)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, env=env, cwd=folder)
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    """A new empty database on the cluster, so each test starts clean."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:16]
    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


@contextmanager
def serve(data_dir: Path, port: int, *extra: str) -> Iterator[subprocess.Popen]:
    """`selkeys serve` as a subprocess, waiting until /healthz answers; killed at the end."""
    proc = subprocess.Popen([str(Path(sys.executable).parent / "selkeys"), "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--data-dir", str(data_dir), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        wait_ready(port, proc)
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        if proc.stdout:
            proc.stdout.close()


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            output = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
            raise RuntimeError(f"selkeys serve exited with {proc.returncode}:\n{output}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("selkeys serve did not start in time")


@contextmanager
def running_app(app) -> Iterator[str]:
    """An ASGI app served by uvicorn in a thread on a free loopback port, lifespan included
    (so the app's shutdown runs at the end); yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False,
                                           proxy_headers=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
