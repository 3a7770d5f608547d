"""Settings of the feedback service, in one frozen object so that tests and the CLI set the
same knobs, and so that uvicorn worker processes can rebuild them from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

ENV_PREFIX = "SELKEYS_SERVE_"


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/selkeys`` when XDG_DATA_HOME is set (a desktop or a service account
    that follows the XDG spec), else ``./selkeys-data``: a server started from a deployment
    folder keeps its data next to it instead of in a hidden home directory."""
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) / "selkeys" if xdg else Path("selkeys-data")


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str | None = None  # None: SQLite file feedback.sqlite3 in data_dir
    monitor_token: str | None = None  # requests carrying it skip the rate limit (health checks)
    trusted_proxies: tuple[str, ...] = ()  # addresses or networks whose forwarded headers name the client
    min_answer_seconds: float = 2.0  # faster answers than this are counted as spam
    duplicate_window_seconds: float = 600.0  # the same answer from one client again within this: a duplicate
    form_token_max_age: float = 24 * 3600.0
    rate_per_minute: float = 20.0  # per client, for rating and preview requests
    rate_burst: float = 10.0
    max_body_bytes: int = 8 * 1024
    min_ratings: int = 5  # fewer ratings than this: the mean is marked as too uncertain
    lint_workers: int = 1  # processes for the playground's engine work
    lint_deadline: float = 10.0  # seconds a playground request may take, waiting for a worker included
    playground_per_minute: float = 120.0  # playground requests per client (bursts of half as many)

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'feedback.sqlite3').resolve()}"

    def to_env(self) -> dict[str, str]:
        """The settings as environment variables, for uvicorn's worker processes."""
        env = {ENV_PREFIX + "DATA_DIR": str(self.data_dir), ENV_PREFIX + "DATABASE_URL": self.url}
        if self.monitor_token:
            env[ENV_PREFIX + "MONITOR_TOKEN"] = self.monitor_token
        if self.trusted_proxies:
            env[ENV_PREFIX + "TRUSTED_PROXIES"] = ",".join(self.trusted_proxies)
        env[ENV_PREFIX + "LINT_WORKERS"] = str(self.lint_workers)
        env[ENV_PREFIX + "LINT_DEADLINE"] = str(self.lint_deadline)
        env[ENV_PREFIX + "PLAYGROUND_RATE"] = str(self.playground_per_minute)
        return env

    @classmethod
    def from_env(cls) -> "Settings":
        """Counterpart of ``to_env``; SELKEYS_SERVE_MONITOR_TOKEN may also be set by the operator."""
        get = os.environ.get
        proxies = tuple(p.strip() for p in (get(ENV_PREFIX + "TRUSTED_PROXIES") or "").split(",") if p.strip())
        defaults = cls(data_dir=Path("."))
        return cls(data_dir=Path(get(ENV_PREFIX + "DATA_DIR") or default_data_dir()),
                   database_url=get(ENV_PREFIX + "DATABASE_URL") or None,
                   monitor_token=get(ENV_PREFIX + "MONITOR_TOKEN") or None, trusted_proxies=proxies,
                   lint_workers=int(get(ENV_PREFIX + "LINT_WORKERS") or defaults.lint_workers),
                   lint_deadline=float(get(ENV_PREFIX + "LINT_DEADLINE") or defaults.lint_deadline),
                   playground_per_minute=float(get(ENV_PREFIX + "PLAYGROUND_RATE") or defaults.playground_per_minute))

    def with_(self, **changes: object) -> "Settings":
        return replace(self, **changes)
