"""Inline suppression comments shared by the Markdown and HTML readers.

Syntax (inside an HTML comment)::

    <!-- selkeys-disable FI-ABBR-001, FI-WORD-002 -- reason -->
    <!-- selkeys-enable -->
    <!-- selkeys-disable-next-line FI-LONG-001 -- reason -->
"""

from __future__ import annotations

import re

from selkeys.model import Directive

_DIRECTIVE = re.compile(
    r"^\s*selkeys-(?P<action>disable-next-line|disable|enable)\b(?P<codes>[^-]*(?:-(?!-)[^-]*)*)(?:--(?P<reason>.*))?$",
    re.S,
)


def parse_comment(body: str, src_start: int, src_end: int) -> Directive | None:
    """Return the directive in an HTML comment body, or None for an ordinary comment."""
    match = _DIRECTIVE.match(body)
    if not match:
        return None
    codes = tuple(c for c in re.split(r"[\s,]+", match["codes"].strip()) if c)
    return Directive(match["action"], codes, (match["reason"] or "").strip(), src_start, src_end)


def find_comments(text: str, base: int = 0) -> list[Directive]:
    """Directives in every ``<!-- ... -->`` of a raw markup fragment."""
    found = []
    for m in re.finditer(r"<!--(.*?)-->", text, re.S):
        directive = parse_comment(m.group(1), base + m.start(), base + m.end())
        if directive:
            found.append(directive)
    return found
