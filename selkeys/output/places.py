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


# per language: tracked changes ({n}), comments already there ({comments}: counted noun), macros
_NOTICES = {
    "fi": ("Asiakirjassa on hyväksymättömiä muutoksia ({n}); teksti tarkistettiin niin kuin muutokset olisi "
           "hyväksytty.",
           ("kommentti", "kommenttia"), "Asiakirjassa on ennestään {comments}; niitä ei tarkistettu.",
           "Asiakirjassa on makroja; niitä ei suoritettu, vain teksti luettiin."),
    "sv": ("Dokumentet har ändringar som inte har godkänts ({n}); texten granskades som om ändringarna vore "
           "godkända.",
           ("kommentar", "kommentarer"), "Dokumentet har redan {comments}; de granskades inte.",
           "Dokumentet innehåller makron; de kördes inte, bara texten lästes."),
    "en": ("The document has unaccepted tracked changes ({n}); the text was checked as if they had been "
           "accepted.",
           ("comment", "comments"), "The document already has {comments}; they were not checked.",
           "The document contains macros; they were not run, only the text was read."),
}


def notice_lines(notices: dict[str, int], ui_lang: str) -> list[str]:
    """Sentences about the file itself: tracked changes, comments already in it, macros."""
    changes_text, nouns, comments_text, macros_text = _NOTICES.get(ui_lang, _NOTICES["en"])
    changes, comments = notices.get("tracked_changes", 0), notices.get("comments", 0)
    lines = []
    if changes:
        lines.append(changes_text.format(n=changes))
    if comments:
        lines.append(comments_text.format(comments=_plural(comments, *nouns)))
    if notices.get("macros"):
        lines.append(macros_text)
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
