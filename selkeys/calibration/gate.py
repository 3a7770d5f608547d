"""The rule ``make calibrate`` enforces: a score must beat every single measure on held-out data.

A weighted sum of measures that ranks real texts worse than one of its own inputs is not worth
a number on every paragraph; so on each held-out comparison the gate names, the score's AUC
must be above the AUC of every measure in the table (LIX, OVIX and each candidate), or at the
ceiling of 1.0 with it, and every before/after rewrite pair must be ordered right. ``make
calibrate`` writes the models and the report either way, so that a failure can be read, but
exits non-zero.
"""

from __future__ import annotations

from selkeys.calibration.evaluate import SCORE, LanguageEvaluation

TOLERANCE = 1e-9


def beats(score: float, single: float) -> bool:
    """The rule for one measure: the score is above it, or both are at the ceiling."""
    return score > single + TOLERANCE or score >= 1.0 - TOLERANCE


def auc_failures(title: str, ev: LanguageEvaluation) -> list[str]:
    """What breaks the rule on one held-out comparison (nothing: it holds)."""
    rows = {row.name: row for row in ev.rows}
    score = rows[SCORE].auc
    if score is None:
        return [f"{ev.lang}, {title}: no AUC (one class is missing)"]
    return [f"{ev.lang}, {title}: {name} AUC {row.auc.value:.4f} is not beaten by the score's {score.value:.4f}"
            for name, row in rows.items()
            if name != SCORE and row.auc is not None and not beats(score.value, row.auc.value)]


def pair_failures(title: str, ev: LanguageEvaluation) -> list[str]:
    """Every version pair (an official text and its rewrite) must be put in the right order."""
    pairs = {row.name: row for row in ev.rows}[SCORE].pairs
    if pairs is None or pairs.value >= 1.0 - TOLERANCE:
        return []
    return [f"{ev.lang}, {title}: the score orders {pairs.value:.3f} of {pairs.n} pairs right, not all"]
