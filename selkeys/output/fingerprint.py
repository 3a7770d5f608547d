"""Stable identities for findings, shared by SARIF's partialFingerprints and baselines.

A finding is the same finding across runs when it is on the same page or file, from the same
rule, on the same words, in a paragraph with the same text, and is the same occurrence of
that in the paragraph. Line numbers are deliberately left out: adding a paragraph above
must not make every finding below it look new.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator


def normalise_text(text: str) -> str:
    """Case and runs of white space do not make a different finding."""
    return " ".join(text.casefold().split())


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def location(record: dict) -> str:
    """The URL of a page, or the path of a file."""
    return record.get("url") or record.get("path") or ""


def block_hash(record: dict, finding: dict) -> str | None:
    """Hash of the finding's paragraph text, or None when the record has no block texts
    (the plain JSON output does not carry them)."""
    blocks = record.get("blocks") or []
    index = finding.get("block", -1)
    if 0 <= index < len(blocks):
        return _digest(normalise_text(blocks[index]["text"]))
    return None


def finding_keys(record: dict) -> Iterator[tuple[dict, tuple[str, str, str, str | None, int]]]:
    """Each finding of a record with its key (location, code, matched words, paragraph hash,
    occurrence number among identical findings in that paragraph)."""
    where = location(record)
    occurrences: Counter = Counter()
    for finding in record.get("findings", ()):
        base = (where, finding["code"], normalise_text(finding.get("matched", "")), block_hash(record, finding))
        occurrences[base] += 1
        yield finding, (*base, occurrences[base])


def fingerprint(key: tuple) -> str:
    """A hex digest of a finding key without its location (SARIF pairs it with the file)."""
    _, code, matched, paragraph, occurrence = key
    return _digest(code, matched, paragraph or "", str(occurrence))
