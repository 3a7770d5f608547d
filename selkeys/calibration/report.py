"""Evaluation tables as plain text, Markdown and JSON (serialise, never recompute)."""

from __future__ import annotations

import math
from typing import Sequence

from selkeys.calibration.evaluate import Figure, LanguageEvaluation

_LANG_NAMES = {"fi": "Finnish", "sv": "Swedish"}


def _cell(figure: Figure | None, signed: bool = False) -> str:
    """A figure with its interval; ``signed`` for differences, whose bounds may be negative."""
    if figure is None or math.isnan(figure.value):
        return "–"
    sign, between = ("+", " to ") if signed else ("", "–")
    if math.isnan(figure.low):
        return f"{figure.value:{sign}.3f}"
    return f"{figure.value:{sign}.3f} ({figure.low:{sign}.2f}{between}{figure.high:{sign}.2f})"


def _versus_lix(ev: LanguageEvaluation) -> str | None:
    """One line: how far the score is ahead of LIX on these texts, with the paired interval."""
    row = ev.versus_lix
    if row is None or (row.auc is None and row.spearman is None and row.pairs is None):
        return None
    pairs = f", version pairs ordered right {_cell(row.pairs, signed=True)}" if row.pairs is not None else ""
    return (f"Score minus LIX on the same texts (paired 95 % CI): AUC {_cell(row.auc, signed=True)}, "
            f"Spearman {_cell(row.spearman, signed=True)}{pairs}")


_HEADERS = ("measure", "AUC easy vs standard (95 % CI)", "Spearman with level (95 % CI)")
_PAIRS_HEADER = "version pairs ordered right (95 % CI)"


def _table(ev: LanguageEvaluation) -> list[tuple[str, ...]]:
    """Header and rows; the pairs column only where the data has texts paired in a group."""
    with_pairs = any(row.pairs is not None for row in ev.rows)
    table = [_HEADERS + ((_PAIRS_HEADER,) if with_pairs else ())]
    for row in ev.rows:
        cells = (row.name, _cell(row.auc), _cell(row.spearman))
        table.append(cells + ((_cell(row.pairs),) if with_pairs else ()))
    return table


def _heading(ev: LanguageEvaluation) -> str:
    levels = ", ".join(f"{lv:g}" for lv in ev.levels) or "none"
    return (f"{_LANG_NAMES.get(ev.lang, ev.lang)}: {ev.texts} texts, {ev.easy} easy / {ev.standard} standard, "
            f"{ev.graded} graded (levels {levels})")


def to_text(evaluations: Sequence[LanguageEvaluation]) -> str:
    """Aligned columns for the terminal."""
    lines = []
    for ev in evaluations:
        lines.append(_heading(ev))
        table = _table(ev)
        widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
        for r in table:
            lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if versus := _versus_lix(ev):
            lines.append("  " + versus)
        lines.append("")
    lines.append("Every row is oriented higher = harder (the score as 100 - score); AUC under 0.5 or a negative "
                 "rho means the measure points the wrong way on these texts.")
    return "\n".join(lines) + "\n"


def to_markdown(evaluations: Sequence[LanguageEvaluation]) -> str:
    parts = []
    for ev in evaluations:
        parts.append(f"**{_heading(ev)}**\n")
        header, *rows = _table(ev)
        parts.append("| " + " | ".join(header) + " |")
        parts.append("|" + "---|" * len(header))
        for n, cells in enumerate(rows):
            name = f"**{cells[0]}**" if n == 0 else cells[0]
            parts.append("| " + " | ".join((name, *cells[1:])) + " |")
        parts.append("")
        if versus := _versus_lix(ev):
            parts.extend([versus + ".", ""])
    return "\n".join(parts)


def _figure_dict(figure: Figure | None) -> dict | None:
    if figure is None:
        return None
    clean = lambda v: None if math.isnan(v) else round(v, 4)  # noqa: E731
    return {"value": clean(figure.value), "ci95": [clean(figure.low), clean(figure.high)], "n": figure.n}


def to_dict(evaluations: Sequence[LanguageEvaluation]) -> dict:
    return {"languages": [
        {"lang": ev.lang, "texts": ev.texts, "easy": ev.easy, "standard": ev.standard, "graded": ev.graded,
         "levels": list(ev.levels),
         "rows": [{"measure": row.name, "auc": _figure_dict(row.auc), "spearman": _figure_dict(row.spearman),
                   "pairs": _figure_dict(row.pairs)}
                  for row in ev.rows],
         "score_minus_lix": None if ev.versus_lix is None else {
             "auc": _figure_dict(ev.versus_lix.auc), "spearman": _figure_dict(ev.versus_lix.spearman),
             "pairs": _figure_dict(ev.versus_lix.pairs)}}
        for ev in evaluations]}
