"""The findings that need no Swedish tagger (Linter.findings_without_tagger): what the language
server publishes while the tagger loads must be exactly what the full lint gives for those
rules, so that nothing it shows is taken back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selkeys.analysis.finnish import finnish_analyzer
from selkeys.analysis.swedish import swedish_analyzer
from selkeys.analysis.tokens import AnalyzedBlock
from selkeys.config import Config
from selkeys.lint import BlockCache, Linter
from selkeys.model import Finding
from selkeys.readers import read_bytes
from selkeys.rules.engine import RuleSet, reads_tokens
from selkeys.rules.schema import Rule

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "corpus" / "examples"
REAL = ROOT / "corpus" / "real"
SWEDISH_EXAMPLES = ["foredragningslista-smabarnspedagogik.txt", "meddelande-vattenavbrott-klarsprak.txt",
                    "beslut-bygglov.md", "tiedote-vesikatko-kaksikielinen.html"]  # the last one half Finnish


def _real_swedish_dev() -> list[Path]:
    entries = [json.loads(line) for line in (REAL / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    return [REAL / "docs" / "sv" / f"{e['id']}.md" for e in entries if e["lang"] == "sv" and e["split"] == "dev"]


def _key(finding: Finding) -> tuple:
    return (finding.code, finding.start, finding.end, finding.message, int(finding.severity),
            tuple((s.text, s.safe, s.replacement) for s in finding.suggestions))


def _needs_no_tagger(rule: Rule) -> bool:
    """Written out from the rule's own fields, not from the code under test: a Finnish rule or
    a Swedish one that reads only the text, and not kept or dropped by the whole document's
    address, register or definitions (the default config leaves the register to the document)."""
    decided_by_document = (rule.needs_reader_address or rule.reader_address is not None or rule.off_in_legal_text
                           or bool(rule.spec.get("unless_defined")) or rule.spec.get("metric") == "participle_chain"
                           or "legal_unless_in_sentence" in rule.spec)
    return not decided_by_document and (rule.lang == "fi" or not reads_tokens(rule))


def test_findings_without_the_tagger_are_the_full_findings_of_their_rules(linter):
    """On real Swedish text (the dev half of corpus/real and the example documents, one of
    them bilingual), the early findings are a subset of the full findings, and for each rule
    that needs no tagger they are all of its findings."""
    config = Config()
    early_total = full_total = 0
    paths = _real_swedish_dev() + [EXAMPLES / name for name in SWEDISH_EXAMPLES]
    assert len(paths) > 40
    for path in paths:
        doc = read_bytes(path.read_bytes(), path.name)
        early = linter.findings_without_tagger(doc, config)
        full = linter.lint_document(doc, config).findings
        assert early is not None, path.name
        assert {_key(f) for f in early} <= {_key(f) for f in full}, path.name
        assert [_key(f) for f in early] == [_key(f) for f in full if _needs_no_tagger(linter.by_code[f.code])], path.name
        early_total += len(early)
        full_total += len(full)
    assert 200 < early_total < full_total  # a real share of the findings, but not all of them
    bilingual = read_bytes((EXAMPLES / "tiedote-vesikatko-kaksikielinen.html").read_bytes(), "x.html")
    assert {f.lang for f in linter.findings_without_tagger(bilingual, config)} == {"fi", "sv"}


def test_a_text_without_swedish_needs_no_early_findings(linter):
    doc = read_bytes((EXAMPLES / "esityslista-varhaiskasvatus.txt").read_bytes(), "x.txt")
    assert linter.findings_without_tagger(doc, Config()) is None


def test_a_suppression_of_a_rule_that_needs_the_tagger_is_not_reported_unused_early(linter):
    """Before the tagger has run, a suppression of its rules has hidden nothing yet; reporting
    it unused would be taken back by the full lint."""
    text = ("# Ansökan\n\n<!-- selkeys-disable-next-line SV-WORD-001 -- citat -->\n"
            "Ansökan skall lämnas in senast den 5 maj. Vi erhåller beslutet inom en vecka.\n")
    doc = read_bytes(text.encode(), "a.md")
    full = linter.lint_document(doc, Config()).findings
    assert "SV-WORD-001" not in {f.code for f in full} and "SK-META-001" not in {f.code for f in full}
    assert [f.code for f in linter.findings_without_tagger(doc, Config())] == ["SV-ARCH-001"]


def test_a_block_linted_without_the_tagger_is_not_taken_for_a_linted_one(linter):
    """The early lint keeps its Swedish blocks apart in the BlockCache: a full lint with the
    same cache analyses them and gives what a lint without a cache gives."""
    doc = read_bytes((EXAMPLES / "foredragningslista-smabarnspedagogik.txt").read_bytes(), "x.txt")
    cache = BlockCache()
    early = linter.findings_without_tagger(doc, Config(), cache)
    assert early == linter.findings_without_tagger(doc, Config(), cache)  # from the cache the second time
    assert [_key(f) for f in linter.lint_document(doc, Config(), cache=cache).findings] == \
        [_key(f) for f in Linter().lint_document(doc, Config()).findings]


def _sentences(lang: str, text: str) -> list:
    if lang == "sv":
        return swedish_analyzer().analyze(text)
    analyzer = finnish_analyzer()
    return analyzer.sentences(analyzer.tokenize(text))


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_rules_said_to_read_no_tokens_find_the_same_without_them(linter, lang):
    """reads_tokens decides from a rule's kind and keys; here every rule it calls text-only
    is run on its own examples with and without the analyser's sentences, and must find the
    same. A new pattern key that reads tokens, unless named in reads_tokens, fails here."""
    rules = [r for r in linter.rules if r.lang == lang and not reads_tokens(r)]
    assert len(rules) > 15
    for rule in rules:
        ruleset = RuleSet([rule])
        for example in [*rule.examples_bad, *rule.examples_good]:
            with_tokens, without = ([(h.rule.code, h.start, h.end, h.values)
                                     for h in ruleset.run([AnalyzedBlock(0, lang, "paragraph", example, sentences)])]
                                    for sentences in (_sentences(lang, example), []))
            assert with_tokens == without, (rule.code, example)
