"""Per-block language: Finnish, Swedish, English or other.

Detection needs no model download and costs almost nothing at start-up: Swedish and English
are recognised by their function words, Finnish by the share of words that the Finnish
dictionary (Voikko) accepts. Blocks too short to judge inherit the document's language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

SUPPORTED = ("fi", "sv")

_SV = frozenset(
    "och att som är det för på med av till ett den har inte ska kan om vid eller från sig också "
    "var vi du ni han hon men så när efter under mot detta dessa denna vara blir kommer måste "
    "skall sina sin sitt hur vad där här genom utan mellan över eftersom samt hos även dig oss".split()
)
_EN = frozenset(
    "the and of to is in for that with are be this by from it as at or an was will can not you your "
    "have has which we our they their were been would should these those there what when please".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
# a list item's own letter or number ("a) rybs/raps 1 100 kg/ha" in a Swedish statute): no word of
# its language, and with the units it had made the item read as Finnish (audit round 27)
_ITEM_MARK = re.compile(r"\s*(?:[a-zåäö]|\d+\s*[a-z]?)\)\s+")
MIN_WORDS = 4


def normalise(tag: str | None) -> str | None:
    """'fi-FI' -> 'fi', 'sv_SE' -> 'sv'; None stays None."""
    if not tag:
        return None
    return re.split(r"[-_]", tag.strip().lower())[0] or None


def detect(text: str, is_finnish_word: Callable[[str], bool]) -> str | None:
    """'fi', 'sv', 'en', 'other', or None when the text is too short to tell."""
    mark = _ITEM_MARK.match(text)
    words = _WORD.findall(text, mark.end() if mark else 0)
    if len(words) < MIN_WORDS:
        return None
    lower = [w.lower() for w in words]
    sv = sum(w in _SV for w in lower) / len(words)
    en = sum(w in _EN for w in lower) / len(words)
    if max(sv, en) >= 0.12:
        return "sv" if sv >= en else "en"
    sample = words[:60]
    fi = sum(1 for w in sample if is_finnish_word(w)) / len(sample)
    if fi >= 0.6:
        return "fi"
    if "å" in text.lower() or sv > en:  # å is Swedish, never Finnish
        return "sv"
    return "en" if en > 0 else "other"


# share of a document's words that must be in blocks of one other language before a forced
# --lang is called into question: a bilingual document or a quotation must not trigger it
EVIDENT_SHARE = 0.8


# blocks judged at most: evenly spread over a long document, they estimate its language as
# well as all of them would, and a 10 MB file is not detected block by block after linting
SAMPLE_BLOCKS = 400


def evident_language(blocks: Sequence[str], is_finnish_word: Callable[[str], bool]) -> str | None:
    """The language most of a document is evidently in: the one that blocks holding at least
    ``EVIDENT_SHARE`` of its words are detected as, each block on its own; else None."""
    stride = max(1, len(blocks) // SAMPLE_BLOCKS)
    words: Counter = Counter()
    total = 0
    for block in blocks[::stride]:
        count = len(_WORD.findall(block))
        total += count
        lang = detect(block, is_finnish_word)
        if lang is not None:
            words[lang] += count
    if not total or not words:
        return None
    lang, count = words.most_common(1)[0]
    return lang if count >= EVIDENT_SHARE * total else None
