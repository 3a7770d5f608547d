"""Build selkeys/data/fi_lemma_freq.tsv: Zipf frequency per Finnish base form.

wordfreq counts surface forms; Finnish inflects, so one lemma's frequency is spread over
dozens of forms. This script sums wordfreq's frequencies of the most common forms onto their
Voikko base forms (an ambiguous form's frequency is split evenly between its readings) and
keeps lemmas with Zipf >= 2.5 (rarer ones are all "rare" to the metric anyway). Run with the dev extras installed:

    python scripts/build_lemma_freq.py

Data: wordfreq 3.x (Robyn Speer et al.), CC BY-SA 4.0; the output file carries that notice.
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

import wordfreq

from selkeys.analysis.finnish import finnish_analyzer

TOP_FORMS = 250_000
MIN_ZIPF = 2.5
OUT = Path(__file__).resolve().parent.parent / "selkeys" / "data" / "fi_lemma_freq.tsv"


def main() -> None:
    analyzer = finnish_analyzer()
    totals: dict[str, float] = defaultdict(float)
    for i, form in enumerate(wordfreq.iter_wordlist("fi", wordlist="best")):
        if i >= TOP_FORMS:
            break
        freq = wordfreq.word_frequency(form, "fi", wordlist="best")
        lemmas = {r.lemma.lower() for r in analyzer.readings(form)} or {form}
        for lemma in lemmas:
            totals[lemma] += freq / len(lemmas)
    rows = sorted(((lemma, math.log10(f * 1e9)) for lemma, f in totals.items()), key=lambda r: -r[1])
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# Finnish base-form frequencies (Zipf scale) summed from wordfreq surface forms.\n")
        out.write("# Built by scripts/build_lemma_freq.py. Source data: wordfreq, CC BY-SA 4.0\n")
        out.write("# (https://github.com/rspeer/wordfreq); this derived list is shared under CC BY-SA 4.0.\n")
        for lemma, zipf in rows:
            if zipf >= MIN_ZIPF and "\t" not in lemma:
                out.write(f"{lemma}\t{zipf:.2f}\n")
    print(f"wrote {OUT} ({sum(1 for r in rows if r[1] >= MIN_ZIPF)} lemmas)")


if __name__ == "__main__":
    main()
