"""JSON Lines: one record per page or file, the same lines a batch run stores in its run
directory. Suited to streaming into other tools, and usable as a ``--baseline``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from selkeys.output.json_format import write_compact


def render(records: Iterable[dict], out: TextIO) -> None:
    for record in records:
        write_compact(record.items(), out)
        out.write("\n")
