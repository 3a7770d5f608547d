"""Between the engine's character offsets and LSP positions.

A position's ``character`` counts code units of the encoding the client and server agreed on
at initialisation (``general.positionEncodings``: UTF-8, UTF-16 or UTF-32; UTF-16 when the
client says nothing). pygls negotiates it and keeps the codec on the workspace; every range
and edit the server sends goes through that codec, so an editor that counts bytes (Helix,
newer Neovim) gets the same words highlighted as one that counts UTF-16 units.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types
from pygls.workspace import PositionCodec

from selkeys.model import Finding, Severity

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}
# the line ends LSP knows (its clients number lines by these, not by str.splitlines' longer list)
_LINE_END = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # two UTF-16 code units each


class LineIndex:
    """Line starts of a text, for offset <-> (line, character in the negotiated encoding)."""

    def __init__(self, text: str, codec: PositionCodec | None = None) -> None:
        self.text = text
        self.codec = codec if codec is not None else PositionCodec()  # UTF-16: LSP's default
        self.starts = [0]
        self.ends: list[int] = []  # where each line's text ends (before its line break)
        for match in _LINE_END.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        self._narrow: dict[int, bool] = {}  # line -> one code unit per character (_one_unit_each)

    def position(self, offset: int) -> types.Position:
        line, character = self.place(offset)
        return types.Position(line=line, character=character)

    def place(self, offset: int) -> tuple[int, int]:
        """(line, character) of ``offset``, as :meth:`position` gives them, without building
        a Position: the publish memo (selkeys.lsp.publish) keys on it for every finding."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start, end = self.starts[line], min(offset, self.ends[line])
        if self._one_unit_each(line):
            return line, end - start
        return line, self._units(self.text[start:end])

    def _one_unit_each(self, line: int) -> bool:
        """Whether every character of ``line`` is one code unit in the negotiated encoding
        (UTF-16: no character beyond the BMP, so ä and ö too; UTF-8: ASCII only). Then a
        column is a count of characters, and placing a finding needs no slice of its line:
        a paragraph is one long line, and encoding its prefix for each of its findings was
        most of the time it took to place them. Worked out once per line."""
        known = self._narrow.get(line)
        if known is None:
            text = self.text[self.starts[line]:self.ends[line]]
            encoding = self.codec.encoding
            known = self._narrow[line] = (encoding == types.PositionEncodingKind.Utf32 or text.isascii() or (
                encoding != types.PositionEncodingKind.Utf8 and _ASTRAL.search(text) is None))
        return known

    def _units(self, prefix: str) -> int:
        """Code units of ``prefix`` in the negotiated encoding, counted by the str codecs in C:
        pygls counts them a character at a time in Python, and a Markdown paragraph is one long
        line, so ~800 findings in a 10,000-word document took 400 ms to place (2 ms now)."""
        encoding = self.codec.encoding
        if encoding == types.PositionEncodingKind.Utf32:
            return len(prefix)
        if encoding == types.PositionEncodingKind.Utf8:
            return len(prefix.encode("utf-8", "surrogatepass"))
        if prefix.isascii():
            return len(prefix)
        return len(prefix.encode("utf-16-le", "surrogatepass")) // 2

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.ends[position.line]
        line = self.text[start:end]
        if position.character >= self.codec.client_num_units(line):
            return end  # past the end of the line: its end, as the protocol says
        # a copy: pygls' codec may adjust the position it is given
        inside = self.codec.position_from_client_units([line], types.Position(line=0, character=position.character))
        return start + inside.character

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))


def diagnostic(finding: Finding, index: LineIndex, docs_href: str | None) -> types.Diagnostic:
    message = finding.message
    if finding.suggestions:
        message += "\n→ " + finding.suggestions[0].text
    return types.Diagnostic(
        range=index.range(finding.start, finding.end),
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=docs_href) if docs_href else None,
        source="selkeys",
        message=message,
        data={"start": finding.start, "end": finding.end},
    )
