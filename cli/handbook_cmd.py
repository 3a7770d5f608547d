"""`selkeys handbook`: write the rule handbook (static site and single file) into a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def handbook(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the handbook into (created if missing).")],
    lang: Annotated[str, typer.Option("--lang", help="Language of the handbook: fi, sv or en.")] = "fi",
    single_file_only: Annotated[bool, typer.Option("--single-file-only", help="Write only handbook.html.")] = False,
) -> None:
    """Write the rule handbook (every rule, the measures, the score bands) as HTML.

    The folder gets index.html, a page per category and metrics.html, plus handbook.html with
    everything in one file."""
    from selkeys.handbook import HandbookError, write
    from selkeys.messages import text
    from selkeys.rules.schema import load_rules

    if out.exists() and not out.is_dir():
        typer.echo(f"selkeys: {out}: not a folder", err=True)
        raise typer.Exit(2)
    try:
        written = write(out, load_rules(), lang, single_file_only)
    except HandbookError as exc:
        typer.echo(f"selkeys: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(text("handbook.written", lang, out=out / "handbook.html", n=len(written)))
