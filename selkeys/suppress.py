"""Inline suppressions: drop findings inside disabled regions and report unused directives.

Linear in findings and directives together (a sweep over source order with regions indexed by
the code prefixes they name), since a hostile file can hold a hundred thousand directives as
easily as a real one holds three.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

from selkeys.messages import text
from selkeys.model import Directive, Document, Finding, Severity

UNUSED_CODE = "SK-META-001"


@dataclass(slots=True, eq=False)  # compared and hashed by identity: regions live in sets
class _Region:
    directive: Directive
    start: int
    end: int
    used: bool = False

    @property
    def prefixes(self) -> tuple[str, ...]:
        """The code prefixes it hides ("" for a directive that names no code: every code)."""
        return self.directive.codes or ("",)


@dataclass(slots=True)
class _InForce:
    """Regions in force, by the prefixes they name, and which of those have hidden nothing
    yet: a finding looks up only its own code's prefixes, and each region is marked used once."""

    count: Counter = field(default_factory=Counter)
    unused: dict[str, set[_Region]] = field(default_factory=dict)

    def add(self, region: _Region) -> None:
        for prefix in region.prefixes:
            self.count[prefix] += 1
            if not region.used:
                self.unused.setdefault(prefix, set()).add(region)

    def remove(self, region: _Region) -> None:
        for prefix in region.prefixes:
            self.count[prefix] -= 1
            self.unused.get(prefix, set()).discard(region)

    def hides(self, code: str) -> bool:
        hidden = False
        for k in range(len(code) + 1):
            prefix = code[:k]
            if self.count[prefix] > 0:
                hidden = True
                for region in self.unused.pop(prefix, ()):
                    region.used = True
        return hidden


def _regions(doc: Document) -> tuple[list[_Region], dict[int, _InForce], list[_Region]]:
    """Disable/enable ranges, next-line regions keyed by the line they cover, and all regions
    in directive order (for reporting the unused ones)."""
    ranges: list[_Region] = []
    next_line: dict[int, _InForce] = {}
    every: list[_Region] = []
    open_any: set[_Region] = set()  # open regions that name no code
    open_by_code: dict[str, set[_Region]] = {}
    lines = doc.source.split("\n")
    next_text_line = [0] * (len(lines) + 2)  # per line (1-based): the first non-blank line from it on
    following = len(lines) + 1
    for number in range(len(lines), 0, -1):
        if lines[number - 1].strip():
            following = number
        next_text_line[number] = following
    next_text_line[len(lines) + 1] = len(lines) + 1

    def close(region: _Region, at: int) -> None:
        region.end = at
        open_any.discard(region)
        for code in region.directive.codes:
            open_by_code[code].discard(region)

    for d in sorted(doc.directives, key=lambda d: d.src_start):
        if d.action == "disable":
            region = _Region(d, d.src_end, len(doc.source))
            ranges.append(region)
            every.append(region)
            if d.codes:
                for code in d.codes:
                    open_by_code.setdefault(code, set()).add(region)
            else:
                open_any.add(region)
        elif d.action == "enable":
            # an enable without codes ends every open region; one with codes ends those that
            # name one of them, and those that name no code
            closing = set(open_any)
            if d.codes:
                for code in d.codes:
                    closing |= open_by_code.get(code, set())
            else:
                closing |= {r for regions in open_by_code.values() for r in regions}
            for region in closing:
                close(region, d.src_start)
        else:
            line, _ = doc.line_col(d.src_end)
            region = _Region(d, d.src_end, d.src_end)
            every.append(region)
            next_line.setdefault(next_text_line[min(line + 1, len(lines) + 1)], _InForce()).add(region)
    return ranges, next_line, every


def apply_suppressions(doc: Document, findings: list[Finding], doc_lang: str | None,
                       message_lang: str, report_unused: bool = True) -> list[Finding]:
    """``findings`` without those inside disabled regions, plus one SK-META-001 finding per
    directive that hid nothing (about the document in ``doc_lang``, told in ``message_lang``),
    unless ``report_unused`` is off (``--ignore SK-META``, like any rule code)."""
    if not doc.directives:
        return findings
    ranges, next_line, every = _regions(doc)
    ranges.sort(key=lambda r: r.start)
    in_force = _InForce()
    ending: list[tuple[int, int, _Region]] = []  # heap of (end, order, region) in force
    waiting = 0  # ranges[waiting:] have not started yet
    kept = []
    for finding in sorted(findings, key=lambda f: f.start):
        while waiting < len(ranges) and ranges[waiting].start <= finding.start:
            region = ranges[waiting]
            if region.end > region.start:
                in_force.add(region)
                heapq.heappush(ending, (region.end, waiting, region))
            waiting += 1
        while ending and ending[0][0] <= finding.start:
            in_force.remove(heapq.heappop(ending)[2])
        on_line = next_line.get(finding.line)
        hidden_by_line = on_line.hides(finding.code) if on_line else False
        if not in_force.hides(finding.code) and not hidden_by_line:
            kept.append(finding)
    for region in every:
        if region.used or not report_unused:
            continue
        d = region.directive
        line, col = doc.line_col(d.src_start)
        end_line, end_col = doc.line_col(d.src_end)
        kept.append(Finding(
            code=UNUSED_CODE, name="unused-suppression", severity=Severity.WARNING, category="meta",
            message=text("suppress.unused", message_lang), start=d.src_start, end=d.src_end,
            line=line, column=col, end_line=end_line, end_column=end_col,
            matched=doc.source[d.src_start:d.src_end], lang=doc_lang,
        ))
    return sorted(kept, key=lambda f: (f.start, f.code))
