"""CSV: one row per page or file, for a spreadsheet of where the hardest pages are.

UTF-8 with a byte-order mark, so that Excel shows ä and å right. The column names are fixed
(scripts read them); the band is named in the page's language, or the one the user chose.
Text cells that a spreadsheet would take for a formula (starting with = + - @, tab or carriage
return) get a leading apostrophe: page titles and URLs come from the site, not from the user.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from selkeys.messages import for_text
from selkeys.output.fingerprint import location
from selkeys.score import band_label

COLUMNS = ("url", "language", "score", "band", "errors", "warnings", "info", "hints", "findings", "section",
           "status", "problem")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def row(record: dict, message_lang: str | None = None) -> list[object]:
    severities = Counter(f["severity"] for f in record.get("findings", ()))
    score = record.get("score") or {}
    languages = list((record.get("by_language") or {}).keys())
    band = score.get("band")
    band = band_label(band, for_text(message_lang, languages[0] if languages else None)) if band else ""
    return [location(record), languages[0] if languages else (record.get("page_lang") or ""),
            score.get("score", ""), band, severities["error"], severities["warning"],
            severities["info"], severities["hint"], sum(severities.values()), record.get("section", ""),
            record.get("status") or "", record.get("error") or record.get("skipped") or ""]


def render(records: Iterable[dict], out: TextIO, message_lang: str | None = None) -> None:
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow([safe_cell(value) for value in row(record, message_lang)])
