"""Every rule's examples are its specification: each bad one must flag exactly the words it
marks with [[...]] (and its fix must give the sentence it names), good ones must not fire."""

from __future__ import annotations

import pytest

from selkeys.config import Config
from selkeys.rules.schema import RuleError, load_pack_file, load_rules

RULES = load_rules()
BAD = [pytest.param(rule, text, pin, id=f"{rule.code}-bad-{i}")
       for rule in RULES for i, (text, pin) in enumerate(zip(rule.examples_bad, rule.pins))]
GOOD = [pytest.param(rule, text, id=f"{rule.code}-good-{i}")
        for rule in RULES for i, text in enumerate(rule.examples_good)]


def _config(rule) -> Config:
    return Config(profile=rule.profiles[0], deep=rule.kind == "syntax")


@pytest.mark.parametrize("rule, text, pin", BAD)
def test_bad_example_flags_the_marked_words(lint_text, rule, text, pin):
    result = lint_text(text, config=_config(rule), lang=rule.lang)
    flagged = sorted({(f.start, f.end) for f in result.findings if f.code == rule.code})
    wanted = sorted(pin.spans)
    assert flagged == wanted, (f"{rule.code} on {text!r}: flagged {[text[s:e] for s, e in flagged]}, "
                               f"the example marks {[text[s:e] for s, e in wanted]}")
    if pin.fixed is None:
        return
    if rule.fix is not None and rule.fix.safe:
        fixed = text
        for f in sorted((f for f in result.findings if f.code == rule.code), key=lambda f: -f.start):
            replacement = next(s.replacement for s in f.suggestions if s.safe)
            fixed = fixed[:f.start] + replacement + fixed[f.end:]
        assert fixed == pin.fixed, f"{rule.code}: the safe fix gives {fixed!r}, the example expects {pin.fixed!r}"
    again = lint_text(pin.fixed, config=_config(rule), lang=rule.lang)
    assert rule.code not in {f.code for f in again.findings}, f"{rule.code} still fires on the fixed {pin.fixed!r}"


@pytest.mark.parametrize("rule, text", GOOD)
def test_good_example_does_not_fire(lint_text, rule, text):
    result = lint_text(text, config=_config(rule), lang=rule.lang)
    assert rule.code not in [f.code for f in result.findings], f"{rule.code} fired on its good example: {text!r}"


def test_every_rule_has_examples_and_messages():
    assert RULES, "no rules loaded"
    for rule in RULES:
        assert len(rule.examples_bad) >= 3 and len(rule.examples_good) >= 3, rule.code
        assert len(rule.pins) == len(rule.examples_bad), rule.code
        assert set(rule.message) >= {"fi", "sv", "en"}, rule.code
        assert rule.source and rule.why.get("fi") and rule.why.get("en"), rule.code
        if rule.fix is not None and rule.fix.safe:
            assert any(pin.fixed for pin in rule.pins), f"{rule.code}: a safe fix without a fixed example"


_RULE = """
- code: FI-TEST-001
  name: test
  kind: {kind}
  severity: info
  category: words
  {spec}
  message: {{fi: a, sv: b, en: c}}
  why: {{fi: a, en: c}}
  source: test
  examples:
    bad: ["[[omaa]] auton", "[[omaa]] talon", "[[omaa]] koiran"]
    good: ["a", "b", "c"]
"""


@pytest.mark.parametrize("kind, spec, complaint", [
    ("lemma", "lemmas: [omata]\n  where: {case: genitive}", "can never match"),
    ("lemma", "lemmas: [omata]\n  where: {pos: nuon}", "can never match"),
    ("lemma", "lemmas: [ottaa huomioon]", "can never match one token"),
    ("sequence", "tokens: [{lemma: omata}, {lower: [auto], gap: -1}]", "gap"),
    ("lemma", "lemmas: [omata]\n  readings: some", "readings must be any or all"),
    ("pattern", "pattern: 'x*'", "empty string"),
    ("lemma", "lemmas: [omata]\n  where: {action_noun: yes please}", "true or false"),
    ("lemma", "lemmas: [omata]\n  unless_followed_by: {case: gen, last: omaa}", "last is a list of words"),
    ("lemma", "lemmas: [omata]\n  unless_after: {case: gen, window: 4, stop: verb}", "stop is a token shape"),
    ("lemma", "lemmas: [omata]\n  first_use_only: true\n  term_families: [[omata, omistaa]]", "term_families"),
    ("lemma", "lemmas: [omata, omistaa]\n  term_families: [[omata, omistaa]]", "only works with first_use_only"),
    ("lemma", "lemmas: [omata]\n  off_in_list_items: yes please", "off_in_list_items must be true or false"),
    ("lemma", "lemmas: [omata]\n  legal_lemmas: [omistaa]", "legal_lemmas is a list of the rule's lemmas"),
    ("sequence", "tokens: [{lemma: omata}, {lower: [auto]}]\n  legal_lemmas: [omata]", "legal_lemmas"),
    ("lemma", "lemmas: [omata]\n  unless_after: {case: gen, window: 4, stop: {moood: ind}}", "moood"),
])
def test_impossible_specs_fail_at_load_time(kind, spec, complaint):
    with pytest.raises(RuleError, match=complaint):
        load_pack_file("test.yaml", "fi", _RULE.format(kind=kind, spec=spec))


@pytest.mark.parametrize("bad, complaint", [
    ('["omaa auton", "[[omaa]] talon", "[[omaa]] koiran"]', r"must mark the flagged words"),
    ('["[[omaa auton", "[[omaa]] talon", "[[omaa]] koiran"]', r"unbalanced"),
])
def test_bad_examples_must_pin_their_words(bad, complaint):
    text = _RULE.format(kind="lemma", spec="lemmas: [omata]").replace(
        'bad: ["[[omaa]] auton", "[[omaa]] talon", "[[omaa]] koiran"]', f"bad: {bad}")
    with pytest.raises(RuleError, match=complaint):
        load_pack_file("test.yaml", "fi", text)


def test_a_safe_fix_needs_a_fixed_example():
    text = _RULE.format(kind="lemma", spec="lemmas: [omata]\n  fix: {suggest: {fi: a, en: b}, replace: x, safety: safe}")
    with pytest.raises(RuleError, match="fixed"):
        load_pack_file("test.yaml", "fi", text)
