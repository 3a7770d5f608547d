"""What a rule flags in its own bad examples, for naming the rule by what it catches.

A rule is shown to people by its message with the words it flags in its first bad example
quoted ("”suorittaa maksun”: verbi on piilotettu substantiiviin. …"), never by its internal
slug: several rules share a message template (four nominal-style rules say "the verb is
hidden in a noun"), and the flagged words are what tells them apart, in any message language.
An exercise made from a bad example is named by the message its passage gets, words and
numbers included.

Finding them means linting the example with the rule alone: quick, and remembered for the
life of the process, so a handbook or an exercise list pays for it once.
"""

from __future__ import annotations

import re

from selkeys.config import Config
from selkeys.lint import Linter
from selkeys.model import Finding
from selkeys.readers import read_bytes
from selkeys.rules.schema import Rule

_MAX_WORDS = 6  # a long sentence or a participle chain is quoted by its start
_FIRST: dict[tuple[str, str, str, str], Finding | None] = {}


def _shorten(words: str) -> str:
    parts = words.split()
    return " ".join(parts) if len(parts) <= _MAX_WORDS else " ".join(parts[:_MAX_WORDS]) + " …"


def first_finding(rule: Rule, example: str, lang: str) -> Finding | None:
    """What ``rule`` reports first in ``example``, told in ``lang``; None when it reports
    nothing there or needs deep mode's optional parser."""
    key = (rule.code, rule.lang, lang, example)
    if key not in _FIRST:
        _FIRST[key] = None if rule.kind == "syntax" else _lint(rule, example, lang)
    return _FIRST[key]


def _lint(rule: Rule, example: str, lang: str) -> Finding | None:
    profile = "plain" if "plain" in rule.profiles else rule.profiles[0]
    doc = read_bytes(example.encode("utf-8"), "example.txt", "text")
    config = Config(profile=profile, message_lang=lang)
    result = Linter([rule], sentence_scores=False).lint_document(doc, config, rule.lang)
    return next((f for f in result.findings if f.code == rule.code), None)


def _elided(message: str) -> str:
    return re.sub(r"\{\w+\}", "…", message)


def about(rule: Rule, example: str, lang: str) -> str:
    """What ``rule`` says about ``example`` in ``lang``: the message a reader of that passage
    gets, its words and numbers included (the rule's template when it says nothing there)."""
    finding = first_finding(rule, example, lang)
    return finding.message if finding is not None else _elided(rule.message_for(lang))


def title(rule: Rule, lang: str) -> str:
    """The rule named by what it catches, in ``lang``: its message with the words it flags in
    its first bad example (shortened) and its numbers elided, as true of the rule as of that example."""
    finding = first_finding(rule, rule.examples_bad[0], lang)
    words = {"matched": _shorten(finding.matched)} if finding is not None else {}
    return _elided(rule.message_for(lang, **words))
