"""A cache of Voikko analyses kept on disk between runs.

Analysing each distinct word form is most of the cost of linting a large text (Voikko takes
about 12 µs a form, and 100,000 words of Finnish hold some 33,000 distinct forms). Batch runs
over the same site or document set meet the same forms again, so the command line keeps
the analyses in a JSON file under the user's cache directory and loads them for large
inputs. The file is keyed by a fingerprint of everything that shapes an analysis (selkeys'
analysis code and data, libvoikko and its dictionary), so a change to any of them starts a
new file. JSON, not pickle: a cache file must never be able to run code. A missing, broken
or unwritable cache is silently ignored; it only ever costs speed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from selkeys import __version__
from selkeys.analysis.tokens import Reading

MAX_FORMS = 200_000
_FIELDS = Reading._fields


def default_dir() -> Path:
    if os.environ.get("SELKEYS_CACHE_DIR"):
        return Path(os.environ["SELKEYS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "selkeys"


def write_checked(path: Path, prefix: str, header: str, payload: bytes) -> None:
    """Write a one-line JSON header and its payload atomically (a temporary file in the same
    folder, then a rename), so that a reader never sees half a cache file; a cache that cannot
    be written (read-only or full disk) is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header.encode("ascii") + b"\n" + payload)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
    except OSError:
        pass


# where libvoikko looks for dictionaries; their sizes and dates stand for the dictionary version
_DICTIONARY_DIRS = ("/usr/lib/voikko", "/usr/share/voikko", "/etc/voikko", os.path.expanduser("~/.voikko"))


def _dictionary_files() -> str:
    entries = []
    for root in _DICTIONARY_DIRS:
        for folder, _, names in os.walk(root):
            for name in sorted(names):
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                entries.append(f"{folder}/{name}:{st.st_size}:{int(st.st_mtime)}")
    return "|".join(entries)


def fingerprint(voikko_version: str, dictionary: str) -> str:
    digest = hashlib.sha256(f"{__version__}|{voikko_version}|{dictionary}|{_dictionary_files()}".encode())
    here = Path(__file__).resolve().parent
    for source in (here / "finnish.py", here / "tokens.py", here / "voikko_calls.py",
                   here.parent / "data" / "fi_action_nouns.txt"):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def _encode(reading: Reading) -> list:
    return [getattr(reading, name) for name in _FIELDS]


_PARTS = _FIELDS.index("parts")
_SCALARS = frozenset({str, bool, type(None)})  # what JSON gives for every field but ``parts``


def decode(encoded: list) -> tuple[Reading, ...] | None:
    """Readings from their stored form; None for anything malformed (a hand-edited or
    truncated cache must not reach the rules).

    Runs once for every distinct form of a text read from the store (30,000 in a large
    one), so the checks are done with set and map operations rather than a loop per field."""
    if type(encoded) is not list:
        return None
    readings = []
    for values in encoded:
        if type(values) is not list or len(values) != len(_FIELDS):
            return None
        head, parts, tail = values[:_PARTS], values[_PARTS], values[_PARTS + 1:]
        if (type(values[0]) is not str or type(parts) is not list or not _SCALARS.issuperset(map(type, head))
                or not _SCALARS.issuperset(map(type, tail)) or not all(type(p) is str for p in parts)):
            return None
        readings.append(Reading(*head, tuple(parts), *tail))
    return tuple(readings)


class AnalysisStore:
    def __init__(self, directory: Path, key: str) -> None:
        self.path = directory / f"fi-analyses-{key}.json"

    def load(self) -> tuple[dict[str, list], dict[str, int]]:
        """Stored analyses, still encoded: :func:`decode` turns one form's into readings when it
        is first met, so a large store costs little for a text that uses few of its forms."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            forms, syllables = data["forms"], data["syllables"]
            if not isinstance(forms, dict) or not isinstance(syllables, dict):
                return {}, {}
        except (OSError, ValueError, KeyError, TypeError):
            return {}, {}
        return forms, syllables

    def save(self, forms: dict[str, tuple[Reading, ...] | list], syllables: dict[str, int]) -> None:
        """Write atomically (temporary file, then rename); the newest forms are kept when over the limit.
        ``forms`` may mix decoded readings and still-encoded ones from :meth:`load`."""
        items = list(forms.items())[-MAX_FORMS:]
        payload = {
            "forms": {form: readings if isinstance(readings, list) else [_encode(r) for r in readings]
                      for form, readings in items},
            "syllables": dict(list(syllables.items())[-MAX_FORMS:]),
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".fi-analyses-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(payload, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            pass
