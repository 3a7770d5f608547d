"""`selkeys diff BEFORE AFTER`: what a rewrite did to a text's score and findings.

An official who has rewritten a decision wants to know whether it reads better now and what
is still left to fix; a trainer wants the same for an exercise. The engine pairs the findings
(selkeys.rewrite); this module only reads the two files and prints the answer.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from selkeys.score import Score

def diff_command(
    before: Annotated[str, typer.Argument(help="The original text (any format check reads).")],
    after: Annotated[str, typer.Argument(help="The rewritten text.")],
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    config: Annotated[Optional[str], typer.Option("--config", help="Use this selkeys.toml / pyproject.toml "
                                                  "instead of discovery.")] = None,
    message_lang: Annotated[Optional[str], typer.Option("--message-lang",
                                                        help="Language of all messages: fi, sv or en "
                                                             "(default: each in the language of its text).")] = None,
    profile: Annotated[Optional[str], typer.Option("--profile", help="plain (default) or easy.")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
) -> None:
    """Show how a rewrite changed the clarity score (per language) and which findings it
    resolved, which remain and which it brought in."""
    from selkeys.cli.app import EXIT_CLEAN, EXIT_ERROR, _cli_settings, _colour, _err, _resolver
    from selkeys.config import ConfigError
    from selkeys.lint import Linter
    from selkeys.messages import for_document, text
    from selkeys.output.text import TextRenderer
    from selkeys.readers import InputError, read_input
    from selkeys.rewrite import diff_findings, score_changes

    try:
        if format not in ("text", "json"):
            raise ConfigError(f"unknown format {format!r} (use text or json)")
        resolver = _resolver(config, _cli_settings(None, None, profile, None, message_lang, None, None, None))
        linter = Linter(sentence_scores=False)
        results = []
        for path in (before, after):
            settings = resolver.for_file(path)
            results.append(linter.lint_document(read_input(path, settings), settings))
        chosen = resolver.for_file(before).message_lang
    except (ConfigError, InputError) as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    old, new = results
    changes = score_changes(old, new)
    diff = diff_findings(old.findings, new.findings)
    if format == "json":
        typer.echo(json.dumps({
            "before": before, "after": after,
            "scores": [{"lang": c.lang, "before": c.before.to_dict() if c.before else None,
                        "after": c.after.to_dict() if c.after else None, "change": c.change} for c in changes],
            "resolved": [f.to_dict() for f in diff.resolved],
            "remaining": [{**f.to_dict(), "matched_before": was.matched} for was, f in diff.remaining],
            "new": [f.to_dict() for f in diff.new],
        }, ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_CLEAN)
    ui_lang = for_document(chosen, old)  # the summary: the original's language; findings: their own

    def t(key: str) -> str:
        return text(f"diff.{key}", ui_lang)

    renderer = TextRenderer(_colour(no_color), chosen)
    score_name = text("score.name", ui_lang)
    typer.echo(f"{before} → {after}")
    if not changes:
        typer.echo(f"  {score_name}: – ({text('score.none', ui_lang)})")
    for c in changes:
        typer.echo(f"  {score_name} [{c.lang}]: {_value(c.before, ui_lang)} → {_value(c.after, ui_lang)}"
                   + (f" ({c.change:+d})" if c.change is not None else ""))
    typer.echo(f"  {t('findings')}: {len(diff.resolved)} {t('resolved')}, {len(diff.remaining)} {t('remaining')}, "
               f"{len(diff.new)} {t('new')}")
    for title, path, findings in ((t("resolved"), before, diff.resolved),
                                  (t("remaining"), after, [f for _, f in diff.remaining]),
                                  (t("new"), after, diff.new)):
        if findings:
            typer.echo(f"  {title}:")
            for f in findings:
                typer.echo(renderer.finding_line(path, f))
    raise typer.Exit(EXIT_CLEAN)


def _value(score: "Score | None", ui_lang: str) -> str:
    return "–" if score is None else f"{score.value:.0f} ({score.band_label(ui_lang)})"
