"""Quality benchmark: how many findings a plain-language editor agrees with, and how many of
the editor's problems selkeys finds, on real official text (corpus/real).

    python benchmarks/quality.py                     # test half, both languages
    python benchmarks/quality.py --split dev --lang fi --unjudged out.jsonl

Precision: a finding is *useful* when it overlaps a gold problem of a category its rule
addresses, or when a judge said so; *noise* and *wrong* come from the judges' verdicts
(corpus/real/GUIDE.md). Findings without a verdict are reported as unjudged and left out of
the percentages (the count is printed, so a large share is visible). Recall: the share of
gold problems that some finding of a matching category overlaps. The clean side (real
easy-language text, read from a fetched snapshot, see corpus/real/clean.yaml) gives findings
per 1,000 words.

A report, not a test: targets that are missed print FAIL, the exit code stays 0. Writes
benchmarks/out/quality.md and quality.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402

from gold import (REAL, Corpus, GoldError, ScoredFinding, categories_for,  # noqa: E402
                  load_corpus, score_document)
from provenance import git_revision  # noqa: E402

# --- targets (issue 14; change them here, not in unit tests) ------------------------------
MIN_USEFUL = 0.85
MAX_WRONG = 0.02
MIN_RULE_USEFUL = 0.70  # for every rule with at least RULE_MIN_FINDINGS findings
RULE_MIN_FINDINGS = 10
MIN_RECALL = {"fi": 0.70, "sv": 0.60}
MAX_CLEAN_PER_1000 = 2.0

OUT = Path(__file__).resolve().parent / "out"
MIRROR = Path(os.environ.get("SELKEYS_MIRROR", "/work/.mirror"))


def lint_findings(linter, config, path: Path) -> tuple[list[dict], int]:
    """Findings of one file as plain dicts with their paragraph's span and text, and the
    number of words the linter counted (for the clean side's rate)."""
    from selkeys.readers import read_path

    doc = read_path(str(path))
    result = linter.lint_document(doc, config)
    if result.error:
        raise GoldError(f"{path}: {result.error}")
    findings = []
    for f in result.findings:
        block = doc.blocks[f.block_index]
        start, end = block.source_map.start(0), block.source_map.end(len(block.text))
        safe = next((s.replacement for s in f.suggestions if s.safe and s.replacement is not None), None)
        findings.append({
            "code": f.code, "start": f.start, "end": f.end, "matched": f.matched, "message": f.message,
            "suggestion": "; ".join(s.text for s in f.suggestions), "paragraph": (start, end),
            "paragraph_text": block.text, "lang": result.blocks and next(
                (b.lang for b in result.blocks if b.index == f.block_index), None),
            "fixed_text": None if safe is None else block.text[:f.block_start] + safe + block.text[f.block_end:],
        })
    words = sum(int(b.measures.get("words") or 0) for b in result.blocks)
    return findings, words


def check_safe_fixes(linter, config, findings: list[dict], doc_id: str, reviews: dict) -> list[dict]:
    """Every safe fix applied to its paragraph: does the rule stop firing there, and what did a
    reviewer say of the sentence it gives (verdicts/fixes.jsonl: ok = grammatical, same meaning)?"""
    from selkeys.readers import read_bytes

    # the corpus is Markdown: read as plain text, a list's lead-in line without a full stop
    # would become a heading, where word rules are off, and the fix would look inconclusive
    checked = []
    seen: Counter = Counter()
    for f in findings:
        if f["fixed_text"] is None:
            continue
        matched = " ".join(f["matched"].split())
        seen[(f["code"], matched)] += 1
        before = linter.lint_document(read_bytes(f["paragraph_text"].encode(), "p.md"), config, f["lang"])
        after = linter.lint_document(read_bytes(f["fixed_text"].encode(), "p.md"), config, f["lang"])
        count = sum(1 for x in before.findings if x.code == f["code"])
        review = reviews.get((doc_id, f["code"], matched, seen[(f["code"], matched)]))
        checked.append({"doc": doc_id, "code": f["code"], "matched": matched, "occurrence": seen[(f["code"], matched)],
                        "before": f["paragraph_text"], "after": f["fixed_text"],
                        "resolved": sum(1 for x in after.findings if x.code == f["code"]) < count,
                        "review": review["verdict"] if review else None})
    return checked


def evaluate(corpus: Corpus, split: str, langs: tuple[str, ...], batch: int | None = None) -> dict:
    from selkeys.config import Config
    from selkeys.lint import Linter

    linter, config = Linter(sentence_scores=False), Config(message_lang="en")
    per_lang: dict[str, dict] = {}
    for lang in langs:
        docs = [d for d in corpus.annotated() if d.lang == lang and (split == "all" or d.split == split)
                and (batch is None or d.batch == batch)]
        scored: list[ScoredFinding] = []
        recall_total: Counter = Counter()
        recall_found: Counter = Counter()
        words = 0
        fixes: list[dict] = []
        for doc in docs:
            findings, _ = lint_findings(linter, config, doc.path)
            fixes.extend(check_safe_fixes(linter, config, findings, doc.id, corpus.fix_reviews))
            problems = corpus.gold[doc.id]
            doc_scored, found = score_document(doc.id, findings, problems, corpus.verdicts)
            scored.extend(doc_scored)
            for i, problem in enumerate(problems):
                recall_total[problem.category] += 1
                recall_found[problem.category] += i in found
            words += doc.words
        per_lang[lang] = {"documents": len(docs), "words": words, "findings": scored,
                          "recall_total": recall_total, "recall_found": recall_found, "fixes": fixes}
    return per_lang


# --- the clean side -----------------------------------------------------------------------

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_FURNITURE = re.compile(r"Avaa kuvien katselu|^\s*Kuva:|\bKuva: |Öppna bildvisning|^\s*Bild:", re.I)


def clean_texts(lang: str, split: str) -> list[tuple[str, str]]:
    """(name, text) of the clean side's items for ``lang`` and ``split``, read from the local clone
    named in corpus/real/clean.yaml; empty when the clone is not on this machine."""
    spec = yaml.safe_load((REAL / "clean.yaml").read_text(encoding="utf-8")).get(lang)
    if not spec:
        return []
    paths = [p for part in (("dev", "test") if split == "all" else (split,)) for p in spec.get(part, ())]
    repo = MIRROR / spec["repo"].replace("/", "+") / "repo"
    if not repo.is_dir():
        return []
    texts = []
    for path in paths:
        raw = subprocess.run(["git", "-C", str(repo), "show", f"{spec['commit']}:{path}"],
                             capture_output=True, text=True, check=True).stdout
        texts.append((path, strip_furniture(raw)))
    return texts


def strip_furniture(markdown: str) -> str:
    """Page furniture of a news page (title bar, image links, captions with a photo credit)
    is not text a writer wrote for the reader; it would only add noise to the rate."""
    kept = []
    for line in markdown.splitlines():
        if line.startswith("# ") or _FURNITURE.search(line):
            continue
        line = _IMAGE.sub("", line).rstrip()
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip() + "\n"


def evaluate_clean(langs: tuple[str, ...], split: str) -> dict[str, dict]:
    from selkeys.config import Config
    from selkeys.lint import Linter

    linter, config = Linter(sentence_scores=False), Config(message_lang="en")
    out = {}
    tmp = OUT / "clean"
    tmp.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        items = clean_texts(lang, split)
        if not items:
            continue
        words, codes, examples = 0, Counter(), []
        for name, text in items:
            file = tmp / (re.sub(r"[^\w.-]+", "_", name) + ".md")
            file.write_text(text, encoding="utf-8")
            findings, counted = lint_findings(linter, config, file)
            words += counted
            codes.update(f["code"] for f in findings)
            examples.extend((name, f["code"], f["matched"][:80]) for f in findings)
        out[lang] = {"items": len(items), "words": words, "findings": sum(codes.values()), "codes": codes,
                     "per_1000": 1000 * sum(codes.values()) / words if words else 0.0, "examples": examples}
    return out


# --- the report ---------------------------------------------------------------------------

def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def _mark(ok: bool) -> str:
    return "ok" if ok else "FAIL"


def precision_counts(findings: list[ScoredFinding]) -> Counter:
    counts = Counter()
    for f in findings:
        counts["useful" if f.outcome == "gold" else f.outcome] += 1
        counts["gold"] += f.outcome == "gold"
    counts["judged"] = counts["useful"] + counts["noise"] + counts["wrong"]
    return counts


def report(results: dict, clean: dict, split: str, batch: int | None = None) -> tuple[str, dict]:
    part = f"{split} half" if batch is None else f"{split} half, batch {batch} only"
    lines = [f"# Findings on real official text ({part})", "",
             f"selkeys {git_revision()}; corpus/real (see its README); annotation guide corpus/real/GUIDE.md.", ""]
    summary: dict = {"split": split, "languages": {}}
    lines += ["| language | documents | words | findings | useful | noise | wrong | unjudged | recall | clean side (per 1,000 words) |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for lang, data in results.items():
        c = precision_counts(data["findings"])
        total, found = sum(data["recall_total"].values()), sum(data["recall_found"].values())
        rate = clean.get(lang, {}).get("per_1000")
        lines.append(f"| {lang} | {data['documents']} | {data['words']:,} | {len(data['findings'])} | "
                     f"{_pct(c['useful'], c['judged'])} | {_pct(c['noise'], c['judged'])} | {_pct(c['wrong'], c['judged'])} | "
                     f"{c['unjudged']} | {_pct(found, total)} ({found}/{total}) | "
                     f"{'–' if rate is None else f'{rate:.1f}'} |")
        summary["languages"][lang] = {
            "documents": data["documents"], "words": data["words"], "findings": len(data["findings"]),
            "precision": dict(c), "recall": {"found": found, "total": total},
            "recall_by_category": {k: [data["recall_found"][k], v] for k, v in data["recall_total"].items()},
            "clean": {k: v for k, v in clean.get(lang, {}).items() if k != "examples"},
            "safe_fixes": data["fixes"],
        }
    lines += ["", "## Targets", ""]
    for lang, data in results.items():
        c = precision_counts(data["findings"])
        total, found = sum(data["recall_total"].values()), sum(data["recall_found"].values())
        useful = c["useful"] / c["judged"] if c["judged"] else 0.0
        wrong = c["wrong"] / c["judged"] if c["judged"] else 0.0
        lines.append(f"- {lang}: useful {useful:.0%} (>= {MIN_USEFUL:.0%}) {_mark(useful >= MIN_USEFUL)}; "
                     f"wrong {wrong:.1%} (<= {MAX_WRONG:.0%}) {_mark(wrong <= MAX_WRONG)}; "
                     f"recall {found / total if total else 0:.0%} (>= {MIN_RECALL[lang]:.0%}) "
                     f"{_mark(total > 0 and found / total >= MIN_RECALL[lang])}")
        if lang in clean:
            rate = clean[lang]["per_1000"]
            lines.append(f"- {lang} clean side: {rate:.1f} findings per 1,000 words (<= {MAX_CLEAN_PER_1000:g}) "
                         f"{_mark(rate <= MAX_CLEAN_PER_1000)}")
        else:
            lines.append(f"- {lang} clean side: not measured (snapshot not on this machine)")
        if c["unjudged"]:
            lines.append(f"- {lang}: {c['unjudged']} findings have no verdict yet; the percentages leave them out")
        fixes = data["fixes"]
        if fixes:
            resolved = sum(f["resolved"] for f in fixes)
            ok = sum(f["review"] == "ok" for f in fixes)
            reviewed = sum(f["review"] is not None for f in fixes)
            lines.append(f"- {lang}: safe fixes: {len(fixes)} applied, {resolved} no longer flagged after the fix "
                         f"{_mark(resolved == len(fixes))}; reviewer: {ok} of {reviewed} reviewed give a grammatical "
                         f"sentence with the same meaning {_mark(reviewed == len(fixes) and ok == reviewed)}")
    for lang, data in results.items():
        lines += ["", f"## {lang}: findings by rule", "",
                  "| rule | findings | matched gold | useful | noise | wrong | unjudged | useful % |", "|---|---|---|---|---|---|---|---|"]
        by_rule: dict[str, list[ScoredFinding]] = defaultdict(list)
        for f in data["findings"]:
            by_rule[f.code].append(f)
        for code in sorted(by_rule, key=lambda k: -len(by_rule[k])):
            c = precision_counts(by_rule[code])
            low = c["judged"] >= RULE_MIN_FINDINGS and c["useful"] / c["judged"] < MIN_RULE_USEFUL
            lines.append(f"| {code} | {len(by_rule[code])} | {c['gold']} | {c['useful']} | {c['noise']} | {c['wrong']} | "
                         f"{c['unjudged']} | {_pct(c['useful'], c['judged'])}{' FAIL' if low else ''} |")
        lines += ["", f"## {lang}: recall by category", "", "| category | problems | found | recall |", "|---|---|---|---|"]
        for cat in sorted(data["recall_total"], key=lambda k: -data["recall_total"][k]):
            lines.append(f"| {cat} | {data['recall_total'][cat]} | {data['recall_found'][cat]} | "
                         f"{_pct(data['recall_found'][cat], data['recall_total'][cat])} |")
    for lang, data in clean.items():
        lines += ["", f"## {lang}: clean side", "",
                  f"{data['items']} items, {data['words']:,} words, {data['findings']} findings "
                  f"({data['per_1000']:.1f} per 1,000 words): "
                  + (", ".join(f"{code} {n}" for code, n in data["codes"].most_common()) or "none")]
    return "\n".join(lines) + "\n", summary


def write_unjudged(results: dict, path: Path) -> int:
    """The findings that still need a judge, with what the judge may see (no gold), and the safe
    fixes that still need a reviewer (kind "fix": the paragraph before and after)."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for lang, data in results.items():
            for f in data["findings"]:
                if f.outcome == "unjudged":
                    record = {k: v for k, v in asdict(f).items() if k not in ("outcome", "start", "end")}
                    record.update(lang=lang, kind="finding")
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    count += 1
            for fix in data["fixes"]:
                if fix["review"] is None:
                    record = {k: v for k, v in fix.items() if k not in ("resolved", "review")}
                    record.update(lang=lang, kind="fix")
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--lang", choices=("fi", "sv"), action="append")
    parser.add_argument("--unjudged", type=Path, help="write the findings that have no verdict to this JSONL file")
    parser.add_argument("--no-clean", action="store_true", help="skip the clean side")
    parser.add_argument("--batch", type=int, help="only the documents of this corpus batch: measure a new dev "
                        "batch once, before any rule is changed for it, as a fresh check (implies --no-clean)")
    args = parser.parse_args(argv)
    langs = tuple(args.lang or ("fi", "sv"))
    try:
        corpus = load_corpus()
        for lang in langs:  # every rule must say which problems it addresses
            from selkeys.rules.schema import load_rules
            for rule in load_rules((lang,)):
                categories_for(rule.code)
        results = evaluate(corpus, args.split, langs, args.batch)
    except GoldError as exc:
        print(f"quality: {exc}", file=sys.stderr)
        return 2
    clean = {} if args.no_clean or args.batch is not None else evaluate_clean(langs, args.split)
    text, summary = report(results, clean, args.split, args.batch)
    OUT.mkdir(parents=True, exist_ok=True)
    suffix = ("" if args.split == "test" else f"-{args.split}") + ("" if args.batch is None else f"-batch{args.batch}")
    (OUT / f"quality{suffix}.md").write_text(text, encoding="utf-8")
    (OUT / f"quality{suffix}.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1, default=dict),
                                               encoding="utf-8")
    print(text)
    if args.unjudged:
        print(f"{write_unjudged(results, args.unjudged)} unjudged findings written to {args.unjudged}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
