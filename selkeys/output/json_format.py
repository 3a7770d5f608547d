"""JSON: one object for the whole run, stable keys, for scripts and other tools."""

from __future__ import annotations

import json

from selkeys import __version__
from selkeys.lint import FileResult


def _round(value):
    return round(value, 3) if isinstance(value, float) else value


def file_dict(result: FileResult) -> dict:
    return {
        "path": result.path,
        "error": result.error,
        "languages": dict(result.languages),
        "skipped_blocks": dict(result.skipped),
        "skipped_paragraphs": [s.to_dict() for s in result.skipped_blocks],
        "score": result.score.to_dict() if result.score else None,
        "measures": {k: _round(v) for k, v in result.measures.items()},
        "by_language": {
            lang: {"score": report.score.to_dict() if report.score else None,
                   "measures": {k: _round(v) for k, v in report.measures.items()}}
            for lang, report in result.by_language.items()
        },
        "paragraphs": [
            {
                "index": b.index, "line": b.line, "lang": b.lang, "kind": b.kind,
                "score": b.score.to_dict() if b.score else None,
                "measures": {k: _round(v) for k, v in b.measures.items()},
                "sentences": [s.to_dict() for s in b.sentences],
                **({"location": b.location.to_dict()} if b.location is not None else {}),
            }
            for b in result.blocks
        ],
        "findings": [f.to_dict() for f in result.findings],
        # Word documents: facts about the file, section scores, proposals harder than their item
        "notices": dict(result.notices),
        "sections": [s.to_dict() for s in result.sections],
        "proposal_notes": [n.to_dict() for n in result.proposal_notes],
    }


def render(results: list[FileResult]) -> str:
    findings = sum(len(r.findings) for r in results)
    payload = {
        "selkeys": __version__,
        "files": [file_dict(r) for r in results],
        "summary": {"files": len(results), "findings": findings,
                    "errors": sum(1 for r in results if r.error)},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
