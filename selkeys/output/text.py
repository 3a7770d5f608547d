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
           "drivers": "eniten laskivat", "skipped": "ohitettu (muu kieli)", "no_text": "ei arvioitavaa suomen- tai ruotsinkielistä tekstiä",
           "paragraph": "kappale", "line": "rivi"},
    "sv": {"score": "klarhetsindex", "suggest": "förslag", "safe": "säker", "unsafe": "granska",
           "drivers": "sänktes mest av", "skipped": "hoppades över (annat språk)", "no_text": "ingen finsk eller svensk text att bedöma",
           "paragraph": "stycke", "line": "rad"},
    "en": {"score": "clarity score", "suggest": "suggestion", "safe": "safe", "unsafe": "review",
           "drivers": "pulled down by", "skipped": "skipped (other language)", "no_text": "no Finnish or Swedish text to score",
           "paragraph": "paragraph", "line": "line"},
}


class TextRenderer:
    def __init__(self, colour: bool, ui_lang: str = "fi") -> None:
        self.colour = colour
        self.t = _TEXT.get(ui_lang, _TEXT["en"])
        self.ui_lang = ui_lang

    def style(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def score_lines(self, result: FileResult) -> Iterable[str]:
        """One line per language of the document (a bilingual document gets two, side by side)."""
        t = self.t
        scored = [(lang, report.score) for lang, report in result.by_language.items() if report.score]
        if not scored:
            yield f"  {t['score']}: – ({t['no_text']})"
            return
        for lang, s in scored:
            drivers = ", ".join(f"{label(m, self.ui_lang)} −{p:.0f}" for m, p in s.drivers[:3])
            prefix = f"{t['score']} [{lang}]" if len(scored) > 1 else t["score"]
            line = f"  {prefix}: {self.style('1', f'{s.value:.0f}/100')} ({s.band_label(self.ui_lang)})"
            yield line + (f"; {t['drivers']}: {drivers}" if drivers else "")

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
            yield from self.score_lines(result)
            skipped = sum(result.skipped.values())
            if skipped:
                langs = ", ".join(f"{lang} {n}" for lang, n in sorted(result.skipped.items()))
                yield f"  {self.t['skipped']}: {skipped} ({langs})"

    def paragraphs(self, result: FileResult) -> Iterable[str]:
        for b in result.blocks:
            if b.score is None:
                continue
            drivers = ", ".join(label(m, self.ui_lang) for m, _ in b.score.drivers[:3])
            yield (f"    {self.t['line']} {b.line:>4}  {b.lang}  {b.score.value:5.0f}  "
                   f"{b.score.band_label(self.ui_lang):<16} {drivers}")
