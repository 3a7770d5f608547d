"""The clarity score: 0-100, higher is clearer, with the measures that pulled it down.

score = 100 - sum(weight_i * penalty_i), where each penalty rises linearly from 0 at the
measure's "easy" anchor to 1 at its "hard" anchor (clipped). The weights add up to 100, so a
text at or past every hard anchor scores 0. Anchors and weights are data, fitted per language
to labelled easy and standard texts (``make calibrate``; see selkeys/calibration/) and shipped
as ``selkeys/data/score_<lang>.json``; a project may use its own model (``score-model`` in
selkeys.toml). The form is fixed so that every lost point belongs to one named measure.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from selkeys.calibration.model import DEFAULT_BANDS, FINDINGS, ScoreModel, shipped_model
from selkeys.messages import catalogue, text
from selkeys.metrics import Counts, metrics, sentence_counts

def _table(lang: str) -> dict[str, tuple[float, float, float]]:
    """The shipped model of ``lang`` as measure -> (easy, hard, weight), which the handbook prints."""
    return {c.measure: (c.easy, c.hard, c.weight) for c in shipped_model(lang).components}


FINNISH = _table("fi")
SWEDISH = _table("sv")
COMPONENTS = {"fi": FINNISH, "sv": SWEDISH}
SEVERITY_WEIGHT = {"error": 3.0, "warning": 2.0, "info": 1.0, "hint": 0.5}
# (floor, band id) from the clearest down; the floors are the model's default bands, and each
# id is named in the catalogue (band.<id>)
BANDS = tuple((int(floor), band) for floor, band in DEFAULT_BANDS)
# a sentence below "fairly clear" is worth pointing at (text output, HTML report)
HARD_SENTENCE_BELOW = next(floor for floor, band in BANDS if band == "fairly clear")


def band_label(band: str, lang: str) -> str:
    """A band's name in ``lang`` (the id itself for a band a project's model added)."""
    key = f"band.{band}"
    return text(key, lang) if key in catalogue() else band


@dataclass(frozen=True, slots=True)
class Score:
    value: float
    band: str  # English band id, e.g. "fairly clear"
    drivers: tuple[tuple[str, float], ...]  # (measure, points lost), largest first

    def band_label(self, lang: str) -> str:
        return band_label(self.band, lang)

    def to_dict(self) -> dict:
        return {"score": round(self.value, 1), "band": self.band,
                "drivers": [{"measure": m, "points": round(p, 1)} for m, p in self.drivers]}


def band_for(value: float) -> str:
    for floor, band in BANDS:
        if value >= floor:
            return band
    return BANDS[-1][1]


def clarity(measures: dict[str, float | None], weighted_findings: float, lang: str = "fi",
            model: ScoreModel | None = None) -> Score | None:
    """Score from measures and the severity-weighted finding count; None for text without
    words. ``model`` defaults to the shipped model of ``lang``."""
    words = measures.get("words") or 0
    if not words:
        return None
    model = model or shipped_model(lang)
    values = {**measures, FINDINGS: 100 * weighted_findings / words}
    points = model.points_lost(values)
    total = max(0.0, 100.0 - sum(p for _, p in points))  # as ScoreModel.value, without a second pass
    lost = [(name, p) for name, p in points if p >= 0.5]
    drivers = tuple(sorted(lost, key=lambda d: -d[1]))
    return Score(total, model.band(total), drivers)


def label(measure: str, lang: str) -> str:
    """A measure's name in ``lang``, as "what pulled the score down" names it."""
    key = f"measure.{measure}"
    return text(key, lang) if key in catalogue() else measure


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """One sentence's difficulty estimate: the paragraph's model applied to the sentence's
    own measures, so "what made it hard" reads the same at both levels."""

    start: int  # source offsets
    end: int
    line: int
    column: int
    score: Score
    # the sentence in its block's text, for front-ends that quote it from the block (a report)
    # rather than from the source; only records carry them, as for findings
    block_start: int
    block_end: int

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "line": self.line, "column": self.column,
                **self.score.to_dict()}


def sentence_scores(counts: Counts, findings: list[tuple[int, float]], lang: str,
                    model: ScoreModel | None = None) -> list[tuple[int, int, Score]]:
    """(start, end in the block text, score) per prose sentence of a block; ``findings`` are
    (block offset, severity weight) of the block's findings, each counted in its sentence.

    The findings are sorted once and summed as differences of running totals, so a paragraph of
    thousands of sentences and findings costs n log n, not sentences × findings (issue 18).
    The weights are multiples of 0.5, so the sums are exact in any order."""
    spots = sorted(findings)
    offsets = [at for at, _ in spots]
    totals = list(accumulate((w for _, w in spots), initial=0.0))
    out = []
    for start, end, values in counts.sentence_counts:
        weight = totals[bisect_left(offsets, end)] - totals[bisect_left(offsets, start)]
        score = _sentence_score(values, weight, lang, model or shipped_model(lang))
        if score is not None:
            out.append((start, end, score))
    return out


@lru_cache(maxsize=16_384)
def _sentence_score(values: tuple[int, ...], weight: float, lang: str, model: ScoreModel) -> Score | None:
    """A sentence's score, remembered by its counts, its findings' weight and the model (a
    model is a frozen value, so a refitted one is another key): the language server scores
    every sentence of a document again after each edit, and all but the edited paragraph's are
    the same as before (this was half of a re-lint)."""
    return clarity(metrics(sentence_counts(values), lang), weight, lang, model)
