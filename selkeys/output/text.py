"""Human-readable output: ``path:line:col: CODE severity message`` grouped by file.

Colours are used only when the stream is a terminal and --no-color / NO_COLOR are not set.
"""

from __future__ import annotations

from collections.abc import Iterable

from selkeys.lint import FileResult
from selkeys.model import Severity
from selkeys.score import label

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36", Severity.HINT: "2"}
_TEXT = {
    "fi": {"score": "selkeysindeksi", "suggest": "ehdotus", "safe": "turvallinen", "unsafe": "tarkista",
           "drivers": "eniten laskivat", "skipped": "ohitettu (ei suomea)", "no_text": "ei arvioitavaa suomenkielistä tekstiä",
           "paragraph": "kappale", "line": "rivi"},
    "sv": {"score": "klarhetsindex", "suggest": "förslag", "safe": "säker", "unsafe": "granska",
           "drivers": "sänktes mest av", "skipped": "hoppades över (inte finska)", "no_text": "ingen finsk text att bedöma",
           "paragraph": "stycke", "line": "rad"},
    "en": {"score": "clarity score", "suggest": "suggestion", "safe": "safe", "unsafe": "review",
           "drivers": "pulled down by", "skipped": "skipped (not Finnish)", "no_text": "no Finnish text to score",
           "paragraph": "paragraph", "line": "line"},
}


class TextRenderer:
    def __init__(self, colour: bool, ui_lang: str = "fi") -> None:
        self.colour = colour
        self.t = _TEXT.get(ui_lang, _TEXT["en"])
        self.ui_lang = ui_lang

    def style(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def score_line(self, result: FileResult) -> str:
        t = self.t
        if result.score is None:
            return f"  {t['score']}: – ({t['no_text']})"
        s = result.score
        drivers = ", ".join(f"{label(m, self.ui_lang)} −{p:.0f}" for m, p in s.drivers[:3])
        line = f"  {t['score']}: {self.style('1', f'{s.value:.0f}/100')} ({s.band_label(self.ui_lang)})"
        return line + (f"; {t['drivers']}: {drivers}" if drivers else "")

    def file(self, result: FileResult, min_severity: Severity, show_score: bool = True) -> Iterable[str]:
        if result.error:
            yield f"{result.path}: {self.style('31;1', 'error')} {result.error}"
            return
        yield self.style("1;4", result.path)
        for f in result.findings:
            if f.severity < min_severity:
                continue
            sev = self.style(_COLOURS[f.severity], f.severity.label)
            yield f"{result.path}:{f.line}:{f.column}: {self.style('1', f.code)} {sev} {f.message}"
            for s in f.suggestions:
                kind = self.t["safe"] if s.safe else self.t["unsafe"]
                yield f"    {self.t['suggest']} ({kind}): {s.text}"
        if show_score:
            yield self.score_line(result)
            skipped = sum(result.skipped.values())
            if skipped:
                langs = ", ".join(f"{lang} {n}" for lang, n in sorted(result.skipped.items()))
                yield f"  {self.t['skipped']}: {skipped} ({langs})"

    def paragraphs(self, result: FileResult) -> Iterable[str]:
        for b in result.blocks:
            if b.score is None:
                continue
            drivers = ", ".join(label(m, self.ui_lang) for m, _ in b.score.drivers[:3])
            yield (f"    {self.t['line']} {b.line:>4}  {b.score.value:5.0f}  {b.score.band_label(self.ui_lang):<16}"
                   f" {drivers}")
