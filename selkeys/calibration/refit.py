"""Refit the shipped score models: ``make calibrate`` (``python -m selkeys.calibration.refit``).

Steps, per language:

1. build the labelled texts (sources.py): real easy-language news (Finnish), real statutes,
   court decisions and official documents, standard prose from UD treebank dev files, and the
   project's own easy and bureaucratic texts; hold out by time (the newest news and Finlex
   documents), by document (corpus/real test half, a quarter of the UD and project documents);
2. choose the model's settings on the fitting texts by cross-validation by document and by
   time (select.py), and fit;
3. evaluate the model on the held-out texts: the score against LIX and every single measure,
   for documents and for single sentences; the project's before/after rewrites (never fitted);
4. apply the rule (gate.py): on held-out real data the score must beat every single measure,
   and every rewrite pair must be ordered right. The models and ``corpus/labelled/REPORT.md``
   are written either way; the exit status is 1 when the rule fails.

Deterministic: the sources are read at fixed commits, every split and fold has a fixed seed,
and the date written is ``SOURCE_DATE_EPOCH``'s when that is set. A missing local clone stops
the run with exit status 2 and the command that fetches it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from selkeys.calibration import equate, gate, select, sources, ud
from selkeys.calibration.dataset import DatasetError, LabelledText, load_dataset, write_jsonl
from selkeys.calibration.equate import fit_equating
from selkeys.calibration.evaluate import LanguageEvaluation, evaluate, version_pairs
from selkeys.calibration.features import extract, text_measures
from selkeys.calibration.fit import (FitError, cross_validated_difficulty, fit,
                                     time_cross_validated_difficulty)
from selkeys.calibration.model import FINDINGS, ScoreModel, shipped_model
from selkeys.calibration.report import to_dict, to_markdown
from selkeys.calibration.snapshot import MissingSnapshot
from selkeys.calibration.sources import Entry
from selkeys.config import Config
from selkeys.lint import Linter
from selkeys.score import clarity

REPO = Path(__file__).resolve().parents[2]
LABELLED = REPO / "corpus" / "labelled"
REAL = REPO / "corpus" / "real"
DATA_OUT = REPO / "selkeys" / "data"
COMMAND = "make calibrate"
EASY_SOURCE = {"fi": "yle", "sv": "project"}  # no open Swedish easy-language text was found
OFFICIAL = frozenset({"finlex", "real"})
STANDARD = OFFICIAL | {"ud"}
LANG_NAMES = {"fi": "Finnish", "sv": "Swedish"}


def today() -> str:
    """The date stamped on the models and the report: SOURCE_DATE_EPOCH's (reproducible
    builds), else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now()
    return moment.date().isoformat()


def comparison(entries: Sequence[Entry], lang: str, against: frozenset[str]) -> Callable[[Entry], bool]:
    """The texts of one comparison: the language's easy texts against the standard texts of
    the sources ``against``."""
    easy = EASY_SOURCE[lang]
    return lambda e: (e.source == easy and e.item.label == "easy") or (
        e.source in against and e.item.label == "standard")


COMPARISONS = (("easy vs standard and official", STANDARD), ("easy vs treebank prose", frozenset({"ud"})))


@dataclass
class Texts:
    """Labelled texts with their measures, kept in step."""

    entries: list[Entry]
    measures: list[dict]

    def where(self, keep: Callable[[Entry], bool]) -> "Texts":
        idx = [i for i, e in enumerate(self.entries) if keep(e)]
        return Texts([self.entries[i] for i in idx], [self.measures[i] for i in idx])

    @property
    def items(self) -> list[LabelledText]:
        return [e.item for e in self.entries]


def _evaluate(texts: Texts, model: ScoreModel, repeats: int, predicted: np.ndarray | None = None) -> LanguageEvaluation:
    difficulty = None if predicted is None else {model.lang: predicted}
    return evaluate(texts.items, texts.measures, {model.lang: model}, difficulty, repeats)[0]


def _choose(lang: str, fitting: Texts) -> tuple[select.Settings, list[select.Outcome]]:
    items = fitting.items
    views = []
    for name, against in COMPARISONS:
        keep = comparison(fitting.entries, lang, against)
        members = np.array([i for i, e in enumerate(fitting.entries) if keep(e)], dtype=int)
        views.append(select.View(name, members, np.array([items[i].hard for i in members], dtype=bool)))
    return select.choose(lang, fitting.measures, [it.level for it in items], [bool(it.hard) for it in items],
                         [it.group for it in items], [it.date for it in items], views, views[0].members)


def sentence_texts(texts: Texts) -> Texts:
    """Every prose sentence of ``texts`` as a text of its own, with its text's label, level and
    group, and its measures: the material for checking the sentence-level estimates (a
    one-sentence text gets the estimate its sentence gets inside a paragraph). A sentence that
    on its own reads as a heading (a short list item) is left out."""
    linter, config = Linter(), Config()
    entries, measures = [], []
    for entry in texts.entries:
        it = entry.item
        result = linter.lint_bytes(it.text.encode("utf-8"), f"{it.id}.txt", config, force_lang=it.lang, fmt="text")
        prose = (s for block in result.blocks if block.kind != "heading" for s in block.sentences)
        for n, sentence in enumerate(prose):
            single = replace(it, id=f"{it.id}#s{n}", text=it.text[sentence.start:sentence.end])
            try:
                measures.append(text_measures(single, linter, config))
            except DatasetError:
                continue
            entries.append(replace(entry, item=single))
    return Texts(entries, measures)


def rewrite_gains(items: list[LabelledText], measures: list[dict], model: ScoreModel) -> str:
    """Mean score before and after, and the smallest gain, over the rewrite pairs: the size of
    the change a writer sees, which the rank figures do not show."""
    pairs = version_pairs(items)  # (rewrite, original): the rewrite has the lower level
    if not pairs:
        return ""
    before = np.array([model.value(measures[original]) for _, original in pairs])
    after = np.array([model.value(measures[rewrite]) for rewrite, _ in pairs])
    gains = after - before
    return (f"Score before {before.mean():.1f} and after {after.mean():.1f} on average; gain "
            f"{gains.mean():+.1f} points (smallest {gains.min():+.1f}, largest {gains.max():+.1f}) over "
            f"{len(gains)} pairs.")


def _summary(ev: LanguageEvaluation) -> dict:
    rows = {row.name: row for row in ev.rows}
    pick = lambda name, attr: (None if getattr(rows[name], attr) is None  # noqa: E731
                               else round(getattr(rows[name], attr).value, 4))
    singles = {name: pick(name, "auc") for name in rows if name != "selkeys score" and rows[name].auc is not None}
    best = max(singles, key=singles.get) if singles else None
    summary = {"texts": ev.texts, "auc_score": pick("selkeys score", "auc"), "auc_lix": pick("lix", "auc"),
               "best_single": best, "auc_best_single": singles.get(best),
               "spearman_score": pick("selkeys score", "spearman"), "spearman_lix": pick("lix", "spearman")}
    if rows["selkeys score"].pairs is not None:
        summary.update(pairs=rows["selkeys score"].pairs.n, pairs_right_score=pick("selkeys score", "pairs"),
                       pairs_right_lix=pick("lix", "pairs"))
    return summary


def _counts(texts: Texts) -> str:
    """Texts and source documents per source, for the report's data line."""
    parts = []
    for source in ("yle", "project", "finlex", "real", "ud"):
        picked = [e for e in texts.entries if e.source == source]
        if picked:
            parts.append(f"{source} {len(picked)} ({len({e.item.group for e in picked})})")
    return ", ".join(parts)


@dataclass
class Calibration:
    model: ScoreModel
    section: str
    details: dict
    failures: list[str]


def calibrate(lang: str, entries: list[Entry], rewrites: list[LabelledText], repeats: int) -> Calibration:
    """Choose, fit and judge one language's model; ``rewrites`` (before/after pairs) are only
    ever scored."""
    everything = Texts(entries, extract([e.item for e in entries]))
    fitting = everything.where(lambda e: not e.held_out)
    held = everything.where(lambda e: e.held_out)
    settings, outcomes = _choose(lang, fitting)
    items = fitting.items
    data = select.samples_for(settings, fitting.measures, [it.level for it in items], [bool(it.hard) for it in items],
                              [it.group for it in items], [it.date for it in items])
    kw = {"l2": settings.l2, "word_quantile": settings.word_quantile}
    model = fit(data, settings.kind, lang, **kw)
    by_document = cross_validated_difficulty(data, settings.kind, lang, **kw)
    by_time = time_cross_validated_difficulty(data, settings.kind, lang, **kw)

    tables: list[tuple[str, str, LanguageEvaluation]] = []  # (key, title, evaluation)
    failures: list[str] = []
    for name, against in COMPARISONS:
        ev = _evaluate(held.where(comparison(entries, lang, against)), model, repeats)
        tables.append((f"held_out: {name}", f"Held out: {name}", ev))
        failures += gate.auc_failures(f"held out, {name}", ev)
    tables.append(("held_out: easy vs official", "Held out: easy vs official text only (statutes, court decisions, "
                   "corpus/real test half)", _evaluate(held.where(comparison(entries, lang, OFFICIAL)), model, repeats)))
    if lang == "fi":
        tables.append(("held_out: project-written easy vs standard and official",
                       "Held out: the project's own easy texts vs real standard and official text",
                       _evaluate(held.where(lambda e: (e.source == "project" and e.item.label == "easy")
                                            or (e.source in STANDARD and e.item.label == "standard")), model, repeats)))
    keep = comparison(entries, lang, STANDARD)
    for key, predicted, title in (("cv_by_document", by_document, "Cross-validated by source document (5 folds)"),
                                  ("cv_by_time", by_time, "Cross-validated by time (fit on older, test on newer)")):
        idx = [i for i, e in enumerate(fitting.entries) if keep(e) and not np.isnan(predicted[i])]
        subset = Texts([fitting.entries[i] for i in idx], [fitting.measures[i] for i in idx])
        tables.append((key, f"{title}: easy vs standard and official, fitting texts",
                       _evaluate(subset, model, repeats, predicted[idx])))
    sentences = sentence_texts(held.where(keep))
    tables.append(("sentences_held_out", "Single sentences of the held-out texts, easy vs standard and official",
                   _evaluate(sentences, model, repeats)))
    rewrite_measures = extract(rewrites)
    rewrite_eval = evaluate(rewrites, rewrite_measures, {lang: model}, None, repeats)[0]
    tables.append(("rewrites", f"Before/after plain-language rewrites (rewrites_{lang}.jsonl, never fitted)",
                   rewrite_eval))
    failures += gate.pair_failures("rewrites", rewrite_eval)

    figures = {key: _summary(ev) for key, _, ev in tables}
    info = dict(model.fit_info)
    info.update({"date": today(), "command": COMMAND, "settings": settings.as_dict(),
                 "data": f"fitting: {_counts(fitting)}; held out: {_counts(held)} (texts (source documents)); "
                         "see corpus/labelled/README.md",
                 "fit_texts": len(fitting.entries), "held_out_texts": len(held.entries), "figures": figures,
                 "rule": "held out: the score beats every single measure; every rewrite pair ordered right",
                 "rule_failures": failures})
    model = ScoreModel(model.lang, model.components, model.bands, info)
    section = _section(lang, model, settings, outcomes, fitting, held, tables, rewrite_gains(rewrites, rewrite_measures, model),
                       failures)
    return Calibration(model, section, {key: to_dict([ev]) for key, _, ev in tables}, failures)


def _section(lang: str, model: ScoreModel, settings: select.Settings, outcomes: list[select.Outcome], fitting: Texts,
             held: Texts, tables: list[tuple[str, str, LanguageEvaluation]], gains: str, failures: list[str]) -> str:
    lines = [f"## {LANG_NAMES[lang]}\n",
             f"Fitting texts (source documents): {_counts(fitting)}. Held out, never fitted: {_counts(held)}.\n",
             "**The rule** (held out, easy vs standard and official, and easy vs treebank prose: the score beats "
             "every single measure; every rewrite pair ordered right): "
             + ("holds.\n" if not failures else "**fails**: " + "; ".join(failures) + ".\n")]
    lines += ["| comparison (AUC) | texts easy / standard | score | LIX | best single measure | score minus LIX "
              "(paired 95 % CI) |", "|---|---|---|---|---|---|"]
    for _, title, ev in tables:
        lines.append(_summary_row(title, ev))
    lines.append("")
    for _, title, ev in tables:
        lines += [f"### {title}\n", to_markdown([ev])]
        if title.startswith("Before/after"):
            lines.append(gains + "\n")
    lines += ["### Model choice (cross-validated on the fitting texts)\n",
              "| target | L2 | word anchor (percentile of easy texts) | AUCs by document and by time | "
              "Spearman | beats every single measure |", "|---|---|---|---|---|---|"]
    for o in outcomes:
        mark = "**" if o.settings == settings else ""
        aucs = " / ".join(f"{v:.4f}" for v in o.auc.values())
        lines.append(f"| {mark}{o.settings.kind}{mark} | {o.settings.l2:g} | {o.settings.word_quantile:g} | {aucs} | "
                     f"{o.spearman:.3f} | {'yes' if o.eligible else 'no'} |")
    lines += ["", f"AUC columns: {' / '.join(outcomes[0].auc)}. Chosen: the bold row.\n",
              "### The fitted model\n", "| measure | easy | hard | weight |", "|---|---|---|---|",
              *[f"| {c.measure} | {c.easy:.3g} | {c.hard:.3g} | {c.weight:.1f} |" for c in model.components],
              "", f"Not used (weight 0 or no rise from easy to hard): {', '.join(model.fit_info['unused']) or 'none'}.\n"]
    return "\n".join(lines)


def _summary_row(title: str, ev: LanguageEvaluation) -> str:
    """One line of the section's summary: AUCs to four decimals, since near the ceiling the
    rule is decided in the fourth."""
    rows = {row.name: row for row in ev.rows}
    if rows["selkeys score"].auc is None:
        pairs = rows["selkeys score"].pairs
        right = "–" if pairs is None else f"{pairs.value * pairs.n:.0f} of {pairs.n} version pairs ordered right"
        return f"| {title} | – | {right} | | | |"
    singles = [(row.auc.value, name) for name, row in rows.items() if name != "selkeys score" and row.auc is not None]
    best, name = max(singles)
    lead = ev.versus_lix.auc
    return (f"| {title} | {ev.easy} / {ev.standard} | {rows['selkeys score'].auc.value:.4f} | "
            f"{rows['lix'].auc.value:.4f} | {name} {best:.4f} | {lead.value:+.3f} ({lead.low:+.2f} to {lead.high:+.2f}) |")


def equate_parallel() -> dict:
    """Fit and write the Swedish-to-Finnish score mapping on the parallel texts (the easy and
    official sets are translations of each other, line by line) with the models just written."""
    shipped_model.cache_clear()
    pairs = [(fi, sv) for part in ("easy", "official")
             for fi, sv in zip(load_dataset(LABELLED / f"{part}_fi.jsonl"), load_dataset(LABELLED / f"{part}_sv.jsonl"),
                               strict=True)]
    linter = Linter()
    scores = {lang: [clarity(m, m[FINDINGS] * m["words"] / 100, lang).value
                     for m in extract([p[i] for p in pairs], linter=linter)]
              for i, lang in enumerate(("fi", "sv"))}
    mapping = fit_equating(scores["fi"], scores["sv"])
    equate.write(mapping, DATA_OUT, {"date": today(), "command": COMMAND,
                                     "data": "corpus/labelled/easy_*.jsonl and official_*.jsonl, line by line "
                                             "translations of each other, scored with the shipped models"})
    return mapping


def write_treebank_sets(data_dir: Path) -> None:
    """corpus/labelled/ud_*.jsonl from the UD dev files in ``data_dir``."""
    if not (data_dir / "ud-fi").is_dir() or not (data_dir / "ud-sv").is_dir():
        raise DatasetError(f"{data_dir}: expected the UD treebanks in ud-fi/ and ud-sv/ (see --data)")
    write_jsonl(ud.finnish_standard(data_dir), LABELLED / "ud_fi.jsonl")
    write_jsonl(ud.swedish_standard(data_dir), LABELLED / "ud_sv.jsonl")


HEADER = (
    "# Calibration report\n\n"
    "Written by `{command}` on {date}. AUC: the chance that a standard or official text looks harder than an "
    "easy one; Spearman: rank correlation with the graded levels (1 easy language, 2 blogs and fiction, 3 news, "
    "encyclopedia, professional prose, manuals, service texts and bureaucratic notices, 4 Europarl, EU law, "
    "statutes and court decisions). 95 % intervals by bootstrap over source documents. Every row is oriented "
    "higher = harder. Held out means never used for fitting or for choosing the model: Finnish easy-language "
    "news from 2025 and statutes and decisions from 2023 on (a split by time), the test half of corpus/real, and "
    "a quarter of the treebank and project documents (by document).\n\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"),
                        help="folder with ud-fi/ and ud-sv/ (default: ../shared/data)")
    parser.add_argument("--repeats", type=int, default=1000, help="bootstrap resamples for the intervals")
    parser.add_argument("--lang", choices=("fi", "sv"), action="append", help="only this language")
    args = parser.parse_args(argv)
    sections, details, failures = [], {}, []
    try:
        write_treebank_sets(Path(args.data))
        for lang in args.lang or ("fi", "sv"):
            entries = sources.build(lang, LABELLED, REAL, REPO)
            result = calibrate(lang, entries, load_dataset(LABELLED / f"rewrites_{lang}.jsonl"), args.repeats)
            (DATA_OUT / f"score_{lang}.json").write_text(result.model.to_json(), encoding="utf-8")
            sections.append(result.section)
            details[lang] = result.details
            failures += result.failures
            print(f"{lang}: {json.dumps(result.model.fit_info['figures'])}")
    except MissingSnapshot as exc:
        print(f"calibrate: a source of the real calibration data is not on this machine: {exc}. "
              "corpus/labelled/README.md lists the clones and commits.", file=sys.stderr)
        return 2
    except (DatasetError, FitError) as exc:
        print(f"calibrate: {exc}", file=sys.stderr)
        return 2
    if not args.lang:
        print(f"sv -> fi scale: {json.dumps(equate_parallel())}")
        (LABELLED / "REPORT.md").write_text(HEADER.format(command=COMMAND, date=today()) + "\n".join(sections),
                                            encoding="utf-8")
        (LABELLED / "REPORT.json").write_text(json.dumps(details, indent=1) + "\n", encoding="utf-8")
    for failure in failures:
        print(f"calibrate: the rule fails: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
