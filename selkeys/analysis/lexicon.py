"""Word lists shipped as data (selkeys/data), read once per process.

The analysers and the measures read the same lists: Swedish Kelly (parts of speech for the
tagger's corrections, CEFR levels for the measures) and the Zipf frequencies. One reader per
file keeps their formats in one place.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

_FREQ_FILES = {"fi": "fi_lemma_freq.tsv", "sv": "sv_word_freq.tsv"}


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a shipped data file, without its '#' header lines."""
    path = resources.files("selkeys") / "data" / name
    if not path.is_file():
        return []
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


@lru_cache(maxsize=4)
def zipf_frequencies(lang: str) -> dict[str, float]:
    """Zipf frequency per base form (Finnish) or word form (Swedish)."""
    return {row[0]: float(row[1]) for row in _rows(_FREQ_FILES[lang])}


@lru_cache(maxsize=1)
def _kelly() -> list[list[str]]:
    return _rows("sv_kelly.tsv")


@lru_cache(maxsize=1)
def kelly_kinds() -> dict[str, frozenset[str]]:
    """Swedish Kelly list (CC BY 4.0): lemma -> its parts of speech ("beräkna": verb)."""
    return {lemma: frozenset(pos.split(",")) for lemma, _, pos in _kelly()}


@lru_cache(maxsize=1)
def kelly_levels() -> dict[str, str]:
    """Swedish Kelly list: lemma -> CEFR level."""
    return {lemma: level for lemma, level, _ in _kelly()}
