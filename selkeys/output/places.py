"""Word locations and document facts in the user's language, shared by the text report and
the comments the DOCX annotator writes (so both say the same thing the same way)."""

from __future__ import annotations

from selkeys.model import Location

_WORDS = {
    "fi": {"paragraph": "kappale", "table": "taulukko", "row": "rivi", "column": "sarake",
           "header": "ylätunniste", "footer": "alatunniste", "footnote": "alaviite", "endnote": "loppuviite",
           "textbox": "tekstiruutu", "level": "otsikkotaso"},
    "sv": {"paragraph": "stycke", "table": "tabell", "row": "rad", "column": "kolumn",
           "header": "sidhuvud", "footer": "sidfot", "footnote": "fotnot", "endnote": "slutnot",
           "textbox": "textruta", "level": "rubriknivå"},
    "en": {"paragraph": "paragraph", "table": "table", "row": "row", "column": "column",
           "header": "header", "footer": "footer", "footnote": "footnote", "endnote": "endnote",
           "textbox": "text box", "level": "heading level"},
}


def _words(ui_lang: str) -> dict[str, str]:
    return _WORDS.get(ui_lang, _WORDS["en"])


def section_name(location: Location, ui_lang: str) -> str:
    """The heading a finding is grouped under: "§ 12 Päätösehdotus", "ylätunniste", ..."""
    if location.part in ("header", "footer", "footnote", "endnote"):
        return _words(ui_lang)[location.part]
    return " ".join(p for p in (location.item, location.section) if p)  # "" before any heading


def describe(location: Location, ui_lang: str) -> str:
    """Where to look: "§ 12 Päätösehdotus, kappale 14 (taulukko 1, rivi 2, sarake 3)"."""
    w = _words(ui_lang)
    named = " ".join(p for p in (location.item, location.section) if p)
    where = [named] if named else []
    if location.part in ("footnote", "endnote"):
        where.append(f"{w[location.part]} {location.note}" if location.note else w[location.part])
    elif location.part in ("header", "footer", "textbox"):
        where.append(w[location.part])
    if location.paragraph is not None:
        where.append(f"{w['paragraph']} {location.paragraph}")
    text = ", ".join(where) or w["paragraph"]
    if location.table is not None:
        text += f" ({w['table']} {location.table}, {w['row']} {location.row}, {w['column']} {location.column})"
    return text


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def notice_lines(notices: dict[str, int], ui_lang: str) -> list[str]:
    """Sentences about the file itself: tracked changes, comments already in it, macros."""
    lines = []
    changes, comments = notices.get("tracked_changes", 0), notices.get("comments", 0)
    if ui_lang == "fi":
        if changes:
            lines.append(f"Asiakirjassa on hyväksymättömiä muutoksia ({changes}); teksti tarkistettiin "
                         "niin kuin muutokset olisi hyväksytty.")
        if comments:
            lines.append(f"Asiakirjassa on ennestään {_plural(comments, 'kommentti', 'kommenttia')}; "
                         "niitä ei tarkistettu.")
        if notices.get("macros"):
            lines.append("Asiakirjassa on makroja; niitä ei suoritettu, vain teksti luettiin.")
    elif ui_lang == "sv":
        if changes:
            lines.append(f"Dokumentet har ändringar som inte har godkänts ({changes}); texten granskades "
                         "som om ändringarna vore godkända.")
        if comments:
            lines.append(f"Dokumentet har redan {_plural(comments, 'kommentar', 'kommentarer')}; "
                         "de granskades inte.")
        if notices.get("macros"):
            lines.append("Dokumentet innehåller makron; de kördes inte, bara texten lästes.")
    else:
        if changes:
            lines.append(f"The document has unaccepted tracked changes ({changes}); the text was checked "
                         "as if they had been accepted.")
        if comments:
            lines.append(f"The document already has {_plural(comments, 'comment', 'comments')}; "
                         "they were not checked.")
        if notices.get("macros"):
            lines.append("The document contains macros; they were not run, only the text was read.")
    return lines


def proposal_line(item: str | None, section: str, score: float, rest: float, ui_lang: str) -> str:
    """The note for a decision proposal that reads harder than the rest of its agenda item."""
    name = " ".join(p for p in (item, section) if p)
    if ui_lang == "fi":
        return (f"{name}: {score:.0f}/100, asian muut osat {rest:.0f}/100. Päätösehdotuksen pitäisi olla "
                "asian selkein osa, koska siitä päätetään ja sitä lainataan.")
    if ui_lang == "sv":
        return (f"{name}: {score:.0f}/100, resten av ärendet {rest:.0f}/100. Beslutsförslaget borde vara "
                "ärendets klaraste del, eftersom det är det som beslutas och citeras.")
    return (f"{name}: {score:.0f}/100, rest of the item {rest:.0f}/100. The decision proposal should be the "
            "clearest part of the item: it is what is decided and what gets quoted.")
