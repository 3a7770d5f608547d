"""Diagnostics as the client receives them, remade only for the findings that changed.

After an edit most findings of a long document are what the last publish had: the same rule,
message, link and place (line and column; only their character offsets move when an earlier
paragraph grew). Building an lsprotocol ``Diagnostic`` for each of some 800 findings and
unstructuring it again for JSON took 15–20 ms of every publish. A :class:`DiagnosticMemo`
keeps each published diagnostic in its unstructured form (a JSON-ready dict), keyed by
everything that form is made from, so an unchanged finding costs two line lookups and a
dictionary hit. The key holds every input, so a reused diagnostic is exactly the one that
would be built afresh; only ``data`` (the finding's character offsets) is added each time.

pygls unstructures a notification by its declared types, so :func:`converter` gives the
server a converter that passes such ready dicts in ``PublishDiagnosticsParams.diagnostics``
through as they are (a ``Diagnostic`` object there is unstructured as usual).
"""

from __future__ import annotations

from collections.abc import Callable

from cattrs import Converter
from lsprotocol import types
from pygls.protocol import default_converter

from selkeys.lsp.convert import LineIndex, diagnostic
from selkeys.model import Finding

Rendered = dict  # one diagnostic as JSON-ready data, what the converter would make of a Diagnostic
_PLAIN = default_converter()  # pygls' own, for the diagnostics the memo does not have


class DiagnosticMemo:
    """One open document's last published diagnostics, by what each was made from."""

    def __init__(self) -> None:
        self._entries: dict[tuple, Rendered] = {}

    def render(self, findings: list[Finding], index: LineIndex,
               docs_href: Callable[[Finding], str | None]) -> list[Rendered]:
        """The diagnostics of ``findings`` in ``index``'s text, ready for JSON. The memo then
        holds only these, so it never outgrows the document's current findings."""
        entries: dict[tuple, Rendered] = {}
        rendered = []
        for finding in findings:
            href = docs_href(finding)
            suggestion = finding.suggestions[0].text if finding.suggestions else None
            key = (finding.code, finding.severity, finding.message, suggestion, href,
                   index.place(finding.start), index.place(finding.end))
            body = entries.get(key) or self._entries.get(key)
            if body is None:
                body = _PLAIN.unstructure(diagnostic(finding, index, href), types.Diagnostic)
                del body["data"]  # the offsets: they move with every edit before the finding
            entries[key] = body
            rendered.append({**body, "data": {"start": finding.start, "end": finding.end}})
        self._entries = entries
        return rendered


def converter() -> Converter:
    """pygls' converter, with rendered diagnostics (see :class:`DiagnosticMemo`) passed through
    ``PublishDiagnosticsParams`` as they are; the fields are what lsprotocol writes, in its order
    (``version`` last, left out when None)."""
    conv = default_converter()

    def publish_params(params: types.PublishDiagnosticsParams) -> dict:
        data: dict = {"uri": params.uri,
                      "diagnostics": [d if isinstance(d, dict) else conv.unstructure(d, types.Diagnostic)
                                      for d in params.diagnostics]}
        if params.version is not None:
            data["version"] = params.version
        return data

    conv.register_unstructure_hook(types.PublishDiagnosticsParams, publish_params)
    return conv
