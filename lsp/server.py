"""The selkeys language server: live diagnostics, quick fixes, hover and the document score.

Each open document keeps a :class:`~selkeys.lint.BlockCache`, so after an edit only the
changed paragraphs are analysed again. An edit after a pause is linted at once, a burst of
edits is debounced (:meth:`SelkeysServer.changed`); a lint result is published only if the
document still has the version it was computed for, so stale findings never overwrite newer
text. While the Swedish tagger loads (over a second, in a background thread), a Swedish
document's first diagnostics are those that need no tagger, and the rest follow when it is
there (:meth:`SelkeysServer.lint_now`). Logging goes to stderr or a file, never stdout
(stdout carries the protocol).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from selkeys import __version__
from selkeys.analysis.swedish import swedish_analyzer, swedish_analyzer_loaded
from selkeys.config import Config, ConfigError, ConfigResolver
from selkeys.lint import BlockCache, FileResult, Linter
from selkeys.model import Document
from selkeys.lsp import actions
from selkeys.lsp.convert import LineIndex
from selkeys.lsp.docs import current_handbook, rule_href, write_handbook
from selkeys.lsp.publish import DiagnosticMemo, converter
from selkeys.messages import decimal, for_document, for_finding, for_text, text
from selkeys.model import Finding
from selkeys.readers import InputError, read_bytes
from selkeys.readers.markdown_pieces import MarkdownPieces
from selkeys.score import label

log = logging.getLogger("selkeys.lsp")

# an edit less than this long after the previous one is part of a burst of typing: its lint waits
# until the typing has paused this long (see SelkeysServer.changed)
DEBOUNCE_SECONDS = 0.15
# seconds after start-up before the Swedish tagger is loaded in the background, when no document
# has been linted yet (a document opened at start-up is linted first)
SWEDISH_WARM_UP_DELAY = 1.0
# a document longer than this many words first gets the diagnostics of its opening paragraphs
# (about this many words), then all of them: the first lint of a 10,000-word text analyses
# every word form, and a user reads from the top
OPENING_WORDS = 1500
_FORMATS = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}
# client setting (camelCase, as editors send them) -> selkeys.toml key
_SETTINGS = {"profile": "profile", "messageLang": "message-lang", "select": "select", "ignore": "ignore",
             "vocabulary": "vocabulary", "deep": "deep", "lang": "lang"}


@dataclass
class DocumentState:
    cache: BlockCache = field(default_factory=BlockCache)
    pieces: MarkdownPieces = field(default_factory=MarkdownPieces)  # a Markdown text's parse, piece by piece
    result: FileResult | None = None
    doc: Document | None = None  # the document as read for `result` (block source maps for hover)
    text: str = ""
    version: int | None = None
    pending: asyncio.TimerHandle | None = None
    last_change: float = float("-inf")  # event-loop time of the last didChange
    opening_published: bool = False  # the first lint's diagnostics of the opening paragraphs are out
    memo: DiagnosticMemo = field(default_factory=DiagnosticMemo)  # the last published diagnostics, for reuse


def _path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else parsed.path or uri


class SelkeysServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("selkeys", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         converter_factory=converter)
        self.linter = Linter()
        self.states: dict[str, DocumentState] = {}
        self.client_settings: dict = {}
        self.language_formats: dict[str, str] = dict(_FORMATS)
        self.resolver = ConfigResolver()
        self.handbooks: dict[str, Path | None] = {}  # per language, written when first linked to
        self.handbooks_building: set[str] = set()
        self.deep_ready = threading.Event()
        self.swedish_warming: threading.Thread | None = None

    # -- configuration ------------------------------------------------------------------
    def apply_settings(self, settings: dict | None) -> None:
        """Client settings override the config files, as command-line options do."""
        settings = settings or {}
        self.client_settings = settings
        cli = {_SETTINGS[k]: v for k, v in settings.items() if k in _SETTINGS and v not in (None, "", [])}
        for language_id, fmt in (settings.get("languageIds") or {}).items():
            if fmt in ("text", "markdown", "html"):
                self.language_formats[language_id] = fmt
        self.resolver = ConfigResolver(Config(), cli)
        for state in self.states.values():
            state.cache = BlockCache()  # results depend on the settings
        if self.config_for("").deep:
            self._load_deep_in_background()

    def config_for(self, path: str) -> Config:
        try:
            return self.resolver.for_file(path or str(Path.cwd() / "_"))
        except ConfigError as exc:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"selkeys: {exc}"))
            return Config()

    def _load_deep_in_background(self) -> None:
        """Load the spaCy model once, off the event loop; until then lint without deep rules."""
        if self.deep_ready.is_set() or getattr(self, "_deep_thread", None):
            return

        def load() -> None:
            try:
                from selkeys.analysis.deep import syntax_parser

                syntax_parser()
                self.deep_ready.set()
                loop.call_soon_threadsafe(self.relint_all)
            except Exception as exc:  # noqa: BLE001 - reported to the user, server keeps going
                log.error("deep mode unavailable: %s", exc)

        loop = asyncio.get_running_loop()
        self._deep_thread = threading.Thread(target=load, daemon=True)
        self._deep_thread.start()

    def warm_up_swedish(self) -> None:
        """Load the Swedish tagger in the background unless the settings say every text is
        Finnish: loading takes over a second, and a Swedish document opened later would
        otherwise get only the findings that need no tagger until then. Started after the first
        diagnostics are out (or a moment after start-up), so that the load does not slow the
        first document's lint."""
        if self.config_for("").lang != "fi":
            self.load_swedish()

    def load_swedish(self) -> None:
        """Load the Swedish tagger in a background thread, once. When the load ends, the
        documents that have only their first findings, those that need no tagger, are linted
        again (and a failed load is then reported by their lint, as it would be without it)."""
        if self.swedish_warming is not None:
            return
        loop = asyncio.get_running_loop()

        def load() -> None:
            try:
                swedish_analyzer()
            except Exception as exc:  # noqa: BLE001 - a Swedish lint reports it again when it needs the model
                log.error("Swedish model unavailable: %s", exc)
            finally:
                loop.call_soon_threadsafe(self._swedish_loaded)

        self.swedish_warming = threading.Thread(target=load, name="selkeys-swedish-warm-up", daemon=True)
        self.swedish_warming.start()

    def swedish_loading(self) -> bool:
        """Whether a Swedish lint would now wait for the tagger: it is not loaded, and its load
        has not been tried yet or is still under way (after a failed load, a lint reports the
        error)."""
        return not swedish_analyzer_loaded() and (self.swedish_warming is None or self.swedish_warming.is_alive())

    def _swedish_loaded(self) -> None:
        """The tagger's load has ended: the documents without a full lint yet get one."""
        for uri, state in list(self.states.items()):
            if state.result is None:
                self.schedule(uri, 0)

    # -- linting -----------------------------------------------------------------------
    def opened(self, uri: str) -> TextDocument | None:
        """The text the client opened under ``uri``, or None. Never pygls' get_text_document:
        for a URI the client did not open it reads the file from disk, and a client (over
        ``--tcp``, anyone who can connect) must not get the server to read its files."""
        if uri not in self.states:
            return None
        return self.workspace.text_documents.get(unquote(uri))

    def schedule(self, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
        """Lint ``uri`` after ``delay``; documents the client has not opened are ignored."""
        state = self.states.get(uri)
        if state is None or self.opened(uri) is None:
            log.info("ignoring %s: the client has not opened it", uri)
            return
        if state.pending is not None:
            state.pending.cancel()
        state.pending = asyncio.get_running_loop().call_later(delay, self.lint_now, uri)

    def changed(self, uri: str) -> None:
        """Lint ``uri`` after an edit: at once when the document was idle, debounced in a burst.

        An edit that comes after a pause of DEBOUNCE_SECONDS or more, with no lint waiting,
        is linted right away: a fixed debounce would add its whole delay to every isolated
        edit (the latency of a correction, or of typing slower than the debounce), while the
        lint itself takes some 15 ms. An edit sooner than that after the previous one belongs
        to a burst: it restarts the debounce, so that typing is not slowed by a lint per
        keystroke and the burst ends with one lint, of its final text. A burst thus costs at
        most two lints, one of its first keystroke (which may flag a word still being typed,
        corrected when the burst ends) and one after it.
        """
        state = self.states.get(uri)
        if state is None:
            self.schedule(uri)  # not opened: schedule says so in the log
            return
        now = asyncio.get_running_loop().time()
        idle = state.pending is None and now - state.last_change >= DEBOUNCE_SECONDS
        state.last_change = now
        self.schedule(uri, 0 if idle else DEBOUNCE_SECONDS)

    def lint_now(self, uri: str, wait_for_tagger: bool = False) -> None:
        """Lint ``uri`` and publish its diagnostics.

        A document's first lint covers its opening paragraphs when it is long (``_opening``),
        and when they hold Swedish while the tagger is still loading, only the findings that
        need no tagger (``Linter.findings_without_tagger``): they are out in a fraction of a
        second instead of after the load, and the full set, published when the tagger is there
        (``_swedish_loaded``), only adds to them. ``wait_for_tagger``: lint fully even so (a
        hover or code action needs the whole result)."""
        state = self.states.get(uri)
        if state is None:
            return
        state.pending = None
        document = self.opened(uri)
        if document is None:
            return
        source, version = document.source, document.version
        path = _path(uri)
        config = self.config_for(path)
        if config.deep and not self.deep_ready.is_set():
            config = replace(config, deep=False)  # the model is still loading: no syntax rules yet
        fmt = self.language_formats.get(document.language_id or "", None)
        data = source.encode("utf-8")
        if len(data) > config.max_file_size:
            lang = for_text(config.message_lang, config.lang)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning,
                message="selkeys: " + text("lsp.too_large", lang, name=Path(path).name, limit=config.max_file_size)))
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            return
        try:
            doc = read_bytes(data, path, fmt, pieces=state.pieces)
            first = state.result is None and not state.opening_published
            opening = _opening(doc) if first else None
            if first and not wait_for_tagger and self.swedish_loading():
                early = self.linter.findings_without_tagger(opening or doc, config, cache=state.cache)
                if early is not None:
                    self._send(uri, state, source, version, early, config)
                    self.load_swedish()  # after the publish: the load would slow this lint
                    return
            if opening is not None:
                partial = self.linter.lint_document(opening, config, cache=state.cache)
                self._send(uri, state, source, version, partial.findings, config)
                state.opening_published = True
                self.schedule(uri, 0)  # the whole document next; its opening is cached now
                return
            result = self.linter.lint_document(doc, config, cache=state.cache)
        except InputError as exc:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning,
                                                           message=f"{path}: {exc.reason}"))
            return
        except Exception:  # noqa: BLE001 - one bad document must not stop the server
            log.exception("linting %s failed", uri)
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error,
                                                           message=f"selkeys failed on {path}"))
            return
        current = self.opened(uri)
        if current is None or current.version != version or current.source != source:
            return  # the text changed while we worked; its own lint is scheduled
        state.result, state.doc, state.text, state.version = result, doc, source, version
        self.publish(uri, state, config)
        self.warm_up_swedish()

    def line_index(self, text: str) -> LineIndex:
        """Positions in ``text`` counted in the encoding negotiated with this client."""
        return LineIndex(text, self.workspace.position_codec)

    def handbook(self, lang: str) -> Path | None:
        """The handbook in ``lang`` that diagnostics and hovers link to. When it is missing or
        stale it is built off the event loop (about 5 s: it analyses every rule's examples) and
        the open documents' diagnostics are published again with their links; until then they
        go out without links rather than wait."""
        if lang in self.handbooks:
            return self.handbooks[lang]
        fresh = current_handbook(self.linter.rules, lang)
        if fresh is not None:
            self.handbooks[lang] = fresh
            return fresh
        if lang not in self.handbooks_building:
            self.handbooks_building.add(lang)
            loop = asyncio.get_running_loop()

            def build() -> None:
                path = write_handbook(self.linter.rules, lang)
                loop.call_soon_threadsafe(self._handbook_ready, lang, path)

            threading.Thread(target=build, daemon=True).start()
        return None

    def _handbook_ready(self, lang: str, path: Path | None) -> None:
        self.handbooks[lang] = path
        self.handbooks_building.discard(lang)
        if path is None:
            return
        for uri, state in list(self.states.items()):
            current = self.opened(uri)
            if state.result is not None and current is not None and current.version == state.version:
                self.publish(uri, state, self.config_for(_path(uri)))

    def docs_href(self, finding: Finding, config: Config) -> str | None:
        """The finding's rule in the handbook of the language its message is in."""
        return rule_href(self.handbook(for_finding(config.message_lang, finding)), finding.code)

    def publish(self, uri: str, state: DocumentState, config: Config) -> None:
        self._send(uri, state, state.text, state.version, state.result.findings, config)
        lens = self.client_capabilities.workspace and self.client_capabilities.workspace.code_lens
        if lens and lens.refresh_support:
            self.workspace_code_lens_refresh(None)

    def _send(self, uri: str, state: DocumentState, text: str, version: int | None, findings: list[Finding],
              config: Config) -> None:
        """Publish ``findings``; those unchanged since the document's last publish reuse its
        diagnostics (see selkeys.lsp.publish)."""
        diagnostics = state.memo.render(findings, self.line_index(text), lambda f: self.docs_href(f, config))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def reload_config(self) -> None:
        """Read the config files again (a fresh resolver) and re-lint every open document."""
        self.apply_settings(self.client_settings)
        self.relint_all()

    def relint_all(self) -> None:
        for uri in list(self.states):
            self.states[uri].cache = BlockCache()
            self.schedule(uri, 0)


def _opening(doc: Document) -> Document | None:
    """The opening paragraphs of a long document, about OPENING_WORDS words; None when the
    document is not much longer than that."""
    words = 0
    for count, block in enumerate(doc.blocks, 1):
        words += len(block.text.split())
        if words >= OPENING_WORDS:
            rest = sum(len(b.text.split()) for b in doc.blocks[count:])
            return replace(doc, blocks=doc.blocks[:count]) if rest >= OPENING_WORDS else None
    return None


server = SelkeysServer()


@server.feature(types.INITIALIZE)
def initialize(ls: SelkeysServer, params: types.InitializeParams) -> None:
    options = params.initialization_options or {}
    ls.apply_settings(options.get("selkeys", options) if isinstance(options, dict) else {})


@server.feature(types.INITIALIZED)
async def initialized(ls: SelkeysServer, params: types.InitializedParams) -> None:
    await pull_configuration(ls)
    asyncio.get_running_loop().call_later(SWEDISH_WARM_UP_DELAY, ls.warm_up_swedish)
    workspace = ls.client_capabilities.workspace
    watched = workspace and workspace.did_change_watched_files
    if not (watched and watched.dynamic_registration):
        return  # config files are then reloaded when saved in the editor
    watchers = [types.FileSystemWatcher(glob_pattern=g) for g in ("**/selkeys.toml", "**/pyproject.toml")]
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
            id="selkeys-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
    except Exception:  # noqa: BLE001 - clients without dynamic registration
        log.info("client does not watch files for us; config changes apply on save")


async def pull_configuration(ls: SelkeysServer) -> None:
    workspace = ls.client_capabilities.workspace
    if not (workspace and workspace.configuration):
        return
    try:
        (settings,) = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section="selkeys")]))
    except Exception:  # noqa: BLE001 - a client that fails the request keeps the current settings
        log.info("workspace/configuration failed; keeping the current settings")
        return
    if isinstance(settings, dict):
        ls.apply_settings(settings)
        ls.relint_all()


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: SelkeysServer, params: types.DidChangeConfigurationParams) -> None:
    settings = params.settings
    if isinstance(settings, dict) and settings:
        ls.apply_settings(settings.get("selkeys", settings))
        ls.relint_all()
    else:
        await pull_configuration(ls)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: SelkeysServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.reload_config()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SelkeysServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.states[params.text_document.uri] = DocumentState()
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SelkeysServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.changed(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: SelkeysServer, params: types.DidSaveTextDocumentParams) -> None:
    path = _path(params.text_document.uri)
    if Path(path).name in ("selkeys.toml", "pyproject.toml"):
        ls.reload_config()
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SelkeysServer, params: types.DidCloseTextDocumentParams) -> None:
    state = ls.states.pop(params.text_document.uri, None)
    if state is not None and state.pending is not None:
        state.pending.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


def _current(ls: SelkeysServer, uri: str) -> DocumentState | None:
    """The state, linted now if edits are pending, so that actions never work on stale text."""
    state = ls.states.get(uri)
    document = ls.opened(uri)
    if state is None or document is None:
        return None
    if state.pending is not None or state.result is None or state.text != document.source:
        ls.lint_now(uri, wait_for_tagger=True)
    return state if state.result is not None else None


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
def code_action(ls: SelkeysServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    state = _current(ls, uri)
    if state is None:
        return []
    found = actions.code_actions(uri, state.text, state.result, params.range, ls.line_index(state.text),
                                 ls.config_for(_path(uri)).message_lang)
    only = [getattr(k, "value", k) for k in params.context.only or []]
    return [a for a in found if not only or any(getattr(a.kind, "value", a.kind).startswith(k) for k in only)]


@server.command(actions.ADD_TO_VOCABULARY)
def add_to_vocabulary(ls: SelkeysServer, uri: str, term: str) -> None:
    path = Path(_path(uri))
    source = Path(ls.config_for(str(path)).source.split(" + ")[0])  # "…/selkeys.toml + command line"
    target = source if source.name in ("selkeys.toml", "pyproject.toml") and source.is_file() else None
    if target is None:
        folders = list(ls.workspace.folders.values()) if ls.workspace.folders else []
        root = Path(_path(folders[0].uri)) if folders else path.parent
        target = root / "selkeys.toml"
    try:
        actions.add_to_vocabulary(target, str(term))
    except (ValueError, OSError) as exc:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"selkeys: {exc}"))
        return
    log.info("added %r to %s", term, target)
    ls.reload_config()


@server.command(actions.RELINT_ALL)
def relint_all(ls: SelkeysServer, *args) -> None:
    ls.reload_config()


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: SelkeysServer, params: types.HoverParams) -> types.Hover | None:
    from selkeys.explain import explain_markdown

    uri = params.text_document.uri
    state = _current(ls, uri)
    if state is None:
        return None
    index = ls.line_index(state.text)
    offset = index.offset(params.position)
    config = ls.config_for(_path(uri))
    for finding in state.result.findings:
        if finding.start <= offset <= finding.end and finding.code in ls.linter.by_code:
            markdown = explain_markdown(ls.linter.by_code[finding.code], for_finding(config.message_lang, finding),
                                        ls.docs_href(finding, config))
            return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown),
                               range=index.range(finding.start, finding.end))
    for block in state.result.blocks:
        source_map = state.doc.blocks[block.index].source_map
        start, end = source_map.start(0), source_map.end(len(state.doc.blocks[block.index].text))
        if start <= offset <= end and block.score is not None:
            lang = for_text(config.message_lang, block.lang)
            return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                            value=_paragraph_markdown(block, lang, offset)))
    return None


def _paragraph_markdown(block, lang: str, offset: int | None = None) -> str:
    """A paragraph's score, what pulled it down, its size and its hardest sentence, in ``lang``."""
    s = block.score
    lines = [f"**selkeys {s.value:.0f}/100** ({s.band_label(lang)}, {block.lang})", ""]
    for measure, points in s.drivers[:4]:
        lines.append(f"- {label(measure, lang)}: −{points:.0f}")
    m = block.measures
    lines.append("")
    lines.append(text("lsp.measures", lang, words=m["words"], per_sentence=decimal(m["words_per_sentence"], lang),
                      lix=f"{m['lix']:.0f}"))
    here = next((x for x in block.sentences if offset is not None and x.start <= offset <= x.end), None)
    if len(block.sentences) > 1:  # one sentence: the paragraph's score already says it all
        hardest = block.hardest_sentences(1)[0]
        for title, sentence in ((text("lsp.this_sentence", lang), here),
                                (text("lsp.hardest_sentence", lang, line=hardest.line), hardest)):
            if sentence is not None:
                why = ", ".join(label(d, lang) for d, _ in sentence.score.drivers[:3])
                lines += ["", f"{title}: {sentence.score.value:.0f}/100" + (f" ({why})" if why else "")]
    return "\n".join(lines)


@server.feature(types.TEXT_DOCUMENT_CODE_LENS)
def code_lens(ls: SelkeysServer, params: types.CodeLensParams) -> list[types.CodeLens]:
    uri = params.text_document.uri
    state = ls.states.get(uri)
    if state is None or state.result is None or not state.result.by_language:
        return []
    lang = for_document(ls.config_for(_path(uri)).message_lang, state.result)
    parts = [f"{text_lang}: {r.score.value:.0f}/100 ({r.score.band_label(lang)})"
             for text_lang, r in state.result.by_language.items() if r.score]
    if not parts:
        return []
    title = "selkeys " + " · ".join(parts)
    start = types.Position(line=0, character=0)
    return [types.CodeLens(range=types.Range(start=start, end=start),
                           command=types.Command(title=title, command=actions.RELINT_ALL))]


def start(tcp: str | None = None, log_file: str | None = None, verbose: bool = False) -> None:
    handler = logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler()
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler],
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not verbose:
        logging.getLogger("pygls").setLevel(logging.WARNING)  # it logs every message at INFO
    if tcp:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
