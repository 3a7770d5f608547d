"""Build selkeys/data/fi_valency.tsv: which cases the dependents of a Finnish verb take.

FI-STRUCT-001 measures a participle attribute by walking left from the participle over its
complements. Where the walk cannot tell a complement of the participle from a word of the
clause around it, it took the clause's word in ("liittää [aloitteeseen] sitä koskevia
liitteitä": "koskeva" takes a partitive, hardly ever an illative; audit rounds 64-66 judged such spans
wrong). This table is what the walk asks then: how often a verb's own dependents stand in a
case, counted over all its forms (finite, infinitive, participle).

The counts come from dependency parses of real Finnish official text: statutes and Supreme
Administrative Court decisions of the Finlex snapshot the real-text corpus is built from
(github.com/eliask/finlex-data, the commit pinned in scripts/build_real_corpus.py; laws and court
decisions are outside copyright, Tekijänoikeuslaki 9 §), read as selkeys.calibration.finlex reads
them, without the documents of corpus/real (its test half is the linter's frozen test set) and of
the audit rounds. They are parsed with spaCy's Finnish model (spacy-fi-experimental-web-md from
PyPI, trained on UD Finnish-TDT train; selkeys' deep mode uses it too). A parser errs, but a count
over thousands of parses says which cases a verb takes; only verbs seen often enough are written.

Columns: verb lemma, its participle base forms (as Voikko names them: "koskeva", "koskettu"),
how many times it was seen, then case:count for each slot of its dependents (a UD case, or
"adp:X" for a postposition or preposition X).

    python scripts/build_fi_valency.py --mirror /work/.mirror
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

OUT = REPO / "selkeys" / "data" / "fi_valency.tsv"
MODEL = "spacy_fi_experimental_web_md"
YEARS = range(1990, 2025)
PER_YEAR = 24  # statutes and decisions each: ~1,700 documents
MIN_SEEN = 20  # a verb seen fewer times says too little about the cases it takes
# the dependents that are the verb's complements and adverbials; not its subject (the head noun of an
# attribute stands outside it), auxiliaries, clauses or coordination
_KEPT = frozenset({"obj", "obl", "obl:agent", "nmod:gsubj", "nmod:gobj", "xcomp", "xcomp:ds", "nmod"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM"})
_WORDBASE_VERB = re.compile(r"\+[^+(]*\(([^)]+)\)")


def audit_paths() -> set[str]:
    """The Finlex paths of every audit round's documents."""
    paths = set()
    for spec in (REPO / "corpus" / "real" / "audit").glob("r*/round.json"):
        paths.update(d["path"] for d in json.loads(spec.read_text(encoding="utf-8")).get("documents", ()))
    return paths


def texts(mirror: Path) -> list[str]:
    from selkeys.calibration import finlex
    from selkeys.calibration.snapshot import Snapshot

    snapshot = Snapshot(finlex.REPO_NAME, finlex.COMMIT, mirror)
    skip = audit_paths()
    out = []
    for kind in ("statute", "decision"):
        selection = finlex.Selection(kind, "fi", YEARS, PER_YEAR)
        for text in finlex.official_texts(selection, REPO / "corpus" / "real", REPO, snapshot):
            if not any(path in text.source for path in skip):
                out.append(text.text)
    return out


def verb_and_participle(voikko, form: str) -> tuple[str | None, str | None]:
    """The verb lemma of a form, and the participle base form when the form is a participle."""
    verb = None
    for analysis in voikko.analyze(form):
        if analysis.get("PARTICIPLE") and analysis.get("PARTICIPLE") != "negation":
            bases = _WORDBASE_VERB.findall(analysis.get("WORDBASES", ""))
            if bases:
                return bases[0], analysis.get("BASEFORM")
        elif analysis.get("CLASS") == "teonsana" and verb is None:
            verb = analysis.get("BASEFORM")
    return verb, None


def slot(token) -> str | None:
    """A dependent's slot: the postposition or preposition it goes with, else its case."""
    for child in token.children:
        if child.dep_ == "case":
            return f"adp:{child.lower_}" if child.lower_.isalpha() else None
    case = token.morph.get("Case")
    return case[0].lower() if case else None


def count(texts_: list[str]) -> tuple[dict, dict, collections.Counter]:
    import libvoikko
    import spacy

    nlp = spacy.load(MODEL, exclude=["ner"])
    voikko = libvoikko.Voikko("fi")
    slots: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    participles: dict[str, set[str]] = collections.defaultdict(set)
    seen: collections.Counter = collections.Counter()
    cache: dict[str, tuple[str | None, str | None]] = {}
    for n, doc in enumerate(nlp.pipe(texts_, batch_size=32), 1):
        if n % 100 == 0:
            print(f"  {n} of {len(texts_)} texts parsed", file=sys.stderr)
        for token in doc:
            if token.pos_ not in ("VERB", "AUX") or not token.morph.get("VerbForm"):
                continue
            form = token.text
            if form not in cache:
                cache[form] = verb_and_participle(voikko, form)
            verb, participle = cache[form]
            if verb is None:
                continue
            seen[verb] += 1
            if participle:
                participles[verb].add(participle)
            for child in token.children:
                if child.dep_ in _KEPT and child.pos_ in _NOMINAL:
                    name = slot(child)
                    if name:
                        slots[verb][name] += 1
    return slots, participles, seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--mirror", type=Path, required=True, help="folder of fetched snapshots")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    found = texts(args.mirror)
    print(f"{len(found)} texts, {sum(len(t.split()) for t in found):,} words", file=sys.stderr)
    slots, participles, seen = count(found)
    lines = ["# verb\tparticiples\tseen\tslots (written by scripts/build_fi_valency.py; see its docstring)"]
    for verb in sorted(seen):
        if seen[verb] < MIN_SEEN:
            continue
        cells = " ".join(f"{name}:{n}" for name, n in slots[verb].most_common())
        lines.append(f"{verb}\t{','.join(sorted(participles[verb]))}\t{seen[verb]}\t{cells}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} verbs written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
