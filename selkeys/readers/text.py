"""Plain text: paragraphs are separated by blank lines; list items stand alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from selkeys.limits import BlockBudget
from selkeys.model import Block, Document, SourceMap

LIST_MARKER = re.compile(r"^[ \t]*(?:[-*•–]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]+")
_SENTENCE_END = frozenset(".!?")


def _is_heading(lines: list[str]) -> bool:
    """A lone short line without final punctuation reads as a heading or a label."""
    if len(lines) != 1:
        return False
    line = lines[0].strip()
    return bool(line) and line[-1] not in _SENTENCE_END and len(line.split()) <= 10


def split_paragraphs(text: str, base: int = 0) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """Group lines into paragraphs: (start offset, [(line offset, line)]) per paragraph, one
    at a time (a reader may stop building blocks after its limit)."""
    current: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        if line.strip():
            if current and LIST_MARKER.match(line):
                yield current[0][0], current
                current = []
            current.append((base + pos, line))
        elif current:
            yield current[0][0], current
            current = []
        pos += len(raw)
    if current:
        yield current[0][0], current


def block_from_lines(lines: list[tuple[int, str]], kind: str | None = None) -> Block:
    """Join lines with newlines, dropping indentation and list markers but keeping the map."""
    smap = SourceMap()
    parts: list[str] = []
    length = 0
    is_list = False
    for i, (offset, line) in enumerate(lines):
        start = len(line) - len(line.lstrip())
        if i == 0:
            marker = LIST_MARKER.match(line)
            if marker:
                start = marker.end()
                is_list = True
        content = line[start:].rstrip()
        if i:
            parts.append("\n")
            smap.add(length, offset - 1, 1)
            length += 1
        parts.append(content)
        smap.add(length, offset + start, len(content))
        length += len(content)
    kind = kind or ("list_item" if is_list else "heading" if _is_heading([l for _, l in lines]) else "paragraph")
    return Block("".join(parts), smap, kind)


_CELL = re.compile(r"[^\t]+")


def table_cells(lines: list[tuple[int, str]]) -> list[Block]:
    """A paragraph whose lines hold tab-separated columns is a table pasted from a spreadsheet
    or a Word table: each cell is a unit of its own, never one run-on sentence across rows."""
    blocks = []
    for offset, line in lines:
        for cell in _CELL.finditer(line):
            text = cell.group().strip()
            if text:
                start = cell.start() + len(cell.group()) - len(cell.group().lstrip())
                blocks.append(block_from_lines([(offset + start, text)], "table_cell"))
    return blocks


def read_text(text: str, path: str) -> Document:
    kept = BlockBudget()
    for _, lines in split_paragraphs(text):
        table = any("\t" in line.strip() for _, line in lines)
        if kept.full:  # over the limit: only counted
            kept.dropped += sum(1 for _, line in lines for _ in _CELL.finditer(line.strip())) if table else 1
        elif table:
            for block in table_cells(lines):
                kept.add(block)
        else:
            kept.add(block_from_lines(lines))
    return Document(path=path, source=text, format="text", blocks=kept.blocks, notices=kept.notices())
