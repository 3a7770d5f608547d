"""Which local files a command reads: arguments as given, folders walked with the include and
exclude globs of their configuration.

A folder may hold things that are not files (a named pipe, a socket, a device): opening a
FIFO waits for a writer, so those are skipped with a note instead of being read. A path given
by name is kept whatever it is, and its reader refuses it with exit code 2.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from selkeys.config import ConfigResolver
from selkeys.readers import is_regular_file


@dataclass
class Inputs:
    files: list[str] = field(default_factory=list)  # "-" stands for standard input
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, why it cannot be read)
    notes: list[str] = field(default_factory=list)  # what was skipped inside folders, and why


def discover(paths: list[str], resolver: ConfigResolver) -> Inputs:
    """Expand folders recursively; explicit files (and ``-``) are kept as given."""
    found = Inputs()
    for raw in paths:
        if raw == "-":
            found.files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            _walk(path, raw, resolver, found)
        elif path.exists() or path.is_symlink():
            found.files.append(raw)
        elif "://" in raw:
            found.errors.append((raw, "only http:// and https:// addresses are fetched"))
        else:
            found.errors.append((raw, "no such file or directory"))
    return found


def _walk(path: Path, raw: str, resolver: ConfigResolver, found: Inputs) -> None:
    config = resolver.for_file(str(path / "_"))

    def onerror(exc: OSError) -> None:
        found.errors.append((exc.filename or raw, f"cannot read directory ({exc.strerror})"))

    for root, dirs, names in os.walk(path, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not any(fnmatch.fnmatch(d, g) for g in config.exclude))
        for name in sorted(names):
            full = os.path.join(root, name)
            if any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(full, g) for g in config.exclude):
                continue
            if not any(fnmatch.fnmatch(name, g) for g in config.include):
                continue
            if is_regular_file(full):
                found.files.append(full)
            else:
                found.notes.append(f"skipped {full}: not a regular file (a pipe, socket or device)")
