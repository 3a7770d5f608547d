"""The playground's view of a lint result: plain JSON the browser can draw without the engine.

The page highlights findings inside the text the participant typed, so every offset here
is in the units JavaScript strings count (UTF-16 code units), not Python's code points: an
emoji before a finding would otherwise shift every highlight after it by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from selkeys.config import Config
from selkeys.explain import explain_rule, rule_doc
from selkeys.lint import BlockCache, FileResult, Linter
from selkeys.messages import for_text, text
from selkeys.model import Document, Finding
from selkeys.readers import read_bytes
from selkeys.score import Score, label

PLAYGROUND_PATH = "playground.txt"  # plain text: the source is the text itself, offsets map 1:1
# the measures shown in the metrics table, in this order (those a language lacks are left out)
METRICS = ("words", "sentences", "words_per_sentence", "long_sentence_share", "lix", "ovix", "wiio",
           "nominal_quotient", "long_word_share", "passive_share", "action_nouns_per_sentence",
           "participles_per_sentence", "rare_word_share", "abbreviations")


class Utf16Offsets:
    """Code-point offsets of one text converted to UTF-16 code units (JavaScript's string units)."""

    def __init__(self, text: str) -> None:
        self._extra: list[int] | None = None
        if any(ord(ch) > 0xFFFF for ch in text):  # only astral characters take two units
            self._extra = [0, *accumulate(1 if ord(ch) > 0xFFFF else 0 for ch in text)]

    def __call__(self, offset: int) -> int:
        return offset if self._extra is None else offset + self._extra[offset]


@dataclass(frozen=True, slots=True)
class LintRequest:
    """What the participant asked for: the text, the profile, an optional fixed text language,
    the page's language and, when the participant chose one, the language of the messages."""

    text: str
    profile: str = "plain"
    lang: str | None = None  # None: detected per paragraph
    ui_lang: str = "fi"  # the page's own labels: scores, bands, measures
    message_lang: str | None = None  # findings and rule explanations; None: each text's language


def lint_request(linter: Linter, request: LintRequest, cache: BlockCache | None = None) -> tuple[Document, FileResult]:
    """Lint the text as a plain-text document with the engine the CLI uses.

    ``cache`` (one per profile: it holds rule hits) lets a long text that is being edited
    re-analyse only the paragraphs that changed. Raises :class:`selkeys.readers.InputError`
    for text the reader refuses (NUL bytes).
    """
    doc = read_bytes(request.text.encode("utf-8"), PLAYGROUND_PATH, "text")
    config = Config(profile=request.profile, message_lang=request.message_lang)
    return doc, linter.lint_document(doc, config, force_lang=request.lang, cache=cache)


def result_view(linter: Linter, doc: Document, result: FileResult, ui_lang: str,
                message_lang: str | None = None) -> dict:
    """Serialise a lint result for the page (never recomputes a finding or a score): the page's
    labels in ``ui_lang``, each rule's explanation in the language of its findings."""
    units = Utf16Offsets(doc.source)
    reports = {b.index: b for b in result.blocks}
    paragraphs = []
    for index, block in enumerate(doc.blocks):
        report = reports.get(index)
        paragraphs.append({
            "index": index,
            "start": units(block.source_map.start(0)),
            "end": units(block.source_map.end(len(block.text))),
            "kind": block.kind,
            "lang": report.lang if report else None,  # None: not Finnish or Swedish, so not analysed
            "analysed": report is not None,
            "score": score_view(report.score, ui_lang) if report else None,
        })
    findings = [finding_view(f, units, i) for i, f in enumerate(result.findings)]
    rules = {}
    for f in result.findings:
        if f.code not in rules and f.code in linter.by_code:
            rule = linter.by_code[f.code]
            lang = for_text(message_lang, rule.lang)
            doc_text = rule_doc(rule, lang)
            rules[f.code] = {"name": rule.name, "kind": rule.kind, "why": doc_text.why, "why_lang": doc_text.why_lang,
                             "explanation": explain_rule(rule, lang)}
    documents = [{"lang": lang, "score": score_view(report.score, ui_lang),
                  "metrics": metrics_view(report.measures, ui_lang)}
                 for lang, report in result.by_language.items()]
    return {"length": units(len(doc.source)), "paragraphs": paragraphs, "findings": findings,
            "rules": rules, "documents": documents,
            "skipped": dict(result.skipped)}


def finding_view(finding: Finding, units: Utf16Offsets, ident: int) -> dict:
    return {
        "id": ident,
        "code": finding.code,
        "severity": finding.severity.label,
        "category": finding.category,
        "message": finding.message,
        "matched": finding.matched,
        "start": units(finding.start),
        "end": units(finding.end),
        "paragraph": finding.block_index,
        "line": finding.line,
        "column": finding.column,
        "suggestions": [{"text": s.text, "safe": s.safe, "replacement": s.replacement}
                        for s in finding.suggestions],
    }


def score_view(score: Score | None, ui_lang: str) -> dict | None:
    if score is None:
        return None
    return {"value": round(score.value), "band": score.band, "band_label": score.band_label(ui_lang),
            "drivers": [{"measure": m, "label": label(m, ui_lang), "points": round(p, 1)}
                        for m, p in score.drivers]}


def metrics_view(measures: dict[str, float | None], ui_lang: str) -> list[dict]:
    return [{"name": name, "label": text(f"metric.{name}", ui_lang), "value": measures[name]}
            for name in METRICS if measures.get(name) is not None]
