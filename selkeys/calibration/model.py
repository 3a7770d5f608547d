"""The score model as data: per-measure anchors and weights, bands, and how it was fitted.

A model scores text as ``100 - sum(weight * penalty)``, where each penalty rises linearly from 0
at the measure's easy anchor to 1 at its hard anchor (clipped), and the weights add up to 100.
This form is kept because every point lost can be pinned on one named measure, which is what
the CLI, the language server and the reports show as "what pulled the score down".

The shipped models are ``selkeys/data/score_fi.json`` and ``score_sv.json``, written by
``make calibrate``; a project can point ``score-model`` in selkeys.toml at its own file (for
example one refitted on reader ratings). This module stays free of numpy so that loading a
model costs nothing at start-up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

FINDINGS = "findings_per_100_words"
DEFAULT_BANDS: tuple[tuple[float, str], ...] = (
    (80.0, "clear"), (60.0, "fairly clear"), (40.0, "difficult"), (0.0, "very difficult"))
FORMAT_VERSION = 1


class ModelError(ValueError):
    """A score-model file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Component:
    """One measure's part of the score: no penalty at ``easy``, the full ``weight`` at ``hard``."""

    measure: str
    easy: float
    hard: float
    weight: float

    def penalty(self, value: float | None) -> float:
        """Share of the weight lost, 0..1; an undefined measure costs nothing."""
        if value is None or value <= self.easy:
            return 0.0
        return min(1.0, (value - self.easy) / (self.hard - self.easy))


@dataclass(frozen=True)
class ScoreModel:
    """A fitted (or hand-set) score model for one language."""

    lang: str
    components: tuple[Component, ...]
    bands: tuple[tuple[float, str], ...] = DEFAULT_BANDS
    fit_info: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.lang or not isinstance(self.lang, str):
            raise ModelError("a model names its text language ('lang')")
        if not self.components:
            raise ModelError("a model needs at least one measure")
        for c in self.components:
            if not c.hard > c.easy:
                raise ModelError(f"{c.measure}: the hard anchor ({c.hard}) must be above the easy one ({c.easy})")
            if c.weight < 0:
                raise ModelError(f"{c.measure}: weights cannot be negative ({c.weight})")
        floors = [f for f, _ in self.bands]
        if not floors or floors != sorted(floors, reverse=True) or floors[-1] != 0:
            raise ModelError("bands must be listed from the highest floor down to 0")
        # plain tuples for points_lost, which runs for every paragraph and sentence linted
        object.__setattr__(self, "_terms", tuple((c.measure, c.easy, c.hard - c.easy, c.weight)
                                                 for c in self.components))
        # hashed once: a model is part of the key of every sentence score remembered (score.py)
        object.__setattr__(self, "_hash", hash((self.lang, self.components, self.bands)))

    def __hash__(self) -> int:
        return self._hash

    def points_lost(self, measures: Mapping[str, float | None]) -> list[tuple[str, float]]:
        """(measure, points lost) for every component, in the model's order (the arithmetic of
        ``Component.penalty`` on precomputed terms)."""
        get = measures.get
        return [(name, 0.0 if (value := get(name)) is None or value <= easy else weight * min(1.0, (value - easy) / span))
                for name, easy, span, weight in self._terms]

    def value(self, measures: Mapping[str, float | None]) -> float:
        """The 0-100 score of measures that already include ``findings_per_100_words``."""
        return max(0.0, 100.0 - sum(p for _, p in self.points_lost(measures)))

    def band(self, value: float) -> str:
        for floor, name in self.bands:
            if value >= floor:
                return name
        return self.bands[-1][1]

    def to_json(self) -> str:
        data = {
            "format": FORMAT_VERSION,
            "lang": self.lang,
            "form": "score = 100 - sum(weight * clip((value - easy) / (hard - easy), 0, 1))",
            "components": [{"measure": c.measure, "easy": round(c.easy, 4), "hard": round(c.hard, 4),
                            "weight": round(c.weight, 3)} for c in self.components],
            "bands": [{"floor": f, "band": b} for f, b in self.bands],
            "fit": self.fit_info,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Any, where: str) -> "ScoreModel":
        """Validate and build a model from parsed JSON; errors name ``where``."""
        try:
            if data.get("format") != FORMAT_VERSION:
                raise ModelError(f"unsupported format {data.get('format')!r} (expected {FORMAT_VERSION})")
            components = tuple(Component(str(c["measure"]), float(c["easy"]), float(c["hard"]), float(c["weight"]))
                               for c in data["components"])
            bands = tuple((float(b["floor"]), str(b["band"])) for b in data.get("bands", []))
            return cls(str(data["lang"]), components, bands or DEFAULT_BANDS, dict(data.get("fit", {})))
        except ModelError as exc:
            raise ModelError(f"{where}: {exc}") from None
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{where}: not a score model ({type(exc).__name__}: {exc})") from None


def load_model_file(path: str | Path) -> ScoreModel:
    """A model from a JSON file (a project's own ``score-model``)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}: invalid JSON ({exc})") from None
    return ScoreModel.from_dict(data, str(path))


@lru_cache(maxsize=8)
def shipped_model(lang: str) -> ScoreModel:
    """The model shipped in ``selkeys/data/score_<lang>.json`` (refitted by ``make calibrate``)."""
    path = resources.files("selkeys") / "data" / f"score_{lang}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: cannot load the shipped score model ({exc})") from None
    return ScoreModel.from_dict(data, str(path))


@lru_cache(maxsize=32)
def cached_model_file(path: str, mtime_ns: int) -> ScoreModel:
    """A project's model file, read again only when it changes (keyed by modification time)."""
    return load_model_file(path)


def project_model(paths: tuple[str, ...], lang: str) -> ScoreModel | None:
    """The model among a project's ``score-model`` files that is for ``lang`` (None: use the
    shipped one). Files are re-read when they change, so a refit takes effect in a running
    language server."""
    for path in paths:
        try:
            mtime = Path(path).stat().st_mtime_ns
        except OSError as exc:
            raise ModelError(f"{path}: cannot read ({exc})") from None
        model = cached_model_file(path, mtime)
        if model.lang == lang:
            return model
    return None
