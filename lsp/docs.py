"""Rule documentation that diagnostics link to (LSP codeDescription).

The single-file HTML handbook (`selkeys.handbook`, the same page `selkeys handbook` writes) is
generated into the user's cache directory, one file per language; a diagnostic links to its
rule's stable anchor with a file: URI, in the handbook of the language its message is in.

The handbook names every rule by the words it flags in its own example, and finding those
means analysing the examples of both rule packs, Swedish ones with the Swedish tagger (over a
second and 200 MB to load). An editor working on Finnish text should not pay that, so the
handbook is built in a child process, and only when it is missing or stale: a stamp at its
end records what it was built from (selkeys version, rule packs, catalogue, score models), so
a file changed or left half-written by anything else is built again.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from selkeys import __version__
from selkeys.analysis.store import default_dir
from selkeys.handbook import SINGLE_FILE, HandbookError, build
from selkeys.messages import LANGS, catalogue
from selkeys.rules.schema import Rule, load_rules
from selkeys.score import COMPONENTS

BUILD_TIMEOUT = 120  # seconds; a handbook that cannot be built leaves diagnostics without a link


def _stamp(rules: list[Rule], lang: str) -> str:
    """The last line of a handbook built from these rules, catalogue and score models."""
    parts = (__version__, lang, repr(sorted(rules, key=lambda r: r.code)), repr(catalogue()), repr(COMPONENTS))
    return f"<!-- selkeys-handbook {hashlib.sha256(chr(10).join(parts).encode('utf-8')).hexdigest()} -->\n"


def current_handbook(rules: list[Rule], lang: str) -> Path | None:
    """The handbook's path in ``lang`` when it is there and built from these rules; else None."""
    if lang not in LANGS:
        return None
    path = default_dir() / f"handbook-{lang}" / SINGLE_FILE
    return path if _ends_with(path, _stamp(rules, lang)) else None


def write_handbook(rules: list[Rule], lang: str) -> Path | None:
    """The handbook's path in ``lang``, built first if it is missing or stale; None when the
    cache is not writable, the language has no handbook or the build fails."""
    if lang not in LANGS:
        return None
    path = default_dir() / f"handbook-{lang}" / SINGLE_FILE
    stamp = _stamp(rules, lang)
    if _ends_with(path, stamp):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "selkeys.lsp.docs", lang, str(path), stamp], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=BUILD_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return path if _ends_with(path, stamp) else None


def _ends_with(path: Path, stamp: str) -> bool:
    try:
        with open(path, "rb") as fh:
            fh.seek(max(0, path.stat().st_size - len(stamp.encode("utf-8"))))
            return fh.read().decode("utf-8", "replace") == stamp
    except OSError:
        return False


def rule_href(handbook: Path | None, code: str) -> str | None:
    """The link to a rule's section: ``file:///…/handbook.html#FI-NOUN-001``."""
    return f"{handbook.as_uri()}#{code}" if handbook else None


def _build_into(lang: str, path: Path, stamp: str) -> int:
    """The child process's work: write the handbook in ``lang`` to ``path``, ending with
    ``stamp`` (written beside it and renamed, so the editor never links to half a file)."""
    try:
        (_, content), = build(load_rules(), lang, single_file_only=True).items()
        partial = path.with_suffix(".partial")
        partial.write_text(content + stamp, encoding="utf-8")
        partial.replace(path)
    except (HandbookError, OSError):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_build_into(sys.argv[1], Path(sys.argv[2]), sys.argv[3]))
