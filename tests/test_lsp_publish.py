"""The language server's publish memo: reused diagnostics are exactly the ones built afresh."""

from __future__ import annotations

import json

from lsprotocol import types
from pygls.protocol import default_converter

from selkeys.config import Config
from selkeys.lint import Linter
from selkeys.lsp.convert import LineIndex, diagnostic
from selkeys.lsp.publish import DiagnosticMemo, converter
from selkeys.readers import read_bytes

PARAGRAPH = "Asiakas suorittaa maksun eräpäivään mennessä, ja lisätietoja antaa esim. kirjaamo."


def _fresh(text: str, href) -> list[dict]:
    """What the server published before the memo: a Diagnostic per finding, unstructured."""
    findings = Linter().lint_document(read_bytes(text.encode(), "a.md"), Config()).findings
    index = LineIndex(text)
    return [default_converter().unstructure(diagnostic(f, index, href(f)), types.Diagnostic) for f in findings]


def test_memo_gives_what_a_fresh_build_gives_after_every_edit():
    linter, memo = Linter(), DiagnosticMemo()
    text = "# Ohje\n\n" + "\n\n".join(f"{n}. {PARAGRAPH}" for n in range(6)) + "\n"
    edits = ["", "Uusi alku. ", "🙂 ", "Rivi\n\n", "Esim. "]  # same places, offsets moved, lines moved
    for n, prefix in enumerate(edits):
        text = text.replace("# Ohje\n\n", "# Ohje\n\n" + prefix, 1)
        href = (lambda f: None) if n < 2 else (lambda f: f"file:///h.html#{f.code}")  # the handbook came
        index = LineIndex(text)
        findings = linter.lint_document(read_bytes(text.encode(), "a.md"), Config()).findings
        assert memo.render(findings, index, href) == _fresh(text, href)


def test_publish_params_serialise_as_lsprotocol_writes_them():
    index = LineIndex("Asiakas suorittaa maksun.")
    findings = Linter().lint_document(read_bytes(index.text.encode(), "a.txt"), Config()).findings
    objects = [diagnostic(f, index, None) for f in findings]
    rendered = DiagnosticMemo().render(findings, index, lambda f: None)
    for version in (None, 3):
        expected = default_converter().unstructure(
            types.PublishDiagnosticsParams(uri="file:///a.txt", version=version, diagnostics=objects))
        for diagnostics in (objects, rendered):
            params = types.PublishDiagnosticsParams(uri="file:///a.txt", version=version, diagnostics=diagnostics)
            assert json.dumps(converter().unstructure(params)) == json.dumps(expected)  # the same bytes
