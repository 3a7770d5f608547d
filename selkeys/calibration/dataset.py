"""Labelled texts for evaluating and fitting the score.

Three forms, so that a corpus can be kept either as one file or as the documents themselves:

* a JSONL file, one object per line: ``{"text", "lang", "label" and/or "level", "source",
  "licence", "group"}``;
* a directory with ``manifest.jsonl``, the same objects with ``"file"`` (a path inside the
  directory, read as plain text, Markdown or HTML by its suffix) instead of ``"text"``;
* a directory without a manifest, labelled by its folder names, as a corpus usually arrives:
  ``fi/easy/notice.txt``, ``sv/standard/decision.docx``, ``fi/3/report.html`` (a numbered
  or CEFR-named folder, 3/ or B1/, is a level). Each file is its own source document.

``label`` is ``"easy"`` or ``"standard"``; ``level`` is a number, higher = harder, or a CEFR
level (A1 = 1 ... C2 = 6); ``language`` is accepted for ``lang``, and tags such as ``fi-FI``. ``group``
(default: ``source``, else the line number) names the source document, so that chunks of one
document stay together in cross-validation and bootstrap resampling.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from selkeys.language import normalise

LANGS = ("fi", "sv")
LABELS = ("easy", "standard")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
MANIFEST = "manifest.jsonl"
_LEVEL_FOLDER = re.compile(r"\d+(\.\d+)?")
FOLDER_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx")


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
    date: str | None = None  # ISO date of the source, for splits by time (fit on older, test on newer)

    @property
    def hard(self) -> bool | None:
        """True for standard, False for easy, None when unlabelled."""
        return None if self.label is None else self.label == "standard"


def _level(value: object, where: str) -> float | None:
    """A level: a finite number, or a CEFR level (A1 = 1 ... C2 = 6), the usual grading of
    learner texts and sentences."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().upper() in CEFR:
        return float(CEFR.index(value.strip().upper()) + 1)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DatasetError(f"{where}: 'level' must be a number or a CEFR level (A1-C2), not {value!r}")
    return float(value)


def _entry(obj: object, where: str, base: Path | None, default_lang: str | None = None) -> LabelledText:
    if not isinstance(obj, dict):
        raise DatasetError(f"{where}: each line must be a JSON object")
    raw_lang = obj.get("lang", obj.get("language", default_lang))
    lang = normalise(raw_lang) if isinstance(raw_lang, str) else raw_lang  # "fi-FI" is Finnish
    if lang not in LANGS:
        raise DatasetError(f"{where}: 'lang' must be one of {', '.join(LANGS)}, not {raw_lang!r}")
    label, level = obj.get("label"), _level(obj.get("level"), where)
    if label is None and level is None:
        raise DatasetError(f"{where}: needs 'label' (easy or standard) or 'level' (a number, higher = harder, "
                           "or a CEFR level A1-C2)")
    if isinstance(label, str):
        label = label.strip().lower()
    if label is not None and label not in LABELS:
        raise DatasetError(f"{where}: 'label' must be 'easy' or 'standard', not {label!r}")
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
    date = obj.get("date")
    return LabelledText(ident, lang, text, path, label, level, source,
                        str(obj.get("licence") or ""), str(obj.get("group") or source or ident),
                        str(date) if date else None)


def _folder_labels(relative: Path, where: str) -> dict:
    """lang, label and level named by the folders above one file."""
    found: dict = {}
    for part in relative.parts[:-1]:
        name = part.lower()
        if name in LANGS or name in LABELS:
            key, value = ("lang" if name in LANGS else "label"), name
        elif name.upper() in CEFR or _LEVEL_FOLDER.fullmatch(name):
            key, value = "level", _level(name if name.upper() in CEFR else float(name), where)
        else:
            continue
        if found.get(key, value) != value:
            raise DatasetError(f"{where}: its folders give two different {key}s: {found[key]!r} and {value!r}")
        found[key] = value
    return found


def _folder_dataset(location: Path, default_lang: str | None) -> list[LabelledText]:
    """Every readable file below ``location`` whose folders name a label or level; files at the
    top (a README) are not texts."""
    root = location.resolve()
    items = []
    for path in sorted(location.rglob("*")):
        relative = path.relative_to(location)
        if (not path.is_file() or path.suffix.lower() not in FOLDER_SUFFIXES or len(relative.parts) < 2
                or any(part.startswith(".") for part in relative.parts)):
            continue
        where = str(path)
        if root not in path.resolve().parents:
            raise DatasetError(f"{where}: links outside the directory")
        found = _folder_labels(relative, where)
        if "label" not in found and "level" not in found:
            raise DatasetError(f"{where}: no label in its folders (put it under easy/, standard/ or a numbered "
                               "level folder such as 2/)")
        if "lang" not in found and default_lang is None:
            raise DatasetError(f"{where}: no language (put it under fi/ or sv/, or give --lang)")
        obj = {"file": relative.as_posix(), "id": relative.as_posix(), "group": relative.as_posix(), **found}
        items.append(_entry(obj, where, location, default_lang))
    if not items:
        raise DatasetError(f"{location}: no {MANIFEST} and no labelled files (such as fi/easy/*.txt)")
    return items


def load_dataset(location: str | Path, default_lang: str | None = None) -> list[LabelledText]:
    """Labelled texts from a JSONL file, a directory with ``manifest.jsonl``, or a directory
    labelled by its folder names; ``default_lang`` is the language of entries that name none."""
    location = Path(location)
    if location.is_dir():
        manifest, base = location / MANIFEST, location
        if not manifest.is_file():
            return _folder_dataset(location, default_lang)
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
        except RecursionError:  # "[[[[..." nested deeper than the parser goes
            raise DatasetError(f"{where}: invalid JSON (nested too deeply)") from None
        items.append(_entry(obj, where, base, default_lang))
    if not items:
        raise DatasetError(f"{manifest}: no labelled texts")
    return items


def write_jsonl(items: list[dict], path: Path) -> None:
    """Write labelled texts as JSONL (UTF-8, one object per line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
