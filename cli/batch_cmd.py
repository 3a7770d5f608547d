"""`selkeys check`: one pipeline for every input and every output format.

Local files, standard input, URLs, sitemaps, URL lists and crawls all go through a batch run
(:mod:`selkeys.batch`): each file or page is read with every reader guard of its configuration
(size, unpack limit, encoding, regular files only), linted, and streamed as a record to
``records.jsonl`` in a run directory; then the chosen format (text, json, jsonl, sarif, junit,
github, csv), the HTML report and the exit code are all worked out from those records. So no
format sees different results or skips a guard, and a site of any size is linted in bounded
memory. A run of one local input that keeps no run folder and writes no report keeps its
record in memory (:mod:`selkeys.batch`): the same record, rendered the same way. ``--annotate`` lints its one Word document while writing the copy, and its record goes
through the same last stage.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import typer

from selkeys.config import Config, ConfigError, ConfigResolver
from selkeys.model import Severity

BATCH_FORMATS = ("jsonl", "sarif", "junit", "github", "csv")
ALL_FORMATS = ("text", "json", *BATCH_FORMATS)
DETAILS = ("findings", "paragraphs", "sentences")
ENGINES = ("local", "dask")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


@dataclass
class BatchRequest:
    """The `check` options."""

    paths: list[str]
    format: str = "text"
    # what the JSON format shows besides the findings: its size then grows with the findings,
    # not with the words (a 10 MB text's paragraph and sentence scores are ~90 MB of JSON)
    detail: str = "findings"
    sitemap: list[str] = field(default_factory=list)
    urls_file: str | None = None
    crawl: str | None = None
    max_pages: int = 1000
    max_depth: int = 10
    allow_private: bool = False
    resume: bool = False
    run_dir: str | None = None
    engine: str = "local"
    scheduler: str | None = None
    baseline: str | None = None
    lang: str | None = None
    config_path: str | None = None
    settings: dict = field(default_factory=dict)
    jobs: int = 0
    min_severity: Severity = Severity.HINT
    exit_zero: bool = False
    colour: bool = False
    stdin_filename: str | None = None
    use_cache: bool = True  # the on-disk analysis cache for large local inputs
    annotate: str | None = None  # write a copy of the one Word document with comments here
    highlight: bool = False
    # called with the run's records.jsonl after the output is written, while the file still
    # exists (a files-only run keeps it in a temporary folder): e.g. to write the HTML report
    after_run: Callable[[Path], None] | None = None


@dataclass
class BatchCheck:
    """What a `check` came to: the exit code, and where the run's records are (the HTML
    report is built from them); None when they were in a temporary folder."""

    exit_code: int
    records_path: Path | None = None


def _err(message: str) -> None:
    typer.echo(f"selkeys: {message}", err=True)


def _read_url_file(path: str) -> list[str]:
    """One URL per line; blank lines and lines starting with # are skipped."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            lines = [line.strip() for line in fh]
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the URL list ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the URL list is not UTF-8 text") from None
    urls = [line for line in lines if line and not line.startswith("#")]
    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise ConfigError(f"{path}: not an http(s) URL: {bad[0]!r}")
    return urls


def _default_run_dir(cache_dir: Path, request: BatchRequest, urls: list[str]) -> Path:
    """Runs over the same sources share a folder, so `--resume` finds the interrupted run."""
    what = json.dumps([sorted(urls), sorted(request.sitemap), request.crawl, request.max_pages, request.max_depth])
    return cache_dir / "runs" / hashlib.sha256(what.encode()).hexdigest()[:16]


def _validate(request: BatchRequest) -> None:
    if request.format not in ALL_FORMATS:
        raise ConfigError(f"unknown format {request.format!r} (use {', '.join(ALL_FORMATS)})")
    if request.detail not in DETAILS:
        raise ConfigError(f"unknown --detail {request.detail!r} (use {', '.join(DETAILS)})")
    if request.detail != "findings" and request.format != "json":
        raise ConfigError("--detail applies to --format json (JSON Lines always carries the run's full records)")
    if request.lang and request.lang not in ("fi", "sv"):
        raise ConfigError(f"unknown language {request.lang!r} (use fi or sv)")
    if request.engine not in ENGINES:
        raise ConfigError(f"unknown engine {request.engine!r} (use local or dask)")
    if request.engine == "dask" and not request.scheduler:
        raise ConfigError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    if request.max_pages < 1 or request.max_depth < 0:
        raise ConfigError("--max-pages must be at least 1 and --max-depth at least 0")
    for url in [*request.sitemap, *([request.crawl] if request.crawl else [])]:
        if not is_url(url):
            raise ConfigError(f"{url}: --sitemap and --crawl take http(s) URLs")
    web = request.sitemap or request.crawl or request.urls_file or any(is_url(p) for p in request.paths)
    if request.resume and not (web or request.run_dir):
        raise ConfigError("--resume continues a web run (URLs, --sitemap, --urls or --crawl) or a --run-dir")
    if request.annotate is None and request.highlight:
        raise ConfigError("--highlight marks the words in the annotated copy; use it with --annotate OUT.docx")
    if request.annotate is not None and (web or len(request.paths) != 1 or request.paths[0] == "-"
                                         or Path(request.paths[0]).is_dir()):
        raise ConfigError("--annotate takes exactly one Word document (not a folder, stdin, URLs or several files)")


def _sections(files: list[str]) -> Callable[[str], str]:
    """A local file's section in the HTML report: the first folder under the deepest folder
    holding every linted file ("" for the files directly in it)."""
    folders = [os.path.dirname(os.path.abspath(f)) for f in files]
    try:
        base = os.path.commonpath(folders) if folders else None
    except ValueError:  # paths on different drives
        base = None

    def section(path: str) -> str:
        if base is None:
            return ""
        parts = PurePath(os.path.relpath(os.path.abspath(path), base)).parts
        return parts[0] if len(parts) > 1 else ""

    return section


def run(request: BatchRequest) -> BatchCheck:
    """Validate, lint every input into records, then render the chosen format from them and
    work out the exit code."""
    from selkeys.analysis.deep import DeepModeUnavailable
    from selkeys.analysis.store import default_dir
    from selkeys.baseline import Baseline, BaselineError
    from selkeys.batch import BatchOptions, Sources, run_batch
    from selkeys.cli.app import _attach_store, _jobs, _resolver
    from selkeys.cli.inputs import discover

    try:
        _validate(request)
        resolver = _resolver(request.config_path, request.settings)
        web_config = resolver.for_file(str(Path.cwd() / "_"))
        urls = [p for p in request.paths if is_url(p)]
        if request.urls_file:
            urls += _read_url_file(request.urls_file)
        inputs = discover([p for p in request.paths if not is_url(p)], resolver)
        for path in inputs.files:  # an invalid config file is a usage error before anything is linted
            resolver.for_file(request.stdin_filename or "-" if path == "-" else path)
        first = next((p for p in request.paths if not is_url(p)), None)
        message_lang = (resolver.for_file(first) if first else web_config).message_lang
        baseline = Baseline(Path(request.baseline)) if request.baseline else None
        jobs = _jobs(request.jobs)
    except (ConfigError, BaselineError) as exc:
        _err(str(exc))
        return BatchCheck(EXIT_ERROR)
    if not (inputs.files or inputs.errors or urls or request.sitemap or request.crawl):
        _err("give files, folders, - (stdin) or URLs to lint, or --sitemap, --urls or --crawl")
        return BatchCheck(EXIT_ERROR)
    for note in inputs.notes:
        _err(f"note: {note}")
    if request.annotate is not None:
        return _annotated(request, resolver, message_lang)
    web = bool(urls or request.sitemap or request.crawl)
    if web and not web_config.user_agent_contact:
        _err("note: set user-agent-contact in selkeys.toml so that site owners can reach you")
    files = [f for f in inputs.files if f != "-"]
    stdin = None
    if "-" in inputs.files:
        name = request.stdin_filename or "-"
        stdin = (name, sys.stdin.buffer.read(resolver.for_file(name).max_file_size + 1))
    cache_dir = Path(web_config.cache_dir).expanduser() if web_config.cache_dir else default_dir()
    sources = Sources(urls=urls, sitemaps=list(request.sitemap), crawl=request.crawl, max_pages=request.max_pages,
                      max_depth=request.max_depth, files=files, stdin=stdin, errors=inputs.errors)
    temporary = None
    run_dir: Path | None = None  # the records in memory: nothing reads them but this process
    if request.run_dir:
        run_dir = Path(request.run_dir)
    elif web:
        run_dir = _default_run_dir(cache_dir, request, urls)
    elif not (sources.single_file and request.engine == "local" and request.after_run is None):
        temporary = tempfile.TemporaryDirectory(prefix="selkeys-run-")
        run_dir = Path(temporary.name)
    fetch = None
    if web:  # the web client is loaded only for a run that fetches
        from selkeys.fetch.client import FetchSettings, user_agent

        fetch = FetchSettings(user_agent=user_agent(web_config.user_agent_contact), delay=web_config.crawl_delay,
                              max_bytes=web_config.max_page_size, allow_private=request.allow_private)
    # paragraph and sentence scores fill most of a record; the text list of findings and the CI
    # formats show neither, so they are left out unless the records are kept for later (a web
    # run, --run-dir) or read by the report or the JSON formats
    paragraphs = ((request.format == "json" and request.detail != "findings") or request.format == "jsonl"
                  or request.after_run is not None or web or request.run_dir is not None)
    options = BatchOptions(config=web_config, **({"fetch": fetch} if fetch else {}), run_dir=run_dir, http_cache=cache_dir / "http",
                           jobs=jobs, engine=request.engine, scheduler=request.scheduler, resume=request.resume,
                           force_lang=request.lang, file_configs=resolver.for_file, file_section=_sections(files),
                           progress=sys.stderr.isatty(), paragraphs=paragraphs)
    stored = _attach_store(files, request.use_cache)
    try:
        try:
            outcome = run_batch(sources, options)
        except (RuntimeError, ValueError, OSError, DeepModeUnavailable) as exc:
            _err(str(exc))
            return BatchCheck(EXIT_ERROR)
        if stored:
            from selkeys.analysis.finnish import finnish_analyzer

            finnish_analyzer().save_store()
        for note in outcome.notes:
            _err(note)
        code = finish(outcome.records(), outcome.records_path, request, resolver, web_config, message_lang,
                      baseline, unread_sources=len(outcome.notes))
        return BatchCheck(code, None if temporary or run_dir is None else outcome.records_path)
    finally:
        if temporary is not None:
            temporary.cleanup()


def _annotated(request: BatchRequest, resolver: ConfigResolver, message_lang: str | None) -> BatchCheck:
    """``check IN.docx --annotate OUT.docx``: the annotator lints while it writes the copy; its
    record then goes through the same last stage as every other run."""
    from selkeys.batch import read_records
    from selkeys.cli.docx_cmd import annotate_one
    from selkeys.output.records import page_record

    report = annotate_one(request.paths[0], request.annotate, request.highlight, request.lang,
                          request.config_path, request.settings)
    with tempfile.TemporaryDirectory(prefix="selkeys-run-") as folder:
        records_path = Path(folder) / "records.jsonl"
        records_path.write_text(json.dumps(page_record(report.result, report.document, section=""),
                                           ensure_ascii=False) + "\n", encoding="utf-8")
        web_config = resolver.for_file(str(Path.cwd() / "_"))
        return BatchCheck(finish(read_records(records_path), records_path, request, resolver, web_config,
                                 message_lang, None))


def finish(records: Iterable[dict], records_path: Path | None, request: BatchRequest, resolver: ConfigResolver,
           web_config: Config, message_lang: str | None, baseline, unread_sources: int = 0) -> int:
    """The last stage of every `check`: the records, less a baseline's known findings, are
    counted for the exit code, filtered by --min-severity and rendered in the chosen format;
    then ``after_run`` (the HTML report) reads them again from ``records_path``. Returns the
    exit code."""
    tally = _Tally(resolver, web_config)
    if baseline is not None:
        records = baseline.filter(records)
    if request.lang:
        records = _warn_on_other_language(records, request.lang, message_lang)
    _render(_at_least(tally.count(records), request.min_severity), request, message_lang)
    if request.format != "text":  # machine formats keep stdout clean: errors are repeated on stderr
        for path, error in tally.errors:
            _err(f"{path}: {error}")
    if request.after_run is not None:
        request.after_run(records_path)
    code = tally.exit_code(request.exit_zero, unread_sources)
    if code == EXIT_ERROR and not tally.read and not tally.file_errors and not unread_sources:
        _err("nothing could be read")
    return code


def _warn_on_other_language(records: Iterable[dict], lang: str, message_lang: str | None) -> Iterator[dict]:
    """``--lang fi`` on a text that is evidently Swedish (or the other way round) is linted as
    asked, with a warning: Finnish rules find nothing in Swedish, and a clean result would
    look like a clear text."""
    from selkeys.analysis.finnish import finnish_analyzer
    from selkeys.language import SUPPORTED, evident_language
    from selkeys.messages import for_text, text

    for record in records:
        found = evident_language([b["text"] for b in record.get("blocks", ())], finnish_analyzer().is_known)
        if found in SUPPORTED and found != lang:
            told = for_text(message_lang, found)
            _err("warning: " + text("check.lang_mismatch", told, path=record.get("url") or record["path"],
                                    found=text(f"lang.{found}", told), given=lang))
        yield record


def _at_least(records: Iterable[dict], minimum: Severity) -> Iterator[dict]:
    for record in records:
        if minimum > Severity.HINT and record.get("findings"):
            record = {**record, "findings": [f for f in record["findings"]
                                             if Severity.parse(f["severity"]) >= minimum]}
        yield record


class _Tally:
    """Counts what the exit code depends on while the records stream past."""

    def __init__(self, resolver: ConfigResolver, web_config: Config) -> None:
        self.resolver = resolver
        self.web_config = web_config
        self.read = 0  # pages and files linted
        self.unread = 0  # pages that could not be fetched or read
        self.skipped = 0  # pages not linted on purpose (robots.txt, not HTML)
        self.file_errors = 0
        self.errors: list[tuple[str, str]] = []  # files that could not be read, and why
        self.failing = False

    def count(self, records: Iterable[dict]) -> Iterator[dict]:
        for record in records:
            is_page = "url" in record
            if record.get("error"):
                if is_page:
                    self.unread += 1
                else:
                    self.file_errors += 1
                    self.errors.append((record["path"], record["error"]))
            elif record.get("skipped"):
                self.skipped += 1
            else:
                self.read += 1
                level = self.web_config.fail_level if is_page else self.resolver.for_file(record["path"]).fail_level
                unlisted = (record.get("notices") or {}).get("findings_capped_worst", 0)  # over the cap
                if unlisted >= level or any(Severity.parse(f["severity"]) >= level for f in record.get("findings", ())):
                    self.failing = True
            yield record

    def exit_code(self, exit_zero: bool, unread_sources: int = 0) -> int:
        """2 when a file or a source of pages (a sitemap) could not be read, or no page could;
        a page that failed is reported but does not by itself fail the run."""
        if self.file_errors or unread_sources or ((self.unread or self.skipped) and not self.read):
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failing and not exit_zero else EXIT_CLEAN


def _render(records: Iterable[dict], request: BatchRequest, message_lang: str | None) -> None:
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="" if request.format == "csv" else None,
                           write_through=False)
    try:  # each format's module imported only when chosen (junit's XML escaping pulls in urllib)
        if request.format == "jsonl":
            from selkeys.output import jsonl

            jsonl.render(records, out)
        elif request.format == "json":
            from selkeys.output.from_records import render_json

            render_json(records, out, request.detail)
        elif request.format == "sarif":
            from selkeys.output import sarif
            from selkeys.rules.schema import load_rules

            sarif.render(records, out, {r.code: r for r in load_rules()}, message_lang)
        elif request.format == "junit":
            from selkeys.output import junit

            junit.render(records, out)
        elif request.format == "github":
            from selkeys.output import github

            github.render(records, out)
        elif request.format == "csv":
            from selkeys.output import csv_format

            csv_format.render(records, out, message_lang)
        else:
            from selkeys.output.from_records import file_result
            from selkeys.output.text import TextRenderer

            renderer = TextRenderer(request.colour, message_lang)
            for record in records:
                if record.get("skipped"):
                    out.write(f"{record.get('url') or record['path']}: {record['skipped']}\n")
                    continue
                for line in renderer.file(file_result(record), request.min_severity):
                    out.write(line + "\n")
    finally:
        out.flush()
        out.detach()
