"""Deadlines of the web fetcher (issue 18 item 3): a server that sends a byte at a time, in
its headers or its body, cannot hold a page past ``page_timeout``, and a Retry-After beyond
what selkeys waits for one URL ends the attempts at once instead of stalling the run.

Each test runs its own small server (a raw socket, so it can misbehave exactly), so nothing
carries over between tests. The time bounds are generous: they tell a deadline that worked
from a fetch that hangs, not how fast anything is.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from selkeys.fetch.client import Fetcher, FetchSettings

PAGE = b"<html lang='fi'><body><main><p>Voit hakea tukea verkossa.</p></main></body></html>"


def _answer(status: str, body: bytes = b"", extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n{extra}\r\n").encode() + body


@contextmanager
def raw_server(answer: Callable[[str, socket.socket], None]) -> Iterator[tuple[str, list[str]]]:
    """A loopback server calling ``answer(path, connection)`` for each request; /robots.txt is a 404."""
    listener = socket.create_server(("127.0.0.1", 0))
    paths: list[str] = []
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                path = request.split(b" ", 2)[1].decode()
                paths.append(path)
                if path == "/robots.txt":
                    conn.sendall(_answer("404 Not Found"))
                else:
                    answer(path, conn)
            except OSError:
                pass  # the client gave up, as it should

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", paths
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def trickle(data: bytes, conn: socket.socket, every: float = 0.05) -> None:
    for i in range(len(data)):
        if conn.send(data[i:i + 1]) == 0:
            return
        time.sleep(every)


def fetch(url: str, **settings) -> tuple[object, float]:
    base = dict(allow_private=True, timeout=5.0, page_timeout=1.0, backoff=0.05, retries=3)
    with Fetcher(FetchSettings(**{**base, **settings})) as fetcher:
        start = time.monotonic()
        result = fetcher.page(url)
        return result, time.monotonic() - start


def test_a_body_sent_a_byte_at_a_time_is_cut_at_the_page_deadline():
    body = PAGE * 20  # 1,600 bytes at 20 a second: over a minute

    def slow_body(_path: str, conn: socket.socket) -> None:
        head = _answer("200 OK").replace(b"Content-Length: 0", f"Content-Length: {len(body)}".encode())
        conn.sendall(head)
        trickle(body, conn)

    with raw_server(slow_body) as (base, _):
        result, took = fetch(base + "/hidas.html")
    assert result.body is None
    assert result.error == "timed out (the page did not arrive in full within 1 s)"
    assert took < 10


def test_headers_sent_a_byte_at_a_time_are_cut_at_the_page_deadline():
    with raw_server(lambda _p, c: trickle(_answer("200 OK", PAGE), c)) as (base, _):
        result, took = fetch(base + "/hidas.html")
    assert result.error == "timed out (the page did not arrive in full within 1 s)"
    assert took < 10


def test_a_page_inside_the_deadline_is_read_as_before():
    with raw_server(lambda _p, c: c.sendall(_answer("200 OK", PAGE))) as (base, _):
        result, _took = fetch(base + "/nopea.html", page_timeout=30.0)
    assert result.error is None and result.body == PAGE


def test_a_huge_retry_after_is_not_waited_for():
    with raw_server(lambda _p, c: c.sendall(_answer("503 Service Unavailable", b"busy", "Retry-After: 100000\r\n"))) \
            as (base, paths):
        result, took = fetch(base + "/ruuhka.html")
    assert result.status == 503
    assert result.error == ("HTTP 503; the server asked to wait 100000 s before trying again, more than selkeys "
                            "waits for one page (60 s in all)")
    assert paths.count("/ruuhka.html") == 1 and took < 10


def test_retry_waits_for_one_url_stay_within_their_total():
    with raw_server(lambda _p, c: c.sendall(_answer("429 Too Many Requests", b"busy", "Retry-After: 1\r\n"))) \
            as (base, paths):
        result, _took = fetch(base + "/ruuhka.html", max_retry_wait=1.5, retries=5)
    # waited 1 s after the first answer; a second second would pass the 1.5 s budget
    assert paths.count("/ruuhka.html") == 2
    assert result.status == 429 and "more than selkeys waits for one page (1.5 s in all)" in result.error


def test_a_retry_after_within_the_budget_is_honoured():
    answers = iter([_answer("503 Service Unavailable", b"busy", "Retry-After: 1\r\n"), _answer("200 OK", PAGE)])
    with raw_server(lambda _p, c: c.sendall(next(answers))) as (base, paths):
        result, took = fetch(base + "/ruuhka.html")
    assert result.error is None and result.body == PAGE
    assert paths.count("/ruuhka.html") == 2 and took >= 1.0
