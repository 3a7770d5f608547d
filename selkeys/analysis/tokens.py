"""Analysed text: readings, tokens and sentences, language-neutral in shape."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

# a token made of digits and the separators of dates, times, decimals and ranges: "15.3.2025", "9–15"
NUMBERISH = re.compile(r"^[\d.,:/–-]+$")


class Reading(NamedTuple):
    """One morphological reading of a word form. Ambiguous forms have several.

    A named tuple rather than a frozen dataclass: every distinct word form of a text gets its
    readings made (from Voikko, the tagger or the analysis store), and a frozen dataclass
    sets its 17 fields one call at a time, at about 8 µs a reading; a tuple is made in one."""

    lemma: str
    pos: str  # noun, adj, verb, adv, pron, num, abbr, propn, conj, adp, interj, neg, prefix, x
    case: str | None = None
    number: str | None = None
    mood: str | None = None  # indicative, conditional, imperative, potential, a_inf, e_inf, ma_inf, minen_inf
    tense: str | None = None
    person: str | None = None  # "1".."3", "4" = passive
    negative: str | None = None
    participle: str | None = None  # present_active, present_passive, past_active, past_passive, agent, negation
    possessive: str | None = None
    parts: tuple[str, ...] = ()  # compound parts of the base form
    derivation: str | None = None  # last derivational suffix, e.g. "us", "minen"
    action_noun: bool = False
    privative: bool = False  # epä-X, -ton/-tön adjectives
    # from the Swedish tagger (UD features); None for Finnish
    voice: str | None = None  # "pass" for s-passives ("fattades"), "act"
    verbform: str | None = None  # fin, inf, sup, part
    definite: str | None = None  # def, ind

    @property
    def head(self) -> str:
        return self.parts[-1] if self.parts else self.lemma

    @property
    def passive(self) -> bool:
        return self.person == "4" or self.voice == "pass"


def fewest_parts(readings: tuple[Reading, ...]) -> tuple[Reading, ...]:
    """A form's readings with the fewest compound parts: a form that reads as an inflected word is
    almost never meant as a compound of two others ("hakemusta" is the partitive of *hakemus*, not
    *hake* + *musta* 'wood chip black'; "perustuvan" the participle of *perustua*, not *perus* +
    *tupa*). The analyser keeps every reading; the rules that ask what a word surely is use these."""
    if len(readings) < 2:
        return readings
    fewest = min(len(r.parts) for r in readings)
    return tuple(r for r in readings if len(r.parts) == fewest)


def plausible_readings(readings: tuple[Reading, ...]) -> tuple[Reading, ...]:
    """The readings a rule that asks what a word surely is should weigh: those of
    :func:`fewest_parts`, without two alternatives the analyser offers beside a noun's ordinary
    form. A finite verb in the first or second person singular beside a nominal reading is the
    noun: public-sector text speaks of "viestin lähettämisestä" (the message's sending), not "I
    communicated", and "tulen" is far more often the fire's than "I come" there. An instructive
    beside another case is a stretch as well ("palvelusetelin" is a voucher's, not the instructive
    plural of "palvelus" + "etelä")."""
    readings = fewest_parts(readings)
    if len(readings) < 2:
        return readings
    if any(r.pos in ("noun", "propn", "adj") for r in readings):
        readings = tuple(r for r in readings if not (r.pos == "verb" and r.number == "singular"
                                                     and r.person in ("1", "2") and r.case is None))
    if len(readings) > 1 and any(r.case not in (None, "ins") for r in readings):
        # (the instructive of the third infinitive is a verb form of its own: "myöntämän")
        readings = tuple(r for r in readings if r.case != "ins" or r.mood is not None)
    return readings


class Token(NamedTuple):
    """A token of a block's text; a named tuple for the same reason as :class:`Reading`
    (a large text has hundreds of thousands)."""

    text: str
    start: int  # offsets in the block text
    end: int
    kind: str  # word, number, punct, url, symbol, break
    readings: tuple[Reading, ...] = ()

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    def lemmas(self) -> set[str]:
        return {r.lemma for r in self.readings}


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    prose: bool | None = None  # see selkeys.analysis.sentences.is_prose

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "word"]


@dataclass(slots=True)
class AnalyzedBlock:
    """A block with its sentences; ``index`` is the block's position in the document."""

    index: int
    lang: str
    kind: str
    text: str
    sentences: list[Sentence]
