"""Real Finnish easy-language text: Yle Selkouutiset, read at fit time from a local clone.

Yle's texts may not be redistributed, so nothing of them is written into the repository: the
items are read with ``git show`` from a bare clone of hiAndrewQuinn/selkouutiset-scrape-cleaned
(files ``YYYY/MM/DD/index.fi.md``, one day's broadcast or weekly review each) at a fixed commit.

Two sets of items are never read:

* items dated on or after HELD_OUT_FROM (2025-07-01), kept for independent evaluation. Only
  the folders of earlier months are listed, so later paths are never even seen;
* the items of corpus/real/clean.yaml, the linter's clean-side test.

Page furniture is stripped before anything is measured: the title bar (``# TV | Selkouutiset |
...``), image links, the gallery button and player labels, caption lines with a photo credit
(``Kuva: ...``) and lines that are only a link. Headings stay as lines of their own (the reader
takes a short line without a full stop for a heading, which the measures leave out); bold and
link markup is reduced to its text.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from selkeys.calibration.chunks import balanced_chunks
from selkeys.calibration.dataset import LabelledText
from selkeys.calibration.snapshot import Snapshot

REPO_NAME = "hiAndrewQuinn/selkouutiset-scrape-cleaned"
COMMIT = "8c0183a7152c3a92bb3ceabb78e7a83b99e51bc1"  # 2026-08-22, the commit of corpus/real/clean.yaml
HELD_OUT_FROM = datetime.date(2025, 7, 1)
FIRST_YEAR = 2020  # before the archive begins (October 2023); years are listed one by one
SOURCE = f"Yle Selkouutiset ({REPO_NAME} @ {COMMIT[:12]})"
LICENCE = "© Yle; read at fit time from a local clone, never copied into the repository"
LEVEL = 1

_ITEM = re.compile(r"(\d{4})/(\d{2})/(\d{2})/index\.fi\.md")
_TITLE = re.compile(r"^#+\s.*(\\?\||Selkouutiset|selkosuomeksi)", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINK_ONLY = re.compile(r"^\W*(\[[^\]]*\]\([^)]*\)|https?://\S+)\W*$")
_CREDIT = re.compile(r"\bKuva:\s")
_EMPHASIS = re.compile(r"\*{1,2}([^*]+)\*{1,2}")
_HEADING = re.compile(r"^#+\s*")
# labels of the web page's players and galleries, not text written for the reader
_PLAYER = {"avaa kuvien katselu", "kuuntele", "voit lukea uutisten tekstit myös tästä:",
           "voit lukea uutiset samanaikaisesti alta."}


def readable_paths(snapshot: Snapshot, excluded: set[str]) -> list[str]:
    """Item paths dated before HELD_OUT_FROM, minus ``excluded``. Only the folders of years and
    months before the cut-off are listed, so no later item is ever named, let alone read."""
    prefixes = [f"{year}/" for year in range(FIRST_YEAR, HELD_OUT_FROM.year)]
    prefixes += [f"{HELD_OUT_FROM.year}/{month:02d}/" for month in range(1, HELD_OUT_FROM.month)]
    paths = []
    for prefix in prefixes:
        for path in snapshot.list(prefix):
            match = _ITEM.fullmatch(path)
            if match and item_date(path) < HELD_OUT_FROM and path not in excluded:
                paths.append(path)
    return paths


def item_date(path: str) -> datetime.date:
    year, month, day = _ITEM.fullmatch(path).groups()
    return datetime.date(int(year), int(month), int(day))


def clean_blocks(markdown: str) -> list[tuple[str, bool]]:
    """(text, is_heading) per paragraph of one item, furniture removed (see the module doc)."""
    blocks = []
    for line in markdown.splitlines():
        line = line.strip()
        if (not line or _TITLE.match(line) or _IMAGE.fullmatch(line) or _LINK_ONLY.match(line)
                or _CREDIT.search(line)):
            continue
        heading = line.startswith("#")
        text = _EMPHASIS.sub(r"\1", _LINK.sub(r"\1", _IMAGE.sub("", _HEADING.sub("", line)))).strip()
        if text and text.lower() not in _PLAYER:
            blocks.append((text, heading))
    return blocks


def clean_yaml_items(real_dir: Path) -> set[str]:
    """The items of the linter's clean-side test (both halves), which calibration leaves alone."""
    spec = yaml.safe_load((real_dir / "clean.yaml").read_text(encoding="utf-8")).get("fi") or {}
    if spec.get("repo") != REPO_NAME:
        raise ValueError(f"{real_dir / 'clean.yaml'}: expected the Finnish clean side from {REPO_NAME}")
    return {path for part in ("dev", "test") for path in spec.get(part) or ()}


def easy_texts(real_dir: Path, snapshot: Snapshot | None = None) -> list[LabelledText]:
    """The readable items as easy texts of ~150-300 words, one group per item (day), dated."""
    snapshot = snapshot or Snapshot(REPO_NAME, COMMIT)
    out = []
    for path in readable_paths(snapshot, clean_yaml_items(real_dir)):
        date = item_date(path).isoformat()
        for n, text in enumerate(balanced_chunks(clean_blocks(snapshot.text(path)))):
            out.append(LabelledText(f"yle-{date}-{n}", "fi", text, None, "easy", LEVEL, SOURCE, LICENCE,
                                    f"yle-{date}", date))
    return out
