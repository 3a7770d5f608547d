"""One JSON-ready record per linted file or web page: the unit that batch runs stream to disk.

A site run can cover thousands of pages, so results are not kept in memory: each page becomes
a record (the JSON format's file object plus the page's text blocks and where each finding
sits in its block), written as one JSONL line, and every output format (CI formats, the HTML
report, baselines) is rendered by reading the records back one at a time.
"""

from __future__ import annotations

from selkeys.lint import FileResult
from selkeys.model import Document
from selkeys.output.json_format import file_dict


def page_record(result: FileResult, doc: Document | None = None, **meta) -> dict:
    """``file_dict`` plus ``blocks`` (index, kind, text) and, per finding, its block and the
    block-relative span, and per scored sentence its block-relative span (a report quotes the
    hardest sentences from the block text); ``meta`` adds page facts (url, final_url, status,
    lang_versions, ...)."""
    record = file_dict(result)
    record.update(meta)
    record["blocks"] = ([{"index": i, "kind": b.kind, "text": b.text} for i, b in enumerate(doc.blocks)]
                        if doc is not None else [])
    for finding, data in zip(result.findings, record["findings"]):
        data["block"] = finding.block_index
        data["block_start"] = finding.block_start
        data["block_end"] = finding.block_end
    for block, paragraph in zip(result.blocks, record["paragraphs"]):
        for sentence, data in zip(block.sentences, paragraph["sentences"]):
            data["block_start"] = sentence.block_start
            data["block_end"] = sentence.block_end
    return record
