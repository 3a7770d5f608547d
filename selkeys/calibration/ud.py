"""Standard-register documents built from Universal Dependencies treebanks (dev files only).

Consecutive sentences of one source document are joined into texts of about 150-300 words,
so that every text is real running prose of one genre, and the source document becomes the
group that cross-validation keeps together. Only the raw sentence text (``# text =``) is
used; the annotation plays no part, the linter analyses the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

MIN_WORDS, MAX_WORDS = 150, 300


@dataclass(frozen=True, slots=True)
class UDSentence:
    doc: str  # source document id
    paragraph: str  # paragraph id where the treebank has one, else the document id
    text: str


def read_sentences(path: Path, doc_of: Callable[[str, str | None], str]) -> Iterator[UDSentence]:
    """Sentences of a CoNLL-U file; ``doc_of(sent_id, newdoc_id)`` names each one's document."""
    newdoc = newpar = sent_id = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id ="):
            newdoc = line.split("=", 1)[1].strip()
        elif line.startswith("# newpar id ="):
            newpar = line.split("=", 1)[1].strip()
        elif line.startswith("# sent_id ="):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("# text =") and sent_id is not None:
            doc = doc_of(sent_id, newdoc)
            yield UDSentence(doc, newpar or doc, line.split("=", 1)[1].strip())
            sent_id = None


def merge_short(sentences: list[UDSentence], genre_of: Callable[[str], str]) -> list[UDSentence]:
    """Join documents under MIN_WORDS with the documents that follow them in the same genre
    (Wikipedia and Wikinews articles in TDT are often under 100 words); the joined documents
    become one group, so none is ever split between groups."""
    docs: list[tuple[str, list[UDSentence]]] = []
    for s in sentences:
        if not docs or docs[-1][0] != s.doc:
            docs.append((s.doc, []))
        docs[-1][1].append(s)
    merged: list[UDSentence] = []
    pending: list[tuple[str, list[UDSentence]]] = []

    def flush() -> None:
        name = "+".join(d for d, _ in pending)
        merged.extend(UDSentence(name, f"{d}/{s.paragraph}", s.text) for d, group in pending for s in group)
        pending.clear()

    for doc, group in docs:
        if pending and genre_of(pending[0][0]) != genre_of(doc):
            flush()
        pending.append((doc, group))
        if sum(len(s.text.split()) for _, g in pending for s in g) >= MIN_WORDS:
            flush()
    if pending:
        flush()
    return merged


def chunk(sentences: list[UDSentence]) -> Iterator[tuple[str, str]]:
    """(document id, text) chunks of MIN_WORDS..MAX_WORDS words from consecutive sentences of
    one document; paragraphs are kept as blank-line-separated blocks, a short tail is dropped."""
    current: list[UDSentence] = []
    words = 0

    def flush() -> str:
        paragraphs: list[list[str]] = []
        last = None
        for s in current:
            if s.paragraph != last:
                paragraphs.append([])
                last = s.paragraph
            paragraphs[-1].append(s.text)
        return "\n\n".join(" ".join(p) for p in paragraphs)

    for s in sentences:
        if current and (s.doc != current[0].doc or words + len(s.text.split()) > MAX_WORDS):
            if words >= MIN_WORDS:
                yield current[0].doc, flush()
            current, words = [], 0
        current.append(s)
        words += len(s.text.split())
    if current and words >= MIN_WORDS:
        yield current[0].doc, flush()


def finnish_doc(sent_id: str, _newdoc: str | None) -> str:
    """UD Finnish-TDT: 'b204.3' is sentence 3 of document b204 (genre prefix 'b')."""
    return sent_id.split(".")[0]


def finnish_genre(doc: str) -> str:
    return re.match(r"[a-zA-Z]+", doc).group(0)


def lines_doc(sent_id: str, _newdoc: str | None) -> str:
    """UD Swedish-LinES: 'sv_lines-ud-dev-doc5-3698' belongs to source text doc5."""
    match = re.search(r"doc(\d+)", sent_id)
    return f"lines-doc{match.group(1)}" if match else "lines"


def talbanken_doc(_sent_id: str, newdoc: str | None) -> str:
    return f"talbanken-{newdoc or 'unknown'}"


# Graded levels: 1 easy language, 2 blogs and fiction, 3 news, encyclopedia, professional
# prose, manuals, service texts and bureaucratic notices, 4 parliamentary speech, EU legislation,
# statutes and court decisions.
FI_LEVELS = {"b": 2, "f": 2, "fC": 2, "fD": 2, "wn": 3, "w": 3, "u": 3, "s": 3, "t": 3, "e": 4, "j": 4}
FI_GENRES = {"b": "blog", "f": "fiction", "fC": "column", "fD": "fiction", "wn": "Wikinews", "w": "Wikipedia",
             "u": "university news", "s": "student magazine", "t": "news", "e": "Europarl", "j": "EU legal"}
LINES_KIND = {"lines-doc1": ("software manual", 3), "lines-doc5": ("Europarl", 4)}  # the others: novels


def finnish_standard(data_dir: Path) -> list[dict]:
    """UD Finnish-TDT dev as standard texts; grammar examples (h) are isolated sentences, left out.
    (TDT test is held out for independent evaluation and never read.)"""
    path = data_dir / "ud-fi" / "tdt-fi_tdt-ud-dev.conllu"
    sentences = [s for s in read_sentences(path, finnish_doc) if finnish_genre(s.doc) in FI_LEVELS]
    out = []
    for doc, text in chunk(merge_short(sentences, finnish_genre)):
        genre = finnish_genre(doc)
        out.append({"id": f"tdt-{doc}-{len(out)}", "lang": "fi", "label": "standard", "level": FI_LEVELS[genre],
                    "genre": FI_GENRES[genre], "text": text, "group": f"tdt-{doc}",
                    "source": "UD Finnish-TDT dev (commit 5e3a88a671ea)", "licence": "CC BY-SA 4.0"})
    return out


def swedish_standard(data_dir: Path) -> list[dict]:
    """Talbanken (professional prose) and LinES (novels, a manual, Europarl) as standard texts:
    the dev files only, as for Finnish (the test files measure the tagger and other tools)."""
    out = []
    path = data_dir / "ud-sv" / "talbanken-sv_talbanken-ud-dev.conllu"
    for doc, text in chunk(list(read_sentences(path, talbanken_doc))):
        out.append({"id": f"{doc}-{len(out)}", "lang": "sv", "label": "standard", "level": 3,
                    "genre": "professional prose", "text": text, "group": doc,
                    "source": "UD Swedish-Talbanken dev (commit 30067217d275)", "licence": "CC BY-SA 4.0"})
    path = data_dir / "ud-sv" / "lines-sv_lines-ud-dev.conllu"
    for doc, text in chunk(list(read_sentences(path, lines_doc))):
        genre, level = LINES_KIND.get(doc, ("fiction", 2))
        out.append({"id": f"{doc}-dev-{len(out)}", "lang": "sv", "label": "standard", "level": level,
                    "genre": genre, "text": text, "group": doc,
                    "source": "UD Swedish-LinES dev (commit 594bd6cae913)", "licence": "CC BY-SA 4.0"})
    return out
