"""Terms a document defines itself ("Med utvecklingsverksamhet avses …").

A statute's definition section fixes its terms: "utvecklingsverksamhet" defined in 2 § is the
act's word for the thing, and shortening it to "utveckling" elsewhere would change what the act
says. Rules that suggest a shorter word (SV-PAD-001, `unless_defined: true`) leave such a term
alone everywhere in the document; an audit judge called six such findings wrong (round 10).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# "Med X avses", "I denna lag avses med X", "Med X och Y avses" (the first term)
_SWEDISH = re.compile(r"\b[Mm]ed\s+([a-zåäöé-]{6,})\s+(?:\w+\s+){0,3}?avses\b|\bavses\s+(?:i\s+denna\s+\w+\s+)?med\s+([a-zåäöé-]{6,})")
MIN_TERM = 6  # letters: shorter "terms" would match too many words by their start


def defined_terms(texts: Iterable[str]) -> set[str]:
    """The lower-case terms that ``texts`` (a document's blocks) define."""
    terms: set[str] = set()
    for text in texts:
        if "avses" not in text:
            continue
        for match in _SWEDISH.finditer(text):
            terms.add((match.group(1) or match.group(2)).lower())
    return terms


def is_defined(word: str, terms: set[str]) -> bool:
    """Whether ``word`` is one of ``terms`` in some inflected form ("utvecklingsverksamheten")."""
    low = word.lower()
    return any(low.startswith(term) for term in terms if len(term) >= MIN_TERM)
