"""`selkeys feedback ...`: the operator's side of the feedback service (sites, published
texts, export, retention, backups, migrations, calibration). Every command works on the same
database as `selkeys serve` (the same --data-dir / --database-url)."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from selkeys.cli.serve_cmd import EXIT_ERROR, OptDatabaseUrl, OptDataDir, database_name, open_database

feedback_app = typer.Typer(no_args_is_help=True, help="Reader feedback: sites, published texts, reports, upkeep.")
site_app = typer.Typer(no_args_is_help=True, help="Sites that may embed the widget.")
feedback_app.add_typer(site_app, name="site")

FORMAT_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def _fail(message: str) -> None:
    typer.echo(f"selkeys: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


@site_app.command("add")
def site_add(
    site_id: Annotated[str, typer.Argument(help="Short id used in data-site (a-z, 0-9, -).")],
    origin: Annotated[list[str], typer.Option("--origin", help="Allowed origin, e.g. https://www.example.fi (repeat).")],
    name: Annotated[Optional[str], typer.Option("--name", help="Name shown on the dashboard.")] = None,
    retention_days: Annotated[int, typer.Option("--retention-days", help="Ratings older than this are purged.")] = 730,
    data_dir: OptDataDir = None,
    database_url: OptDatabaseUrl = None,
) -> None:
    """Register a site; prints its admin token once (only a hash is stored)."""
    from selkeys.server.sites import SiteError, add_site

    settings, engine = open_database(data_dir, database_url)
    try:
        token = add_site(engine, site_id, name or site_id, origin, retention_days)
    except SiteError as exc:
        _fail(str(exc))
    typer.echo(f"site {site_id} added to {database_name(settings)}. Admin token (shown only now, keep it safe):\n{token}")


@site_app.command("list")
def site_list(data_dir: OptDataDir = None, database_url: OptDatabaseUrl = None) -> None:
    """The registered sites with their origins and retention."""
    from selkeys.server.sites import list_sites

    _, engine = open_database(data_dir, database_url)
    for site in list_sites(engine):
        typer.echo(f"{site.id}\t{site.name}\t{' '.join(site.origins)}\tretention {site.retention_days} d")


@feedback_app.command("publish")
def publish_cmd(
    path: Annotated[Path, typer.Argument(help="The page's text as the site shows it (.txt, .md or .html).")],
    site: Annotated[str, typer.Option("--site", help="Site id.")],
    url: Annotated[str, typer.Option("--url", help="The page's canonical URL.")],
    lang: Annotated[str, typer.Option("--lang", help="fi or sv.")],
    fmt: Annotated[Optional[str], typer.Option("--format", help="text, markdown or html (default: from the suffix).")] = None,
    translation_of: Annotated[Optional[str], typer.Option(
        "--translation-of", help="URL of the other language's version of this page (already published).")] = None,
    data_dir: OptDataDir = None,
    database_url: OptDatabaseUrl = None,
) -> None:
    """Store a text version of a page and its selkeys score; ratings from now on refer to it."""
    from selkeys.server.sites import get_site
    from selkeys.server.versions import MAX_TEXT_BYTES, PublishError, publish

    settings, engine = open_database(data_dir, database_url)
    if get_site(engine, site) is None:
        _fail(f"unknown site {site!r} in {database_name(settings)} (selkeys feedback site add)")
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            _fail(f"{path}: over {MAX_TEXT_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        _fail(f"{path}: {exc.strerror or exc}")
    try:
        result = publish(engine, site, url, lang, data, fmt or FORMAT_BY_SUFFIX.get(path.suffix.lower(), "text"),
                         translation_of)
    except PublishError as exc:
        _fail(f"{path}: {exc}")
    score = "no score (no Finnish or Swedish prose)" if result.score is None else f"score {result.score:.0f}"
    known = " (known version)" if result.cached else ""
    typer.echo(f"{url}: version {result.version[:12]}{known}, {score}, {result.paragraphs} "
               f"paragraph{'' if result.paragraphs == 1 else 's'}; stored in {database_name(settings)}")


@feedback_app.command("export")
def export_cmd(
    site: Annotated[str, typer.Option("--site", help="Site id.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    data_dir: OptDataDir = None,
    database_url: OptDatabaseUrl = None,
) -> None:
    """All ratings of a site as CSV (UTF-8 with BOM), as the dashboard's download."""
    from selkeys.server.dashboard import ratings_csv
    from selkeys.server.sites import get_site

    _, engine = open_database(data_dir, database_url)
    if get_site(engine, site) is None:
        _fail(f"unknown site {site!r}")
    content = ratings_csv(engine, site)
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        try:
            output.write_bytes(content)
        except OSError as exc:
            _fail(f"{output}: {exc.strerror or exc}")


@feedback_app.command("purge")
def purge_cmd(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what would be deleted.")] = False,
    data_dir: OptDataDir = None,
    database_url: OptDatabaseUrl = None,
) -> None:
    """Delete ratings older than each site's retention period (run daily from cron), and
    text versions no page or rating refers to any more."""
    from sqlalchemy import delete, func, select

    from selkeys.server.db import pages, ratings, text_versions
    from selkeys.server.sites import list_sites

    _, engine = open_database(data_dir, database_url)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    total = 0
    with engine.begin() as conn:
        for site in list_sites(engine):
            old = (ratings.c.site_id == site.id) & (ratings.c.created_hour < now - timedelta(days=site.retention_days))
            count = conn.execute(select(func.count()).select_from(ratings).where(old)).scalar_one()
            if count and not dry_run:
                conn.execute(delete(ratings).where(old))
            typer.echo(f"{site.id}: {count} rating(s) older than {site.retention_days} days"
                       + (" would be deleted" if dry_run else " deleted"))
            total += count
        unused = ~text_versions.c.hash.in_(select(ratings.c.version_hash)) & ~text_versions.c.hash.in_(
            select(pages.c.current_version).where(pages.c.current_version.is_not(None)))
        versions = conn.execute(select(func.count()).select_from(text_versions).where(unused)).scalar_one()
        if versions and not dry_run:
            conn.execute(delete(text_versions).where(unused))
    typer.echo(f"{versions} unused text version(s)" + (" would be deleted" if dry_run else " deleted"))


@feedback_app.command("backup")
def backup_cmd(
    destination: Annotated[Path, typer.Argument(help="File to write the copy to (must not exist).")],
    data_dir: OptDataDir = None,
    database_url: OptDatabaseUrl = None,
) -> None:
    """A consistent copy of the SQLite database while the service runs (SQLite's online backup)."""
    import sqlite3

    from selkeys.server.db import is_sqlite

    settings, engine = open_database(data_dir, database_url)
    if not is_sqlite(engine):
        _fail("backup copies the SQLite database; for PostgreSQL use pg_dump")
    if destination.exists():
        _fail(f"{destination} exists; give a new file name")
    source_path = engine.url.database
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(source_path)
        target = sqlite3.connect(destination)
        with target:
            source.backup(target)
        target.close()
        source.close()
    except (sqlite3.Error, OSError) as exc:
        _fail(f"backup to {destination} failed: {exc}")
    typer.echo(f"backed up {source_path} to {destination}")


@feedback_app.command("migrate")
def migrate_cmd(data_dir: OptDataDir = None, database_url: OptDatabaseUrl = None) -> None:
    """Bring the database schema up to date (`selkeys serve` does this at start too)."""
    from sqlalchemy import text

    _, engine = open_database(data_dir, database_url)
    with engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    typer.echo(f"database schema at revision {revision}")


@feedback_app.command("calibrate")
def calibrate_cmd(
    site: Annotated[str, typer.Option("--site", help="Site id whose ratings to fit on.")],
    lang: Annotated[str, typer.Option("--lang", help="fi or sv: one model per text language.")] = "fi",
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Model file to write (default score-model-SITE-LANG.json next to the config).")] = None,
    config: Annotated[Path, typer.Option("--config", help="selkeys.toml whose score-model to point at the model.")]
    = Path("selkeys.toml"),
    min_ratings: Annotated[int, typer.Option("--min-ratings", help="Refuse with fewer ok ratings than this.")] = 100,
    data_dir: OptDataDir = None,
    database_url: OptDatabaseUrl = None,
) -> None:
    """Fit the score to reader ratings (cross-validated), write the model and point the config at it."""
    from selkeys.server.calibrate import FOLDS, CalibrationRefused, calibrate, point_config
    from selkeys.server.sites import get_site

    if lang not in ("fi", "sv"):
        _fail("--lang must be fi or sv")
    if min_ratings < 20:
        _fail("--min-ratings below 20 cannot support a fit")
    _, engine = open_database(data_dir, database_url)
    if get_site(engine, site) is None:
        _fail(f"unknown site {site!r}")
    try:
        result = calibrate(engine, site, lang, min_ratings)
    except CalibrationRefused as exc:
        _fail(str(exc))
    target = output or config.parent / f"score-model-{site}-{lang}.json"
    try:
        target.write_text(result.model.to_json(), encoding="utf-8")
        point_config(config, target, lang)
    except CalibrationRefused as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename}: {exc.strerror}")
    typer.echo(f"fitted on {result.ratings} ratings of {result.versions} text versions ({lang}), "
               f"{FOLDS}-fold cross-validation by text version:")
    typer.echo(f"  new model (out of fold): Spearman {result.fitted.spearman:+.3f}, "
               f"mean absolute error {result.fitted.mae:.2f} on the 1-4 scale")
    typer.echo(f"  current score:           Spearman {result.current.spearman:+.3f}, "
               f"mean absolute error {result.current.mae:.2f}")
    typer.echo(f"wrote {target}; {config} now has score-model pointing at it")
