"""URL normalisation and the frontier of a same-host crawl.

URLs are compared after normalisation (lower-case scheme and host, no default port, no
fragment, an empty path as ``/``), so ``HTTPS://Example.fi:443/a#top`` and
``https://example.fi/a`` are one page. The crawl is breadth first, stays on the start
URL's host, and stops at ``max_pages`` pages and ``max_depth`` links from the start.
"""

from __future__ import annotations

from collections import deque
from urllib.parse import urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
# links to these are not pages to lint; they are not even requested
_NOT_PAGES = (".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".zip", ".mp3",
              ".mp4", ".woff", ".woff2")


def normalise(url: str) -> str | None:
    """The canonical form of an http(s) URL, or None for other schemes (mailto:, tel:, ...)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def section(url: str) -> str:
    """The first path segment (``/asuminen/vuokra`` -> ``asuminen``): how reports group pages."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return segments[0] if len(segments) > 1 else ""


class Frontier:
    """Breadth-first queue of (url, depth) on one host, each URL handed out once."""

    def __init__(self, start: str, max_pages: int, max_depth: int) -> None:
        first = normalise(start)
        if first is None:
            raise ValueError(f"{start}: only http and https URLs can be crawled")
        self.host = urlsplit(first).netloc
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.seen: set[str] = set()
        self.queue: deque[tuple[str, int]] = deque()
        self.handed_out = 0
        self.add(first, 0)

    def add(self, url: str, depth: int) -> None:
        """Queue ``url`` if it is on the host, within depth and not seen; pages already done
        in an earlier run are marked with :meth:`mark_seen` instead."""
        url = normalise(url) or ""
        if (not url or url in self.seen or depth > self.max_depth or urlsplit(url).netloc != self.host
                or urlsplit(url).path.lower().endswith(_NOT_PAGES)):
            return
        if len(self.seen) >= self.max_pages:
            return
        self.seen.add(url)
        self.queue.append((url, depth))

    def mark_seen(self, url: str) -> None:
        self.seen.add(normalise(url) or url)

    def pop(self) -> tuple[str, int] | None:
        return self.queue.popleft() if self.queue else None
