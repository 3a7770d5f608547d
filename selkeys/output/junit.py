"""JUnit XML, which most CI systems show as a test report: one test case per page or file,
one failure per finding, an error for a page that could not be read.

The counts go in the first element but are known only at the end, so test cases are
spooled to a temporary file first: memory stays bounded on a large site.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from selkeys.output.fingerprint import location

# characters XML 1.0 does not allow at all, even escaped
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_ILLEGAL.sub("\ufffd", value))


def _attr(value: str) -> str:
    return quoteattr(_ILLEGAL.sub("\ufffd", value))


def render(records: Iterable[dict], out: TextIO) -> None:
    tests = failures = errors = skipped = 0
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024, mode="w+", encoding="utf-8") as body:
        for record in records:
            tests += 1
            name = _attr(location(record))
            if record.get("error"):
                errors += 1
                body.write(f'  <testcase classname="selkeys" name={name}>\n'
                           f'    <error message={_attr(record["error"])}/>\n  </testcase>\n')
                continue
            if record.get("skipped"):
                skipped += 1
                body.write(f'  <testcase classname="selkeys" name={name}>\n'
                           f'    <skipped message={_attr(record["skipped"])}/>\n  </testcase>\n')
                continue
            findings = record.get("findings", ())
            if findings:
                failures += 1
            body.write(f'  <testcase classname="selkeys" name={name}>\n')
            for f in findings:
                detail = f"{location(record)}:{f['line']}:{f['column']}: {f['code']} {f['severity']} {f['message']}"
                body.write(f"    <failure type={_attr(f['code'])} message={_attr(f['message'])}>"
                           f"{_text(detail)}</failure>\n")
            body.write("  </testcase>\n")
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
                  f'<testsuite name="selkeys" tests="{tests}" failures="{failures}" errors="{errors}" '
                  f'skipped="{skipped}">\n')
        body.seek(0)
        shutil.copyfileobj(body, out)
        out.write("</testsuite>\n</testsuites>\n")
