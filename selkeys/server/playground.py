"""The playground of `selkeys serve`: a page where course participants paste text and see what
to fix, and the JSON API it calls.

Routes (added to the app by ``create_app`` through :func:`playground_routes`):

- ``GET /playground``: the page (``?lang=fi|sv|en``, else Accept-Language)
- ``POST /api/playground/lint``: ``{text, profile, lang?, ui_lang, message_lang?}`` -> paragraphs,
  findings, scores, metrics and rule explanations
- ``POST /api/playground/compare``: ``{before, after, profile, lang?, ui_lang, message_lang?}`` ->
  both results and the findings resolved, remaining and new
- ``GET /api/playground/exercises?lang=fi|sv&ui_lang=&message_lang=``: exercises from the rules'
  bad examples
- ``/static/playground/``: the page's script and style sheet (no external assets)

The page's own labels follow its language (``ui_lang``). Findings and rule explanations are in
the language of the text they are about, as everywhere in selkeys, unless the participant chose
the page's language with its language links (``?lang=``): the page then sends it as
``message_lang``, and everything is in that language.

Engine work runs in the engine pool's worker processes (``pool``, ``playground_jobs``) under a
deadline (503 past it), so no text, however hostile, can hold up the rest of the app; each
client may send RATE_PER_MINUTE requests a minute (bursts of RATE_BURST; 429 beyond), as
ratings are limited. The browser drops answers to texts that have changed since.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from selkeys.messages import LANGS, TEXT_LANGS, cap, group, text
from selkeys.model import Severity
from selkeys.rules.schema import CATEGORIES
from selkeys.server import playground_jobs
from selkeys.server.clients import client_of
from selkeys.server.lint_view import LintRequest
from selkeys.server.pool import EnginePool, JobFailed, PoolBusy
from selkeys.server.ratelimit import ClientMemory
from selkeys.server.texts import negotiate_ui_lang

MAX_TEXT_BYTES = 100_000  # per text, UTF-8; the page says so before sending more
MAX_BODY_BYTES = 1_000_000  # two texts of the limit even when JSON escapes every letter as \uXXXX
PROFILES = playground_jobs.PROFILES
RATE_PER_MINUTE = 120.0  # per client; a course behind one address shares it (`serve --playground-rate`)
RATE_BURST = 60.0
_HERE = Path(__file__).parent
STATIC_DIR = _HERE / "static" / "playground"
TEMPLATE = _HERE / "templates" / "playground.html"
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class RequestError(Exception):
    """A request the playground refuses: HTTP status, an error code the page translates, detail."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail

    def response(self) -> JSONResponse:
        return _json({"error": self.detail, "code": self.code, "limit_kb": MAX_TEXT_BYTES // 1000}, self.status)


def engine_pool(workers: int = 1, deadline: float = 10.0) -> EnginePool:
    """The pool the playground's work runs in: ``workers`` processes, ``deadline`` seconds a request."""
    return EnginePool(playground_jobs.handle, playground_jobs.start, workers=workers, deadline=deadline)


def _peer(request: Request) -> str:
    return client_of(request.client.host if request.client else None, request.headers, ())[0]


def playground_routes(pool: EnginePool, limits: ClientMemory | None = None,
                      client: Callable[[Request], str] = _peer) -> list[BaseRoute]:
    """The playground's routes, doing their engine work in ``pool``.

    ``limits``: the per-client request budget (default RATE_PER_MINUTE, bursts of RATE_BURST);
    ``client``: how a request's client is known (the feedback app passes its own, which
    believes forwarded headers from trusted proxies only).
    """
    limits = limits or ClientMemory(RATE_PER_MINUTE, RATE_BURST)

    async def engine(request: Request, *job: Any) -> Response:
        wait = limits.allow(client(request))
        if wait:
            return _json({"error": "too many requests", "code": "rate_limit"}, 429,
                         {"Retry-After": str(math.ceil(wait))})
        try:
            status, body = await pool.run(*job)
        except PoolBusy as exc:
            return _json({"error": str(exc), "code": "busy"}, 503, {"Retry-After": "5"})
        except JobFailed as exc:
            return _json({"error": str(exc), "code": "engine"}, 500)
        return _json(body, status)

    async def page(request: Request) -> Response:
        chosen = request.query_params.get("lang")
        ui_lang = negotiate_ui_lang(chosen, request.headers.get("accept-language"))
        return HTMLResponse(render_page(ui_lang, chosen == ui_lang),
                            headers={**_SECURITY_HEADERS, "Content-Language": ui_lang, "Vary": "Accept-Language"})

    async def lint(request: Request) -> Response:
        try:
            body = await _json_body(request)
            lint_req = LintRequest(_text(body, "text"), *_options(body))
        except RequestError as exc:
            return exc.response()
        return await engine(request, "lint", lint_req)

    async def compare(request: Request) -> Response:
        try:
            body = await _json_body(request)
            options = _options(body)
            before = LintRequest(_text(body, "before"), *options)
            after = LintRequest(_text(body, "after"), *options)
        except RequestError as exc:
            return exc.response()
        return await engine(request, "compare", before, after)

    async def exercise_list(request: Request) -> Response:
        lang = request.query_params.get("lang", "fi")
        ui_lang = request.query_params.get("ui_lang", "fi")
        message_lang = request.query_params.get("message_lang") or None
        if lang not in TEXT_LANGS or ui_lang not in LANGS or message_lang not in (None, *LANGS):
            return RequestError(400, "bad_request",
                                "lang must be fi or sv, ui_lang and message_lang fi, sv or en").response()
        # naming an exercise lints its passage, so it is engine work like a lint request
        return await engine(request, "exercises", lang, message_lang)

    return [
        Route("/playground", page, methods=["GET"], name="playground"),
        Route("/api/playground/lint", lint, methods=["POST"], name="playground-lint"),
        Route("/api/playground/compare", compare, methods=["POST"], name="playground-compare"),
        Route("/api/playground/exercises", exercise_list, methods=["GET"], name="playground-exercises"),
        Mount("/static/playground", StaticFiles(directory=STATIC_DIR), name="playground-static"),
    ]


# -- page ----------------------------------------------------------------------------------
@cache
def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def page_texts(ui_lang: str) -> dict[str, str]:
    """Every text the page and its script show, in ``ui_lang``, by the names they use: the
    catalogue's playground texts plus the shared words (severities, categories, languages,
    profiles, suggestion labels)."""
    texts = group("playground", ui_lang)
    texts.update({f"severity_{s.label}": text(f"severity.{s.label}", ui_lang) for s in Severity})
    texts.update({f"category_{c}": text(f"category.{c}", ui_lang) for c in CATEGORIES})
    texts.update({f"lang_{lang}": text(f"lang.{lang}", ui_lang) for lang in TEXT_LANGS})
    texts.update({f"profile_{p}": cap(text(f"profile.{p}", ui_lang)) for p in PROFILES})
    texts.update(suggestion=cap(text("suggestion.label", ui_lang)), safe=text("suggestion.safe", ui_lang),
                 review=text("suggestion.review", ui_lang), pulled_down=text("score.drivers", ui_lang),
                 findings_count=text("findings.count", ui_lang))
    return texts


@cache
def render_page(ui_lang: str, chosen: bool = False) -> str:
    """The page with its texts filled in (screen readers and the first paint need no script);
    the script takes the same texts, and the size limit, from an inert JSON block. ``chosen``:
    the participant picked this language (``?lang=``), so messages come in it too."""
    texts = page_texts(ui_lang)
    settings = {"ui_lang": ui_lang, "message_lang": ui_lang if chosen else None,
                "limit_kb": MAX_TEXT_BYTES // 1000, "texts": texts}
    blob = json.dumps(settings, ensure_ascii=False).replace("<", "\\u003c")
    values = {**{k: escape(v) for k, v in texts.items()}, "ui_lang": ui_lang, "settings": blob}
    for lang in LANGS:
        values[f"current_{lang}"] = 'aria-current="page"' if lang == ui_lang else ""
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _template())


# -- requests ------------------------------------------------------------------------------
async def _json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object, read no further than the size limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise _too_large()
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestError(400, "bad_request", f"the body is not valid JSON ({exc})") from None
    except RecursionError:  # "[[[[..." nested deeper than the parser goes
        raise RequestError(400, "bad_request", "the body is not valid JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise RequestError(400, "bad_request", "the body must be a JSON object")
    return data


def _text(body: dict[str, Any], key: str) -> str:
    text = body.get(key)
    if not isinstance(text, str):
        raise RequestError(400, "bad_request", f"'{key}' must be a string")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate from a \ud800 escape
        raise RequestError(400, "input", f"'{key}' contains a character that is not valid text") from None
    if size > MAX_TEXT_BYTES:
        raise _too_large()
    return text


def _options(body: dict[str, Any]) -> tuple[str, str | None, str, str | None]:
    """Profile, text language (None: detect per paragraph), UI language and message language
    (None: each finding in its text's language), checked."""
    profile = body.get("profile", "plain")
    lang = body.get("lang") or None
    lang = None if lang == "auto" else lang
    ui_lang = body.get("ui_lang", "fi")
    message_lang = body.get("message_lang") or None
    if profile not in PROFILES:
        raise RequestError(400, "bad_request", "'profile' must be plain or easy")
    if lang is not None and lang not in TEXT_LANGS:
        raise RequestError(400, "bad_request", "'lang' must be fi, sv or auto")
    if ui_lang not in LANGS:
        raise RequestError(400, "bad_request", "'ui_lang' must be fi, sv or en")
    if message_lang is not None and message_lang not in LANGS:
        raise RequestError(400, "bad_request", "'message_lang' must be fi, sv or en")
    return profile, lang, ui_lang, message_lang


def _json(data: dict, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    """Answers depend on the text sent, so nothing is cached on the way."""
    return JSONResponse(data, status, headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
                                               **(headers or {})})


def _too_large() -> RequestError:
    return RequestError(413, "too_large", f"a text may be at most {MAX_TEXT_BYTES // 1000} kB")
