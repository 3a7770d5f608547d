"""Minimal CoNLL-U reading shared by train.py and evaluate.py.

Why a reader of our own next to spaCy's converter: the evaluation must see the
*gold* tokenization exactly (words, SpaceAfter, UPOS, FEATS, lemma) without any
of the converter's grouping of sentences into documents, and the training
split needs stable per-sentence indices.  The format is simple enough that 40
lines are clearer than bending the converter to both uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


@dataclass
class Sentence:
    """One CoNLL-U sentence: its comment lines and its 10-column token rows."""

    comments: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [r[1] for r in self.rows]

    @property
    def spaces(self) -> list[bool]:
        """SpaceAfter=No in MISC means no space; the last word gets none either."""
        spaces = ["SpaceAfter=No" not in r[9].split("|") for r in self.rows]
        if spaces:
            spaces[-1] = False
        return spaces

    @property
    def text(self) -> str:
        for comment in self.comments:
            if comment.startswith("# text ="):
                return comment.split("=", 1)[1].strip()
        return "".join(w + (" " if s else "") for w, s in zip(self.words, self.spaces))

    def to_conllu(self) -> str:
        lines = self.comments + ["\t".join(r) for r in self.rows]
        return "\n".join(lines) + "\n\n"


def read_sentences(path: Path) -> Iterator[Sentence]:
    """Yield sentences; multiword-token ranges and empty nodes are skipped.

    Swedish UD has neither, but skipping them keeps the word list equal to the
    syntactic words if a later release adds some.
    """
    sent = Sentence()
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line:
                if sent.rows:
                    yield sent
                sent = Sentence()
            elif line.startswith("#"):
                sent.comments.append(line)
            else:
                cols = line.split("\t")
                if len(cols) == 10 and cols[0].isdigit():
                    sent.rows.append(cols)
    if sent.rows:
        yield sent


def feats(value: str) -> dict[str, str]:
    """FEATS column as a dict ("_" -> empty)."""
    if value in ("", "_"):
        return {}
    return dict(item.split("=", 1) for item in value.split("|"))
