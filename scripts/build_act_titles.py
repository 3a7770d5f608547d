"""Build selkeys/data/sv_act_titles.txt: the titles of Finland's Swedish-language acts of parliament.

A text cites an act by its title, often without the act's number ("enligt lagen om statsunderstöd
för utvecklande av företagsverksamhet"). The title is a name the writer cannot reword, so the
word-level rules stay out of it (selkeys.rules.cited_titles), and only the act's own list of
titles says where such a title ends. The titles come from the Swedish statute texts of the
Finlex snapshot that the real-text corpus is built from (github.com/eliask/finlex-data, the
commit pinned in scripts/build_real_corpus.py); laws and their titles are outside copyright
(Tekijänoikeuslaki 9 §).

Kept: "Lag om …" and "Landskapslag om …" titles, from "om" on, in lower case, without the act's
number; left out: amending, repealing and enacting acts ("om ändring av …"), which a text
names by the act they change.

    python scripts/build_act_titles.py --mirror /work/.mirror
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from build_real_corpus import COMMITS, FINLEX  # noqa: E402

OUT = REPO / "selkeys" / "data" / "sv_act_titles.txt"
_NAME = re.compile(rb"<saa:SaadosNimeke[^>]*>(.*?)</saa:SaadosNimeke>", re.S)
_TAG = re.compile(r"<[^>]+>")
_LAW = re.compile(r"(?:Lag|Landskapslag)\s+om\s+(?P<title>.+)$")
_CHANGING = re.compile(r"\bom\s+(?:ändring|temporär ändring|upphävande|ikraftträdande|sättande i kraft|tillämpning av)",
                       re.I)
_NUMBER = re.compile(r"\s*\(\d+/\d{4}\)$")


def titles(mirror: Path) -> set[str]:
    repo = mirror / FINLEX.replace("/", "+") / "repo"
    commit = COMMITS[FINLEX]
    listing = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", commit, "data/asd/sv"],
                             capture_output=True, check=True).stdout.decode()
    blobs = "\n".join(line.split()[2] for line in listing.splitlines()) + "\n"
    # one git process for every blob: a process per file would take minutes
    data = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch"], input=blobs.encode(),
                          capture_output=True, check=True).stdout
    found: set[str] = set()
    for raw in _NAME.findall(data):
        name = " ".join(_TAG.sub("", raw.decode("utf-8", "replace")).split())
        law = _LAW.match(name)
        if law and not _CHANGING.search(name):
            found.add(_NUMBER.sub("", law.group("title").rstrip(". ")).lower())
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--mirror", type=Path, required=True, help="folder of fetched snapshots")
    args = parser.parse_args()
    found = titles(args.mirror)
    header = ("# Titles of Finland's Swedish-language acts of parliament (Lag / Landskapslag om …), from 'om' on,\n"
              f"# lower case; from the Finlex statutes of github.com/{FINLEX} at {COMMITS[FINLEX]}\n"
              "# (public domain: Tekijänoikeuslaki 9 §). Built by scripts/build_act_titles.py.\n")
    OUT.write_text(header + "".join(f"{t}\n" for t in sorted(found)), encoding="utf-8")
    print(f"{len(found)} titles written to {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
