"""The HTML site report from the command line: `selkeys report RECORDS.jsonl --out site.html`,
and `selkeys check ... --report site.html` for local files.

`check` already holds every FileResult; the report needs each file's text blocks too, which
`Linter.lint_path` does not return. Reading a file again is only parsing (no analysis), so each
document is re-read one at a time while its record is written, instead of changing how `check`
lints. Text read from stdin cannot be read again: its page shows the findings without the text.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Annotated, Optional

import typer

from selkeys.config import ConfigResolver
from selkeys.lint import FileResult
from selkeys.messages import LANGS


def _base(results: list[FileResult]) -> str | None:
    """The deepest folder holding every linted file, so sections are the folders under it."""
    folders = [os.path.dirname(os.path.abspath(r.path)) for r in results if r.path != "-"]
    try:
        return os.path.commonpath(folders) if folders else None
    except ValueError:  # paths on different drives
        return None


def check_records(results: list[FileResult], resolver: ConfigResolver) -> Iterator[dict]:
    """One record per linted file, with its text blocks re-read from disk."""
    from selkeys.output.records import page_record
    from selkeys.readers import InputError, read_path

    base = _base(results)
    for result in results:
        doc = None
        if not result.error and result.path != "-":
            try:
                doc = read_path(result.path, resolver.for_file(result.path).max_file_size)
            except (InputError, OSError):
                doc = None  # changed or removed since it was linted: findings without text
        meta = {}
        if base is not None and result.path != "-":
            parts = PurePath(os.path.relpath(os.path.abspath(result.path), base)).parts
            meta["section"] = parts[0] if len(parts) > 1 else ""
        yield page_record(result, doc, **meta)


def write_check_report(out: str, results: list[FileResult], resolver: ConfigResolver,
                       message_lang: str | None) -> None:
    """Write ``check --report``; exits 2 with a one-line error when the file cannot be written."""
    from selkeys.output.html_report import ReportError, write_report

    try:
        write_report(check_records(results, resolver), out, message_lang=message_lang)
    except ReportError as exc:
        typer.echo(f"selkeys: {exc}", err=True)
        raise typer.Exit(2) from None


def write_batch_report(out: str, records_path: Path, config_path: str | None, settings: dict) -> None:
    """Write ``check --report`` for a batch run (web pages, or files with a CI format) from the
    run's records; exits 2 with a one-line error when that is not possible."""
    from selkeys.batch import read_records
    from selkeys.cli.app import _resolver
    from selkeys.config import ConfigError
    from selkeys.output.html_report import ReportError, write_report

    if not records_path.is_file():
        typer.echo(f"selkeys: the run left no records at {records_path} for --report", err=True)
        raise typer.Exit(2)
    try:
        message_lang = _resolver(config_path, settings).for_file(str(Path.cwd() / "_")).message_lang
        write_report(read_records(records_path), out, message_lang=message_lang)
    except (ReportError, ConfigError) as exc:
        typer.echo(f"selkeys: {exc}", err=True)
        raise typer.Exit(2) from None


def report(
    records: Annotated[Path, typer.Argument(help="records.jsonl of a batch run (one page record per line).")],
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write.")],
    message_lang: Annotated[Optional[str], typer.Option(
        "--message-lang", help="Language of the report: fi, sv or en (default: the first page's language, "
                               "and each paragraph's findings in its own).")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Title of the report.")] = None,
) -> None:
    """Render the HTML site report (one self-contained file) from saved page records."""
    from selkeys.batch import read_records
    from selkeys.messages import text
    from selkeys.output.html_report import ReportError, write_report

    if message_lang is not None and message_lang not in LANGS:
        typer.echo(f"selkeys: unknown message language {message_lang!r} (use fi, sv or en)", err=True)
        raise typer.Exit(2)
    if not records.is_file():
        typer.echo(f"selkeys: {records}: no such file", err=True)
        raise typer.Exit(2)
    try:
        pages = read_records(records)
        first = next(pages, None)
        if first is None:
            typer.echo(f"selkeys: {records}: no page records found", err=True)
            raise typer.Exit(2)
        summary = write_report(itertools.chain([first], pages), out, message_lang=message_lang, title=title)
    except ReportError as exc:
        typer.echo(f"selkeys: {records}: {exc}", err=True)
        raise typer.Exit(2) from None
    except (UnicodeDecodeError, OSError) as exc:
        typer.echo(f"selkeys: {records}: cannot read the records ({exc})", err=True)
        raise typer.Exit(2) from None
    typer.echo(text("report.written", summary.lang, out=out, n=summary.pages))
