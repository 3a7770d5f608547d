"""How many words a reader has to take apart in a Finnish compound.

Voikko splits a compound into its smallest parts, but a reader does not spell out
"jalka+pallo+maa+joukkue": jalkapallo and maajoukkue are words in their own right, so the
compound reads as two words. Adjacent parts that together make a word common in general
Finnish (the shipped wordfreq list) count as one; "varhais+kasvatus+asiakas+maksu+päätös"
still reads as four (varhaiskasvatus, asiakas, maksu, päätös).
"""

from __future__ import annotations

from functools import lru_cache

from selkeys.analysis.lexicon import zipf_frequencies

FAMILIAR_ZIPF = 3.5
"""A stretch of parts this frequent (about three per million words) reads as one word."""


@lru_cache(maxsize=20_000)
def familiar_words(parts: tuple[str, ...]) -> int:
    """The fewest familiar words the parts can be read as (each part alone is one)."""
    freq = zipf_frequencies("fi")

    def familiar(stretch: tuple[str, ...]) -> bool:
        # "ensi-ilta" is listed with its hyphen, "jalkapallo" without
        return any(freq.get(joiner.join(stretch).lower(), 0.0) >= FAMILIAR_ZIPF for joiner in ("", "-"))

    best = [0] + [len(parts)] * len(parts)
    for end in range(1, len(parts) + 1):
        for start in range(end):
            if end - start == 1 or familiar(parts[start:end]):
                best[end] = min(best[end], best[start] + 1)
    return best[-1]
