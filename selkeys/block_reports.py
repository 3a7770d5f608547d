"""A document's paragraph reports, each made when it is read instead of all held at once.

A 10 MB text has some 70,000 paragraphs and 50,000 scored sentences. As report objects with
their measures, scores and sentence scores they took about 100 MB on top of the analysis
results they are computed from, and those results are held until the end of the run anyway:
the JSON Lines record of such a file peaked at 400 MB. :class:`BlockReports` keeps only what
the reports are made from (each paragraph's counts and its findings' weights) and makes a
paragraph's :class:`BlockReport` whenever an output reads it; the output writes it and drops
it. The language server likewise no longer scores every sentence of a document after each
edit, only the paragraph a hover asks about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from selkeys.limits import MAX_SENTENCE_SCORES
from selkeys.made_on_read import MadeOnRead
from selkeys.metrics import Counts, metrics
from selkeys.model import Document, Location
from selkeys.score import Score, SentenceScore, clarity, sentence_scores

if TYPE_CHECKING:
    from selkeys.calibration.model import ScoreModel


@dataclass(slots=True)
class BlockReport:
    index: int
    lang: str
    kind: str
    line: int
    measures: dict[str, float | None]
    score: Score | None
    location: Location | None = None
    sentences: tuple[SentenceScore, ...] = ()  # each prose sentence's difficulty, in text order

    def hardest_sentences(self, n: int = 3) -> list[SentenceScore]:
        """The ``n`` lowest-scoring sentences, hardest first (what to rewrite first)."""
        return sorted(self.sentences, key=lambda s: s.score.value)[:n]


@dataclass(frozen=True, slots=True)
class Scored:
    """What one linted paragraph's report is made from."""

    index: int
    lang: str
    counts: Counts | None  # None when the reports show neither measures nor sentences: not kept
    weight: float  # its findings' severity weights, summed
    spots: list[tuple[int, float]]  # (block offset, weight) of each of its findings
    keep: int | None  # how many of its scored sentences to report (None: all; see sentence_caps)


class BlockReports(MadeOnRead[BlockReport]):
    """The linted paragraphs of a document, in text order, as :class:`BlockReport`s made on
    every read (a paragraph read twice is computed twice; every output reads each once)."""

    __slots__ = ("_doc", "_models", "_block_scores", "_sentence_scores")

    def __init__(self, doc: Document, items: list[Scored], models: Callable[[str], "ScoreModel | None"],
                 block_scores: bool, sentence_scores: bool) -> None:
        super().__init__(items, self._report)
        self._doc, self._models = doc, models
        self._block_scores, self._sentence_scores = block_scores, sentence_scores

    def _report(self, item: Scored) -> BlockReport:
        block = self._doc.blocks[item.index]
        measures = metrics(item.counts, item.lang) if self._block_scores else None
        model = self._models(item.lang)
        score = clarity(measures, item.weight, item.lang, model) if measures is not None else None
        sentences: tuple[SentenceScore, ...] = ()
        if self._sentence_scores and item.counts.sentence_counts and item.keep != 0:
            sentences = self._sentences(item, block, model, score)
        line, _ = self._doc.line_col(block.source_map.start(0))
        return BlockReport(item.index, item.lang, block.kind, line, measures or {}, score, block.location,
                           sentences)

    def _sentences(self, item: Scored, block, model, block_score: Score | None) -> tuple[SentenceScore, ...]:
        """Each prose sentence's score, in source and block-text coordinates, at most ``keep``."""
        out = []
        for start, end, score in scored_sentences(item, model, block_score)[:item.keep]:
            source_start = block.source_map.start(start)
            line, column = self._doc.line_col(source_start)
            out.append(SentenceScore(source_start, block.source_map.end(end), line, column, score,
                                     block_start=start, block_end=end))
        return tuple(out)


def scored_sentences(item: Scored, model, block_score: Score | None) -> list[tuple[int, int, Score]]:
    """(start, end in the block text, score) of a paragraph's prose sentences. A paragraph of
    one sentence has the paragraph's score (same counts; half the blocks of a typical document)."""
    sentences = item.counts.sentence_counts
    if len(sentences) == 1 and block_score is not None:
        return [(sentences[0][0], sentences[0][1], block_score)]
    return sentence_scores(item.counts, item.spots, item.lang, model)


def sentence_caps(items: list[Scored], models: Callable[[str], "ScoreModel | None"],
                  block_scores: bool) -> tuple[list[Scored], int]:
    """``items`` with how many sentences each may report, so that a document reports at most
    ``MAX_SENTENCE_SCORES`` (the first ones in text order), and how many were left out.

    A sentence without words gets no score, so how many a paragraph reports is known only once
    its sentences are scored. That is done here (and the scores dropped) only when the
    document has more sentences than the cap; otherwise every paragraph reports all of its own.
    """
    if sum(len(item.counts.sentence_counts) for item in items) <= MAX_SENTENCE_SCORES:
        return items, 0
    budget, capped, out = MAX_SENTENCE_SCORES, 0, []
    for item in items:
        if item.counts.sentence_counts:
            model = models(item.lang)
            measures = metrics(item.counts, item.lang) if block_scores else None
            score = clarity(measures, item.weight, item.lang, model) if measures is not None else None
            count = len(scored_sentences(item, model, score))
            keep = min(count, budget)
            capped += count - keep
            budget -= keep
            item = Scored(item.index, item.lang, item.counts, item.weight, item.spots, keep)
        out.append(item)
    return out, capped
