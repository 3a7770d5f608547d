"""The engine's caps on hostile input, and how an over-long "word" is kept from the analysers.

Every stage is linear in its input, but some inputs are still too big to be worth analysing
whole: a "word" of 400,000 letters (Voikko's hyphenator and spaCy's tokenizer are quadratic
in a word's length) or a million one-word paragraphs (each block costs its own bookkeeping).
What a cap leaves out is always counted in a document notice (``Document.notices``), never
dropped silently. None of these limits is reached by real documents.
"""

from __future__ import annotations

import bisect
import re

from selkeys.model import Block

# A whitespace-free run of text longer than this is not analysed as words (the longest
# Finnish compounds in real use have about 60 letters)...
MAX_WORD_CHARS = 100
# ...unless it is a link or an e-mail address, which may be long; those up to this length.
MAX_LINK_CHARS = 2000
# Blocks (paragraphs, headings, list items, table cells) linted per document; a 10 MB text of
# real prose has about 20,000.
MAX_BLOCKS = 100_000
# Findings listed per document; more are counted in the scores (and in a notice) but not
# listed: no one reads them all, and each costs memory in every output format. Real documents
# have a few thousand.
MAX_FINDINGS = 50_000
# Sentences given a score of their own per document (JSON, records, the report's hardest
# sentences); a real document has a few thousand, each costs a record a few hundred bytes.
MAX_SENTENCE_SCORES = 50_000
# A block longer than this (a hard-wrapped text without blank lines, say) is analysed and
# ruled in parts of about this size, cut after a sentence, so that no more than one part's
# tokens are held at a time.
MAX_BLOCK_CHARS = 100_000
# Markdown containers (block quotes, lists) nested deeper than this are not parsed (recursion
# guard of markdown-it, whose CommonMark preset uses the same number).
MAX_MARKDOWN_NESTING = 20
# Markdown parser tokens read per document (about 11 µs each): a real document of 10 MB has
# under 500,000 (a paragraph costs 3, a list item 5); 10 MB of empty list items had 12 million.
MAX_MARKDOWN_TOKENS = 1_000_000

# whitespace-free runs over MAX_WORD_CHARS, found from their first character only (linear)
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (MAX_WORD_CHARS + 1))
_LINKISH = ("://", "www.", "@")
# punctuation kept around a masked run, so that a sentence still ends at its full stop
_OPENERS = "([{\"'“‘«"
_CLOSERS = ".,;:!?)]}\"'”’»…"
_KEPT_PUNCTUATION = 10
# what stands for an over-long run: one symbol character (Unicode So, which both analysers
# read as a symbol)
PLACEHOLDER = "\u25a1"


class BlockBudget:
    """A reader's blocks, up to ``MAX_BLOCKS``: later ones are only counted (a reader stops
    building them, which is where a million one-word paragraphs cost their memory)."""

    def __init__(self, limit: int = MAX_BLOCKS) -> None:
        self.blocks: list[Block] = []
        self.limit = limit
        self.dropped = 0

    @property
    def full(self) -> bool:
        return len(self.blocks) >= self.limit

    def add(self, block: Block) -> None:
        if self.full:
            self.dropped += 1
        else:
            self.blocks.append(block)

    def notices(self) -> dict[str, int]:
        """The document notice for what was left out (blocks_capped), if anything was."""
        return {"blocks_capped": self.dropped} if self.dropped else {}


# a sentence end followed by white space: where a long block may be cut
_SENTENCE_GAP = re.compile(r"[.!?…][\"'”’»)\]]*\s+")


def parts(text: str, long: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the parts a block is analysed in: the whole block when it is at most
    ``MAX_BLOCK_CHARS`` long, else pieces of about that size cut after the last sentence end
    (or white space) in their second half, never inside one of the ``long`` runs."""
    cuts, start = [], 0
    run_starts = [s for s, _ in long]
    while len(text) - start > MAX_BLOCK_CHARS:
        limit, half = start + MAX_BLOCK_CHARS, start + MAX_BLOCK_CHARS // 2
        cut = 0
        for gap in _SENTENCE_GAP.finditer(text, half, limit):
            cut = gap.end()
        if not cut:
            space = max(text.rfind(" ", half, limit), text.rfind("\n", half, limit))
            cut = space + 1 if space >= 0 else limit
        inside = bisect.bisect_left(run_starts, cut) - 1
        if inside >= 0 and long[inside][1] > cut:
            cut = long[inside][1]
        cuts.append((start, cut))
        start = cut
    cuts.append((start, len(text)))
    return cuts


def long_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run in ``text`` too long to analyse as a word, without the
    punctuation around it."""
    spans = []
    for match in _LONG_RUN.finditer(text):
        run = match.group()
        limit = MAX_LINK_CHARS if any(mark in run for mark in _LINKISH) else MAX_WORD_CHARS
        if len(run) <= limit:
            continue
        start, end = match.start(), match.end()
        lead = len(run) - len(run[:_KEPT_PUNCTUATION].lstrip(_OPENERS)) if run[0] in _OPENERS else 0
        trail = len(run[-_KEPT_PUNCTUATION:]) - len(run[-_KEPT_PUNCTUATION:].rstrip(_CLOSERS))
        spans.append((start + lead, end - trail))
    return spans


# invisible characters that hide words from the analysers (a word cut in two, a symbol between
# two words): zero-width space, non-joiner and joiner, word joiner, zero-width no-break space
# and the soft hyphen. Finnish and Swedish text needs none of them to be read.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")


def edits(text: str, long: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of what the analysers should not see, in text order: each
    over-long run becomes one placeholder, invisible characters go."""
    found = [(start, end, PLACEHOLDER) for start, end in long]
    if any(ch in text for ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff"):
        run_starts = [start for start, _ in long]
        for match in _INVISIBLE.finditer(text):
            i = bisect.bisect_right(run_starts, match.start()) - 1
            if i < 0 or long[i][1] <= match.start():  # not inside an over-long run
                found.append((match.start(), match.end(), ""))
        found.sort()
    return found


def apply(text: str, changes: list[tuple[int, int, str]]) -> str:
    """``text`` with each change made: what the analysers read."""
    pieces, pos = [], 0
    for start, end, replacement in changes:
        pieces += [text[pos:start], replacement]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


class OffsetMap:
    """Offsets in ``apply(text, changes)`` back to offsets in ``text``: a start moves past
    removed characters just before it, an end stays before those just after it, and the
    placeholder spans its whole run."""

    def __init__(self, changes: list[tuple[int, int, str]]) -> None:
        self._starts: list[int] = []  # each change's start in the changed text
        self._ends: list[int] = []  # and its end there
        self._shifts: list[int] = []  # characters removed up to and including it
        shift = 0
        for start, end, replacement in changes:
            self._starts.append(start - shift)
            self._ends.append(start - shift + len(replacement))
            shift += end - start - len(replacement)
            self._shifts.append(shift)

    def start(self, offset: int) -> int:
        i = bisect.bisect_right(self._ends, offset)  # changes that end at or before it
        return offset + (self._shifts[i - 1] if i else 0)

    def end(self, offset: int) -> int:
        i = bisect.bisect_left(self._starts, offset)  # changes that start before it
        return offset + (self._shifts[i - 1] if i else 0)
