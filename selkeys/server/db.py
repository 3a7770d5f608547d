"""Tables and database engine of the feedback service (SQLAlchemy 2 Core).

Core rather than the ORM: a rating is one INSERT on the hot path, and the benchmark target
(500 ratings/s on two shared cores) leaves no room for unit-of-work bookkeeping.

SQLite is opened in WAL mode with ``synchronous=NORMAL``. A commit in WAL mode has written
the transaction to the WAL file through the operating system before it returns, so a rating
acknowledged after its commit survives SIGKILL of the server (the crash-safety test checks
exactly that). NORMAL skips the fsync at each commit, so the last commits may be lost on a
power cut or kernel crash; FULL would survive those too, at the cost of one fsync per rating.
A lost rating in a power cut is acceptable for reader feedback; the throughput is not
(``selkeys serve`` cannot meet 500 ratings/s with an fsync per request on ordinary disks).

The WAL stays bounded under sustained writes (see ``Checkpointer``): SQLite can start the log
from the beginning only after a checkpoint has copied all of it back, and under steady load
a passive checkpoint never catches up with the writers (the log grew by about 20 kB per
rating, hundreds of megabytes in a minute, and stayed that large).
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from sqlalchemy import (BigInteger, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, SmallInteger,
                        String, Table, Text, UniqueConstraint, create_engine, event)
from sqlalchemy.engine import Engine

metadata = MetaData()

sites = Table(
    "sites", metadata,
    Column("id", String(64), primary_key=True),  # a short slug the widget names in data-site
    Column("name", String(200), nullable=False),
    Column("origins", Text, nullable=False),  # JSON list of allowed origins
    Column("admin_token_hash", String(64), nullable=False),  # sha256 hex; the token itself is never stored
    Column("retention_days", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

pages = Table(
    "pages", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site_id", String(64), ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("url", String(2000), nullable=False),  # canonical URL
    Column("lang", String(2), nullable=False),
    Column("group_id", Integer, nullable=True),  # pages with the same group are translations of each other
    Column("current_version", String(64), nullable=True),
    UniqueConstraint("site_id", "url", name="uq_pages_site_url"),
)

text_versions = Table(
    "text_versions", metadata,
    Column("hash", String(64), primary_key=True),  # sha256 of format + text
    Column("lang", String(2), nullable=False),
    Column("format", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("score", Float, nullable=True),  # None: nothing scorable (no Finnish or Swedish prose)
    Column("band", String(32), nullable=True),
    Column("measures", Text, nullable=False),  # JSON
    Column("paragraphs", Text, nullable=False),  # JSON [{index, kind, text, score}]
    Column("findings", Text, nullable=False),  # JSON [{block, code, severity, message, matched}]
    Column("computed_at", DateTime, nullable=False),
)

ratings = Table(
    "ratings", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("site_id", String(64), ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("page_id", Integer, ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
    Column("lang", String(2), nullable=False),
    Column("version_hash", String(64), ForeignKey("text_versions.hash"), nullable=False),
    Column("rating", SmallInteger, nullable=False),  # 1 (very unclear) .. 4 (clear)
    Column("paragraph_index", Integer, nullable=True),
    Column("paragraph_quote", String(200), nullable=True),
    Column("comment", Text, nullable=True),  # scrubbed; at most 300 characters before scrubbing
    Column("created_hour", DateTime, nullable=False),  # truncated to the hour: no finer trail
    Column("status", String(10), nullable=False),  # ok | duplicate | spam
    Column("idempotency_key", String(64), nullable=False),
    UniqueConstraint("site_id", "idempotency_key", name="uq_ratings_idempotency"),
    Index("ix_ratings_page_version", "page_id", "version_hash"),
    Index("ix_ratings_created_hour", "created_hour"),
)

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


# past this the WAL is cut back by a complete checkpoint (and SQLite truncates it to this when
# it restarts the log); each such checkpoint stalls writers for its final fsync, so not too small
WAL_LIMIT_BYTES = 16 * 1024 * 1024


def _sqlite_pragmas(background_checkpoints: bool):
    def on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")  # several workers write the same file
        cursor.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
        if background_checkpoints:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()
    return on_connect


def make_engine(url: str, background_checkpoints: bool = False) -> Engine:
    """An engine for ``url``; for SQLite, creates the data folder and sets the pragmas above.

    ``background_checkpoints``: the server's request connections do not checkpoint the WAL
    themselves (SQLite's default makes the commit that crosses 1000 WAL pages copy them back
    and fsync the database, a stall of tens of milliseconds for that one rating);
    ``Checkpointer`` does it from a thread instead."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas(background_checkpoints))
        return engine
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class Checkpointer:
    """Keeps the SQLite WAL bounded, off the request path, checking every ``interval`` seconds.

    Usually a PASSIVE checkpoint: it copies the log back into the database without waiting
    for writers, so ratings keep committing meanwhile. But under steady load it never copies
    *all* of the log (new commits arrive while it runs), and SQLite restarts the log only
    after a complete one, so the file would grow without end. When the WAL has grown past
    ``limit`` bytes, or has stopped growing (the load is over), the round is a TRUNCATE
    checkpoint instead, taken while holding ``write_lock`` right after a PASSIVE one (so this
    process's writers queue on it only for the frames that came in meanwhile and the fsync,
    some milliseconds): it completes, and the WAL file is cut to zero. So the file stays under ``limit`` plus what one interval of writes adds, and
    is empty soon after the load stops. A WAL left behind by a crash is checkpointed by the
    next start."""

    def __init__(self, engine: Engine, write_lock: contextlib.AbstractContextManager | None = None,
                 interval: float = 0.25, limit: int = WAL_LIMIT_BYTES) -> None:
        self.engine = engine
        self.write_lock = write_lock if write_lock is not None else contextlib.nullcontext()
        self.interval = interval
        self.limit = limit
        self.wal = Path(f"{engine.url.database}-wal")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="selkeys-wal-checkpoint", daemon=True)
        self._thread.start()

    def _size(self) -> int:
        try:
            return os.stat(self.wal).st_size
        except OSError:
            return 0

    def _run(self) -> None:
        last = -1
        while not self._stop.wait(self.interval):
            size = self._size()
            try:
                if size > 0 and size != last:
                    self.passive()  # the bulk of the copying, while ratings keep committing
                if size > self.limit or (size > 0 and size == last):
                    self.truncate()  # only what came in meanwhile is left to copy under the lock
            except Exception:  # noqa: BLE001 - a busy or vanished database: try again next round
                pass
            last = self._size()

    def passive(self) -> None:
        """Copy what the WAL holds back into the database without waiting for anyone."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    def truncate(self) -> None:
        """A complete checkpoint that cuts the WAL file to zero (this process's writers wait)."""
        with self.write_lock, self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def stop(self) -> None:
        """Stop the thread, after a last complete checkpoint."""
        self._stop.set()
        self._thread.join(5)
        self.truncate()


MIGRATIONS = Path(__file__).parent / "migrations"


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (run at start and by
    `selkeys feedback migrate`). The connection is handed to env.py, so Alembic never needs
    a URL or an ini file."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
