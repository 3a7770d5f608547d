"""Reproduce the selection of sentences in sv-public-sector.conllu (see README.md).

    python training/sv/real/select_sentences.py [--mirror /work/.mirror] > sentences.jsonl

Reads eVaka's employee i18n file and Lupapiste i18n files from bare clones
(<mirror>/<owner>+<name>/repo, at the commits named in the README), splits their Swedish
strings into sentences, drops any sentence found in corpus/real, and prints the chosen
sentences with their source as JSON lines, in the order of the CoNLL-U file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
EVAKA = ("espoon-voltti+evaka", "135045f5875284065ae71ed1c45a937e97712e3e",
         "frontend/src/lib-customizations/defaults/employee/i18n/sv.tsx")
LUPAPISTE = ("lupapiste+lupapiste", "960acd5fb2e06e2d3e582e47d68715a8792a90b3")
LUPA_FILES = ("attachments", "parties", "info", "notice-forms", "pate", "review", "errors", "company", "authorized",
              "inspection-summary", "notifications", "invoice", "calendar", "campaign", "change-email", "a11y",
              "authority-admin", "documents", "assignment", "digitizer-tools", "printing-order", "bulletin-report")
LUPA_LINE = re.compile(r'^"((?:[^"\\]|\\.)*)" "(\w+)" "((?:[^"\\]|\\.)*)"\s*$')


def show(mirror: Path, repo: str, commit: str, path: str) -> str | None:
    out = subprocess.run(["git", "-C", str(mirror / repo / "repo"), "show", f"{commit}:{path}"],
                         capture_output=True, text=True)
    return out.stdout if out.returncode == 0 else None


def strings(mirror: Path) -> list[tuple[str, str, str]]:
    found = []
    src = show(mirror, EVAKA[0], EVAKA[1], EVAKA[2])
    if src is None:
        raise SystemExit(f"error: {EVAKA[2]} not found in the eVaka clone")
    for m in re.finditer(r"(\w+):\s*\n?\s*'((?:[^'\\\n]|\\.)*)'", src):
        found.append(("evaka-employee", m.group(1), m.group(2).replace("\\'", "'")))
    for name in LUPA_FILES:
        text = show(mirror, LUPAPISTE[0], LUPAPISTE[1], f"resources/i18n/{name}.txt")
        for line in (text or "").splitlines():
            m = LUPA_LINE.match(line)
            if m and m.group(2) == "sv":
                value = re.sub(r"\\(.)", lambda x: " " if x.group(1) == "n" else x.group(1), m.group(3))
                found.append((f"lupapiste-{name}", m.group(1), value))
    return found


def kelly_verbs() -> dict[str, set[str]]:
    kinds = {}
    for line in (REPO / "selkeys" / "data" / "sv_kelly.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, _, pos = line.split("\t")
            kinds[lemma] = set(pos.split(","))
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    corpus = re.sub(r"\s+", " ", " ".join(p.read_text(encoding="utf-8")
                                          for p in sorted((REPO / "corpus" / "real" / "docs" / "sv").glob("*.md"))))
    kelly = kelly_verbs()

    def verb_like(word: str) -> bool:
        w = word.lower()
        return any("verb" in kelly.get(lemma, ()) for lemma in (w, w + "a"))

    sentences, seen = [], set()
    for source, key, value in strings(args.mirror):
        value = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", value)).strip()
        if "{" in value or "$" in value or len(value.split()) < 4 or not value[:1].isupper():
            continue
        for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", value):
            s = s.strip()
            n = len(s.split())
            if n < 4 or n > 30 or s in seen or s in corpus or not s[:1].isupper():
                continue
            if not re.search(r"[.!?:]$", s) and n < 6:
                continue
            seen.add(s)
            first = re.match(r"[\wåäöÅÄÖ-]+", s)
            sentences.append({"source": source, "key": key, "text": s, "imp": bool(first and verb_like(first.group(0)))})
    random.Random(20260101).shuffle(sentences)

    def pick(pool: list[dict], n_evaka: int, n_lupa: int) -> list[dict]:
        evaka = [s for s in pool if s["source"] == "evaka-employee"][:n_evaka]
        return evaka + [s for s in pool if s["source"] != "evaka-employee"][:n_lupa]

    chosen = pick([s for s in sentences if s["imp"]], 50, 32) + pick([s for s in sentences if not s["imp"]], 42, 34)
    for s in chosen:
        print(json.dumps({k: s[k] for k in ("source", "key", "text")}, ensure_ascii=False))


if __name__ == "__main__":
    main()
