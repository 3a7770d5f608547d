"""Course exercises made from the rule packs' bad examples (never written a second time).

Every bad example of a rule is a faulty passage the rule is known to flag (the test suite
runs them all), so it makes an exercise: the participant rewrites it and the page compares
the rewrite with the passage. The model answer shown on request is the rule's good example
closest in wording to the passage, since most packs give a corrected version of a bad
example among the good ones. Each exercise is named by what it is about: the rule's message
with the words it flags in that very passage (four exercises of one rule are four different
entries), in the passage's language unless the participant chose a language.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from selkeys.examples import about
from selkeys.explain import rule_doc
from selkeys.messages import for_text
from selkeys.rules.schema import Rule


def exercises(rules: list[Rule], lang: str, message_lang: str | None = None) -> list[dict]:
    """One exercise per bad example of each rule of ``lang`` that runs without deep mode.

    Naming an exercise lints its passage (selkeys.examples, remembered per process), so call
    this where the engine may run: the playground does it under its engine lock."""
    out = []
    told = for_text(message_lang, lang)
    for rule in rules:
        if rule.lang != lang or rule.kind == "syntax":  # syntax rules need the optional deep parse
            continue
        profile = "plain" if "plain" in rule.profiles else rule.profiles[0]
        doc = rule_doc(rule, told)
        for number, passage in enumerate(rule.examples_bad, start=1):
            out.append({
                "id": f"{rule.code}-{number}",
                "title": about(rule, passage, told),
                "code": rule.code,
                "category": rule.category,
                "lang": rule.lang,
                "profile": profile,
                "text": passage,
                "why": doc.why,
                "why_lang": doc.why_lang,  # packs give the why-text in Finnish and English only
                "example": closest(passage, rule.examples_good),
            })
    return out


def closest(passage: str, candidates: list[str]) -> str:
    """The candidate most alike ``passage`` word for word (the first one on a tie)."""
    words = passage.casefold().split()
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)
    best, best_ratio = candidates[0], -1.0
    for candidate in candidates:
        matcher.set_seq1(candidate.casefold().split())
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best
