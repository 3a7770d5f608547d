"""Suppression comments: which findings they hide and which of them hid nothing. The engine
sweeps once over source order (a hostile file may hold 100,000 directives); here a plain
reading of the rules, one finding against every directive, checks it on random documents."""

from __future__ import annotations

import random

from selkeys.model import Directive, Document, Finding, Severity
from selkeys.suppress import UNUSED_CODE, apply_suppressions

CODES = ["FI-ABBR-001", "FI-ABBR-002", "FI-WORD-001", "SV-LONG-001"]
NAMED = CODES + ["FI-ABBR", "FI", "SV-", "XX"]


def _plain(doc: Document, findings: list[Finding]) -> tuple[list[tuple], list[int]]:
    """(kept findings, starts of the directives that hid nothing), by the rules as README states them."""
    lines = doc.source.split("\n")
    ordered = sorted(doc.directives, key=lambda d: d.src_start)
    spans = []  # (directive, start, end, line covered or None)
    for i, d in enumerate(ordered):
        if d.action == "disable":
            end = len(doc.source)
            for later in ordered[i + 1:]:
                if later.action == "enable" and (not later.codes or not d.codes or set(later.codes) & set(d.codes)):
                    end = later.src_start
                    break
            spans.append((d, d.src_end, end, None))
        elif d.action == "disable-next-line":
            target = doc.line_col(d.src_end)[0] + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            spans.append((d, 0, 0, target))
    used, kept = set(), []
    for f in findings:
        hiding = [i for i, (d, start, end, line) in enumerate(spans)
                  if (not d.codes or any(f.code.startswith(c) for c in d.codes))
                  and (f.line == line if line is not None else start <= f.start < end)]
        used.update(hiding)
        if not hiding:
            kept.append((f.code, f.start))
    return kept, sorted(d.src_start for i, (d, *_) in enumerate(spans) if i not in used)


def _random_case(rng: random.Random) -> tuple[Document, list[Finding]]:
    source = "\n".join(rng.choice(["", "", "  ", "teksti rivi", "toinen rivi"]) for _ in range(rng.randint(1, 25)))
    directives = []
    for _ in range(rng.randint(0, 8)):
        start = rng.randint(0, len(source))
        directives.append(Directive(rng.choice(["disable", "enable", "disable-next-line"]),
                                    tuple(rng.sample(NAMED, rng.randint(0, 2))), "", start,
                                    min(len(source), start + rng.randint(0, 4))))
    doc = Document(path="a.md", source=source, format="markdown", blocks=[], directives=directives)
    findings = []
    for _ in range(rng.randint(0, 15)):
        start = rng.randint(0, len(source))
        line, column = doc.line_col(start)
        findings.append(Finding(code=rng.choice(CODES), name="x", severity=Severity.WARNING, category="x",
                                message="x", start=start, end=start, line=line, column=column, end_line=line,
                                end_column=column, matched="", lang="fi"))
    return doc, sorted(findings, key=lambda f: (f.start, f.code))


def test_the_sweep_hides_what_the_plain_reading_hides():
    rng = random.Random(18)
    for _ in range(3000):
        doc, findings = _random_case(rng)
        expected_kept, expected_unused = _plain(doc, findings)
        result = apply_suppressions(doc, findings, "fi", "fi")
        assert sorted((f.code, f.start) for f in result if f.code != UNUSED_CODE) == sorted(expected_kept)
        assert sorted(f.start for f in result if f.code == UNUSED_CODE) == expected_unused


def test_many_directives_are_handled_in_one_pass():
    """20,000 open regions, each naming another code, over 20,000 findings: the plain reading
    would make 400 million comparisons."""
    n = 20_000
    source = "x\n" * (2 * n)
    directives = [Directive("disable", (f"FI-Q-{i}",), "", 2 * i, 2 * i + 1) for i in range(n)]
    doc = Document(path="a.md", source=source, format="markdown", blocks=[], directives=directives)
    findings = [Finding(code="FI-ABBR-001", name="x", severity=Severity.WARNING, category="x", message="x",
                        start=2 * i, end=2 * i + 1, line=i + 1, column=1, end_line=i + 1, end_column=2, matched="",
                        lang="fi") for i in range(n, 2 * n)]
    result = apply_suppressions(doc, findings, "fi", "fi")
    assert sum(f.code == "FI-ABBR-001" for f in result) == n
    assert sum(f.code == UNUSED_CODE for f in result) == n
