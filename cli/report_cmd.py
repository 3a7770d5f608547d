"""The HTML site report from the command line: `selkeys report RECORDS.jsonl --out site.html`,
and `selkeys check ... --report site.html`, written from the check run's records (which carry
each file's or page's text blocks, so nothing is read twice).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Annotated, Optional

import typer

from selkeys.messages import LANGS


def write_batch_report(out: str, records_path: Path, config_path: str | None, settings: dict) -> None:
    """Write ``check --report`` from the run's records; exits 2 with a one-line error when that
    is not possible."""
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
