"""Batch runs over many web pages (or local files): fetch, lint on all cores, stream records.

The parent process fetches with a few threads (the work is waiting on the network, and the
per-host politeness limits need one shared view of each host), and hands each page to a
pool of forked worker processes that each hold one warm :class:`~selkeys.lint.Linter`
(``--engine dask`` hands them to a Dask cluster instead). Every finished page becomes one
record (:func:`selkeys.output.records.page_record`) appended to ``records.jsonl`` in the run
directory as soon as it is done. Nothing else is kept: memory stays bounded whatever the
size of the site, a ``--resume`` run skips the pages already recorded, and every output
format is rendered by reading that file back (:func:`read_records`). A run of one local input
whose records nothing else reads may keep its one record in memory instead (``run_dir=None``):
the same record, without writing it as JSON and parsing it back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from datetime import datetime, timezone
from pathlib import Path

from selkeys.config import Config
from selkeys.fetch.cache import HttpCache
from selkeys.fetch.crawl import Frontier, normalise, section
from selkeys.lint import FileResult, Linter
from selkeys.model import Document

if TYPE_CHECKING:  # the web client (httpx, its backends) is loaded only for runs that fetch
    from selkeys.fetch.client import FetchResult, FetchSettings, Fetcher
from selkeys.output.records import page_line, page_record, page_record_view

RECORDS_FILE = "records.jsonl"
FETCH_THREADS = 8
# per process, by whether it scores sentences: loaded in the parent and inherited warm through fork
_LINTERS: dict[bool, Linter] = {}


@dataclass
class Sources:
    """What a batch run lints: URLs (given, from a file, from sitemaps, or crawled) and files."""

    urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    crawl: str | None = None
    max_pages: int = 1000
    max_depth: int = 10
    files: list[str] = field(default_factory=list)
    stdin: tuple[str, bytes] | None = None  # (name, bytes) of text read from standard input
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): inputs found unreadable

    @property
    def fetches(self) -> bool:
        """Anything to fetch from the web (else the web client is never loaded: local files
        start up as fast as they did before the one pipeline)."""
        return bool(self.urls or self.sitemaps or self.crawl)

    @property
    def single_file(self) -> bool:
        """One local input and nothing to fetch: that document is split across the cores."""
        return (not self.fetches
                and len(self.files) + (self.stdin is not None) + len(self.errors) == 1)


@dataclass
class BatchOptions:
    config: Config  # for web pages (local files bring their own, resolved per path)
    run_dir: Path | None  # records.jsonl goes here; None: the records are kept in memory
    fetch: "FetchSettings | None" = None  # None: the defaults; the web client is imported only to fetch
    http_cache: Path | None = None
    cache_max_bytes: int = 500 * 1024 * 1024
    jobs: int = 1
    engine: str = "local"  # or "dask"
    scheduler: str | None = None
    resume: bool = False
    force_lang: str | None = None
    file_configs: Callable[[str], Config] | None = None
    file_section: Callable[[str], str] | None = None  # a local file's section in the report
    progress: bool = False
    # paragraph and sentence scores in the records: sentence scores cost a serial step and
    # both fill most of a record, and the text list of findings and the CI formats show neither
    paragraphs: bool = True


@dataclass
class BatchOutcome:
    records_path: Path | None  # None: the records were kept in memory
    written: int = 0  # records written by this run
    resumed: int = 0  # records kept from an interrupted run
    notes: list[str] = field(default_factory=list)  # problems that are not about one page
    kept: list[dict] | None = None  # the records, when kept in memory

    def records(self) -> Iterator[dict]:
        """The run's records, in the order they were written."""
        return iter(self.kept) if self.kept is not None else read_records(self.records_path)


def run_records_path(run_dir: Path) -> Path:
    """Where a run in ``run_dir`` keeps its records (the HTML report reads them from here)."""
    return Path(run_dir) / RECORDS_FILE


def read_records(path: Path) -> Iterator[dict]:
    """The records of a run, one at a time; a line cut short by an interruption is skipped."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.endswith("\n"):
                try:
                    record = json.loads(line)
                except (ValueError, RecursionError):  # RecursionError: "[[[[..." nested too deeply
                    continue
                yield record


def record_key(record: dict) -> str:
    return record.get("url") or record["path"]


# -- worker side ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PageJob:
    url: str
    final_url: str
    status: int | None
    body: bytes
    fetched_at: str
    config: Config
    force_lang: str | None = None
    depth: int | None = None  # set in crawls: the record then keeps its links
    paragraphs: bool = True  # BatchOptions.paragraphs


@dataclass(frozen=True)
class FileJob:
    path: str
    config: Config
    force_lang: str | None = None
    data: bytes | None = None  # text read from standard input (``path`` is its name)
    jobs: int = 1  # processes to split this one document across (a run of one file)
    section: str | None = None
    paragraphs: bool = True  # BatchOptions.paragraphs


def _linter(paragraphs: bool = True) -> Linter:
    """This process's Linter (scoring paragraphs and sentences when records keep paragraphs),
    which loads a language's rules when it first meets the language; a pool of workers gets
    them all loaded before it forks (:class:`_ProcessEngine`), so that they inherit them warm."""
    linter = _LINTERS.get(paragraphs)
    if linter is None:
        linter = _LINTERS[paragraphs] = Linter(sentence_scores=paragraphs, block_scores=paragraphs, lazy_rules=True)
    return linter


def _lint(job: PageJob | FileJob) -> tuple[FileResult, Document | None, dict]:
    """The result, document and page facts of one page or file."""
    from selkeys.readers import InputError, read_bytes, read_input

    linter = _linter(job.paragraphs)
    if isinstance(job, FileJob):
        meta = {"section": job.section} if job.section is not None else {}
        try:
            doc = read_input(job.path, job.config, job.data)
        except InputError as exc:
            return FileResult(path=job.path, error=exc.reason), None, meta
        return linter.lint_document(doc, job.config, job.force_lang, job.jobs), doc, meta
    from selkeys.fetch.links import page_links  # html.parser: for web pages only

    meta = _page_meta(job.url, job.final_url, job.status, job.fetched_at)
    found = page_links(job.body.decode("utf-8", errors="replace"), job.final_url)
    meta["page_lang"] = found.lang
    meta["lang_versions"] = found.alternates
    if found.title:
        meta["title"] = found.title
    if job.depth is not None:
        meta["depth"] = job.depth
        meta["links"] = found.links
    try:
        doc = read_bytes(job.body, job.url, "html")
    except InputError as exc:
        return FileResult(path=job.url, error=exc.reason), None, meta
    return linter.lint_document(doc, job.config, job.force_lang), doc, meta


def lint_job(job: PageJob | FileJob) -> dict:
    """Lint one page or file into a record. Pure: runs the same in a forked worker, in this
    process or on a Dask worker, which is what makes the engines give identical records."""
    result, doc, meta = _lint(job)
    return page_record(result, doc, job.paragraphs, **meta)


_Fresh = tuple[dict, dict]  # word analyses made while linting, for the on-disk analysis store


def lint_to_line(job: PageJob | FileJob) -> tuple[bytes, list[str] | None, int | None, _Fresh]:
    """:func:`lint_job` serialised where it ran: a JSON line pickles back to the parent far
    faster than the nested record, and the parent only needs the line (and a crawl's links),
    plus the word analyses a worker made (empty unless the parent attached an analysis store).
    The line is written from the results directly (:func:`page_line`), never as a record."""
    return _lint_with(job, page_line)


def lint_to_record(job: PageJob | FileJob) -> tuple[dict, list[str] | None, int | None, _Fresh]:
    """:func:`lint_to_line` for a run that keeps its records in memory: the record itself, its
    long lists made from the results when read (:func:`page_record_view`)."""
    return _lint_with(job, page_record_view)


def _lint_with(job: PageJob | FileJob, build):
    """The job's record made by ``build`` (:func:`page_line` or :func:`page_record_view`), its links and
    depth, and the word analyses this process made for it."""
    from selkeys.analysis.finnish import finnish_analyzer

    result, doc, meta = _lint(job)
    return build(result, doc, job.paragraphs, **meta), meta.get("links"), meta.get("depth"), finnish_analyzer().take_fresh()


def _page_meta(url: str, final_url: str, status: int | None, fetched_at: str) -> dict:
    return {"url": url, "final_url": final_url, "status": status, "section": section(final_url),
            "fetched_at": fetched_at}


def fetch_record(result: FetchResult, fetched_at: str) -> dict:
    """The record of a page that was not linted: an error, or a note on why it was skipped."""
    meta = _page_meta(result.url, result.final_url, result.status, fetched_at)
    if result.note:
        meta["skipped"] = result.note
    return page_record(FileResult(path=result.url, error=result.error), None, **meta)


# -- engines -------------------------------------------------------------------------------
class _InlineEngine:
    """``-j 1`` (or one document, split inside the engine): lint in this process."""

    def __init__(self, records: bool = False) -> None:
        self.lint = lint_to_record if records else lint_to_line  # records: for a run kept in memory

    def submit(self, job) -> Future:
        future: Future = Future()
        try:
            future.set_result(self.lint(job))
        except Exception as exc:  # noqa: BLE001 - reported as the page's error
            future.set_exception(exc)
        return future

    def close(self) -> None:
        pass


class _ProcessEngine:
    """Forked workers that inherit the parent's loaded rules and analysers."""

    def __init__(self, jobs: int, paragraphs: bool) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor  # with multiprocessing's queues: only for a pool

        _linter(paragraphs).rules  # noqa: B018 - loaded once here, inherited by every worker
        self.pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
        # start the workers now, before any fetch thread exists: forking a threaded process
        # could copy a lock that another thread holds
        for future in [self.pool.submit(os.getpid) for _ in range(jobs)]:
            future.result()

    def submit(self, job) -> Future:
        return self.pool.submit(lint_to_line, job)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class _DaskEngine:
    """A Dask cluster (``--scheduler ADDRESS``) runs :func:`lint_job`; its futures are bridged
    to standard ones so that the run loop is the same for every engine."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise RuntimeError("--engine dask needs the dask extra: pip install 'selkeys[dask]'") from None
        try:
            self.client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise RuntimeError(f"cannot reach the Dask scheduler at {address} ({exc})") from None

    def submit(self, job) -> Future:
        bridge: Future = Future()
        remote = self.client.submit(lint_to_line, job, pure=False)

        def done(finished) -> None:
            try:
                bridge.set_result(finished.result())
            except Exception as exc:  # noqa: BLE001 - reported as the page's error
                bridge.set_exception(exc)

        remote.add_done_callback(done)
        return bridge

    def close(self) -> None:
        self.client.close()


def _engine(options: BatchOptions, single_file: bool):
    if single_file and options.engine == "local":
        return _InlineEngine(records=options.run_dir is None)  # the document itself is split across the cores
    if options.engine == "dask":
        if not options.scheduler:
            raise RuntimeError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        return _DaskEngine(options.scheduler)
    if options.jobs > 1:
        return _ProcessEngine(options.jobs, options.paragraphs)
    return _InlineEngine()


# -- the run -------------------------------------------------------------------------------
class _RecordWriter:
    """Appends records to the JSONL file, one flushed line each, so that an interrupted run
    loses at most the line being written (which :meth:`open` then cuts off)."""

    def __init__(self, path: Path, resume: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.done: set[str] = set()
        if resume and path.exists():
            self._cut_partial_line()
            self.done = {record_key(r) for r in read_records(path)}
        self.fh = open(path, "ab" if resume else "wb")
        self.written = 0

    def _cut_partial_line(self) -> None:
        """Drop a last line without its newline, reading backwards from the end (the file
        may be large)."""
        with open(self.path, "rb+") as fh:
            end = fh.seek(0, os.SEEK_END)
            position = end
            while position > 0:
                step = min(1 << 16, position)
                fh.seek(position - step)
                chunk = fh.read(step)
                if position == end and chunk.endswith(b"\n"):
                    return
                newline = chunk.rfind(b"\n")
                if newline != -1:
                    fh.truncate(position - step + newline + 1)
                    return
                position -= step
            fh.truncate(0)

    def write(self, record: bytes | dict) -> None:
        """Append one record, or one already serialised as a UTF-8 JSON line without its newline."""
        line = record if isinstance(record, bytes) else json.dumps(record, ensure_ascii=False).encode()
        self.fh.write(line)
        self.fh.write(b"\n")
        self.fh.flush()
        self.written += 1

    def close(self) -> None:
        self.fh.close()


class _RecordList:
    """The records of a run kept in memory (``run_dir=None``), with :class:`_RecordWriter`'s
    interface; meant for a run of one input, whose record is in memory anyway."""

    def __init__(self) -> None:
        self.path = None
        self.done: frozenset[str] = frozenset()  # nothing to resume
        self.records: list[dict] = []

    @property
    def written(self) -> int:
        return len(self.records)

    def write(self, record: bytes | dict) -> None:
        self.records.append(record if isinstance(record, dict) else json.loads(record))

    def close(self) -> None:
        pass


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _progress(enabled: bool):
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TimeRemainingColumn
    from rich.text import Text

    class PagesPerSecond(ProgressColumn):
        def render(self, task) -> Text:
            rate = task.completed / task.elapsed if task.elapsed else 0.0
            return Text(f"{rate:.1f} pages/s")

    progress = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                        PagesPerSecond(), TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    progress.start()
    progress.add_task("selkeys", total=None)
    return progress


def _url_source(sources: Sources, fetcher: "Fetcher | None", notes: list[str]) -> Iterator[str]:
    for url in sources.urls:
        yield url
    if sources.sitemaps:
        from selkeys.fetch.sitemap import sitemap_urls

        for sitemap in sources.sitemaps:
            yield from sitemap_urls(fetcher, sitemap, notes)


def run_batch(sources: Sources, options: BatchOptions) -> BatchOutcome:
    """Lint everything in ``sources``; returns where the records are. Pages that fail are
    recorded with their error and the run goes on."""
    writer = (_RecordList() if options.run_dir is None
              else _RecordWriter(run_records_path(options.run_dir), options.resume))
    outcome = BatchOutcome(writer.path, resumed=len(writer.done))
    fetcher = None
    if sources.fetches:
        from selkeys.fetch.client import Fetcher, FetchSettings

        cache = HttpCache(options.http_cache, options.cache_max_bytes) if options.http_cache else None
        fetcher = Fetcher(options.fetch or FetchSettings(), cache)
    progress = engine = None
    try:
        engine = _engine(options, sources.single_file)  # forks first: no thread of ours may exist yet
        # one document split across forked workers: no progress thread while they fork
        progress = _progress(options.progress and not sources.single_file)
        _Loop(sources, options, writer, fetcher, engine, outcome, progress).run()
    finally:
        if progress is not None:
            progress.stop()
        if engine is not None:
            engine.close()
        if fetcher is not None:
            fetcher.close()
        writer.close()
    outcome.written = writer.written
    if isinstance(writer, _RecordList):
        outcome.kept = writer.records
    return outcome


# a lint job's record (as a JSON line, or itself when kept in memory), links, depth, analyses
_Linted = tuple["bytes | dict", "list[str] | None", "int | None", "_Fresh | None"]


def _linted(future: Future, item: object) -> _Linted:
    """A lint job's line, links, depth and word analyses; a job that failed becomes a record
    of the error, since a worker that died must not end the run."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001
        record = page_record(FileResult(path=str(item), error=f"linting failed ({type(exc).__name__}: {exc})"))
        if str(item).startswith(("http://", "https://")):
            record["url"] = str(item)
        return record, None, None, None


class _Loop:
    """Keeps fetches and lint jobs in flight up to a bound, and writes records as they finish."""

    def __init__(self, sources: Sources, options: BatchOptions, writer: _RecordWriter, fetcher: "Fetcher | None",
                 engine, outcome: BatchOutcome, progress) -> None:
        self.sources, self.options, self.writer = sources, options, writer
        self.fetcher, self.engine, self.outcome, self.progress = fetcher, engine, outcome, progress
        self.limit = FETCH_THREADS * 2 + max(options.jobs, 1) * 4  # pages held in memory at most
        self.in_flight: dict[Future, tuple[str, object]] = {}
        # local files are written in the order given (workers finish in any order): a file's
        # line waits here until those before it are written
        self.held: dict[int, _Linted] = {}
        self.submitted = self.written = 0  # local files sent to the engine, and written
        self.frontier: Frontier | None = None
        self.stdin_done = False
        # a run of one document splits that document across the cores instead
        self.document_jobs = options.jobs if sources.single_file else 1

    def _advance(self, total: int | None = None) -> None:
        if self.progress is not None:
            self.progress.update(self.progress.task_ids[0], advance=1 if total is None else 0,
                                 **({"total": total} if total is not None else {}))

    def _next_work(self, urls: Iterator[str] | None, files: Iterator[str]) -> tuple[str, object] | None:
        if self.sources.stdin is not None and not self.stdin_done:
            self.stdin_done = True
            return "stdin", self.sources.stdin
        for path in files:
            if path not in self.writer.done:
                return "file", path
        if self.frontier is not None:
            item = self.frontier.pop()
            return ("url", item) if item else None
        for url in urls or ():
            key = normalise(url) or url
            if key not in self.writer.done and url not in self.writer.done:
                return "url", (url, None)
        return None

    def _seed_frontier(self) -> None:
        sources = self.sources
        self.frontier = Frontier(sources.crawl, sources.max_pages, sources.max_depth)
        if not self.writer.done:
            return
        # resuming a crawl: the recorded pages are done, and their links are still to follow
        for key in self.writer.done:
            self.frontier.mark_seen(key)
        for record in read_records(self.writer.path):
            for link in record.get("links", ()):
                self.frontier.add(link, record.get("depth", 0) + 1)
        self.frontier.queue = type(self.frontier.queue)(
            item for item in self.frontier.queue if item[0] not in self.writer.done)

    def run(self) -> None:
        """Fill the pipeline up to the bound, wait for anything to finish, repeat; a crawl's
        queue may be empty for a moment while the pages in flight bring new links."""
        options = self.options
        files = iter(self.sources.files)
        urls = None
        if self.sources.crawl:
            self._seed_frontier()
        else:
            urls = _url_source(self.sources, self.fetcher, self.outcome.notes)
            if not self.sources.sitemaps:
                self._advance(total=len(self.sources.files) + len(self.sources.urls) - len(self.writer.done))
        for path, reason in self.sources.errors:
            if path not in self.writer.done:
                self._write(page_record(FileResult(path=path, error=reason)))
        fetch_pool = ThreadPoolExecutor(FETCH_THREADS, thread_name_prefix="selkeys-fetch")
        try:
            while True:
                while len(self.in_flight) + len(self.held) < self.limit:
                    work = self._next_work(urls, files)
                    if work is None:
                        break
                    kind, item = work
                    if kind in ("file", "stdin"):
                        path, data = (item, None) if kind == "file" else item
                        config = options.file_configs(path) if options.file_configs else options.config
                        section = options.file_section(path) if options.file_section else None
                        job = FileJob(path, config, options.force_lang, data, self.document_jobs, section,
                                      options.paragraphs)
                        self.in_flight[self.engine.submit(job)] = ("file", (path, self.submitted))
                        self.submitted += 1
                    else:
                        url, depth = item
                        self.in_flight[fetch_pool.submit(self.fetcher.page, url)] = ("fetch", depth)
                if not self.in_flight:
                    break
                finished, _ = wait(list(self.in_flight), return_when=FIRST_COMPLETED)
                for future in sorted(finished, key=list(self.in_flight).index):  # in submission order
                    self._finish(future, *self.in_flight.pop(future))
        finally:
            fetch_pool.shutdown(wait=True, cancel_futures=True)

    def _finish(self, future: Future, stage: str, item) -> None:
        options = self.options
        if stage == "fetch":
            result: FetchResult = future.result()
            stamp = _now()
            if result.body is None:
                self._write(fetch_record(result, stamp))
                return
            depth = item if self.frontier is not None else None
            job = PageJob(result.url, result.final_url, result.status, result.body, stamp, options.config,
                          options.force_lang, depth, options.paragraphs)
            self.in_flight[self.engine.submit(job)] = ("lint", result.url)
            return
        if stage == "file":
            path, order = item
            self.held[order] = _linted(future, path)
            while self.written in self.held:
                self._record(*self.held.pop(self.written))
                self.written += 1
            return
        self._record(*_linted(future, item))

    def _record(self, record: bytes | dict, links: list[str] | None, depth: int | None, fresh: _Fresh | None) -> None:
        if fresh and (fresh[0] or fresh[1]):
            from selkeys.analysis.finnish import finnish_analyzer

            finnish_analyzer().absorb(*fresh)  # a worker's new analyses, for the on-disk store
        self.writer.write(record)
        self._advance()
        if self.frontier is not None and links:
            for link in links:
                self.frontier.add(link, (depth or 0) + 1)

    def _write(self, record: dict) -> None:
        self.writer.write(record)
        self._advance()
