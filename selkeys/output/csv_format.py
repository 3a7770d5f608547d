"""CSV: one row per page or file, for a spreadsheet of where the hardest pages are.

UTF-8 with a byte-order mark, so that Excel shows ä and å right. Text cells that a
spreadsheet would take for a formula (starting with = + - @, tab or carriage return) get a
leading apostrophe: page titles and URLs come from the site, not from the user.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from selkeys.output.fingerprint import location

COLUMNS = ("url", "language", "score", "band", "errors", "warnings", "info", "hints", "findings", "section",
           "status", "problem")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def row(record: dict) -> list[object]:
    severities = Counter(f["severity"] for f in record.get("findings", ()))
    score = record.get("score") or {}
    languages = list((record.get("by_language") or {}).keys())
    return [location(record), languages[0] if languages else (record.get("page_lang") or ""),
            score.get("score", ""), score.get("band", ""), severities["error"], severities["warning"],
            severities["info"], severities["hint"], sum(severities.values()), record.get("section", ""),
            record.get("status") or "", record.get("error") or record.get("skipped") or ""]


def render(records: Iterable[dict], out: TextIO) -> None:
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow([safe_cell(value) for value in row(record)])
