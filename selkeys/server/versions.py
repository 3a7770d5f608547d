"""Published text versions of pages and their selkeys scores, computed once per version.

The site submits the text it shows (`selkeys feedback publish` or the publish API); the
service never fetches a URL. A version is identified by the SHA-256 of its format and exact
text, so a rating says precisely which wording the resident read, and the score of that
wording is computed by the real engine once and kept with it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from selkeys.config import Config
from selkeys.calibration.model import FINDINGS
from selkeys.readers import InputError, read_bytes
from selkeys.score import SEVERITY_WEIGHT
from selkeys.server.db import pages, text_versions

FORMATS = {"text": "page.txt", "markdown": "page.md", "html": "page.html"}
LANGS = ("fi", "sv")
MAX_TEXT_BYTES = 2 * 1024 * 1024
PARAGRAPH_CHARS = 300  # what the widget lists and the dashboard shows of each paragraph

_linter = None
# one linting at a time: the Finnish analyser is one per process and not thread-safe, and the
# publish API may be called by several threads at once (the playground lints in its own processes)
LINT_LOCK = threading.Lock()


class PublishError(ValueError):
    """A text version or page that cannot be published, with a message for the caller."""


@dataclass(frozen=True, slots=True)
class Published:
    page_id: int
    version: str
    score: float | None
    band: str | None
    paragraphs: int
    cached: bool  # True when this exact version had been scored before


def canonical_url(url: str) -> str:
    """Scheme and host in lower case, no fragment: the key a page is known by."""
    if not isinstance(url, str) or len(url) > 2000:
        raise PublishError("page URL missing or longer than 2000 characters")
    if any(ord(c) < 33 or ord(c) == 0x7F for c in url.strip()):
        raise PublishError("page URL contains spaces or control characters")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise PublishError(f"not a page URL (http or https): {url[:200]!r}")
    netloc = parts.hostname.lower() + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def version_hash(fmt: str, text: str) -> str:
    return hashlib.sha256(f"{fmt}\n{text}".encode("utf-8")).hexdigest()


def _score(data: bytes, fmt: str, lang: str) -> dict:
    """Lint one version with the engine; the page's language is assumed where markup is silent."""
    global _linter
    from selkeys.lint import Linter

    try:
        doc = read_bytes(data, FORMATS[fmt])
    except InputError as exc:
        raise PublishError(f"text cannot be read: {exc.reason}") from None
    config = replace(Config(), lang=lang)  # findings are told in their own text's language
    with LINT_LOCK:
        if _linter is None:
            _linter = Linter()
        result = _linter.lint_document(doc, config)
    report = result.by_language.get(lang)
    score = report.score if report else None
    block_scores = {b.index: b.score.value if b.score else None for b in result.blocks}
    paragraphs = [{"index": i, "kind": block.kind, "text": " ".join(block.text.split())[:PARAGRAPH_CHARS],
                   "score": block_scores.get(i)} for i, block in enumerate(doc.blocks)]
    measures = dict(report.measures) if report else {}
    if measures.get("words"):  # as selkeys.calibration.features does, so `feedback calibrate` can fit on it
        weighted = sum(SEVERITY_WEIGHT[f.severity.label] for f in result.findings)
        measures[FINDINGS] = 100.0 * weighted / measures["words"]
    findings = [{"block": f.block_index, "code": f.code, "severity": f.severity.label, "message": f.message,
                 "matched": f.matched[:200]} for f in result.findings]
    return {"score": score.value if score else None, "band": score.band if score else None,
            "measures": json.dumps(measures), "paragraphs": json.dumps(paragraphs),
            "findings": json.dumps(findings)}


def _version(engine: Engine, data: bytes, fmt: str, lang: str) -> tuple[str, dict, bool]:
    """The stored version of this text, or a freshly scored one (not yet stored). Linting
    happens outside any transaction: on SQLite a write transaction held for the seconds a
    long page takes would stall every rating behind it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PublishError(f"the text is not UTF-8 (byte {exc.start})") from None
    digest = version_hash(fmt, text)
    with engine.connect() as conn:
        row = conn.execute(select(text_versions).where(text_versions.c.hash == digest)).first()
    if row is not None:
        return digest, row._asdict(), True
    scored = _score(data, fmt, lang)
    values = {"hash": digest, "lang": lang, "format": fmt, "text": text, "score": scored["score"],
              "band": scored["band"], "measures": scored["measures"], "paragraphs": scored["paragraphs"],
              "findings": scored["findings"], "computed_at": datetime.now(timezone.utc).replace(tzinfo=None)}
    return digest, values, False


def publish(engine: Engine, site_id: str, url: str, lang: str, data: bytes, fmt: str = "text",
            translation_of: str | None = None) -> Published:
    """Store (and score, unless known) a text version and make it the page's current one."""
    if lang not in LANGS:
        raise PublishError("lang must be fi or sv")
    if fmt not in FORMATS:
        raise PublishError(f"format must be one of: {', '.join(FORMATS)}")
    if not data.strip():
        raise PublishError("the text is empty")
    if len(data) > MAX_TEXT_BYTES:
        raise PublishError(f"the text is over {MAX_TEXT_BYTES // (1024 * 1024)} MB")
    page_url = canonical_url(url)
    other_url = canonical_url(translation_of) if translation_of else None
    digest, version, cached = _version(engine, data, fmt, lang)
    try:
        with engine.begin() as conn:
            if not cached and conn.execute(select(text_versions.c.hash).where(
                    text_versions.c.hash == digest)).first() is None:
                conn.execute(text_versions.insert().values(**version))
            page = conn.execute(select(pages).where(pages.c.site_id == site_id, pages.c.url == page_url)).first()
            if page is None:
                page_id = conn.execute(pages.insert().values(site_id=site_id, url=page_url, lang=lang,
                                                             current_version=digest)).inserted_primary_key[0]
            else:
                page_id = page.id
                conn.execute(update(pages).where(pages.c.id == page_id).values(lang=lang, current_version=digest))
            if other_url:
                _link(conn, site_id, page_id, other_url)
    except IntegrityError:
        raise PublishError("the page was published at the same moment by another request; try again") from None
    paragraphs = len(json.loads(version["paragraphs"]))
    return Published(page_id, digest, version["score"], version["band"], paragraphs, cached)


def _link(conn: Connection, site_id: str, page_id: int, other_url: str) -> None:
    """Put two pages (a Finnish and a Swedish version) into one translation group."""
    other = conn.execute(select(pages).where(pages.c.site_id == site_id, pages.c.url == other_url)).first()
    if other is None:
        raise PublishError(f"--translation-of: page {other_url} has not been published on this site")
    if other.id == page_id:
        raise PublishError("a page cannot be a translation of itself")
    group = other.group_id or other.id
    conn.execute(update(pages).where(pages.c.id.in_([page_id, other.id])).values(group_id=group))
