"""`selkeys serve`: the feedback service (and the playground) on uvicorn.

Imports of the web stack happen inside the command, so `selkeys check` starts no slower
for this command's existence.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_ERROR = 2


def open_database(data_dir: Optional[Path], database_url: Optional[str]):
    """Settings and a migrated engine, or a clear error and exit 2 (shared by the feedback commands).

    Without --data-dir or --database-url the default folder is used, and the command says so
    on stderr with its full path: a site added there is invisible to a server started
    elsewhere with another folder, and the widget would silently stay hidden."""
    from sqlalchemy.exc import SQLAlchemyError

    from selkeys.server.db import make_engine, migrate
    from selkeys.server.settings import Settings, default_data_dir

    settings = Settings(data_dir=data_dir or default_data_dir(), database_url=database_url)
    if data_dir is None and database_url is None:
        typer.echo(f"selkeys: no --data-dir or --database-url given, so the default database is used: "
                   f"{database_name(settings)} ($XDG_DATA_HOME/selkeys, else ./selkeys-data); "
                   "`selkeys serve` and every `selkeys feedback` command must use the same one", err=True)
    try:
        engine = make_engine(settings.url)
        migrate(engine)
    except (SQLAlchemyError, ImportError, OSError, ValueError) as exc:
        typer.echo(f"selkeys: cannot open the feedback database {_safe(settings.url)}: "
                   f"{str(exc).splitlines()[0]}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    return settings, engine


def database_name(settings) -> str:
    """Where the feedback data is: the SQLite file's absolute path, or the URL without its password."""
    if settings.database_url is None:
        return str((settings.data_dir / "feedback.sqlite3").resolve())
    return _safe(settings.url)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as a placeholder, not echoed
        return "(invalid URL)"


OptDataDir = Annotated[Optional[Path], typer.Option(
    "--data-dir", help="Folder of the SQLite database (default $XDG_DATA_HOME/selkeys, else ./selkeys-data).")]
OptDatabaseUrl = Annotated[Optional[str], typer.Option(
    "--database-url", envvar="SELKEYS_DATABASE_URL",
    help="SQLAlchemy URL instead of SQLite, e.g. postgresql+psycopg://user@host/db.")]


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8080,
    data_dir: OptDataDir = None,
    database_url: OptDatabaseUrl = None,
    workers: Annotated[int, typer.Option("--workers", help="Worker processes (each keeps its own rate limits).")] = 1,
    monitor_token: Annotated[Optional[str], typer.Option(
        "--monitor-token", envvar="SELKEYS_SERVE_MONITOR_TOKEN",
        help="Requests with header X-Selkeys-Monitor: TOKEN skip the rate limit (prefer the environment variable).")] = None,
    trusted_proxies: Annotated[Optional[str], typer.Option(
        "--trusted-proxies", "--forwarded-allow-ips", envvar="SELKEYS_SERVE_TRUSTED_PROXIES",
        help="Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For or Forwarded "
             "header names the client. Default none: such headers are ignored from everyone, 127.0.0.1 included.")]
    = None,
    lint_workers: Annotated[int, typer.Option(
        "--lint-workers", help="Processes for the playground's analyses (each holds its own engine).")] = 1,
    lint_timeout: Annotated[float, typer.Option(
        "--lint-timeout", help="Seconds a playground analysis may take before it is stopped with 503.")] = 10.0,
    playground_rate: Annotated[float, typer.Option(
        "--playground-rate", help="Playground requests per minute per client address (a course behind "
                                  "one address shares it).")] = 120.0,
) -> None:
    """Run the selkeys web app; the address it prints opens a page linking the rest.

    \b
    /             landing page (fi, sv, en) with links to all of these
    /playground   playground: paste a text, see what to fix; exercises
    /demo         feedback widget on a sample page, and how to embed it
    /admin/SITE   a site's feedback dashboard (admin token as password)
    /widget.js    the widget; /form its no-JavaScript form; /api/v1/...
                  the rating API that residents' browsers call
    /healthz      health check

    Add sites and page texts with `selkeys feedback site add` and `publish`
    on the same database (--data-dir or --database-url) as this server."""
    import uvicorn

    if not 1 <= port <= 65535 or not 1 <= workers <= 64 or not 1 <= lint_workers <= 64:
        typer.echo("selkeys: --port must be 1-65535, --workers and --lint-workers 1-64", err=True)
        raise typer.Exit(EXIT_ERROR)
    if lint_timeout <= 0 or playground_rate <= 0:
        typer.echo("selkeys: --lint-timeout and --playground-rate must be positive", err=True)
        raise typer.Exit(EXIT_ERROR)
    from selkeys.server.clients import parse_networks

    proxies = tuple(p.strip() for p in (trusted_proxies or "").split(",") if p.strip())
    try:
        parse_networks(proxies)
    except ValueError as exc:
        typer.echo(f"selkeys: --trusted-proxies: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    settings, engine = open_database(data_dir, database_url)  # migrations run once, before any worker
    engine.dispose()
    settings = settings.with_(monitor_token=monitor_token, trusted_proxies=proxies, lint_workers=lint_workers,
                              lint_deadline=lint_timeout, playground_per_minute=playground_rate)
    where = f"http://{host}:{port}/"
    typer.echo(f"selkeys serve: {where} (database {database_name(settings)}; workers {workers})", err=True)
    # access_log off: uvicorn's access log would write every client address to the log;
    # proxy_headers off: the app decides whom to believe (selkeys.server.clients), uvicorn would
    # believe 127.0.0.1
    common = {"host": host, "port": port, "access_log": False, "server_header": False, "log_level": "warning",
              "proxy_headers": False}
    if workers == 1:
        from selkeys.server.app import create_app

        uvicorn.run(create_app(settings), **common)
    else:
        os.environ.update(settings.to_env())
        uvicorn.run("selkeys.server.app:app_from_env", factory=True, workers=workers, **common)
