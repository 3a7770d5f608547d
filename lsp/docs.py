"""Rule documentation that diagnostics link to (LSP codeDescription).

The single-file HTML handbook (`selkeys.handbook`, the same pages `selkeys handbook` writes) is
generated into the user's cache directory, one file per UI language; a diagnostic links to its
rule's stable anchor with a file: URI. The file is rewritten only when its content changed, so
an upgrade or an edited rule pack never leaves a stale handbook behind.
"""

from __future__ import annotations

from pathlib import Path

from selkeys.analysis.store import default_dir
from selkeys.handbook import HandbookError, build
from selkeys.rules.schema import Rule


def write_handbook(rules: list[Rule], ui_lang: str) -> Path | None:
    """Write (when missing or changed) and return the handbook path; None when the cache is
    not writable or the language has no handbook."""
    try:
        (name, content), = build(rules, ui_lang, single_file_only=True).items()
    except HandbookError:
        return None
    path = default_dir() / f"handbook-{ui_lang}" / name
    try:
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return path


def rule_href(handbook: Path | None, code: str) -> str | None:
    """The link to a rule's section: ``file:///…/handbook.html#FI-NOUN-001``."""
    return f"{handbook.as_uri()}#{code}" if handbook else None
