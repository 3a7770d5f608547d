"""Fit the score model to what readers said (`selkeys feedback calibrate`).

Each ok rating is one sample: the measures of the text version the resident read, and the
rating turned round into a difficulty level (4 "very clear" -> 1, 1 "not clear at all" -> 4),
fitted as ordinal levels by ``selkeys.calibration.fit`` (the same machinery as `make
calibrate`). All ratings of one text version share one fold in the cross-validation: they
share their measures, so splitting them would let the model see its test texts.

The error is reported on out-of-fold scores only: Spearman's rho between score and rating, and
the mean absolute error of the rating predicted from the score by a straight line, next to the
same figures for the score the versions have now.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from selkeys.server.db import ratings, text_versions

MIN_RATINGS = 100
FOLDS = 5  # and so at least five distinct text versions


class CalibrationRefused(ValueError):
    """Too few ratings or versions, or a fit the data cannot support; the message says which."""


@dataclass(frozen=True, slots=True)
class Figures:
    spearman: float  # score against reader rating (higher score, clearer: positive is right)
    mae: float  # mean absolute error of the rating predicted from the score, on the 1-4 scale


@dataclass(frozen=True, slots=True)
class Calibration:
    model: object  # selkeys.calibration.model.ScoreModel
    ratings: int
    versions: int
    fitted: Figures  # cross-validated (out-of-fold)
    current: Figures  # the scores the versions have now


def reader_samples(engine: Engine, site_id: str, lang: str) -> list:
    """One ``Sample`` per ok rating of the site's ``lang`` pages that have measures."""
    from selkeys.calibration.fit import Sample

    query = (select(ratings.c.rating, ratings.c.version_hash, text_versions.c.measures, text_versions.c.score)
             .join(text_versions, text_versions.c.hash == ratings.c.version_hash)
             .where(ratings.c.site_id == site_id, ratings.c.lang == lang, ratings.c.status == "ok"))
    samples = []
    with engine.connect() as conn:
        for row in conn.execute(query):
            measures = json.loads(row.measures)
            if measures.get("words") and row.score is not None:
                measures["_stored_score"] = row.score
                samples.append(Sample(measures, float(5 - row.rating), row.version_hash))
    return samples


def _figures(scores: list[float], ratings_: list[float]) -> Figures:
    import numpy as np

    from selkeys.calibration.stats import spearman

    x, y = np.asarray(scores, float), np.asarray(ratings_, float)
    slope, intercept = np.polyfit(x, y, 1) if np.ptp(x) > 0 else (0.0, float(y.mean()))
    predicted = np.clip(intercept + slope * x, 1, 4)
    return Figures(spearman(x, y), float(np.abs(predicted - y).mean()))


def calibrate(engine: Engine, site_id: str, lang: str, min_ratings: int = MIN_RATINGS) -> Calibration:
    """Cross-validate and fit; CalibrationRefused when the ratings cannot support a fit."""
    from selkeys.calibration.fit import FitError, cross_validated_difficulty, fit

    samples = reader_samples(engine, site_id, lang)
    versions = len({s.group for s in samples})
    if len(samples) < min_ratings or versions < FOLDS:
        raise CalibrationRefused(
            f"too few ratings to calibrate: {len(samples)} ok rating(s) of {versions} text version(s) in {lang!r}; "
            f"need at least {min_ratings} ratings of at least {FOLDS} different versions")
    stored = [s.measures.pop("_stored_score") for s in samples]
    rating = [5.0 - s.target for s in samples]
    try:
        out_of_fold = cross_validated_difficulty(samples, "ordinal", lang, folds=FOLDS)
        model = fit(samples, "ordinal", lang)
    except FitError as exc:
        raise CalibrationRefused(f"the ratings cannot support a fit: {exc}") from None
    return Calibration(model, len(samples), versions, _figures([100.0 - d for d in out_of_fold], rating),
                       _figures(stored, rating))


_SCORE_MODEL_LINE = re.compile(r"^score-model\s*=.*$", re.MULTILINE)


def point_config(config: Path, model_path: Path, lang: str) -> None:
    """Make ``score-model`` in a selkeys.toml list ``model_path`` for ``lang``, keeping the
    other language's model. Only top-level ``score-model`` written on one line is edited; the
    file is left alone (with an error) when it is written some other way."""
    from selkeys.calibration.model import ModelError, load_model_file

    text = config.read_text(encoding="utf-8") if config.exists() else ""
    try:
        current = tomllib.loads(text).get("score-model", [])
    except tomllib.TOMLDecodeError as exc:
        raise CalibrationRefused(f"{config}: not valid TOML ({exc}); the model was written but not configured")
    current = [current] if isinstance(current, str) else list(current)
    keep = []
    for entry in current:
        try:
            if load_model_file(config.parent / entry).lang != lang:
                keep.append(entry)
        except ModelError:
            keep.append(entry)  # not ours to drop; the config loader will report it
    try:
        relative = model_path.resolve().relative_to(config.parent.resolve()).as_posix()
    except ValueError:
        relative = str(model_path.resolve())
    line = "score-model = " + json.dumps([*keep, relative], ensure_ascii=False)
    existing = _SCORE_MODEL_LINE.findall(text)
    if existing:
        if len(existing) != 1 or existing[0].count("[") != existing[0].count("]"):
            raise CalibrationRefused(f"{config}: score-model spans several lines; set it to {relative!r} by hand")
        text = _SCORE_MODEL_LINE.sub(line.replace("\\", "\\\\"), text)
    else:
        table = re.search(r"^\[", text, re.MULTILINE)  # top-level keys go before the first table
        at = table.start() if table else len(text)
        prefix = text[:at] if not text[:at] or text[:at].endswith("\n") else text[:at] + "\n"
        text = prefix + line + "\n" + ("\n" if table else "") + text[at:]
    config.write_text(text, encoding="utf-8")
