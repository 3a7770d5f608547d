"""Language-server speed benchmark: how fast `selkeys lsp` answers edits to a long document.

Run with ``make bench`` (after ``benchmarks/run.py``) or on its own:
``.venv/bin/python benchmarks/lsp_bench.py``. A 10,000-word Markdown document is opened in
a real server process over stdio, 200 single characters are typed into one paragraph in
the middle, and the time from each ``didChange`` to the ``publishDiagnostics`` that covers
it is measured, with the server's default settings (its debounce included). The engine's
own re-analysis time per edit is measured in this process, without debounce or protocol.
Finally a fresh server opens 20 such documents and its memory is read from ``/proc``.

The result is a report, not a test: missed targets print FAIL, but the exit code stays 0
so the numbers are always produced. The report is also written to
``benchmarks/out/lsp_report.md``.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.protocol import LanguageServerProtocol

from provenance import git_revision

# --- targets (from the issue; change them here, not in unit tests) ---------------
MAX_TYPING_P95_MS = 200.0  # paced typing: didChange -> publishDiagnostics of that version, p95
MAX_REANALYSIS_P95_MS = 50.0  # in-process lint_document with a BlockCache after one edit, p95

# --- the workload --------------------------------------------------------------------
DOC_WORDS = 10_000  # whole paragraphs of the corpus are taken until this many words
HEADING_EVERY = 10  # a `##` heading before every 10th paragraph (and a `#` title on top)
EDITS = 200  # single-character insertions
TYPING_INTERVAL_S = 0.060  # one keystroke every 60 ms, a fast typist without pauses
PACED_INTERVAL_S = 0.250  # one keystroke every 250 ms, longer than the debounce: every edit is published
MEMORY_DOCUMENTS = 20  # documents open in the server when its memory is read
PUBLISH_TIMEOUT_S = 120.0  # give up waiting for diagnostics after this long
SETTLE_S = 0.5  # listen this long after the final publish, so that late ones are counted

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
TEXT_FILE = OUT / "fi_100k.txt"
REPORT_FILE = OUT / "lsp_report.md"
SERVER_LOG = OUT / "lsp-server.log"  # the server's log; stderr is a pipe that nobody reads
SERVER_CACHE = OUT / "lsp-cache"  # the rule handbook the server writes, kept apart from the user's

# Typed one character at a time at the end of the middle paragraph (written for this benchmark).
TYPED_TEXT = (
    " Kirjoitan tähän uuden lauseen merkki kerrallaan, jotta nähdään, miten nopeasti "
    "kielipalvelin päivittää huomautukset, kun pitkän asiakirjan keskimmäistä kappaletta "
    "muokataan tavallisella kirjoitusnopeudella ilman taukoja."
)


# --- the document ----------------------------------------------------------------------
@dataclass(frozen=True)
class BenchDocument:
    """The Markdown text and where the edits go; ``edited(n)`` is the text after n keystrokes."""

    text: str
    words: int
    paragraphs: int
    headings: int
    insert_at: int  # index into ``text`` where typing starts (end of the middle paragraph)
    line: int  # LSP position of ``insert_at``
    character: int  # in UTF-16 code units, the LSP default encoding
    typed: str = TYPED_TEXT  # what is typed, a character per edit

    def edited(self, keystrokes: int) -> str:
        """The text as the server should hold it after ``keystrokes`` edits."""
        return self.text[:self.insert_at] + self.typed[:keystrokes] + self.text[self.insert_at:]

    def change(self, keystroke: int) -> types.TextDocumentContentChangePartial:
        """Edit number ``keystroke`` (0-based): insert one character, as an editor sends it."""
        position = types.Position(line=self.line, character=self.character + utf16_len(self.typed[:keystroke]))
        return types.TextDocumentContentChangePartial(range=types.Range(start=position, end=position),
                                                      text=self.typed[keystroke])


def utf16_len(text: str) -> int:
    """LSP counts columns in UTF-16 code units unless both sides agree otherwise."""
    return len(text.encode("utf-16-le")) // 2


def source_paragraphs() -> list[str]:
    """Paragraphs of the benchmark corpus, built with `corpus.py` if the file is missing."""
    if not TEXT_FILE.exists():
        from corpus import build_corpus  # noqa: PLC0415 - slow and rarely needed

        OUT.mkdir(parents=True, exist_ok=True)
        build_corpus(REPO, TEXT_FILE)
    text = TEXT_FILE.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def build_document(paragraphs: list[str], title: str = "Vertailuasiakirja", typed: str = TYPED_TEXT) -> BenchDocument:
    """About DOC_WORDS words of real prose with headings, so Markdown blocks of both kinds occur."""
    body: list[str] = []
    words = 0
    for paragraph in paragraphs:
        if words >= DOC_WORDS:
            break
        body.append(paragraph)
        words += len(paragraph.split())
    blocks = [f"# {title}"]
    headings = 1
    middle = len(body) // 2
    insert_at = 0
    for index, paragraph in enumerate(body):
        if index and index % HEADING_EVERY == 0:
            blocks.append(f"## Osa {index // HEADING_EVERY + 1}")
            headings += 1
        blocks.append(paragraph)
        if index == middle:
            insert_at = len("\n\n".join(blocks))  # the end of this paragraph
    text = "\n\n".join(blocks) + "\n"
    before = text[:insert_at]
    line_start = before.rfind("\n") + 1
    return BenchDocument(text=text, words=words, paragraphs=len(body), headings=headings, insert_at=insert_at,
                         line=before.count("\n"), character=utf16_len(before[line_start:]), typed=typed)


# --- the client ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Publish:
    """One publishDiagnostics as the client saw it."""

    uri: str
    version: int | None
    arrived: float  # perf_counter when the message body had been read and parsed as JSON
    handled: float  # perf_counter when the handler ran (after lsprotocol structured it)
    diagnostics: int


class StampingProtocol(LanguageServerProtocol):
    """Notes when each message arrives, before lsprotocol turns it into objects.

    Structuring a publish with thousands of diagnostics is the client's cost, not the
    server's latency, so the timestamps are taken before it. ``json.loads`` calls this hook
    for inner objects first; only the outermost one (the message) has a ``jsonrpc`` key.
    """

    last_arrival: float = 0.0

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" in data:
            self.last_arrival = time.perf_counter()
        return super().structure_message(data)


class PublishLog:
    """Every publish in arrival order, and waiting for the first one that covers a version."""

    def __init__(self) -> None:
        self.publishes: list[Publish] = []
        self._waiters: list[tuple[str, int, asyncio.Future[Publish]]] = []

    def add(self, publish: Publish) -> None:
        self.publishes.append(publish)
        for waiter in list(self._waiters):
            uri, version, future = waiter
            if uri == publish.uri and (publish.version or 0) >= version:
                self._waiters.remove(waiter)
                if not future.done():
                    future.set_result(publish)

    def first_covering(self, uri: str, version: int) -> Publish | None:
        """The earliest publish for ``uri`` whose version is at least ``version``."""
        return next((p for p in self.publishes if p.uri == uri and (p.version or 0) >= version), None)

    async def wait(self, uri: str, version: int) -> Publish:
        """Wait for diagnostics of ``version`` or newer (older ones may have been skipped)."""
        found = self.first_covering(uri, version)
        if found is not None:
            return found
        future: asyncio.Future[Publish] = asyncio.get_running_loop().create_future()
        self._waiters.append((uri, version, future))
        return await asyncio.wait_for(future, PUBLISH_TIMEOUT_S)

    def for_uri(self, uri: str) -> list[Publish]:
        return [p for p in self.publishes if p.uri == uri]


def selkeys_command() -> list[str]:
    """The venv's console script, so the benchmark measures what `make setup` installed."""
    local = Path(sys.executable).parent / "selkeys"
    return [str(local) if local.exists() else "selkeys", "lsp", "--log-file", str(SERVER_LOG)]


async def start_server(log: PublishLog, workspace: Path) -> LanguageClient:
    """Start `selkeys lsp` as a child process and initialise it as a plain editor would.

    The client offers no workspace/configuration, so the server runs with its defaults; the
    workspace is an empty temporary folder, so no selkeys.toml or pyproject.toml applies.
    """
    client = LanguageClient("selkeys-lsp-bench", "1.0", protocol_cls=StampingProtocol)
    protocol: StampingProtocol = client.protocol  # type: ignore[assignment]

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        log.add(Publish(params.uri, params.version, protocol.last_arrival, time.perf_counter(),
                        len(params.diagnostics)))

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:  # handled, so pygls does not warn about it
        pass

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def on_message(params: types.ShowMessageParams) -> None:
        print(f"server says: {params.message}", file=sys.stderr)

    SERVER_CACHE.mkdir(parents=True, exist_ok=True)
    command, *args = selkeys_command()
    await client.start_io(command, *args, env={**os.environ, "SELKEYS_CACHE_DIR": str(SERVER_CACHE)})
    await asyncio.wait_for(client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(configuration=False)),
        process_id=os.getpid(),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="bench")],
    )), PUBLISH_TIMEOUT_S)
    client.initialized(types.InitializedParams())
    return client


def server_pid(client: LanguageClient) -> int:
    """The server's process id. pygls keeps the process it started in a private attribute."""
    process: asyncio.subprocess.Process | None = getattr(client, "_server", None)
    if process is None:
        raise RuntimeError("the language server process is not running")
    return process.pid


async def stop_server(client: LanguageClient) -> None:
    """Shut down politely; kill our own child only if it does not exit."""
    try:
        await asyncio.wait_for(client.shutdown_async(None), 30)
        client.exit(None)
        await asyncio.wait_for(client.stop(), 30)
    except (TimeoutError, RuntimeError):
        process: asyncio.subprocess.Process | None = getattr(client, "_server", None)
        if process is not None and process.returncode is None:
            process.kill()


def open_document(client: LanguageClient, uri: str, text: str) -> float:
    """Send didOpen (version 1) and return when it was sent."""
    sent = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    return sent


# --- typing ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TypingResult:
    """Latencies of one typing session (seconds)."""

    mode: str
    per_publish: list[float]  # each publish, from the didChange of the version it reports
    per_edit: list[float]  # each edit, until the first publish whose version is >= the edit's
    end_to_end: float  # the last didChange -> the publish of the last version
    publishes: int
    sending: float  # first to last didChange
    open_latency: float  # didOpen -> first diagnostics of this document
    first_diagnostics: int  # in that first publish
    diagnostics: int  # in the final publish


async def type_into(client: LanguageClient, log: PublishLog, doc: BenchDocument, uri: str,
                    mode: str, interval: float) -> TypingResult:
    """Open a fresh copy of the document, wait for its diagnostics, then type EDITS characters.

    ``interval`` 0 sends the edits back to back (a paste-like burst); otherwise keystrokes
    are sent on a fixed clock, so a slow send does not stretch the session.
    """
    opened = open_document(client, uri, doc.text)
    first = await log.wait(uri, 1)
    sent: dict[int, float] = {}
    start = time.perf_counter()
    for keystroke in range(EDITS):
        if interval:
            await asyncio.sleep(max(0.0, start + keystroke * interval - time.perf_counter()))
        version = keystroke + 2  # didOpen was version 1
        sent[version] = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[doc.change(keystroke)]))
    last = EDITS + 1
    final = await log.wait(uri, last)
    await asyncio.sleep(SETTLE_S)
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    published = [p for p in log.for_uri(uri) if p.version in sent]
    per_edit = []
    for version, at in sent.items():
        covering = log.first_covering(uri, version)
        if covering is not None:
            per_edit.append(covering.arrived - at)
    return TypingResult(
        mode=mode,
        per_publish=[p.arrived - sent[p.version] for p in published if p.version is not None],
        per_edit=per_edit,
        end_to_end=final.arrived - sent[last],
        publishes=len(published),
        sending=sent[last] - sent[2],
        open_latency=first.arrived - opened,
        first_diagnostics=first.diagnostics,
        diagnostics=final.diagnostics,
    )


async def measure_typing(doc: BenchDocument) -> tuple[TypingResult, TypingResult, TypingResult, float]:
    """The typing modes on one server, each on its own fresh copy of the document.

    Fast typing (60 ms a key) is a burst: its first keystroke is linted at once, the rest keep
    restarting the debounce, so it yields two publishes; paced typing (250 ms a key) leaves the
    document idle before every edit, so each gets its own publish, 200 samples of the latency a
    user sees after each pause.

    Also returns how much of each publish's handling was client-side structuring (median),
    which the latencies leave out.
    """
    log = PublishLog()
    with tempfile.TemporaryDirectory(prefix="selkeys-lsp-bench-") as folder:
        workspace = Path(folder)
        client = await start_server(log, workspace)
        try:
            typing = await type_into(client, log, doc, (workspace / "typing.md").as_uri(), "typing",
                                     TYPING_INTERVAL_S)
            burst = await type_into(client, log, doc, (workspace / "burst.md").as_uri(), "burst", 0.0)
            paced = await type_into(client, log, doc, (workspace / "paced.md").as_uri(), "paced",
                                    PACED_INTERVAL_S)
        finally:
            await stop_server(client)
    decode = statistics.median(p.handled - p.arrived for p in log.publishes)
    return typing, burst, paced, decode


# --- memory -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Memory:
    """Resident memory of the server process (MiB) and how long each didOpen took (s)."""

    idle_rss: float  # after initialize, no document open
    one_rss: float  # after the first document's diagnostics
    all_rss: float  # after MEMORY_DOCUMENTS documents
    all_hwm: float  # peak resident set over the server's life
    open_first: float
    open_rest_median: float


def proc_status_mib(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (peak) from /proc/<pid>/status, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # the kernel reports kB
    raise RuntimeError(f"{field} missing from /proc/{pid}/status")


async def measure_memory(paragraphs: list[str]) -> Memory:
    """A fresh server opens MEMORY_DOCUMENTS documents, one after the other.

    Each document has its own title, so the texts differ slightly; each gets its own
    BlockCache in the server, which is what grows with the number of open documents.
    """
    log = PublishLog()
    opens: list[float] = []
    with tempfile.TemporaryDirectory(prefix="selkeys-lsp-bench-") as folder:
        workspace = Path(folder)
        client = await start_server(log, workspace)
        try:
            pid = server_pid(client)
            idle = proc_status_mib(pid, "VmRSS")
            one = idle
            for number in range(1, MEMORY_DOCUMENTS + 1):
                uri = (workspace / f"doc{number:02}.md").as_uri()
                text = build_document(paragraphs, f"Vertailuasiakirja {number}").text
                sent = open_document(client, uri, text)
                opens.append((await log.wait(uri, 1)).arrived - sent)
                if number == 1:
                    one = proc_status_mib(pid, "VmRSS")
            rss, hwm = proc_status_mib(pid, "VmRSS"), proc_status_mib(pid, "VmHWM")
        finally:
            await stop_server(client)
    return Memory(idle_rss=idle, one_rss=one, all_rss=rss, all_hwm=hwm, open_first=opens[0],
                  open_rest_median=statistics.median(opens[1:]) if len(opens) > 1 else opens[0])


# --- a Swedish document after a Finnish one -----------------------------------------------
SWEDISH_DOCUMENT = REPO / "corpus" / "examples" / "foredragningslista-smabarnspedagogik.txt"
SWEDISH_OPEN_AFTER_S = 5.0  # a user opens a second file a few seconds after the first


@dataclass(frozen=True)
class SwedishOpen:
    """didOpen → first diagnostics (s) in a fresh server: a Finnish document first, then a
    Swedish one SWEDISH_OPEN_AFTER_S later (the tagger loads in the background meanwhile)."""

    finnish: float
    swedish: float
    swedish_words: int


async def measure_swedish_open(paragraphs: list[str]) -> SwedishOpen:
    log = PublishLog()
    swedish_text = SWEDISH_DOCUMENT.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="selkeys-lsp-bench-") as folder:
        workspace = Path(folder)
        client = await start_server(log, workspace)
        try:
            uri = (workspace / "asiakirja.md").as_uri()
            sent = open_document(client, uri, build_document(paragraphs[:40], "Ensimmäinen asiakirja").text)
            finnish = (await log.wait(uri, 1)).arrived - sent
            await asyncio.sleep(SWEDISH_OPEN_AFTER_S)
            uri = (workspace / "foredragningslista.md").as_uri()
            sent = open_document(client, uri, swedish_text)
            swedish = (await log.wait(uri, 1)).arrived - sent
        finally:
            await stop_server(client)
    return SwedishOpen(finnish, swedish, len(swedish_text.split()))


# --- official text, dense with findings ---------------------------------------------------
REAL_DOCUMENTS = REPO / "corpus" / "real" / "documents.jsonl"
# typed into the Swedish document (written for this benchmark)
TYPED_SWEDISH = (
    " Jag skriver här en ny mening ett tecken i taget, så att vi ser hur snabbt språkservern "
    "uppdaterar anmärkningarna när man redigerar ett långt dokument som har många anmärkningar "
    "och en vanlig skrivhastighet."
)
MAX_OPEN_S = 1.0  # didOpen -> first diagnostics, a fresh server, each language
QUIET_S = 3.0  # the stages of an open are over when no publish came for this long


def official_paragraphs(lang: str) -> list[str]:
    """Paragraphs of the development half of corpus/real in ``lang``: statutes, decisions,
    letters and service texts, where a plain-language checker finds most (the test half is
    left alone, as everywhere outside its one measurement)."""
    import json  # noqa: PLC0415

    paragraphs: list[str] = []
    for line in REAL_DOCUMENTS.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["lang"] != lang or entry["split"] != "dev":
            continue
        text = (REAL_DOCUMENTS.parent / "docs" / lang / f"{entry['id']}.md").read_text(encoding="utf-8")
        paragraphs += [p.strip() for p in text.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    return paragraphs


def official_document(lang: str) -> BenchDocument:
    """About DOC_WORDS words of the dev half's official text in ``lang`` (its paragraphs twice)."""
    return build_document(official_paragraphs(lang) * 2, "Virallinen teksti" if lang == "fi" else "Officiell text",
                          TYPED_TEXT if lang == "fi" else TYPED_SWEDISH)


async def measure_official(lang: str) -> TypingResult:
    """A fresh server opens a document of official text (the first document it sees, so the
    open includes loading what the language needs) and paced typing follows."""
    doc = official_document(lang)
    log = PublishLog()
    with tempfile.TemporaryDirectory(prefix="selkeys-lsp-bench-") as folder:
        workspace = Path(folder)
        client = await start_server(log, workspace)
        try:
            return await type_into(client, log, doc, (workspace / f"official-{lang}.md").as_uri(), f"official-{lang}",
                                   PACED_INTERVAL_S)
        finally:
            await stop_server(client)


async def measure_official_stages(lang: str) -> list[tuple[float, int]]:
    """A fresh server opens the official document and nothing is typed: when each new number
    of diagnostics for version 1 arrived, (seconds after didOpen, diagnostics), until no
    publish has come for QUIET_S. The first diagnostics of a long text are those of its
    opening paragraphs, and for Swedish, while the tagger loads, only those that need no
    tagger; this shows when the rest follow."""
    log = PublishLog()
    with tempfile.TemporaryDirectory(prefix="selkeys-lsp-bench-") as folder:
        workspace = Path(folder)
        client = await start_server(log, workspace)
        try:
            uri = (workspace / f"official-{lang}.md").as_uri()
            sent = open_document(client, uri, official_document(lang).text)
            await log.wait(uri, 1)
            seen = 0
            while len(log.publishes) != seen:
                seen = len(log.publishes)
                await asyncio.sleep(QUIET_S)
        finally:
            await stop_server(client)
    stages: list[tuple[float, int]] = []
    for publish in log.for_uri(uri):
        if not stages or publish.diagnostics != stages[-1][1]:
            stages.append((publish.arrived - sent, publish.diagnostics))
    return stages


# --- re-analysis in process --------------------------------------------------------------
@dataclass(frozen=True)
class Reanalysis:
    """Engine time per edit, without debounce or protocol (seconds)."""

    per_edit: list[float]  # read_bytes + lint_document, as the server runs them
    reading: list[float]  # of which read_bytes: the Markdown reader, parsing only the changed pieces
    linting: list[float]  # of which lint_document: only changed blocks miss the cache
    initial: float  # the first, uncached lint of the whole document in a fresh process
    debounce: float  # the server's DEBOUNCE_SECONDS, for the report


def measure_reanalysis(doc: BenchDocument) -> Reanalysis:
    """Lint once with a BlockCache, then time the lint after each of the same EDITS edits.

    This is what the server does after its debounce fires, minus reading the text from the
    workspace and converting findings to diagnostics. Imported here, after the server runs,
    so that loading the engine does not compete with the server for the CPU.
    """
    from selkeys.config import Config  # noqa: PLC0415
    from selkeys.lint import BlockCache, Linter  # noqa: PLC0415
    from selkeys.lsp.server import DEBOUNCE_SECONDS  # noqa: PLC0415
    from selkeys.readers import read_bytes  # noqa: PLC0415
    from selkeys.readers.markdown_pieces import MarkdownPieces  # noqa: PLC0415

    linter, cache, config, pieces = Linter(), BlockCache(), Config(), MarkdownPieces()
    start = time.perf_counter()
    linter.lint_document(read_bytes(doc.text.encode(), "bench.md", pieces=pieces), config, cache=cache)
    initial = time.perf_counter() - start
    reading, linting = [], []
    for keystrokes in range(1, EDITS + 1):
        text = doc.edited(keystrokes)
        start = time.perf_counter()
        parsed = read_bytes(text.encode(), "bench.md", pieces=pieces)
        read = time.perf_counter()
        linter.lint_document(parsed, config, cache=cache)
        reading.append(read - start)
        linting.append(time.perf_counter() - read)
    return Reanalysis(per_edit=[r + lint for r, lint in zip(reading, linting)], reading=reading,
                      linting=linting, initial=initial, debounce=DEBOUNCE_SECONDS)


# --- the report ----------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks; with one value, that value."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ms(seconds: float) -> str:
    """Seconds as milliseconds for the tables."""
    return f"{seconds * 1000:,.1f}"


def stats_row(label: str, values: list[float]) -> str:
    """A table row: n, p50, p95 and max in milliseconds."""
    if not values:
        return f"| {label} | 0 | – | – | – |"
    return (f"| {label} | {len(values)} | {ms(percentile(values, 0.5))} | {ms(percentile(values, 0.95))} "
            f"| {ms(max(values))} |")


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def package_version(name: str) -> str:
    """Installed version of a package, for the report; never fails the benchmark."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def render(doc: BenchDocument, typing: TypingResult, burst: TypingResult, paced: TypingResult, decode: float,
           reanalysis: Reanalysis, memory: Memory, swedish: SwedishOpen, official: dict[str, TypingResult],
           stages: dict[str, list[tuple[float, int]]]) -> str:
    """Assemble the markdown report."""
    typing_p95 = percentile(paced.per_publish, 0.95) if paced.per_publish else float("inf")
    reanalysis_p95 = percentile(reanalysis.per_edit, 0.95)
    rows: list[str] = []
    for result, label in ((paced, f"paced typing, 1 key / {PACED_INTERVAL_S * 1000:.0f} ms"),
                          (typing, f"typing, 1 key / {TYPING_INTERVAL_S * 1000:.0f} ms"), (burst, "burst")):
        rows += [
            stats_row(f"{label}: didChange → publishDiagnostics of that version (per publish)", result.per_publish),
            stats_row(f"{label}: each edit → first publish with version ≥ it (per edit)", result.per_edit),
            stats_row(f"{label}: last keystroke → final publish (end to end)", [result.end_to_end]),
        ]
    rows += [
        stats_row("re-analysis in process, per edit: `read_bytes` + `lint_document` with BlockCache",
                  reanalysis.per_edit),
        stats_row("… of which `read_bytes` (Markdown reader, changed pieces parsed)", reanalysis.reading),
        stats_row("… of which `lint_document` (cached blocks reused)", reanalysis.linting),
    ]
    return "\n".join([
        "# selkeys language-server benchmark",
        "",
        f"Document: {doc.words:,} words in {doc.paragraphs} paragraphs with {doc.headings} headings (Markdown, "
        f"{len(doc.text):,} characters). Edits: {EDITS} single characters typed at the end of paragraph "
        f"{doc.paragraphs // 2 + 1} (line {doc.line + 1}), each an incremental `didChange`. Server defaults "
        f"(debounce {reanalysis.debounce * 1000:.0f} ms).",
        "",
        "## Latency (ms)",
        "",
        "| Measure | n | p50 | p95 | max |",
        "|---|---|---|---|---|",
        *rows,
        "",
        f"- Publishes received while typing: {typing.publishes} for {EDITS} edits sent over "
        f"{typing.sending:.1f} s; in the burst: {burst.publishes} ({burst.sending * 1000:.1f} ms to send). "
        "The server lints an edit at once when the document was idle for the debounce interval and "
        "otherwise restarts the debounce, so of versions typed faster than that only the first is "
        "published on its own: the others' wait for feedback (per edit) runs until the typing stops, and "
        "a burst's end to end includes the server working through its queue of changes.",
        f"- didOpen → first diagnostics: {typing.open_latency * 1000:,.0f} ms for the first document in a fresh "
        f"server (the engine analyses every word form once), {burst.open_latency * 1000:,.0f} ms for the second; "
        f"{typing.diagnostics:,} diagnostics in the final publish.",
        f"- In-process first lint of the whole document (fresh process, empty cache): "
        f"{reanalysis.initial * 1000:,.0f} ms.",
        f"- A Swedish document ({swedish.swedish_words:,} words) opened {SWEDISH_OPEN_AFTER_S:.0f} s after a "
        f"Finnish one in a fresh server: didOpen → first diagnostics {swedish.swedish * 1000:,.0f} ms (the Finnish "
        f"one: {swedish.finnish * 1000:,.0f} ms). The server loads the Swedish tagger in the background after "
        "its first diagnostics, so the Swedish document should not wait for that load.",
        *[f"- Official text ({lang}, the dev half of corpus/real, about {DOC_WORDS:,} words) in a fresh server: "
          f"didOpen → first diagnostics {result.open_latency * 1000:,.0f} ms ({result.first_diagnostics:,} "
          f"diagnostics), {result.diagnostics:,} diagnostics at the end; "
          f"paced typing p95 {ms(percentile(result.per_publish, 0.95))} ms (n = {len(result.per_publish)})."
          for lang, result in official.items()],
        *[f"- The same official text ({lang}) opened in a fresh server, nothing typed: diagnostics of version 1 "
          f"as they grew, " + ", ".join(f"{n:,} at {at * 1000:,.0f} ms" for at, n in lang_stages) + "."
          for lang, lang_stages in stages.items()],
        f"- Arrival is stamped once the message is read and parsed as JSON; turning it into lsprotocol "
        f"objects took a further {decode * 1000:.1f} ms (median) in this client and is not counted.",
        "",
        "## Memory of the server process",
        "",
        "| State | VmRSS (MiB) |",
        "|---|---|",
        f"| after initialize, no document | {memory.idle_rss:,.1f} |",
        f"| 1 document open | {memory.one_rss:,.1f} |",
        f"| {MEMORY_DOCUMENTS} documents open | {memory.all_rss:,.1f} |",
        f"| peak over the run (VmHWM) | {memory.all_hwm:,.1f} |",
        "",
        f"- Growth per extra document: {(memory.all_rss - memory.one_rss) / max(1, MEMORY_DOCUMENTS - 1):,.1f} MiB.",
        f"- didOpen → diagnostics: {memory.open_first * 1000:,.0f} ms for the first document, "
        f"{memory.open_rest_median * 1000:,.0f} ms median for the others.",
        "",
        "## Targets",
        "",
        "| Target | Limit | Measured | Result |",
        "|---|---|---|---|",
        f"| paced typing: didChange → publishDiagnostics, p95 | ≤ {MAX_TYPING_P95_MS:.0f} ms | {ms(typing_p95)} ms "
        f"(n = {len(paced.per_publish)}) | {verdict(typing_p95 * 1000 <= MAX_TYPING_P95_MS)} |",
        f"| re-analysis per edit, p95 | ≤ {MAX_REANALYSIS_P95_MS:.0f} ms | {ms(reanalysis_p95)} ms "
        f"| {verdict(reanalysis_p95 * 1000 <= MAX_REANALYSIS_P95_MS)} |",
        *[row for lang, result in official.items() for row in (
            f"| official text ({lang}, {result.diagnostics:,} diagnostics): didOpen → first diagnostics, fresh "
            f"server | ≤ {MAX_OPEN_S * 1000:.0f} ms | {result.open_latency * 1000:,.0f} ms "
            f"({result.first_diagnostics:,} diagnostics) "
            f"| {verdict(result.open_latency <= MAX_OPEN_S)} |",
            f"| official text ({lang}): paced typing, didChange → publishDiagnostics, p95 | ≤ {MAX_TYPING_P95_MS:.0f} ms "
            f"| {ms(percentile(result.per_publish, 0.95))} ms "
            f"| {verdict(percentile(result.per_publish, 0.95) * 1000 <= MAX_TYPING_P95_MS)} |")],
        "",
        "## Environment",
        "",
        f"- selkeys at commit {git_revision()}; pygls {package_version('pygls')}, "
        f"lsprotocol {package_version('lsprotocol')}",
        f"- Python {platform.python_version()} ({sys.executable})",
        f"- {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs",
        f"- Run at {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Server: `{' '.join(selkeys_command())}`",
        "",
    ])


def phase(message: str, started: float) -> None:
    """Progress on stderr, so a slow phase is visible while the benchmark runs."""
    print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)


def main() -> int:
    """Measure the server, then the engine, then memory; print and save the report."""
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    paragraphs = source_paragraphs()
    doc = build_document(paragraphs)
    if min(len(TYPED_TEXT), len(TYPED_SWEDISH)) < EDITS:
        raise SystemExit(f"the typed texts have fewer characters than EDITS = {EDITS}")
    phase("typing and burst through the server ...", started)
    typing, burst, paced, decode = asyncio.run(measure_typing(doc))
    phase(f"memory with {MEMORY_DOCUMENTS} open documents ...", started)
    memory = asyncio.run(measure_memory(paragraphs))
    phase("a Swedish document after a Finnish one ...", started)
    swedish = asyncio.run(measure_swedish_open(paragraphs))
    official, stages = {}, {}
    for lang in ("fi", "sv"):
        phase(f"official {lang} text, dense with findings, in a fresh server ...", started)
        official[lang] = asyncio.run(measure_official(lang))
        phase(f"official {lang} text opened, nothing typed: when its diagnostics arrive ...", started)
        stages[lang] = asyncio.run(measure_official_stages(lang))
    phase("re-analysis in process ...", started)
    reanalysis = measure_reanalysis(doc)
    phase("done", started)
    report = render(doc, typing, burst, paced, decode, reanalysis, memory, swedish, official, stages)
    REPORT_FILE.write_text(report, encoding="utf-8")
    print(report)
    print(f"Report written to {REPORT_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
