"""Batched tagging (selkeys.lint._tagged_ahead, SwedishAnalyzer.tag_ahead) gives the same
findings as tagging block by block: the batch only changes when the tagger runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from selkeys import lint as lint_module
from selkeys.config import Config
from selkeys.lint import Linter
from selkeys.readers import read_path

REAL = Path(__file__).resolve().parent.parent / "corpus" / "real" / "docs" / "sv"


def _findings(monkeypatch, ahead: int, paths: list[Path]) -> list[tuple]:
    monkeypatch.setattr(lint_module, "TAG_AHEAD", ahead)
    linter, config = Linter(sentence_scores=False), Config(message_lang="en")
    found = []
    for path in paths:
        result = linter.lint_document(read_path(str(path)), config)
        found.append([(f.code, f.block_index, f.start, f.end, f.message) for f in result.findings])
    return found


@pytest.mark.parametrize("ahead", [7, 16])
def test_batched_tagging_changes_no_finding(monkeypatch, ahead):
    paths = sorted(REAL.glob("sv-evaka-*.md"))[:4] + sorted(REAL.glob("sv-law-*.md"))[:2]
    assert len(paths) == 6
    one_by_one = _findings(monkeypatch, 1, paths)
    assert any(one_by_one)
    assert _findings(monkeypatch, ahead, paths) == one_by_one


def test_an_unread_batch_is_not_kept():
    from selkeys.analysis.swedish import swedish_analyzer
    analyzer = swedish_analyzer()
    analyzer.tag_ahead(["Ansökan ska lämnas in.", "Beslutet skickas per post."])
    analyzer.tag_ahead(["Du kan ringa oss."])
    assert list(analyzer._tagged) == ["Du kan ringa oss."]
    analyzer.analyze("Du kan ringa oss.")
    assert not analyzer._tagged
