"""Build the Swedish word-difficulty data shipped in selkeys/data/.

* sv_kelly.tsv: lemma -> CEFR level (A1..C2) and parts of speech from the Swedish Kelly list
  (Språkbanken, Volodina et al. 2014; CC BY 4.0), read from ../shared/data/kelly-sv/sv.csv.
  Where a lemma appears with several levels (different parts of speech), the easiest level
  is kept: a reader who knows the word in one sense is not stopped by its form.
* sv_word_freq.tsv: Zipf frequency of Swedish word forms from wordfreq (CC BY-SA 4.0),
  forms with Zipf >= 2.5. Swedish inflects little, so forms are used as they are.

Run with the dev extras installed: python scripts/build_sv_data.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import wordfreq

REPO = Path(__file__).resolve().parent.parent
KELLY = REPO.parent / "shared" / "data" / "kelly-sv" / "sv.csv"
DATA = REPO / "selkeys" / "data"
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
MIN_ZIPF = 2.5


def build_kelly() -> int:
    best: dict[str, str] = {}
    kinds: dict[str, set[str]] = {}
    with KELLY.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lemma, level = row["Lemma"].strip().lower(), row["CEFR Level"].strip()
            if not lemma or level not in LEVELS or "\t" in lemma:
                continue
            if lemma not in best or LEVELS.index(level) < LEVELS.index(best[lemma]):
                best[lemma] = level
            kinds.setdefault(lemma, set()).add(row["POS"].strip().split("-")[0] or "other")
    with (DATA / "sv_kelly.tsv").open("w", encoding="utf-8") as out:
        out.write("# Swedish Kelly list (Språkbanken Text, University of Gothenburg; Volodina et al. 2014),\n")
        out.write("# CC BY 4.0. Lemma, CEFR level, parts of speech; built by scripts/build_sv_data.py.\n")
        for lemma in sorted(best):
            out.write(f"{lemma}\t{best[lemma]}\t{','.join(sorted(kinds[lemma]))}\n")
    return len(best)


def build_freq() -> int:
    count = 0
    with (DATA / "sv_word_freq.tsv").open("w", encoding="utf-8") as out:
        out.write("# Swedish word-form frequencies (Zipf scale) from wordfreq (Robyn Speer et al.),\n")
        out.write("# CC BY-SA 4.0; this derived list is shared under CC BY-SA 4.0. scripts/build_sv_data.py\n")
        for form in wordfreq.iter_wordlist("sv", wordlist="best"):
            zipf = wordfreq.zipf_frequency(form, "sv", wordlist="best")
            if zipf < MIN_ZIPF:
                break
            if "\t" not in form:
                out.write(f"{form}\t{zipf:.2f}\n")
                count += 1
    return count


if __name__ == "__main__":
    print(f"sv_kelly.tsv: {build_kelly()} lemmas; sv_word_freq.tsv: {build_freq()} forms")
