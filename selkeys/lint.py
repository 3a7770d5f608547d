"""The engine's entry point: Document -> languages -> analysis -> findings, metrics and score.

Front-ends (CLI, language server, DOCX plugin) call :class:`Linter`; nothing here imports a
front-end.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, islice
from operator import attrgetter

from selkeys.analysis.finnish import finnish_analyzer
from selkeys.analysis.tokens import AnalyzedBlock
from selkeys.block_reports import BlockReport, BlockReports, Scored, sentence_caps
from selkeys.calibration.model import project_model
from selkeys.config import Config
from selkeys.language import SUPPORTED, detect, normalise
from selkeys.limits import MAX_FINDINGS, OffsetMap, apply, edits, long_runs, parts
from selkeys.messages import for_text, text as message_text
from selkeys.analysis.swedish import swedish_analyzer
from selkeys.metrics import Counts, MetricCounter, SwedishCounter, metrics
from selkeys.model import Block, Document, Finding, Location, Suggestion
from selkeys.readers import InputError, read_input
from selkeys.register import MIN_READER_FORMS, dominant_address, is_legal_text, legal_marks, reader_forms
from selkeys.rules.definitions import defined_terms, is_defined
from selkeys.rules.engine import TITLE_AS_ONE_WORD, Hit, RuleSet, marks_legal_formulae, reads_tokens
from selkeys.rules.schema import Rule, load_rules
from selkeys.rules.sentence_metrics import LEGAL_FORMULA
from selkeys.score import SEVERITY_WEIGHT, Score, clarity
from selkeys.sections import ProposalNote, SectionReport, section_reports
from selkeys.suppress import UNUSED_CODE, apply_suppressions

ANALYZED_LANGS = ("fi", "sv")
# Below this much text, starting worker processes costs more than it saves.
PARALLEL_MIN_CHARS = 200_000

_Unit = tuple[int, str, str, str | None]  # block index, text, kind, declared language (None: detect)
_Output = tuple[dict[int, "UnitResult"], tuple[dict, dict]]  # per block, and fresh word analyses
_WORKER_STATE: "tuple[Linter, Config] | None" = None
_WITHOUT_TAGGER = "without tagger"  # ends the BlockCache key of a Swedish block's result linted without the tagger


def _lint_chunk_to_pipe(units: Iterable[_Unit], fallback: str, sender) -> None:
    linter, config = _WORKER_STATE
    sender.send(linter.lint_units(units, config, fallback))
    sender.close()


def _decided_by_document(rule: Rule, config: Config) -> bool:
    """Whether the whole document's analysis decides if a rule's hits are kept: advice on
    address needs the document's words that address the reader, and advice left out of legal
    text needs the register, which counts them too, unless the config says whether the text
    is legal (``legal-text = false`` keeps such a rule; ``true`` drops it everywhere); so do
    the rules whose hits may be drafting conventions that legal text leaves out."""
    return (rule.needs_reader_address or rule.reader_address is not None or bool(rule.spec.get("unless_defined"))
            or ((rule.off_in_legal_text or marks_legal_formulae(rule)) and config.legal_text is not False))


# blocks read ahead of the lint loop, so that the Swedish tagger gets them as a batch: on 100,000
# words of official Swedish, 16 take the check from 13.3 s to 8.5 s (peak memory 300 -> 307 MB);
# 32 gain a tenth of a second more for 9 MB
TAG_AHEAD = 16


def _tagged_ahead(units: Iterable[_Unit], fallback: str, is_finnish, tagger: bool) -> Iterator[tuple]:
    """The units with their language and over-long runs, read ``TAG_AHEAD`` at a time; the
    Swedish ones among them are tagged as one batch first (:meth:`SwedishAnalyzer.tag_ahead`),
    about a third faster than one by one. A unit's text as the analyser reads it is the one the
    lint loop gives it (:meth:`Linter._analysed`), so each batched tagging is used once."""
    chunk: list[tuple] = []
    for index, text, kind, declared in units:
        # over-long "words" are hidden from detection and the analysers (see selkeys.limits)
        long = long_runs(text)
        changes = edits(text, long)
        lang = declared or detect(apply(text, changes) if changes else text, is_finnish) or fallback
        chunk.append((index, text, kind, lang if lang in (*SUPPORTED, "en") else "other", long, changes))
        if len(chunk) == TAG_AHEAD:
            yield from _tag_batch(chunk, tagger)
            chunk = []
    yield from _tag_batch(chunk, tagger)


def _tag_batch(chunk: list[tuple], tagger: bool) -> list[tuple]:
    """``chunk`` after its whole Swedish blocks (a long one is analysed in parts) are tagged."""
    if tagger:
        swedish = [apply(text, changes) if changes else text for _, text, _, lang, long, changes in chunk
                   if lang == "sv" and parts(text, long) == [(0, len(text))]]
        if len(swedish) > 1:
            swedish_analyzer().tag_ahead(swedish)
    return chunk


def _without_defined_terms(doc: Document, raw: dict[str, list[Hit]]) -> dict[str, list[Hit]]:
    """Drops the hits of ``unless_defined`` rules on a term the document defines itself."""
    if not any(hit.rule.spec.get("unless_defined") for lang_hits in raw.values() for hit in lang_hits):
        return raw
    terms = defined_terms(block.text for block in doc.blocks)
    if not terms:
        return raw
    return {lang: [hit for hit in lang_hits if not (
                hit.rule.spec.get("unless_defined")
                and is_defined(hit.values.get("matched", ""), doc.blocks[hit.block_index].text[hit.end:hit.end + 80], terms))]
            for lang, lang_hits in raw.items()}


def _split(units: list[_Unit], shares: list[int]) -> list[list[_Unit]]:
    """Contiguous chunks with text lengths in proportion to ``shares``."""
    size = sum(len(unit[1]) for unit in units)
    chunks: list[list[_Unit]] = [[]]
    ends = list(accumulate(share * size / sum(shares) for share in shares))
    filled = 0
    for unit in units:
        if filled >= ends[len(chunks) - 1] and len(chunks) < len(shares):
            chunks.append([])
        chunks[-1].append(unit)
        filled += len(unit[1])
    return chunks


class _Stretch:
    """Contiguous units that two processes share, one taking them from the front and the
    other from the back, a unit at a time as each becomes free, so that both finish together.

    A split by text length alone leaves one process working long after the other: each
    process analyses every distinct word form it meets once, so varied prose (news) costs far
    more per character than repetitive help text (fi_100k.txt: 18,200 and 13,700 distinct
    forms in its two halves of equal length, and the first half took 0.2-0.5 s longer).
    """

    def __init__(self, units: list[_Unit], context) -> None:
        self.units = units
        self._lock = context.Lock()
        self._bounds = context.RawArray("q", [0, len(units)])  # the unclaimed units: [first, end)

    def _claim(self, from_front: bool) -> _Unit | None:
        with self._lock:
            first, end = self._bounds
            if first >= end:
                return None
            if from_front:
                self._bounds[0] = first + 1
                return self.units[first]
            self._bounds[1] = end - 1
            return self.units[end - 1]

    def take(self, from_front: bool) -> Iterator[_Unit]:
        """The units for one process: claimed one by one until the two ends meet."""
        while (unit := self._claim(from_front)) is not None:
            yield unit


@dataclass(slots=True)
class UnitResult:
    """One block linted on its own: its language, rule hits (code, start, end, values in
    block coordinates) and counts; counts is None for a block in a language not linted."""

    lang: str
    hits: list[tuple[str, int, int, dict]] = field(default_factory=list)
    counts: Counts | None = None
    long_words: int = 0  # runs too long to analyse as words, shown as symbols (selkeys.limits)
    legal: tuple[int, int] | None = None  # selkeys.register.legal_marks, unless the config decides
    reader_forms: tuple[int, int] = (0, 0)  # words that address the reader, (singular, plural) (selkeys.register)

    def __reduce__(self):
        """Pickled as its field values (see :meth:`Counts.__reduce__`)."""
        return UnitResult, _UNIT_FIELDS(self)


_UNIT_FIELDS = attrgetter(*UnitResult.__slots__)


class BlockCache:
    """Results of unchanged blocks, for re-linting a document as it is edited.

    Keyed by block text, kind, declared language and the document's fallback language (and
    ``_WITHOUT_TAGGER`` for a Swedish block linted without the tagger, which only
    :meth:`Linter.findings_without_tagger` reads); bounded, oldest out first. Build a new one
    when the configuration changes.
    """

    def __init__(self, limit: int = 20_000) -> None:
        self._entries: dict[tuple, UnitResult] = {}
        self._limit = limit

    def get(self, key: tuple) -> UnitResult | None:
        return self._entries.get(key)

    def put(self, key: tuple, value: UnitResult) -> None:
        if len(self._entries) >= self._limit:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = value


@dataclass(slots=True)
class SkippedBlock:
    """A block not linted because it is in another language: where it is, so that the output
    can say which paragraph was skipped and not only how many."""

    index: int
    lang: str
    line: int
    location: Location | None = None

    def to_dict(self) -> dict:
        return {"index": self.index, "lang": self.lang, "line": self.line,
                **({"location": self.location.to_dict()} if self.location is not None else {})}


@dataclass(slots=True)
class LanguageReport:
    """Measures and score of one language's part of a document (bilingual documents have two)."""

    measures: dict[str, float | None]
    score: Score | None


@dataclass(slots=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    # main language first: the one the markup declares, else the one with most words
    by_language: dict[str, LanguageReport] = field(default_factory=dict)
    # the linted paragraphs; from the engine a BlockReports, each report made when read
    blocks: Sequence[BlockReport] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)  # blocks per language
    skipped: Counter = field(default_factory=Counter)  # blocks not linted, per language
    skipped_blocks: list[SkippedBlock] = field(default_factory=list)  # which ones, in text order
    error: str | None = None
    notices: dict[str, int] = field(default_factory=dict)  # the reader's facts (tracked changes, ...)
    # documents with sections (Word agendas): a score per section, and decision proposals
    # that read harder than the rest of their agenda item
    sections: list[SectionReport] = field(default_factory=list)
    proposal_notes: list[ProposalNote] = field(default_factory=list)

    @property
    def measures(self) -> dict[str, float | None]:
        """Measures of the main language (empty when nothing was scored)."""
        return next(iter(self.by_language.values())).measures if self.by_language else {}

    @property
    def main_lang(self) -> str | None:
        """The document's main language (None when nothing was scored): what concerns the whole
        document is told in it unless the user chose a message language."""
        return next(iter(self.by_language), None)

    @property
    def score(self) -> Score | None:
        """Score of the main language."""
        return next(iter(self.by_language.values())).score if self.by_language else None


class Linter:
    """Holds the loaded rules and compiled rule sets; reuse one per process."""

    def __init__(self, rules: list[Rule] | None = None, sentence_scores: bool = True,
                 block_scores: bool = True, lazy_rules: bool = False) -> None:
        """``sentence_scores=False`` leaves ``BlockReport.sentences`` empty: a plain list of
        findings does not show them, and scoring every sentence is a serial step after the
        parallel part (about a tenth of a large run). ``block_scores=False`` leaves
        ``BlockReport.score`` None and its measures empty as well, for the same reason (a large
        text has thousands of paragraphs, and their measures and sentence counts were most of a
        10 MB run's memory); the scores of the whole text and of its sections are made either way.

        ``lazy_rules`` loads each language's shipped rules when a text in it is first linted
        (or :attr:`rules` is read), for a short run that mostly meets one language: loading
        and validating both languages' packs was a fifth of checking one paragraph. A
        long-lived process (a server) loads them all up front, before its first request."""
        self.sentence_scores = sentence_scores
        self.block_scores = block_scores
        self._rules: list[Rule] | None = rules
        self._by_lang: dict[str, list[Rule]] = {}
        self._codes: dict[str, Rule] = {}  # the loaded languages' rules, by code
        if rules is None and not lazy_rules:
            self._rules = load_rules()
        for rule in self._rules or ():
            self._by_lang.setdefault(rule.lang, []).append(rule)
            self._codes[rule.code] = rule
        self._rulesets: dict[tuple, RuleSet] = {}
        self._counters: dict[str, MetricCounter | SwedishCounter] = {}

    @property
    def rules(self) -> list[Rule]:
        """Every rule (with ``lazy_rules``, the languages not loaded yet are loaded now)."""
        if self._rules is None:
            for lang in ANALYZED_LANGS:
                self._lang_rules(lang)
            self._rules = [rule for lang in ANALYZED_LANGS for rule in self._by_lang[lang]]
        return self._rules

    @property
    def by_code(self) -> dict[str, Rule]:
        self.rules  # noqa: B018 - loads the languages not loaded yet
        return self._codes

    def _lang_rules(self, lang: str) -> list[Rule]:
        """One language's rules, loaded on first use unless all were given or loaded."""
        if self._rules is None and lang not in self._by_lang:
            self._by_lang[lang] = load_rules((lang,))
            self._codes.update((rule.code, rule) for rule in self._by_lang[lang])
        return self._by_lang.get(lang, [])

    def ruleset(self, lang: str, config: Config, tokens: bool = True) -> RuleSet:
        """The enabled rules of ``lang`` under ``config``, indexed; without ``tokens`` only
        those that read a block's text alone (:func:`selkeys.rules.engine.reads_tokens`)."""
        key = (lang, config.profile, config.select, config.ignore, tuple(sorted(config.thresholds.items())),
               config.vocabulary, config.deep, tokens)
        ruleset = self._rulesets.get(key)
        if ruleset is None:
            rules = [r for r in self._lang_rules(lang) if config.enabled(r.code) and (tokens or not reads_tokens(r))]
            ruleset = RuleSet(rules, config.profile, config.thresholds, config.vocabulary, config.deep)
            self._rulesets[key] = ruleset
        return ruleset

    # -- entry points -------------------------------------------------------------------
    def lint_path(self, path: str, config: Config, force_lang: str | None = None, jobs: int = 1) -> FileResult:
        try:
            doc = read_input(path, config)
        except InputError as exc:
            return FileResult(path=path, error=exc.reason)
        return self.lint_document(doc, config, force_lang, jobs)

    def lint_bytes(self, data: bytes, path: str, config: Config, force_lang: str | None = None,
                   fmt: str | None = None, jobs: int = 1) -> FileResult:
        try:
            doc = read_input(path, config, data, fmt)
        except InputError as exc:
            return FileResult(path=path, error=exc.reason)
        return self.lint_document(doc, config, force_lang, jobs)

    def lint_document(self, doc: Document, config: Config, force_lang: str | None = None,
                      jobs: int = 1, cache: BlockCache | None = None) -> FileResult:
        """Lint one document; with ``jobs`` > 1 a large one is split across processes.

        With a ``cache`` (the language server keeps one per open document), blocks whose text,
        kind and language are unchanged are not analysed again; everything that depends on
        the whole document (first use of a term, suppressions, totals) is recomputed.
        """
        result = FileResult(path=doc.path, notices=dict(doc.notices))
        linted, fallback = self._unit_results(doc, config, force_lang, jobs, cache)
        singular = sum(unit.reader_forms[0] for unit in linted.values())
        plural = sum(unit.reader_forms[1] for unit in linted.values())
        addressed = singular + plural >= MIN_READER_FORMS
        address = dominant_address(singular, plural)
        raw: dict[str, list[Hit]] = {}
        totals: dict[str, Counts] = {}
        for index in sorted(linted):
            unit = linted[index]
            result.languages[unit.lang] += 1
            if unit.counts is None:
                result.skipped[unit.lang] += 1
                block = doc.blocks[index]
                result.skipped_blocks.append(SkippedBlock(index, unit.lang, doc.line_col(block.source_map.start(0))[0],
                                                          block.location))
            elif doc.blocks[index].kind != "heading":  # headings are not sentences; they would shorten the average
                totals.setdefault(unit.lang, Counts()).add(unit.counts)
            for code, start, end, values in unit.hits:
                rule = self._codes[code]
                if (rule.needs_reader_address and not addressed) or (
                        rule.reader_address is not None and rule.reader_address != address):
                    continue
                raw.setdefault(rule.lang, []).append(Hit(rule, index, start, end, dict(values)))
            if unit.long_words:
                result.notices["long_words"] = result.notices.get("long_words", 0) + unit.long_words
        declared = normalise(doc.declared_lang)  # the page's own language first, then by size
        languages = sorted(totals, key=lambda lang: (lang != declared, -totals[lang].words))
        # a suppression that hides nothing belongs to no paragraph: it is told in the main language
        main = languages[0] if languages else None
        marks = [unit.legal for unit in linted.values()]  # None only from a BlockCache made under another config
        # a text that speaks to its reader is a letter or a service text, however much it cites;
        # the main language sets how densely a legal text cites (selkeys.register)
        legal = config.legal_text if config.legal_text is not None else (
            not addressed and is_legal_text(doc, marks if None not in marks else None, main or fallback))
        if legal:
            result.notices["legal_text"] = 1
            # and a long attribute that only cites a provision ("18 §:n 1 momentissa tarkoitetut")
            raw = {lang: [hit for hit in lang_hits if not hit.rule.off_in_legal_text
                          and LEGAL_FORMULA not in hit.values] for lang, lang_hits in raw.items()}
        raw = _without_defined_terms(doc, raw)
        hits = [hit for lang, lang_hits in raw.items() for hit in self.ruleset(lang, config).resolve(lang_hits)]
        del raw
        weights: Counter = Counter()
        spots: dict[int, list[tuple[int, float]]] = {}  # per block: (offset, weight), for sentence scores
        for f in self._findings(doc, hits, config, main):
            weight = SEVERITY_WEIGHT[f.severity.label]
            weights[f.block_index] += weight
            spots.setdefault(f.block_index, []).append((f.block_start, weight))
            if len(result.findings) < MAX_FINDINGS:  # listed up to the limit; the scores count them all
                result.findings.append(f)
            else:
                result.notices["findings_capped"] = result.notices.get("findings_capped", 0) + 1
                # the exit code must not depend on where in the file a finding stands
                result.notices["findings_capped_worst"] = max(result.notices.get("findings_capped_worst", 0),
                                                              int(f.severity))
        del hits
        lang_weights: Counter = Counter()
        # a project's own score models (None: the shipped one), looked up once per document:
        # each lookup checks the model file on disk
        models = {lang: project_model(config.score_model, lang) for lang in ANALYZED_LANGS}
        scored = []
        reported = self.block_scores or self.sentence_scores  # else the reports need no counts
        for index in sorted(linted):
            unit = linted[index]
            if unit.counts is not None:
                lang_weights[unit.lang] += weights[index]
                scored.append(Scored(index, unit.lang, unit.counts if reported else None, weights[index],
                                     spots.get(index, []), None))
        if self.sentence_scores:
            scored, capped = sentence_caps(scored, models.get, self.block_scores)
            if capped:
                result.notices["sentences_capped"] = capped
        result.blocks = BlockReports(doc, scored, models.get, self.block_scores, self.sentence_scores)
        for lang in languages:
            measures = metrics(totals[lang], lang)
            result.by_language[lang] = LanguageReport(
                measures, clarity(measures, lang_weights[lang], lang, models[lang]))
        if any(block.location is not None for block in doc.blocks):
            counts = {i: (u.lang, u.counts) for i, u in linted.items() if u.counts is not None}
            result.sections, result.proposal_notes = section_reports(
                doc, counts, weights, models.get)
        return result

    def findings_without_tagger(self, doc: Document, config: Config,
                                cache: BlockCache | None = None) -> list[Finding] | None:
        """The findings of ``doc`` that need no Swedish tagger, or None when no block is Swedish
        (a full lint then needs no tagger either).

        The tagger takes over a second to load; the language server publishes these findings
        in the meantime. They are those of every Finnish rule and of every Swedish
        rule that reads only the text (:func:`selkeys.rules.engine.reads_tokens`), except the
        rules that the whole document's analysis keeps or drops (:func:`_decided_by_document`:
        the Swedish paragraphs' words count there too). For each of these rules the findings
        are exactly those of :meth:`lint_document`, so the full set only adds to them. Swedish
        blocks linted here are cached apart, for this method only; Finnish ones are cached as
        usual, and a full lint reuses them.
        """
        linted, _ = self._unit_results(doc, config, None, 1, cache, tagger=False)
        if not any(unit.lang == "sv" for unit in linted.values()):
            return None
        raw: dict[str, list[Hit]] = {}
        for index in sorted(linted):
            for code, start, end, values in linted[index].hits:
                rule = self._codes[code]
                if not _decided_by_document(rule, config) and (rule.lang != "sv" or not reads_tokens(rule)):
                    raw.setdefault(rule.lang, []).append(Hit(rule, index, start, end, dict(values)))
        hits = [hit for lang, lang_hits in raw.items() for hit in self.ruleset(lang, config).resolve(lang_hits)]
        # a suppression that hides nothing yet may hide a finding of the tagger's rules
        return [f for f in islice(self._findings(doc, hits, config, None), MAX_FINDINGS) if f.code != UNUSED_CODE]

    def _unit_results(self, doc: Document, config: Config, force_lang: str | None, jobs: int,
                      cache: BlockCache | None, tagger: bool = True) -> tuple[dict[int, UnitResult], str]:
        """Every block's :class:`UnitResult`, by block index, from ``cache`` where the block is
        unchanged, else linted here or in ``jobs`` processes (``tagger``: see :meth:`lint_units`);
        and the document's fallback language."""
        analyzer = finnish_analyzer()
        declared, fallback = self._declared_languages(doc, config, force_lang)
        units: list[_Unit] = [(index, block.text, block.kind, lang)
                              for index, (block, lang) in enumerate(zip(doc.blocks, declared))]
        linted: dict[int, UnitResult] = {}
        todo = units
        if cache is not None:
            todo = []
            for unit in units:
                key = (unit[1], unit[2], unit[3], fallback)
                known = cache.get(key)
                if known is None and not tagger:
                    known = cache.get((*key, _WITHOUT_TAGGER))
                if known is None:
                    todo.append(unit)
                else:
                    linted[unit[0]] = known
        size = sum(len(u[1]) for u in todo)
        if jobs > 1 and size >= PARALLEL_MIN_CHARS and "fork" in multiprocessing.get_all_start_methods():
            outputs = self._in_workers(todo, jobs, config, fallback)
        else:
            outputs = [self.lint_units(todo, config, fallback, tagger)] if todo else []
        for unit_results, fresh in outputs:
            linted.update(unit_results)
            analyzer.absorb(*fresh)  # analyses made in workers, for the on-disk store
        if cache is not None:
            for unit in todo:
                key = (unit[1], unit[2], unit[3], fallback)
                # a Swedish block linted without the tagger is kept apart: a full lint must not take it
                cache.put(key if tagger or linted[unit[0]].lang != "sv" else (*key, _WITHOUT_TAGGER), linted[unit[0]])
        return linted, fallback

    def lint_units(self, units: Iterable[_Unit], config: Config, fallback: str, tagger: bool = True) -> _Output:
        """Language, analysis, rules and counts for blocks on their own: the part that can run
        anywhere (a worker process, or again only for the blocks an editor changed).

        One block is analysed, ruled and counted before the next, so only one block's tokens
        are ever held (the rules' per-document work is in :meth:`RuleSet.resolve`, run later on
        the hits); the blocks are read ``TAG_AHEAD`` at a time so that the Swedish tagger gets
        them as a batch (:func:`_tagged_ahead`); a block longer than ``MAX_BLOCK_CHARS`` goes
        through in parts.

        Returns one :class:`UnitResult` per block index, plus the word analyses made here
        (non-empty only in a worker with an on-disk store attached).

        ``tagger=False`` lints a Swedish block without the tagger: only the rules that read the
        text alone run (:func:`selkeys.rules.engine.reads_tokens`), and its result has no counts
        and no reader forms (:meth:`findings_without_tagger`).
        """
        analyzer = finnish_analyzer()
        is_finnish = analyzer.is_known  # shares the analysis cache: Finnish blocks are analysed anyway
        linted: dict[int, UnitResult] = {}
        for index, text, kind, lang, long, changes in _tagged_ahead(units, fallback, is_finnish, tagger):
            unit = linted[index] = UnitResult(lang)
            if config.legal_text is None:
                unit.legal = legal_marks(text)
            if lang not in ANALYZED_LANGS:
                continue
            tokens = tagger or lang != "sv"
            ruleset, counter = self.ruleset(lang, config, tokens), self._counter(lang)
            total = None
            for start, end in parts(text, long):
                whole = not start and end == len(text)  # most blocks: the runs and edits are known
                ab, back = self._analysed(index, lang, kind, text if whole else text[start:end], unit,
                                          (long, changes) if whole else None, tokens)
                for hit in ruleset.run([ab]):
                    first, last = (back.start(hit.start), back.end(hit.end)) if back else (hit.start, hit.end)
                    unit.hits.append((hit.rule.code, first + start, last + start, hit.values))
                if not tokens:
                    continue
                singular, plural = reader_forms(ab)
                unit.reader_forms = (unit.reader_forms[0] + singular, unit.reader_forms[1] + plural)
                counts = counter.block(ab, self.sentence_scores)
                if back:  # sentences in the block's own offsets
                    counts.sentence_counts = tuple((back.start(a), back.end(b), values)
                                                   for a, b, values in counts.sentence_counts)
                if total is None:
                    total = counts
                else:  # a later part of a long block: its sentences in the block's offsets
                    total.add(counts)
                    total.sentence_counts += tuple((a + start, b + start, values)
                                                   for a, b, values in counts.sentence_counts)
            if not tokens:  # a Swedish block without the tagger: nothing to count
                continue
            if kind == "heading":
                total.forms = set()  # headings stay out of the document's OVIX
            unit.counts = total  # its measures are worked out when its report is read (selkeys.block_reports)
            total.forms = tuple(total.forms)  # see Counts.forms
        fresh = analyzer.take_fresh() if _WORKER_STATE is not None else ({}, {})
        return linted, fresh

    @staticmethod
    def _analysed(index: int, lang: str, kind: str, text: str, unit: UnitResult,
                  found: tuple[list, list] | None = None, tokens: bool = True) -> tuple[AnalyzedBlock, OffsetMap | None]:
        """Sentences and tokens of ``text`` as the analysers should read it: over-long runs as
        one symbol, invisible characters removed (so "suo\u200brittaa" is the
        verb it looks like). Everything here is in that text's offsets; the map, when the text
        was changed, takes them back to ``text``'s. ``found``: the text's over-long runs and
        edits, when the caller has them already (a scan of the whole text each). Without
        ``tokens`` the block has no sentences, for rules that read only its text."""
        if found is None:
            long = long_runs(text)
            found = long, edits(text, long)
        long, changes = found
        seen = apply(text, changes) if changes else text
        if not tokens:
            sentences = []
        elif lang == "fi":
            analyzer = finnish_analyzer()
            sentences = analyzer.sentences(analyzer.tokenize(seen))
        else:
            sentences = swedish_analyzer().analyze(seen)
        unit.long_words += len(long)
        return AnalyzedBlock(index, lang, kind, seen, sentences), OffsetMap(changes) if changes else None

    def _counter(self, lang: str) -> MetricCounter | SwedishCounter:
        """One counter per language for the Linter's life: they keep per-form features."""
        counter = self._counters.get(lang)
        if counter is None:
            counter = MetricCounter(finnish_analyzer().syllables) if lang == "fi" else SwedishCounter()
            self._counters[lang] = counter
        return counter

    def _in_workers(self, todo: list[_Unit], jobs: int, config: Config, fallback: str) -> list[_Output]:
        """Lint ``todo`` in ``jobs`` processes: this one and forked children.

        The text is cut into contiguous stretches of two processes each (one, the last, when
        ``jobs`` is odd), which take its units from both ends (:class:`_Stretch`). Plain
        processes and pipes rather than a Pool: a Pool's bookkeeping threads would compete
        with this process for the interpreter while it lints its own part. A child that fails
        is not fatal: the units it took are then linted here.
        """
        global _WORKER_STATE
        context = multiprocessing.get_context("fork")
        shares = [2] * (jobs // 2) + [1] * (jobs % 2)
        stretches = [_Stretch(chunk, context) for chunk in _split(todo, shares)]
        ends = [(stretch, from_front) for stretch, share in zip(stretches, shares)
                for from_front in (True, False)[:share]]
        children = []
        _WORKER_STATE = (self, config)  # inherited by the children, with warm caches
        try:
            for stretch, from_front in ends[1:]:
                receiver, sender = context.Pipe(duplex=False)
                child = context.Process(target=_lint_chunk_to_pipe, daemon=True,
                                        args=(stretch.take(from_front), fallback, sender))
                child.start()
                sender.close()
                children.append((child, receiver))
        finally:
            _WORKER_STATE = None
        stretch, from_front = ends[0]
        outputs = [self.lint_units(stretch.take(from_front), config, fallback)]
        failed = False
        for child, receiver in children:
            try:
                outputs.append(receiver.recv())
            except (EOFError, OSError):
                failed = True
            finally:
                receiver.close()
                child.join()
        if failed:
            done = {index for linted, _ in outputs for index in linted}
            outputs.append(self.lint_units([u for u in todo if u[0] not in done], config, fallback))
        # in text order, as one process would give them (units taken from the back come last first)
        return [(dict(sorted(linted.items())), fresh) for linted, fresh in outputs]

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _declared_languages(doc: Document, config: Config, force_lang: str | None) -> tuple[list[str | None], str]:
        """Each block's language where it is given (--lang, then markup, then config) and the
        document's language for short blocks that detection cannot judge."""
        forced = normalise(force_lang)
        if forced:
            return [forced] * len(doc.blocks), forced
        declared = [normalise(block.lang) or config.lang for block in doc.blocks]
        fallback = normalise(doc.declared_lang) or config.lang
        if fallback is None:
            sample = " ".join(b.text for b, d in zip(doc.blocks, declared) if d is None)[:4000]
            fallback = detect(sample, finnish_analyzer().is_known) or "fi"
        return declared, fallback

    def _findings(self, doc: Document, hits: list[Hit], config: Config, main: str | None) -> Iterator[Finding]:
        """The document's findings in source order (start, then code), suppressions applied.

        Made one at a time, so that a document with hundreds of thousands of findings never
        holds them all (only ``MAX_FINDINGS`` are kept); suppression comments need the whole
        list, as they also report the directives that hid nothing."""
        starts = [doc.blocks[hit.block_index].source_map.start(hit.start) for hit in hits]
        order = sorted(range(len(hits)), key=lambda i: (starts[i], hits[i].rule.code))
        if doc.directives:
            yield from apply_suppressions(doc, [self._finding(doc, hits[i], config) for i in order],
                                          main, for_text(config.message_lang, main), config.enabled(UNUSED_CODE))
            return
        for i in order:
            yield self._finding(doc, hits[i], config)

    def _finding(self, doc: Document, hit: Hit, config: Config) -> Finding:
        rule = hit.rule
        block: Block = doc.blocks[hit.block_index]
        start = block.source_map.start(hit.start)
        end = block.source_map.end(hit.end)
        line, col = doc.line_col(start)
        end_line, end_col = doc.line_col(end)
        told = for_text(config.message_lang, rule.lang)  # the text's language unless the user chose
        message = rule.message_for(told, **hit.values)
        if hit.values.get(TITLE_AS_ONE_WORD):  # "34 words" of a sentence that shows 71: the title is one
            message = f"{message} {message_text('finding.title_as_one_word', told)}"
        suggestions = []
        text = rule.suggestion_for(told, **hit.values)
        if text and "{suggestion}" not in text and (not rule.fix.by_lemma or hit.values.get("suggestion")):
            replacement = rule.fix.replace if rule.fix.replace is not None else None
            suggestions.append(Suggestion(text, rule.fix.safe and replacement is not None, replacement))
        return Finding(
            code=rule.code, name=rule.name, severity=config.severity.get(rule.code, rule.severity),
            category=rule.category, message=message, start=start, end=end, line=line, column=col,
            end_line=end_line, end_column=end_col, matched=doc.source[start:end], suggestions=suggestions,
            block_index=hit.block_index, block_start=hit.start, block_end=hit.end, location=block.location,
            lang=rule.lang,
        )
