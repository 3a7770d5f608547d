"""The real-text corpus, its gold annotations and verdicts, and how findings are scored on them.

The annotation guide is ``corpus/real/GUIDE.md``. Annotators quote the words they mark
(counting offsets by hand is error-prone); this module turns each quote into character
offsets of the document file and fails loudly on a quote it cannot place, so that a typo in
the gold can never silently lower recall.

A finding counts as *useful* when it overlaps a gold problem whose category the rule
addresses (``RULE_CATEGORIES``); any other finding needs a judge's verdict (useful, noise or
wrong), looked up by document, rule, flagged text and occurrence.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "corpus" / "real"

CATEGORIES = (
    "long-sentence", "hidden-verb", "nominal-style", "participle-modifier", "non-finite-clause", "passive",
    "obligation", "agent-phrase", "relation-word", "officialese", "jargon", "loan", "term", "abbreviation",
    "acronym", "negation", "future", "compound", "structure", "finlandism", "padding", "other",
)
VERDICTS = ("useful", "noise", "wrong")

# Which gold categories each rule addresses, by code prefix (the longest prefix wins). A rule
# that is not covered here is an error: a new rule must say what problem it is meant to find.
RULE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "FI-ABBR": ("abbreviation", "officialese"),
    "FI-ABBR-008": ("acronym",),
    "FI-AGENT-001": ("agent-phrase",),
    "FI-AGENT-002": ("agent-phrase",),
    "FI-AGENT-003": ("passive",),
    "FI-AGENT-004": ("passive", "obligation"),
    "FI-AGENT-005": ("passive",),
    "FI-AGENT-006": ("passive",),
    "FI-AGENT-007": ("obligation", "passive"),
    "FI-READER": ("obligation",),
    "FI-READER-004": ("obligation", "passive"),
    "FI-READER-005": ("obligation", "passive"),
    "FI-READER-008": ("other", "obligation"),  # a switch of address (te in a sinä text)
    "FI-READER-009": ("other", "obligation"),
    "FI-READER-010": ("other", "obligation"),
    "FI-READER-011": ("other", "obligation"),
    "FI-READER-013": ("obligation", "passive"),
    "FI-READER-014": ("obligation",),
    "FI-VERB": ("future",),
    "FI-NEG": ("negation",),
    "FI-NOUN": ("hidden-verb", "nominal-style"),
    "FI-NOUN-024": ("hidden-verb", "nominal-style", "officialese"),  # "varata tilaisuus"
    "FI-STRUCT-001": ("participle-modifier",),
    "FI-STRUCT": ("non-finite-clause",),
    "FI-STRUCT-008": ("structure", "long-sentence"),
    "FI-STRUCT-011": ("officialese",),  # "seuraavin ehdoin": a form of official style
    "FI-LONG-001": ("long-sentence",),
    "FI-LONG": ("compound",),
    "FI-SYNTAX": ("structure", "long-sentence"),
    "FI-TERM": ("term",),
    "FI-WORD": ("relation-word",),
    "FI-WORD-001": ("officialese",),
    "FI-WORD-002": ("officialese",),
    "FI-WORD-011": ("jargon", "loan"),
    "FI-WORD-012": ("jargon", "loan"),
    "FI-WORD-013": ("jargon",),
    "FI-WORD-014": ("officialese",),
    "FI-WORD-015": ("officialese",),
    "FI-WORD-016": ("officialese",),
    "FI-WORD-017": ("officialese",),
    "FI-WORD-018": ("hidden-verb", "nominal-style", "jargon"),
    "FI-WORD-005": ("relation-word", "officialese"),
    "FI-WORD-019": ("officialese",),
    "FI-WORD-020": ("officialese",),
    "FI-WORD-039": ("officialese", "obligation"),
    "FI-WORD-010": ("relation-word", "non-finite-clause"),
    "FI-WORD-008": ("relation-word", "non-finite-clause"),
    "FI-WORD-009": ("relation-word", "non-finite-clause"),
    "FI-WORD-022": ("relation-word", "officialese"),
    "FI-WORD-023": ("jargon",),
    "FI-WORD-024": ("loan",),
    "FI-WORD-025": ("jargon", "nominal-style"),
    "FI-WORD-026": ("other",),  # ja/tai
    "FI-WORD-027": ("other",),  # "seitsemän (7)": a number written twice
    "FI-WORD-028": ("officialese",),
    "FI-WORD-030": ("officialese", "hidden-verb"),  # "suoritetut toimenpiteet"
    "FI-WORD-031": ("other",),  # a slash between two words
    "FI-WORD-033": ("officialese",),  # "ainoastaan", "asianmukainen", "seikka" in a letter
    "FI-WORD-034": ("loan",),  # "skrollata", "resetoida"
    "FI-WORD-035": ("officialese",),  # "toimittaa liitteet": say how (send, bring, upload)
    "FI-WORD-036": ("jargon", "hidden-verb"),  # "palvelut toteutetaan": arrange, give
    "FI-WORD-037": ("loan",),  # "dokumentit": asiakirjat
    "SV-ABBR": ("abbreviation", "acronym"),
    "SV-ABBR-001": ("abbreviation",),
    "SV-ABBR-002": ("acronym",),
    "SV-FINL": ("finlandism",),
    "SV-FINL-009": ("finlandism", "relation-word", "officialese"),  # på basen/basis av: also stiff
    "SV-NOUN": ("hidden-verb", "nominal-style"),
    "SV-NOUN-006": ("hidden-verb", "nominal-style", "obligation"),  # "Anmälan görs på blanketten": say who does it
    "SV-NOUN-007": ("hidden-verb",),
    "SV-NOUN-008": ("hidden-verb",),
    "SV-NOUN-009": ("hidden-verb",),
    "SV-NOUN-010": ("hidden-verb", "officialese"),
    "SV-NOUN-011": ("nominal-style",),
    "SV-NOUN-012": ("nominal-style",),
    "SV-NOUN-013": ("nominal-style", "hidden-verb"),
    "SV-NOUN-014": ("hidden-verb", "nominal-style"),
    "SV-NOUN-015": ("hidden-verb", "nominal-style"),
    "SV-NOUN-016": ("hidden-verb", "nominal-style"),
    "SV-NOUN-018": ("hidden-verb", "nominal-style", "passive"),  # "har tagits till behandling": also says nobody
    "SV-NOUN-020": ("hidden-verb", "nominal-style", "obligation"),  # "Ändring i beslutet får inte sökas"
    "SV-NOUN-021": ("hidden-verb", "nominal-style", "jargon"),
    "SV-NOUN-023": ("nominal-style",),
    "SV-PASS": ("passive",),
    "SV-STRUCT-001": ("participle-modifier",),
    "SV-STRUCT-004": ("participle-modifier", "structure"),
    "SV-STRUCT-005": ("participle-modifier",),
    "SV-STRUCT-006": ("structure", "officialese"),  # "Har en person …, är …": a condition verb first
    "SV-STRUCT": ("structure",),
    "SV-LONG-001": ("long-sentence",),
    "SV-LONG": ("compound",),
    "SV-FUNC": ("officialese",),
    **{f"SV-FUNC-{n:03d}": ("officialese",) for n in range(11, 26)},
    "SV-FUNC-026": ("other",),  # och/eller
    "SV-FUNC-027": ("other",),  # +/- 10 %
    "SV-FUNC-032": ("other",),  # "tre (3)": a number written twice
    "SV-FUNC-035": ("other",),  # a slash between two words
    "SV-FUNC-037": ("other", "officialese"),  # "senast inom": the deadline said twice
    "SV-FUNC-040": ("officialese",),  # "den kommun inom vilken": relative vilken → där
    "SV-ARCH": ("officialese",),
    "SV-CVERB": ("officialese",),
    "SV-WORD": ("officialese",),
    **{f"SV-WORD-{n:03d}": ("officialese",) for n in range(14, 30)},
    "SV-WORD-034": ("officialese",),  # the verb "stadga" → föreskriva
    "SV-ADMIN": ("officialese",),
    # a long preposition ("med beaktande av") is both: the guide lists it under relation-word,
    # and it is as much a stiff phrase with an everyday equivalent (officialese)
    "SV-PREP": ("relation-word", "officialese"),
    "SV-BARE": ("officialese", "structure"),
    "SV-VOGUE": ("jargon", "loan"),
    "SV-PAD": ("padding",),
    "SV-TERM": ("term",),
    "SV-NEG": ("negation",),
    "SV-READER": ("obligation",),
    "SV-READER-001": ("obligation", "passive"),
    "SV-READER-006": ("obligation", "passive"),
    "SV-READER-009": ("obligation", "passive"),
    "SV-READER-012": ("other", "obligation"),  # a switch of address (du in a ni text)
}
# Rules that judge a whole paragraph: they point at its first instance, so they match a gold
# problem of their category anywhere in the same paragraph.
PARAGRAPH_RULES = frozenset({"FI-AGENT-003", "FI-NOUN-008", "SV-PASS-001"})


class GoldError(Exception):
    """A problem in the corpus files, reported with the file it is in."""


def categories_for(code: str) -> tuple[str, ...]:
    parts = code.split("-")
    for cut in range(len(parts), 0, -1):
        found = RULE_CATEGORIES.get("-".join(parts[:cut]))
        if found is not None:
            return found
    raise GoldError(f"rule {code} has no gold categories in benchmarks/gold.py RULE_CATEGORIES")


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: str
    lang: str
    genre: str
    split: str
    path: Path
    words: int
    paragraphs: int
    title: str = ""
    batch: int = 1  # later batches add dev text (corpus/real/README.md)


@dataclass(frozen=True, slots=True)
class Problem:
    doc: str
    start: int
    end: int
    category: str
    quote: str
    note: str = ""


@dataclass(slots=True)
class Corpus:
    documents: list[DocumentInfo]
    gold: dict[str, list[Problem]] = field(default_factory=dict)  # only annotated documents
    verdicts: dict[tuple[str, str, str, int], dict] = field(default_factory=dict)
    fix_reviews: dict[tuple[str, str, str, int], dict] = field(default_factory=dict)

    def annotated(self) -> list[DocumentInfo]:
        return [d for d in self.documents if d.id in self.gold]


def load_documents(root: Path = REAL) -> list[DocumentInfo]:
    listing = root / "documents.jsonl"
    if not listing.is_file():
        raise GoldError(f"{listing}: missing (build it with scripts/build_real_corpus.py)")
    documents = []
    for number, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            doc = DocumentInfo(id=raw["id"], lang=raw["lang"], genre=raw["genre"], split=raw["split"],
                               path=root / "docs" / raw["lang"] / f"{raw['id']}.md", words=int(raw["words"]),
                               paragraphs=int(raw["paragraphs"]), title=raw.get("title", ""),
                               batch=int(raw.get("batch", 1)))
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{listing}:{number}: {exc}") from None
        if not doc.path.is_file():
            raise GoldError(f"{listing}:{number}: {doc.path} does not exist")
        documents.append(doc)
    return documents


def resolve(text: str, quote: str, n: int | None, where: str) -> tuple[int, int]:
    """Offsets of the ``n``-th occurrence of ``quote`` in ``text`` (``n`` may be left out only for
    a quote that occurs once: otherwise the annotator has to say which one is meant)."""
    if not quote:
        raise GoldError(f"{where}: empty quote")
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not starts:
        raise GoldError(f"{where}: quote not found in the document: {quote!r}")
    if n is None:
        if len(starts) > 1:
            raise GoldError(f"{where}: quote {quote!r} occurs {len(starts)} times; give n")
        n = 1
    if not 1 <= n <= len(starts):
        raise GoldError(f"{where}: quote {quote!r} occurs {len(starts)} time(s), not {n}")
    return starts[n - 1], starts[n - 1] + len(quote)


def load_gold(doc: DocumentInfo, file: Path) -> list[Problem]:
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldError(f"{file}: invalid YAML: {exc}") from None
    if not isinstance(data, dict) or data.get("doc") != doc.id or not isinstance(data.get("problems"), list):
        raise GoldError(f"{file}: expected a mapping with doc: {doc.id} and a list 'problems'")
    text = doc.path.read_text(encoding="utf-8")
    problems = []
    for i, item in enumerate(data["problems"], 1):
        where = f"{file} problem {i}"
        if not isinstance(item, dict) or set(item) - {"quote", "n", "cat", "note"}:
            raise GoldError(f"{where}: expected keys quote, cat, optional n and note")
        category = item.get("cat")
        if category not in CATEGORIES:
            raise GoldError(f"{where}: unknown category {category!r}")
        start, end = resolve(text, str(item.get("quote", "")), int(item["n"]) if "n" in item else None, where)
        problems.append(Problem(doc.id, start, end, category, text[start:end], str(item.get("note", ""))))
    return problems


def verdict_key(doc: str, code: str, matched: str, occurrence: int) -> tuple[str, str, str, int]:
    return doc, code, " ".join(matched.split()), occurrence


FIX_REVIEWS = ("ok", "broken")


def load_verdicts(root: Path = REAL, name: str = "[fs][iv].jsonl",
                  allowed: tuple[str, ...] = VERDICTS) -> dict[tuple[str, str, str, int], dict]:
    """Judges' verdicts on findings (``fi.jsonl``, ``sv.jsonl``) or reviewers' verdicts on safe
    fixes (``fixes.jsonl``: ok = the sentence stays grammatical with the same meaning)."""
    verdicts: dict[tuple[str, str, str, int], dict] = {}
    for file in sorted((root / "verdicts").glob(name)):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                key = verdict_key(raw["doc"], raw["code"], raw["matched"], int(raw["occurrence"]))
            except (ValueError, KeyError, TypeError) as exc:
                raise GoldError(f"{file}:{number}: {exc}") from None
            if raw.get("verdict") not in allowed:
                raise GoldError(f"{file}:{number}: verdict must be one of {allowed}")
            verdicts[key] = raw  # a later line overrides an earlier one (a re-judged finding)
    return verdicts


def load_corpus(root: Path = REAL) -> Corpus:
    documents = load_documents(root)
    corpus = Corpus(documents, verdicts=load_verdicts(root),
                    fix_reviews=load_verdicts(root, "fixes.jsonl", FIX_REVIEWS))
    gold_dir = root / "gold"
    by_id = {d.id: d for d in documents}
    for file in sorted(gold_dir.glob("*.yaml")):
        doc = by_id.get(file.stem)
        if doc is None:
            raise GoldError(f"{file}: no document {file.stem} in documents.jsonl")
        corpus.gold[doc.id] = load_gold(doc, file)
    return corpus


# -- scoring ------------------------------------------------------------------------------

@dataclass(slots=True)
class ScoredFinding:
    doc: str
    code: str
    start: int
    end: int
    matched: str
    occurrence: int
    outcome: str  # "gold" (matched an annotation), useful, noise, wrong, unjudged
    message: str = ""
    suggestion: str = ""
    paragraph: str = ""


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_document(doc_id: str, findings: list[dict], problems: list[Problem],
                   verdicts: dict[tuple[str, str, str, int], dict]) -> tuple[list[ScoredFinding], set[int]]:
    """Outcome of each finding, and the indexes of the gold problems some finding found.

    ``findings`` are dicts with code, start, end, matched, message, suggestion and
    paragraph (start, end) in source offsets."""
    seen: Counter = Counter()
    scored: list[ScoredFinding] = []
    found: set[int] = set()
    for f in sorted(findings, key=lambda f: (f["start"], f["code"])):
        wanted = categories_for(f["code"])
        lo, hi = f["paragraph"] if f["code"] in PARAGRAPH_RULES else (f["start"], f["end"])
        hits = [i for i, p in enumerate(problems) if p.category in wanted and _overlaps(lo, hi, p.start, p.end)]
        matched = " ".join(f["matched"].split())
        seen[(f["code"], matched)] += 1
        occurrence = seen[(f["code"], matched)]
        if hits:
            found.update(hits)
            outcome = "gold"
        else:
            verdict = verdicts.get(verdict_key(doc_id, f["code"], matched, occurrence))
            outcome = verdict["verdict"] if verdict else "unjudged"
        scored.append(ScoredFinding(doc_id, f["code"], f["start"], f["end"], matched, occurrence, outcome,
                                    f.get("message", ""), f.get("suggestion", ""), f.get("paragraph_text", "")))
    return scored, found


def main(argv: list[str]) -> int:
    """``python benchmarks/gold.py FILE...``: check gold files (quotes found, categories known)
    and print what each holds, so an annotator can validate a file on its own."""
    by_id = {d.id: d for d in load_documents()}
    status = 0
    for name in argv:
        file = Path(name)
        try:
            doc = by_id.get(file.stem)
            if doc is None:
                raise GoldError(f"{file}: no document {file.stem} in documents.jsonl")
            problems = load_gold(doc, file)
        except GoldError as exc:
            print(exc)
            status = 1
            continue
        counts = Counter(p.category for p in problems)
        print(f"{file}: {len(problems)} problems: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    return status


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
