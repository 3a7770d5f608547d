"""Voikko's word analyses and hyphenation patterns, read straight from its C functions.

The Python binding's ``Voikko.analyze`` turns every attribute of every analysis into a dict
entry, one foreign call each, and its hyphenation call converts the pattern twice; for the
~30,000 distinct forms of a large text that wrapping cost about as much as Voikko's own
analysis. These calls use the C functions that the binding has loaded (the same library,
handle and settings) and fetch only the attributes that :mod:`selkeys.analysis.finnish`
reads; what they return is what the binding returns, less the other attributes. Should a
future binding not expose its library, its own methods are used.
"""

from __future__ import annotations

from collections.abc import Callable
from ctypes import POINTER, c_char_p, c_void_p, c_wchar_p, string_at

# the attributes the analyser reads (selkeys.analysis.finnish._reading)
USED = ("CLASS", "BASEFORM", "MOOD", "WORDBASES", "STRUCTURE", "SIJAMUOTO", "NUMBER", "TENSE", "PERSON",
        "NEGATIVE", "PARTICIPLE", "POSSESSIVE")
_USED_KEYS = {name.encode("ascii"): name for name in USED}


def _function(lib, name: str, argtypes: list, restype) -> Callable:
    """A function of the C library typed for this module, without changing the binding's own
    (``lib[name]`` is a new function object; ``lib.name`` is the binding's)."""
    function = lib[name]
    function.argtypes, function.restype = argtypes, restype
    return function


class VoikkoCalls:
    """``analyses(word)`` and ``hyphenation(word)`` of one ``libvoikko.Voikko`` instance,
    which must be kept alive as long as this is used (it owns the handle)."""

    def __init__(self, voikko) -> None:
        lib, handle = getattr(voikko, "_Voikko__lib", None), getattr(voikko, "_Voikko__handle", None)
        if lib is None or not handle:
            self.analyses, self.hyphenation = self._binding_analyses(voikko), voikko.getHyphenationPattern
            return
        analyze = _function(lib, "voikkoAnalyzeWordUcs4", [c_void_p, c_wchar_p], POINTER(c_void_p))
        keys = _function(lib, "voikko_mor_analysis_keys", [c_void_p], POINTER(c_char_p))
        value = _function(lib, "voikko_mor_analysis_value_ucs4", [c_void_p, c_char_p], c_wchar_p)
        free = _function(lib, "voikko_free_mor_analysis", [POINTER(c_void_p)], None)
        hyphenate = _function(lib, "voikkoHyphenateUcs4", [c_void_p, c_wchar_p], c_void_p)
        free_text = _function(lib, "voikkoFreeCstr", [c_void_p], None)
        used = _USED_KEYS

        def analyses(word: str) -> list[dict[str, str]]:
            if "\0" in word:  # as the binding: a NUL would end the word early in C
                return []
            found = analyze(handle, word)
            if not found:
                return []
            result = []
            i = 0
            while found[i]:
                analysis = found[i]
                names = keys(analysis)
                attributes = {}
                j = 0
                while (key := names[j]) is not None:
                    name = used.get(key)
                    if name is not None:
                        attributes[name] = value(analysis, key)
                    j += 1
                result.append(attributes)
                i += 1
            free(found)
            return result

        def hyphenation(word: str) -> str:
            if "\0" in word:
                return " " * len(word)
            pattern = hyphenate(handle, word)
            try:
                return string_at(pattern).decode("ascii")
            finally:
                free_text(pattern)

        self.analyses, self.hyphenation = analyses, hyphenation

    @staticmethod
    def _binding_analyses(voikko) -> Callable[[str], list[dict[str, str]]]:
        def analyses(word: str) -> list[dict[str, str]]:
            return [{k: v for k, v in a.items() if k in USED} for a in voikko.analyze(word)]

        return analyses
