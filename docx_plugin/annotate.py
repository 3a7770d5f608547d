"""Findings written back into a copy of the Word document as comments.

Each finding becomes one comment by "selkeys" anchored on exactly the words it covers: runs
are split at the finding's first and last character, the new run copying the old one's
formatting (``w:rPr``), so the document looks the same. Findings in headers, footers and
notes, where Word keeps no comments, are anchored on the note's reference mark in the text
(or, for headers and footers, on the first paragraph) and say where they are. One summary
comment at the top gives the score, the hardest paragraphs and what the reader noticed.

The input is never modified: the copy is written to a temporary file next to the output and
renamed into place, and an output that is the input is refused.
"""

from __future__ import annotations

import bisect
import copy
import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from selkeys.config import Config
from selkeys.docx_plugin.container import open_package
from selkeys.docx_plugin.reader import RPR, Anchor, Piece, read_docx_package
from selkeys.lint import FileResult, Linter
from selkeys.messages import cap, for_document, for_finding, text
from selkeys.model import Block, Document, Finding
from selkeys.output.places import describe, notice_lines, proposal_line
from selkeys.readers import InputError, read_file_bytes

AUTHOR, INITIALS = "selkeys", "SK"
WORST_PARAGRAPHS = 3
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class AnnotateError(Exception):
    """A request the annotator refuses (the output is the input, a macro-enabled document)."""


@dataclass(slots=True)
class Annotated:
    result: FileResult
    comments: int  # comments written, the summary included
    output: str
    document: Document | None = None  # as read for ``result`` (its blocks go into the run's record)


def _new_file_mode() -> int:
    """The mode an ordinary new file gets under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _same_file(a: str, b: str) -> bool:
    try:
        if os.path.exists(b) and os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return Path(a).resolve() == Path(b).resolve()


# -- splitting runs ---------------------------------------------------------------------
def _new_run_after(run: etree._Element, first_moved: etree._Element) -> None:
    """Move ``first_moved`` and the run content after it into a new run right after ``run``,
    with a copy of the run's formatting."""
    from docx.oxml.parser import OxmlElement

    new = OxmlElement("w:r")
    for name, value in run.attrib.items():
        new.set(name, value)
    rpr = run.find(RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    for element in [first_moved, *first_moved.itersiblings()]:
        new.append(element)
    run.addnext(new)


def _starts_run(element: etree._Element) -> bool:
    return all(sibling.tag == RPR for sibling in element.itersiblings(preceding=True))


def _cut(pieces: list[Piece], offset: int) -> None:
    """Make ``offset`` (a block-text offset) a run boundary, splitting a w:t if needed."""
    starts = [p.start for p in pieces]
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0 or offset >= pieces[-1].end:
        return
    piece = pieces[i]
    if piece.start < offset:  # inside a text element: split its text
        from docx.oxml.parser import OxmlElement

        element, k = piece.element, offset - piece.start
        rest = OxmlElement("w:t")
        rest.text = element.text[k:]
        element.text = element.text[:k]
        for t in (element, rest):
            t.set(XML_SPACE, "preserve")
        element.addnext(rest)
        pieces[i] = Piece(piece.start, offset, element)
        pieces.insert(i + 1, Piece(offset, piece.end, rest))
        piece = pieces[i + 1]
    if not _starts_run(piece.element):
        _new_run_after(piece.element.getparent(), piece.element)


def _runs(pieces: list[Piece], start: int, end: int) -> list[etree._Element]:
    """The runs holding characters ``start``..``end`` (already cut at both ends), in order."""
    runs: list[etree._Element] = []
    for piece in pieces:
        if piece.start >= start and piece.end <= end and piece.end > piece.start:
            run = piece.element.getparent()
            if not runs or runs[-1] is not run:
                runs.append(run)
    return runs


# -- comment texts ------------------------------------------------------------------
def comment_text(finding: Finding, message_lang: str | None, with_place: bool = False) -> str:
    """Message, suggestion and rule code, in the language of the finding's text unless the user
    chose one; ``with_place`` names where the finding is, for an anchor that cannot show it."""
    lang = for_finding(message_lang, finding)
    where = describe(finding.location, lang) if with_place and finding.location is not None else None
    lines = [f"{where}: ”{finding.matched}”" if where else None, finding.message]
    for s in finding.suggestions:
        kind = text("suggestion.safe" if s.safe else "suggestion.review", lang)
        lines.append(f"{cap(text('suggestion.label', lang))} ({kind}): {s.text}")
    lines.append(f"{finding.code} ({text(f'severity.{finding.severity.label}', lang)})")
    return "\n".join(line for line in lines if line)


def summary_text(result: FileResult, message_lang: str | None, doc_blocks: list[Block]) -> str:
    """Score per language, number of findings, notes and the hardest paragraphs, in the
    document's main language unless the user chose one."""
    from selkeys.score import label

    lang = for_document(message_lang, result)
    lines = []
    for text_lang, report in result.by_language.items():
        if report.score is None:
            continue
        s = report.score
        drivers = ", ".join(label(m, lang) for m, _ in s.drivers[:3])
        suffix = f" [{text_lang}]" if len(result.by_language) > 1 else ""
        lines.append(f"selkeys – {cap(text('score.name', lang))}{suffix}: {s.value:.0f}/100 "
                     f"({s.band_label(lang)})" + (f"; {text('score.drivers', lang)}: {drivers}" if drivers else ""))
    lines.append(text("findings.count", lang, n=len(result.findings)))
    for note in result.proposal_notes:
        lines.append(proposal_line(note.item, note.section, note.score, note.rest, lang))
    lines.extend(notice_lines(result.notices, lang))
    worst = sorted((b for b in result.blocks if b.score is not None and b.kind != "heading"),
                   key=lambda b: b.score.value)[:WORST_PARAGRAPHS]
    if worst:
        lines.append(f"{text('docx.hardest_paragraphs', lang)}:")
        for b in worst:
            content = " ".join(doc_blocks[b.index].text.split())
            snippet = content if len(content) <= 60 else content[:59] + "…"
            where = describe(b.location, lang) if b.location is not None else ""
            lines.append(f"– {where}: {b.score.value:.0f}/100 ”{snippet}”")
    return "\n".join(lines)


# -- the annotator ------------------------------------------------------------------
class _Commenter:
    """Places comments in the python-docx document whose main part the anchors point into."""

    def __init__(self, word, highlight: bool) -> None:
        self.word = word
        self.highlight = highlight
        self.count = 0

    def add(self, first_run: etree._Element, last_run: etree._Element, text: str,
            mark: list[etree._Element] | None = None) -> None:
        comment = self.word.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
        first_run.insert_comment_range_start_above(comment.comment_id)
        last_run.insert_comment_range_end_and_reference_below(comment.comment_id)
        self.count += 1
        if self.highlight and mark:
            from docx.enum.text import WD_COLOR_INDEX
            from docx.text.run import Run

            for run in mark:
                Run(run, None).font.highlight_color = WD_COLOR_INDEX.YELLOW


def annotate_bytes(data: bytes, path: str, config: Config, linter: Linter, highlight: bool = False,
                   force_lang: str | None = None) -> tuple[bytes, Annotated]:
    """Lint a Word document and return the annotated copy's bytes with the lint result."""
    import docx
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError

    package = open_package(data, path, config.max_docx_uncompressed)
    if package.macro_enabled:
        raise AnnotateError(f"{path}: a macro-enabled document (.docm) is read but not annotated, so that "
                            "no macro is ever written back; save a copy as .docx and annotate that")
    try:
        word = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, etree.XMLSyntaxError, OpcError, PythonDocxError) as exc:
        raise InputError(path, f"the document cannot be opened for writing comments ({exc})") from None
    content = read_docx_package(package, word.element)
    doc = content.document
    result = linter.lint_document(doc, config, force_lang)

    anchors: list[Anchor] = content.anchors
    by_block: dict[int, list[Finding]] = {}
    for finding in result.findings:
        by_block.setdefault(finding.block_index, []).append(finding)
    for index, findings in by_block.items():
        pieces = anchors[index].pieces
        if anchors[index].part in ("body", "textbox") and pieces:
            for offset in sorted({o for f in findings for o in (f.block_start, f.block_end)}, reverse=True):
                _cut(pieces, offset)
    first_body = next((a for a in anchors if a.part == "body" and a.pieces), None)
    commenter = _Commenter(word, highlight)
    if first_body is not None:
        runs = _runs(first_body.pieces, 0, first_body.pieces[-1].end)
        commenter.add(runs[0], runs[-1], summary_text(result, config.message_lang, doc.blocks))
    for finding in result.findings:
        anchor = anchors[finding.block_index]
        if anchor.part in ("body", "textbox") and anchor.pieces:
            runs = _runs(anchor.pieces, finding.block_start, finding.block_end)
            if runs:
                commenter.add(runs[0], runs[-1], comment_text(finding, config.message_lang), runs)
                continue
        target = anchor.reference
        if target is None and first_body is not None:
            target = _runs(first_body.pieces, 0, first_body.pieces[-1].end)[0]
        if target is not None:
            commenter.add(target, target, comment_text(finding, config.message_lang, with_place=True))
    out = io.BytesIO()
    word.save(out)
    copy_bytes = out.getvalue()
    try:  # the copy must pass the guards its source passed (its size is ours, not a bomb), or it is not written
        open_package(copy_bytes, path, sys.maxsize)
    except InputError as exc:
        raise AnnotateError(f"{path}: the annotated copy would not be a sound Word document ({exc.reason}); "
                            "nothing was written") from None
    return copy_bytes, Annotated(result, commenter.count, "", doc)


def annotate_file(source: str, output: str, config: Config, linter: Linter, highlight: bool = False,
                  force_lang: str | None = None) -> Annotated:
    """Annotate ``source`` into ``output`` (a new file; the source is never touched)."""
    if _same_file(source, output):
        raise AnnotateError(f"{output}: is the input document; write the annotated copy to another file")
    data = read_file_bytes(source, config.max_file_size)
    annotated, report = annotate_bytes(data, source, config, linter, highlight, force_lang)
    folder = os.path.dirname(os.path.abspath(output))
    fd, temp = tempfile.mkstemp(prefix=".selkeys-", suffix=".docx", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(annotated)
        os.chmod(temp, _new_file_mode())  # mkstemp makes it private; a document is shared like any other
        os.replace(temp, output)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    report.output = output
    return report
