"""Putting Swedish scores on the Finnish scale, so that `selkeys compare` compares like with like.

Each language's score is fitted on its own material, and the two scales do not line up: the
Swedish fit puts ordinary prose lower than the Finnish fit puts the same kind of text. The
project's labelled set has the same easy-language and bureaucratic notices in both languages
(corpus/labelled/easy_*.jsonl and official_*.jsonl, line by line translations of each other), so
the mapping is fitted on those pairs: a straight line from the Swedish score to the Finnish
score of the same text. Refitted by ``make calibrate`` and stored next to the score models.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

FILE = "score_equating.json"


def fit_equating(fi_scores: list[float], sv_scores: list[float]) -> dict:
    """Least-squares line fi ≈ a + b·sv over parallel texts, with its fit figures."""
    if len(fi_scores) != len(sv_scores) or len(fi_scores) < 10:
        raise ValueError("equating needs at least 10 pairs of parallel texts")
    sv, fi = np.asarray(sv_scores, float), np.asarray(fi_scores, float)
    slope, intercept = np.polyfit(sv, fi, 1)
    residual = fi - (intercept + slope * sv)
    return {"a": round(float(intercept), 3), "b": round(float(slope), 4), "pairs": len(fi),
            "r": round(float(np.corrcoef(sv, fi)[0, 1]), 3),
            "residual_sd": round(float(residual.std(ddof=2)), 2),
            "mean_fi": round(float(fi.mean()), 1), "mean_sv": round(float(sv.mean()), 1)}


@lru_cache(maxsize=1)
def sv_to_fi() -> dict | None:
    """The shipped mapping, or None when none has been fitted (compare then uses raw scores)."""
    path = resources.files("selkeys") / "data" / FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))["sv_to_fi"]
    except (OSError, KeyError, json.JSONDecodeError):
        return None


def on_finnish_scale(sv_score: float) -> float:
    """A Swedish score as the Finnish score of a text of the same difficulty (clipped 0-100)."""
    mapping = sv_to_fi()
    if mapping is None:
        return sv_score
    return min(100.0, max(0.0, mapping["a"] + mapping["b"] * sv_score))


def write(mapping: dict, out_dir: Path, info: dict) -> None:
    (out_dir / FILE).write_text(json.dumps({"sv_to_fi": mapping, **info}, indent=2, ensure_ascii=False) + "\n",
                                encoding="utf-8")
