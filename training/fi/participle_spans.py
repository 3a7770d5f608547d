"""How well FI-STRUCT-001 finds where a participial attribute begins, on UD Finnish-TDT dev.

The rule walks left from a participle attribute ("...sijaitsevaan putkitettuun ojaan") and
counts the words that sit between the reader and the noun. The treebank's dependency trees
say where the attribute really begins (the leftmost word of the participle's subtree), so the
walk can be checked there: exact start, and whether its length is on the right side of the
rule's limit (the finding stands or falls by that).

    python training/fi/participle_spans.py [--show N]

Uses UD Finnish-TDT **dev** from ../shared/data (CC BY-SA 4.0); TDT test is held out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selkeys.analysis.finnish import finnish_analyzer
from selkeys.analysis.tokens import NUMBERISH, Token
from selkeys.rules.sentence_metrics import modifier_start

TDT_DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "ud-fi" / "tdt-fi_tdt-ud-dev.conllu"
LIMIT = 2  # FI-STRUCT-001 fires when the attribute is longer than this (plain profile)


def sentences(path: Path):
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if rows:
                yield rows
            rows = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                rows.append(cols)
    if rows:
        yield rows


def subtree(rows: list[list[str]], index: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        children.setdefault(int(r[6]) - 1, []).append(i)
    found, todo = {index}, [index]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def tokens_of(rows: list[list[str]]) -> list[Token]:
    analyzer = finnish_analyzer()
    out, pos = [], 0
    for r in rows:
        form = r[1]
        if r[3] == "PUNCT":
            kind, readings = "punct", ()
        elif form[0].isdigit() and NUMBERISH.match(form):
            kind, readings = "number", ()
        else:
            kind, readings = "word", analyzer.readings(form)
        out.append(Token(form, pos, pos + len(form), kind, readings))
        pos += len(form) + 1
    return out


def counted(rows: list[list[str]], start: int, end: int) -> int:
    return sum(1 for r in rows[start:end + 1] if r[3] not in ("PUNCT", "SYM"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many misses")
    args = parser.parse_args(argv)
    total = exact = side = false_over = missed_over = 0
    misses = []
    for rows in sentences(TDT_DEV):
        tokens = None
        for i, r in enumerate(rows):
            head = int(r[6]) - 1
            if r[7] != "acl" or "VerbForm=Part" not in r[5] or head <= i:
                continue
            gold_start = min(j for j in subtree(rows, i) if j <= i)
            tokens = tokens or tokens_of(rows)
            start = modifier_start(tokens, i)
            total += 1
            exact += start == gold_start
            gold_len, got_len = counted(rows, gold_start, i), counted(rows, start, i)
            side += (gold_len > LIMIT) == (got_len > LIMIT)
            false_over += got_len > LIMIT >= gold_len
            missed_over += gold_len > LIMIT >= got_len
            if start != gold_start:
                misses.append((" ".join(x[1] for x in rows[gold_start:i + 2]), " ".join(x[1] for x in rows[start:i + 2])))
    print(f"participle attributes: {total}; start exact: {exact} ({exact / total:.1%}); "
          f"same side of the limit ({LIMIT} words): {side} ({side / total:.1%}); over the limit "
          f"only by the walk (a wrong finding): {false_over}; under it only by the walk (a miss): {missed_over}")
    for gold, got in misses[:args.show]:
        print(f"  gold: {gold}\n  rule: {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
