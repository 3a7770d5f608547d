"""simplemma's Swedish dictionary kept on disk (selkeys.analysis.sv_lemmas): every lemma must be
the one simplemma gives, and a stale or damaged file must never be read."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
import simplemma
from simplemma.strategies.dictionaries import DefaultDictionaryFactory

from selkeys.analysis import sv_lemmas

ROOT = Path(__file__).resolve().parents[1]


def _wait_for_writers() -> None:
    for thread in threading.enumerate():
        if thread.name == "selkeys-simplemma-cache":
            thread.join(timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """A cache directory whose file the first call wrote (in its own thread)."""
    folder = tmp_path_factory.mktemp("sv-lemmas")
    first = sv_lemmas.swedish_dictionary(folder)
    assert not isinstance(first, sv_lemmas.SortedLemmas)  # decoded by simplemma: there was no file
    _wait_for_writers()
    return folder, sv_lemmas.cache_key()


def test_the_file_holds_simplemmas_dictionary_entry_for_entry(built):
    folder, _ = built
    stored = sv_lemmas.swedish_dictionary(folder)
    assert isinstance(stored, sv_lemmas.SortedLemmas)
    decoded = DefaultDictionaryFactory().get_dictionary("sv")
    assert len(stored) == len(decoded) > 900_000
    assert all(stored.get(form) == lemma for form, lemma in decoded.items())
    for missing in ("", "qqqxyz", "zzzzzzzz", "Å" * 30, "\U0001F642"):
        assert stored.get(missing) is None and decoded.get(missing) is None
        with pytest.raises(KeyError):
            stored[missing]


def test_lemmas_from_the_file_are_simplemmas(built):
    """Through simplemma's whole strategy (unknown words, compounds, capitals), on the words
    of the Swedish corpus and example documents."""
    folder, _ = built
    lemmatizer = sv_lemmas.make_lemmatizer(sv_lemmas.swedish_dictionary(folder))
    words: set[str] = set()
    for path in [*(ROOT / "corpus" / "real" / "docs" / "sv").glob("*.md"), *(ROOT / "corpus" / "examples").glob("*")]:
        words.update(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", path.read_text(encoding="utf-8")))
    words.update(w.capitalize() for w in list(words))
    words.update(["faktureringssystemet", "Hos", "Läs", "fattades", "e-tjänsten", "SMS-avgiften"])
    assert len(words) > 10_000
    assert [lemmatizer.lemmatize(w, "sv") for w in sorted(words)] == \
        [simplemma.lemmatize(w, lang="sv") for w in sorted(words)]


def test_a_stale_damaged_or_missing_file_is_not_read(built, tmp_path):
    folder, key = built
    data = (folder / sv_lemmas.FILE_NAME).read_bytes()
    path = tmp_path / sv_lemmas.FILE_NAME
    assert sv_lemmas.read(path, key) is None  # missing
    path.write_bytes(data)
    assert isinstance(sv_lemmas.read(path, key), sv_lemmas.SortedLemmas)
    assert sv_lemmas.read(path, "another simplemma") is None
    middle = len(data) // 2
    path.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:])
    assert sv_lemmas.read(path, key) is None  # one bit flipped
    path.write_bytes(data[:-4])
    assert sv_lemmas.read(path, key) is None  # truncated
    path.write_bytes(b"not json\n" + data)
    assert sv_lemmas.read(path, key) is None


def test_the_key_follows_simplemmas_version_and_data(monkeypatch):
    key = sv_lemmas.cache_key()
    assert key is not None
    monkeypatch.setattr(sv_lemmas, "version", lambda name: "0.0.1")
    assert sv_lemmas.cache_key() not in (None, key)
    monkeypatch.setattr(sv_lemmas, "_DATA", ("strategies", "dictionaries", "data", "missing.plzma"))
    assert sv_lemmas.cache_key() is None  # not where it is expected: nothing is cached


def test_no_cache_leaves_nothing_on_disk(tmp_path):
    sv_lemmas.set_enabled(False)  # what --no-cache does
    try:
        sv_lemmas.swedish_dictionary(tmp_path)
        _wait_for_writers()
    finally:
        sv_lemmas.set_enabled(True)
    assert not list(tmp_path.iterdir())
