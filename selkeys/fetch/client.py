"""A polite, defensive HTTP client for linting web sites.

Polite: identifies itself (``selkeys/<version> (+<contact URL>)``), obeys robots.txt and its
crawl-delay, keeps to a few connections and a delay per host, backs off on 429 and 5xx
(honouring Retry-After up to a total wait per URL), and asks with ETag / If-Modified-Since so that unchanged pages
cost the site a ``304``. Defensive: only http(s) to public addresses (see ``safety``),
timeouts per socket operation and an overall deadline per response (see ``deadline``: a
server sending a byte a second cannot hold a run), a redirect limit with loop detection, a size limit enforced while the body
streams in (after gzip decoding, so a compressed bomb stops at the limit), and only the
content types asked for are downloaded; other content is skipped with a note.

Threads share one :class:`Fetcher`; the work is waiting on the network, so threads suffice.
"""

from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urldefrag

import httpx

from selkeys import __version__
from selkeys.fetch import deadline
from selkeys.fetch.cache import CachedPage, HttpCache
from selkeys.fetch.robots import MAX_ROBOTS_BYTES, RobotsPolicy
from selkeys.fetch.safety import GuardedBackend, UnsafeURL, check_url, resolve

HTML_TYPES = ("text/html", "application/xhtml+xml")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def user_agent(contact: str | None) -> str:
    """``selkeys/0.1.0 (+https://example.fi/contact)``: site owners can see who is crawling."""
    return f"selkeys/{__version__} (+{contact})" if contact else f"selkeys/{__version__}"


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = user_agent(None)
    timeout: float = 20.0  # seconds to connect, and between bytes of a response
    page_timeout: float = 60.0  # seconds one response may take in all, headers and body
    retries: int = 3  # further attempts after a 429, a 5xx or a failed connection
    backoff: float = 1.0  # first wait between attempts; doubles each time
    max_retry_wait: float = 60.0  # seconds of waiting between attempts for one URL, in all (Retry-After included)
    max_redirects: int = 5
    max_bytes: int = 10 * 1024 * 1024
    per_host: int = 2  # simultaneous requests to one host
    delay: float = 0.0  # seconds between requests to one host (robots.txt may ask for more)
    allow_private: bool = False


@dataclass
class FetchResult:
    """What came of one URL: a body to lint, or an error, or a note on why it was skipped."""

    url: str
    final_url: str
    status: int | None = None
    content_type: str = ""
    body: bytes | None = None  # UTF-8 (transcoded from the declared charset) when text
    error: str | None = None
    note: str | None = None
    from_cache: bool = False


@dataclass
class _Response:
    status: int | None
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    body: bytes | None = None
    error: str | None = None


class _Host:
    """Per-host limits: at most ``per_host`` requests at once, ``delay`` seconds apart."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.slots = threading.BoundedSemaphore(per_host)
        self.lock = threading.Lock()
        self.delay = delay
        self.next_start = 0.0

    def __enter__(self) -> "_Host":
        self.slots.acquire()
        with self.lock:
            now = time.monotonic()
            wait = self.next_start - now
            self.next_start = max(now, self.next_start) + self.delay
        if wait > 0:
            time.sleep(wait)
        return self

    def __exit__(self, *exc) -> None:
        self.slots.release()


def _media_type(headers: httpx.Headers) -> str:
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _charset(headers: httpx.Headers) -> str | None:
    for param in headers.get("content-type", "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _as_utf8(body: bytes, charset: str | None) -> bytes:
    """Pages in a declared legacy charset (ISO-8859-1, Windows-1252) become UTF-8 for the reader;
    a BOM or UTF-8 stays as it is."""
    if not charset or charset in ("utf-8", "utf8") or body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return body
    try:
        return body.decode(charset, errors="replace").encode("utf-8")
    except LookupError:
        return body


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (delta or HTTP date), None when absent or unreadable."""
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
            return max(when.timestamp() - time.time(), 0.0)
        except (TypeError, ValueError):
            pass
    return None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class Fetcher:
    """Fetches pages for one run: one connection pool, one robots.txt policy and one set of
    politeness limits per host, shared by the run's fetch threads."""

    def __init__(self, settings: FetchSettings, cache: HttpCache | None = None) -> None:
        self.settings = settings
        self.cache = cache
        transport = httpx.HTTPTransport(retries=0)
        # every connection, redirect hops included, goes through the address check; httpx has
        # no public hook for the socket backend, so refuse to run unguarded if this one moves
        pool = getattr(transport, "_pool", None)
        if not hasattr(pool, "_network_backend"):
            raise RuntimeError("this httpx/httpcore version does not let selkeys check addresses at connect time")
        pool._network_backend = GuardedBackend(settings.allow_private)
        self.client = httpx.Client(transport=transport, follow_redirects=False,
                                   timeout=httpx.Timeout(settings.timeout),
                                   headers={"User-Agent": settings.user_agent})
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, RobotsPolicy] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- public -----------------------------------------------------------------------
    def page(self, url: str) -> FetchResult:
        """An HTML page, following redirects, checked against robots.txt and cached."""
        return self.fetch(url, HTML_TYPES)

    def fetch(self, url: str, kinds: tuple[str, ...] | None, obey_robots: bool = True,
              max_bytes: int | None = None) -> FetchResult:
        """Fetch ``url``; ``kinds`` are the media types to download (None: any)."""
        seen: set[str] = set()
        current = urldefrag(url)[0]
        for _ in range(self.settings.max_redirects + 1):
            seen.add(current)
            try:
                check_url(current)
                parts = urlsplit(current)
                resolve(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80),
                        self.settings.allow_private)
            except UnsafeURL as exc:
                return FetchResult(url, current, error=str(exc))
            if obey_robots:
                policy = self.robots(current)
                if policy.reason:
                    return FetchResult(url, current, error=policy.reason)
                if not policy.allowed(current):
                    return FetchResult(url, current, note="disallowed by robots.txt; not fetched")
            cached = self.cache.lookup(current) if self.cache is not None else None
            headers = self.cache.validators(current) if cached is not None else {}
            response = self._request(current, headers, kinds, max_bytes or self.settings.max_bytes)
            if response.error:
                return FetchResult(url, current, response.status, error=response.error)
            status = response.status or 0
            if status in (301, 302, 303, 307, 308) and response.headers.get("location"):
                target = urldefrag(urljoin(current, response.headers["location"]))[0]
                if target in seen:
                    return FetchResult(url, current, status, error=f"redirect loop ({current} → {target})")
                current = target
                continue
            if status == 304:
                body = self.cache.body(current) if cached is not None else None
                if body is None:
                    return FetchResult(url, current, status, error="304 Not Modified, but no cached copy")
                return FetchResult(url, cached.final_url, cached.status, cached.content_type, body, from_cache=True)
            if status >= 400 or status < 200:
                return FetchResult(url, current, status, _media_type(response.headers), error=f"HTTP {status}")
            media = _media_type(response.headers)
            if kinds is not None and media not in kinds:
                return FetchResult(url, current, status, media, note=f"not HTML ({media or 'no content type'}); skipped")
            body = _as_utf8(response.body or b"", _charset(response.headers))
            if self.cache is not None:
                self.cache.store(CachedPage(current, current, status, media, response.headers.get("etag"),
                                            response.headers.get("last-modified")), body)
            return FetchResult(url, current, status, media, body)
        return FetchResult(url, current, error=f"too many redirects (more than {self.settings.max_redirects})")

    def robots(self, url: str) -> RobotsPolicy:
        """The robots.txt policy of ``url``'s origin, fetched once per run."""
        origin = _origin(url)
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            policy = self._robots.get(origin)
            if policy is None:
                result = self.fetch(origin + "/robots.txt", None, obey_robots=False, max_bytes=MAX_ROBOTS_BYTES)
                text = result.body.decode("utf-8", errors="replace") if result.body is not None else None
                policy = RobotsPolicy.from_response(result.status, text, result.error)
                self._robots[origin] = policy
                self._host(origin).delay = max(self.settings.delay, policy.crawl_delay())
            return policy

    # -- internals --------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        origin = _origin(url)
        with self._lock:
            host = self._hosts.get(origin)
            if host is None:
                host = self._hosts[origin] = _Host(self.settings.per_host, self.settings.delay)
            return host

    def _request(self, url: str, headers: dict[str, str], kinds: tuple[str, ...] | None,
                 max_bytes: int) -> _Response:
        """One GET with retries: 429 and 5xx answers and failed connections are tried again
        after an exponentially growing wait (or the server's Retry-After), while the waits
        for this URL stay within ``max_retry_wait`` in all. Each attempt must be answered in
        full within ``page_timeout``."""
        settings = self.settings
        host = self._host(url)
        waited = 0.0
        for attempt in range(settings.retries + 1):
            wait = settings.backoff * (2 ** attempt)
            last = attempt == settings.retries
            started = time.monotonic()
            try:
                with host, deadline.within(settings.page_timeout):
                    with self.client.stream("GET", url, headers=headers) as response:
                        status = response.status_code
                        if status in RETRY_STATUSES and not last:
                            asked = _retry_after(response.headers.get("retry-after"))
                            wait = wait if asked is None else asked
                            if waited + wait > settings.max_retry_wait:
                                return _Response(status, response.headers, None,
                                                 f"HTTP {status}; the server asked to wait {wait:g} s before "
                                                 f"trying again, more than selkeys waits for one page "
                                                 f"({settings.max_retry_wait:g} s in all)")
                        else:
                            body = None
                            if status == 200 and (kinds is None or _media_type(response.headers) in kinds):
                                body, error = self._read(response, max_bytes)
                                if error:
                                    return _Response(status, response.headers, None, error)
                            return _Response(status, response.headers, body)
            except httpx.ConnectError as exc:
                if last:
                    return _Response(None, error=f"cannot connect ({exc})")
            except httpx.TimeoutException:
                if time.monotonic() - started >= settings.page_timeout:
                    return _Response(None, error=f"timed out (the page did not arrive in full within "
                                                 f"{settings.page_timeout:g} s)")
                return _Response(None, error=f"timed out (no answer within {settings.timeout:g} s)")
            except httpx.HTTPError as exc:
                if last:
                    return _Response(None, error=f"request failed ({type(exc).__name__}: {exc})")
            wait = min(wait, settings.max_retry_wait - waited)
            waited += wait
            time.sleep(wait)
        return _Response(None, error="request failed")

    @staticmethod
    def _read(response: httpx.Response, max_bytes: int) -> tuple[bytes | None, str | None]:
        too_big = f"over the size limit of {max_bytes} bytes (max-page-size); not read"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            return None, too_big
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                return None, too_big
            chunks.append(chunk)
        return b"".join(chunks), None
