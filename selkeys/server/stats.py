"""The few statistics the dashboard shows: a mean with its 95 % interval and a correlation.

Ratings are summed in the database (count, sum, sum of squares), so these work from those
three numbers and never load the ratings themselves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom; above 30 the normal 1.96
# is within 2 % of t and the interval's width is anyway dominated by the small n
T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
       2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
       2.045, 2.042)


@dataclass(frozen=True, slots=True)
class Mean:
    n: int
    mean: float
    low: float  # 95 % interval, clipped to the 1-4 scale
    high: float


def mean_interval(n: int, total: float, squares: float) -> Mean | None:
    """Mean and t-interval from count, sum and sum of squares; None without ratings."""
    if n <= 0:
        return None
    mean = total / n
    if n == 1:
        return Mean(1, mean, 1.0, 4.0)
    variance = max(0.0, (squares - n * mean * mean) / (n - 1))
    t = T95[n - 2] if n - 1 <= len(T95) else 1.96
    half = t * math.sqrt(variance / n)
    return Mean(n, mean, max(1.0, mean - half), min(4.0, mean + half))


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r, or None for fewer than three points or a constant variable."""
    n = len(xs)
    if n < 3 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(sxx * syy)
