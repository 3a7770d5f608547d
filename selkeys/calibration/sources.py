"""The labelled texts of ``make calibrate``, per language, each marked for fitting or holding out.

Sources (corpus/labelled/README.md gives source, licence, commit and command for each):

* ``yle``: real Finnish easy-language news (Yle Selkouutiset, read from a local clone);
* ``finlex``: real statutes and Supreme Administrative Court decisions (read from a local clone);
* ``real``: the real official documents of corpus/real (laws, decisions, municipal letters,
  service texts), committed;
* ``ud``: standard prose cut from UD treebank dev files (written to corpus/labelled/ud_*.jsonl);
* ``project``: the easy-language and bureaucratic texts the project wrote (corpus/labelled).

Held out, never fitted on (HELD_OUT): Selkouutiset from 2025 (fit on 2023-2024: a split by
time), Finlex documents dated from HELD_OUT_YEAR on (also by time), the test half of
corpus/real (the linter's frozen test set, here only evaluated), and a quarter of the UD and
project source documents, stratified by label and level. Selkouutiset items from July 2025 on
are never read at all (selkouutiset.HELD_OUT_FROM).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from selkeys.calibration import finlex, selkouutiset
from selkeys.calibration.dataset import LabelledText, load_dataset
from selkeys.calibration.finlex import Selection

HELD_OUT_SHARE = 0.25
SEED = 20261124
YLE_HELD_OUT_FROM = "2025-01-01"
# Finlex: the newest years are held out; Swedish decisions are published in full only to 2018
HELD_OUT_YEAR = {("statute", "fi"): 2023, ("decision", "fi"): 2023, ("statute", "sv"): 2023,
                 ("decision", "sv"): 2017}
SELECTIONS = {
    "fi": (Selection("statute", "fi", range(2010, 2025), 8), Selection("decision", "fi", range(2010, 2025), 6)),
    "sv": (Selection("statute", "sv", range(2010, 2025), 8), Selection("decision", "sv", range(2004, 2019), 6)),
}
REAL_LEVELS = {"law": 4, "court-decision": 4, "municipal-decision": 3, "service-instructions": 3,
               "permit-service": 3}
PROJECT_PARTS = ("easy", "easy_news", "official")
_HEADING_MARK = re.compile(r"^#+\s*", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Entry:
    """One labelled text, where it comes from (one of the source names above) and whether it is
    held out."""

    item: LabelledText
    source: str
    held_out: bool

    @property
    def real(self) -> bool:
        return self.source != "project"


def stratified_held_out(items: list[LabelledText], share: float = HELD_OUT_SHARE, seed: int = SEED) -> set[str]:
    """About ``share`` of the groups of every (label, level) stratum, at least one each."""
    rng = np.random.default_rng(seed)
    strata: dict[tuple, list[str]] = {}
    for it in items:
        key = (it.label, it.level)
        if it.group not in strata.setdefault(key, []):
            strata[key].append(it.group)
    held: set[str] = set()
    for key in sorted(strata, key=str):
        groups = sorted(strata[key])
        rng.shuffle(groups)
        if len(groups) >= 2:
            held.update(groups[:max(1, round(share * len(groups)))])
    return held


def real_documents(real_dir: Path, lang: str) -> list[tuple[LabelledText, bool]]:
    """corpus/real documents of ``lang`` as standard texts, with whether each is in the test half.
    Headings lose their Markdown marks (the reader takes a short line for a heading)."""
    out = []
    for line in (real_dir / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["lang"] != lang:
            continue
        text = _HEADING_MARK.sub("", (real_dir / "docs" / lang / f"{doc['id']}.md").read_text(encoding="utf-8"))
        item = LabelledText(doc["id"], lang, text, None, "standard", REAL_LEVELS[doc["genre"]],
                            f"corpus/real {doc['split']} ({doc['genre']})", doc["licence"], doc["id"])
        out.append((item, doc["split"] == "test"))
    return out


def _finlex_held(item: LabelledText, selection: Selection) -> bool:
    return int(item.date[:4]) >= HELD_OUT_YEAR[(selection.kind, selection.lang)]


def build(lang: str, labelled_dir: Path, real_dir: Path, repo_root: Path) -> list[Entry]:
    """Every labelled text of ``lang`` for calibration. Raises snapshot.MissingSnapshot when a
    clone is not on this machine."""
    entries: list[Entry] = []
    if lang == "fi":
        entries += [Entry(it, "yle", it.date >= YLE_HELD_OUT_FROM) for it in selkouutiset.easy_texts(real_dir)]
    for selection in SELECTIONS[lang]:
        entries += [Entry(it, "finlex", _finlex_held(it, selection))
                    for it in finlex.official_texts(selection, real_dir, repo_root)]
    entries += [Entry(it, "real", test) for it, test in real_documents(real_dir, lang)]
    for source, parts in (("ud", ("ud",)), ("project", PROJECT_PARTS)):
        items = [it for part in parts for it in load_dataset(labelled_dir / f"{part}_{lang}.jsonl")]
        held = stratified_held_out(items)
        entries += [Entry(it, source, it.group in held) for it in items]
    return entries
