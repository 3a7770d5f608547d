"""The text and JSON formats for batch runs, rendered from records read back from disk.

The text and JSON renderers take :class:`~selkeys.lint.FileResult` objects; a batch run
keeps only records, so :func:`file_result` turns one back (findings, scores, error) for the
text renderer, and :func:`render_json` writes the JSON format's shape one file object at a
time, plus the page facts (url, status, language versions) that records carry.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from selkeys import __version__
from selkeys.lint import BlockReport, FileResult, LanguageReport
from selkeys.model import Finding, Severity, Suggestion
from selkeys.score import Score


def _score(data: dict | None) -> Score | None:
    if not data:
        return None
    return Score(data["score"], data["band"], tuple((d["measure"], d["points"]) for d in data.get("drivers", ())))


def file_result(record: dict) -> FileResult:
    """A FileResult with what the text renderer shows; the page's URL stands as its path."""
    result = FileResult(path=record.get("url") or record["path"], error=record.get("error"))
    result.languages = Counter(record.get("languages", {}))
    result.skipped = Counter(record.get("skipped_blocks", {}))
    result.by_language = {lang: LanguageReport(data.get("measures", {}), _score(data.get("score")))
                          for lang, data in (record.get("by_language") or {}).items()}
    result.blocks = [BlockReport(p["index"], p["lang"], p["kind"], p["line"], p.get("measures", {}), _score(p.get("score")))
                     for p in record.get("paragraphs", ())]
    # a finding's language is its paragraph's (records do not repeat it); else the page's
    block_langs = {b.index: b.lang for b in result.blocks}
    result.findings = [
        Finding(code=f["code"], name=f["name"], severity=Severity.parse(f["severity"]), category=f["category"],
                message=f["message"], start=f["start"], end=f["end"], line=f["line"], column=f["column"],
                end_line=f["end_line"], end_column=f["end_column"], matched=f["matched"],
                suggestions=[Suggestion(s["text"], s["safe"], s.get("replacement")) for s in f.get("suggestions", ())],
                block_index=f.get("block", -1), block_start=f.get("block_start", -1), block_end=f.get("block_end", -1),
                lang=block_langs.get(f.get("block", -1), result.main_lang))
        for f in record.get("findings", ())
    ]
    return result


def render_json(records: Iterable[dict], out: TextIO) -> None:
    """``{"selkeys", "files": [...], "summary"}`` as for files, without the block texts."""
    out.write('{\n  "selkeys": ' + json.dumps(__version__) + ',\n  "files": [')
    files = findings = errors = 0
    for record in records:
        view = {k: v for k, v in record.items() if k not in ("blocks", "links")}
        out.write(("" if files == 0 else ",") + "\n    " + json.dumps(view, ensure_ascii=False))
        files += 1
        findings += len(record.get("findings", ()))
        errors += 1 if record.get("error") else 0
    summary = {"files": files, "findings": findings, "errors": errors}
    out.write("\n  ],\n  \"summary\": " + json.dumps(summary) + "\n}\n")
