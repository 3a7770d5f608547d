"""Fitting the score model to labelled texts, and cross-validating the fit.

The model stays explainable on purpose: each measure gets a clipped linear penalty between
two anchors read off the data, and non-negative weights come from a logistic regression of
"harder" on those penalties. Non-negative, because a measure may only ever cost points as it
grows: a fit that rewarded long sentences would be unexplainable to a writer. The weights are
rescaled to add up to 100, which keeps the logistic model's ranking (a positive rescaling of
its logit) and the score's familiar form.

Anchors: the hard anchor is the 90th percentile of the texts that are not the easiest; the
easy anchor is the median of the easiest texts, except for the word measures (WORD_MEASURES:
word length, word frequency, word forms), whose easy anchor is the ``word_quantile``
percentile. Real pages carry names, numbers, dates and captions that lengthen words and make
them rarer; a word measure that starts costing points at the median of real easy-language news
ranks such a page below fiction written in everyday words. ``word_quantile`` is chosen by
cross-validation (``make calibrate``), so the data say how far above typical easy text a word
measure should begin to count.

``kind="binary"``: target 0 = easy, 1 = standard. ``kind="ordinal"``: target is a level,
higher = harder (graded texts, or reader ratings turned round so that higher means harder);
it is fitted as cumulative logits with one intercept per level boundary and shared weights.

Cross-validation comes in two forms: by source document (a document never straddles folds)
and by time (``time_cross_validated_difficulty``: fit on older texts, test on newer ones).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np

from selkeys.calibration.model import FINDINGS, Component, ScoreModel

# Measures the fit may use, per language. OVIX is left out: it depends on text length, so a
# paragraph and a document of the same style would get different penalties.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "fi": ("words_per_sentence", "long_sentence_share", "lix", "wiio", "long_word_share",
           "compound_parts_per_word", "action_nouns_per_sentence", "passive_share",
           "participles_per_sentence", "rare_word_share", FINDINGS),
    "sv": ("words_per_sentence", "long_sentence_share", "lix", "nominal_quotient", "long_word_share",
           "action_nouns_per_sentence", "passive_share", "participles_per_sentence", "rare_word_share",
           FINDINGS),
}
MIN_SAMPLES = 20
MIN_PER_CLASS = 5
EASY_QUANTILE = 50.0  # of the easiest texts: no penalty at a typical easy text
# measures of words rather than sentences; their easy anchor is the fit's word_quantile
WORD_MEASURES = frozenset({"lix", "wiio", "nominal_quotient", "long_word_share", "compound_parts_per_word",
                           "action_nouns_per_sentence", "passive_share", "rare_word_share"})
HARD_QUANTILE = 90.0  # of the other texts: the full weight only for the clearly hard
DEFAULT_L2 = 0.01


class FitError(ValueError):
    """The samples cannot support a fit (too few, one class only, nothing separates them)."""


@dataclass(frozen=True, slots=True)
class Sample:
    """One labelled text: its measures (including ``findings_per_100_words``), its target
    (see the module doc) and its group (the source document; never split across folds)."""

    measures: Mapping[str, float | None]
    target: float
    group: str = ""
    date: str | None = None  # ISO date (or year) of the source, for cross-validation by time


def _check(samples: Sequence[Sample], kind: str) -> np.ndarray:
    if kind not in ("binary", "ordinal"):
        raise FitError(f"kind must be 'binary' or 'ordinal', not {kind!r}")
    if len(samples) < MIN_SAMPLES:
        raise FitError(f"too few samples to fit: {len(samples)} (at least {MIN_SAMPLES})")
    y = np.array([float(s.target) for s in samples])
    if not np.all(np.isfinite(y)):
        raise FitError("targets must be finite numbers")
    levels, counts = np.unique(y, return_counts=True)
    if kind == "binary" and not set(levels) <= {0.0, 1.0}:
        raise FitError("binary targets are 0 (easy) and 1 (standard)")
    if len(levels) < 2:
        raise FitError("all samples have the same target; nothing to learn")
    if counts[0] < MIN_PER_CLASS or len(y) - counts[0] < MIN_PER_CLASS:
        raise FitError(f"the easiest target and the others need at least {MIN_PER_CLASS} samples each")
    return y


def _anchors(samples: Sequence[Sample], y: np.ndarray, names: Iterable[str],
             word_quantile: float = EASY_QUANTILE) -> list[tuple[str, float, float]]:
    """(measure, easy, hard) for the measures that rise from the easiest texts to the rest.

    "The rest" rather than the hardest level: anchored on EU legislation alone, a hard
    sentence length of 100+ words would leave every ordinary text unpenalised."""
    low = y == y.min()
    high = ~low
    anchors = []
    for name in names:
        values = np.array([np.nan if s.measures.get(name) is None else float(s.measures[name]) for s in samples])
        easy_values, hard_values = values[low & ~np.isnan(values)], values[high & ~np.isnan(values)]
        if len(easy_values) < MIN_PER_CLASS or len(hard_values) < MIN_PER_CLASS:
            continue
        easy = float(np.percentile(easy_values, word_quantile if name in WORD_MEASURES else EASY_QUANTILE))
        hard = float(np.percentile(hard_values, HARD_QUANTILE))
        if hard > easy + 1e-9 * max(1.0, abs(hard)):
            anchors.append((name, easy, hard))
    return anchors


def _penalties(measures: Sequence[Mapping[str, float | None]], anchors: Sequence[tuple[str, float, float]]) -> np.ndarray:
    components = [Component(name, easy, hard, 1.0) for name, easy, hard in anchors]
    return np.array([[c.penalty(m.get(c.measure)) for c in components] for m in measures], dtype=float)


def _nonnegative_logistic(x: np.ndarray, y: np.ndarray, thresholds: np.ndarray, l2: float,
                          iterations: int = 4000) -> tuple[np.ndarray, np.ndarray]:
    """Weights >= 0 and one intercept per threshold, minimising the mean log-loss of
    P(y > t_k) = sigmoid(b_k + x @ w) over all thresholds, plus ``l2 * |w|^2``.

    Accelerated projected gradient (FISTA): the problem is convex and tiny (a dozen
    weights), so a fixed step from the Lipschitz bound converges without tuning.
    """
    n, d = x.shape
    k = len(thresholds)
    targets = (y[None, :] > thresholds[:, None]).astype(float)  # k x n
    lipschitz = (np.linalg.norm(x, 2) ** 2 + n) / (4 * n) * 2 + 2 * l2
    step = 1.0 / lipschitz
    w = np.zeros(d)
    b = np.zeros(k)
    w_prev, b_prev = w.copy(), b.copy()
    t = 1.0
    for _ in range(iterations):
        t_next = (1 + np.sqrt(1 + 4 * t * t)) / 2
        momentum = (t - 1) / t_next
        vw = w + momentum * (w - w_prev)
        vb = b + momentum * (b - b_prev)
        logits = vb[:, None] + (x @ vw)[None, :]
        residual = 1 / (1 + np.exp(-np.clip(logits, -30, 30))) - targets  # k x n
        grad_w = (residual.sum(axis=0) @ x) / (n * k) + 2 * l2 * vw
        grad_b = residual.sum(axis=1) / (n * k)
        w_prev, b_prev = w, b
        w = np.maximum(0.0, vw - step * grad_w)
        b = vb - step * grad_b
        t = t_next
    return w, b


def fit(samples: Sequence[Sample], kind: str = "binary", lang: str = "fi",
        measures: Sequence[str] | None = None, l2: float = DEFAULT_L2,
        word_quantile: float = EASY_QUANTILE) -> ScoreModel:
    """Fit anchors and weights to labelled samples; raises :class:`FitError` when the samples
    cannot support it. ``measures`` defaults to :data:`CANDIDATES` of ``lang``."""
    y = _check(samples, kind)
    names = measures if measures is not None else CANDIDATES.get(lang)
    if not names:
        raise FitError(f"no candidate measures for language {lang!r}")
    anchors = _anchors(samples, y, names, word_quantile)
    if not anchors:
        raise FitError("no measure is higher in the other texts than in the easiest")
    x = _penalties([s.measures for s in samples], anchors)
    thresholds = np.unique(y)[:-1]
    w, b = _nonnegative_logistic(x, y, thresholds, l2)
    total = float(w.sum())
    if total <= 1e-9:
        raise FitError("no measure separates the easier texts from the harder ones")
    components = tuple(Component(name, easy, hard, 100.0 * wi / total)
                       for (name, easy, hard), wi in zip(anchors, w) if 100.0 * wi / total >= 0.05)
    scale = total / 100.0  # logit units per score point
    info = {
        "kind": kind, "samples": len(samples), "groups": len({s.group for s in samples}),
        "levels": [float(v) for v in np.unique(y)], "l2": l2, "word_quantile": word_quantile,
        "considered": list(names), "unused": [n for n in names if n not in {c.measure for c in components}],
        "logit_per_point": round(scale, 5),
        # score at which P(harder than level k) = 1/2, per level boundary: 100 + b_k / scale
        "boundary_scores": [round(100.0 + float(bk) / scale, 1) for bk in b],
    }
    return ScoreModel(lang, components, fit_info=info)


def difficulty(model: ScoreModel, measures: Sequence[Mapping[str, float | None]]) -> np.ndarray:
    """100 - score for each text: higher = harder, the orientation the statistics expect."""
    return np.array([100.0 - model.value(m) for m in measures])


def group_folds(groups: Sequence[str], folds: int, seed: int = 11) -> np.ndarray:
    """Fold number per sample; all samples of one group share a fold."""
    unique = sorted(set(groups))
    rng = np.random.default_rng(seed)
    rng.shuffle(unique)
    fold_of = {g: i % folds for i, g in enumerate(unique)}
    return np.array([fold_of[g] for g in groups])


def cross_validated_difficulty(samples: Sequence[Sample], kind: str, lang: str, folds: int = 5,
                               seed: int = 11, l2: float = DEFAULT_L2,
                               measures: Sequence[str] | None = None,
                               word_quantile: float = EASY_QUANTILE) -> np.ndarray:
    """Out-of-fold difficulty (100 - score) for every sample, folds split by group, so no
    text is scored by a model that saw it or another piece of its source document."""
    groups = [s.group or str(i) for i, s in enumerate(samples)]
    if len(set(groups)) < folds:
        raise FitError(f"cross-validation needs at least {folds} groups, got {len(set(groups))}")
    fold = group_folds(groups, folds, seed)
    out = np.empty(len(samples))
    for k in range(folds):
        train = [s for s, f in zip(samples, fold) if f != k]
        test = [i for i, f in enumerate(fold) if f == k]
        model = fit(train, kind, lang, measures, l2, word_quantile)
        out[test] = difficulty(model, [samples[i].measures for i in test])
    return out


def repeated_cross_validated_difficulty(samples: Sequence[Sample], kind: str, lang: str, repeats: int = 10,
                                        folds: int = 5, l2: float = DEFAULT_L2,
                                        measures: Sequence[str] | None = None,
                                        word_quantile: float = EASY_QUANTILE) -> np.ndarray:
    """Out-of-fold difficulty averaged over ``repeats`` different group splits. Each of the
    averaged values comes from a model that never saw the text's source document, so the mean
    is still out of sample; averaging removes the luck of one split, which matters when a
    class has only a dozen source documents."""
    runs = [cross_validated_difficulty(samples, kind, lang, folds, seed, l2, measures, word_quantile)
            for seed in range(repeats)]
    return np.mean(runs, axis=0)


def time_slices(samples: Sequence[Sample], slices: int = 5, seed: int = 11) -> np.ndarray:
    """Slice number per sample, 0 = oldest. Dated samples are ranked by date within their
    source kind (``group`` prefix up to the first '-'), so that sources from different years
    (news from 2024, statutes from 2012) each run from old to new; undated samples (treebank
    documents) get a slice by group, as in :func:`group_folds`."""
    out = np.full(len(samples), -1)
    kinds: dict[str, list[int]] = {}
    for i, s in enumerate(samples):
        if s.date:
            kinds.setdefault(s.group.split("-", 1)[0], []).append(i)
    for members in kinds.values():
        ordered = sorted(members, key=lambda i: (samples[i].date, samples[i].group))
        groups = list(dict.fromkeys(samples[i].group for i in ordered))  # oldest first
        slice_of = {g: n * slices // len(groups) for n, g in enumerate(groups)}
        for i in members:
            out[i] = slice_of[samples[i].group]
    undated = [i for i in range(len(samples)) if out[i] < 0]
    if undated:
        out[undated] = group_folds([samples[i].group or str(i) for i in undated], slices, seed)
    return out


def time_cross_validated_difficulty(samples: Sequence[Sample], kind: str, lang: str, slices: int = 5,
                                    l2: float = DEFAULT_L2, measures: Sequence[str] | None = None,
                                    word_quantile: float = EASY_QUANTILE) -> np.ndarray:
    """Difficulty of the samples of slices 1..n-1, each from a model fitted only on the older
    slices (forward chaining: fit on older, test on newer); NaN for the oldest slice."""
    part = time_slices(samples, slices)
    out = np.full(len(samples), np.nan)
    for k in range(1, slices):
        model = fit([s for s, p in zip(samples, part) if p < k], kind, lang, measures, l2, word_quantile)
        test = np.flatnonzero(part == k)
        out[test] = difficulty(model, [samples[i].measures for i in test])
    return out
