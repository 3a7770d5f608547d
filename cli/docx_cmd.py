"""``selkeys docx annotate IN OUT`` and ``selkeys check IN --annotate OUT``: a copy of a Word
document with the findings as comments. ``docx annotate`` names its output by position, where
a slip of the hand can name a document that matters, so it never replaces one without --force.

The command code lives here so that cli/app.py only wires options; helpers from app.py are
imported inside the functions because app.py imports this module to register it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from selkeys.docx_plugin import WORD_SUFFIXES

docx_app = typer.Typer(help="Word documents: write the findings into a copy as comments.",
                       no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})

def _is_input(source: str, output: str) -> bool:
    """The annotator refuses that with its own message: the input is never written."""
    try:
        return os.path.samefile(source, output)
    except OSError:
        return False


def annotate_one(source: str, output: str, highlight: bool, lang: str | None, config_path: str | None,
                 settings: dict, force: bool = True):
    """Lint ``source`` and write the annotated copy; on a usage or input error print it and
    exit 2. ``force=False`` refuses to replace an existing ``output``. Returns the annotator's
    report (the lint result and the document it read)."""
    from selkeys.analysis.deep import DeepModeUnavailable
    from selkeys.cli.app import EXIT_ERROR, _err, _resolver
    from selkeys.config import ConfigError
    from selkeys.docx_plugin.annotate import AnnotateError, annotate_file
    from selkeys.lint import Linter
    from selkeys.messages import for_document, text
    from selkeys.readers import InputError

    try:
        if lang and lang not in ("fi", "sv"):
            raise ConfigError(f"unknown language {lang!r} (use fi or sv)")
        if Path(source).suffix.lower() not in WORD_SUFFIXES:
            raise ConfigError(f"{source}: --annotate writes Word comments, so the input must be a Word "
                              f"document ({', '.join(WORD_SUFFIXES[:3])})")
        if Path(output).suffix.lower() != ".docx":
            raise ConfigError(f"{output}: the annotated copy is a Word document; give it a .docx name")
        if not force and os.path.lexists(output) and not _is_input(source, output):
            raise ConfigError(f"{output}: already exists; give another name, or --force to replace it")
        resolver = _resolver(config_path, settings)
        config = resolver.for_file(source)
        report = annotate_file(source, output, config, Linter(), highlight, lang)
    except (ConfigError, AnnotateError, DeepModeUnavailable, ValueError) as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    except InputError as exc:
        _err(f"{exc.path}: {exc.reason}")
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as exc:
        _err(f"{output}: cannot write ({exc.strerror or exc})")
        raise typer.Exit(EXIT_ERROR) from None
    lang = for_document(config.message_lang, report.result)
    key = "docx.written_one" if report.comments == 1 else "docx.written_many"
    typer.echo(text(key, lang, out=output, n=report.comments), err=True)
    return report


@docx_app.command("annotate")
def annotate_command(
    source: Annotated[str, typer.Argument(help="The Word document to check (never modified).")],
    output: Annotated[str, typer.Argument(help="Where to write the annotated copy (.docx).")],
    highlight: Annotated[bool, typer.Option("--highlight", help="Also highlight the words each comment is on.")] = False,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Treat all text as this language (fi, sv).")] = None,
    message_lang: Annotated[Optional[str], typer.Option(
        "--message-lang", help="Language of the comments: fi, sv or en (default: each in the language of its text).")] = None,
    profile: Annotated[Optional[str], typer.Option("--profile", help="plain (default) or easy.")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule codes or prefixes.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule codes or prefixes.")] = None,
    config: Annotated[Optional[str], typer.Option("--config", help="Use this selkeys.toml / pyproject.toml.")] = None,
    max_docx_uncompressed: Annotated[Optional[int], typer.Option(
        "--max-docx-uncompressed", help="Refuse Word files whose parts unpack to more bytes (default 200 MB).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it already exists.")] = False,
) -> None:
    """Write a copy of a Word document with one comment per finding and a summary comment."""
    from selkeys.cli.app import _cli_settings, _colour, _resolver
    from selkeys.model import Severity
    from selkeys.output.text import TextRenderer

    settings = _cli_settings(select, ignore, profile, None, message_lang, None, None, None)
    if max_docx_uncompressed:
        settings["max-docx-uncompressed"] = max_docx_uncompressed
    report = annotate_one(source, output, highlight, lang, config, settings, force)
    renderer = TextRenderer(_colour(False), _resolver(config, settings).for_file(source).message_lang)
    for line in renderer.file(report.result, Severity.HINT):
        typer.echo(line)
