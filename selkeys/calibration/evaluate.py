"""How well the score, LIX and each single measure rank labelled texts.

For every language in the data: AUC of easy vs standard (the chance that a standard text
looks harder than an easy one) and Spearman's rho with graded levels, each with a bootstrap
95 % interval that resamples whole source documents. Where a group holds versions of one text
(a text and its plain-language rewrite, at different levels), also the share of those pairs
put in the right order: the question an official asks after rewriting, "did the score
notice?". Every series is oriented "higher = harder" (the score as 100 - score), so an AUC
under 0.5 means the measure points the wrong way on these texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from selkeys.calibration.dataset import LabelledText
from selkeys.calibration.fit import difficulty
from selkeys.calibration.model import FINDINGS, ScoreModel
from selkeys.calibration.stats import auc, bootstrap_ci, spearman

SCORE = "selkeys score"
MAX_VERSIONS = 10  # a text and a few rewrites of it; a larger group is a document cut into pieces
BASELINES: dict[str, tuple[str, ...]] = {
    "fi": ("lix", "words_per_sentence", "long_sentence_share", "wiio", "long_word_share", "compound_parts_per_word",
           "action_nouns_per_sentence", "passive_share", "participles_per_sentence", "rare_word_share", "ovix",
           FINDINGS),
    "sv": ("lix", "words_per_sentence", "long_sentence_share", "nominal_quotient", "long_word_share",
           "action_nouns_per_sentence", "passive_share", "participles_per_sentence", "rare_word_share", "ovix",
           FINDINGS),
}


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    low: float
    high: float
    n: int


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    auc: Figure | None
    spearman: Figure | None
    pairs: Figure | None = None  # share of version pairs ordered right (ties count half)


@dataclass(frozen=True, slots=True)
class LanguageEvaluation:
    lang: str
    texts: int
    easy: int
    standard: int
    graded: int
    levels: tuple[float, ...]
    rows: tuple[Row, ...]
    # the score's figures minus LIX's on the same texts, with paired intervals: whether the
    # score beats the usual baseline is one question and gets one interval, not two that overlap
    versus_lix: Row | None = None


def _figure(measure, values: np.ndarray, baseline: np.ndarray | None, target: np.ndarray, groups: list[str],
            repeats: int) -> Figure:
    """``measure(values, target)`` with its bootstrap interval; with ``baseline``, the figure
    minus the baseline's, both computed on each resample (a paired interval)."""
    if baseline is None:
        stat = lambda sel: measure(values[sel], target[sel])  # noqa: E731
    else:
        stat = lambda sel: measure(values[sel], target[sel]) - measure(baseline[sel], target[sel])  # noqa: E731
    low, high = bootstrap_ci(stat, len(target), groups, repeats)
    return Figure(stat(np.arange(len(target))), low, high, len(target))


def _figures(values: np.ndarray, items: Sequence[LabelledText], repeats: int,
             baseline: np.ndarray | None = None) -> tuple[Figure | None, Figure | None]:
    """AUC over the labelled texts and rho over the graded ones, skipping undefined values;
    with ``baseline``, each minus the baseline's on the same texts."""
    keep = ~np.isnan(values) if baseline is None else ~(np.isnan(values) | np.isnan(baseline))
    auc_figure = spearman_figure = None
    labelled = np.flatnonzero(keep & np.array([it.label is not None for it in items], dtype=bool))
    hard = np.array([items[i].hard is True for i in labelled])
    if 0 < hard.sum() < len(labelled):
        auc_figure = _figure(auc, values[labelled], None if baseline is None else baseline[labelled], hard,
                             [items[i].group for i in labelled], repeats)
    graded = np.flatnonzero(keep & np.array([it.level is not None for it in items], dtype=bool))
    levels = np.array([items[i].level for i in graded], dtype=float)
    if len(graded) >= 3 and len(set(levels)) > 1:
        spearman_figure = _figure(spearman, values[graded], None if baseline is None else baseline[graded], levels,
                                  [items[i].group for i in graded], repeats)
    return auc_figure, spearman_figure


def version_pairs(items: Sequence[LabelledText]) -> list[tuple[int, int]]:
    """(easier, harder) index pairs of versions of one text: a group of 2 to ``MAX_VERSIONS``
    texts, each at a level of its own (or, without levels, one easy and one standard text). A
    group in which two texts share a level is a document cut into pieces, not versions."""
    by_group: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        by_group.setdefault(it.group, []).append(i)
    pairs = []
    for members in by_group.values():
        if not 2 <= len(members) <= MAX_VERSIONS:
            continue
        levels = [items[i].level for i in members]
        if None not in levels and len(set(levels)) == len(levels):
            ordered = sorted(members, key=lambda i: items[i].level)
            pairs.extend((a, b) for n, a in enumerate(ordered) for b in ordered[n + 1:])
        elif levels == [None, None] and {items[i].label for i in members} == {"easy", "standard"}:
            easy, standard = sorted(members, key=lambda i: items[i].label == "standard")
            pairs.append((easy, standard))
    return pairs


def _pair_correct(values: np.ndarray, pairs: list[tuple[int, int]]) -> np.ndarray:
    """1 where the harder text of a pair has the higher value, 0.5 on a tie, NaN if undefined."""
    easier, harder = values[[a for a, _ in pairs]], values[[b for _, b in pairs]]
    return np.where(np.isnan(easier) | np.isnan(harder), np.nan,
                    np.where(harder > easier, 1.0, np.where(harder == easier, 0.5, 0.0)))


def _pairs_figure(correct: np.ndarray, pair_groups: list[str], repeats: int) -> Figure | None:
    keep = np.flatnonzero(~np.isnan(correct))
    if not len(keep):
        return None
    stat = lambda sel: float(np.mean(correct[keep][sel]))  # noqa: E731
    low, high = bootstrap_ci(stat, len(keep), [pair_groups[i] for i in keep], repeats)
    return Figure(stat(np.arange(len(keep))), low, high, len(keep))


def evaluate(items: Sequence[LabelledText], measures: Sequence[Mapping[str, float | None]],
             models: Mapping[str, ScoreModel], score_difficulty: Mapping[str, np.ndarray] | None = None,
             repeats: int = 1000) -> list[LanguageEvaluation]:
    """One table per language. ``score_difficulty`` replaces the model's own difficulty for a
    language (cross-validated predictions, where each text was scored by a model fitted
    without it)."""
    out = []
    for lang in sorted({it.lang for it in items}):
        idx = [i for i, it in enumerate(items) if it.lang == lang]
        sub = [items[i] for i in idx]
        sub_measures = [measures[i] for i in idx]
        if score_difficulty is not None and lang in score_difficulty:
            score = np.asarray(score_difficulty[lang], dtype=float)
        else:
            score = difficulty(models[lang], sub_measures)
        series = [(SCORE, score)]
        for name in BASELINES[lang]:
            series.append((name, np.array([np.nan if m.get(name) is None else float(m[name]) for m in sub_measures])))
        pairs = version_pairs(sub)
        pair_groups = [sub[a].group for a, _ in pairs]
        right = {name: _pair_correct(values, pairs) for name, values in series} if pairs else {}
        rows = tuple(Row(name, *_figures(values, sub, repeats),
                         _pairs_figure(right[name], pair_groups, repeats) if pairs else None)
                     for name, values in series)
        lix = dict(series)["lix"]
        versus_lix = Row(f"{SCORE} minus lix", *_figures(score, sub, repeats, baseline=lix),
                         _pairs_figure(right[SCORE] - right["lix"], pair_groups, repeats) if pairs else None)
        out.append(LanguageEvaluation(
            lang, len(sub), sum(it.label == "easy" for it in sub), sum(it.label == "standard" for it in sub),
            sum(it.level is not None for it in sub), tuple(sorted({it.level for it in sub if it.level is not None})),
            rows, versus_lix))
    return out
