"""Plain data passed between the pipeline stages.

Every stage (reader -> language -> analyzer -> rules/metrics -> score -> output) takes and
returns these dataclasses, so a document can be linted in a worker process, the language
server or a batch job without change.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import IntEnum
from typing import NamedTuple


class Severity(IntEnum):
    """Ordered so that ``--min-severity`` and fail levels are simple comparisons."""

    HINT = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            valid = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {name!r} (use one of: {valid})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Segment(NamedTuple):
    """A run of block text that came from one contiguous run of source text.

    ``text_len`` and ``src_len`` differ only for decoded pieces such as ``&auml;`` or ``<br>``;
    such a piece maps as a whole, never into its middle. A named tuple, as every block has
    one or more: a frozen dataclass sets its fields one call at a time.
    """

    text_start: int
    src_start: int
    text_len: int
    src_len: int


@dataclass(slots=True)
class SourceMap:
    """Maps offsets in a block's text back to character offsets in the original source."""

    segments: list[Segment] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def add(self, text_start: int, src_start: int, text_len: int, src_len: int | None = None) -> None:
        if text_len <= 0:
            return
        src_len = text_len if src_len is None else src_len
        last = self.segments[-1] if self.segments else None
        if (
            last is not None
            and last.text_len == last.src_len
            and text_len == src_len
            and last.text_start + last.text_len == text_start
            and last.src_start + last.src_len == src_start
        ):
            self.segments[-1] = Segment(last.text_start, last.src_start, last.text_len + text_len, last.src_len + src_len)
            return
        self.segments.append(Segment(text_start, src_start, text_len, src_len))
        self._starts.append(text_start)

    def _segment(self, offset: int) -> Segment:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.segments[max(i, 0)]

    def start(self, offset: int) -> int:
        seg = self._segment(offset)
        if seg.text_len == seg.src_len:
            return seg.src_start + min(offset - seg.text_start, seg.text_len)
        return seg.src_start

    def end(self, offset: int) -> int:
        """Source offset just after the text character at ``offset - 1``."""
        if offset <= 0:
            return self.start(0)
        seg = self._segment(offset - 1)
        if seg.text_len == seg.src_len:
            return seg.src_start + (offset - seg.text_start)
        return seg.src_start + seg.src_len


@dataclass(frozen=True, slots=True)
class Location:
    """Where a block sits in a word-processor document, in terms a person can find there.

    Word files have no useful line numbers, so readers of such formats attach this to each
    block and the outputs print it instead of ``line:column``. Other readers leave it None.
    """

    part: str = "body"  # body, header, footer, footnote, endnote, textbox
    paragraph: int | None = None  # non-empty body paragraphs counted from 1, tables included
    item: str | None = None  # agenda item, e.g. "§ 12"
    section: str | None = None  # agenda section label as written, or the nearest heading
    role: str | None = None  # agenda section kind: "proposal", "decision", "preparer", ...
    level: int | None = None  # heading level (0 = title)
    table: int | None = None
    row: int | None = None
    column: int | None = None
    note: int | None = None  # footnote or endnote number as displayed

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__ if getattr(self, name) is not None}


@dataclass(slots=True)
class Block:
    """One unit of prose (paragraph, heading, list item, table cell) ready for analysis."""

    text: str
    source_map: SourceMap
    kind: str = "paragraph"
    lang: str | None = None  # declared by markup; detection fills ``Document`` later
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression comment found by a reader."""

    action: str  # "disable", "enable" or "disable-next-line"
    codes: tuple[str, ...]
    reason: str
    src_start: int
    src_end: int


@dataclass(slots=True)
class Document:
    path: str
    source: str
    format: str
    blocks: list[Block]
    directives: list[Directive] = field(default_factory=list)
    declared_lang: str | None = None
    # facts about the file worth telling the user, by code (e.g. "tracked_changes": 3)
    notices: dict[str, int] = field(default_factory=dict)
    _line_starts: list[int] | None = None

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column, counted in characters of the original source."""
        if self._line_starts is None:
            starts = [0]
            find = self.source.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1


@dataclass(frozen=True, slots=True)
class Suggestion:
    text: str
    safe: bool  # safe to apply without a person reading it (ruff's "safe fix")
    replacement: str | None = None  # exact replacement for the matched span, when there is one


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    category: str
    message: str
    start: int  # offsets in the original source
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    matched: str
    suggestions: list[Suggestion] = field(default_factory=list)
    block_index: int = -1
    # the hit in block-text coordinates, for front-ends that anchor on a block's own text
    # (Word runs, a report's highlighted paragraph) rather than on the source
    block_start: int = -1
    block_end: int = -1
    location: Location | None = None  # the block's place in a Word document, when known
    # the language of the text the finding is about (its rule's), which is the language it is
    # reported in unless the user chose one (selkeys.messages.for_finding); not part of JSON
    lang: str | None = None

    def to_dict(self) -> dict:
        data = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "category": self.category,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "matched": self.matched,
            "suggestions": [
                {"text": s.text, "safe": s.safe, "replacement": s.replacement} for s in self.suggestions
            ],
        }
        if self.location is not None:
            data["location"] = self.location.to_dict()
        return data
