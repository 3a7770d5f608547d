"""Evaluate the Swedish pipeline on UD Swedish-Talbanken test (gold tokens).

    .venv/bin/python training/sv/evaluate.py [MODEL_DIR] [--test FILE]

Why gold tokens: the accuracies must measure tagging, morphology and
lemmatization, not tokenizer disagreements, so each sentence is built with
`Doc(nlp.vocab, words=..., spaces=...)` and the pipeline components are run
over it.  Results go to MODEL_DIR/metrics.json and a PASS/FAIL table.

For comparison the same tokens are lemmatized with simplemma (a dictionary
lemmatizer without context), which tells whether the trained lemmatizer is
worth its size.

The treebank is professional prose and novels; selkeys reads public-sector text.
`--real FILE` (default: training/sv/real/sv-public-sector.conllu, hand-tagged UPOS and
lemmas of Finland-Swedish service texts, see its README) adds UPOS and lemma accuracy on
those sentences, overall and on the imperatives. `--without-imperative-fix` measures as if
selkeys' imperative correction (selkeys/analysis/sv_imperative.py) were off: the figures
before it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conllu import Sentence, feats, read_sentences  # noqa: E402

REPO = HERE.parents[1]
DEFAULT_MODEL = REPO / "selkeys" / "models" / "sv_ud"
DEFAULT_TEST = Path("/work/shared/data/ud-sv/talbanken-sv_talbanken-ud-test.conllu")
DEFAULT_REAL = HERE / "real" / "sv-public-sector.conllu"

# metric key -> minimum value, judged on what selkeys uses (UPOS from the model; lemma and
# passive from selkeys.analysis.swedish, which combines the model with simplemma).
# Lemma targets use exact (case-sensitive) match.
TARGETS: dict[str, float] = {"selkeys_upos_acc": 0.93, "selkeys_lemma_acc": 0.93, "selkeys_passive_f1": 0.95}

LABELS: dict[str, str] = {
    "upos_acc": "UPOS accuracy",
    "xpos_acc": "XPOS (SUC tag_) accuracy",
    "feats_acc": "UFeats accuracy (all features exact)",
    "lemma_acc": "Lemma accuracy (exact)",
    "lemma_acc_ci": "Lemma accuracy (case-insensitive)",
    "simplemma_lemma_acc": "simplemma lemma accuracy (exact)",
    "simplemma_lemma_acc_ci": "simplemma lemma accuracy (case-insensitive)",
    "passive_precision": "Voice=Pass precision",
    "passive_recall": "Voice=Pass recall",
    "passive_f1": "Voice=Pass F1",
    "selkeys_upos_acc": "selkeys UPOS (model; participles, som/än/mer and s-forms corrected)",
    "selkeys_lemma_acc": "selkeys lemma accuracy (simplemma; model for ADJ)",
    "selkeys_passive_precision": "selkeys s-passive precision (tagger verb + lemma)",
    "selkeys_passive_recall": "selkeys s-passive recall",
    "selkeys_passive_f1": "selkeys s-passive F1",
    "real_upos_acc": "real public-sector text: model UPOS",
    "real_selkeys_upos_acc": "real public-sector text: selkeys UPOS",
    "real_selkeys_lemma_acc": "real public-sector text: selkeys lemma",
    "real_selkeys_imperative_upos_acc": "real text: selkeys UPOS of clause-initial verbs",
    "real_verb_precision": "real text: selkeys VERB precision",
    "real_verb_recall": "real text: selkeys VERB recall",
}


def load(model_dir: Path) -> tuple[Language, float]:
    """Load the pipeline and time it (the linter pays this at start-up)."""
    start = time.perf_counter()
    nlp = spacy.load(model_dir)
    return nlp, time.perf_counter() - start


def annotate_gold_tokens(nlp: Language, sentences: list[Sentence]) -> list[Doc]:
    """Run every pipeline component over Docs built from the gold words."""
    docs: Iterable[Doc] = (
        Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sentences
    )
    for _name, component in nlp.pipeline:
        docs = component.pipe(docs, batch_size=256)
    return list(docs)


def accuracy(pairs: Iterable[tuple[str, str]]) -> float:
    pairs = list(pairs)
    return sum(p == g for p, g in pairs) / len(pairs)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def passive_scores(docs: list[Doc], sentences: list[Sentence]) -> dict[str, float]:
    """Token-level P/R/F1 of Voice=Pass: the linter's passive rule relies on it."""
    tp = fp = fn = 0
    for doc, sent in zip(docs, sentences):
        for token, row in zip(doc, sent.rows):
            pred = "Pass" in token.morph.get("Voice")
            gold = feats(row[5]).get("Voice") == "Pass"
            tp += pred and gold
            fp += pred and not gold
            fn += gold and not pred
    p, r, f = prf(tp, fp, fn)
    return {"passive_precision": p, "passive_recall": r, "passive_f1": f,
            "passive_gold_tokens": tp + fn}


def same_feats(token_morph: str, gold: str) -> bool:
    """Compare FEATS as sets so that feature order never matters."""
    return feats(token_morph) == feats(gold)


def spacy_scores(docs: list[Doc], sentences: list[Sentence]) -> dict[str, float]:
    """UPOS, XPOS, FEATS and lemma accuracy over all gold tokens."""
    rows = [row for s in sentences for row in s.rows]
    tokens = [t for d in docs for t in d]
    assert len(rows) == len(tokens), "gold and predicted tokens must align 1:1"
    has_tagger = any(t.tag_ for t in tokens)
    scores = {
        "upos_acc": accuracy((t.pos_, r[3]) for t, r in zip(tokens, rows)),
        "feats_acc": sum(same_feats(str(t.morph), r[5]) for t, r in zip(tokens, rows))
        / len(rows),
        "lemma_acc": accuracy((t.lemma_, r[2]) for t, r in zip(tokens, rows)),
        "lemma_acc_ci": accuracy((t.lemma_.lower(), r[2].lower()) for t, r in zip(tokens, rows)),
        "tokens": len(rows),
        "sentences": len(sentences),
    }
    if has_tagger:
        scores["xpos_acc"] = accuracy((t.tag_, r[4]) for t, r in zip(tokens, rows))
    return scores


def simplemma_scores(sentences: list[Sentence]) -> dict[str, float]:
    """Lemma accuracy of simplemma ("sv") on the same gold tokens, if installed."""
    try:
        import simplemma
    except ImportError:
        return {}
    lemmatize: Callable[[str], str] = lambda w: simplemma.lemmatize(w, lang="sv")
    rows = [row for s in sentences for row in s.rows]
    preds = [lemmatize(r[1]) for r in rows]
    return {
        "simplemma_lemma_acc": accuracy(zip(preds, (r[2] for r in rows))),
        "simplemma_lemma_acc_ci": accuracy(
            (p.lower(), r[2].lower()) for p, r in zip(preds, rows)
        ),
    }


def _verbform(token) -> str | None:
    values = token.morph.get("VerbForm")
    return values[0].lower() if values else None


def selkeys_tags(docs: list[Doc], imperative_fix: bool = True) -> tuple[list[str], list[str]]:
    """UPOS and lemma of every token as selkeys' Swedish analyzer reads them (each Doc is one
    gold sentence, so the imperative correction sees where the sentence starts)."""
    sys.path.insert(0, str(REPO))
    from selkeys.analysis.swedish import _imperatives, token_analysis

    upos, lemmas = [], []
    for doc in docs:
        imperatives = _imperatives(doc) if imperative_fix else {}
        for t in doc:
            pos, lemma, _mood = token_analysis(t, imperatives.get(t.i))
            upos.append(pos)
            lemmas.append(lemma)
    return upos, lemmas


def analyzer_scores(docs: list[Doc], sentences: list[Sentence], imperative_fix: bool = True) -> dict[str, float]:
    """Lemma and passive as selkeys' Swedish analyzer derives them from the model's output."""
    sys.path.insert(0, str(REPO))
    from selkeys.analysis.swedish import is_s_passive

    rows = [row for s in sentences for row in s.rows]
    tokens = [t for d in docs for t in d]
    upos, lemmas = selkeys_tags(docs, imperative_fix)
    passive = [is_s_passive(t.text, pos, lemma) for t, pos, lemma in zip(tokens, upos, lemmas)]
    gold = ["Voice=Pass" in r[5] for r in rows]
    tp = sum(p and g for p, g in zip(passive, gold))
    fp = sum(p and not g for p, g in zip(passive, gold))
    fn = sum(g and not p for p, g in zip(passive, gold))
    precision, recall, f1 = prf(tp, fp, fn)
    return {
        "selkeys_upos_acc": accuracy(zip(upos, (r[3] for r in rows))),
        # choose_lemma lower-cases (rules compare lower-case lemmas), so compare case-insensitively
        "selkeys_lemma_acc": accuracy((lemma, r[2].lower()) for lemma, r in zip(lemmas, rows)),
        "selkeys_passive_precision": precision,
        "selkeys_passive_recall": recall,
        "selkeys_passive_f1": f1,
    }


def _is_imperative_slot(sentence: Sentence, k: int) -> bool:
    """A gold verb that opens its sentence or a clause after ':' / 'och' / 'eller' / 'vänligen' / ','
    (where instructions stand)."""
    rows = sentence.rows
    if rows[k][3] != "VERB":
        return False
    j = k - 1
    while j >= 0 and rows[j][3] == "PUNCT" and rows[j][1] not in (":", ",", ";"):
        j -= 1
    return j < 0 or rows[j][1].lower() in (":", ";", ",", "och", "eller", "vänligen")


def real_scores(nlp: Language, real_file: Path, imperative_fix: bool = True) -> dict[str, float]:
    """UPOS and lemma accuracy on hand-tagged public-sector sentences (gold tokens): the model's
    own UPOS, selkeys' UPOS and lemma, and both on the clause-initial verbs (imperatives)."""
    sentences = list(read_sentences(real_file))
    docs = annotate_gold_tokens(nlp, sentences)
    rows = [row for s in sentences for row in s.rows]
    tokens = [t for d in docs for t in d]
    assert len(rows) == len(tokens), "gold and predicted tokens must align 1:1"
    upos, lemmas = selkeys_tags(docs, imperative_fix)
    slots = [_is_imperative_slot(s, k) for s in sentences for k in range(len(s.rows))]
    slot_pairs = [(p, r[3]) for p, r, ok in zip(upos, rows, slots) if ok]
    gold_verbs = sum(r[3] == "VERB" for r in rows)
    return {
        "real_file": real_file.name,
        "real_sentences": len(sentences),
        "real_tokens": len(rows),
        "real_upos_acc": accuracy((t.pos_, r[3]) for t, r in zip(tokens, rows)),
        "real_selkeys_upos_acc": accuracy(zip(upos, (r[3] for r in rows))),
        # case-insensitive: selkeys keeps the case of proper nouns' lemmas
        "real_selkeys_lemma_acc": accuracy((lemma.lower(), r[2].lower()) for lemma, r in zip(lemmas, rows)),
        "real_imperative_slots": len(slot_pairs),
        "real_selkeys_imperative_upos_acc": accuracy(slot_pairs) if slot_pairs else 0.0,
        "real_verb_recall": sum(p == "VERB" and r[3] == "VERB" for p, r in zip(upos, rows)) / gold_verbs,
        "real_verb_precision": (sum(p == "VERB" and r[3] == "VERB" for p, r in zip(upos, rows))
                                / max(1, sum(p == "VERB" for p in upos))),
    }


def raw_text_speed(nlp: Language, sentences: list[Sentence], repeat: int = 3) -> float:
    """Words per second for the full pipeline (incl. tokenizer) on raw text.

    The test texts are repeated to get a few thousand sentences, enough for a
    stable figure on a 2-core machine.
    """
    texts = [s.text for s in sentences] * repeat
    start = time.perf_counter()
    n_words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
    return n_words / (time.perf_counter() - start)


def check_targets(metrics: dict) -> dict[str, bool]:
    return {key: metrics.get(key, 0.0) >= minimum for key, minimum in TARGETS.items()}


def print_table(metrics: dict) -> None:
    """Human-readable table with PASS/FAIL for the metrics that have a target."""
    results = check_targets(metrics)
    print(f"\n{'metric':<45} {'value':>8}  {'target':>7}  result")
    print("-" * 72)
    for key, label in LABELS.items():
        if key not in metrics:
            continue
        target = f">={TARGETS[key]:.2f}" if key in TARGETS else ""
        verdict = ("PASS" if results[key] else "FAIL") if key in TARGETS else ""
        print(f"{label:<45} {metrics[key]:>8.4f}  {target:>7}  {verdict}")
    print("-" * 72)
    print(f"lemmatizer comparison: {metrics.get('lemma_winner', 'n/a')}")
    print(f"load time {metrics['load_seconds']:.2f} s, "
          f"speed {metrics['words_per_second']:.0f} words/s (raw text, full pipeline)\n")


def markdown_table(metrics: dict) -> str:
    """The same table in Markdown, for the model README."""
    results = check_targets(metrics)
    lines = ["| metric | value | target | result |", "|---|---:|---:|---|"]
    for key, label in LABELS.items():
        if key in metrics:
            target = f">= {TARGETS[key]:.2f}" if key in TARGETS else ""
            verdict = ("PASS" if results[key] else "FAIL") if key in TARGETS else ""
            lines.append(f"| {label} | {metrics[key]:.4f} | {target} | {verdict} |")
    return "\n".join(lines)


def lemma_winner(metrics: dict) -> str:
    """Say which lemmatizer is better on exact match (the stricter measure)."""
    if "simplemma_lemma_acc" not in metrics:
        return "simplemma not installed"
    diff = metrics["lemma_acc"] - metrics["simplemma_lemma_acc"]
    better = "spaCy trainable_lemmatizer" if diff >= 0 else "simplemma"
    return f"{better} is better by {abs(diff) * 100:.1f} points (exact match)"


def run(model_dir: Path, test_file: Path, extra: dict | None = None, real_file: Path | None = DEFAULT_REAL,
        imperative_fix: bool = True, write: bool = True) -> dict:
    """Evaluate, write metrics.json next to the model (unless ``write`` is off) and print the table."""
    sentences = list(read_sentences(test_file))
    nlp, load_seconds = load(model_dir)
    docs = annotate_gold_tokens(nlp, sentences)
    metrics: dict = {"test_file": test_file.name, "pipeline": nlp.pipe_names}
    metrics.update(spacy_scores(docs, sentences))
    metrics.update(passive_scores(docs, sentences))
    metrics.update(simplemma_scores(sentences))
    metrics.update(analyzer_scores(docs, sentences, imperative_fix))
    if real_file is not None and real_file.is_file():
        metrics.update(real_scores(nlp, real_file, imperative_fix))
    metrics["lemma_winner"] = lemma_winner(metrics)
    metrics["load_seconds"] = round(load_seconds, 3)
    metrics["words_per_second"] = round(raw_text_speed(nlp, sentences))
    metrics["targets"] = {k: f">= {v}" for k, v in TARGETS.items()}
    metrics["target_results"] = {k: ("PASS" if ok else "FAIL")
                                 for k, ok in check_targets(metrics).items()}
    metrics["all_targets_met"] = all(check_targets(metrics).values())
    old = model_dir / "metrics.json"
    if extra is None and old.exists():  # standalone run: keep training facts
        extra = {k: v for k, v in json.loads(old.read_text()).items()
                 if k.startswith("train_") or k in ("dev_sentences", "includes_lines")}
    metrics.update(extra or {})
    metrics = {k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()}
    if write:
        (model_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print_table(metrics)
    return metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, nargs="?", default=DEFAULT_MODEL)
    parser.add_argument("--test", type=Path, default=DEFAULT_TEST)
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL,
                        help="hand-tagged public-sector sentences (CoNLL-U, UPOS and lemma)")
    parser.add_argument("--without-imperative-fix", action="store_true",
                        help="measure without selkeys' imperative correction (the figures before it); "
                             "metrics.json is not written")
    args = parser.parse_args(argv)
    metrics = run(args.model, args.test, real_file=args.real, imperative_fix=not args.without_imperative_fix,
                  write=not args.without_imperative_fix)
    return 0 if metrics["all_targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
