"""The Starlette application of `selkeys serve`: landing page and widget demo, feedback API,
widget, no-JavaScript form, admin dashboard, and the playground's routes.

Public endpoints check the request's origin against the site's allow-list, take a token from
the per-client bucket, cap the body before parsing it and validate every field; database work
runs in the thread pool so one slow query does not stall the event loop. No endpoint sets a
cookie, and nothing here logs or stores the client address.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hmac
import json
import math
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse,
                                 Response)
from starlette.routing import BaseRoute, Route

from selkeys.server import dashboard, forms, landing
from selkeys.server.clients import client_of, parse_networks
from selkeys.server.db import Checkpointer, is_sqlite, make_engine, migrate
from selkeys.server.ratings import MAX_COMMENT, RatingError, RatingService
from selkeys.server.scrub import scrub
from selkeys.server.settings import Settings
from selkeys.server.sites import SITE_ID, Site, get_site
from selkeys.messages import LANGS
from selkeys.server.texts import ERROR_TEXT, negotiate_ui_lang, texts
from selkeys.server.playground import engine_pool, playground_routes
from selkeys.server.pool import EnginePool
from selkeys.server.ratelimit import ClientMemory
from selkeys.server.versions import PublishError, publish

T = TypeVar("T")
STATIC = Path(__file__).parent / "static"
SITE_CACHE_SECONDS = 5.0
MAX_PUBLISH_BYTES = 3 * 1024 * 1024
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
JSON_TYPES = ("application/json",)
FORM_TYPES = ("application/x-www-form-urlencoded",)


class BodyError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status, headers={**SECURITY_HEADERS, **(headers or {})})


async def read_body(request: Request, limit: int, types: tuple[str, ...]) -> bytes:
    """The body, refused before parsing when it has the wrong type or is over ``limit`` bytes
    (checked on the declared length and again while reading, for chunked uploads)."""
    ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if ctype not in types:
        raise BodyError(415, "content-type", f"content type must be {' or '.join(types)}")
    declared = request.headers.get("content-length")
    if declared is not None and not declared.isdigit():
        raise BodyError(400, "content-length", "Content-Length is not a number")
    if declared is not None and int(declared) > limit:
        raise BodyError(413, "too-large", f"body is over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyError(413, "too-large", f"body is over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: "[[[[..." nested too deep
        raise BodyError(400, "json", "body is not valid JSON") from None
    if not isinstance(data, dict):
        raise BodyError(400, "json", "body must be a JSON object")
    for value in data.values():
        # JSON may spell lone UTF-16 surrogates ("\ud800"); no database can store them as text
        if isinstance(value, str) and not _encodable(value):
            raise BodyError(400, "json", "text contains invalid Unicode (a lone surrogate)")
    return data


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_form(body: bytes) -> dict[str, str]:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body), max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise BodyError(400, "form", "form data is malformed") from None
    data = dict(pairs)
    if len(data) != len(pairs):
        raise BodyError(400, "form", "a form field was sent twice")
    return data


class FeedbackApp:
    """Request handlers sharing one engine, one rating service and a short-lived site cache."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.trusted = parse_networks(settings.trusted_proxies)
        self.engine = make_engine(settings.url, background_checkpoints=True)
        migrate(self.engine)
        self.service = RatingService(self.engine, settings)
        self.checkpointer = Checkpointer(self.engine, self.service.write_lock) if is_sqlite(self.engine) else None
        self.inline_db = is_sqlite(self.engine)
        self._sites: dict[str, tuple[float, Site | None]] = {}

    def close(self) -> None:
        """Stop the checkpoint thread (after a last checkpoint) and close the connections."""
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.engine.dispose()

    # -- helpers ---------------------------------------------------------------------------------
    async def db(self, function: Callable[..., T], *args: Any) -> T:
        """Run a short database call. With SQLite it runs right here on the event loop: one
        rating is an indexed insert of well under a millisecond, and handing it to a thread
        costs more than it takes (two thread switches and the GIL passed back and forth), which
        showed as the tail latency of the load benchmark. PostgreSQL calls wait on the network,
        so they go to the thread pool."""
        if self.inline_db:
            return function(*args)
        return await run_in_threadpool(function, *args)

    def site(self, site_id: Any) -> Site | None:
        if not isinstance(site_id, str):
            return None
        now = time.monotonic()
        cached = self._sites.get(site_id)
        if cached and now - cached[0] < SITE_CACHE_SECONDS:
            return cached[1]
        site = get_site(self.engine, site_id)
        if len(self._sites) > 1000:
            self._sites.clear()
        self._sites[site_id] = (now, site)
        return site

    def client(self, request: Request) -> str:
        """The client's key for the rate limit and the duplicate check (see ``clients``)."""
        return client_of(request.client.host if request.client else None, request.headers, self.trusted)[0]

    def limited(self, request: Request) -> float:
        """Seconds to wait (0.0: go ahead); the monitoring token skips the limit."""
        monitor = request.headers.get("x-selkeys-monitor")
        if monitor and self.settings.monitor_token and hmac.compare_digest(monitor, self.settings.monitor_token):
            return 0.0
        return self.service.clients.allow(self.client(request))

    @staticmethod
    def cors(origin: str) -> dict[str, str]:
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin",
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "600"}

    def cross_origin(self, request: Request, site: Site | None) -> str | None:
        """The request's Origin when the site allows it, else None. A request without Origin,
        or one a person typed into the address bar (Sec-Fetch-Site: none), never passes."""
        origin = request.headers.get("origin")
        if site is None or request.headers.get("sec-fetch-site") == "none":
            return None
        return origin if site.allows(origin) else None

    def same_origin(self, request: Request) -> bool:
        """For the service's own form: the browser says the post came from this origin (behind
        a trusted proxy, the scheme is the one the proxy says the browser used)."""
        fetch_site = request.headers.get("sec-fetch-site")
        if fetch_site is not None:
            return fetch_site == "same-origin"
        origin = request.headers.get("origin")
        scheme = client_of(request.client.host if request.client else None, request.headers, self.trusted)[1]
        return origin is not None and origin.rstrip("/") == f"{scheme or request.url.scheme}://{request.url.netloc}"

    # -- public API --------------------------------------------------------------------------------
    async def preflight(self, request: Request) -> Response:
        site = self.site(request.query_params.get("site"))
        origin = self.cross_origin(request, site)
        if origin is None:
            return error(403, "origin", "origin not allowed for this site")
        return Response(status_code=204, headers={**self.cors(origin), **SECURITY_HEADERS})

    async def page_data(self, request: Request) -> Response:
        """What the widget needs to show the form: the text version, its paragraphs, a form
        token, and the texts in the widget's language."""
        query = request.query_params
        lang = query.get("lang") if query.get("lang") in LANGS else "fi"
        checked = self.admit(request, explain=True)
        if isinstance(checked, Response):
            return checked
        site, headers = checked
        try:
            page = await self.db(self.service.page_for, site, query.get("url"))
            version = await self.db(self.service.version, page.version)
        except RatingError as exc:
            return JSONResponse({"error": exc.code, "message": exc.message, "texts": texts(lang)}, exc.status,
                                headers={**headers, **SECURITY_HEADERS})
        paragraphs = [{"index": p["index"], "kind": p["kind"], "text": p["text"]} for p in version.paragraphs]
        return JSONResponse({"url": page.url, "lang": page.lang, "version": page.version, "paragraphs": paragraphs,
                             "token": self.service.issue_token(site.id), "texts": texts(lang)},
                            headers={**headers, **SECURITY_HEADERS, "Cache-Control": "no-store"})

    def admit(self, request: Request, explain: bool = False) -> "tuple[Site, dict[str, str]] | Response":
        """The checks every widget request passes first: a known site, an allowed origin and the
        client's rate limit. Returns the site and the CORS headers, or the refusal.

        ``explain`` (the widget's first request): the refusal says whether the site is unknown
        or the origin not allowed, readable from any origin, so the widget can tell the site's
        developers in the console why it stays hidden; it carries no data."""
        site = self.site(request.query_params.get("site"))
        origin = self.cross_origin(request, site)
        if explain and site is None:
            return error(403, "unknown-site", "no such site on this service", {"Access-Control-Allow-Origin": "*"})
        if explain and origin is None:
            return error(403, "origin", "origin not allowed for this site", {"Access-Control-Allow-Origin": "*"})
        if site is None or origin is None:
            return error(403, "origin", "unknown site or origin not allowed")
        headers = self.cors(origin)
        wait = self.limited(request)
        if wait:
            return error(429, "rate-limit", "too many requests", {**headers, "Retry-After": str(math.ceil(wait))})
        return site, headers

    async def post_rating(self, request: Request) -> Response:
        checked = self.admit(request)
        if isinstance(checked, Response):
            return checked
        site, headers = checked
        try:
            data = parse_json(await read_body(request, self.settings.max_body_bytes, JSON_TYPES))
            if data.get("site", site.id) != site.id:
                raise BodyError(400, "site", "site in the body differs from the site in the URL")
            data.pop("site", None)
            stored = await self.db(self.service.submit, site, data,
                                             self.client(request))
        except BodyError as exc:
            return error(exc.status, exc.code, exc.message, headers)
        except RatingError as exc:
            return error(exc.status, exc.code, exc.message, headers)
        return JSONResponse({"id": stored.id, "replayed": stored.replayed}, 200 if stored.replayed else 201,
                            headers={**headers, **SECURITY_HEADERS})

    async def preview(self, request: Request) -> Response:
        """The comment as it would be stored, so the widget can show it before sending."""
        checked = self.admit(request)
        if isinstance(checked, Response):
            return checked
        site, headers = checked
        try:
            data = parse_json(await read_body(request, self.settings.max_body_bytes, JSON_TYPES))
            comment, lang = data.get("comment"), data.get("lang", "fi")
            if not isinstance(comment, str) or len(comment) > MAX_COMMENT or lang not in LANGS:
                raise BodyError(400, "comment", "comment (at most 300 characters) and lang (fi, sv, en) required")
        except BodyError as exc:
            return error(exc.status, exc.code, exc.message, headers)
        text, found = scrub(comment, lang)
        return JSONResponse({"comment": text, "found": found}, headers={**headers, **SECURITY_HEADERS})

    # -- the no-JavaScript form ------------------------------------------------------------------
    def html(self, content: str, status: int = 200, extra: dict[str, str] | None = None) -> HTMLResponse:
        return HTMLResponse(content, status, headers={**SECURITY_HEADERS, "Content-Security-Policy": forms.CSP,
                                                      "Cache-Control": "no-store", **(extra or {})})

    async def form_get(self, request: Request) -> Response:
        query = request.query_params
        lang = query.get("lang") if query.get("lang") in LANGS else "fi"
        site = self.site(query.get("site"))
        if site is None:
            return self.html(forms.message_page(lang, None, "unknown_page"), 404)
        try:
            page = await self.db(self.service.page_for, site, query.get("url"))
            version = await self.db(self.service.version, page.version)
        except RatingError:
            return self.html(forms.message_page(lang, None, "unknown_page"), 404)
        token = self.service.issue_token(site.id)
        values = {"idempotency_key": secrets.token_urlsafe(16)}
        return self.html(forms.form_page(lang, site.id, page.url, token, list(version.paragraphs), values=values))

    async def form_post(self, request: Request) -> Response:
        if not self.same_origin(request):
            return self.html(forms.message_page("fi", None, "error"), 403)
        try:
            data = parse_form(await read_body(request, self.settings.max_body_bytes, FORM_TYPES))
        except BodyError as exc:
            return self.html(forms.message_page("fi", None, "error"), exc.status)
        lang = data.pop("lang", "fi")
        lang = lang if lang in LANGS else "fi"
        site = self.site(data.pop("site", None))
        if site is None:
            return self.html(forms.message_page(lang, None, "unknown_page"), 404)
        wait = self.limited(request)
        if wait:
            return self.html(forms.message_page(lang, None, "rate_limit"), 429, {"Retry-After": str(math.ceil(wait))})
        comment = data.get("comment", "")
        page = None
        try:
            page = await self.db(self.service.page_for, site, data.get("url"))
            if len(comment.strip()) > MAX_COMMENT:
                # refused before scrubbing: scrubbing is for the 300 characters that may be stored
                version = await self.db(self.service.version, page.version)
                content = forms.form_page(lang, site.id, page.url, data.get("token", ""), list(version.paragraphs),
                                          message=texts(lang)["too_long"], alert=True,
                                          values=data)
                return self.html(content, 400)
            if not data.get("rating"):
                raise RatingError("rating", "rating missing")
            cleaned, found = scrub(comment, lang)
            if found and data.get("confirmed") != "1":
                # show the scrubbed comment and let the resident decide before anything is stored
                version = await self.db(self.service.version, page.version)
                values = {**data, "comment": cleaned}
                content = forms.form_page(lang, site.id, page.url, data.get("token", ""), list(version.paragraphs),
                                          message=texts(lang)["scrubbed"], alert=True, values=values, confirmed=True)
                return self.html(content, 400)
            data.pop("confirmed", None)
            data["comment"] = cleaned or None
            await self.db(self.service.submit, site, data, self.client(request))
        except RatingError as exc:
            key = ERROR_TEXT.get(exc.code, "error")
            if key == "choose" and page is not None:
                version = await self.db(self.service.version, page.version)
                content = forms.form_page(lang, site.id, page.url, data.get("token", ""), list(version.paragraphs),
                                          message=texts(lang)["choose"], alert=True, values=data)
                return self.html(content, 400)
            return self.html(forms.message_page(lang, None, key), exc.status)
        return self.html(forms.message_page(lang, page.url, "thanks"))

    # -- site administration -----------------------------------------------------------------------
    def admin_site(self, request: Request, site_id: str) -> Site | None:
        """The site when the request carries its admin token: ``Authorization: Bearer TOKEN``
        (API, scripts) or HTTP Basic with the token as password (a browser's own login box)."""
        site = self.site(site_id)
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        token = None
        if scheme.lower() == "bearer":
            token = value.strip()
        elif scheme.lower() == "basic":
            try:
                token = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")[2]
            except (binascii.Error, UnicodeDecodeError):
                token = None
        return site if site is not None and site.token_ok(token) else None

    @staticmethod
    def unauthorised() -> Response:
        return error(401, "auth", "admin token required", {"WWW-Authenticate": 'Basic realm="selkeys", charset="UTF-8"'})

    async def publish_page(self, request: Request) -> Response:
        """``POST /api/v1/sites/{site}/pages`` with JSON {url, lang, text, format, translation_of}:
        the batch run's way to tell the service which text a page shows."""
        site = self.admin_site(request, request.path_params["site"])
        if site is None:
            return self.unauthorised()
        try:
            data = parse_json(await read_body(request, MAX_PUBLISH_BYTES, JSON_TYPES))
            extra = set(data) - {"url", "lang", "text", "format", "translation_of"}
            if extra or not isinstance(data.get("text"), str):
                raise BodyError(400, "fields", "expected url, lang, text, optional format and translation_of")
            published = await run_in_threadpool(publish, self.engine, site.id, data.get("url"), data.get("lang"),
                                                data["text"].encode("utf-8"), data.get("format", "text"),
                                                data.get("translation_of"))
        except BodyError as exc:
            return error(exc.status, exc.code, exc.message)
        except (PublishError, TypeError) as exc:
            return error(400, "publish", str(exc))
        return JSONResponse({"page": published.page_id, "version": published.version, "score": published.score,
                             "band": published.band, "paragraphs": published.paragraphs, "cached": published.cached},
                            headers=SECURITY_HEADERS)

    async def dashboard_page(self, request: Request) -> Response:
        site = self.admin_site(request, request.path_params["site"])
        if site is None:
            return self.unauthorised()
        lang = negotiate_ui_lang(request.query_params.get("lang"), request.headers.get("accept-language"))
        report = await run_in_threadpool(dashboard.build_report, self.engine, site, self.settings.min_ratings)
        return HTMLResponse(dashboard.render_html(site, report, self.settings, lang), headers={
            **SECURITY_HEADERS, "Content-Security-Policy": dashboard.CSP, "Cache-Control": "no-store",
            "Content-Language": lang, "Vary": "Accept-Language"})

    async def export_csv(self, request: Request) -> Response:
        site = self.admin_site(request, request.path_params["site"])
        if site is None:
            return self.unauthorised()
        content = await run_in_threadpool(dashboard.ratings_csv, self.engine, site.id)
        return Response(content, media_type="text/csv; charset=utf-8", headers={
            **SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{site.id}-ratings.csv"',
            "Cache-Control": "no-store"})

    # -- what the server offers: landing page and widget demo ----------------------------------------
    @staticmethod
    def _lang(request: Request) -> str:
        return negotiate_ui_lang(request.query_params.get("lang"), request.headers.get("accept-language"))

    def page(self, content: str, lang: str) -> HTMLResponse:
        return HTMLResponse(content, headers={**SECURITY_HEADERS, "Content-Security-Policy": landing.CSP,
                                              "Content-Language": lang, "Vary": "Accept-Language"})

    async def landing_page(self, request: Request) -> Response:
        lang = self._lang(request)
        return self.page(landing.landing_page(lang), lang)

    async def demo_page(self, request: Request) -> Response:
        lang = self._lang(request)
        return self.page(landing.demo_page(lang, str(request.base_url)), lang)

    async def demo_data(self, request: Request) -> Response:
        lang = request.query_params.get("lang") if request.query_params.get("lang") in LANGS else "fi"
        return JSONResponse(landing.demo_data(lang), headers=SECURITY_HEADERS)

    async def open_dashboard(self, request: Request) -> Response:
        """The landing page's form: /admin?site=ID -> /admin/ID (the browser then asks for the token)."""
        site_id = request.query_params.get("site", "").strip().lower()
        if not SITE_ID.match(site_id):
            return self.page(landing.landing_page(self._lang(request)), self._lang(request))
        return RedirectResponse(f"admin/{site_id}?lang={self._lang(request)}", 303, headers=SECURITY_HEADERS)

    # -- static and health -------------------------------------------------------------------------
    @staticmethod
    def static(name: str, media_type: str) -> Callable[[Request], Awaitable[Response]]:
        async def handler(_request: Request) -> Response:
            return FileResponse(STATIC / name, media_type=media_type, headers={
                **SECURITY_HEADERS, "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"})
        return handler

    async def health(self, _request: Request) -> Response:
        return PlainTextResponse("ok", headers=SECURITY_HEADERS)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.landing_page, methods=["GET"]),
            Route("/demo", self.demo_page, methods=["GET"]),
            Route("/api/v1/demo", self.demo_data, methods=["GET"]),
            Route("/admin", self.open_dashboard, methods=["GET"]),
            Route("/healthz", self.health),
            Route("/widget.js", self.static("widget.js", "text/javascript; charset=utf-8")),
            Route("/widget.css", self.static("widget.css", "text/css; charset=utf-8")),
            Route("/api/v1/page", self.page_data, methods=["GET"]),
            Route("/api/v1/page", self.preflight, methods=["OPTIONS"]),
            Route("/api/v1/ratings", self.post_rating, methods=["POST"]),
            Route("/api/v1/ratings", self.preflight, methods=["OPTIONS"]),
            Route("/api/v1/preview", self.preview, methods=["POST"]),
            Route("/api/v1/preview", self.preflight, methods=["OPTIONS"]),
            Route("/api/v1/sites/{site}/pages", self.publish_page, methods=["POST"]),
            Route("/form", self.form_get, methods=["GET"]),
            Route("/form", self.form_post, methods=["POST"]),
            Route("/admin/{site}", self.dashboard_page, methods=["GET"]),
            Route("/admin/{site}/ratings.csv", self.export_csv, methods=["GET"]),
        ]


def create_app(settings: Settings, pool: EnginePool | None = None) -> Starlette:
    """The one web application of the project: feedback service and playground. ``pool``: where
    the playground's engine work runs (default: ``settings.lint_workers`` processes)."""
    feedback = FeedbackApp(settings)
    pool = pool or engine_pool(settings.lint_workers, settings.lint_deadline)
    limits = ClientMemory(settings.playground_per_minute, settings.playground_per_minute / 2)
    routes = feedback.routes() + playground_routes(pool, limits, feedback.client)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        pool.close()
        feedback.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.feedback = feedback
    app.state.pool = pool
    return app


def app_from_env() -> Starlette:
    """Factory for uvicorn worker processes (`selkeys serve --workers N`): settings come from
    the environment the parent set (Settings.to_env)."""
    return create_app(Settings.from_env())
