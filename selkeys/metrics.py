"""Readability measures per sentence, paragraph and document.

Formulas and where they come from:

* LIX (Björnsson 1968): words/sentences + 100 * words longer than six letters / words.
* OVIX (Hultman & Westman 1977): log(W) / log(2 - log(T)/log(W)), T = distinct word forms.
* Wiio, simplified (Wiio 1968, as in Voikko's readability tool): 2.7 + 30 * share of words whose
  base form has four or more syllables (syllables from Voikko's hyphenator).
* Rare words: share of words whose base form is used under once per million words
  (Zipf < 3.0), from lemma frequencies built from wordfreq (see scripts/build_lemma_freq.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from selkeys.analysis.tokens import AnalyzedBlock, Sentence, Token
from selkeys.rules.sentence_metrics import (
    is_finite_verb,
    is_participle_attribute,
    is_passive_verb,
    is_past_passive_participle,
)

LONG_SENTENCE_WORDS = 15  # Kielitoimiston ohjepankki: sentences over ~15 words deserve a second look
LONG_WORD_LETTERS = 13
RARE_ZIPF = 3.0


@dataclass(slots=True)
class Counts:
    """Additive counts; metrics are derived from them so paragraphs and documents just sum."""

    sentences: int = 0
    words: int = 0
    letters: int = 0
    lix_long: int = 0  # > 6 letters
    long_words: int = 0  # >= 13 letters
    poly_lemmas: int = 0  # base form >= 4 syllables
    compound_parts: int = 0
    finite_verbs: int = 0
    passives: int = 0
    action_nouns: int = 0
    participles: int = 0
    rare: int = 0
    abbreviations: int = 0
    long_sentences: int = 0
    forms: set[str] = field(default_factory=set)

    def add(self, other: "Counts") -> None:
        for name in self.__slots__:
            if name == "forms":
                self.forms |= other.forms
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))


@lru_cache(maxsize=4)
def lemma_frequencies(lang: str) -> dict[str, float]:
    """Zipf frequency per base form, shipped as data (lemma<TAB>zipf)."""
    path = resources.files("selkeys") / "data" / f"{lang}_lemma_freq.tsv"
    if not path.is_file():
        return {}
    freqs: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, _, zipf = line.partition("\t")
            freqs[lemma] = float(zipf)
    return freqs


class MetricCounter:
    """Counts one sentence at a time; needs the analyzer only for syllables."""

    def __init__(self, syllables, lang: str = "fi") -> None:
        self._syllables = syllables
        self._freq = lemma_frequencies(lang)

    def _is_rare(self, tok: Token) -> bool:
        if not self._freq or not tok.readings:
            return False
        for r in tok.readings:
            if r.pos in ("propn", "abbr", "num"):
                return False
            if self._freq.get(r.lemma.lower(), 0.0) >= RARE_ZIPF:
                return False
            if r.parts and all(self._freq.get(p.lower(), 0.0) >= RARE_ZIPF for p in r.parts):
                return False  # a compound of common words is not a rare word
        return True

    def sentence(self, sentence: Sentence) -> Counts:
        c = Counts(sentences=1)
        after_olla = False
        for tok in sentence.tokens:
            if tok.kind != "word":
                after_olla = False
                continue
            word = tok.text
            letters = sum(1 for ch in word if ch.isalpha())
            if not letters:
                continue
            c.words += 1
            c.letters += letters
            c.forms.add(word.lower())
            if letters > 6:
                c.lix_long += 1
            if letters >= LONG_WORD_LETTERS:
                c.long_words += 1
            readings = tok.readings
            if readings:
                first = readings[0]
                lemma = first.lemma if first.pos != "abbr" else word
                if self._syllables(lemma) >= 4:
                    c.poly_lemmas += 1
                c.compound_parts += max(1, len(first.parts))
                if all(r.action_noun for r in readings):
                    c.action_nouns += 1
                if any(r.pos == "abbr" for r in readings):
                    c.abbreviations += 1
            else:
                c.compound_parts += 1
                if self._syllables(word) >= 4:
                    c.poly_lemmas += 1
            if is_finite_verb(tok):
                c.finite_verbs += 1
                if is_passive_verb(tok):
                    c.passives += 1
            elif after_olla and is_past_passive_participle(tok):
                c.passives += 1  # passive perfect: "on myönnetty", "ei ole päätetty"
            after_olla = any(r.lemma in ("olla", "ei") and r.pos in ("verb", "neg") for r in readings)
            if is_participle_attribute(tok):
                c.participles += 1
            if self._is_rare(tok):
                c.rare += 1
        if c.words > LONG_SENTENCE_WORDS:
            c.long_sentences = 1
        return c

    def block(self, block: AnalyzedBlock) -> tuple[Counts, list[Counts]]:
        total = Counts()
        per_sentence = []
        for s in block.sentences:
            counts = self.sentence(s)
            per_sentence.append(counts)
            total.add(counts)
        return total, per_sentence


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def metrics(c: Counts) -> dict[str, float | None]:
    """Named readability measures from counts; None where a measure is undefined."""
    words, sentences = c.words, max(c.sentences, 1)
    types = len(c.forms)
    ovix = None
    if words > 1 and 1 < types < words:
        denominator = math.log(2 - math.log(types) / math.log(words))
        ovix = math.log(words) / denominator if denominator > 0 else None
    return {
        "sentences": c.sentences,
        "words": words,
        "words_per_sentence": _ratio(words, sentences),
        "long_sentence_share": _ratio(c.long_sentences, sentences),
        "lix": _ratio(words, sentences) + 100 * _ratio(c.lix_long, words) if words else 0.0,
        "ovix": ovix,
        "wiio": 2.7 + 30 * _ratio(c.poly_lemmas, words) if words else 0.0,
        "long_word_share": _ratio(c.long_words, words),
        "compound_parts_per_word": _ratio(c.compound_parts, words),
        "passive_share": _ratio(c.passives, c.finite_verbs),
        "action_nouns_per_sentence": _ratio(c.action_nouns, sentences),
        "participles_per_sentence": _ratio(c.participles, sentences),
        "rare_word_share": _ratio(c.rare, words),
        "abbreviations": c.abbreviations,
    }
