"""Voikko's analyses read straight from its C functions are the binding's, attribute for attribute."""

from __future__ import annotations

import libvoikko

from selkeys.analysis.voikko_calls import USED, VoikkoCalls

WORDS = ["kunta", "Kunnan", "myönnettävät", "esim.", "työpaikkaruokailussa", "epäselvä", "juoksentelu",
         "rekisteröidyttyään", "hän", "ei", "ole", "xqzv", "", "tv-ohjelma", "Helsinki", "a\0b", "3.", "mcintyre"]


class _OnlyPublic:
    """A binding that keeps its library to itself: VoikkoCalls then uses its public methods."""

    def __init__(self, voikko) -> None:
        self.analyze, self.getHyphenationPattern = voikko.analyze, voikko.getHyphenationPattern


def test_same_analyses_and_hyphenation_as_the_binding():
    voikko = libvoikko.Voikko("fi")
    for calls in (VoikkoCalls(voikko), VoikkoCalls(_OnlyPublic(voikko))):
        for word in WORDS:
            expected = [{k: v for k, v in a.items() if k in USED} for a in voikko.analyze(word)]
            assert calls.analyses(word) == expected, word
            assert calls.hyphenation(word) == voikko.getHyphenationPattern(word), word
