"""`selkeys eval DATA`: how well the score ranks labelled texts, next to LIX and every measure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer


def eval_command(
    data: Annotated[Path, typer.Argument(help="JSONL file of labelled texts, a folder with manifest.jsonl, or a "
                                         "folder labelled by its subfolders (fi/easy/*.txt, sv/standard/*.docx, "
                                         "fi/3/*.html).")],
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    config: Annotated[Optional[str], typer.Option("--config", help="Use this selkeys.toml / pyproject.toml "
                                                  "(its profile and score-model) instead of discovery.")] = None,
    repeats: Annotated[int, typer.Option("--repeats", help="Bootstrap resamples for the 95 % intervals.")] = 1000,
    lang: Annotated[Optional[str], typer.Option("--lang", help="fi or sv: the language of texts that name none.")] = None,
) -> None:
    """Measure how well the score ranks labelled texts, against LIX and each single measure.

    Reports per language the AUC of easy vs standard and Spearman's rho with graded levels,
    with 95 % bootstrap intervals, and for versions of one text in a group (a text and its
    rewrite, at different levels) the share of those pairs put in the right order. Each line of the data: {"text", "lang": "fi"|"sv",
    "label": "easy"|"standard" and/or "level": number (higher = harder), "source",
    "licence", "group"}. In a folder without a manifest, the subfolders name the language
    (fi/, sv/), the label (easy/, standard/) or the level (a number)."""
    from selkeys.calibration.dataset import DatasetError, load_dataset
    from selkeys.calibration.evaluate import evaluate
    from selkeys.calibration.features import extract
    from selkeys.calibration.model import ModelError, project_model, shipped_model
    from selkeys.calibration.report import to_dict, to_text
    from selkeys.cli.progress import progress_bar
    from selkeys.config import Config, ConfigError, ConfigResolver

    def fail(message: str) -> typer.Exit:
        typer.echo(f"selkeys: {message}", err=True)
        return typer.Exit(2)

    if format not in ("text", "json"):
        raise fail(f"unknown format {format!r} (use text or json)")
    if repeats < 0:
        raise fail("--repeats cannot be negative")
    if lang is not None and lang not in ("fi", "sv"):
        raise fail(f"unknown language {lang!r} (use fi or sv)")
    try:
        if config and not Path(config).is_file():
            raise ConfigError(f"{config}: no such config file")
        settings = ConfigResolver(Config(), {}, config).for_file(str(data))
        items = load_dataset(data, lang)
        progress = progress_bar(len(items), "eval")
        advance = None if progress is None else (lambda: progress.advance(progress.task_ids[0]))
        try:
            measures = extract(items, settings, done=advance)
        finally:
            if progress is not None:
                progress.stop()
        models = {lang: project_model(settings.score_model, lang) or shipped_model(lang)
                  for lang in {it.lang for it in items}}
        evaluations = evaluate(items, measures, models, repeats=repeats)
    except (ConfigError, DatasetError, ModelError) as exc:
        raise fail(str(exc)) from None
    if format == "json":
        typer.echo(json.dumps(to_dict(evaluations), ensure_ascii=False, indent=2))
    else:
        typer.echo(to_text(evaluations), nl=False)
