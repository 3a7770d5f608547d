"""Line up the Finnish and Swedish versions of a text and show where one is markedly harder.

Bilingual municipalities publish each text in both languages; readers of either deserve
the same clarity. Paragraphs are paired by a dynamic-programming alignment on order, block
kind and length (translations keep paragraph order and roughly the length of the original),
so a paragraph missing from one version does not shift every pair after it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from selkeys.calibration.equate import on_finnish_scale
from selkeys.lint import BlockReport, FileResult

MARKED_DIFFERENCE = 15.0  # score points between versions that a reader would notice
_SKIP_COST = 1.5
_MAX_CELLS = 4_000_000  # beyond this, pair in order rather than align


@dataclass(slots=True)
class Pair:
    fi: BlockReport | None
    sv: BlockReport | None
    fi_text: str
    sv_text: str

    @property
    def difference(self) -> float | None:
        """Finnish score minus the Swedish score on the Finnish scale (negative: the Finnish
        version is harder). Each language's score is fitted on its own material, so the raw
        scores of two equally clear versions differ; see ``selkeys.calibration.equate``."""
        if self.fi is None or self.sv is None or self.fi.score is None or self.sv.score is None:
            return None
        return self.fi.score.value - on_finnish_scale(self.sv.score.value)

    @property
    def marked(self) -> bool:
        diff = self.difference
        return diff is not None and abs(diff) >= MARKED_DIFFERENCE

    def to_dict(self) -> dict:
        return {
            "fi": None if self.fi is None else {"line": self.fi.line, "score": _score(self.fi), "text": self.fi_text},
            "sv": None if self.sv is None else {"line": self.sv.line, "score": _score(self.sv), "text": self.sv_text},
            "difference": None if self.difference is None else round(self.difference, 1),
            "marked": self.marked,
        }


def _score(block: BlockReport) -> float | None:
    return None if block.score is None else round(block.score.value, 1)


def _cost(a: tuple[BlockReport, str], b: tuple[BlockReport, str]) -> float:
    length = math.log((len(a[1]) + 10) / (len(b[1]) + 10))
    return abs(length) + (0.0 if a[0].kind == b[0].kind else 1.0)


def align(fi: list[tuple[BlockReport, str]], sv: list[tuple[BlockReport, str]]) -> list[Pair]:
    """Pairs of (Finnish, Swedish) blocks; unmatched blocks pair with None."""
    n, m = len(fi), len(sv)
    if n * m > _MAX_CELLS:
        return [Pair(fi[i][0] if i < n else None, sv[i][0] if i < m else None,
                     fi[i][1] if i < n else "", sv[i][1] if i < m else "") for i in range(max(n, m))]
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = i * _SKIP_COST
    for j in range(1, m + 1):
        cost[0][j] = j * _SKIP_COST
    for i in range(1, n + 1):
        row, prev = cost[i], cost[i - 1]
        for j in range(1, m + 1):
            row[j] = min(prev[j - 1] + _cost(fi[i - 1], sv[j - 1]), prev[j] + _SKIP_COST, row[j - 1] + _SKIP_COST)
    pairs: list[Pair] = []
    i, j = n, m
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + _cost(fi[i - 1], sv[j - 1]):
            pairs.append(Pair(fi[i - 1][0], sv[j - 1][0], fi[i - 1][1], sv[j - 1][1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + _SKIP_COST:
            pairs.append(Pair(fi[i - 1][0], None, fi[i - 1][1], ""))
            i -= 1
        else:
            pairs.append(Pair(None, sv[j - 1][0], "", sv[j - 1][1]))
            j -= 1
    pairs.reverse()
    return pairs


def language_blocks(result: FileResult, texts: list[str], lang: str) -> list[tuple[BlockReport, str]]:
    """The blocks of one language with their text (``texts`` indexed like the document's blocks)."""
    return [(b, texts[b.index]) for b in result.blocks if b.lang == lang]
