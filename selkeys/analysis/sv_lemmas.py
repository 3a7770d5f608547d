"""simplemma's Swedish lemmas, with its dictionary kept on disk in a form that loads fast.

simplemma ships each dictionary lzma-compressed and front-coded, and decodes it in Python on
first use: for Swedish (about 960,000 word forms) that takes 0.85 s, close to half of the
Swedish tagger's load, which the language server's full Swedish diagnostics wait for. Here
the decoded dictionary is written once to the user's cache directory as its word forms,
sorted, a line each, then their lemmas, one after the other, and where each lemma starts.
Reading it back takes about 0.12 s: the forms are split a megabyte at a time (a split of the
whole would hold the interpreter's lock for some 50 ms, a stall for a server typing in another
thread), and the lemmas stay one bytes object with an array of offsets, not an object each
(the dictionary takes about 70 MB in the process instead of 90). Lemmas come from
simplemma's own lemmatizer, built as ``simplemma.lemmatize`` builds it but given this
dictionary, so every lemma is the one ``simplemma.lemmatize`` gives (tests/test_sv_lemmas.py
compares them).

The file is keyed by simplemma's version and a hash of its Swedish data file, so another
simplemma starts a new file, and carries a SHA-256 of its content, checked on reading. Not
pickle or marshal: reading a cache file must never be able to run code or crash the
interpreter (as in :mod:`selkeys.rules.pack_cache`). A missing, stale, damaged or
unwritable file only costs simplemma's own decoding; nothing is ever downloaded.
``--no-cache`` turns the file off (:func:`set_enabled`).
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from importlib.metadata import PackageNotFoundError, version
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from selkeys.analysis.store import default_dir, write_checked

if TYPE_CHECKING:
    from simplemma import Lemmatizer

FILE_NAME = "simplemma-sv.lemmas"
_FORMAT = 1
_MAX_BYTES = 256 << 20  # the Swedish file is about 27 MB: a much larger one is not ours to read
_CHUNK = 1 << 20  # bytes split at a time
_DATA = ("strategies", "dictionaries", "data", "sv.plzma")  # simplemma's Swedish data file, in its package

# simplemma is imported only when a Swedish text is analysed: a Finnish run need not load it
_enabled = True
_lemmatizer: Lemmatizer | None = None
_lock = threading.Lock()


def set_enabled(enabled: bool) -> None:
    """Whether this process reads and writes the file (``--no-cache`` leaves nothing on disk)."""
    global _enabled
    _enabled = enabled


def lemmatize(word: str) -> str:
    """simplemma's Swedish lemma of ``word``, exactly as ``simplemma.lemmatize(word, lang="sv")``."""
    return lemmatizer().lemmatize(word, "sv")


def lemmatizer() -> Lemmatizer:
    """The process's lemmatizer, made on first use: simplemma's default strategy (what
    ``simplemma.lemmatize`` uses) over :func:`swedish_dictionary`."""
    global _lemmatizer
    if _lemmatizer is None:
        with _lock:
            if _lemmatizer is None:
                _lemmatizer = make_lemmatizer(swedish_dictionary())
    return _lemmatizer


def make_lemmatizer(dictionary: Mapping[str, str]) -> Lemmatizer:
    """simplemma's lemmatizer as ``simplemma.lemmatize`` makes it (the default strategy, not
    greedy), with ``dictionary`` as its Swedish dictionary."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_SwedishOnly(dictionary)))


def swedish_dictionary(directory: Path | None = None) -> Mapping[str, str]:
    """simplemma's Swedish word form -> lemma mapping: from the cache file when it is current,
    else decoded by simplemma and written to the file for the next process.

    The file is written in a thread of its own (about 1.8 s, once per simplemma version), so
    that the text waiting for these lemmas does not wait for the file too; not a daemon
    thread, so that a short run finishes the file before it exits instead of leaving half
    of it behind."""
    key = cache_key() if _enabled else None
    path = (directory or default_dir()) / FILE_NAME
    if key is not None:
        cached = read(path, key)
        if cached is not None:
            return cached
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    decoded = DefaultDictionaryFactory().get_dictionary("sv")
    if key is not None:
        threading.Thread(target=write, args=(path, key, decoded), name="selkeys-simplemma-cache").start()
    return decoded


def cache_key() -> str | None:
    """Hash of what the dictionary depends on: simplemma's version and its Swedish data file;
    None when that file is not where it is expected (then nothing is cached)."""
    import simplemma

    try:
        data = Path(simplemma.__file__).parent.joinpath(*_DATA).read_bytes()
        simplemma_version = version("simplemma")
    except (OSError, PackageNotFoundError):
        return None
    digest = hashlib.sha256(f"{_FORMAT}|{simplemma_version}|".encode())
    digest.update(data)
    return digest.hexdigest()


class SortedLemmas(Mapping[str, str]):
    """Word forms (sorted UTF-8), looked up by bisection, and their lemmas, the i-th at
    ``lemmas[offsets[i]:offsets[i + 1]]``: made from the file without building a hash table of
    960,000 entries. Looks up as simplemma's own mapping does (``get`` encodes the word and
    decodes the lemma)."""

    __slots__ = ("_forms", "_lemmas", "_offsets")

    def __init__(self, forms: list[bytes], lemmas: bytes, offsets: array) -> None:
        self._forms = forms
        self._lemmas = lemmas
        self._offsets = offsets

    def get(self, word: str, default: str | None = None) -> str | None:  # type: ignore[override]
        form = word.encode()
        i = bisect_left(self._forms, form)
        if i < len(self._forms) and self._forms[i] == form:
            return self._lemmas[self._offsets[i]:self._offsets[i + 1]].decode()
        return default

    def __getitem__(self, word: str) -> str:
        lemma = self.get(word)
        if lemma is None:
            raise KeyError(word)
        return lemma

    def __iter__(self) -> Iterator[str]:
        return (form.decode() for form in self._forms)

    def __len__(self) -> int:
        return len(self._forms)


class _SwedishOnly:
    """A simplemma ``DictionaryFactory`` that has the Swedish dictionary only (selkeys asks
    simplemma for nothing else)."""

    def __init__(self, swedish: Mapping[str, str]) -> None:
        self._swedish = swedish

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != "sv":
            raise ValueError(f"Unsupported language: {lang}")
        return self._swedish


def read(path: Path, key: str) -> SortedLemmas | None:
    """The dictionary in the file, or None when it is missing, stale or damaged."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        data = path.read_bytes()
        start = data.index(b"\n") + 1
        meta = json.loads(data[:start])
        if (not isinstance(meta, dict) or meta.get("format") != _FORMAT or meta.get("key") != key
                or meta.get("sha256") != hashlib.sha256(memoryview(data)[start:]).hexdigest()):
            return None
        count = int(meta["count"])
        lemmas_start = start + int(meta["forms_bytes"])
        offsets_start = lemmas_start + int(meta["lemmas_bytes"])
        forms = _lines(data, start, lemmas_start)
        offsets = _offsets(data[offsets_start:])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if (not count or len(forms) != count or offsets is None or len(offsets) != count + 1
            or offsets[0] != 0 or offsets[-1] != offsets_start - lemmas_start):
        return None
    return SortedLemmas(forms, data[lemmas_start:offsets_start], offsets)


def _offsets(data: bytes) -> array | None:
    """Unsigned 32-bit little-endian numbers; None where the platform has no such array type."""
    offsets = array("I")
    if offsets.itemsize != 4:
        return None
    offsets.frombytes(data)
    if sys.byteorder == "big":
        offsets.byteswap()
    return offsets


def _lines(data: bytes, start: int, end: int) -> list[bytes]:
    """``data[start:end].split(b"\\n")``, split a megabyte at a time."""
    lines: list[bytes] = []
    while True:
        cut = data.find(b"\n", min(start + _CHUNK, end), end)
        if cut < 0:
            lines += data[start:end].split(b"\n")
            return lines
        lines += data[start:cut].split(b"\n")
        start = cut + 1


def write(path: Path, key: str, dictionary: Mapping[str, str]) -> None:
    """Write atomically (temporary file, then rename); skipped when a word form holds a line
    break (a line each could not give it back), the dictionary is empty or too large for
    32-bit offsets."""
    pairs = sorted((form.encode(), lemma.encode()) for form, lemma in dictionary.items())
    offsets = _offsets(b"")
    if not pairs or offsets is None or any(b"\n" in form for form, _ in pairs):
        return
    forms = b"\n".join(form for form, _ in pairs)
    lemmas = b"".join(lemma for _, lemma in pairs)
    if len(lemmas) >= 1 << 32:
        return
    offsets.extend(accumulate((len(lemma) for _, lemma in pairs), initial=0))
    if sys.byteorder == "big":
        offsets.byteswap()
    payload = forms + lemmas + offsets.tobytes()
    header = json.dumps({"format": _FORMAT, "key": key, "count": len(pairs), "forms_bytes": len(forms),
                         "lemmas_bytes": len(lemmas), "sha256": hashlib.sha256(payload).hexdigest()})
    write_checked(path, ".simplemma-sv-", header, payload)
