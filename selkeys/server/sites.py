"""Sites: who may embed the widget (allowed origins) and who may read the reports (admin token)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from selkeys.server.db import sites

SITE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
DEFAULT_RETENTION_DAYS = 730


class SiteError(ValueError):
    """A site that cannot be registered or used, with a message for the operator."""


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name: str
    origins: tuple[str, ...]
    admin_token_hash: str
    retention_days: int

    def allows(self, origin: str | None) -> bool:
        return origin is not None and origin.rstrip("/").lower() in self.origins

    def token_ok(self, token: str | None) -> bool:
        """Constant-time check of an admin token against the stored hash."""
        if not token:
            return False
        return hmac.compare_digest(hash_token(token), self.admin_token_hash)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def normalise_origin(origin: str) -> str:
    """``https://www.example.fi`` form: scheme, host and a non-default port, nothing else."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SiteError(f"not an origin (expected https://host[:port]): {origin!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise SiteError(f"an origin has no path, query or user: {origin!r}")
    port = f":{parts.port}" if parts.port and parts.port != {"http": 80, "https": 443}[parts.scheme] else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


def add_site(engine: Engine, site_id: str, name: str, origins: list[str],
             retention_days: int = DEFAULT_RETENTION_DAYS) -> str:
    """Register a site and return its admin token (shown once; only its hash is stored)."""
    if not SITE_ID.match(site_id):
        raise SiteError("site id: 1-64 characters a-z, 0-9 and -, starting with a letter or digit")
    if not origins:
        raise SiteError("give at least one allowed origin (--origin https://www.example.fi)")
    if not 1 <= retention_days <= 36500:
        raise SiteError("retention must be 1-36500 days")
    clean = sorted({normalise_origin(o) for o in origins})
    token = secrets.token_urlsafe(32)
    try:
        with engine.begin() as conn:
            conn.execute(sites.insert().values(
                id=site_id, name=name[:200] or site_id, origins=json.dumps(clean), admin_token_hash=hash_token(token),
                retention_days=retention_days, created_at=datetime.now(timezone.utc).replace(tzinfo=None)))
    except IntegrityError:
        raise SiteError(f"site {site_id!r} exists already") from None
    return token


def _site(row) -> Site:
    return Site(row.id, row.name, tuple(json.loads(row.origins)), row.admin_token_hash, row.retention_days)


def get_site(engine: Engine, site_id: str) -> Site | None:
    if not isinstance(site_id, str) or not SITE_ID.match(site_id):
        return None
    with engine.connect() as conn:
        row = conn.execute(select(sites).where(sites.c.id == site_id)).first()
    return _site(row) if row else None


def list_sites(engine: Engine) -> list[Site]:
    with engine.connect() as conn:
        return [_site(row) for row in conn.execute(select(sites).order_by(sites.c.id))]
