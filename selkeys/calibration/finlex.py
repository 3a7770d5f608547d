"""Real official text: statutes and Supreme Administrative Court (KHO) decisions from Finlex.

Laws, decrees and court decisions are outside copyright (Tekijänoikeuslaki 404/1961, 9 §), but
the texts are read at fit time from a bare clone of eliask/finlex-data rather than committed,
because they are many. The XML is read with the functions of scripts/build_real_corpus.py
(imported, so that corpus/real and the calibration clean the text the same way): one paragraph
per subsection of a statute, numbered points as list lines; the summary and body of a decision
with the legal-costs sub-sections left out; signatures, reference lists, placeholders and
repeated paragraphs dropped, and so are paragraphs in another language than the document's.

Which documents: for every year of YEARS, the statutes (laws and decrees) and decisions of that
year in the order of ``sha256(SEED:path)``, taking the first PER_YEAR that have at least
MIN_WORDS words of prose. Documents that corpus/real already holds are skipped (that corpus is
read on its own, and its test half is the linter's frozen test set). Each document gives at most
MAX_PIECES pieces of ~150-300 words, evenly spread over it, and is one group.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from selkeys.analysis.finnish import finnish_analyzer
from selkeys.calibration.chunks import balanced_chunks
from selkeys.calibration.dataset import LabelledText
from selkeys.calibration.snapshot import Snapshot
from selkeys.language import detect

REPO_NAME = "eliask/finlex-data"
COMMIT = "151c941fa96980ea311972be445904660b39ff41"  # 2025-02-23, the commit of corpus/real
SEED = 20261125
MAX_PIECES = 3
LEVEL = 4  # with EU legislation: the hardest register in the labelled sets
LICENCE = "public domain: Tekijänoikeuslaki 9 § (laws and court decisions); read at fit time, not committed"
_STATUTE = re.compile(r"data/asd/(fi|sv)/(\d{4})/asd\d+\.xml")
_DECISION = re.compile(r"data/kho/(fi|sv)/(\d{4})/kho\d+\.xml")


@dataclass(frozen=True, slots=True)
class Selection:
    """Which documents of one kind and language to read."""

    kind: str  # "statute" (data/asd) or "decision" (data/kho)
    lang: str
    years: range
    per_year: int


@lru_cache(maxsize=1)
def corpus_builder(repo_root: Path) -> ModuleType:
    """scripts/build_real_corpus.py as a module (it is a script, not part of the package)."""
    path = repo_root / "scripts" / "build_real_corpus.py"
    spec = importlib.util.spec_from_file_location("build_real_corpus", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def in_real_corpus(real_dir: Path) -> set[str]:
    """Finlex paths that corpus/real already uses."""
    paths = set()
    for line in (real_dir / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        source = json.loads(line)["source"]
        if source["repo"] == REPO_NAME:
            paths.add(source["path"])
    return paths


def _order(path: str) -> str:
    return hashlib.sha256(f"{SEED}:{path}".encode()).hexdigest()


def _blocks(builder: ModuleType, kind: str, lang: str, raw: bytes) -> tuple[list[tuple[str, bool]], str | None]:
    """(text, is_heading) blocks of one document and its date (decisions; statutes give None)."""
    root = builder.parse_xml(raw)
    if kind == "statute":
        blocks = [b for pykala in root.iter(f"{{{builder.SAA}}}Pykala") for b in builder.section_blocks(pykala)]
        date = None
    else:
        blocks = [b for section in builder.kho_sections(builder.kho_blocks(root)).values() for b in section]
        date = builder.text_of(root.find("dcterms:issued", builder.NS)) or None
    kept = builder.keep_prose(blocks, builder.MIN_WORDS_DEFAULT, set(), [])
    texts = [("\n".join([b.text, *b.items]).strip(), b.kind == "heading") for b in kept]
    return [(text, heading) for text, heading in texts if heading or _in_language(text, lang)], date


def _in_language(text: str, lang: str) -> bool:
    """Whether a paragraph is in the document's language (or too short to tell): statutes
    carry lists of names in English (degree programmes, EU acts), which are not Finnish or
    Swedish prose and would pass for very short sentences."""
    return detect(text, finnish_analyzer().is_known) in (None, lang)


def _spread(pieces: list[str], limit: int) -> list[str]:
    """At most ``limit`` pieces, evenly spread from the first to the last."""
    if len(pieces) <= limit:
        return pieces
    return [pieces[round(i * (len(pieces) - 1) / (limit - 1))] for i in range(limit)]


def official_texts(selection: Selection, real_dir: Path, repo_root: Path,
                   snapshot: Snapshot | None = None) -> list[LabelledText]:
    """The selected documents as standard texts, dated (a statute by its year)."""
    snapshot = snapshot or Snapshot(REPO_NAME, COMMIT)
    builder = corpus_builder(repo_root)
    skip = in_real_corpus(real_dir)
    folder, pattern = ("asd", _STATUTE) if selection.kind == "statute" else ("kho", _DECISION)
    genre = "statute" if selection.kind == "statute" else "court decision"
    out = []
    for year in selection.years:
        paths = [p for p in snapshot.list(f"data/{folder}/{selection.lang}/{year}/")
                 if pattern.fullmatch(p) and p not in skip]
        taken = 0
        for path in sorted(paths, key=_order):
            if taken == selection.per_year:
                break
            blocks, date = _blocks(builder, selection.kind, selection.lang, snapshot.read(path))
            pieces = _spread(balanced_chunks(blocks), MAX_PIECES)
            if not pieces:
                continue
            taken += 1
            name = Path(path).stem
            for n, text in enumerate(pieces):
                out.append(LabelledText(f"{name}-{selection.lang}-{n}", selection.lang, text, None, "standard",
                                        LEVEL, f"Finlex {genre} {path} ({REPO_NAME} @ {COMMIT[:12]})", LICENCE,
                                        f"finlex-{selection.lang}-{name}", date or str(year)))
    return out
