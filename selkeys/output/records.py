"""One JSON-ready record per linted file or web page: the unit that batch runs stream to disk.

A site run can cover thousands of pages, so results are not kept in memory: each page becomes
a record (the JSON format's file object plus the page's text blocks and where each finding
sits in its block), written as one JSONL line, and every output format (CI formats, the HTML
report, baselines) is rendered by reading the records back one at a time.

:func:`page_line` writes the line straight from the results, a paragraph and a finding at a
time: a 10 MB document's record would otherwise be held as a dictionary and as a string at
once (its paragraphs alone, with every sentence's score, are close to 100 MB of JSON).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from selkeys.lint import FileResult
from selkeys.model import Document
from selkeys.output.json_format import Rows, file_fields, paragraph_dict, write_compact


def _fields(result: FileResult, doc: Document | None, paragraphs: bool, meta: dict) -> Iterator[tuple[str, object]]:
    """The record's keys in order, as ``page_record`` builds them; long lists as iterators."""
    fields = dict(file_fields(result))
    fields.update(meta)
    findings = fields["findings"]
    # without paragraph detail, each paragraph's place and language still: a finding is told in
    # its paragraph's language, which records do not repeat per finding. Each report is read
    # once (the engine makes it anew on every read: selkeys.block_reports)
    fields["paragraphs"] = map(_paragraph if paragraphs else _place, result.blocks)
    fields["findings"] = (_with_block(data, f) for data, f in zip(findings, result.findings))
    fields["blocks"] = ({"index": i, "kind": b.kind, "text": b.text} for i, b in enumerate(doc.blocks)) \
        if doc is not None else iter(())
    yield from fields.items()


def _with_block(data: dict, finding) -> dict:
    data["block"] = finding.block_index
    data["block_start"] = finding.block_start
    data["block_end"] = finding.block_end
    return data


def _with_sentence_spans(paragraph: dict, block) -> dict:
    for sentence, data in zip(block.sentences, paragraph["sentences"]):
        data["block_start"] = sentence.block_start
        data["block_end"] = sentence.block_end
    return paragraph


def page_record(result: FileResult, doc: Document | None = None, paragraphs: bool = True, **meta) -> dict:
    """``file_dict`` (its ``paragraphs`` without scores, measures and sentences unless
    ``paragraphs``) plus ``blocks`` (index, kind, text) and, per finding, its block and the
    block-relative span, and per scored sentence its block-relative span (a report quotes the
    hardest sentences from the block text); ``meta`` adds page facts (url, final_url, status,
    lang_versions, ...)."""
    return {key: list(value) if isinstance(value, Iterator) else value
            for key, value in _fields(result, doc, paragraphs, meta)}


def page_record_view(result: FileResult, doc: Document | None = None, paragraphs: bool = True, **meta) -> dict:
    """:func:`page_record` for a run that keeps its one record in memory: the same keys and
    values, but paragraphs, findings and block texts are :class:`Rows`, made from ``result`` and
    ``doc`` whenever they are read. As dictionaries, a 10 MB document's paragraphs and
    sentence scores took several hundred MB; the results they come from are held anyway."""
    record = dict(_fields(result, doc, paragraphs, meta))  # its long lists, unread iterators, replaced in place
    record["paragraphs"] = Rows(result.blocks, _paragraph if paragraphs else _place)
    record["findings"] = Rows(result.findings, lambda f: _with_block(f.to_dict(), f))
    blocks = doc.blocks if doc is not None else ()
    record["blocks"] = Rows(range(len(blocks)), lambda i: {"index": i, "kind": blocks[i].kind, "text": blocks[i].text})
    return record


def _paragraph(block) -> dict:
    return _with_sentence_spans(paragraph_dict(block), block)


def _place(block) -> dict:
    return {"index": block.index, "line": block.line, "lang": block.lang, "kind": block.kind}


def page_line(result: FileResult, doc: Document | None = None, paragraphs: bool = True, **meta) -> bytes:
    """``json.dumps(page_record(...), ensure_ascii=False)`` in UTF-8, without building the
    record or the line as a string: a 10 MB document's line is close to 200 MB, several times
    that as Python strings (written a paragraph and a finding at a time, it is held once, as
    bytes)."""
    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    write_compact(_fields(result, doc, paragraphs, meta), text)
    text.flush()
    text.detach()  # leaves ``out`` open
    return out.getvalue()
