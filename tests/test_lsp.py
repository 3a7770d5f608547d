"""The language server end to end, through a real LSP client (pytest-lsp) over stdio."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

BAD = "# Otsikko\n\nAsiakas suorittaa maksun eräpäivään mennessä.\n\nLisätietoja antaa esim. kirjaamo.\n"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "selkeys", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(configuration=False),
            text_document=types.TextDocumentClientCapabilities(
                code_action=types.CodeActionClientCapabilities(
                    code_action_literal_support=types.ClientCodeActionLiteralOptions(
                        code_action_kind=types.ClientCodeActionKindOptions(value_set=["quickfix", "source"]))))),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="ws")],
    ))
    lsp_client.root = root
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, name: str, text: str, language: str = "markdown") -> str:
    path = client.root / name
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


async def _diagnostics(client: LanguageClient, uri: str, version: int | None = None,
                       until=None) -> list[types.Diagnostic]:
    """Without ``until``: the next diagnostics published for ``uri`` (the server publishes only
    results for the document's current version). With ``until``: the first diagnostics, already
    received or still to come, that satisfy it."""
    current = client.diagnostics.get(uri)
    if until is not None and current is not None and until(current):
        return list(current)
    for _ in range(50):
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
        diagnostics = client.diagnostics.get(uri)
        if diagnostics is not None and (until is None or until(diagnostics)):
            return list(diagnostics)
    raise AssertionError("no matching diagnostics")


def _change(client, uri, version, text=None, range_=None, new=""):
    change = (types.TextDocumentContentChangeWholeDocument(text=text) if text is not None else
              types.TextDocumentContentChangePartial(range=range_, text=new))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))


@pytest.mark.asyncio
async def test_open_change_and_save(client: LanguageClient):
    uri = _open(client, "a.md", BAD)
    # the handbook the links point to may still be building: diagnostics come first, then
    # again with their links
    diagnostics = await _diagnostics(client, uri, 1, until=lambda ds: any(d.code_description for d in ds))
    codes = {d.code for d in diagnostics}
    assert {"FI-NOUN-001", "FI-ABBR-001"} <= codes
    noun = next(d for d in diagnostics if d.code == "FI-NOUN-001")
    assert (noun.range.start.line, noun.range.start.character) == (2, 8)
    assert noun.source == "selkeys" and noun.severity == types.DiagnosticSeverity.Warning
    assert noun.code_description and noun.code_description.href.endswith("handbook.html#FI-NOUN-001")
    handbook = Path(unquote(urlparse(noun.code_description.href).path))
    assert 'id="FI-NOUN-001"' in handbook.read_text(encoding="utf-8")  # the link's anchor exists

    # incremental edit: replace "suorittaa maksun" with "maksaa laskun"
    _change(client, uri, 2, range_=types.Range(start=types.Position(2, 8), end=types.Position(2, 24)),
            new="maksaa laskun")
    diagnostics = await _diagnostics(client, uri, 2)
    assert "FI-NOUN-001" not in {d.code for d in diagnostics}
    assert "FI-ABBR-001" in {d.code for d in diagnostics}  # the unchanged paragraph still reports

    # full-document sync works too
    _change(client, uri, 3, text=BAD)
    diagnostics = await _diagnostics(client, uri, 3)
    assert "FI-NOUN-001" in {d.code for d in diagnostics}
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert "FI-NOUN-001" in {d.code for d in await _diagnostics(client, uri, 3)}


@pytest.mark.asyncio
async def test_utf16_columns(client: LanguageClient):
    uri = _open(client, "emoji.md", "🙂 Asiakas suorittaa maksun heti.\n")
    (noun,) = [d for d in await _diagnostics(client, uri, 1) if d.code == "FI-NOUN-001"]
    assert noun.range.start.character == 11  # the emoji is two UTF-16 units


@pytest.mark.asyncio
async def test_code_actions_rewrite_fix_all_suppress(client: LanguageClient):
    uri = _open(client, "b.md", BAD)
    diagnostics = await _diagnostics(client, uri, 1)
    abbr = next(d for d in diagnostics if d.code == "FI-ABBR-001")
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=abbr.range,
        context=types.CodeActionContext(diagnostics=[abbr])))
    titles = [a.title for a in found]
    fix = next(a for a in found if "esimerkiksi" in a.title)
    assert fix.is_preferred
    text = _apply(BAD, fix.edit.changes[uri])
    assert "Lisätietoja antaa esimerkiksi kirjaamo." in text
    fix_all = next(a for a in found if getattr(a, "kind", None) == types.CodeActionKind.SourceFixAll)
    assert "esimerkiksi" in _apply(BAD, fix_all.edit.changes[uri])
    suppress = next(a for a in found if "FI-ABBR-001" in a.title)
    suppressed = _apply(BAD, suppress.edit.changes[uri])
    assert "<!-- selkeys-disable-next-line FI-ABBR-001 -- syy / reason -->\nLisätietoja" in suppressed
    _change(client, uri, 2, text=suppressed)
    assert "FI-ABBR-001" not in {d.code for d in await _diagnostics(client, uri, 2)}
    assert any("sanastoon" in t or "vocabulary" in t for t in titles)


@pytest.mark.asyncio
async def test_add_to_vocabulary_writes_config_and_relints(client: LanguageClient):
    uri = _open(client, "c.md", BAD)
    await _diagnostics(client, uri, 1)
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="selkeys.addToVocabulary", arguments=[uri, "suorittaa maksun"]))
    config = client.root / "selkeys.toml"
    for _ in range(50):
        if config.exists():
            break
        await asyncio.sleep(0.1)
    assert 'vocabulary = ["suorittaa maksun"]' in config.read_text(encoding="utf-8")
    await _diagnostics(client, uri, until=lambda ds: "FI-NOUN-001" not in {d.code for d in ds})


@pytest.mark.asyncio
async def test_hover_and_code_lens(client: LanguageClient):
    uri = _open(client, "d.md", BAD)
    diagnostics = await _diagnostics(client, uri, 1)
    noun = next(d for d in diagnostics if d.code == "FI-NOUN-001")
    result = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=noun.range.start))
    assert "FI-NOUN-001" in result.contents.value and "suorittaa" in result.contents.value
    paragraph = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(4, 2)))
    assert "/100" in paragraph.contents.value
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert lenses and "/100" in lenses[0].command.title


SV = "# Ansökan\n\nAnsökan skall lämnas in senast den 5 maj. Vi erhåller beslutet inom en vecka.\n"


@pytest.mark.asyncio
async def test_swedish_text_gets_swedish_messages_unless_the_editor_asks_otherwise(client: LanguageClient):
    uri = _open(client, "sv.md", SV)
    linked = await _diagnostics(client, uri, 1, until=lambda ds: any(d.code_description for d in ds))
    skall = next(d for d in linked if d.code == "SV-ARCH-001")
    assert skall.message.startswith("”skall” är ålderdomligt")
    assert skall.code_description.href.endswith("/handbook-sv/handbook.html#SV-ARCH-001")  # the Swedish handbook
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=skall.range.start))
    value = hover.contents.value
    assert "Varför det stör läsaren" in value and "varning" in value
    # named by what it catches, not by its internal name
    assert value.splitlines()[0].endswith("** ”skall” är ålderdomligt. Skriv i dag: ska.")
    paragraph = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(2, 30)))
    assert " ord · " in paragraph.contents.value and "ord/mening" in paragraph.contents.value
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert "klar" in lenses[0].command.title or "svår" in lenses[0].command.title
    # the editor's messageLang setting overrides the text's language
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"selkeys": {"messageLang": "en"}}))
    english = await _diagnostics(client, uri, until=lambda ds: any(d.message.startswith('"skall"') for d in ds))
    assert next(d for d in english if d.code == "SV-ARCH-001").message.startswith('"skall" is archaic')


@pytest.mark.asyncio
async def test_oversized_document_is_refused_with_a_message(client: LanguageClient):
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"selkeys": {}}))
    (client.root / "selkeys.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    await client.workspace_execute_command_async(types.ExecuteCommandParams(command="selkeys.relintAll"))
    uri = _open(client, "big.md", BAD * 100)
    assert await _diagnostics(client, uri) == []
    assert any("1000 tavun rajan" in m.message for m in client.messages)  # in Finnish: nothing was read to say otherwise


@pytest.mark.asyncio
async def test_configuration_change_applies(client: LanguageClient):
    uri = _open(client, "e.md", BAD)
    assert "FI-NOUN-001" in {d.code for d in await _diagnostics(client, uri, 1)}
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"selkeys": {"ignore": ["FI-NOUN"]}}))
    await _diagnostics(client, uri, until=lambda ds: "FI-NOUN-001" not in {d.code for d in ds})


def test_malformed_requests_get_errors_and_the_server_keeps_serving(tmp_path):
    """Raw JSON-RPC (a typed client cannot send broken parameters): pygls reports bad requests
    to the user (window/showMessage) instead of crashing, and the next good request is served."""
    import json
    import subprocess

    proc = subprocess.Popen([sys.executable, "-m", "selkeys", "lsp"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(message: dict) -> None:
        body = json.dumps(message).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    def receive(match) -> dict:
        while True:
            length = 0
            while (line := proc.stdout.readline().strip()):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(proc.stdout.read(length))
            if match(message):
                return message

    def response(request_id: int):
        return lambda message: message.get("id") == request_id

    def shown_error(message: dict) -> bool:
        return message.get("method") == "window/showMessage" and message["params"]["type"] == 1

    try:
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}})
        assert "capabilities" in receive(response(1))["result"]
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
              "params": {"textDocument": {"uri": 12}, "position": "nowhere"}})
        assert "Invalid Params" in receive(shown_error)["params"]["message"]
        send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": [1, 2, 3]})
        assert "Invalid Params" in receive(shown_error)["params"]["message"]
        send({"jsonrpc": "2.0", "id": 4, "method": "shutdown", "params": None})
        assert "error" not in receive(response(4))
        send({"jsonrpc": "2.0", "method": "exit", "params": None})
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    from selkeys.lsp.convert import LineIndex

    index = LineIndex(text)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = index.offset(edit.range.start), index.offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def _random_edits(text: str, count: int, seed: int):
    """(range start offset, end offset, new text) edits that keep the text prose-like."""
    import random

    rng = random.Random(seed)
    words = ["suorittaa", "maksun", "esim.", "kaupunki", "päätös", "on", "toimitettava", "ja", "\n\n",
             "Asiakas", "lähtökohtaisesti", "tarkastuksen", ".", " ", "ko.", "hakemus", "Lisätietoja:"]
    for _ in range(count):
        start = rng.randrange(len(text) + 1)
        kind = rng.random()
        if kind < 0.5 or len(text) < 50:
            end, new = start, " " + rng.choice(words)
        elif kind < 0.8:
            end, new = min(len(text), start + rng.randrange(1, 12)), ""
        else:
            end, new = min(len(text), start + rng.randrange(1, 8)), rng.choice(words)
        text = text[:start] + new + text[end:]
        yield start, end, new, text


def _expected(text: str, name: str) -> list[tuple]:
    from selkeys.config import Config
    from selkeys.lint import Linter
    from selkeys.lsp.convert import LineIndex
    from selkeys.readers import read_bytes

    result = Linter().lint_document(read_bytes(text.encode(), name), Config())
    index = LineIndex(text)
    return sorted((f.code, index.position(f.start).line, index.position(f.start).character,
                   index.position(f.end).line, index.position(f.end).character) for f in result.findings)


def _got(diagnostics) -> list[tuple]:
    return sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in diagnostics)


@pytest.mark.slow
def test_block_cache_after_random_edits_equals_a_fresh_lint():
    """The engine side of live linting: 1,000 random edits through one BlockCache."""
    from selkeys.config import Config
    from selkeys.lint import BlockCache, Linter
    from selkeys.readers import read_bytes

    linter, cache = Linter(), BlockCache()
    for i, (_, _, _, text) in enumerate(_random_edits(BAD * 3, 1000, seed=7)):
        cached = linter.lint_document(read_bytes(text.encode(), "x.md"), Config(), cache=cache)
        if i % 100 == 99:
            fresh = linter.lint_document(read_bytes(text.encode(), "x.md"), Config())
            assert [f.to_dict() for f in cached.findings] == [f.to_dict() for f in fresh.findings]
            assert cached.measures == fresh.measures


@pytest.mark.slow
@pytest.mark.asyncio
async def test_server_after_1000_random_edits_equals_a_fresh_lint(client: LanguageClient):
    from selkeys.lsp.convert import LineIndex

    text = BAD * 3
    uri = _open(client, "random.md", text)
    await _diagnostics(client, uri)
    version = 1
    for start, end, new, after in _random_edits(text, 1000, seed=11):
        index = LineIndex(text)
        version += 1
        _change(client, uri, version, range_=index.range(start, end), new=new)
        text = after
    expected = _expected(text, "random.md")
    await _diagnostics(client, uri, until=lambda ds: _got(ds) == expected)


FAULTY_SERVER = (
    "from selkeys.rules import engine\n"
    "def broken(self, *args):\n"
    "    raise RuntimeError('bug in a rule')\n"
    "engine.RuleSet._sequence = broken\n"
    "from selkeys.lsp.server import start\n"
    "start()\n"
)


async def _plain_session(lsp_client: LanguageClient, root: Path) -> None:
    """A session of a client that declares no capabilities, rooted at ``root``."""
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                               root_uri=root.as_uri()))
    lsp_client.root = root


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-c", FAULTY_SERVER]))
async def faulty_client(lsp_client: LanguageClient, tmp_path_factory):
    await _plain_session(lsp_client, tmp_path_factory.mktemp("faulty"))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_exception_inside_a_rule_is_logged_and_other_rules_report(faulty_client: LanguageClient):
    uri = _open(faulty_client, "g.md", BAD)
    codes = {d.code for d in await _diagnostics(faulty_client, uri)}
    assert "FI-ABBR-001" in codes and "FI-NOUN-001" not in codes
    _change(faulty_client, uri, 2, text=BAD + "\nPäätös koskee ko. asiaa.\n")
    # the server kept serving: the edit's diagnostics come (wait for them rather than for the
    # next publish, which on a loaded machine may be another document's)
    diagnostics = await _diagnostics(faulty_client, uri, until=lambda ds: any(d.code == "FI-ABBR-007" for d in ds))
    assert "FI-NOUN-001" not in {d.code for d in diagnostics}


def test_add_to_vocabulary_edits_files_in_place(tmp_path):
    from selkeys.lsp.actions import add_to_vocabulary

    toml = tmp_path / "selkeys.toml"
    toml.write_text('# our words\nprofile = "plain"\nvocabulary = ["HSY"]\n\n[severity]\n"FI-LONG-001" = "info"\n',
                    encoding="utf-8")
    add_to_vocabulary(toml, 'Kaupunki "A"')
    text = toml.read_text(encoding="utf-8")
    assert 'vocabulary = ["HSY", "Kaupunki \\"A\\""]' in text and text.startswith("# our words")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n\n[tool.selkeys]\nprofile = "easy"\n\n[tool.other]\nx = 1\n',
                         encoding="utf-8")
    add_to_vocabulary(pyproject, "sote")
    import tomllib

    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    assert data["tool"]["selkeys"] == {"vocabulary": ["sote"], "profile": "easy"}
    assert data["tool"]["other"] == {"x": 1}


def test_vocabulary_terms_are_checked(tmp_path):
    from selkeys.lsp.actions import add_to_vocabulary

    for bad in ("", "a\nb = 1", "x" * 300):
        with pytest.raises(ValueError):
            add_to_vocabulary(tmp_path / "selkeys.toml", bad)
    assert not (tmp_path / "selkeys.toml").exists()


class _RawTcpClient:
    """JSON-RPC over a socket to ``selkeys lsp --tcp``, for what a typed client would not send."""

    def __init__(self, port: int) -> None:
        import socket
        import time

        deadline = time.monotonic() + 30
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.stream = self.sock.makefile("rb")
        self.seen: list[dict] = []

    def send(self, message: dict) -> None:
        import json

        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.sock.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def receive(self, match) -> dict:
        import json

        while True:
            length = 0
            while (line := self.stream.readline().strip()):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(self.stream.read(length))
            self.seen.append(message)
            if match(message):
                return message

    def close(self) -> None:
        self.stream.close()
        self.sock.close()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_documents_the_client_never_opened_are_never_read_from_disk(tmp_path):
    """Over --tcp anyone who can connect is a client: a didChange or didSave (or a hover, a
    code action) for a file it never opened must not make the server read that file."""
    import subprocess
    import time

    secret = tmp_path / "salainen.md"
    secret.write_text("Asiakas suorittaa maksun eräpäivään mennessä, esim. verkossa.\n", encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "selkeys", "lsp", "--tcp", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = None
    try:
        client = _RawTcpClient(port)
        client.send({"id": 1, "method": "initialize",
                     "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}})
        client.receive(lambda m: m.get("id") == 1)
        client.send({"method": "initialized", "params": {}})
        uri = secret.as_uri()
        client.send({"method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": []}})
        client.send({"method": "textDocument/didSave", "params": {"textDocument": {"uri": uri}}})
        client.send({"id": 2, "method": "textDocument/hover",
                     "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 10}}})
        assert client.receive(lambda m: m.get("id") == 2).get("result") is None
        client.send({"id": 3, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri}, "context": {"diagnostics": []},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 60}}}})
        assert not client.receive(lambda m: m.get("id") == 3).get("result")
        # a document it did open is linted as usual, and by then the others would have been too
        opened = (tmp_path / "auki.md").as_uri()
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": opened, "languageId": "markdown", "version": 1, "text": "Lisätietoja antaa esim. kirjaamo.\n"}}})
        client.receive(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == opened and m["params"]["diagnostics"])
        time.sleep(0.5)  # past the debounce of a change
        client.send({"id": 4, "method": "shutdown", "params": None})
        client.receive(lambda m: m.get("id") == 4)
        published = [m["params"]["uri"] for m in client.seen if m.get("method") == "textDocument/publishDiagnostics"]
        assert uri not in published
        assert not any("suorittaa" in str(m) for m in client.seen)
    finally:
        if client is not None:
            client.close()
        proc.kill()
        proc.wait(timeout=30)


# a cache with no handbook in it: the first diagnostics must not wait for one to be built
_EMPTY_CACHE = {**os.environ, "SELKEYS_CACHE_DIR": tempfile.mkdtemp(prefix="selkeys-lsp-")}


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "selkeys", "lsp"],
                                              server_env=_EMPTY_CACHE))
async def fresh_client(lsp_client: LanguageClient, tmp_path_factory):
    await _plain_session(lsp_client, tmp_path_factory.mktemp("fresh"))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_first_diagnostics_do_not_wait_for_the_handbook(fresh_client: LanguageClient):
    """Building the handbook takes seconds (every rule's examples are analysed); the findings
    go out first, and again with their links once it is there."""
    uri = _open(fresh_client, "a.md", BAD)
    first = await _diagnostics(fresh_client, uri, 1)
    assert {"FI-NOUN-001", "FI-ABBR-001"} <= {d.code for d in first}
    assert not any(d.code_description for d in first)
    linked = await _diagnostics(fresh_client, uri, 1, until=lambda ds: all(d.code_description for d in ds))
    assert [d.code for d in linked] == [d.code for d in first]


def test_swedish_tagger_is_loaded_in_the_background_unless_every_text_is_finnish(monkeypatch):
    from selkeys.analysis import swedish
    from selkeys.lint import FileResult
    from selkeys.lsp.server import DocumentState, SelkeysServer

    async def warm_up() -> list[str]:
        finnish_only = SelkeysServer()
        finnish_only.apply_settings({"lang": "fi"})
        finnish_only.warm_up_swedish()
        assert finnish_only.swedish_warming is None

        monkeypatch.setattr(swedish, "_analyzer", None)
        server = SelkeysServer()
        scheduled: list[str] = []
        monkeypatch.setattr(server, "schedule", lambda uri, delay=0: scheduled.append(uri))
        server.states["waiting"] = DocumentState()  # has only the findings that need no tagger
        server.states["linted"] = DocumentState(result=FileResult(path="linted"))
        assert server.swedish_loading()
        server.warm_up_swedish()
        thread = server.swedish_warming
        assert thread is not None and thread.daemon
        server.warm_up_swedish()
        assert server.swedish_warming is thread  # once per server
        await asyncio.get_running_loop().run_in_executor(None, thread.join, 300)
        await asyncio.sleep(0)  # the thread's report to the event loop
        assert not server.swedish_loading()
        return scheduled

    assert asyncio.run(warm_up()) == ["waiting"]  # at the end of the load, the document still waiting is linted
    assert isinstance(swedish._analyzer, swedish.SwedishAnalyzer)
    assert swedish.swedish_analyzer() is swedish._analyzer  # a lint afterwards reuses it


SWEDISH_LIST = Path(__file__).resolve().parents[1] / "corpus" / "examples" / "foredragningslista-smabarnspedagogik.txt"


@pytest.mark.asyncio
async def test_swedish_text_gets_the_findings_that_need_no_tagger_while_it_loads(client: LanguageClient):
    """A fresh server has not loaded the Swedish tagger (over a second) when a Swedish text
    arrives: it publishes at once the findings of the rules that read only the text, then all
    of them for the same version, and takes back nothing it showed. A hover meanwhile waits
    for the full lint rather than find nothing."""
    from selkeys.lint import Linter
    from selkeys.rules.engine import reads_tokens

    rules = Linter().by_code
    text = SWEDISH_LIST.read_text(encoding="utf-8")
    expected = _fresh_key(text, "lista.txt")
    published: list[tuple[int, list[tuple]]] = []

    async def record(uri: str) -> None:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                published.append((params.version, _key(params.diagnostics)))

    async def until(condition) -> None:
        for _ in range(600):
            if condition():
                return
            await asyncio.sleep(0.1)
        raise AssertionError("no such publish")

    uri = (client.root / "lista.txt").as_uri()
    recorder = asyncio.ensure_future(record(uri))  # the only waiter: pytest-lsp keeps one per method
    try:
        await asyncio.sleep(0)  # the recorder waits before the document is opened
        _open(client, "lista.txt", text, "plaintext")
        await until(lambda: published)
        first = client.diagnostics[uri][0]
        hover = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=first.range.start))
        assert hover is not None and first.code in hover.contents.value
        await until(lambda: published[-1][1] == expected)
    finally:
        recorder.cancel()
    early = published[0][1]
    assert early and {code for code, *_ in early} <= {code for code, *_ in expected}
    assert not any(reads_tokens(rules[code]) for code, *_ in early)  # nothing from the tagger yet
    assert any(reads_tokens(rules[code]) for code, *_ in expected)
    assert all(version == 1 for version, _ in published)
    for (_, before), (_, after) in zip(published, published[1:]):
        assert set(before) <= set(after)  # nothing shown is taken back
    assert published[-1][1] == expected


@pytest.mark.asyncio
async def test_a_long_document_gets_its_opening_diagnostics_first(client: LanguageClient):
    """A document of thousands of words: the first publish has the findings of its opening
    paragraphs (about OPENING_WORDS words), the next one all of them, for the same version."""
    from selkeys.lsp.server import OPENING_WORDS

    paragraph = "Asiakas suorittaa maksun eräpäivään mennessä, ja lisätietoja antaa esim. kirjaamo."
    count = 3 * OPENING_WORDS // len(paragraph.split())
    uri = _open(client, "pitka.md", "\n\n".join(f"{n}. {paragraph}" for n in range(count)) + "\n")
    first = await _diagnostics(client, uri, 1)
    everything = await _diagnostics(client, uri, 1)
    opening_lines = {d.range.start.line for d in first}
    assert first and max(opening_lines) // 2 < count // 2  # paragraph n is on line 2n: the first half only
    assert len(everything) > 2 * len(first)
    assert {d.range.start.line for d in everything} >= opening_lines


def _key(diagnostics: list[types.Diagnostic]) -> list[tuple]:
    """A diagnostic without its handbook link (the handbook may be ready for one document and
    still building for the other)."""
    return sorted((d.code, d.message, d.severity, d.range.start.line, d.range.start.character, d.range.end.line,
                   d.range.end.character, str(d.data)) for d in diagnostics)


@pytest.mark.asyncio
async def test_diagnostics_after_edits_equal_a_full_lint_of_the_same_text(client: LanguageClient):
    """After edits the server re-reads only the changed Markdown pieces and re-lints only the
    changed paragraphs; what it publishes must be what a fresh lint of the final text gives."""
    paragraphs = [f"Kappale {n}: asiakas suorittaa maksun {n}. päivänä, ja lisätietoja antaa esim. kirjaamo. "
                  "Hakemus on toimitettava lautakunnalle ennen määräpäivää." for n in range(40)]
    text = "# Ohje\n\n" + "\n\n".join(paragraphs) + "\n"
    uri = _open(client, "a.md", text)
    await _diagnostics(client, uri, 1)
    line = 2 * 20 + 2  # the middle paragraph's line
    end = len(paragraphs[19])
    edits = [(types.Range(start=types.Position(line=line, character=end), end=types.Position(line=line, character=end)),
              ch) for ch in " Päätös tehdään"]
    edits.append((types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)),
                  "Uusi kappale, jonka kirjoitti esim. sihteeri.\n\n"))
    edits.append((types.Range(start=types.Position(line=10, character=5), end=types.Position(line=14, character=9)), ""))
    edits.append((types.Range(start=types.Position(line=0, character=2), end=types.Position(line=0, character=2)), "Uusi "))
    expected = text
    for version, (range_, new) in enumerate(edits, 2):
        _change(client, uri, version, range_=range_, new=new)
        lines = expected.split("\n")
        start = sum(len(x) + 1 for x in lines[:range_.start.line]) + range_.start.character
        stop = sum(len(x) + 1 for x in lines[:range_.end.line]) + range_.end.character
        expected = expected[:start] + new + expected[stop:]
        await asyncio.sleep(0.3 if version % 4 == 0 else 0)  # some edits linted one by one, some together
    fresh = _open(client, "b.md", expected)
    full = _key(await _diagnostics(client, fresh, 1, until=lambda ds: bool(ds)))
    assert any(code == "FI-ABBR-001" for code, *_ in full)
    assert _key(await _diagnostics(client, uri, until=lambda ds: _key(ds) == full)) == full


def test_an_edit_after_a_pause_is_linted_at_once_and_a_burst_waits_for_its_end(monkeypatch):
    from selkeys.lsp.server import DEBOUNCE_SECONDS, DocumentState, SelkeysServer

    async def edits() -> list[float]:
        server = SelkeysServer()
        delays: list[float] = []
        monkeypatch.setattr(server, "schedule", lambda uri, delay=DEBOUNCE_SECONDS: delays.append(delay))
        server.states["u"] = state = DocumentState()
        server.changed("u")  # the first edit of the document
        server.changed("u")  # the next keystroke: a burst
        state.last_change -= DEBOUNCE_SECONDS  # a pause
        server.changed("u")
        state.last_change -= DEBOUNCE_SECONDS
        state.pending = asyncio.get_running_loop().call_later(60, lambda: None)  # a burst's lint still waits
        server.changed("u")
        state.pending.cancel()
        return delays

    assert asyncio.run(edits()) == [0, DEBOUNCE_SECONDS, 0, DEBOUNCE_SECONDS]


def _fresh_key(text: str, name: str) -> list[tuple]:
    """:func:`_key` of the diagnostics a fresh lint of ``text`` gives, built in this process."""
    from selkeys.config import Config
    from selkeys.lint import Linter
    from selkeys.lsp.convert import LineIndex, diagnostic
    from selkeys.readers import read_bytes

    index = LineIndex(text)
    return _key([diagnostic(f, index, None)
                 for f in Linter().lint_document(read_bytes(text.encode(), name), Config()).findings])


@pytest.mark.asyncio
async def test_every_publish_of_an_isolated_edit_or_a_burst_equals_a_full_lint(client: LanguageClient):
    """An edit after a pause is linted at once, a burst is debounced until it ends: whichever
    versions get published, each one's diagnostics are a fresh lint of that version's text,
    and the burst's last version is published."""
    from selkeys.lsp.server import DEBOUNCE_SECONDS

    text = "# Ohje\n\n" + "\n\n".join(f"{n}. Asiakas suorittaa maksun, ja lisätietoja antaa esim. kirjaamo."
                                     for n in range(12)) + "\n"
    uri = _open(client, "burst.md", text)
    await _diagnostics(client, uri, 1)
    published: list[tuple[int, list[tuple]]] = []

    async def record() -> None:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                published.append((params.version, _key(params.diagnostics)))

    recorder = asyncio.ensure_future(record())
    texts = {1: text}
    line, end = 6, len(text.split("\n")[6])
    typed = " Päätös tehdään esim. huomenna."
    try:
        for version, ch in enumerate(typed, 2):
            if version in (2, 3, 4, 12):  # 2 and 3 alone, then bursts from 4 and from 12
                await asyncio.sleep(2 * DEBOUNCE_SECONDS)  # a pause: this edit is linted at once
            position = types.Position(line=line, character=end + version - 2)
            _change(client, uri, version, range_=types.Range(start=position, end=position), new=ch)
            lines = texts[version - 1].split("\n")
            lines[line] = lines[line] + ch
            texts[version] = "\n".join(lines)
        last = len(typed) + 1
        for _ in range(100):
            if any(version == last for version, _ in published):
                break
            await asyncio.sleep(0.1)
    finally:
        recorder.cancel()
    assert {2, 3, last} <= {version for version, _ in published}
    for version, key in published:
        assert key == _fresh_key(texts[version], "burst.md"), version
