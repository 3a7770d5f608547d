"""A deliberately slow stand-in for the playground's engine work (tests/test_server_responsive.py):
a text starting "hidas" runs a regular expression that backtracks for many seconds inside C
code, holding the GIL the whole time, as the quadratic token pattern of issue 18 did; any
other text is answered at once."""

from __future__ import annotations

import re


def handle(kind: str, *args) -> tuple[int, dict]:
    text = args[0].text if kind == "lint" else ""
    if text.startswith("hidas"):
        re.fullmatch(r"(?:a|aa)*c", "a" * 40)  # about 15 s in one C call
    return 200, {"kind": kind, "text": text}
