"""How a rewrite changed a text: its score per language, and which findings it resolved,
which remain and which it brought in. The playground's before/after mode and `selkeys diff`
both show this.

A finding of the original and one of the rewrite are the same problem when they have the
same rule code and the same matched words (case and spacing aside). A rule that matches a
whole sentence (a long sentence) matches different words once the sentence is edited, so
findings left over after exact pairing are paired by code when their words are still
mostly alike: shortening a long sentence a little does not "resolve" it.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from selkeys.lint import FileResult
from selkeys.model import Finding
from selkeys.score import Score

# leftover findings of one rule are the same problem when their words are this much alike
SIMILAR = 0.6


@dataclass(slots=True)
class FindingDiff:
    resolved: list[Finding] = field(default_factory=list)  # in the original only
    remaining: list[tuple[Finding, Finding]] = field(default_factory=list)  # (original, rewrite)
    new: list[Finding] = field(default_factory=list)  # in the rewrite only


@dataclass(frozen=True, slots=True)
class ScoreChange:
    lang: str
    before: Score | None  # None: no text in this language in that version
    after: Score | None

    @property
    def change(self) -> int | None:
        """Points gained, between the rounded scores a user sees (so 61 -> 63 reads +2)."""
        if self.before is None or self.after is None:
            return None
        return round(self.after.value) - round(self.before.value)


def score_changes(before: FileResult, after: FileResult) -> list[ScoreChange]:
    """One entry per language found in either version, the main language first."""
    langs = dict.fromkeys([*before.by_language, *after.by_language])
    out = []
    for lang in langs:
        old, new = before.by_language.get(lang), after.by_language.get(lang)
        out.append(ScoreChange(lang, old.score if old else None, new.score if new else None))
    return out


def _words(finding: Finding) -> str:
    return " ".join(finding.matched.casefold().split())


def diff_findings(before: list[Finding], after: list[Finding]) -> FindingDiff:
    """Pair the findings of two versions of a text (both lists in text order)."""
    diff = FindingDiff()
    exact: dict[tuple[str, str], deque[int]] = defaultdict(deque)
    for i, new in enumerate(after):
        exact[(new.code, _words(new))].append(i)
    paired: dict[int, Finding] = {}  # index in ``after`` -> its original
    leftover: list[Finding] = []
    for old in before:
        same = exact.get((old.code, _words(old)))
        if same:
            paired[same.popleft()] = old
        else:
            leftover.append(old)
    by_code: dict[str, list[int]] = defaultdict(list)
    for i, new in enumerate(after):
        if i not in paired:
            by_code[new.code].append(i)
    for old in leftover:
        match = _similar(old, by_code[old.code], after)
        if match is None:
            diff.resolved.append(old)
        else:
            paired[match] = old
    diff.remaining = [(paired[i], after[i]) for i in sorted(paired)]
    diff.new = [new for i, new in enumerate(after) if i not in paired]
    return diff


def _similar(old: Finding, candidates: list[int], after: list[Finding]) -> int | None:
    """Remove and return the first candidate whose words are mostly those of ``old``."""
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(_words(old))
    for position, i in enumerate(candidates):
        matcher.set_seq1(_words(after[i]))
        if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
            return candidates.pop(position)
    return None
