"""Rank statistics for judging a score: AUC, Spearman's rho and bootstrap intervals.

Written with numpy alone (scipy is not a dependency). Ties get average ranks in both
statistics, because readability measures tie often on short texts (LIX of two sentences,
a passive share of 0).
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def average_ranks(values: Sequence[float]) -> np.ndarray:
    """1-based ranks, ties sharing the mean of the ranks they span."""
    x = np.asarray(values, dtype=float)
    order = np.argsort(x, kind="mergesort")
    sorted_x = x[order]
    ranks = np.empty(len(x), dtype=float)
    # boundaries of runs of equal values
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_x)) + 1]
    ends = np.r_[starts[1:], len(x)]
    for start, end in zip(starts, ends):
        ranks[order[start:end]] = (start + end + 1) / 2.0
    return ranks


def auc(difficulty: Sequence[float], hard: Sequence[bool]) -> float:
    """Probability that a hard text has higher ``difficulty`` than an easy one (ties count
    half): the Mann-Whitney U statistic divided by n_hard * n_easy."""
    y = np.asarray(hard, dtype=bool)
    n_hard, n_easy = int(y.sum()), int((~y).sum())
    if n_hard == 0 or n_easy == 0:
        raise ValueError("AUC needs texts of both classes")
    ranks = average_ranks(difficulty)
    u = ranks[y].sum() - n_hard * (n_hard + 1) / 2.0
    return float(u / (n_hard * n_easy))


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman's rho with ties: Pearson's correlation of average ranks."""
    if len(a) != len(b) or len(a) < 3:
        raise ValueError("Spearman's rho needs at least three pairs")
    ra, rb = average_ranks(a), average_ranks(b)
    ra -= ra.mean()
    rb -= rb.mean()
    denominator = float(np.sqrt((ra * ra).sum() * (rb * rb).sum()))
    if denominator == 0:
        return float("nan")  # one side is constant: no ranking to compare
    return float((ra * rb).sum() / denominator)


def bootstrap_ci(statistic: Callable[[np.ndarray], float], n: int, groups: Sequence[str] | None = None,
                 repeats: int = 1000, seed: int = 7, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of ``statistic(indices)`` over resamples.

    With ``groups``, whole groups (source documents) are resampled, since chunks of one
    document are not independent evidence. Resamples where the statistic is undefined
    (one class missing) are skipped.
    """
    rng = np.random.default_rng(seed)
    if groups is None:
        members = [np.array([i]) for i in range(n)]
    else:
        index: dict[str, list[int]] = {}
        for i, g in enumerate(groups):
            index.setdefault(g, []).append(i)
        members = [np.array(v) for v in index.values()]
    values = []
    for _ in range(repeats):
        picked = rng.integers(0, len(members), len(members))
        try:
            value = statistic(np.concatenate([members[p] for p in picked]))
        except ValueError:
            continue
        if not np.isnan(value):
            values.append(value)
    if not values:
        return float("nan"), float("nan")
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)
