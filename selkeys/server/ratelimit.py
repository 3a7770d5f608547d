"""Per-client rate limit and duplicate detection, kept only in this process's memory.

A client is known only as HMAC(random key, address). The key is made at start and replaced
every ``rotate_seconds``; with it every bucket is forgotten, so no table here can link a
resident's ratings across rotations, and the address itself is never kept, logged or stored.
Several worker processes each keep their own memory (so the effective limit is per worker):
the limit is a guard against floods, not an accounting system.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable


class ClientMemory:
    """Token buckets and recently rated pages per hashed client."""

    def __init__(self, per_minute: float, burst: float, rotate_seconds: float = 3600.0,
                 max_clients: int = 100_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = burst
        self.rotate_seconds = rotate_seconds
        self.max_clients = max_clients
        self.clock = clock
        self._lock = threading.Lock()
        self._rotate(clock())

    def _rotate(self, now: float) -> None:
        self._key = secrets.token_bytes(32)
        self._rotated_at = now
        self._buckets: dict[bytes, tuple[float, float]] = {}  # client -> (tokens, last time)
        self._seen: dict[bytes, float] = {}  # hashed (client, answer) -> when it was last given

    def client(self, address: str) -> bytes:
        """The hashed key of an address under the current rotation."""
        return hmac.new(self._key, address.encode("utf-8", "replace"), hashlib.sha256).digest()[:16]

    def allow(self, address: str) -> float:
        """Take one token for ``address``: 0.0 when allowed, else seconds until the next token."""
        with self._lock:
            now = self.clock()
            if now - self._rotated_at >= self.rotate_seconds:
                self._rotate(now)
            key = self.client(address)
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if len(self._buckets) >= self.max_clients:  # oldest first: dicts keep insertion order
                for old in list(self._buckets)[: self.max_clients // 10]:
                    del self._buckets[old]
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return (1.0 - tokens) / self.rate
            self._buckets[key] = (tokens - 1.0, now)
            return 0.0

    def duplicate(self, address: str, answer: str, window: float) -> bool:
        """True when this client gave this very ``answer`` (page version, rating, paragraph and
        comment) within ``window`` seconds: a double click or a reload, stored as a duplicate.
        Someone else at a shared computer, with an answer of their own or later on, is not."""
        with self._lock:
            now = self.clock()
            key = self.client(f"{address}\0{answer}")
            last = self._seen.pop(key, None)
            if len(self._seen) >= self.max_clients:  # oldest first: dicts keep insertion order
                for old in list(self._seen)[: self.max_clients // 10]:
                    del self._seen[old]
            self._seen[key] = now
            return last is not None and now - last < window
