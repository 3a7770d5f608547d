"""The engine's entry point: Document -> languages -> analysis -> findings, metrics and score.

Front-ends (CLI, language server, DOCX plugin) call :class:`Linter`; nothing here imports a
front-end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from selkeys.analysis.finnish import finnish_analyzer
from selkeys.analysis.tokens import AnalyzedBlock
from selkeys.config import Config
from selkeys.language import SUPPORTED, detect, normalise
from selkeys.metrics import Counts, MetricCounter, metrics
from selkeys.model import Block, Document, Finding, Suggestion
from selkeys.readers import InputError, read_bytes, read_path
from selkeys.rules.engine import Hit, RuleSet
from selkeys.rules.schema import Rule, load_rules
from selkeys.score import SEVERITY_WEIGHT, Score, clarity
from selkeys.suppress import apply_suppressions

ANALYZED_LANGS = ("fi",)  # Swedish analysis arrives with its own analyzer


@dataclass(slots=True)
class BlockReport:
    index: int
    lang: str
    kind: str
    line: int
    measures: dict[str, float | None]
    score: Score | None


@dataclass(slots=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    measures: dict[str, float | None] = field(default_factory=dict)
    score: Score | None = None
    blocks: list[BlockReport] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)  # blocks per language
    skipped: Counter = field(default_factory=Counter)  # blocks not linted, per language
    error: str | None = None


class Linter:
    """Holds the loaded rules and compiled rule sets; reuse one per process."""

    def __init__(self, rules: list[Rule] | None = None) -> None:
        self.rules = load_rules() if rules is None else rules
        self.by_code = {r.code: r for r in self.rules}
        self._rulesets: dict[tuple, RuleSet] = {}

    def ruleset(self, lang: str, config: Config) -> RuleSet:
        key = (lang, config.profile, config.select, config.ignore, tuple(sorted(config.thresholds.items())),
               config.vocabulary, config.deep)
        ruleset = self._rulesets.get(key)
        if ruleset is None:
            rules = [r for r in self.rules if r.lang == lang and config.enabled(r.code)]
            ruleset = RuleSet(rules, config.profile, config.thresholds, config.vocabulary, config.deep)
            self._rulesets[key] = ruleset
        return ruleset

    # -- entry points -------------------------------------------------------------------
    def lint_path(self, path: str, config: Config, force_lang: str | None = None) -> FileResult:
        try:
            doc = read_path(path, config.max_file_size)
        except InputError as exc:
            return FileResult(path=path, error=exc.reason)
        return self.lint_document(doc, config, force_lang)

    def lint_bytes(self, data: bytes, path: str, config: Config, force_lang: str | None = None,
                   fmt: str | None = None) -> FileResult:
        if len(data) > config.max_file_size:
            return FileResult(path=path, error=f"input is over the limit of {config.max_file_size} bytes")
        try:
            doc = read_bytes(data, path, fmt)
        except InputError as exc:
            return FileResult(path=path, error=exc.reason)
        return self.lint_document(doc, config, force_lang)

    def lint_document(self, doc: Document, config: Config, force_lang: str | None = None) -> FileResult:
        result = FileResult(path=doc.path)
        analyzer = finnish_analyzer()
        langs = self._languages(doc, config, force_lang, analyzer.spell)
        analysed: list[AnalyzedBlock] = []
        for index, (block, lang) in enumerate(zip(doc.blocks, langs)):
            result.languages[lang] += 1
            if lang not in ANALYZED_LANGS:
                result.skipped[lang] += 1
                continue
            tokens = analyzer.tokenize(block.text)
            analysed.append(AnalyzedBlock(index, lang, block.kind, block.text, analyzer.sentences(tokens)))

        hits = self.ruleset("fi", config).run(analysed) if analysed else []
        findings = [self._finding(doc, hit, config) for hit in hits]
        findings = apply_suppressions(doc, sorted(findings, key=lambda f: (f.start, f.code)), config.message_lang)
        result.findings = findings

        counter = MetricCounter(analyzer.syllables)
        weights = Counter()
        for f in findings:
            weights[f.block_index] += SEVERITY_WEIGHT[f.severity.label]
        total = Counts()
        for ab in analysed:
            counts = counter.block(ab)
            if ab.kind != "heading":  # headings are not sentences; they would shorten the average
                total.add(counts)
            measures = metrics(counts)
            line, _ = doc.line_col(doc.blocks[ab.index].source_map.start(0))
            result.blocks.append(BlockReport(ab.index, ab.lang, ab.kind, line, measures,
                                             clarity(measures, weights[ab.index])))
        result.measures = metrics(total)
        result.score = clarity(result.measures, sum(weights.values()))
        return result

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _languages(doc: Document, config: Config, force_lang: str | None, spell) -> list[str]:
        """--lang, then markup lang, then config, then detection (short blocks inherit)."""
        forced = normalise(force_lang)
        if forced:
            return [forced] * len(doc.blocks)
        fallback = normalise(doc.declared_lang) or config.lang
        if fallback is None:
            sample = " ".join(b.text for b in doc.blocks if b.lang is None)[:4000]
            fallback = detect(sample, spell) or "fi"
        langs = []
        for block in doc.blocks:
            lang = normalise(block.lang) or config.lang or detect(block.text, spell) or fallback
            langs.append(lang if lang in (*SUPPORTED, "en") else "other")
        return langs

    def _finding(self, doc: Document, hit: Hit, config: Config) -> Finding:
        rule = hit.rule
        block: Block = doc.blocks[hit.block_index]
        start = block.source_map.start(hit.start)
        end = block.source_map.end(hit.end)
        line, col = doc.line_col(start)
        end_line, end_col = doc.line_col(end)
        ui = config.message_lang
        message = rule.message_for(ui, **hit.values)
        suggestions = []
        text = rule.suggestion_for(ui, **hit.values)
        if text and "{suggestion}" not in text and (not rule.fix.by_lemma or hit.values.get("suggestion")):
            replacement = rule.fix.replace if rule.fix.replace is not None else None
            suggestions.append(Suggestion(text, rule.fix.safe and replacement is not None, replacement))
        return Finding(
            code=rule.code, name=rule.name, severity=config.severity.get(rule.code, rule.severity),
            category=rule.category, message=message, start=start, end=end, line=line, column=col,
            end_line=end_line, end_column=end_col, matched=doc.source[start:end], suggestions=suggestions,
            block_index=hit.block_index,
        )
