"""Human-readable output: ``path:line:col: CODE severity message`` grouped by file.

Colours are used only when the stream is a terminal and --no-color / NO_COLOR are not set.
"""

from __future__ import annotations

from collections.abc import Iterable

from selkeys.lint import FileResult
from selkeys.model import Finding, Severity
from selkeys.output.places import describe, notice_lines, proposal_line, section_name
from selkeys.score import HARD_SENTENCE_BELOW, label

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36", Severity.HINT: "2"}
_TEXT = {
    "fi": {"score": "selkeysindeksi", "suggest": "ehdotus", "safe": "turvallinen", "unsafe": "tarkista",
           "drivers": "eniten laskivat", "skipped": "ohitettu (muu kieli)", "no_text": "ei arvioitavaa suomen- tai ruotsinkielistä tekstiä",
           "paragraph": "kappale", "line": "rivi", "hardest": "vaikein virke"},
    "sv": {"score": "klarhetsindex", "suggest": "förslag", "safe": "säker", "unsafe": "granska",
           "drivers": "sänktes mest av", "skipped": "hoppades över (annat språk)", "no_text": "ingen finsk eller svensk text att bedöma",
           "paragraph": "stycke", "line": "rad", "hardest": "svåraste meningen"},
    "en": {"score": "clarity score", "suggest": "suggestion", "safe": "safe", "unsafe": "review",
           "drivers": "pulled down by", "skipped": "skipped (other language)", "no_text": "no Finnish or Swedish text to score",
           "paragraph": "paragraph", "line": "line", "hardest": "hardest sentence"},
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
        for section in result.sections:  # Word agendas: a score per section of each item
            if section.score is None or section.part != "body" or not section.item:
                continue
            name = " ".join(p for p in (section.item, section.section) if p)
            lang = f" [{section.lang}]" if len(scored) > 1 else ""
            yield f"    {name}{lang}: {section.score.value:.0f}/100 ({section.score.band_label(self.ui_lang)})"

    def file(self, result: FileResult, min_severity: Severity, show_score: bool = True) -> Iterable[str]:
        if result.error:
            yield f"{result.path}: {self.style('31;1', 'error')} {result.error}"
            return
        yield self.style("1;4", result.path)
        group = None
        for f in result.findings:
            if f.severity < min_severity:
                continue
            if f.location is not None:  # Word: grouped by section, with a place a person can find
                if section_name(f.location, self.ui_lang) != group:
                    group = section_name(f.location, self.ui_lang)
                    if group:
                        yield "  " + self.style("1", group)
            yield self.finding_line(result.path, f)
            for s in f.suggestions:
                kind = self.t["safe"] if s.safe else self.t["unsafe"]
                yield f"    {self.t['suggest']} ({kind}): {s.text}"
        if show_score:
            yield from self.score_lines(result)
            skipped = sum(result.skipped.values())
            if skipped:
                langs = ", ".join(f"{lang} {n}" for lang, n in sorted(result.skipped.items()))
                yield f"  {self.t['skipped']}: {skipped} ({langs})"
            for note in result.proposal_notes:
                yield "  " + self.style("33", proposal_line(note.item, note.section, note.score, note.rest,
                                                           self.ui_lang))
            for line in notice_lines(result.notices, self.ui_lang):
                yield f"  {line}"

    def finding_line(self, path: str, f: Finding) -> str:
        """``path:line:col: CODE severity message``; for Word files the place a person can find
        (``§ 12 Päätösehdotus, kappale 14``) instead of line numbers that Word does not show."""
        sev = self.style(_COLOURS[f.severity], f.severity.label)
        if f.location is not None:
            return f"{path}: {self._located(f, sev)}"
        return f"{path}:{f.line}:{f.column}: {self.style('1', f.code)} {sev} {f.message}"

    def _located(self, f: Finding, sev: str) -> str:
        """``§ 12 Päätösehdotus, kappale 14: CODE severity message — ”snippet”``."""
        snippet = " ".join(f.matched.split())
        snippet = snippet if len(snippet) <= 60 else snippet[:59] + "…"
        return f"{describe(f.location, self.ui_lang)}: {self.style('1', f.code)} {sev} {f.message} — ”{snippet}”"

    def paragraphs(self, result: FileResult) -> Iterable[str]:
        for b in result.blocks:
            if b.score is None:
                continue
            drivers = ", ".join(label(m, self.ui_lang) for m, _ in b.score.drivers[:3])
            # Word files: their location (section, paragraph, table cell), not a line number
            where = describe(b.location, self.ui_lang) if b.location is not None else f"{self.t['line']} {b.line:>4}"
            yield (f"    {where}  {b.lang}  {b.score.value:5.0f}  "
                   f"{b.score.band_label(self.ui_lang):<16} {drivers}")
            hardest = b.hardest_sentences(1)
            # a paragraph of several sentences: point at the one to rewrite first when it is hard
            if len(b.sentences) > 1 and hardest and hardest[0].score.value < HARD_SENTENCE_BELOW:
                h = hardest[0]
                why = ", ".join(label(m, self.ui_lang) for m, _ in h.score.drivers[:3])
                # a Word file has no lines a person can go to: the paragraph above is the place
                at = "" if b.location is not None else f" {h.line}:{h.column}"
                yield f"      {self.t['hardest']}{at}: {h.score.value:.0f}  {why}"
