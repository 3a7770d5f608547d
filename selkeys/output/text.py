"""Human-readable output: ``path:line:col: CODE severity message`` grouped by file.

A finding's line (severity, message, suggestion, place) is in the language of the text it is
about and the file's score lines and notes in the file's main language, unless the user chose
a message language (see selkeys.messages). Colours are used only when the stream is a terminal
and --no-color / NO_COLOR are not set.
"""

from __future__ import annotations

from collections.abc import Iterable

from selkeys.lint import FileResult
from selkeys.messages import for_document, for_finding, for_text, text
from selkeys.model import Finding, Severity
from selkeys.output.places import describe, notice_lines, proposal_line, section_name
from selkeys.score import HARD_SENTENCE_BELOW, label

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36", Severity.HINT: "2"}


class TextRenderer:
    def __init__(self, colour: bool, message_lang: str | None = None) -> None:
        """``message_lang``: the user's choice (--message-lang), None for each text's own language."""
        self.colour = colour
        self.message_lang = message_lang

    def style(self, code: str, value: str) -> str:
        return f"\x1b[{code}m{value}\x1b[0m" if self.colour else value

    def score_lines(self, result: FileResult) -> Iterable[str]:
        """One line per language of the document (a bilingual document gets two, side by side)."""
        lang = for_document(self.message_lang, result)
        name = text("score.name", lang)
        scored = [(text_lang, report.score) for text_lang, report in result.by_language.items() if report.score]
        if not scored:
            yield f"  {name}: – ({text('score.none', lang)})"
            return
        for text_lang, s in scored:
            drivers = ", ".join(f"{label(m, lang)} −{p:.0f}" for m, p in s.drivers[:3])
            prefix = f"{name} [{text_lang}]" if len(scored) > 1 else name
            line = f"  {prefix}: {self.style('1', f'{s.value:.0f}/100')} ({s.band_label(lang)})"
            yield line + (f"; {text('score.drivers', lang)}: {drivers}" if drivers else "")
        for section in result.sections:  # Word agendas: a score per section of each item
            if section.score is None or section.part != "body" or not section.item:
                continue
            heading = " ".join(p for p in (section.item, section.section) if p)
            marker = f" [{section.lang}]" if len(scored) > 1 else ""
            yield f"    {heading}{marker}: {section.score.value:.0f}/100 ({section.score.band_label(lang)})"

    def file(self, result: FileResult, min_severity: Severity, show_score: bool = True) -> Iterable[str]:
        if result.error:
            yield f"{result.path}: {self.style('31;1', 'error')} {result.error}"
            return
        yield self.style("1;4", result.path)
        lang = for_document(self.message_lang, result)
        group = None
        for f in result.findings:
            if f.severity < min_severity:
                continue
            if f.location is not None:  # Word: grouped by section, with a place a person can find
                if section_name(f.location, lang) != group:
                    group = section_name(f.location, lang)
                    if group:
                        yield "  " + self.style("1", group)
            yield self.finding_line(result.path, f)
            yield from self.suggestion_lines(f)
        if show_score:
            yield from self.score_lines(result)
            skipped = sum(result.skipped.values())
            if skipped:
                yield f"  {text('text.skipped', lang)}: {skipped} ({self._skipped_places(result, lang)})"
            for note in result.proposal_notes:
                yield "  " + self.style("33", proposal_line(note.item, note.section, note.score, note.rest, lang))
            for line in notice_lines(result.notices, lang):
                yield f"  {line}"

    @staticmethod
    def _skipped_places(result: FileResult, lang: str, limit: int = 5) -> str:
        """Which blocks were skipped: ``en: rivi 5, rivi 9`` (Word: the paragraph's place)."""
        by_lang: dict[str, list[str]] = {}
        for block in result.skipped_blocks[:limit]:
            where = (describe(block.location, lang) if block.location is not None
                     else f"{text('text.line', lang)} {block.line}")
            by_lang.setdefault(block.lang, []).append(where)
        more = ", …" if len(result.skipped_blocks) > limit else ""
        if not by_lang:  # a result from before blocks were named: the counts alone
            return ", ".join(f"{code} {n}" for code, n in sorted(result.skipped.items()))
        return "; ".join(f"{code}: {', '.join(places)}" for code, places in by_lang.items()) + more

    def suggestion_lines(self, f: Finding) -> Iterable[str]:
        """``    ehdotus (tarkista): …`` under a finding, in the finding's language."""
        lang = for_finding(self.message_lang, f)
        for s in f.suggestions:
            kind = text("suggestion.safe" if s.safe else "suggestion.review", lang)
            yield f"    {text('suggestion.label', lang)} ({kind}): {s.text}"

    def finding_line(self, path: str, f: Finding) -> str:
        """``path:line:col: CODE severity message``; for Word files the place a person can find
        (``§ 12 Päätösehdotus, kappale 14``) instead of line numbers that Word does not show."""
        lang = for_finding(self.message_lang, f)
        sev = self.style(_COLOURS[f.severity], text(f"severity.{f.severity.label}", lang))
        if f.location is not None:
            snippet = " ".join(f.matched.split())
            snippet = snippet if len(snippet) <= 60 else snippet[:59] + "…"
            return (f"{path}: {describe(f.location, lang)}: {self.style('1', f.code)} {sev} {f.message}"
                    f" — ”{snippet}”")
        return f"{path}:{f.line}:{f.column}: {self.style('1', f.code)} {sev} {f.message}"

    def paragraphs(self, result: FileResult) -> Iterable[str]:
        """Each paragraph's score, in the paragraph's own language (its findings' language)."""
        for b in result.blocks:
            if b.score is None:
                continue
            lang = for_text(self.message_lang, b.lang)
            drivers = ", ".join(label(m, lang) for m, _ in b.score.drivers[:3])
            # Word files: their location (section, paragraph, table cell), not a line number
            where = (describe(b.location, lang) if b.location is not None
                     else f"{text('text.line', lang):<4} {b.line:>4}")
            yield (f"    {where}  {b.lang}  {b.score.value:5.0f}  "
                   f"{b.score.band_label(lang):<16} {drivers}")
            hardest = b.hardest_sentences(1)
            # a paragraph of several sentences: point at the one to rewrite first when it is hard
            if len(b.sentences) > 1 and hardest and hardest[0].score.value < HARD_SENTENCE_BELOW:
                h = hardest[0]
                why = ", ".join(label(m, lang) for m, _ in h.score.drivers[:3])
                # a Word file has no lines a person can go to: the paragraph above is the place
                at = "" if b.location is not None else f" {h.line}:{h.column}"
                yield f"      {text('text.hardest', lang)}{at}: {h.score.value:.0f}  {why}"
