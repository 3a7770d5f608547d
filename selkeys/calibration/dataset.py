"""Labelled texts for evaluating and fitting the score.

Two forms, so that a corpus can be kept either as one file or as the documents themselves:

* a JSONL file, one object per line: ``{"text", "lang", "label" and/or "level", "source",
  "licence", "group"}``;
* a directory with ``manifest.jsonl``, the same objects with ``"file"`` (a path inside the
  directory, read as plain text, Markdown or HTML by its suffix) instead of ``"text"``.

``label`` is ``"easy"`` or ``"standard"``; ``level`` is a number, higher = harder. ``group``
(default: ``source``, else the line number) names the source document, so that chunks of one
document stay together in cross-validation and bootstrap resampling.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

LANGS = ("fi", "sv")
LABELS = ("easy", "standard")
MANIFEST = "manifest.jsonl"


class DatasetError(ValueError):
    """Bad labelled data; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class LabelledText:
    id: str
    lang: str
    text: str | None  # inline text (JSONL)
    path: str | None  # or a file (directory manifest)
    label: str | None
    level: float | None
    source: str
    licence: str
    group: str

    @property
    def hard(self) -> bool | None:
        """True for standard, False for easy, None when unlabelled."""
        return None if self.label is None else self.label == "standard"


def _entry(obj: object, where: str, base: Path | None) -> LabelledText:
    if not isinstance(obj, dict):
        raise DatasetError(f"{where}: each line must be a JSON object")
    lang = obj.get("lang")
    if lang not in LANGS:
        raise DatasetError(f"{where}: 'lang' must be one of {', '.join(LANGS)}, not {lang!r}")
    label, level = obj.get("label"), obj.get("level")
    if label is None and level is None:
        raise DatasetError(f"{where}: needs 'label' (easy or standard) or 'level' (a number, higher = harder)")
    if label is not None and label not in LABELS:
        raise DatasetError(f"{where}: 'label' must be 'easy' or 'standard', not {label!r}")
    if level is not None and (isinstance(level, bool) or not isinstance(level, (int, float)) or level != level):
        raise DatasetError(f"{where}: 'level' must be a number, not {level!r}")
    text = path = None
    if base is None:
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            raise DatasetError(f"{where}: 'text' must be a non-empty string")
    else:
        name = obj.get("file")
        if not isinstance(name, str) or not name:
            raise DatasetError(f"{where}: 'file' must name a file in the directory")
        target = (base / name).resolve()
        if base.resolve() not in target.parents:
            raise DatasetError(f"{where}: 'file' must stay inside the directory: {name!r}")
        if not target.is_file():
            raise DatasetError(f"{where}: no such file: {name!r}")
        path = str(target)
    source = str(obj.get("source") or "")
    ident = str(obj.get("id") or where)
    return LabelledText(ident, lang, text, path, label, None if level is None else float(level), source,
                        str(obj.get("licence") or ""), str(obj.get("group") or source or ident))


def load_dataset(location: str | Path) -> list[LabelledText]:
    """Labelled texts from a JSONL file or a directory with ``manifest.jsonl``."""
    location = Path(location)
    if location.is_dir():
        manifest, base = location / MANIFEST, location
        if not manifest.is_file():
            raise DatasetError(f"{location}: a directory of labelled texts needs {MANIFEST}")
    elif location.is_file():
        manifest, base = location, None
    else:
        raise DatasetError(f"{location}: no such file or directory")
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{manifest}: cannot read ({exc})") from None
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{manifest}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{where}: invalid JSON ({exc.msg})") from None
        items.append(_entry(obj, where, base))
    if not items:
        raise DatasetError(f"{manifest}: no labelled texts")
    return items


def write_jsonl(items: list[dict], path: Path) -> None:
    """Write labelled texts as JSONL (UTF-8, one object per line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
