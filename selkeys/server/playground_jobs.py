"""The playground's engine work, run in the engine pool's worker processes (``pool``).

Each worker process keeps one Linter (rules loaded and Voikko started once) and, per profile,
a cache of the paragraphs it has analysed, so a long text that is being edited is analysed
again only where it changed; a request is best sent to the same worker, and with one worker
(the default) it always is. Answers are plain data, ``(status, JSON body)``, so nothing but
built-in types crosses the pipe.
"""

from __future__ import annotations

from typing import Any

from selkeys.lint import BlockCache, Linter
from selkeys.readers import InputError
from selkeys.rewrite import diff_findings, score_changes
from selkeys.server.exercises import exercises
from selkeys.server.lint_view import LintRequest, Utf16Offsets, finding_view, lint_request, result_view, score_view

PROFILES = ("plain", "easy")

_linter: Linter | None = None
_caches: dict[str, BlockCache] = {}


def start() -> None:
    """The worker's initializer: build the Linter before the first request arrives."""
    linter()


def linter() -> Linter:
    global _linter
    if _linter is None:
        _linter = Linter()
        _caches.update({profile: BlockCache() for profile in PROFILES})
    return _linter


def handle(kind: str, *args: Any) -> tuple[int, dict]:
    """One job: ``("lint", LintRequest)``, ``("compare", before, after)`` or
    ``("exercises", lang, message_lang)``."""
    try:
        if kind == "lint":
            return 200, _lint(args[0])
        if kind == "compare":
            return 200, _compare(*args)
        if kind == "exercises":
            return 200, {"exercises": exercises(linter().rules, *args)}
    except InputError as exc:
        return 400, {"error": exc.reason, "code": "input"}
    raise ValueError(f"unknown job {kind!r}")


def _lint(request: LintRequest) -> dict:
    doc, result = lint_request(linter(), request, _caches[request.profile])
    return result_view(linter(), doc, result, request.ui_lang, request.message_lang)


def _compare(before: LintRequest, after: LintRequest) -> dict:
    cache = _caches[before.profile]
    before_doc, before_result = lint_request(linter(), before, cache)
    after_doc, after_result = lint_request(linter(), after, cache)
    diff = diff_findings(before_result.findings, after_result.findings)
    before_units, after_units = Utf16Offsets(before_doc.source), Utf16Offsets(after_doc.source)
    ui, chosen = before.ui_lang, before.message_lang
    scores = [{"lang": c.lang, "before": score_view(c.before, ui), "after": score_view(c.after, ui),
               "change": c.change} for c in score_changes(before_result, after_result)]
    return {
        "before": result_view(linter(), before_doc, before_result, ui, chosen),
        "after": result_view(linter(), after_doc, after_result, ui, chosen),
        "scores": scores,
        "resolved": [finding_view(f, before_units, i) for i, f in enumerate(diff.resolved)],
        "remaining": [{**finding_view(new, after_units, i), "matched_before": old.matched}
                      for i, (old, new) in enumerate(diff.remaining)],
        "new": [finding_view(f, after_units, i) for i, f in enumerate(diff.new)],
    }
