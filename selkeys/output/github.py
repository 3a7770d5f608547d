"""GitHub Actions workflow commands: findings appear as annotations on the pull request.

``::warning file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::message``; values are
escaped as the runner expects (% CR LF in messages; also : and , in properties), so a
message cannot end the command early or inject another one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from selkeys.output.fingerprint import location

_LEVEL = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(records: Iterable[dict], out: TextIO) -> None:
    for record in records:
        where = escape_property(location(record))
        if record.get("error"):
            out.write(f"::error file={where},title=selkeys::{escape_data(record['error'])}\n")
            continue
        for f in record.get("findings", ()):
            props = (f"file={where},line={f['line']},col={f['column']},endLine={f['end_line']},"
                     f"endColumn={f['end_column']},title={escape_property(f['code'])}")
            out.write(f"::{_LEVEL.get(f['severity'], 'warning')} {props}::{escape_data(f['message'])}\n")
