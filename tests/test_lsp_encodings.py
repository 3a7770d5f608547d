"""The language server in each position encoding a client may negotiate (LSP 3.17
``general.positionEncodings``): UTF-8 (Helix, newer Neovim), UTF-16 (the protocol's default,
VS Code) and UTF-32. Ranges, quick fixes, hover and incoming edits must all count in the
negotiated unit; the test converts positions itself, with Python's codecs, so that it does not
trust the server's own conversion."""

from __future__ import annotations

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

TEXT = ("Hämäläisen äänestäjä kävi esim. kaupungintalolla.\n"
        "\n"
        "🙂 Asiakas suorittaa maksun heti, 🙂 esim. verkossa.\n")
# the code unit of each encoding, as Python's codecs write it without a BOM
_CODECS = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}


def _offset(text: str, position: types.Position, encoding: str) -> int:
    """The character offset of an LSP position whose character counts ``encoding`` code units."""
    codec, width = _CODECS[encoding]
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:position.line])
    units = lines[position.line].encode(codec)[:position.character * width]
    return start + len(units.decode(codec))


def _position(text: str, offset: int, encoding: str) -> types.Position:
    codec, width = _CODECS[encoding]
    before = text[:offset]
    line_start = before.rfind("\n") + 1
    return types.Position(line=before.count("\n"), character=len(before[line_start:].encode(codec)) // width)


def _covered(text: str, range_: types.Range, encoding: str) -> str:
    return text[_offset(text, range_.start, encoding):_offset(text, range_.end, encoding)]


def _apply(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = sorted(((_offset(text, e.range.start, encoding), _offset(text, e.range.end, encoding), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "selkeys", "lsp"]),
                    params=["utf-8", "utf-16", "utf-32"])
async def client(lsp_client: LanguageClient, request, tmp_path_factory):
    """A client that prefers ``request.param`` (and, as every client must, also speaks UTF-16)."""
    root = tmp_path_factory.mktemp("encodings")
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=[request.param, "utf-16"]),
            workspace=types.WorkspaceClientCapabilities(configuration=False),
            text_document=types.TextDocumentClientCapabilities(
                code_action=types.CodeActionClientCapabilities(
                    code_action_literal_support=types.ClientCodeActionLiteralOptions(
                        code_action_kind=types.ClientCodeActionKindOptions(value_set=["quickfix", "source"]))))),
        root_uri=root.as_uri(),
    ))
    lsp_client.encoding = request.param
    lsp_client.negotiated = result.capabilities.position_encoding
    lsp_client.root = root
    yield
    await lsp_client.shutdown_session()


async def _diagnostics(client: LanguageClient, uri: str, until) -> list[types.Diagnostic]:
    for _ in range(50):
        current = client.diagnostics.get(uri)
        if current is not None and until(current):
            return list(current)
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    raise AssertionError("no matching diagnostics")


def _open(client: LanguageClient, name: str, text: str) -> str:
    path = client.root / name
    path.write_text(text, encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=path.as_uri(), language_id="markdown", version=1, text=text)))
    return path.as_uri()


@pytest.mark.asyncio
async def test_ranges_fixes_hover_and_edits_count_in_the_negotiated_encoding(client: LanguageClient):
    """The official in the editor: FI-ABBR-001 covers exactly "esim." after ä, ö and emoji,
    and its quick fix gives the right text, whatever unit the editor counts in."""
    encoding = client.encoding
    assert client.negotiated == encoding
    uri = _open(client, "kirje.md", TEXT)
    diagnostics = await _diagnostics(client, uri, lambda ds: any(d.code == "FI-NOUN-001" for d in ds))
    abbreviations = sorted((d for d in diagnostics if d.code == "FI-ABBR-001"), key=lambda d: d.range.start.line)
    assert [_covered(TEXT, d.range, encoding) for d in abbreviations] == ["esim.", "esim."]
    noun = next(d for d in diagnostics if d.code == "FI-NOUN-001")
    assert _covered(TEXT, noun.range, encoding) == "suorittaa maksun"
    assert noun.range.start == _position(TEXT, TEXT.index("suorittaa"), encoding)

    first = abbreviations[0]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=first.range,
        context=types.CodeActionContext(diagnostics=[first])))
    fix = next(a for a in actions if getattr(a, "kind", None) == types.CodeActionKind.QuickFix and "esimerkiksi" in a.title)
    fixed = _apply(TEXT, fix.edit.changes[uri], encoding)
    assert fixed.splitlines()[0] == "Hämäläisen äänestäjä kävi esimerkiksi kaupungintalolla."
    assert fixed.splitlines()[2] == TEXT.splitlines()[2]
    fix_all = next(a for a in actions if getattr(a, "kind", None) == types.CodeActionKind.SourceFixAll)
    assert _apply(TEXT, fix_all.edit.changes[uri], encoding) == TEXT.replace("esim.", "esimerkiksi")

    # a position inside "esim." on the emoji line, in the client's units
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=abbreviations[1].range.end))
    assert hover is not None and "FI-ABBR-001" in hover.contents.value
    assert _covered(TEXT, hover.range, encoding) == "esim."

    # an incremental edit in the client's units: "suorittaa maksun" -> "maksaa"
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=noun.range, text="maksaa")]))
    edited = TEXT.replace("suorittaa maksun", "maksaa")
    after = await _diagnostics(client, uri, lambda ds: not any(d.code == "FI-NOUN-001" for d in ds))
    assert sorted(_covered(edited, d.range, encoding) for d in after if d.code == "FI-ABBR-001") == ["esim.", "esim."]
