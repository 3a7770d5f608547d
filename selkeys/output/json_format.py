"""JSON: one object for the whole run, stable keys, for scripts and other tools.

The object is written piece by piece (:func:`write`): a file's paragraphs and findings are
encoded one at a time, so a document with a hundred thousand paragraphs is never held as one
dictionary and one string at once. The text is exactly ``json.dumps(..., indent=2)``'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from selkeys import __version__
from selkeys.lint import BlockReport, FileResult
from selkeys.made_on_read import MadeOnRead


def _round(value):
    return round(value, 3) if isinstance(value, float) else value


class Rows(MadeOnRead[dict]):
    """A long list of a record (its paragraphs, findings, block texts) made an item at a time
    from the results whenever it is read, never held: for a record kept in memory, whose
    paragraphs with every sentence's score were most of a 10 MB document's run (600 MB)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:  # equal to the list it stands for
        return isinstance(other, (list, Rows)) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def paragraph_dict(b: BlockReport) -> dict:
    """One paragraph of a file object: its place, score, measures and sentences."""
    return {
        "index": b.index, "line": b.line, "lang": b.lang, "kind": b.kind,
        "score": b.score.to_dict() if b.score else None,
        "measures": {k: _round(v) for k, v in b.measures.items()},
        "sentences": [s.to_dict() for s in b.sentences],
        **({"location": b.location.to_dict()} if b.location is not None else {}),
    }


def file_fields(result: FileResult) -> Iterator[tuple[str, object]]:
    """The keys of a file object in order; paragraphs and findings as iterators."""
    yield "path", result.path
    yield "error", result.error
    yield "languages", dict(result.languages)
    yield "skipped_blocks", dict(result.skipped)
    yield "skipped_paragraphs", [s.to_dict() for s in result.skipped_blocks]
    yield "score", result.score.to_dict() if result.score else None
    yield "measures", {k: _round(v) for k, v in result.measures.items()}
    yield "by_language", {
        lang: {"score": report.score.to_dict() if report.score else None,
               "measures": {k: _round(v) for k, v in report.measures.items()}}
        for lang, report in result.by_language.items()
    }
    yield "paragraphs", map(paragraph_dict, result.blocks)
    yield "findings", (f.to_dict() for f in result.findings)
    # Word documents: facts about the file, section scores, proposals harder than their item;
    # and what the limits on hostile input left unchecked (selkeys.limits)
    yield "notices", dict(result.notices)
    yield "sections", [s.to_dict() for s in result.sections]
    yield "proposal_notes", [n.to_dict() for n in result.proposal_notes]


def file_dict(result: FileResult) -> dict:
    return {key: list(value) if isinstance(value, Iterator) else value for key, value in file_fields(result)}


def write_compact(pairs: Iterable[tuple[str, object]], out: TextIO) -> None:
    """``json.dumps(dict(pairs), ensure_ascii=False)`` written key by key and each list (or
    iterator) an item at a time: a 10 MB document's record is hundreds of MB as one string."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    first = True
    for key, value in pairs:
        out.write(("{" if first else ", ") + dumps(key) + ": ")
        first = False
        if isinstance(value, (list, Iterator, Rows)):
            out.write("[")
            for i, item in enumerate(value):
                out.write((", " if i else "") + dumps(item))
            out.write("]")
        else:
            out.write(dumps(value))
    out.write("{}" if first else "}")


def _encode(value: object, pad: str) -> str:
    """``value`` as json.dumps(indent=2) writes it at the depth whose indentation is ``pad``
    (strings never hold a raw newline, so the lines can simply be shifted)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)


def _write_list(out: TextIO, items: Iterable[object], pad: str) -> None:
    inner = pad + "  "
    empty = True
    for item in items:
        out.write(("[\n" if empty else ",\n") + inner + _encode(item, inner))
        empty = False
    out.write("[]" if empty else "\n" + pad + "]")


def _write_file(out: TextIO, result: FileResult, pad: str) -> None:
    inner = pad + "  "
    for n, (key, value) in enumerate(file_fields(result)):
        out.write(("{\n" if n == 0 else ",\n") + inner + json.dumps(key) + ": ")
        if isinstance(value, Iterator):
            _write_list(out, value, inner)
        else:
            out.write(_encode(value, inner))
    out.write("\n" + pad + "}")


def write(results: list[FileResult], out: TextIO) -> None:
    """The whole run's JSON object, followed by a newline."""
    out.write('{\n  "selkeys": ' + json.dumps(__version__) + ',\n  "files": ')
    if results:
        for n, result in enumerate(results):
            out.write(("[\n" if n == 0 else ",\n") + "    ")
            _write_file(out, result, "    ")
        out.write("\n  ]")
    else:
        out.write("[]")
    summary = {"files": len(results), "findings": sum(len(r.findings) for r in results),
               "errors": sum(1 for r in results if r.error)}
    out.write(',\n  "summary": ' + _encode(summary, "  ") + "\n}\n")
