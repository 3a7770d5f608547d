"""Every rule's examples are its specification: bad ones must fire it, good ones must not."""

from __future__ import annotations

import pytest

from selkeys.config import Config
from selkeys.rules.schema import load_rules

RULES = load_rules()
CASES = [
    pytest.param(rule, text, expected, id=f"{rule.code}-{'bad' if expected else 'good'}-{i}")
    for rule in RULES
    for expected, texts in ((True, rule.examples_bad), (False, rule.examples_good))
    for i, text in enumerate(texts)
]


@pytest.mark.parametrize("rule, text, expected", CASES)
def test_rule_example(lint_text, rule, text, expected):
    config = Config(profile=rule.profiles[0], deep=rule.kind == "syntax")
    result = lint_text(text, config=config, lang=rule.lang)
    codes = [f.code for f in result.findings]
    if expected:
        assert rule.code in codes, f"{rule.code} did not fire on its bad example: {text!r}"
    else:
        assert rule.code not in codes, f"{rule.code} fired on its good example: {text!r}"


def test_every_rule_has_examples_and_messages():
    assert RULES, "no rules loaded"
    for rule in RULES:
        assert len(rule.examples_bad) >= 3 and len(rule.examples_good) >= 3, rule.code
        assert set(rule.message) >= {"fi", "sv", "en"}, rule.code
        assert rule.source and rule.why.get("fi") and rule.why.get("en"), rule.code
