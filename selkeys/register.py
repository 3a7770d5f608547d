"""Is a document legal text (a statute, a court's or an authority's legal reasoning), and does
it address its reader?

Some advice is wrong for such text: a statute cannot address its reader ("Lähetä hakemus"),
it states duties ("kunnan on järjestettävä", "ansökan ska göras"), and a court states what had
to be decided. Plain-language guidance for legislation (Kotus, säädöskieli; Språkrådet,
Myndigheternas skrivregler) keeps those forms, so the rules that ask to address the reader
are turned off there. The signal is the density of statute references and legal formulae,
which a statute or a court decision has on every few lines and a letter to a resident only
in its appeal instructions. The linter reads a text that speaks to its reader
(:func:`reader_forms`) as a letter or a service text, however much it cites, so the threshold
only decides for texts that address nobody. Counting the parts of one citation once, the
development half of corpus/real has 9–44 per 1,000 words in statutes and court decisions (the
statutes also have section headings) and 0–9 in the decision letters, service texts and permit
help pages that address nobody. The threshold is 12 for Finnish: a short agenda item (the
demo's, 204 words with two citations: 9.8) or a decision letter with long appeal instructions is
no statute, and misreading one turns off the advice its reader needs most. Swedish decisions
cite less densely (the HFD decisions of the development half start at 9.1, the Finnish KHO ones
at 15.3) while the Swedish letters and help pages that address nobody stay at 9.2 or less, so
the Swedish threshold is 10.5: the HFD decisions at 11.0–11.5 are legal text, and their quoted
municipal decisions no longer draw reader and passive advice that the judges of the
development half called noise (ten findings, none of them a gold problem). One HFD decision
(9.1) is still linted as ordinary text. A court decision's identifier in a heading ("KHO:2014:119")
marks one whatever its density: a decision on tax or nationality may cite few sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selkeys.analysis.tokens import AnalyzedBlock, Reading
from selkeys.model import Document

# every alternative but the last starts at a word boundary, so the \b is written once:
# the scanner then tries the alternatives only where a word starts (five times faster)
_LEGAL = re.compile(
    r"\b(?:\d+\s*[a-z]?\s*§|momenti\w*|tässä laissa\b|säädet\w*|kohdassa tarkoitet\w*"
    r"|hallinto-oikeu\w+|lainkohd\w+|mom\.|föreskriv\w*|moment\w*|i denna lag\b"
    r"|förvaltningsdomstol\w*|HFD\b|KHO\b)|§\s*\d",
    re.IGNORECASE,
)
_SECTION_HEADING = re.compile(r"^\s*\d+\s*[a-z]?\s*§")
# a court decision's own identifier in a heading ("3.7.2014/2117 KHO:2014:119", "HFD:2010:6"): a
# decision on tax or nationality may cite few sections (audit round 49: a KHO decision at 8 citations
# per 1,000 words drew reader advice on the court's reasoning, judged wrong twice)
_DECISION_HEADING = re.compile(r"\b(?:KHO|KKO|HFD|HD):\d{4}:\d+\b")
# legal text from this density of citations on, by the document's language (see the module doc)
PER_1000_WORDS = {"fi": 12.0, "sv": 10.5}
CITATION_GAP = 40  # characters: markers closer than this, in one sentence, belong to one citation
_SENTENCE_END = re.compile(r"[.!?]\s+[A-ZÄÖÅ]")
MIN_WORDS = 150  # too little text to judge: treat as ordinary text


def legal_marks(text: str) -> tuple[int, int]:
    """(words, citations of statutes and legal formulae) of one block's text: the counts add up
    over blocks, so they are taken where the blocks are linted (in parallel on large inputs;
    the scan costs about a tenth of a second on 100,000 words)."""
    return len(text.split()), _citations(text)


def is_legal_text(doc: Document, marks: Iterable[tuple[int, int]] | None = None, lang: str = "fi") -> bool:
    """Statute-like by its section headings ("12 §") or a court decision's identifier in a heading,
    or by references per 1,000 words;
    ``marks``: every block's :func:`legal_marks`, when they are counted already; ``lang``: the
    document's main language, which sets the threshold."""
    headings = sum(1 for b in doc.blocks if b.kind == "heading" and _SECTION_HEADING.match(b.text))
    if headings >= 2 or any(b.kind == "heading" and _DECISION_HEADING.search(b.text) for b in doc.blocks):
        return True
    words = references = 0
    for block_words, block_references in marks if marks is not None else (legal_marks(b.text) for b in doc.blocks):
        words += block_words
        references += block_references
    return words >= MIN_WORDS and 1000 * references / words >= PER_1000_WORDS.get(lang, PER_1000_WORDS["fi"])


def _citations(text: str) -> int:
    """References, counting the parts of one citation once: "115 §:n 2 mom." and "7 §:ssä sekä
    maa-ainesasetuksessa säädettyjä" are one reference each (a permit service's help page that
    cites two sections is not a statute)."""
    count, last_end = 0, None
    for match in _LEGAL.finditer(text):
        if last_end is None or match.start() - last_end > CITATION_GAP \
                or _SENTENCE_END.search(text, last_end, match.start()):
            count += 1
        last_end = match.end()
    return count


# Does the document speak to its reader ("voit", "lähettäkää", "hakemuksesi")? A Finnish text
# that does and then falls into the zero person ("paikan voi hyväksyä") leaves the reader to
# work out that the instruction is theirs; a news item or a statute that never addresses
# anyone uses the zero person for general statements ("sähköauton voi ladata kotona").
# Measured on corpus/real and the clean side's easy news (dev): every form below counts only
# when all of its readings are second person, so that "tilanne" (tila + -nne) and "vaalit"
# (vaalia) do not; news items had 0-2 such forms, letters and service texts that address
# the reader 3-18.
MIN_READER_FORMS = 3
_SWEDISH_YOU = {**dict.fromkeys("du dig din ditt dina".split(), 0), **dict.fromkeys("ni er ert era".split(), 1)}


def reader_forms(block: AnalyzedBlock) -> tuple[int, int]:
    """Words of a block that address the reader, (singular, plural): sinä/du or te/ni. Finnish:
    second-person verbs and possessive suffixes; a singular imperative counts only as the first
    word of its sentence, because its form is also the negative form of every verb ("ei ole",
    "ei sada"). Swedish: the pronouns du and ni in any form (the tagger's imperatives are not
    sure enough)."""
    counts = [0, 0]
    if block.lang == "sv":
        for sentence in block.sentences:
            for tok in sentence.tokens:
                number = _SWEDISH_YOU.get(tok.text.lower()) if tok.kind == "word" else None
                if number is not None:
                    counts[number] += 1
        return counts[0], counts[1]
    for sentence in block.sentences:
        first_word = True
        for tok in sentence.tokens:
            if tok.kind != "word":
                continue
            known = _address_by_form.get(tok.text)
            if known is None:
                known = _address_kind(tok.readings)
                if len(_address_by_form) > 300_000:
                    _address_by_form.clear()
                _address_by_form[tok.text] = known
            kind, number = known
            if kind == _ALWAYS or (kind == _FIRST_WORD and first_word):
                counts[number] += 1
            first_word = False
    return counts[0], counts[1]


def dominant_address(singular: int, plural: int) -> str | None:
    """How a document mostly addresses its reader: "singular" (sinä, du) or "plural" (te, ni),
    when it does so at least MIN_READER_FORMS times and at least twice as often as the other
    way; None for a text that addresses nobody or mixes both about evenly."""
    if singular >= MIN_READER_FORMS and singular >= 2 * plural:
        return "singular"
    if plural >= MIN_READER_FORMS and plural >= 2 * singular:
        return "plural"
    return None


# A Finnish form's readings depend on the form alone, so whether it addresses the reader is
# remembered per form (asked for every word of every block): never, always, or only as a
# sentence's first word (a singular imperative, see reader_forms); and in which number (0
# singular, 1 plural).
_NEVER, _ALWAYS, _FIRST_WORD = 0, 1, 2
_address_by_form: dict[str, tuple[int, int]] = {}


def _address_kind(readings: tuple[Reading, ...]) -> tuple[int, int]:
    if not readings:
        return _NEVER, 0
    number = 1 if all(_number(r) for r in readings) else 0  # plural only when every reading is
    if all(_addresses(r, False) for r in readings):
        return _ALWAYS, number
    if all(_addresses(r, True) for r in readings):
        return _FIRST_WORD, number
    return _NEVER, 0


def _number(reading: Reading) -> int:
    if reading.possessive in ("2s", "2p"):
        return 1 if reading.possessive == "2p" else 0
    return 1 if reading.number == "plural" else 0


def _addresses(reading: Reading, imperative_ok: bool) -> bool:
    if reading.possessive in ("2s", "2p"):
        return True
    if reading.pos != "verb" or reading.person != "2":
        return False
    return reading.mood != "imperative" or reading.number == "plural" or imperative_ok
