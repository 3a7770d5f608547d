"""Precision audit on unseen official text: random statutes and KHO decisions from the Finlex
snapshot that are not in corpus/real, linted, and a random sample of findings judged.

The annotated corpus measures recall and precision on the same few documents every round;
an audit measures precision where nobody has looked yet. Each round draws documents that no
earlier round and no corpus document used, samples findings uniformly at random (so the
shares estimate the whole, not a chosen rule), and keeps the documents, the sample and the
commit it was drawn at in corpus/real/audit/rN/. Judges write verdicts_<lang>.jsonl there
(useful / noise / wrong, as in corpus/real/GUIDE.md). A round measured before any rule was
changed for it is a fresh measurement; after fixes, ``--score`` shows which judged findings
are still reported, an optimistic figure (a changed span is a new, unjudged finding).

    python benchmarks/audit.py --new 4 --mirror /work/.mirror    # draw round 4
    python benchmarks/audit.py --score                            # every round: then and now

Laws and authorities' decisions are outside copyright (Tekijänoikeuslaki 9 §), so the
documents live in the repository with their source path and commit.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

AUDIT = ROOT / "corpus" / "real" / "audit"
LAWS_PER_LANG = 7
DECISIONS_PER_LANG = 6
SAMPLE = 150  # findings per language and round
MIN_PARAGRAPHS = 4
LAW_PARAGRAPHS = 12  # whole sections from the start of the statute, up to this many paragraphs
AMENDMENT = re.compile(r"muuttamisesta|ändring|voimaantulosta|ikraftträdande|kumoamisesta|upphävande")


def _law(brc, snap, path: str):
    root = brc.parse_xml(snap.read(path))
    name = " ".join(brc.clean(t) for t in root.find(".//saa:SaadosNimeke", brc.NS).itertext() if brc.clean(t))
    if AMENDMENT.search(name):  # an amending act is a list of changed sections, not prose
        return None
    seen: set[str] = set()
    blocks: list = []
    for pykala in root.iter(f"{{{brc.SAA}}}Pykala"):
        blocks += brc.keep_prose(brc.section_blocks(pykala), brc.MIN_WORDS_DEFAULT, seen, [])
        if sum(1 for b in blocks if b.kind == "para") >= LAW_PARAGRAPHS:
            break
    return name, blocks


def _decision(brc, snap, path: str):
    root = brc.parse_xml(snap.read(path))
    sections = brc.kho_sections(brc.kho_blocks(root))
    seen: set[str] = set()
    blocks: list = []
    for name, limit in (("summary", 3), (list(sections)[-1], -6)):  # the summary and the conclusion
        blocks += brc.window(brc.keep_prose(sections[name], brc.MIN_WORDS_DEFAULT, seen, []), limit)
    return brc.text_of(root.find("dcterms:title", brc.NS)), blocks


def _markdown(title: str, blocks: list) -> str:
    lines = [f"# {title}", ""]
    for block in blocks:
        if block.kind == "heading":
            lines += ["#" * (block.level + 1) + " " + block.text, ""]
        else:
            lines += [block.text, *(f"- {item}" for item in block.items or ()), ""]
    return "\n".join(lines)


def _used_documents() -> tuple[set[str], set[str]]:
    """Statute numbers and decision paths that the corpus or an earlier round already holds."""
    import build_real_corpus as brc  # noqa: PLC0415

    numbers = {spec.number for spec in brc.LAWS}
    paths = {spec.path for spec in brc.KHO}
    for round_file in AUDIT.glob("r*/round.json"):
        for doc in json.loads(round_file.read_text(encoding="utf-8"))["documents"]:
            (numbers if doc["kind"] == "law" else paths).add(doc["key"])
    return numbers, paths


def draw(number: int, mirror: Path) -> None:
    """Draw round ``number``: documents, then a uniform sample of the findings of this commit."""
    import build_real_corpus as brc  # noqa: PLC0415
    from provenance import git_revision  # noqa: PLC0415

    out = AUDIT / f"r{number}"
    if out.exists():
        raise SystemExit(f"error: {out} exists; a round is drawn once")
    snap = brc.Snapshot(mirror, brc.FINLEX)
    rng = random.Random(number)
    used_numbers, used_paths = _used_documents()

    def listing(prefix: str) -> list[str]:
        return snap._git("ls-tree", "-r", "--name-only", snap.commit, prefix).decode().split()

    documents = []
    for lang in ("fi", "sv"):
        for kind, prefix, wanted, read in (("law", "data/asd", LAWS_PER_LANG, _law),
                                           ("decision", "data/kho", DECISIONS_PER_LANG, _decision)):
            paths = [p for year in range(2005, 2025) for p in listing(f"{prefix}/{lang}/{year}/")]
            rng.shuffle(paths)
            taken = 0
            for path in paths:
                key = f"{int(path[-8:-4])}/{path[-12:-8]}" if kind == "law" else path
                if key in (used_numbers if kind == "law" else used_paths):
                    continue
                try:
                    found = read(brc, snap, path)
                except Exception:  # noqa: BLE001 - an odd file in the snapshot is skipped, not fatal
                    continue
                if found is None or sum(1 for b in found[1] if b.kind == "para") < MIN_PARAGRAPHS:
                    continue
                doc_id = f"{lang}-law-{path[-12:-4]}" if kind == "law" else f"{lang}-kho-{Path(path).stem}"
                documents.append({"id": doc_id, "lang": lang, "kind": kind, "key": key, "path": path,
                                  "title": found[0], "text": _markdown(*found)})
                taken += 1
                if taken == wanted:
                    break
    for doc in documents:
        target = out / "docs" / doc["lang"] / f"{doc.pop('id')}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc.pop("text"), encoding="utf-8")
        doc["file"] = str(target.relative_to(out))
    meta = {"round": number, "commit": git_revision(), "source": {"repo": brc.FINLEX, "commit": snap.commit},
            "licence": "public domain: Tekijänoikeuslaki 9 § (laws and authorities' decisions)",
            "documents": documents}
    (out / "round.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for lang in ("fi", "sv"):
        findings = [f for f in _findings(out, lang)]
        rng.shuffle(findings)
        with open(out / f"sample_{lang}.jsonl", "w", encoding="utf-8") as handle:
            for k, finding in enumerate(findings[:SAMPLE]):
                handle.write(json.dumps({"id": f"{lang}{number}-{k}", **finding}, ensure_ascii=False) + "\n")
        print(f"round {number}, {lang}: {sum(1 for d in documents if d['lang'] == lang)} documents, "
              f"{len(findings)} findings, {min(SAMPLE, len(findings))} sampled for judging")


def _findings(round_dir: Path, lang: str) -> list[dict]:
    import quality  # noqa: PLC0415
    from selkeys.config import Config  # noqa: PLC0415
    from selkeys.lint import Linter  # noqa: PLC0415

    linter, config = Linter(sentence_scores=False), Config(message_lang="en")
    found = []
    for path in sorted((round_dir / "docs" / lang).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        findings, _ = quality.lint_findings(linter, config, path)
        for f in findings:
            start = text.rfind("\n", 0, f["start"]) + 1
            end = text.find("\n", f["end"])
            found.append({"doc": path.stem, "code": f["code"], "matched": f["matched"], "message": f["message"],
                          "suggestion": f["suggestion"], "start": f["start"], "end": f["end"],
                          "paragraph": text[start:end if end >= 0 else len(text)]})
    return found


def _shares(counts: Counter) -> str:
    total = sum(counts.values())
    return " / ".join(f"{counts[v] / total:.0%}" for v in ("useful", "noise", "wrong")) if total else "–"


def score() -> None:
    """Per round and language: the verdicts on the sample as drawn, and on those still reported."""
    print("| round | language | judged | useful / noise / wrong, as drawn | still reported | "
          "useful / noise / wrong, still reported |")
    print("|---|---|---|---|---|---|")
    for round_dir in sorted(AUDIT.glob("r*"), key=lambda p: int(p.name[1:])):
        for lang in ("fi", "sv"):
            verdict_file = round_dir / f"verdicts_{lang}.jsonl"
            if not verdict_file.exists():
                continue
            sample = {json.loads(line)["id"]: json.loads(line)
                      for line in (round_dir / f"sample_{lang}.jsonl").read_text(encoding="utf-8").splitlines()}
            verdicts = [json.loads(line) for line in verdict_file.read_text(encoding="utf-8").splitlines()]
            now = Counter((f["doc"], f["code"], f["start"], f["end"]) for f in _findings(round_dir, lang))
            drawn, kept = Counter(), Counter()
            for v in verdicts:
                finding = sample[v["id"]]
                drawn[v["verdict"]] += 1
                if now[(finding["doc"], finding["code"], finding["start"], finding["end"])]:
                    kept[v["verdict"]] += 1
            print(f"| {round_dir.name} | {lang} | {sum(drawn.values())} | {_shares(drawn)} | "
                  f"{sum(kept.values())} | {_shares(kept)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--new", type=int, metavar="N", help="draw round N")
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"), help="folder of fetched snapshots")
    parser.add_argument("--score", action="store_true", help="report every judged round")
    args = parser.parse_args(argv)
    if args.new is not None:
        draw(args.new, args.mirror)
    if args.score or args.new is None:
        score()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
