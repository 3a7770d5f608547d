"""`selkeys check` for web sites and CI: URLs, sitemaps, URL lists and crawls, and the CI
output formats (jsonl, sarif, junit, github, csv) and baselines, for pages and files alike.

Everything here goes through a batch run (:mod:`selkeys.batch`): records are streamed to
``records.jsonl`` in a run directory and the chosen format is rendered by reading them back,
so a site of any size is linted in bounded memory.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import typer

from selkeys.config import Config, ConfigError, ConfigResolver
from selkeys.model import Severity

BATCH_FORMATS = ("jsonl", "sarif", "junit", "github", "csv")
ALL_FORMATS = ("text", "json", *BATCH_FORMATS)
ENGINES = ("local", "dask")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def wants_batch(paths: list[str], format: str, sitemap, urls_file, crawl, baseline, run_dir) -> bool:
    """Plain text/JSON runs over files keep the classic path; anything web or CI goes here."""
    return bool(format in BATCH_FORMATS or sitemap or urls_file or crawl or baseline or run_dir
                or any(is_url(p) for p in paths))


@dataclass
class BatchRequest:
    """The `check` options that matter to a batch run."""

    paths: list[str]
    format: str = "text"
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
    # called with the run's records.jsonl after the output is written, while the file still
    # exists (a files-only run keeps it in a temporary folder): e.g. to write the HTML report
    after_run: Callable[[Path], None] | None = None


@dataclass
class BatchCheck:
    """What a batch `check` came to: the exit code, and where the run's records are (the
    HTML report is built from them)."""

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
    if "-" in request.paths:
        raise ConfigError("standard input (-) is read only with --format text or json; give file names")
    web = request.sitemap or request.crawl or request.urls_file or any(is_url(p) for p in request.paths)
    if request.resume and not (web or request.run_dir):
        raise ConfigError("--resume continues a web run (URLs, --sitemap, --urls or --crawl) or a --run-dir")


def run(request: BatchRequest) -> BatchCheck:
    """Validate, run the batch, render the chosen format to stdout and work out the exit code."""
    from selkeys.analysis.store import default_dir
    from selkeys.baseline import Baseline, BaselineError
    from selkeys.batch import BatchOptions, Sources, read_records, run_batch
    from selkeys.cli.app import _discover, _jobs, _resolver
    from selkeys.fetch.client import FetchSettings, user_agent

    try:
        _validate(request)
        resolver = _resolver(request.config_path, request.settings)
        web_config = resolver.for_file(str(Path.cwd() / "_"))
        urls = [p for p in request.paths if is_url(p)]
        if request.urls_file:
            urls += _read_url_file(request.urls_file)
        discover_errors: list[tuple[str, str]] = []
        files = _discover([p for p in request.paths if not is_url(p)], resolver, discover_errors)
        files += [path for path, _ in discover_errors]  # recorded with their error
        baseline = Baseline(Path(request.baseline)) if request.baseline else None
        jobs = _jobs(request.jobs)
    except (ConfigError, BaselineError) as exc:
        _err(str(exc))
        return BatchCheck(EXIT_ERROR)
    web = bool(urls or request.sitemap or request.crawl)
    if web and not web_config.user_agent_contact:
        _err("note: set user-agent-contact in selkeys.toml so that site owners can reach you")
    cache_dir = Path(web_config.cache_dir).expanduser() if web_config.cache_dir else default_dir()
    temporary = None
    if request.run_dir:
        run_dir = Path(request.run_dir)
    elif web:
        run_dir = _default_run_dir(cache_dir, request, urls)
    else:
        temporary = tempfile.TemporaryDirectory(prefix="selkeys-run-")
        run_dir = Path(temporary.name)
    fetch = FetchSettings(user_agent=user_agent(web_config.user_agent_contact), delay=web_config.crawl_delay,
                          max_bytes=web_config.max_page_size, allow_private=request.allow_private)
    sources = Sources(urls=urls, sitemaps=list(request.sitemap), crawl=request.crawl,
                      max_pages=request.max_pages, max_depth=request.max_depth, files=files)
    options = BatchOptions(config=web_config, fetch=fetch, run_dir=run_dir, http_cache=cache_dir / "http",
                           jobs=jobs, engine=request.engine, scheduler=request.scheduler, resume=request.resume,
                           force_lang=request.lang, file_configs=resolver.for_file,
                           progress=sys.stderr.isatty())
    try:
        try:
            outcome = run_batch(sources, options)
        except (RuntimeError, ValueError, OSError) as exc:
            _err(str(exc))
            return BatchCheck(EXIT_ERROR)
        for note in outcome.notes:
            _err(note)
        tally = _Tally(resolver, web_config)
        records: Iterable[dict] = read_records(outcome.records_path)
        if baseline is not None:
            records = baseline.filter(records)
        records = tally.count(_at_least(records, request.min_severity))
        _render(records, request, web_config)
        if request.after_run is not None:
            request.after_run(outcome.records_path)
        code = tally.exit_code(request.exit_zero)
        if code == EXIT_ERROR and not tally.read and not tally.file_errors:
            _err("nothing could be read")
        return BatchCheck(code, None if temporary else outcome.records_path)
    finally:
        if temporary is not None:
            temporary.cleanup()


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
        self.failing = False

    def count(self, records: Iterable[dict]) -> Iterator[dict]:
        for record in records:
            is_page = "url" in record
            if record.get("error"):
                if is_page:
                    self.unread += 1
                else:
                    self.file_errors += 1
            elif record.get("skipped"):
                self.skipped += 1
            else:
                self.read += 1
                level = self.web_config.fail_level if is_page else self.resolver.for_file(record["path"]).fail_level
                if any(Severity.parse(f["severity"]) >= level for f in record.get("findings", ())):
                    self.failing = True
            yield record

    def exit_code(self, exit_zero: bool) -> int:
        """As for files: 2 when a file could not be read or no page could; a page that failed
        is reported but does not by itself fail the run."""
        if self.file_errors or ((self.unread or self.skipped) and not self.read):
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failing and not exit_zero else EXIT_CLEAN


def _render(records: Iterable[dict], request: BatchRequest, config: Config) -> None:
    from selkeys.output import csv_format, github, jsonl, junit, sarif
    from selkeys.output.from_records import file_result, render_json
    from selkeys.output.text import TextRenderer

    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="" if request.format == "csv" else None,
                           write_through=False)
    try:
        if request.format == "jsonl":
            jsonl.render(records, out)
        elif request.format == "json":
            render_json(records, out)
        elif request.format == "sarif":
            from selkeys.rules.schema import load_rules

            sarif.render(records, out, {r.code: r for r in load_rules()}, config.message_lang)
        elif request.format == "junit":
            junit.render(records, out)
        elif request.format == "github":
            github.render(records, out)
        elif request.format == "csv":
            csv_format.render(records, out, config.message_lang)
        else:
            renderer = TextRenderer(request.colour, config.message_lang)
            for record in records:
                if record.get("skipped"):
                    out.write(f"{record.get('url') or record['path']}: {record['skipped']}\n")
                    continue
                for line in renderer.file(file_result(record), request.min_severity):
                    out.write(line + "\n")
    finally:
        out.flush()
        out.detach()
