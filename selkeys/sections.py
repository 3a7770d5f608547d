"""Scores per document section, for readers that know sections (the Word agenda reader).

A municipal agenda item is read part by part: the decision proposal is what the board votes
on and what the public quotes, so it should be the clearest part of the item. Section scores
are computed like the document's (counts summed, then measured), never averaged from
paragraph scores, because the measures are ratios.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from selkeys.calibration.model import ScoreModel
from selkeys.metrics import Counts, metrics
from selkeys.model import Document, Location
from selkeys.score import Score, clarity

# roles whose text is what gets decided: the proposal, or the decision when no proposal is given
PROPOSAL_ROLES = ("proposal", "decision")


@dataclass(slots=True)
class SectionReport:
    """One section of one language: where it starts, its score and how many findings it has."""

    item: str | None
    section: str | None
    role: str | None
    part: str
    lang: str
    first_block: int
    score: Score | None
    findings: float  # severity-weighted, as in the score

    def to_dict(self) -> dict:
        return {"item": self.item, "section": self.section, "role": self.role, "part": self.part,
                "lang": self.lang, "first_block": self.first_block,
                "score": self.score.to_dict() if self.score else None}


@dataclass(frozen=True, slots=True)
class ProposalNote:
    """A decision proposal that scores lower than the rest of its agenda item."""

    item: str | None
    section: str
    lang: str
    score: float
    rest: float

    def to_dict(self) -> dict:
        return {"item": self.item, "section": self.section, "lang": self.lang,
                "score": round(self.score, 1), "rest_of_item": round(self.rest, 1)}


def _key(location: Location | None) -> tuple:
    if location is None or location.part not in ("body", "textbox"):
        return (None, None, None, location.part if location else "body")
    return (location.item, location.section, location.role, "body")


def section_reports(doc: Document, counts: dict[int, tuple[str, Counts]], weights: Counter,
                    model_for: Callable[[str], ScoreModel | None] = lambda lang: None,
                    ) -> tuple[list[SectionReport], list[ProposalNote]]:
    """Section scores in document order, and the proposals that read harder than their item.

    ``counts`` maps block index to (language, counts) for linted blocks; ``weights`` maps block
    index to its severity-weighted findings; ``model_for`` gives the score model of a language
    (a project's own, or None for the shipped one), as for the document's score.
    """
    totals: dict[tuple, Counts] = {}
    found: Counter = Counter()
    first: dict[tuple, int] = {}
    items: dict[tuple[str | None, str], dict[str, Counts]] = {}  # (item, lang) -> role bucket -> counts
    item_weights: dict[tuple[str | None, str], Counter] = {}
    for index in sorted(counts):
        lang, block_counts = counts[index]
        block = doc.blocks[index]
        key = (*_key(block.location), lang)
        first.setdefault(key, index)
        found[key] += weights[index]
        bucket = totals.setdefault(key, Counts())
        if block.kind != "heading":  # as for the document: headings are not sentences
            bucket.add(block_counts)
        if key[3] != "body":
            continue
        role = key[2] if key[2] in PROPOSAL_ROLES else "rest"
        per_item = items.setdefault((key[0], lang), {})
        if block.kind != "heading":
            per_item.setdefault(role, Counts()).add(block_counts)
        item_weights.setdefault((key[0], lang), Counter())[role] += weights[index]

    reports = []
    for key in sorted(totals, key=first.__getitem__):
        item, section, role, part, lang = key
        score = clarity(metrics(totals[key], lang), found[key], lang, model_for(lang))
        reports.append(SectionReport(item, section, role, part, lang, first[key], score, found[key]))
    notes = []
    for (item, lang), buckets in items.items():
        role = next((r for r in PROPOSAL_ROLES if r in buckets), None)
        if role is None or "rest" not in buckets:
            continue
        w = item_weights[(item, lang)]
        proposal = clarity(metrics(buckets[role], lang), w[role], lang, model_for(lang))
        rest = clarity(metrics(buckets["rest"], lang), w["rest"], lang, model_for(lang))
        if proposal is not None and rest is not None and proposal.value < rest.value:
            label = next(r.section for r in reports if r.item == item and r.role == role and r.lang == lang)
            notes.append(ProposalNote(item, label or role, lang, proposal.value, rest.value))
    return reports, notes
