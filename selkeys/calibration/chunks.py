"""Cutting a real document into texts of comparable length, at paragraph boundaries.

Measures wobble on very short texts, and a long document would otherwise weigh as one text;
so every real source is cut into pieces of about MIN_WORDS..MAX_WORDS words, the size of the
UD treebank texts. The pieces of one document stay one group: cross-validation and the
bootstrap never split them.
"""

from __future__ import annotations

import math
from typing import Sequence

from selkeys.calibration.ud import MAX_WORDS, MIN_WORDS

SHORTEST_PIECE = 0.8  # of MIN_WORDS: a last piece a little short is kept, a scrap is not


def words(text: str) -> int:
    return len(text.split())


def balanced_chunks(blocks: Sequence[tuple[str, bool]], min_words: int = MIN_WORDS,
                    max_words: int = MAX_WORDS) -> list[str]:
    """``blocks`` ((text, is_heading), in order) cut into ``ceil(words / max_words)`` pieces of
    about equal length, blank-line separated, never right after a heading (it belongs to the
    text below it). Headings do not count as words. A document under ``min_words`` gives
    nothing, and a piece under ``SHORTEST_PIECE * min_words`` is dropped."""
    total = sum(words(text) for text, heading in blocks if not heading)
    if total < min_words:
        return []
    target = total / math.ceil(total / max_words)
    pieces: list[tuple[list[str], int]] = [([], 0)]
    previous_heading = False
    for text, heading in blocks:
        texts, count = pieces[-1]
        if texts and count >= target and not previous_heading:
            pieces.append(([], 0))
            texts, count = pieces[-1]
        texts.append(text)
        pieces[-1] = (texts, count + (0 if heading else words(text)))
        previous_heading = heading
    return ["\n\n".join(texts) for texts, count in pieces if count >= SHORTEST_PIECE * min_words]
