"""Readability measures per sentence, paragraph and document.

Formulas and where they come from:

* LIX (Björnsson 1968): words/sentences + 100 * words longer than six letters / words.
* OVIX (Hultman & Westman 1977): log(W) / log(2 - log(T)/log(W)), T = distinct word forms.
* Wiio, simplified (Wiio 1968, as in Voikko's readability tool): 2.7 + 30 * share of words whose
  base form has four or more syllables (syllables from Voikko's hyphenator).
* Rare words: share of words whose base form is used under once per million words
  (Zipf < 3.0), from lemma frequencies built from wordfreq (see scripts/build_lemma_freq.py).
  Swedish: words at Kelly level C1/C2, or outside the Kelly list and under Zipf 3.0.
* Nominal quotient (Swedish; Björnsson, as in Språkbanken's Sparv): (nouns + prepositions +
  participles) / (pronouns + adverbs + verbs), from the tagger's parts of speech.

Sentences that are not prose (reference numbers, dates, addresses, phone lines: under three
words, or mostly numbers and symbols) are left out, so "Dnr 123/02.05.00/2025" does not pass
for a short, easy sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from selkeys.analysis.lexicon import kelly_levels, zipf_frequencies
from selkeys.analysis.sentences import is_prose
from selkeys.analysis.tokens import AnalyzedBlock, Token
from selkeys.rules.sentence_metrics import (
    is_finite_verb,
    is_participle_attribute,
    is_passive_verb,
    is_past_passive_participle,
)

LONG_SENTENCE_WORDS = 15  # Kielitoimiston ohjepankki: sentences over ~15 words deserve a second look
LONG_WORD_LETTERS = 13
RARE_ZIPF = 3.0
# finite forms of olla and the negation verb that start a passive perfect ("on tehty", "ei ole tehty")
_OLLA_FORMS = frozenset({"on", "oli", "ole", "olisi", "lienee", "ollut", "ei", "eivät", "eikä", "ovat", "olivat"})


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
    nq_nominal: int = 0  # Swedish nominal quotient: nouns + prepositions + participles
    nq_verbal: int = 0  # pronouns + adverbs + verbs
    # distinct word forms, for OVIX: a set while counting; a finished block keeps a tuple (only
    # the document's union reads it again, and a set per paragraph was ~50 MB on a 10 MB text)
    forms: set[str] | tuple[str, ...] = field(default_factory=set)
    # per prose sentence of a block: (start, end in the block text, its own counts as a tuple
    # in SENTENCE_FIELDS order; see sentence_counts()), so each sentence can get a difficulty
    # estimate without a second pass; not summed by add(). Tuples, not Counts: a large
    # document has tens of thousands of sentences, and worker processes send them back.
    sentence_counts: tuple[tuple[int, int, tuple[int, ...]], ...] = ()

    def add(self, other: "Counts") -> None:
        """Add ``other``'s counts (field by field as written out: a loop of getattr and setattr
        over the names took four times as long, and a document adds every paragraph's)."""
        self.sentences += other.sentences
        self.words += other.words
        self.letters += other.letters
        self.lix_long += other.lix_long
        self.long_words += other.long_words
        self.poly_lemmas += other.poly_lemmas
        self.compound_parts += other.compound_parts
        self.finite_verbs += other.finite_verbs
        self.passives += other.passives
        self.action_nouns += other.action_nouns
        self.participles += other.participles
        self.rare += other.rare
        self.abbreviations += other.abbreviations
        self.long_sentences += other.long_sentences
        self.nq_nominal += other.nq_nominal
        self.nq_verbal += other.nq_verbal
        self.forms.update(other.forms)  # self: a running total, whose forms are a set
SENTENCE_FIELDS = ("words", "letters", "lix_long", "long_words", "poly_lemmas", "compound_parts", "action_nouns",
                   "abbreviations", "finite_verbs", "passives", "participles", "rare", "long_sentences",
                   "nq_nominal", "nq_verbal")


def sentence_counts(values: tuple[int, ...]) -> Counts:
    """One sentence's Counts from its entry in ``Counts.sentence_counts``."""
    return Counts(sentences=1, **dict(zip(SENTENCE_FIELDS, values)))




_NO_FEATURES = (0,) * 12 + ("",)


class MetricCounter:
    """Counts one sentence at a time.

    What a word contributes depends only on its form, so it is worked out once per distinct
    form (``_features``) and summed per sentence; the analyzer is needed only for syllables.
    """

    def __init__(self, syllables, lang: str = "fi") -> None:
        self._syllables = syllables
        self._freq = zipf_frequencies(lang)
        self._features: dict[str, tuple[int, ...]] = {}

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

    def _word_features(self, tok: Token) -> tuple[int, ...]:
        """(letters, >6 letters, long word, polysyllabic lemma, compound parts, action noun,
        abbreviation, finite verb, passive verb, participle attribute, past passive participle,
        rare, the form in lower case) for one word form. The lower-case form is made once here,
        so the blocks' sets of forms (for OVIX) share one string per form: on a 10 MB text a
        new string per word cost about 60 MB."""
        word = tok.text
        letters = sum(map(str.isalpha, word))
        if not letters:
            return _NO_FEATURES
        readings = tok.readings
        if readings:
            first = readings[0]
            lemma = first.lemma if first.pos != "abbr" else word
            parts = max(1, len(first.parts))
            action = all(r.action_noun for r in readings)
            abbr = any(r.pos == "abbr" for r in readings)
        else:
            lemma, parts, action, abbr = word, 1, False, False
        finite = is_finite_verb(tok)
        return (
            letters, letters > 6, letters >= LONG_WORD_LETTERS, self._syllables(lemma) >= 4, parts, action, abbr,
            finite, finite and is_passive_verb(tok), is_participle_attribute(tok),
            is_past_passive_participle(tok), self._is_rare(tok), word.lower(),
        )

    def block(self, block: AnalyzedBlock, per_sentence: bool = True) -> Counts:
        """Counts for one block (paragraph, list item, heading), with each sentence's own
        when ``per_sentence`` (only sentence scores read them; on a large text they are a
        tuple per sentence held until the end).

        The per-word loop only adds to running totals; a sentence's counts are the difference
        of the totals at its end and its start, so keeping them costs a few operations per
        sentence and nothing per word."""
        features = self._features
        forms: set[str] = set()
        words = letters = lix_long = long_words = poly = parts = action = abbr = 0
        finite = passives = participles = rare = long_sentences = 0
        sentences = 0
        kept = [] if per_sentence else None
        for sentence in block.sentences:
            if not is_prose(sentence):
                continue
            before = (words, letters, lix_long, long_words, poly, parts, action, abbr, finite, passives,
                      participles, rare)
            after_olla = False
            sentence_words = 0
            for tok in sentence.tokens:
                if tok.kind != "word":
                    after_olla = False
                    continue
                f = features.get(tok.text)
                if f is None:
                    f = features[tok.text] = self._word_features(tok)
                if not f[0]:
                    continue
                sentence_words += 1
                letters += f[0]
                lix_long += f[1]
                long_words += f[2]
                poly += f[3]
                parts += f[4]
                action += f[5]
                abbr += f[6]
                finite += f[7]
                passives += f[8] or (after_olla and f[10])  # passive perfect: "on myönnetty", "ei ole tehty"
                participles += f[9]
                rare += f[11]
                low = f[12]
                forms.add(low)
                after_olla = f[7] and low in _OLLA_FORMS
            words += sentence_words
            long = sentence_words > LONG_SENTENCE_WORDS
            long_sentences += long
            sentences += 1
            if kept is not None:
                kept.append((sentence.start, sentence.end, (
                    words - before[0], letters - before[1], lix_long - before[2], long_words - before[3],
                    poly - before[4], parts - before[5], action - before[6], abbr - before[7], finite - before[8],
                    passives - before[9], participles - before[10], rare - before[11], int(long), 0, 0)))
        return Counts(
            sentences=sentences, words=words, letters=letters, lix_long=lix_long, long_words=long_words,
            poly_lemmas=poly, compound_parts=parts, finite_verbs=finite, passives=passives, action_nouns=action,
            participles=participles, rare=rare, abbreviations=abbr, long_sentences=long_sentences, forms=forms,
            sentence_counts=tuple(kept) if kept else (),
        )


_SV_ACTION_SUFFIXES = ("ning", "else", "het", "ande", "ende", "tion", "sion")
_SV_NOMINAL = frozenset({"noun", "adp"})
_SV_VERBAL = frozenset({"pron", "adv", "verb", "aux"})




class SwedishCounter:
    """Counts for Swedish blocks. The tagger reads words in context, so features are
    worked out per token rather than per form."""

    def __init__(self) -> None:
        self._kelly = kelly_levels()
        self._freq = zipf_frequencies("sv")

    def _is_rare(self, word: str, lemma: str, pos: str) -> bool:
        if pos in ("propn", "num", "x", "sym"):
            return False
        level = self._kelly.get(lemma) or self._kelly.get(word)
        if level is not None:
            return level in ("C1", "C2")
        if max(self._freq.get(word, 0.0), self._freq.get(lemma, 0.0)) >= RARE_ZIPF:
            return False
        return not (self._common_compound(lemma) or self._common_compound(word))

    def _common_compound(self, word: str) -> bool:
        """Swedish writes compounds as one word ("vattenavbrottet"); one made of two common
        words (with or without the linking -s) is not a rare word."""
        freq = self._freq
        for cut in range(3, len(word) - 2):
            modifier, head = word[:cut], word[cut:]
            if freq.get(head, 0.0) >= RARE_ZIPF and (
                    freq.get(modifier, 0.0) >= RARE_ZIPF
                    or (modifier.endswith("s") and freq.get(modifier[:-1], 0.0) >= RARE_ZIPF)):
                return True
        return False

    def block(self, block: AnalyzedBlock, per_sentence: bool = True) -> Counts:
        """Counts for one block, with each prose sentence's own when ``per_sentence`` (see
        MetricCounter.block)."""
        total = Counts()
        kept = [] if per_sentence else None
        for sentence in block.sentences:
            if not is_prose(sentence):
                continue
            c = Counts(sentences=1)
            sentence_words = 0
            for tok in sentence.tokens:
                if tok.kind != "word" or not tok.readings:
                    continue
                r = tok.readings[0]
                word = tok.text.lower()
                letters = sum(map(str.isalpha, word))
                if not letters:
                    continue
                sentence_words += 1
                c.letters += letters
                c.lix_long += letters > 6
                c.long_words += letters >= LONG_WORD_LETTERS
                c.compound_parts += 1
                c.forms.add(word)
                if r.pos == "noun" and r.lemma.endswith(_SV_ACTION_SUFFIXES):
                    c.action_nouns += 1
                c.abbreviations += "." in word
                if r.pos == "verb":
                    c.finite_verbs += 1  # for Swedish: all main verbs, the base of the passive share
                    c.passives += r.voice == "pass"
                if r.verbform == "part":
                    c.participles += 1
                    c.nq_nominal += 1
                elif r.pos in _SV_NOMINAL:
                    c.nq_nominal += 1
                elif r.pos in _SV_VERBAL:
                    c.nq_verbal += 1
                c.rare += self._is_rare(word, r.lemma, r.pos)
            c.words += sentence_words
            c.long_sentences += sentence_words > LONG_SENTENCE_WORDS
            total.add(c)
            if kept is not None:
                kept.append((sentence.start, sentence.end, tuple(getattr(c, name) for name in SENTENCE_FIELDS)))
        total.sentence_counts = tuple(kept) if kept else ()
        return total


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def metrics(c: Counts, lang: str = "fi") -> dict[str, float | None]:
    """Named readability measures from counts; None where a measure is undefined or does not
    apply to the language (Wiio is Finnish, the nominal quotient Swedish)."""
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
        "wiio": (2.7 + 30 * _ratio(c.poly_lemmas, words) if words else 0.0) if lang == "fi" else None,
        "nominal_quotient": _ratio(c.nq_nominal, c.nq_verbal) if lang == "sv" and c.nq_verbal else None,
        "long_word_share": _ratio(c.long_words, words),
        "compound_parts_per_word": _ratio(c.compound_parts, words),
        "passive_share": _ratio(c.passives, c.finite_verbs),
        "action_nouns_per_sentence": _ratio(c.action_nouns, sentences),
        "participles_per_sentence": _ratio(c.participles, sentences),
        "rare_word_share": _ratio(c.rare, words),
        "abbreviations": c.abbreviations,
    }
