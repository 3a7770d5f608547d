"""Measures that sentence- and paragraph-level rules compare with their thresholds."""

from __future__ import annotations

from dataclasses import dataclass

from selkeys.analysis.tokens import Reading, Sentence, Token

_FINITE_MOODS = frozenset({"indicative", "conditional", "imperative", "potential", "ind", "imp", "sub"})  # fi, sv
_CHAIN_STOP_POS = frozenset({"verb", "conj", "neg", "pron"})
_MAX_CHAIN = 30  # bounds the walk back, so run-on text without punctuation stays linear


@dataclass(frozen=True, slots=True)
class Measure:
    value: float
    start: int
    end: int
    detail: str = ""


def is_finite_verb(tok: Token) -> bool:
    return tok.kind == "word" and any(r.pos in ("verb", "neg") and r.mood in _FINITE_MOODS for r in tok.readings)


def is_passive_verb(tok: Token) -> bool:
    """A finite passive form ("myönnetään", "myönnettiin"); ambiguous forms count only if every verb reading is passive."""
    verbs = [r for r in tok.readings if r.pos == "verb" and r.mood in _FINITE_MOODS]
    return bool(verbs) and all(r.passive for r in verbs) and len(verbs) == len(tok.readings)


def is_past_passive_participle(tok: Token) -> bool:
    """'myönnetty', 'päätetty': the second half of a passive perfect after 'on' / 'ei ole'."""
    return tok.kind == "word" and any(r.participle == "past_passive" and r.case == "nom" and r.number != "plural"
                                      for r in tok.readings)


_ATTRIBUTE_PARTICIPLES = frozenset({"present_active", "present_passive", "past_active", "past_passive", "agent"})
_attribute_by_form: dict[str, bool] = {}


def is_participle_attribute(tok: Token) -> bool:
    """Every reading is an inflected participle ("myönnettävät", "varaamista").

    Asked for every word of every sentence, and the answer depends only on the form, so it
    is remembered per form."""
    if tok.kind != "word":
        return False
    known = _attribute_by_form.get(tok.text)
    if known is None:
        known = bool(tok.readings) and all(
            r.participle in _ATTRIBUTE_PARTICIPLES and r.case is not None for r in tok.readings)
        if len(_attribute_by_form) > 300_000:
            _attribute_by_form.clear()
        _attribute_by_form[tok.text] = known
    return known


def _stops_chain(tok: Token) -> bool:
    if tok.kind not in ("word", "number"):
        return True
    readings: tuple[Reading, ...] = tok.readings
    if not readings:
        return True
    return any(r.pos in _CHAIN_STOP_POS and r.participle is None for r in readings) or any(
        r.case == "nom" and r.participle is None and r.pos in ("noun", "propn") for r in readings
    )


def participle_chain(sentence: Sentence) -> Measure | None:
    """Longest premodifier that ends in a participle attribute right before its noun.

    "kaupungin vuodelle 2025 varaamista määrärahoista myönnettävät avustukset": the words from
    "kaupungin" to "myönnettävät" (6) all sit between the reader and the noun they describe.
    """
    tokens = sentence.tokens
    best: Measure | None = None
    for i, tok in enumerate(tokens[:-1]):
        if not is_participle_attribute(tok):
            continue
        nxt = tokens[i + 1]
        if nxt.kind != "word" or not any(r.pos in ("noun", "adj", "propn") and r.participle is None for r in nxt.readings):
            continue
        j = i
        while j > 0 and i - j < _MAX_CHAIN and not _stops_chain(tokens[j - 1]):
            j -= 1
        length = sum(1 for t in tokens[j:i + 1] if t.kind in ("word", "number"))
        if best is None or length > best.value:
            best = Measure(length, tokens[j].start, tokens[i + 1].end)
    return best


_RELATIVE = frozenset(
    "joka jonka jota jossa josta johon jolla jolta jolle jona joksi jotka joiden joita joissa joista joihin "
    "joilla joilta joille mikä mitä missä mistä mihin".split()
)


def relative_clauses(sentence: Sentence) -> Measure | None:
    """Clauses opened by ", joka/jonka/…/mikä" in one sentence; the span starts at the first."""
    tokens = sentence.tokens
    starts = [tokens[i - 1].start for i in range(1, len(tokens))
              if tokens[i - 1].text == "," and tokens[i].text.lower() in _RELATIVE]
    if not starts:
        return None
    return Measure(len(starts), starts[0], sentence.end)


def evaluate(metric: str, sentence: Sentence) -> Measure | None:
    if metric == "words":
        count = sum(1 for t in sentence.tokens if t.kind in ("word", "number"))
        return Measure(count, sentence.start, sentence.end)
    if metric == "participle_chain":
        return participle_chain(sentence)
    if metric == "relative_clauses":
        return relative_clauses(sentence)
    raise ValueError(metric)


def evaluate_paragraph(metric: str, sentences: list[Sentence]) -> Measure | None:
    tokens = [t for s in sentences for t in s.tokens]
    if metric == "passive_share":
        finite = [t for t in tokens if is_finite_verb(t)]
        passive = [t for t in finite if is_passive_verb(t)]
        if len(passive) < 3 or not finite:
            return None
        return Measure(len(passive) / len(finite), passive[0].start, passive[0].end,
                       f"{len(passive)}/{len(finite)}")
    if metric == "action_noun_density":
        nouns = [t for t in tokens if t.kind == "word" and t.readings and all(r.action_noun for r in t.readings)]
        if len(nouns) < 4:
            return None
        return Measure(len(nouns) / len(sentences), nouns[0].start, nouns[0].end, str(len(nouns)))
    raise ValueError(metric)
