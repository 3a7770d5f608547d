"""Inline suppressions: drop findings inside disabled regions and report unused directives."""

from __future__ import annotations

from dataclasses import dataclass

from selkeys.messages import text
from selkeys.model import Directive, Document, Finding, Severity

UNUSED_CODE = "SK-META-001"


@dataclass(slots=True)
class _Region:
    directive: Directive
    start: int
    end: int
    first_line: int = 0  # for next-line directives: the line they cover
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if self.directive.codes and not any(finding.code.startswith(c) for c in self.directive.codes):
            return False
        if self.first_line:
            return finding.line == self.first_line
        return self.start <= finding.start < self.end


def _regions(doc: Document) -> list[_Region]:
    regions: list[_Region] = []
    open_regions: list[_Region] = []
    lines = doc.source.split("\n")
    for d in sorted(doc.directives, key=lambda d: d.src_start):
        if d.action == "disable":
            region = _Region(d, d.src_end, len(doc.source))
            regions.append(region)
            open_regions.append(region)
        elif d.action == "enable":
            for region in list(open_regions):
                if not d.codes or set(d.codes) & set(region.directive.codes) or not region.directive.codes:
                    region.end = d.src_start
                    open_regions.remove(region)
        else:
            line, _ = doc.line_col(d.src_end)
            target = line + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            regions.append(_Region(d, d.src_end, d.src_end, first_line=target))
    return regions


def apply_suppressions(doc: Document, findings: list[Finding], doc_lang: str | None,
                       message_lang: str, report_unused: bool = True) -> list[Finding]:
    """``findings`` without those inside disabled regions, plus one SK-META-001 finding per
    directive that hid nothing (about the document in ``doc_lang``, told in ``message_lang``),
    unless ``report_unused`` is off (``--ignore SK-META``, like any rule code)."""
    if not doc.directives:
        return findings
    regions = _regions(doc)
    kept = []
    for finding in findings:
        covering = [r for r in regions if r.covers(finding)]
        for region in covering:
            region.used = True
        if not covering:
            kept.append(finding)
    for region in regions:
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
