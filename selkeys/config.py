"""Configuration from ``selkeys.toml`` or ``pyproject.toml [tool.selkeys]``.

The nearest file to the linted file wins (as in ruff), so a sub-folder of a web site can
have its own vocabulary. Command-line options override files; per-path ``overrides``
tables refine a file's settings for matching paths.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from selkeys.calibration.model import ModelError, load_model_file
from selkeys.messages import LANGS
from selkeys.model import Severity

_KEYS = {"select", "ignore", "severity", "thresholds", "profile", "lang", "vocabulary", "include", "exclude",
         "message-lang", "fail-level", "overrides", "max-file-size", "max-docx-uncompressed", "deep"}
_KEYS |= {"user-agent-contact", "crawl-delay", "max-page-size", "cache-dir"}  # web batch runs
_KEYS |= {"score-model"}  # a project's own fitted score model(s), see selkeys/calibration
_KEYS |= {"legal-text"}  # auto (read from the text), true (statutes, legal reasoning) or false
_OVERRIDE_KEYS = {"paths", "select", "ignore", "severity", "thresholds", "profile", "lang", "vocabulary", "deep",
                  "legal-text"}


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    profile: str = "plain"
    lang: str | None = None
    vocabulary: frozenset[str] = frozenset()
    include: tuple[str, ...] = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.docx")
    # "~$*": the lock files Word leaves next to an open document (they are not documents)
    exclude: tuple[str, ...] = (".git", ".venv", "node_modules", "__pycache__", "~$*")
    message_lang: str | None = None  # fi, sv or en for every message; None: each in its text's language
    fail_level: Severity = Severity.WARNING
    max_file_size: int = 10 * 1024 * 1024
    max_docx_uncompressed: int = 200 * 1024 * 1024  # a .docx whose parts unpack to more is refused
    deep: bool = False  # syntax rules with the spaCy parse (slower; loads a model)
    # legal text (statutes, legal reasoning) turns off advice that does not apply there; None = decide
    # from the text (selkeys.register)
    legal_text: bool | None = None
    # web batch runs: contact URL in the User-Agent, seconds between requests to one host
    # (robots.txt may ask for more), largest page read, where the HTTP cache and runs live
    user_agent_contact: str | None = None
    crawl_delay: float = 0.5
    max_page_size: int = 5 * 1024 * 1024
    cache_dir: str | None = None
    score_model: tuple[str, ...] = ()  # model JSON files, one per text language at most
    source: str = "defaults"  # where the settings came from, for `selkeys config --show`
    overrides: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = ()
    root: str = "."

    def enabled(self, code: str) -> bool:
        selected = not self.select or any(code.startswith(p) for p in self.select)
        return selected and not any(code.startswith(p) for p in self.ignore)

    def for_path(self, path: str) -> "Config":
        """Apply the per-path overrides whose globs match ``path`` (relative to the config file)."""
        if not self.overrides:
            return self
        try:
            rel = Path(path).resolve().relative_to(Path(self.root).resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        config = self
        for globs, values in self.overrides:
            if any(fnmatch.fnmatch(rel, g) for g in globs):
                config = config.merged(values, f"{self.source} (override {', '.join(globs)})")
        return config

    def merged(self, values: dict[str, Any], source: str) -> "Config":
        """A copy with ``values`` (already in file syntax) applied on top."""
        changes: dict[str, Any] = {}
        where = source
        for key, value in values.items():
            if key in ("select", "ignore", "include", "exclude"):
                changes[key] = tuple(_str_list(value, key, where))
            elif key == "severity":
                if not isinstance(value, dict):
                    raise ConfigError(f"{where}: 'severity' maps rule codes to severities")
                try:
                    changes[key] = {**self.severity, **{str(k): Severity.parse(str(v)) for k, v in value.items()}}
                except ValueError as exc:
                    raise ConfigError(f"{where}: {exc}") from None
            elif key == "thresholds":
                if not isinstance(value, dict) or not all(isinstance(v, (int, float)) for v in value.values()):
                    raise ConfigError(f"{where}: 'thresholds' maps rule codes to numbers")
                changes[key] = {**self.thresholds, **{str(k): float(v) for k, v in value.items()}}
            elif key == "profile":
                if value not in ("plain", "easy"):
                    raise ConfigError(f"{where}: profile must be 'plain' or 'easy', not {value!r}")
                changes[key] = value
            elif key == "lang":
                if value not in ("fi", "sv", "auto"):
                    raise ConfigError(f"{where}: lang must be 'fi', 'sv' or 'auto', not {value!r}")
                changes[key] = None if value == "auto" else value
            elif key == "vocabulary":
                changes[key] = self.vocabulary | frozenset(_str_list(value, key, where))
            elif key == "message-lang":
                if value not in (*LANGS, "auto"):
                    raise ConfigError(f"{where}: message-lang must be one of {LANGS} or 'auto'")
                changes["message_lang"] = None if value == "auto" else value
            elif key == "fail-level":
                try:
                    changes["fail_level"] = Severity.parse(str(value))
                except ValueError as exc:
                    raise ConfigError(f"{where}: {exc}") from None
            elif key == "max-file-size":
                if not isinstance(value, int) or value <= 0:
                    raise ConfigError(f"{where}: max-file-size is a positive number of bytes")
                changes["max_file_size"] = value
            elif key == "max-docx-uncompressed":
                if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                    raise ConfigError(f"{where}: max-docx-uncompressed is a positive number of bytes")
                changes["max_docx_uncompressed"] = value
            elif key == "deep":
                if not isinstance(value, bool):
                    raise ConfigError(f"{where}: deep is true or false")
                changes["deep"] = value
            elif key == "user-agent-contact":
                if not isinstance(value, str) or not value.startswith(("http://", "https://", "mailto:")):
                    raise ConfigError(f"{where}: user-agent-contact is a URL (https://... or mailto:...)")
                if any(c in value for c in "\r\n()"):
                    raise ConfigError(f"{where}: user-agent-contact may not contain line breaks or parentheses")
                changes["user_agent_contact"] = value
            elif key == "crawl-delay":
                if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 3600:
                    raise ConfigError(f"{where}: crawl-delay is a number of seconds from 0 to 3600")
                changes["crawl_delay"] = float(value)
            elif key == "max-page-size":
                if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                    raise ConfigError(f"{where}: max-page-size is a positive number of bytes")
                changes["max_page_size"] = value
            elif key == "cache-dir":
                if not isinstance(value, str) or not value:
                    raise ConfigError(f"{where}: cache-dir is a folder path")
                changes["cache_dir"] = value
            elif key == "legal-text":
                if value not in (True, False, "auto"):
                    raise ConfigError(f"{where}: legal-text is true, false or \"auto\"")
                changes["legal_text"] = None if value == "auto" else value
            elif key == "score-model":
                changes["score_model"] = tuple(_str_list(value, key, where))
            elif key == "overrides":
                changes[key] = tuple(_override(item, where) for item in value)
            else:
                raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(_KEYS))})")
        return replace(self, source=source, **changes)


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return value


def _override(item: Any, where: str) -> tuple[tuple[str, ...], dict[str, Any]]:
    if not isinstance(item, dict) or "paths" not in item:
        raise ConfigError(f"{where}: each [[overrides]] table needs 'paths'")
    unknown = set(item) - _OVERRIDE_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown override setting(s) {sorted(unknown)}")
    values = {k: v for k, v in item.items() if k != "paths"}
    return tuple(_str_list(item["paths"], "paths", where)), values


def _with_score_models(config: Config, path: Path) -> Config:
    """Resolve ``score-model`` files against the config file's folder and check that they
    load, so a broken model is a config error naming the file rather than a failure later."""
    if not config.score_model:
        return config
    resolved = tuple(str((path.parent / p).resolve()) for p in config.score_model)
    langs = []
    for model_path in resolved:
        try:
            langs.append(load_model_file(model_path).lang)
        except ModelError as exc:
            raise ConfigError(f"{path}: score-model: {exc}") from None
    if len(set(langs)) != len(langs):
        raise ConfigError(f"{path}: score-model: two models for the same language")
    return replace(config, score_model=resolved)


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("selkeys")
    return data.get("selkeys", data)


class ConfigResolver:
    """Finds and caches the effective configuration per directory."""

    def __init__(self, base: Config | None = None, cli: dict[str, Any] | None = None,
                 explicit: str | None = None) -> None:
        self.base = base or Config()
        self.cli = cli or {}
        self.explicit = explicit
        self._cache: dict[Path, Config] = {}

    def _file_config(self, path: Path) -> Config:
        table = _read_table(path) or {}
        config = replace(self.base.merged(table, str(path)), root=str(path.parent))
        return _with_score_models(config, path)

    def _with_cli(self, config: Config) -> Config:
        if not self.cli:
            return config
        return config.merged(self.cli, f"{config.source} + command line")

    def for_file(self, file_path: str) -> Config:
        if self.explicit:
            directory = Path(self.explicit).resolve().parent
        else:
            directory = Path(file_path).resolve().parent if file_path not in ("-", "") else Path.cwd()
        if directory not in self._cache:
            self._cache[directory] = self._with_cli(self._discover(directory))
        return self._cache[directory].for_path(file_path)

    def _discover(self, directory: Path) -> Config:
        if self.explicit:
            return self._file_config(Path(self.explicit))
        for folder in (directory, *directory.parents):
            for name in ("selkeys.toml", "pyproject.toml"):
                candidate = folder / name
                if candidate.is_file() and (name == "selkeys.toml" or _read_table(candidate) is not None):
                    return self._file_config(candidate)
        return self.base
