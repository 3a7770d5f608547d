"""The text and JSON formats, rendered from records read back from disk.

Every `check` run streams its records to disk and renders the chosen format from them, so a
record must carry everything any format shows: :func:`file_result` turns one back into the
:class:`~selkeys.lint.FileResult` the text renderer takes (findings with their Word
locations, paragraphs and their sentences, notices, section scores, proposal notes), and
:func:`render_json` writes the JSON format's file objects without what only records keep.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TextIO

from selkeys import __version__
from selkeys.lint import BlockReport, FileResult, LanguageReport, SkippedBlock
from selkeys.model import Finding, Location, Severity, Suggestion
from selkeys.output.json_format import write_compact
from selkeys.score import Score, SentenceScore
from selkeys.sections import ProposalNote, SectionReport

# what records carry for the HTML report and baselines beyond the JSON format's file object
_RECORD_ONLY = ("blocks", "links", "depth")
_RECORD_ONLY_SPANS = ("block", "block_start", "block_end")


def _score(data: dict | None) -> Score | None:
    if not data:
        return None
    return Score(data["score"], data["band"], tuple((d["measure"], d["points"]) for d in data.get("drivers", ())))


def _location(data: dict | None) -> Location | None:
    return Location(**data) if data else None


def _sentence(data: dict) -> SentenceScore:
    return SentenceScore(data["start"], data["end"], data["line"], data["column"], _score(data),
                         data.get("block_start", -1), data.get("block_end", -1))


def file_result(record: dict) -> FileResult:
    """The FileResult a record was made from, as far as any output shows it; a page's URL
    stands as its path."""
    result = FileResult(path=record.get("url") or record["path"], error=record.get("error"),
                        notices=dict(record.get("notices") or {}))
    result.languages = Counter(record.get("languages", {}))
    result.skipped = Counter(record.get("skipped_blocks", {}))
    result.skipped_blocks = [SkippedBlock(s["index"], s["lang"], s["line"], _location(s.get("location")))
                             for s in record.get("skipped_paragraphs", ())]
    result.by_language = {lang: LanguageReport(data.get("measures", {}), _score(data.get("score")))
                          for lang, data in (record.get("by_language") or {}).items()}
    result.blocks = [BlockReport(p["index"], p["lang"], p["kind"], p["line"], p.get("measures", {}),
                                 _score(p.get("score")), _location(p.get("location")),
                                 tuple(map(_sentence, p["sentences"])) if p.get("sentences") else ())
                     for p in record.get("paragraphs", ())]
    # a finding's language is its paragraph's (records do not repeat it); else the page's
    block_langs = {b.index: b.lang for b in result.blocks}
    result.findings = [
        Finding(code=f["code"], name=f["name"], severity=Severity.parse(f["severity"]), category=f["category"],
                message=f["message"], start=f["start"], end=f["end"], line=f["line"], column=f["column"],
                end_line=f["end_line"], end_column=f["end_column"], matched=f["matched"],
                suggestions=[Suggestion(s["text"], s["safe"], s.get("replacement")) for s in f.get("suggestions", ())],
                block_index=f.get("block", -1), block_start=f.get("block_start", -1), block_end=f.get("block_end", -1),
                location=_location(f.get("location")), lang=block_langs.get(f.get("block", -1), result.main_lang))
        for f in record.get("findings", ())
    ]
    # a section's weighted finding count only feeds the proposal notes, which records keep
    result.sections = [SectionReport(s["item"], s["section"], s["role"], s["part"], s["lang"], s["first_block"],
                                     _score(s.get("score")), 0.0) for s in record.get("sections", ())]
    result.proposal_notes = [ProposalNote(n["item"], n["section"], n["lang"], n["score"], n["rest_of_item"])
                             for n in record.get("proposal_notes", ())]
    return result


def _without_spans(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in _RECORD_ONLY_SPANS}


def _view_items(record: dict, detail: str) -> Iterator[tuple[str, object]]:
    """The JSON format's file object of a record (the page facts included), key by key; its
    long lists (findings, paragraphs) as iterators, so that no copy of them is built.
    ``detail`` (findings, paragraphs, sentences) says how much of the paragraphs it shows."""
    for key, value in record.items():
        if key in _RECORD_ONLY:
            continue
        if key == "findings":
            value = (_without_spans(f) for f in value)
        elif key == "paragraphs":
            if detail == "findings":
                continue
            if detail == "paragraphs":
                value = ({k: v for k, v in p.items() if k != "sentences"} for p in value)
            else:
                value = ({**p, "sentences": [_without_spans(s) for s in p.get("sentences", ())]} for p in value)
        yield key, value


def render_json(records: Iterable[dict], out: TextIO, detail: str = "sentences") -> None:
    """``{"selkeys", "files": [...], "summary"}``, one file object at a time."""
    out.write('{\n  "selkeys": ' + json.dumps(__version__) + ',\n  "files": [')
    files = findings = errors = 0
    for record in records:
        out.write(("" if files == 0 else ",") + "\n    ")
        write_compact(_view_items(record, detail), out)
        files += 1
        findings += len(record.get("findings", ()))
        errors += 1 if record.get("error") else 0
    summary = {"files": files, "findings": findings, "errors": errors}
    out.write("\n  ],\n  \"summary\": " + json.dumps(summary) + "\n}\n")
