"""Rule documentation that diagnostics link to (LSP codeDescription).

The handbook of every rule is written once per selkeys version into the user's cache
directory as Markdown, one section per rule code, built from the same rule entries as
`selkeys explain`; a diagnostic links to its section with a file: URI.
"""

from __future__ import annotations

from pathlib import Path

from selkeys import __version__
from selkeys.analysis.store import default_dir
from selkeys.explain import explain_rule
from selkeys.rules.schema import Rule


def write_handbook(rules: list[Rule], ui_lang: str) -> Path | None:
    """Write (if missing) and return the handbook path; None when the cache is not writable."""
    path = default_dir() / f"rules-{__version__}-{ui_lang}.md"
    if path.is_file():
        return path
    parts = ["# selkeys rules\n"]
    for rule in sorted(rules, key=lambda r: r.code):
        parts.append(f"\n## {rule.code.lower()}\n\n```text\n{explain_rule(rule, ui_lang)}\n```\n")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(parts), encoding="utf-8")
    except OSError:
        return None
    return path


def rule_href(handbook: Path | None, code: str) -> str | None:
    return f"{handbook.as_uri()}#{code.lower()}" if handbook else None
