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

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        prefix = self.text[start:min(offset, self.ends[line])]
        return types.Position(line=line, character=self._units(prefix))

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
