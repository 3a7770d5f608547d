"""An overall deadline for one HTTP response, headers and body together.

httpx's timeouts apply to each socket operation: a server that sends one byte a second never
trips a 20 s read timeout, and a batch run would wait on it forever. The fetcher sets a
deadline for the current thread around each request (:func:`within`), and the sockets of its
connection pool (wrapped by :class:`DeadlineStream`) give every read and write only the time
that is left; once it is gone they raise httpcore's timeout, so the request fails however
slowly the bytes arrive. Thread-local, because the fetch threads share one pool.
"""

from __future__ import annotations

import ssl
import threading
import time
import typing
from collections.abc import Iterator
from contextlib import contextmanager

import httpcore

_current = threading.local()


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Run the block's network operations (in this thread) under a deadline ``seconds`` away."""
    previous = getattr(_current, "at", None)
    _current.at = time.monotonic() + seconds
    try:
        yield
    finally:
        _current.at = previous


def bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` cut to the time left before this thread's deadline; ``error`` when none is left."""
    at = getattr(_current, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the response did not arrive before the page deadline")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every operation ends by the current thread's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self.stream.start_tls(ssl_context, server_hostname, bounded(timeout, httpcore.ConnectTimeout))
        return DeadlineStream(tls)

    def get_extra_info(self, info: str) -> typing.Any:
        return self.stream.get_extra_info(info)
