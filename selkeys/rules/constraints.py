"""Token constraints from rule YAML, compiled once into predicates.

A token matches when one of its readings satisfies every reading constraint (``readings: any``,
the default) or when all of them do (``readings: all``, for forms whose other readings are
common innocent words: "omaa" is far more often *oma* than *omata*).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from selkeys.analysis.compounds import familiar_words
from selkeys.analysis.tokens import Reading, Token, plausible_readings

_READING_ATTRS = ("pos", "case", "mood", "participle", "person", "number", "negative", "derivation", "voice", "tense",
                  "verbform", "definite")


def _as_set(value: Any) -> frozenset[str]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(str(v) for v in value)
    return frozenset({str(value)})


class TokenMatcher:
    """Predicate over one token, plus the lemma set it can be indexed by."""

    __slots__ = ("lemmas", "lowers", "gap", "skip", "_reading_checks", "_text", "_not", "_all", "_alternatives")

    def __init__(self, spec: dict[str, Any], default_readings: str = "any") -> None:
        # any: [spec, ...] — one of several token shapes ("suoritetaan" or "suoritettava"); the
        # element is indexed by the union of their lemmas when every alternative names some
        self._alternatives = tuple(TokenMatcher(alt, default_readings) for alt in spec.get("any", ()))
        self.lemmas = frozenset(s.lower() for s in _as_set(spec["lemma"])) if "lemma" in spec else None
        if self._alternatives and self.lemmas is None and all(a.lemmas for a in self._alternatives):
            self.lemmas = frozenset().union(*(a.lemmas for a in self._alternatives))
        self.lowers = frozenset(s.lower() for s in _as_set(spec["lower"])) if "lower" in spec else None
        self.gap = int(spec.get("gap", 0))
        # skip: what the words a gap passes over must be (None: any word or number)
        self.skip = TokenMatcher(spec["skip"], default_readings) if "skip" in spec else None
        checks: list[Callable[[Reading], bool]] = []
        if self.lemmas is not None:
            lemmas = self.lemmas
            checks.append(lambda r: r.lemma.lower() in lemmas)
        if "head" in spec:
            heads = frozenset(s.lower() for s in _as_set(spec["head"]))
            checks.append(lambda r: r.head.lower() in heads)
        for attr in _READING_ATTRS:
            if attr in spec:
                allowed = _as_set(spec[attr])
                if attr == "case" and "gen" in allowed and "nom" not in allowed:
                    # a Finnish form with a possessive suffix is nominative and genitive alike
                    # ("sairautensa johdosta", "lapsensa puolesta"); Voikko reads it as the nominative
                    checks.append(lambda r, allowed=allowed: r.case in allowed
                                  or (r.case == "nom" and r.possessive is not None))
                else:
                    checks.append(lambda r, a=attr, allowed=allowed: getattr(r, a) in allowed)
        if "possessive" in spec:
            want = spec["possessive"]
            if isinstance(want, bool):
                checks.append(lambda r, w=want: (r.possessive is not None) == w)
            else:
                allowed = _as_set(want)
                checks.append(lambda r: r.possessive in allowed)
        if "min_parts" in spec:
            checks.append(lambda r, n=int(spec["min_parts"]): len(r.parts) >= n)
        if "min_words" in spec:
            checks.append(lambda r, n=int(spec["min_words"]): len(r.parts) >= n and familiar_words(r.parts) >= n)
        for flag in ("action_noun", "privative"):
            if flag in spec:
                checks.append(lambda r, f=flag, w=bool(spec[flag]): getattr(r, f) == w)
        self._reading_checks = tuple(checks)
        self._text = re.compile(str(spec["text"]), re.I) if "text" in spec else None
        self._not = TokenMatcher(spec["not"]) if "not" in spec else None
        self._all = spec.get("readings", default_readings) == "all"

    def reading_ok(self, reading: Reading) -> bool:
        return all(check(reading) for check in self._reading_checks)

    def __call__(self, token: Token) -> bool:
        if token.kind != "word":
            return False
        if self.lowers is not None and token.text.lower() not in self.lowers:
            return False
        if self._text is not None and not self._text.fullmatch(token.text):
            return False
        if self._alternatives and not any(alt(token) for alt in self._alternatives):
            return False
        if self._reading_checks:
            readings = token.readings
            if not readings:
                return False
            if self._all:
                # "Hakemusta voi muokata": not the stray compound "hake" + "musta" in the nominative
                readings = plausible_readings(readings)
                if not all(self.reading_ok(r) for r in readings):
                    return False
            elif not any(self.reading_ok(r) for r in readings):
                return False
        return not (self._not is not None and self._not(token))
