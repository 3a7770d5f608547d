"""One rating from a resident: validation, abuse checks, scrubbing and storage.

Both the widget (JSON) and the no-JavaScript form (form fields) end here, so every rule is
enforced once. What is stored is only what the issue lists: page, language, text version,
the 1-4 rating, an optional paragraph (index and short quote), an optional scrubbed comment,
the hour, and a status. No cookie is set, and no address or user agent reaches this module
except as the in-memory hashed key of ``ratelimit``.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from selkeys.server.db import is_sqlite, meta, pages, ratings, text_versions
from selkeys.server.ratelimit import ClientMemory
from selkeys.server.scrub import scrub
from selkeys.server.settings import Settings
from selkeys.server.sites import Site
from selkeys.server.versions import PublishError, canonical_url

FIELDS = {"site", "url", "version", "rating", "paragraph", "quote", "comment", "website", "token",
          "idempotency_key", "lang"}
MAX_COMMENT = 300
MAX_QUOTE = 200
QUOTE_FROM_PARAGRAPH = 120
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
CACHE_SECONDS = 5.0  # how long a page's current version may be served from memory
# one statement for every rating, its values passed as parameters: building it per rating
# (insert().values(...)) cost SQLAlchemy a cache-key walk over every column each time
INSERT = ratings.insert()


class RatingError(ValueError):
    """A rejected rating: ``code`` is stable (the widget translates it), ``message`` is English."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True, slots=True)
class PageInfo:
    id: int
    url: str
    lang: str
    version: str | None


@dataclass(frozen=True, slots=True)
class VersionInfo:
    lang: str
    paragraphs: tuple[dict, ...]


@dataclass(frozen=True, slots=True)
class Stored:
    id: int
    status: str
    replayed: bool


def hour_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, minute=0, second=0, microsecond=0)


class RatingService:
    """Holds the engine, the in-memory client table and small read caches of one process."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.clients = ClientMemory(settings.rate_per_minute, settings.rate_burst)
        self._secret = self._form_secret()
        self._pages: dict[tuple[str, str], tuple[float, PageInfo | None]] = {}
        self._versions: dict[str, VersionInfo] = {}
        self._lock = threading.Lock()
        # SQLite takes one writer at a time, and a connection that finds the file locked sleeps
        # in SQLite's busy handler (1, 2, 5, 10 ms ...): queueing this process's writers on a
        # lock instead keeps the tail latency at the length of the queue, not of those sleeps;
        # the WAL checkpointer takes it too, for its complete checkpoints (db.Checkpointer)
        self.write_lock = threading.Lock() if is_sqlite(engine) else contextlib.nullcontext()

    # -- form tokens: when the form was shown, signed, so the answer time can be checked ------------
    def _form_secret(self) -> bytes:
        """A random key kept in the database, shared by all worker processes."""
        with self.engine.connect() as conn:
            row = conn.execute(select(meta.c.value).where(meta.c.key == "form-secret")).first()
        if row is None:
            try:
                with self.engine.begin() as conn:
                    conn.execute(meta.insert().values(key="form-secret", value=secrets.token_hex(32)))
            except IntegrityError:
                pass  # another worker made it first
            with self.engine.connect() as conn:
                row = conn.execute(select(meta.c.value).where(meta.c.key == "form-secret")).first()
        return bytes.fromhex(row.value)

    def issue_token(self, site_id: str, now: float | None = None) -> str:
        stamp = str(int(now if now is not None else time.time()))
        return f"{stamp}.{self._sign(site_id, stamp)}"

    def _sign(self, site_id: str, stamp: str) -> str:
        return hmac.new(self._secret, f"{site_id}.{stamp}".encode(), hashlib.sha256).hexdigest()[:32]

    def token_age(self, site_id: str, token: Any) -> float:
        """Seconds since the form was shown; RatingError for a missing, forged or stale token."""
        if not isinstance(token, str) or len(token) > 64 or "." not in token:
            raise RatingError("token", "form token missing or malformed")
        stamp, signature = token.split(".", 1)
        if not stamp.isdigit() or not hmac.compare_digest(signature, self._sign(site_id, stamp)):
            raise RatingError("token", "form token is not valid for this site")
        age = time.time() - int(stamp)
        if age < -5 or age > self.settings.form_token_max_age:
            raise RatingError("token-expired", "the form has expired; reload the page")
        return age

    # -- pages and versions ----------------------------------------------------------------------
    def page(self, site_id: str, url: str) -> PageInfo | None:
        key = (site_id, url)
        now = time.monotonic()
        cached = self._pages.get(key)
        if cached and now - cached[0] < CACHE_SECONDS:
            return cached[1]
        with self.engine.connect() as conn:
            row = conn.execute(select(pages.c.id, pages.c.url, pages.c.lang, pages.c.current_version)
                               .where(pages.c.site_id == site_id, pages.c.url == url)).first()
        info = PageInfo(row.id, row.url, row.lang, row.current_version) if row else None
        with self._lock:
            if len(self._pages) > 10_000:
                self._pages.clear()
            self._pages[key] = (now, info)
        return info

    def version(self, digest: str) -> VersionInfo | None:
        info = self._versions.get(digest)
        if info is not None:
            return info
        with self.engine.connect() as conn:
            row = conn.execute(select(text_versions.c.lang, text_versions.c.paragraphs)
                               .where(text_versions.c.hash == digest)).first()
        if row is None:
            return None
        info = VersionInfo(row.lang, tuple(json.loads(row.paragraphs)))
        with self._lock:
            if len(self._versions) > 2_000:
                self._versions.clear()
            self._versions[digest] = info
        return info

    def page_for(self, site: Site, url: Any) -> PageInfo:
        """The published page behind a URL the widget or form names."""
        try:
            page_url = canonical_url(url)
        except PublishError as exc:
            raise RatingError("url", str(exc)) from None
        page = self.page(site.id, page_url)
        if page is None or page.version is None:
            raise RatingError("unknown-page", "this page has not been published to the feedback service", 404)
        return page

    # -- the rating itself -------------------------------------------------------------------------
    def submit(self, site: Site, data: dict[str, Any], client: str) -> Stored:
        """Validate and store one rating; a retried submission (same idempotency key) returns
        the stored one. Raises RatingError for anything invalid."""
        unknown = set(data) - FIELDS
        if unknown:
            raise RatingError("fields", f"unknown field(s): {', '.join(sorted(unknown))[:200]}")
        key = data.get("idempotency_key")
        if not isinstance(key, str) or not IDEMPOTENCY_KEY.match(key):
            raise RatingError("idempotency_key", "idempotency_key: 8-64 characters A-Z, a-z, 0-9, - and _")
        page = self.page_for(site, data.get("url"))
        version = data.get("version") or page.version
        if not isinstance(version, str) or not HEX64.match(version):
            raise RatingError("version", "version must be the 64-character text version hash")
        info = self.version(version)
        if info is None or info.lang != page.lang:
            raise RatingError("version", "unknown text version for this page")
        rating = _integer(data.get("rating"), "rating")
        if rating is None or not 1 <= rating <= 4:
            raise RatingError("rating", "rating must be 1, 2, 3 or 4")
        paragraph = _integer(data.get("paragraph"), "paragraph")
        if paragraph is not None and not 0 <= paragraph < len(info.paragraphs):
            raise RatingError("paragraph", "paragraph index out of range for this text version")
        quote = _text(data.get("quote"), "quote", MAX_QUOTE)
        if quote and paragraph is None:
            raise RatingError("quote", "a quote needs the paragraph it comes from")
        if paragraph is not None and not quote:
            quote = info.paragraphs[paragraph]["text"][:QUOTE_FROM_PARAGRAPH]
        comment = _text(data.get("comment"), "comment", MAX_COMMENT)
        honeypot = data.get("website")
        if honeypot is not None and not isinstance(honeypot, str):
            raise RatingError("website", "website must be text")
        age = self.token_age(site.id, data.get("token"))

        status = "ok"
        if honeypot or age < self.settings.min_answer_seconds:
            status = "spam"  # stored and answered like any rating, so a bot learns nothing
        elif self.clients.duplicate(client, f"{page.id}:{version}:{rating}:{paragraph}:{comment or ''}",
                                    self.settings.duplicate_window_seconds):
            status = "duplicate"
        values = {"site_id": site.id, "page_id": page.id, "lang": page.lang, "version_hash": version,
                  "rating": rating, "paragraph_index": paragraph,
                  "paragraph_quote": scrub(quote, page.lang)[0][:MAX_QUOTE] if quote else None,
                  "comment": scrub(comment, page.lang)[0] if comment else None,
                  "created_hour": hour_now(), "status": status, "idempotency_key": key}
        try:
            with self.write_lock, self.engine.begin() as conn:
                new_id = conn.execute(INSERT, values).inserted_primary_key[0]
            return Stored(int(new_id), status, False)
        except IntegrityError:
            with self.engine.connect() as conn:
                row = conn.execute(select(ratings.c.id, ratings.c.status).where(
                    ratings.c.site_id == site.id, ratings.c.idempotency_key == key)).first()
            if row is None:
                raise
            return Stored(int(row.id), row.status, True)


def _integer(value: Any, name: str) -> int | None:
    """An optional integer; form fields arrive as digit strings, JSON as numbers (not bools)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RatingError(name, f"{name} must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 6:
        return int(value)
    raise RatingError(name, f"{name} must be a whole number")


def _text(value: Any, name: str, limit: int) -> str | None:
    """Optional text, trimmed, at most ``limit`` characters, without control characters."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise RatingError(name, f"{name} must be text")
    value = value.strip()
    if len(value) > limit:
        raise RatingError(name, f"{name} is over {limit} characters")
    if any(ord(c) < 32 and c not in "\n\r\t" or 0x7F <= ord(c) < 0xA0 for c in value):
        raise RatingError(name, f"{name} contains control characters")
    return value or None
