"""Measure Hunspell's Swedish stems as lemmas on UD Swedish-Talbanken test (gold tokens).

The Swedish issue asked to use whichever lemma source measures best: simplemma, the trained
lemmatizer or Hunspell (Debian's hunspell-sv has the Finland-Swedish sv_FI dictionary).
Hunspell is not a dependency of selkeys, so this check needs, once:

    apt-get install hunspell-sv libhunspell-dev && .venv/bin/pip install hunspell
    .venv/bin/python training/sv/compare_hunspell.py [--dictionary sv_FI|sv_SE]

It prints exact-match accuracy of the first stem, and of an oracle that picks the right stem
whenever Hunspell offers it (an upper bound for any disambiguation on top).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conllu import read_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", default="sv_FI", help="Hunspell dictionary name (default sv_FI)")
    parser.add_argument("--test", type=Path,
                        default=Path("/work/shared/data/ud-sv/talbanken-sv_talbanken-ud-test.conllu"))
    args = parser.parse_args()
    try:
        import hunspell
    except ImportError:
        sys.exit("needs the hunspell module: see this script's docstring")
    base = Path("/usr/share/hunspell") / args.dictionary
    checker = hunspell.HunSpell(f"{base}.dic", f"{base}.aff")
    total = first = oracle = unknown = 0
    for sentence in read_sentences(args.test):
        for row in sentence.rows:
            word, gold = row[1], row[2]
            stems = [s.decode("utf-8", "replace") for s in checker.stem(word)]
            total += 1
            unknown += not stems
            guess = stems[0] if stems else word.lower()
            first += guess == gold
            oracle += gold in stems or (not stems and word.lower() == gold)
    print(f"Hunspell {args.dictionary} on {args.test.name} ({total} tokens): first stem {first / total:.4f}, "
          f"oracle over stems {oracle / total:.4f}, no stem for {unknown / total:.1%} of tokens")


if __name__ == "__main__":
    main()
