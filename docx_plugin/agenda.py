"""Sections of Finnish and Swedish municipal agenda items (esityslista / föredragningslista).

Agenda systems print every item the same way: a heading with the section sign (§ 12 or
12 §) and then labelled parts, the label either on a line of its own or at the start of the
paragraph followed by a colon or a tab (``Päätösehdotus: Kaupunginhallitus päättää ...``).
Knowing the part lets reports group findings by it and check that the decision proposal,
the text the board votes on, is the clearest part of the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# label as written (lower case) -> role; Finnish first, then Swedish
_LABELS: dict[str, str] = {}
for _role, _names in {
    "preparer": ("valmistelija", "valmistelijat", "valmistelu", "asian valmistelija", "beredare", "beredning",
                 "beredningsansvarig"),
    "presenter": ("esittelijä", "föredragande"),
    "proposal": ("päätösehdotus", "esittelijän päätösehdotus", "kunnanjohtajan päätösehdotus",
                 "kaupunginjohtajan päätösehdotus", "pohjaesitys", "ehdotus", "esitys", "kunnanjohtajan ehdotus",
                 "kaupunginjohtajan ehdotus", "beslutsförslag", "förslag", "förslag till beslut",
                 "föredragandens förslag", "kommundirektörens förslag", "stadsdirektörens förslag"),
    "decision": ("päätös", "beslut"),
    "appeal": ("muutoksenhaku", "muutoksenhakuohje", "muutoksenhakuohjeet", "oikaisuvaatimusohje",
               "valitusosoitus", "ändringssökande", "anvisning om ändringssökande", "anvisning om rättelseyrkande",
               "besvärsanvisning"),
    "background": ("asia", "asian tausta", "tausta", "taustaa", "selostus", "perustelut", "ärende", "bakgrund",
                   "redogörelse", "motivering"),
    "contact": ("lisätiedot", "lisätietoja", "lisätietojen antaja", "tilläggsuppgifter", "mer information",
                "ytterligare information"),
    "attachments": ("liite", "liitteet", "oheismateriaali", "bilaga", "bilagor", "material för kännedom"),
    "distribution": ("tiedoksi", "toimeenpano", "täytäntöönpano", "för kännedom", "delgivning", "verkställighet"),
    "proceedings": ("käsittely", "behandling"),
    "conflict": ("esteellisyys", "jäv"),
}.items():
    for _name in _names:
        _LABELS[_name] = _role

_ALTERNATIVES = "|".join(sorted((re.escape(n) for n in _LABELS), key=len, reverse=True))
# "Päätösehdotus", "Päätösehdotus:", "Päätösehdotus<tab>..." and bilingual "Päätösehdotus / Beslutsförslag"
_LABEL_RE = re.compile(rf"^\s*({_ALTERNATIVES})(?:\s*/\s*(?:{_ALTERNATIVES}))?\s*(?::|\t|$)", re.IGNORECASE)
# "§ 12" or "12 §" followed by a space or the end: "29 §:n mukaan" cites a law, it is no item
_ITEM_AT_START = re.compile(r"^\s*(?:§\s*(\d+)|(\d+)\s*§)(?=\s|$)")
_ITEM_ANYWHERE = re.compile(r"(?:§\s*(\d+)|(\d+)\s*§)(?=\s|$)")
MAX_ITEM_WORDS = 15  # an item heading is a title, not a paragraph that starts with a citation
MAX_SECTION_NAME = 60


@dataclass(frozen=True, slots=True)
class Place:
    """Which agenda item and section a paragraph belongs to."""

    item: str | None = None  # "§ 12"
    section: str | None = None  # the label as written, or the nearest heading
    role: str | None = None
    is_label: bool = False  # the paragraph is only a label ("Päätösehdotus")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SECTION_NAME else text[: MAX_SECTION_NAME - 1].rstrip() + "…"


class AgendaTracker:
    """Follows the document paragraph by paragraph and tells each one's item and section."""

    def __init__(self) -> None:
        self.place = Place()

    def observe(self, text: str, is_heading: bool) -> Place:
        """The place of this paragraph; a new item or label also moves the following ones."""
        short = len(text.split()) <= MAX_ITEM_WORDS
        item = _ITEM_AT_START.match(text) if short or is_heading else None
        if item is None and is_heading and short:
            item = _ITEM_ANYWHERE.search(text)
        if item is not None:
            self.place = Place(item=f"§ {item.group(1) or item.group(2)}")
            return self.place
        label = _LABEL_RE.match(text)
        if label is not None:
            name = label.group(0).strip().rstrip(":").strip()
            self.place = Place(self.place.item, name[0].upper() + name[1:], _LABELS[label.group(1).lower()])
            return Place(self.place.item, self.place.section, self.place.role, not text[label.end():].strip())
        if is_heading:
            self.place = Place(self.place.item, _short(text), None)
        return self.place
