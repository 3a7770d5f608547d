"""The value a sentence or paragraph measure gives, with the span a finding marks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measure:
    value: float
    start: int
    end: int
    detail: str = ""
