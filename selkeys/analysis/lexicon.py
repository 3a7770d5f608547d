"""Word lists shipped as data (selkeys/data), read once per process.

The analysers and the measures read the same lists: Swedish Kelly (parts of speech for the
tagger's corrections, CEFR levels for the measures) and the Zipf frequencies. One reader per
file keeps their formats in one place.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

_FREQ_FILES = {"fi": "fi_lemma_freq.tsv", "sv": "sv_word_freq.tsv"}


def _lines(name: str) -> list[str]:
    """The lines of a shipped data file, without its '#' header lines."""
    path = resources.files("selkeys") / "data" / name
    if not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a shipped data file."""
    return [line.split("\t") for line in _lines(name)]


@lru_cache(maxsize=4)
def zipf_frequencies(lang: str) -> dict[str, float]:
    """Zipf frequency per base form (Finnish) or word form (Swedish).

    Read at the start of every run that measures text (50,000 rows), so the rows are split
    in one call rather than one list per row, which takes a third less time."""
    lines = _lines(_FREQ_FILES[lang])
    fields = "\t".join(lines).split("\t")
    if len(fields) != 2 * len(lines):
        raise ValueError(f"{_FREQ_FILES[lang]}: every row must be a word and its frequency")
    return dict(zip(fields[0::2], map(float, fields[1::2])))


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


@lru_cache(maxsize=1)
def swedish_act_titles() -> dict[str, tuple[str, ...]]:
    """Titles of Swedish-language acts of parliament from "om" on, lower case (Finlex, public
    domain; scripts/build_act_titles.py), by their first word, longest first: a text that
    names an act without its number ends the title where the act's own title ends."""
    by_first: dict[str, list[str]] = {}
    for title in _lines("sv_act_titles.txt"):
        by_first.setdefault(title.split(" ", 1)[0], []).append(title)
    return {word: tuple(sorted(titles, key=len, reverse=True)) for word, titles in by_first.items()}
