"""Measures of labelled texts, taken by running the real linter on them.

The score is judged on exactly what users get: the same readers, analysers, rules and
measures as ``selkeys check``, not a re-implementation that could drift from it.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

from selkeys.calibration.dataset import DatasetError, LabelledText
from selkeys.calibration.model import FINDINGS
from selkeys.config import Config
from selkeys.lint import Linter
from selkeys.score import SEVERITY_WEIGHT

Measures = Mapping[str, float | None]


def text_measures(item: LabelledText, linter: Linter, config: Config) -> dict[str, float | None]:
    """The document measures of ``item`` in its language, plus findings per 100 words."""
    if item.path is not None:
        result = linter.lint_path(item.path, config, force_lang=item.lang)
    else:
        result = linter.lint_bytes(item.text.encode("utf-8"), f"{item.id}.txt", config, force_lang=item.lang,
                                   fmt="text")
    if result.error:
        raise DatasetError(f"{item.id}: {result.error}")
    report = result.by_language.get(item.lang)
    words = report.measures.get("words") if report else 0
    if not words:
        raise DatasetError(f"{item.id}: no {item.lang} words to measure")
    weighted = sum(SEVERITY_WEIGHT[f.severity.label] for f in result.findings)
    measures = dict(report.measures)
    measures[FINDINGS] = 100.0 * weighted / words
    return measures


def extract(items: Sequence[LabelledText], config: Config | None = None, linter: Linter | None = None,
            done: Callable[[], None] | None = None) -> list[dict[str, float | None]]:
    """Measures for each labelled text, in order; ``done`` is called after each (a progress bar)."""
    linter = linter or Linter(sentence_scores=False)
    config = config or Config()
    out = []
    for item in items:
        out.append(text_measures(item, linter, config))
        if done is not None:
            done()
    return out
