"""Between the engine's character offsets and LSP positions (UTF-16 code units by default)."""

from __future__ import annotations

from lsprotocol import types

from selkeys.model import Finding, Severity

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


class LineIndex:
    """Offsets of line starts in a text, for offset <-> (line, UTF-16 column) conversion."""

    def __init__(self, text: str, utf16: bool = True) -> None:
        self.text = text
        self.utf16 = utf16
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def position(self, offset: int) -> types.Position:
        import bisect

        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        prefix = self.text[self.starts[line]:offset]
        column = len(prefix.encode("utf-16-le")) // 2 if self.utf16 else len(prefix)
        return types.Position(line=line, character=column)

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] - 1 if position.line + 1 < len(self.starts) else len(self.text)
        line = self.text[start:end]
        if not self.utf16:
            return start + min(position.character, len(line))
        units = 0
        for i, ch in enumerate(line):
            if units >= position.character:
                return start + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return end

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
