"""The value a sentence or paragraph measure gives, with the span a finding marks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from selkeys.analysis.tokens import Token


@dataclass(frozen=True, slots=True)
class Measure:
    value: float
    start: int
    end: int
    detail: str = ""


def count_words(tokens: Iterable[Token]) -> int:
    """What a length in words counts: words and numbers, not punctuation."""
    return sum(1 for t in tokens if t.kind in ("word", "number"))


def longest_first(found: list[Measure]) -> list[Measure]:
    """Of overlapping measures the longest, in text order: two readings of one phrase are one
    finding ("sijaitsevaan putkitettuun ojaan")."""
    kept: list[Measure] = []
    for measure in sorted(found, key=lambda m: (-m.value, m.start)):
        if all(measure.end <= other.start or other.end <= measure.start for other in kept):
            kept.append(measure)
    return sorted(kept, key=lambda m: m.start)
