"""Baselines: report only findings that were not there in an earlier run.

A large existing site has thousands of findings; CI should fail on the new ones only. The
baseline is an earlier run's JSONL (``selkeys check ... --format jsonl > baseline.jsonl``)
or JSON output. A finding is known when its location, rule, matched words and paragraph
text match one in the baseline (see ``output.fingerprint``); JSON output has no paragraph
texts, so against it the paragraph is left out of the match. Each baseline finding excuses
one finding, so a second copy of the same fault is still reported.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from selkeys.output.fingerprint import finding_keys


class BaselineError(Exception):
    pass


def _records(path: Path) -> Iterator[dict]:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            head = fh.read(1)
            fh.seek(0)
            if head == "{":
                first = fh.readline()
                try:
                    single = json.loads(first)
                except (ValueError, RecursionError):
                    single = None
                if isinstance(single, dict) and "path" in single:  # JSONL: a record per line
                    yield single
                    for line in fh:
                        if line.strip():
                            yield json.loads(line)
                    return
                fh.seek(0)
                data = json.load(fh)
                if not isinstance(data, dict) or not isinstance(data.get("files"), list):
                    raise BaselineError(f"{path}: not selkeys JSON or JSONL output")
                yield from data["files"]
            elif head:
                raise BaselineError(f"{path}: not selkeys JSON or JSONL output")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc.strerror})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: the baseline is not valid JSON ({exc})") from None
    except RecursionError:  # "[[[[..." nested deeper than the parser goes
        raise BaselineError(f"{path}: the baseline is not valid JSON (nested too deeply)") from None


class Baseline:
    def __init__(self, path: Path) -> None:
        self.full: Counter = Counter()  # keys with the paragraph hash
        self.reduced: Counter = Counter()  # keys of baseline findings without paragraph text
        for record in _records(Path(path)):
            if not isinstance(record, dict):
                raise BaselineError(f"{path}: not selkeys JSON or JSONL output")
            for _, key in finding_keys(record):
                if key[3] is None:
                    self.reduced[_without_paragraph(key)] += 1
                else:
                    self.full[key] += 1

    def new_findings(self, record: dict) -> list[dict]:
        """The record's findings that the baseline does not excuse."""
        fresh = []
        for finding, key in finding_keys(record):
            if self.full[key] > 0:
                self.full[key] -= 1
                continue
            reduced = _without_paragraph(key)
            if self.reduced[reduced] > 0:
                self.reduced[reduced] -= 1
                continue
            fresh.append(finding)
        return fresh

    def filter(self, records: Iterable[dict]) -> Iterator[dict]:
        for record in records:
            if record.get("findings"):
                record = {**record, "findings": self.new_findings(record)}
            yield record


def _without_paragraph(key: tuple) -> tuple:
    where, code, matched, _, _ = key
    return where, code, matched
