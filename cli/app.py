"""The ``selkeys`` command. Exit codes: 0 clean, 1 findings at or above the fail level,
2 usage or input error (bad option, unreadable or undecodable file, invalid config).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from selkeys.analysis.deep import DeepModeUnavailable
from selkeys.cli.progress import progress_bar
from selkeys.config import Config, ConfigError, ConfigResolver
from selkeys.model import Severity
import selkeys.docx_plugin  # noqa: F401 - registers the Word (.docx) reader with the engine

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Plain-language linter and clarity score for Finnish and Swedish public-sector text.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        from selkeys import __version__

        typer.echo(f"selkeys {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option(
        "--version", help="Print the version and exit.", callback=_version, is_eager=True)] = False) -> None:
    """Plain-language linter and clarity score for Finnish and Swedish public-sector text."""


def _err(message: str) -> None:
    typer.echo(f"selkeys: {message}", err=True)


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _colour(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _cli_settings(select, ignore, profile, fail_level, message_lang, max_file_size, include, exclude,
                  deep: bool = False) -> dict:
    settings: dict = {}
    if deep:
        settings["deep"] = True
    if select:
        settings["select"] = _split(select)
    if ignore:
        settings["ignore"] = _split(ignore)
    if profile:
        settings["profile"] = profile
    if fail_level:
        settings["fail-level"] = fail_level
    if message_lang:
        settings["message-lang"] = message_lang
    if max_file_size:
        settings["max-file-size"] = max_file_size
    if include:
        settings["include"] = _split(include)
    if exclude:
        settings["exclude"] = _split(exclude)
    return settings


_FILE_WORKER = None  # the Linter, inherited by forked workers


def _lint_file(job):
    from selkeys.analysis.finnish import finnish_analyzer

    path, config, lang = job
    result = _FILE_WORKER.lint_path(path, config, lang)
    return result, finnish_analyzer().take_fresh()


# Inputs at least this large load and update the on-disk analysis cache; for smaller ones,
# analysing their few word forms is cheaper than loading the cache.
STORE_MIN_BYTES = 200_000


def _attach_store(files: list[str], use_cache: bool) -> bool:
    """Attach the analysis store for large inputs; without ``use_cache`` (--no-cache) neither it
    nor the rule-pack cache is read or written. Call it before the Linter loads its rules."""
    from selkeys.analysis import sv_lemmas
    from selkeys.rules import pack_cache

    pack_cache.set_enabled(use_cache)
    sv_lemmas.set_enabled(use_cache)
    if not use_cache:
        return False
    size = 0
    for path in files:
        try:
            size += os.stat(path).st_size if path != "-" else 0
        except OSError:
            continue
    if size < STORE_MIN_BYTES:
        return False
    from selkeys.analysis.finnish import finnish_analyzer
    from selkeys.analysis.store import default_dir

    finnish_analyzer().attach_store(default_dir())
    return True


def _lint_all(paths, resolver, lang, stdin_filename, jobs: int = 1, use_cache: bool = True,
              sentence_scores: bool = True):
    """Lint every file; several files go to a pool of ``jobs`` processes, one large file is
    split inside the engine. Results come back in the order the files were given."""
    global _FILE_WORKER
    import multiprocessing

    from selkeys.lint import FileResult, Linter

    from selkeys.cli.inputs import discover

    inputs = discover(paths, resolver)
    for note in inputs.notes:
        _err(f"note: {note}")
    files = inputs.files
    results: list[FileResult] = [FileResult(path=p, error=e) for p, e in inputs.errors]
    on_disk = [f for f in files if f != "-"]
    stored = _attach_store(on_disk, use_cache)
    linter = Linter(sentence_scores=sentence_scores, lazy_rules=True)
    progress = progress_bar(len(files))
    parallel = jobs > 1 and len(on_disk) > 1 and "fork" in multiprocessing.get_all_start_methods()
    try:
        if "-" in files:
            name = stdin_filename or "-"
            config = resolver.for_file(stdin_filename or "-")
            data = sys.stdin.buffer.read(config.max_file_size + 1)
            results.append(linter.lint_bytes(data, name, config, lang, jobs=jobs))
        if parallel:
            _FILE_WORKER = linter
            work = [(path, resolver.for_file(path), lang) for path in on_disk]
            with multiprocessing.get_context("fork").Pool(min(jobs, len(on_disk))) as pool:
                from selkeys.analysis.finnish import finnish_analyzer

                for result, fresh in pool.imap(_lint_file, work, chunksize=1):
                    finnish_analyzer().absorb(*fresh)
                    results.append(result)
                    if progress is not None:
                        progress.advance(progress.task_ids[0])
        else:
            for path in on_disk:
                results.append(linter.lint_path(path, resolver.for_file(path), lang, jobs=jobs))
                if progress is not None:
                    progress.advance(progress.task_ids[0])
    finally:
        _FILE_WORKER = None
        if progress is not None:
            progress.stop()
    if stored:
        from selkeys.analysis.finnish import finnish_analyzer

        finnish_analyzer().save_store()
    return results


def _jobs(value: int) -> int:
    if value < 0:
        raise ConfigError("--jobs must be 0 (all cores) or a positive number")
    return value or os.cpu_count() or 1


OptSelect = Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule codes or prefixes (comma-separated).")]
OptIgnore = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule codes or prefixes.")]
OptProfile = Annotated[Optional[str], typer.Option("--profile", help="plain (selkeä kieli, default) or easy (selkokieli).")]
OptLang = Annotated[Optional[str], typer.Option(
    "--lang", help="Treat all text as this language: fi (Finnish) or sv (Swedish); default: markup, config, detection.")]
OptFormat = Annotated[str, typer.Option("--format", help="text or json.")]
OptNoColor = Annotated[bool, typer.Option("--no-color", help="Never colour the output.")]
OptConfig = Annotated[Optional[str], typer.Option("--config", help="Use this selkeys.toml / pyproject.toml instead of discovery.")]
OptJobs = Annotated[int, typer.Option("--jobs", "-j", help="Processes to use; 0 = all cores (default).")]
OptNoCache = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the on-disk analysis and rule caches.")]
OptMsgLang = Annotated[Optional[str], typer.Option(
    "--message-lang", help="Language of all messages: fi, sv or en (default: each in the language of its text).")]


def _resolver(config_path, settings) -> ConfigResolver:
    if config_path and not Path(config_path).is_file():
        raise ConfigError(f"{config_path}: no such config file")
    return ConfigResolver(Config(), settings, config_path)


def _run(paths, format, lang, config_path, settings, stdin_filename, jobs, no_cache, sentence_scores=True):
    """Validate the shared options, resolve configuration and lint; exit 2 on a usage error.
    Returns the resolver, the results and the message language the user chose (None: each
    text's own)."""
    try:
        if format not in ("text", "json"):
            raise ConfigError(f"unknown format {format!r} (use text or json; check also takes jsonl, sarif, "
                              "junit, github and csv)")
        if lang and lang not in ("fi", "sv"):
            raise ConfigError(f"unknown language {lang!r} (use fi or sv)")
        resolver = _resolver(config_path, settings)
        results = _lint_all(paths, resolver, lang, stdin_filename, _jobs(jobs), not no_cache, sentence_scores)
        message_lang = resolver.for_file(paths[0] if paths else ".").message_lang
    except (ConfigError, ValueError, DeepModeUnavailable) as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    return resolver, results, message_lang


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files, directories (recursive), - for stdin, or http(s) URLs.")] = None,
    format: Annotated[str, typer.Option("--format", help="text, json, jsonl, sarif, junit, github or csv.")] = "text",
    detail: Annotated[str, typer.Option("--detail", help="With --format json: findings (default), paragraphs (each paragraph's score and measures) or sentences (also each sentence's score).")] = "findings",
    select: OptSelect = None,
    ignore: OptIgnore = None,
    min_severity: Annotated[str, typer.Option("--min-severity", help="Hide findings below: hint, info, warning, error.")] = "hint",
    fail_level: Annotated[Optional[str], typer.Option("--fail-level", help="Exit 1 on findings at or above this severity (default warning).")] = None,
    profile: OptProfile = None,
    lang: OptLang = None,
    no_color: OptNoColor = False,
    config: OptConfig = None,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", help="Name (and format) for text read from stdin.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    message_lang: OptMsgLang = None,
    include: Annotated[Optional[list[str]], typer.Option("--include", help="Glob(s) of files to lint in directories.")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", help="Glob(s) of files or folders to skip.")] = None,
    max_file_size: Annotated[Optional[int], typer.Option("--max-file-size", help="Refuse files larger than this many bytes (default 10 MB).")] = None,
    deep: Annotated[bool, typer.Option("--deep", help="Also run syntax rules (needs selkeys[deep]; slower).")] = False,
    jobs: OptJobs = 0,
    no_cache: OptNoCache = False,
    sitemap: Annotated[Optional[list[str]], typer.Option("--sitemap", help="Lint the pages of this sitemap (index, .gz) URL.")] = None,
    urls: Annotated[Optional[str], typer.Option("--urls", help="Lint the URLs listed in this file, one per line.")] = None,
    crawl: Annotated[Optional[str], typer.Option("--crawl", help="Crawl this site (same host only) and lint its pages.")] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", help="Crawl at most this many pages.")] = 1000,
    max_depth: Annotated[int, typer.Option("--max-depth", help="Follow links at most this deep from the start page.")] = 10,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow loopback and private-network addresses.")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted web run; pages already done are kept.")] = False,
    run_dir: Annotated[Optional[str], typer.Option("--run-dir", help="Folder for the run's records (default: under the cache folder).")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address for --engine dask.")] = None,
    baseline: Annotated[Optional[str], typer.Option("--baseline", help="Report only findings not in this earlier JSONL/JSON output.")] = None,
    report: Annotated[Optional[str], typer.Option("--report", help="Also write an HTML report (one self-contained file) here.")] = None,
    annotate: Annotated[Optional[str], typer.Option("--annotate", help="Write a copy of the Word document with the findings as comments here.")] = None,
    highlight: Annotated[bool, typer.Option("--highlight", help="With --annotate: also highlight the commented words.")] = False,
    max_docx_uncompressed: Annotated[Optional[int], typer.Option("--max-docx-uncompressed", help="Refuse Word files whose parts unpack to more bytes (default 200 MB).")] = None,
) -> None:
    """Lint files, web pages or whole sites and print findings with a clarity score per file or page."""
    from selkeys.cli import batch_cmd

    try:
        minimum = Severity.parse(min_severity)
    except ValueError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    settings = _cli_settings(select, ignore, profile, fail_level, message_lang, max_file_size, include, exclude, deep)
    if max_docx_uncompressed:
        settings["max-docx-uncompressed"] = max_docx_uncompressed
    write_report = None
    if report:
        from selkeys.cli.report_cmd import write_batch_report

        def write_report(records_path: Path) -> None:  # while a temporary run's records still exist
            write_batch_report(report, records_path, config, settings)

    outcome = batch_cmd.run(batch_cmd.BatchRequest(
        paths=paths or [], format=format, detail=detail, sitemap=sitemap or [], urls_file=urls, crawl=crawl,
        max_pages=max_pages, max_depth=max_depth, allow_private=allow_private, resume=resume,
        run_dir=run_dir, engine=engine, scheduler=scheduler, baseline=baseline, lang=lang,
        config_path=config, settings=settings, jobs=jobs, min_severity=minimum, exit_zero=exit_zero,
        colour=_colour(no_color), stdin_filename=stdin_filename, use_cache=not no_cache,
        annotate=annotate, highlight=highlight, after_run=write_report))
    raise typer.Exit(outcome.exit_code)


@app.command()
def score(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or - for stdin.")],
    format: OptFormat = "text",
    profile: OptProfile = None,
    lang: OptLang = None,
    config: OptConfig = None,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename")] = None,
    message_lang: OptMsgLang = None,
    no_color: OptNoColor = False,
    jobs: OptJobs = 0,
    no_cache: OptNoCache = False,
) -> None:
    """Print the clarity score of each file and of each paragraph, with what pulled it down."""
    settings = _cli_settings(None, None, profile, None, message_lang, None, None, None)
    _, results, chosen = _run(paths, format, lang, config, settings, stdin_filename, jobs, no_cache)
    from selkeys.output import json_format
    from selkeys.output.text import TextRenderer

    if format == "json":
        json_format.write(results, sys.stdout)
    else:
        renderer = TextRenderer(_colour(no_color), chosen)
        for result in results:
            if result.error:
                typer.echo(f"{result.path}: error {result.error}")
                continue
            typer.echo(renderer.style("1;4", result.path))
            for line in renderer.score_lines(result):
                typer.echo(line)
            for line in renderer.paragraphs(result):
                typer.echo(line)
    raise typer.Exit(EXIT_ERROR if any(r.error for r in results) else EXIT_CLEAN)


@app.command()
def compare(
    paths: Annotated[list[str], typer.Argument(help="FI_FILE SV_FILE, or one bilingual file.")],
    format: OptFormat = "text",
    config: OptConfig = None,
    message_lang: OptMsgLang = None,
) -> None:
    """Line up the Finnish and Swedish versions paragraph by paragraph and show where one is
    markedly harder than the other."""
    import json

    from selkeys.compare import MARKED_DIFFERENCE, align, language_blocks
    from selkeys.lint import Linter
    from selkeys.messages import for_document, text
    from selkeys.readers import InputError, read_input

    try:
        if len(paths) not in (1, 2) or format not in ("text", "json"):
            raise ConfigError("give FI_FILE SV_FILE or one bilingual file, and --format text or json")
        resolver = _resolver(config, _cli_settings(None, None, None, None, message_lang, None, None, None))
        linter = Linter()
        sides = []
        for path in paths:
            settings = resolver.for_file(path)
            doc = read_input(path, settings)
            sides.append((linter.lint_document(doc, settings), [b.text for b in doc.blocks]))
        chosen = resolver.for_file(paths[0]).message_lang
    except (ConfigError, InputError, DeepModeUnavailable) as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    fi_side, sv_side = sides[0], sides[-1]
    pairs = align(language_blocks(*fi_side, "fi"), language_blocks(*sv_side, "sv"))
    scores = {lang: side[0].by_language.get(lang) for lang, side in (("fi", fi_side), ("sv", sv_side))}
    if format == "json":
        typer.echo(json.dumps({
            "scores": {lang: (r.score.to_dict() if r and r.score else None) for lang, r in scores.items()},
            "pairs": [p.to_dict() for p in pairs],
        }, ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_CLEAN)
    ui_lang = for_document(chosen, fi_side[0])  # the first file's language (Finnish, in the usual order)
    line_word, diff_word = text("compare.line", ui_lang), text("compare.difference", ui_lang)
    for lang, report in scores.items():
        value = f"{report.score.value:.0f}/100 ({report.score.band_label(ui_lang)})" if report and report.score else "–"
        typer.echo(f"{lang}: {value}")
    typer.echo(f"\n{line_word:>5} fi  {line_word:>5} sv    fi    sv  {diff_word:>8}")
    for pair in pairs:
        diff = pair.difference
        mark = ""
        if pair.marked:
            mark = f"  ← {'fi' if diff < 0 else 'sv'} {text('compare.harder', ui_lang)}"
        fi_line = str(pair.fi.line) if pair.fi else "–"
        sv_line = str(pair.sv.line) if pair.sv else "–"
        fi_score = f"{pair.fi.score.value:.0f}" if pair.fi and pair.fi.score else "–"
        sv_score = f"{pair.sv.score.value:.0f}" if pair.sv and pair.sv.score else "–"
        diff_text = f"{diff:+.0f}" if diff is not None else "–"
        snippet = (pair.fi_text or pair.sv_text).replace("\n", " ")[:40]
        typer.echo(f"{fi_line:>8}  {sv_line:>8}  {fi_score:>4}  {sv_score:>4}  {diff_text:>8}  {snippet}{mark}")
    typer.echo("\n" + text("compare.footnote", ui_lang, points=f"{MARKED_DIFFERENCE:.0f}"))
    if len(paths) == 2 and (scores["fi"] is None or scores["sv"] is None):
        missing = "the second file has no Swedish text" if scores["sv"] is None else "the first file has no Finnish text"
        _err(f"{missing}; to see what a rewrite of one text changed, use `selkeys diff BEFORE AFTER`")


@app.command()
def lsp(
    tcp: Annotated[Optional[str], typer.Option("--tcp", help="Listen on HOST:PORT instead of stdio.")] = None,
    log_file: Annotated[Optional[str], typer.Option("--log-file", help="Write the log here instead of stderr.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", help="Debug logging.")] = False,
) -> None:
    """Start the language server (stdio by default) for live diagnostics in an editor."""
    from selkeys.lsp.server import start

    start(tcp, log_file, verbose)


@app.command("rules")
def list_rules(
    category: Annotated[Optional[str], typer.Option("--category", help="Only this category.")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Only rules for this language (fi, sv).")] = None,
    format: OptFormat = "text",
    message_lang: OptMsgLang = None,
) -> None:
    """List the rules: code, severity, category and what each catches."""
    import json

    from selkeys.examples import title
    from selkeys.messages import for_text, text
    from selkeys.rules.schema import load_rules

    rules = [r for r in load_rules() if (not category or r.category == category) and (not lang or r.lang == lang)]
    if format == "json":
        typer.echo(json.dumps([{"code": r.code, "name": r.name, "lang": r.lang, "severity": r.severity.label,
                                "category": r.category, "profiles": list(r.profiles),
                                "message": r.message, "source": r.source} for r in rules],
                              ensure_ascii=False, indent=2))
        return
    for r in rules:
        lang = for_text(message_lang, r.lang)
        typer.echo(f"{r.code:<16} {text(f'severity.{r.severity.label}', lang):<11} "
                   f"{text(f'category.{r.category}', lang):<22} {title(r, lang)}")


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="Rule code, e.g. FI-NOUN-001.")],
    message_lang: Annotated[Optional[str], typer.Option(
        "--message-lang", help="fi, sv or en (default: the language of the text the rule checks).")] = None,
) -> None:
    """Show a rule's full documentation: what it catches, why, its source and examples."""
    from selkeys.explain import explain_rule, explain_unused_suppression
    from selkeys.messages import LANGS, for_text
    from selkeys.rules.schema import load_rules
    from selkeys.suppress import UNUSED_CODE

    if message_lang is not None and message_lang not in LANGS:
        _err(f"unknown message language {message_lang!r} (use fi, sv or en)")
        raise typer.Exit(EXIT_ERROR)
    if code.upper() == UNUSED_CODE:  # selkeys' own check of inline suppressions, not a pack's rule
        typer.echo(explain_unused_suppression(for_text(message_lang, "fi")))
        return
    rules = {r.code: r for r in load_rules()}
    rule = rules.get(code.upper())
    if rule is None:
        close = [c for c in [*rules, UNUSED_CODE] if c.startswith(code.upper()[:6])]
        _err(f"unknown rule {code!r}" + (f"; did you mean {', '.join(close[:5])}?" if close else ""))
        raise typer.Exit(EXIT_ERROR)
    typer.echo(explain_rule(rule, for_text(message_lang, rule.lang)))


@app.command("config")
def show_config(
    path: Annotated[str, typer.Argument(help="File or folder whose effective configuration to show.")] = ".",
    show: Annotated[bool, typer.Option("--show", help="Print the effective configuration.")] = True,
) -> None:
    """Print the effective configuration for PATH and the file it came from."""
    try:
        target = path if not Path(path).is_dir() else str(Path(path) / "_")
        config = ConfigResolver().for_file(target)
    except ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    if show:
        typer.echo(f"# from: {config.source}")
        typer.echo(f"profile = {config.profile!r}")
        typer.echo(f"lang = {config.lang or 'auto'!r}")
        typer.echo(f"message-lang = {config.message_lang or 'auto'!r}")
        typer.echo(f"fail-level = {config.fail_level.label!r}")
        typer.echo(f"select = {list(config.select)!r}")
        typer.echo(f"ignore = {list(config.ignore)!r}")
        typer.echo(f"severity = {{{', '.join(f'{k!r} = {v.label!r}' for k, v in config.severity.items())}}}")
        typer.echo(f"thresholds = {config.thresholds!r}")
        typer.echo(f"vocabulary = {sorted(config.vocabulary)!r}")
        typer.echo(f"include = {list(config.include)!r}")
        typer.echo(f"exclude = {list(config.exclude)!r}")
        typer.echo(f"max-file-size = {config.max_file_size}")
        typer.echo(f"user-agent-contact = {config.user_agent_contact or ''!r}")
        typer.echo(f"crawl-delay = {config.crawl_delay:g}")
        typer.echo(f"max-page-size = {config.max_page_size}")
        typer.echo(f"cache-dir = {config.cache_dir or ''!r}")


# Commands that live in modules of their own; registered here so `selkeys --help` lists them all.
from selkeys.cli.diff_cmd import diff_command  # noqa: E402
from selkeys.cli.docx_cmd import docx_app  # noqa: E402
from selkeys.cli.eval_cmd import eval_command  # noqa: E402
from selkeys.cli.feedback_cmd import feedback_app  # noqa: E402
from selkeys.cli.handbook_cmd import handbook  # noqa: E402
from selkeys.cli.report_cmd import report as report_command  # noqa: E402
from selkeys.cli.serve_cmd import serve  # noqa: E402

app.command("report")(report_command)
app.command("handbook")(handbook)
app.command("eval")(eval_command)
app.command("diff")(diff_command)
app.command("serve")(serve)
app.add_typer(docx_app, name="docx")
app.add_typer(feedback_app, name="feedback")


def main() -> None:
    """Run the app with settings that suit a short-lived batch process.

    A plain ``check`` or ``score`` command line is read by :mod:`selkeys.cli.plain_args`,
    without the quarter of a second that typer's parser takes to build; typer reads the rest.

    Linting allocates millions of small objects without reference cycles (tokens, readings,
    tuples); the default cyclic-GC thresholds would scan them again and again, costing about
    a quarter of the run time on large inputs, so collections are made rare. At the end the
    process leaves without tearing down its heap object by object (another 0.1 s on large
    inputs): output is flushed and files are closed by then, and the cache has been saved.
    """
    gc.freeze()  # start-up objects (rules, word data) live as long as the process
    gc.set_threshold(200_000, 20, 100)
    from selkeys.cli.plain_args import invoke

    try:
        code = invoke(sys.argv[1:], {"check": check, "score": score})  # without typer's parser (see there)
        if code is None:
            app()
            code = 0
    except SystemExit as exc:
        if isinstance(exc.code, int) or exc.code is None:
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass
    os._exit(code)
