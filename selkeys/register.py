"""Is a document legal text (a statute, a court's or an authority's legal reasoning)?

Some advice is wrong for such text: a statute cannot address its reader ("Lähetä hakemus"),
it states duties ("kunnan on järjestettävä", "ansökan ska göras"), and a court states what had
to be decided. Plain-language guidance for legislation (Kotus, säädöskieli; Språkrådet,
Myndigheternas skrivregler) keeps those forms, so the rules that ask to address the reader
are turned off there. The signal is the density of statute references and legal formulae,
which a statute or a court decision has on every few lines and a letter to a resident only
in its appeal instructions: measured on corpus/real, statutes and court decisions have 9–59
per 1,000 words, decision letters and service texts 0–11.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selkeys.model import Document

# every alternative but the last starts at a word boundary, so the \b is written once:
# the scanner then tries the alternatives only where a word starts (five times faster)
_LEGAL = re.compile(
    r"\b(?:\d+\s*[a-z]?\s*§|momenti\w*|tässä laissa\b|säädet\w*|kohdassa tarkoitet\w*"
    r"|hallinto-oikeu\w+|lainkohd\w+|mom\.|föreskriv\w*|moment\w*|i denna lag\b"
    r"|förvaltningsdomstol\w*|HFD\b|KHO\b)|§\s*\d",
    re.IGNORECASE,
)
_SECTION_HEADING = re.compile(r"^\s*\d+\s*[a-z]?\s*§")
PER_1000_WORDS = 12.0  # legal text from this density of references on
MIN_WORDS = 150  # too little text to judge: treat as ordinary text


def legal_marks(text: str) -> tuple[int, int]:
    """(words, statute references and legal formulae) of one block's text: the counts add up
    over blocks, so they are taken where the blocks are linted (in parallel on large inputs;
    the scan costs about a tenth of a second on 100,000 words)."""
    return len(text.split()), len(_LEGAL.findall(text))


def is_legal_text(doc: Document, marks: Iterable[tuple[int, int]] | None = None) -> bool:
    """Statute-like by its section headings ("12 §"), or by references per 1,000 words;
    ``marks``: every block's :func:`legal_marks`, when they are counted already."""
    headings = sum(1 for b in doc.blocks if b.kind == "heading" and _SECTION_HEADING.match(b.text))
    if headings >= 2:
        return True
    words = references = 0
    for block_words, block_references in marks if marks is not None else (legal_marks(b.text) for b in doc.blocks):
        words += block_words
        references += block_references
    return words >= MIN_WORDS and 1000 * references / words >= PER_1000_WORDS
