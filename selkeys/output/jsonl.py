"""JSON Lines: one record per page or file, the same lines a batch run stores in its run
directory. Suited to streaming into other tools, and usable as a ``--baseline``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO


def render(records: Iterable[dict], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
