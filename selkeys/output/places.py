"""Word locations and document facts in words, shared by the text report and the comments the
DOCX annotator writes (so both say the same thing the same way); the words are the catalogue's."""

from __future__ import annotations

from selkeys.limits import MAX_BLOCKS, MAX_FINDINGS, MAX_MARKDOWN_NESTING, MAX_SENTENCE_SCORES, MAX_WORD_CHARS
from selkeys.messages import text
from selkeys.model import Location


def section_name(location: Location, lang: str) -> str:
    """The heading a finding is grouped under: "§ 12 Päätösehdotus", "ylätunniste", ..."""
    if location.part in ("header", "footer", "footnote", "endnote"):
        return text(f"place.{location.part}", lang)
    return " ".join(p for p in (location.item, location.section) if p)  # "" before any heading


def describe(location: Location, lang: str) -> str:
    """Where to look: "§ 12 Päätösehdotus, kappale 14 (taulukko 1, rivi 2, sarake 3)"."""
    def word(name: str) -> str:
        return text(f"place.{name}", lang)

    named = " ".join(p for p in (location.item, location.section) if p)
    where = [named] if named else []
    if location.part in ("footnote", "endnote"):
        where.append(f"{word(location.part)} {location.note}" if location.note else word(location.part))
    elif location.part in ("header", "footer", "textbox"):
        where.append(word(location.part))
    if location.paragraph is not None:
        where.append(f"{word('paragraph')} {location.paragraph}")
    place = ", ".join(where) or word("paragraph")
    if location.table is not None:
        place += (f" ({word('table')} {location.table}, {word('row')} {location.row}, "
                  f"{word('column')} {location.column})")
    return place


def notice_lines(notices: dict[str, int], lang: str) -> list[str]:
    """Sentences about the file itself: tracked changes, comments already in it, macros, and
    what the limits on hostile input left unchecked (selkeys.limits)."""
    changes, comments = notices.get("tracked_changes", 0), notices.get("comments", 0)
    lines = []
    if changes:
        lines.append(text("notice.tracked_changes", lang, n=changes))
    if comments:
        lines.append(text("notice.comments_one" if comments == 1 else "notice.comments_many", lang, n=comments))
    if notices.get("macros"):
        lines.append(text("notice.macros", lang))
    if notices.get("legal_text"):
        lines.append(text("notice.legal_text", lang))
    if notices.get("long_words"):
        lines.append(text("notice.long_words", lang, n=notices["long_words"], limit=MAX_WORD_CHARS))
    if notices.get("blocks_capped"):
        lines.append(text("notice.blocks_capped", lang, n=notices["blocks_capped"], limit=MAX_BLOCKS))
    if notices.get("unread_from_line"):
        lines.append(text("notice.unread_from_line", lang, line=notices["unread_from_line"], limit=MAX_BLOCKS))
    if notices.get("findings_capped"):
        lines.append(text("notice.findings_capped", lang, n=notices["findings_capped"], limit=MAX_FINDINGS))
    if notices.get("sentences_capped"):
        lines.append(text("notice.sentences_capped", lang, n=notices["sentences_capped"], limit=MAX_SENTENCE_SCORES))
    if notices.get("deep_nesting"):
        lines.append(text("notice.deep_nesting", lang, n=notices["deep_nesting"], limit=MAX_MARKDOWN_NESTING))
    return lines


def proposal_line(item: str | None, section: str, score: float, rest: float, lang: str) -> str:
    """The note for a decision proposal that reads harder than the rest of its agenda item."""
    name = " ".join(p for p in (item, section) if p)
    return text("proposal.note", lang, name=name, score=f"{score:.0f}", rest=f"{rest:.0f}")
