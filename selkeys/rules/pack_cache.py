"""The parsed rule packs kept on disk, so that start-up need not parse YAML.

PyYAML takes about 0.15 s to parse the shipped packs, a third of the start-up of a short
check; the same data read back from JSON takes about 5 ms. Only the parse is cached: the data
goes through the same validation as freshly parsed YAML (``schema.build_pack``), so a cache
file can never let through a rule that the YAML would not give.

The file is keyed by a hash of every pack's name and text, of the parsing code and of the
selkeys and PyYAML versions, and carries a SHA-256 of its payload: a stale, truncated or
edited file is ignored and rewritten. JSON, not pickle or marshal: reading a cache file must
never be able to run code or crash the interpreter. Data that JSON cannot give back exactly
(a YAML date, a number as a mapping key) is not cached. A missing, broken or unwritable cache
only ever costs the YAML parse.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from selkeys import __version__
from selkeys.analysis.store import default_dir, write_checked

FILE_NAME = "rule-packs.json"
_FORMAT = 1
_MAX_BYTES = 64 << 20  # far above the packs' size: a larger file is not ours to read
_PARSER_SOURCE = Path(__file__).resolve().with_name("schema.py")  # the YAML loader lives there

Source = tuple[str, str]  # (name in messages, YAML text)
_enabled = True


def set_enabled(enabled: bool) -> None:
    """Whether this process reads and writes the cache file: ``--no-cache`` turns it off, as it
    does the analysis store, so that such a run leaves nothing on disk."""
    global _enabled
    _enabled = enabled


def cache_key(sources: list[Source]) -> str:
    """Hash of everything the parsed data depends on."""
    digest = hashlib.sha256(f"{_FORMAT}|{__version__}|{yaml.__version__}|{yaml.__with_libyaml__}".encode())
    digest.update(_PARSER_SOURCE.read_bytes())
    for name, text in sources:
        for part in (name, text):
            encoded = part.encode("utf-8", "surrogatepass")
            digest.update(b"%d:" % len(encoded) + encoded)
    return digest.hexdigest()


def parsed_packs(sources: list[Source], parse: Callable[[str, str], Any], directory: Path | None = None,
                 refresh: bool = False, file_name: str = FILE_NAME) -> list[Any]:
    """Each source's parsed data (``parse(text, name)``), from the cache when it is current;
    ``refresh`` parses anew and replaces the cache (the caller found the cached data unusable).
    ``file_name``: one file per set of packs that is loaded together (all of them, or one
    language's), so that loading one set never replaces the cache of another.

    ``parse`` runs only on a cache miss, so its errors (invalid YAML) surface exactly as
    without a cache."""
    if not _enabled:
        return [parse(text, name) for name, text in sources]
    path = (directory or default_dir()) / file_name
    key = cache_key(sources)
    cached = None if refresh else read(path, key, len(sources))
    if cached is not None:
        return cached
    data = [parse(text, name) for name, text in sources]
    write(path, key, data)
    return data


def read(path: Path, key: str, count: int) -> list[Any] | None:
    """The cached data for ``key``, or None when the file is missing, stale or damaged."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        header, _, payload = path.read_bytes().partition(b"\n")
        meta = json.loads(header)
        if (not isinstance(meta, dict) or meta.get("format") != _FORMAT or meta.get("key") != key
                or meta.get("sha256") != hashlib.sha256(payload).hexdigest()):
            return None
        data = json.loads(payload)
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return None
    return data if isinstance(data, list) and len(data) == count else None


def write(path: Path, key: str, data: list[Any]) -> None:
    """Write atomically (temporary file, then rename); skipped when JSON would change the data."""
    try:
        payload = json.dumps(data, separators=(",", ":"), allow_nan=False).encode("ascii")
    except (TypeError, ValueError, RecursionError):  # a date, a set, NaN: not representable
        return
    if not _same(json.loads(payload), data):  # e.g. an int mapping key would come back as a string
        return
    header = json.dumps({"format": _FORMAT, "key": key, "sha256": hashlib.sha256(payload).hexdigest()})
    write_checked(path, ".rule-packs-", header, payload)


def _same(a: Any, b: Any) -> bool:
    """Equal with the same types throughout (``==`` alone takes True for 1 and 1 for 1.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return a == b
