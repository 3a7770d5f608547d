"""Swedish analysis with the project's own spaCy model (tokens, UPOS, UD features, lemmas).

The model (selkeys/models/sv_ud, trained by training/sv/train.py on UD Swedish-LinES and
Talbanken) tags words in context, so unlike Finnish the readings are not cached per word
form. It is loaded on first use, only when a Swedish block is linted.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from selkeys.analysis.sentences import split_sentences
from selkeys.analysis.tokens import Reading, Sentence, Token

# Abbreviations that may end a sentence; others ("t.ex. Helsingfors") never do.
_SENTENCE_FINAL_ABBR = frozenset({"osv.", "o.s.v.", "m.m.", "etc.", "m.fl.", "o.d.", "dyl.", "bl.a."})
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)|@[\w-]+\.\w", re.I)
_NUMBERISH = re.compile(r"^[\d.,:/–-]+$")


class SwedishAnalyzer:
    lang = "sv"

    def __init__(self) -> None:
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover - set-up problem
            raise RuntimeError("Swedish analysis needs spaCy: pip install selkeys (it is a dependency)") from exc
        path = resources.files("selkeys") / "models" / "sv_ud"
        if not path.is_dir():  # pragma: no cover - set-up problem
            raise RuntimeError(f"the Swedish model is missing from {path}: run make sv-model")
        self._nlp = spacy.load(str(path))

    def analyze(self, text: str) -> list[Sentence]:
        tokens: list[Token] = []
        for t in self._nlp(text):
            start, end = t.idx, t.idx + len(t.text)
            if t.is_space:
                if "\n" in t.text:
                    tokens.append(Token("\n", start, end, "break"))
                continue
            word = t.text
            if _URL.search(word):
                tokens.append(Token(word, start, end, "url"))
            elif word[0].isdigit() and _NUMBERISH.match(word):
                tokens.append(Token(word, start, end, "number"))
            elif t.is_punct:
                tokens.append(Token(word, start, end, "punct"))
            elif not any(ch.isalnum() for ch in word):
                tokens.append(Token(word, start, end, "symbol"))
            else:
                tokens.append(Token(word, start, end, "word", (_reading(t),)))
            if "\n" in t.whitespace_:
                tokens.append(Token("\n", end, end + 1, "break"))
        return split_sentences(tokens, _SENTENCE_FINAL_ABBR)


def _feature(morph, name: str) -> str | None:
    values = morph.get(name)
    return values[0].lower() if values else None


def _reading(t) -> Reading:
    morph = t.morph
    verbform = _feature(morph, "VerbForm")
    return Reading(
        lemma=(t.lemma_ or t.text).lower() if t.pos_ != "PROPN" else (t.lemma_ or t.text),
        pos=t.pos_.lower() or "x",
        case=_feature(morph, "Case"),
        number=_feature(morph, "Number"),
        mood=_feature(morph, "Mood"),
        tense=_feature(morph, "Tense"),
        participle="part" if verbform == "part" else None,
        voice=_feature(morph, "Voice"),
        verbform=verbform,
        definite=_feature(morph, "Definite"),
    )


@lru_cache(maxsize=1)
def swedish_analyzer() -> SwedishAnalyzer:
    return SwedishAnalyzer()
