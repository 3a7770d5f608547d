"""Choosing the model's settings on the fitting texts alone, by cross-validation.

The choices are few and named: the target (easy vs standard, or the graded levels), the
strength of the L2 penalty, and where the word measures start to cost points (``word_quantile``,
see fit.py). Each candidate is cross-validated two ways on the fitting texts, by source
document and by time (fit on older, test on newer), and judged on the comparisons the held-out
rule judges (gate.py): the AUC of easy vs standard and official text, and of easy text vs
treebank prose. A candidate is eligible when it beats every single measure in every one of
those cross-validated comparisons, which is the held-out rule applied to data the fit may see;
among the eligible the one with the best Spearman with the graded levels wins (the AUCs are
near their ceiling, the grading is where candidates differ). If none is eligible, the best
mean AUC wins, and the held-out rule will say so.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Mapping, Sequence

import numpy as np

from selkeys.calibration.evaluate import BASELINES
from selkeys.calibration.gate import beats
from selkeys.calibration.fit import (FitError, Sample, cross_validated_difficulty,
                                     time_cross_validated_difficulty)
from selkeys.calibration.stats import auc, spearman

CV_SEEDS = 2


@dataclass(frozen=True, slots=True)
class Settings:
    kind: str  # "binary" or "ordinal"
    l2: float
    word_quantile: float

    def as_dict(self) -> dict:
        return asdict(self)


GRID = tuple(Settings(kind, l2, q) for kind in ("binary", "ordinal") for l2 in (1e-4, 1e-3)
             for q in (50.0, 75.0, 90.0, 95.0))


@dataclass(frozen=True, slots=True)
class View:
    """One comparison the rule judges: the texts that take part and which of them are hard."""

    name: str
    members: np.ndarray  # indices into the samples
    hard: np.ndarray  # bool per member


def samples_for(settings: Settings, measures: Sequence[Mapping[str, float | None]], levels: Sequence[float],
                hard: Sequence[bool], groups: Sequence[str], dates: Sequence[str | None]) -> list[Sample]:
    targets = levels if settings.kind == "ordinal" else [1.0 if h else 0.0 for h in hard]
    return [Sample(m, float(t), g, d) for m, t, g, d in zip(measures, targets, groups, dates)]


def _auc(values: np.ndarray, view: View) -> float:
    """AUC over the view's texts that have a value (NaN when a class is then missing)."""
    picked = values[view.members]
    keep = ~np.isnan(picked)
    hard = view.hard[keep]
    if hard.all() or not hard.any():
        return float("nan")
    return auc(picked[keep], hard)


def _single(measures: Sequence[Mapping[str, float | None]], name: str) -> np.ndarray:
    return np.array([np.nan if m.get(name) is None else float(m[name]) for m in measures])


@dataclass(frozen=True, slots=True)
class Outcome:
    settings: Settings
    eligible: bool
    auc: dict[str, float]  # "<scheme>: <view>" -> AUC
    spearman: float

    def as_dict(self) -> dict:
        return {**self.settings.as_dict(), "eligible": self.eligible,
                "auc": {k: round(v, 4) for k, v in self.auc.items()}, "spearman": round(self.spearman, 4)}


def choose(lang: str, measures: Sequence[Mapping[str, float | None]], levels: Sequence[float],
           hard: Sequence[bool], groups: Sequence[str], dates: Sequence[str | None],
           views: Sequence[View], graded: np.ndarray) -> tuple[Settings, list[Outcome]]:
    """The settings of GRID that the rule and the grading favour (see the module doc), and every
    candidate's cross-validated figures. ``graded``: indices of the texts whose levels count."""
    levels_arr = np.asarray(levels, dtype=float)
    outcomes = []
    singles = {name: _single(measures, name) for name in BASELINES[lang]}
    for settings in GRID:
        data = samples_for(settings, measures, levels, hard, groups, dates)
        kw = {"l2": settings.l2, "word_quantile": settings.word_quantile}
        try:
            schemes = {
                "by document": np.mean([cross_validated_difficulty(data, settings.kind, lang, seed=seed, **kw)
                                        for seed in range(CV_SEEDS)], axis=0),
                "by time": time_cross_validated_difficulty(data, settings.kind, lang, **kw),
            }
        except FitError:
            continue
        figures, eligible, rhos = {}, True, []
        for scheme, predicted in schemes.items():
            tested = ~np.isnan(predicted)
            for view in views:
                score = _auc(predicted, view)
                if np.isnan(score):
                    continue
                figures[f"{scheme}: {view.name}"] = score
                best = np.nanmax([_auc(np.where(tested, values, np.nan), view) for values in singles.values()])
                eligible &= beats(score, float(best))
            keep = graded[tested[graded]]
            rhos.append(spearman(predicted[keep], levels_arr[keep]))
        outcomes.append(Outcome(settings, eligible, figures, float(np.mean(rhos))))
    if not outcomes:
        raise FitError("no setting of the grid could be fitted")
    pool = [o for o in outcomes if o.eligible] or outcomes
    key = (lambda o: o.spearman) if pool[0].eligible else (lambda o: float(np.nanmean(list(o.auc.values()))))
    return max(pool, key=key).settings, outcomes
