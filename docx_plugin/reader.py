"""A Word document's text as selkeys blocks, each with its Word location and its XML anchor.

The text is read as it reads with tracked changes accepted: insertions are kept, deletions
dropped. Fields, hyperlinks and content controls give their visible text; field codes and
hidden text are left out. Headers, footers, footnotes, endnotes and text boxes become blocks
of their own; comments already in the document are collected but not linted.

Each block keeps the XML elements its characters came from (``Anchor``), so the annotator
can put a comment on exactly the words a finding covers. The Document's ``source`` is a
synthetic plain text (the blocks separated by blank lines) that only gives offsets a home:
users see Word locations, never its line numbers.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from selkeys.docx_plugin.agenda import AgendaTracker, Place
from selkeys.docx_plugin.container import Package
from selkeys.limits import BlockBudget
from selkeys.model import Block, Document, Location, SourceMap

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, R, T, TBL, TR, TC, SDT, SDT_CONTENT = (q(t) for t in ("p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent"))
PPR, RPR, TXBX = q("pPr"), q("rPr"), q("txbxContent")
ALTERNATE, CHOICE, FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
_TEXT_CHARS = {q("tab"): "\t", q("ptab"): "\t", q("br"): "\n", q("cr"): "\n", q("noBreakHyphen"): "-"}
_TRANSPARENT = {q(t) for t in ("hyperlink", "smartTag", "fldSimple", "customXml", "dir", "bdo", "ins", "moveTo")}
_DROPPED = {q("del"), q("moveFrom")}
_CHANGES = {q(t) for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
                           "tblPrChange", "trPrChange", "tcPrChange", "numberingChange")}
_NOTE_REFS = {q("footnoteReference"): "footnote", q("endnoteReference"): "endnote"}
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_SKIPPED_NOTES = {"separator", "continuationSeparator", "continuationNotice"}
MIN_SPLIT_WORDS = 4


@dataclass(slots=True)
class Piece:
    """Characters ``start``..``end`` of a block's text come from ``element`` (a w:t, w:tab, ...)."""

    start: int
    end: int
    element: etree._Element


@dataclass(slots=True)
class Anchor:
    """Where a block's text sits in the XML: its pieces in the main document part, or (for
    headers, footers and notes, where Word keeps no comments) the place to comment instead."""

    part: str
    pieces: list[Piece] = field(default_factory=list)
    reference: etree._Element | None = None  # the body run that refers to a footnote or endnote


@dataclass(slots=True)
class DocxContent:
    document: Document
    anchors: list[Anchor]  # parallel to document.blocks
    comments: list[tuple[str, str]]  # comments already in the document: (author, text)
    tracked_changes: int
    macro_enabled: bool


@dataclass(slots=True)
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    numbered: bool = False
    lang: str | None = None


class _Styles:
    """Heading levels, list numbering and languages that paragraphs get from their styles."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_lang: str | None = None
        self.default_paragraph: str | None = None
        if root is None:
            return
        default = root.find(f"{q('docDefaults')}/{q('rPrDefault')}/{RPR}/{q('lang')}")
        if default is not None:
            self.default_lang = default.get(q("val"))
        for style in root.iter(q("style")):
            sid = style.get(q("styleId"))
            if not sid:
                continue
            name = style.find(q("name"))
            based = style.find(q("basedOn"))
            outline = style.find(f"{PPR}/{q('outlineLvl')}")
            lang = style.find(f"{RPR}/{q('lang')}")
            self.styles[sid] = _Style(
                name=name.get(q("val"), "") if name is not None else "",
                based_on=based.get(q("val")) if based is not None else None,
                outline=_int(outline.get(q("val"))) if outline is not None else None,
                numbered=style.find(f"{PPR}/{q('numPr')}") is not None,
                lang=lang.get(q("val")) if lang is not None else None,
            )
            if style.get(q("type")) == "paragraph" and style.get(q("default")) in ("1", "true", "on"):
                self.default_paragraph = sid

    def _chain(self, sid: str | None):
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def heading_level(self, sid: str | None) -> int | None:
        for style in self._chain(sid):
            name = style.name.strip().lower()
            if name == "title":
                return 0
            match = _HEADING_NAME.match(name)
            if match:
                return int(match.group(1))
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
        return None

    def numbered(self, sid: str | None) -> bool:
        return any(style.numbered for style in self._chain(sid))

    def lang(self, sid: str | None) -> str | None:
        return next((style.lang for style in self._chain(sid) if style.lang), None)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _on(element: etree._Element | None) -> bool:
    """A Word toggle property (w:vanish, ...) is on unless its value says off."""
    return element is not None and element.get(q("val"), "true") not in ("0", "false", "off")


def _first_choice(alternate: etree._Element) -> etree._Element | None:
    """Of mc:AlternateContent, the content Word shows (the first Choice), else the Fallback."""
    return alternate.find(CHOICE) if alternate.find(CHOICE) is not None else alternate.find(FALLBACK)


def _textboxes(element: etree._Element):
    """Outermost text box contents inside a drawing, VML picture or embedded object."""
    for child in element:
        if child.tag == TXBX:
            yield child
        elif child.tag == ALTERNATE:
            chosen = _first_choice(child)
            if chosen is not None:
                yield from _textboxes(chosen)
        elif child.tag != FALLBACK:
            yield from _textboxes(child)


@dataclass(slots=True)
class _Paragraph:
    """What one w:p holds once tracked changes are accepted."""

    text: list[str] = field(default_factory=list)
    length: int = 0
    pieces: list[Piece] = field(default_factory=list)
    piece_langs: list[str | None] = field(default_factory=list)  # trusted language (fi/sv) per piece
    notes: list[tuple[str, str, etree._Element]] = field(default_factory=list)  # (kind, id, run)
    textboxes: list[etree._Element] = field(default_factory=list)

    def add(self, chars: str, element: etree._Element, lang: str | None) -> None:
        if not chars:
            return
        self.text.append(chars)
        self.pieces.append(Piece(self.length, self.length + len(chars), element))
        self.piece_langs.append(_trusted(lang))
        self.length += len(chars)

    def by_language(self) -> list[tuple[str | None, list[Piece]]]:
        """The paragraph as one or more (language, pieces) parts.

        A paragraph is split where Word's tags change between Finnish and Swedish at the end of
        a sentence and both sides have at least ``MIN_SPLIT_WORDS`` words (a bilingual
        paragraph "Finnish sentences. Swedish sentences."); a Swedish name or a short quote
        inside a Finnish sentence never splits it, and then the tags on most characters decide.
        """
        parts: list[list] = []  # [language, piece indexes]; lists are extended in place (linear)
        ends = self._sentence_ends()
        for i, lang in enumerate(self.piece_langs):
            if parts and lang is not None and parts[-1][0] not in (None, lang) and ends[i]:
                parts.append([lang, [i]])
            elif parts:
                parts[-1][0] = parts[-1][0] or lang
                parts[-1][1].append(i)
            else:
                parts.append([lang, [i]])
        merged: list[list] = []
        for lang, indexes in parts:
            if merged and (self._words(indexes) < MIN_SPLIT_WORDS or self._words(merged[-1][1]) < MIN_SPLIT_WORDS):
                merged[-1][1].extend(indexes)
            else:
                merged.append([lang, indexes])
        if len(merged) == 1:
            return [(self._majority(range(len(self.pieces))), self.pieces)]
        return [(self._majority(indexes), [self.pieces[i] for i in indexes]) for _, indexes in merged]

    def _sentence_ends(self) -> list[bool]:
        """Per piece, whether a sentence ends before it: nothing but white space before it, or
        its last visible character ends a sentence, or a tab or break comes just before it.
        One pass (joining all earlier text for every piece was quadratic in a paragraph)."""
        ends, last = [], ""
        for i, chars in enumerate(self.text):
            ends.append(not last or last in ".!?:;)" or (i > 0 and self.text[i - 1] in ("\t", "\n")))
            visible = chars.rstrip()
            if visible:
                last = visible[-1]
        return ends

    def _words(self, indexes: list[int]) -> int:
        return len("".join(self.text[i] for i in indexes).split())

    def _majority(self, indexes) -> str | None:
        """The trusted language of most characters (untrusted and untagged text has no vote)."""
        weight: Counter = Counter()
        for i in indexes:
            if self.piece_langs[i]:
                weight[self.piece_langs[i]] += len(self.text[i])
        return weight.most_common(1)[0][0] if weight else None


class _Walker:
    """Walks the parts of one document, producing blocks with locations and anchors."""

    def __init__(self, styles: _Styles, anchored: bool = True) -> None:
        """``anchored=False`` keeps no XML elements (reading for ``check``, where the body is
        streamed and each finished part of it is freed)."""
        self.styles = styles
        self.anchored = anchored
        self.budget = BlockBudget()
        self.blocks = self.budget.blocks
        self.anchors: list[Anchor] = []
        self.paragraphs = 0
        self.tables: Counter = Counter()  # per part: a header's first table is its table 1
        self.agenda = AgendaTracker()
        self.note_order: dict[tuple[str, str], int] = {}  # (kind, id) -> number as displayed
        self.notes_seen: Counter = Counter()
        self.note_refs: dict[tuple[str, str], tuple[etree._Element, Place]] = {}

    # -- containers ----------------------------------------------------------------
    def container(self, element: etree._Element, part: str, cell: tuple[int, int, int] | None = None,
                  note: int | None = None, reference: etree._Element | None = None,
                  place: Place | None = None) -> None:
        for child in element:
            self.child(child, part, cell, note, reference, place)

    def child(self, child: etree._Element, part: str, cell: tuple[int, int, int] | None = None,
              note: int | None = None, reference: etree._Element | None = None, place: Place | None = None) -> None:
        """One element of a container: a paragraph, a table, or a wrapper around more of them."""
        tag = child.tag
        if tag == P:
            self.paragraph(child, part, cell, note, reference, place)
        elif tag == TBL:
            self.table(child, part, note, reference, place)
        elif tag in (SDT, q("customXml")):
            content = child.find(SDT_CONTENT) if tag == SDT else child
            if content is not None:
                self.container(content, part, cell, note, reference, place)
        elif tag == ALTERNATE:
            chosen = _first_choice(child)
            if chosen is not None:
                self.container(chosen, part, cell, note, reference, place)

    def table(self, tbl: etree._Element, part: str, note: int | None, reference, place) -> None:
        self.tables[part] += 1
        number = self.tables[part]
        for row_number, row in enumerate(_children(tbl, TR), start=1):
            if row.find(f"{q('trPr')}/{q('del')}") is not None:  # a deleted row, once accepted
                continue
            column = 1
            for cell in _children(row, TC):
                self.container(cell, part, (number, row_number, column), note, reference, place)
                span = cell.find(f"{q('tcPr')}/{q('gridSpan')}")
                column += max(_int(span.get(q("val"))) or 1, 1) if span is not None else 1

    # -- paragraphs ----------------------------------------------------------------
    def paragraph(self, p: etree._Element, part: str, cell, note, reference, place: Place | None) -> None:
        if self.budget.full:  # over the limit: paragraphs with text are only counted
            self.budget.dropped += any(t.text and t.text.strip() for t in p.iter(T))
            return
        ppr = p.find(PPR)
        style_el = ppr.find(q("pStyle")) if ppr is not None else None
        style = style_el.get(q("val")) if style_el is not None else self.styles.default_paragraph
        # what runs without a language of their own get (the paragraph mark's own tag is only the mark's)
        para_lang = self.styles.lang(style) or self.styles.default_lang
        content = _Paragraph()
        self.runs(p, content, para_lang)
        text = "".join(content.text)
        for kind, note_id, run in content.notes:
            if (kind, note_id) not in self.note_order:
                self.notes_seen[kind] += 1
                self.note_order[(kind, note_id)] = self.notes_seen[kind]
            self.note_refs.setdefault((kind, note_id), (run if self.anchored else None, self.agenda.place))
        if text.strip():
            self.emit(text, content, ppr, style, part, cell, note, reference, place)
        for box in content.textboxes:
            self.container(box, "textbox" if part == "body" else part, None, note, reference,
                           self.agenda.place if part == "body" else place)

    def emit(self, text: str, content: _Paragraph, ppr, style: str | None, part: str, cell, note,
             reference, place: Place | None) -> None:
        """Add a paragraph with text as a block (agenda labels on their own line only move the section)."""
        level = self.styles.heading_level(style)
        outline_el = ppr.find(q("outlineLvl")) if ppr is not None else None
        outline = _int(outline_el.get(q("val"))) if outline_el is not None else None
        if outline is not None and outline < 9:  # a level set on the paragraph itself wins
            level = outline + 1
        numbered = (ppr is not None and ppr.find(q("numPr")) is not None) or self.styles.numbered(style)
        kind = "heading" if level is not None else "table_cell" if cell else "list_item" if numbered else "paragraph"
        number = None
        if part == "body":
            self.paragraphs += 1
            number = self.paragraphs
            place = self.agenda.observe(text, level is not None)
            if place.is_label:  # "Päätösehdotus" on a line of its own: structure, not prose
                return
        place = place or Place()
        table, row, column = cell or (None, None, None)
        location = Location(part=part, paragraph=number, item=place.item, section=place.section,
                            role=place.role, level=level, table=table, row=row, column=column, note=note)
        for lang, pieces in content.by_language():
            first = pieces[0].start
            block_text = text[first:pieces[-1].end]
            rebased = [Piece(piece.start - first, piece.end - first, piece.element) for piece in pieces] \
                if self.anchored else []
            self.budget.add(Block(block_text, SourceMap(), kind, lang, location))
            self.anchors.append(Anchor(part, rebased, reference if self.anchored else None))

    def runs(self, element: etree._Element, content: _Paragraph, lang: str | None) -> None:
        for child in element:
            tag = child.tag
            if tag == R:
                self.run(child, content, lang)
            elif tag in _TRANSPARENT:
                self.runs(child, content, lang)
            elif tag == SDT:
                inner = child.find(SDT_CONTENT)
                if inner is not None:
                    self.runs(inner, content, lang)
            elif tag == ALTERNATE:
                chosen = _first_choice(child)
                if chosen is not None:
                    self.runs(chosen, content, lang)

    def run(self, r: etree._Element, content: _Paragraph, para_lang: str | None) -> None:
        rpr = r.find(RPR)
        lang = para_lang
        if rpr is not None:
            if _on(rpr.find(q("vanish"))):
                return
            lang_el = rpr.find(q("lang"))
            style_el = rpr.find(q("rStyle"))
            if lang_el is not None and lang_el.get(q("val")):
                lang = lang_el.get(q("val"))
            elif style_el is not None:
                lang = self.styles.lang(style_el.get(q("val"))) or para_lang
        for child in r:
            tag = child.tag
            if tag == T:
                content.add(child.text or "", child, lang)
            elif tag in _TEXT_CHARS:
                content.add(_TEXT_CHARS[tag], child, None)
            elif tag in _NOTE_REFS:
                content.notes.append((_NOTE_REFS[tag], child.get(q("id"), ""), r))
            elif tag in (q("drawing"), q("pict"), q("object")):
                content.textboxes.extend(_textboxes(child))
            elif tag == ALTERNATE:
                chosen = _first_choice(child)
                if chosen is not None:
                    content.textboxes.extend(_textboxes(chosen))


def _children(element: etree._Element, tag: str):
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            inner = child.find(SDT_CONTENT)
            if inner is not None:
                yield from _children(inner, tag)
        elif child.tag == q("customXml"):
            yield from _children(child, tag)


def _trusted(tag: str | None) -> str | None:
    """'fi' or 'sv' from a Word language tag (fi-FI, sv-FI, sv-SE), else None.

    Only Finnish and Swedish tags are trusted: Word templates tag text en-US by default, so an
    English tag on Finnish text is common and must not switch linting off; such text (and
    untagged text) is left to detection.
    """
    base = (tag or "").split("-")[0].lower()
    return base if base in ("fi", "sv") else None


def _count_changes(root: etree._Element) -> int:
    return sum(1 for _ in root.iter(*_CHANGES))


def _stream_part(package: Package, name: str, parent_tag: str | None, visit) -> int:
    """Call ``visit`` on each child of a part's first ``parent_tag`` element (None: of its root)
    as the XML is parsed, freeing each when done: memory stays flat however many paragraphs
    or notes the part has (a 1.25-million-paragraph document took 11.7 GB as a tree).
    Returns the tracked changes in the part."""
    changes = 0
    parent = None
    for _, element in package.iterparse(name, ("end",)):  # a child ends before its parent
        up = element.getparent()
        if up is None:  # the root, last: what is left outside the children
            changes += _count_changes(element)
            continue
        if parent is None and (up.tag == parent_tag if parent_tag else up.getparent() is None):
            parent = up
        if up is not parent:
            continue
        visit(element)
        changes += _count_changes(element)
        element.clear()
        while element.getprevious() is not None:
            del parent[0]
    return changes


# headers and footers up to this size are compared with those before them (read twice); a
# larger one, which no real document has, is taken as it is
MAX_COMPARED_HEADER = 1_000_000


def _part_text(package: Package, name: str) -> tuple[str, int]:
    """A digest of a part's text (to tell repeated headers apart) and its tracked changes, read
    as a stream."""
    digest = hashlib.sha256()
    changes = _stream_part(package, name, None,
                           lambda child: digest.update("".join(t.text or "" for t in child.iter(T)).encode()))
    return digest.hexdigest(), changes


def _stream_rest(package: Package, rels: dict[str, tuple[str, str]], walker: _Walker,
                 comments: list[tuple[str, str]]) -> int:
    """Headers, footers, notes and comments of ``check``, each part read as a stream like the
    body; returns their tracked changes."""
    changes = 0
    seen_texts: set[str] = set()
    for kind in ("header", "footer"):
        for target in _part_names(rels, f"/{kind}"):
            if package.size(target) <= MAX_COMPARED_HEADER:
                text, part_changes = _part_text(package, target)
                if text in seen_texts:  # first-page and even-page headers often repeat the default one
                    changes += part_changes
                    continue
                seen_texts.add(text)
            changes += _stream_part(package, target, None, lambda child, kind=kind: walker.child(child, kind))
    for kind in ("footnote", "endnote"):
        for target in _part_names(rels, f"/{kind}s"):
            changes += _stream_part(package, target, None, lambda note, kind=kind: _note(walker, note, kind))
    for target in _part_names(rels, "/comments"):
        _stream_part(package, target, None, lambda comment: _comment(comment, comments))
    return changes


def _note(walker: _Walker, note: etree._Element, kind: str) -> None:
    if note.tag != q(kind) or note.get(q("type")) in _SKIPPED_NOTES:
        return
    key = (kind, note.get(q("id"), ""))
    run, place = walker.note_refs.get(key, (None, None))
    walker.container(note, kind, None, walker.note_order.get(key), run, place)


def _comment(comment: etree._Element, comments: list[tuple[str, str]]) -> None:
    if comment.tag == q("comment"):
        text = "\n".join("".join(t.text or "" for t in p.iter(T)) for p in comment.iter(P))
        comments.append((comment.get(q("author"), ""), text))


def _part_names(rels: dict[str, tuple[str, str]], suffix: str) -> list[str]:
    return [target for _, target in sorted((t for t in rels.values() if t[0].endswith(suffix)), key=lambda t: t[1])]


def _part_roots(package: Package, rels: dict[str, tuple[str, str]], suffix: str) -> list[tuple[str, etree._Element]]:
    roots = []
    for target in _part_names(rels, suffix):
        root = package.xml(target)
        if root is not None:
            roots.append((target, root))
    return roots


def read_docx_package(package: Package, main_root: etree._Element | None = None) -> DocxContent:
    """Blocks, anchors and facts of an opened package.

    ``main_root`` lets the annotator pass the main part as python-docx parsed it, so that the
    anchors point into the tree it will save.
    """
    rels = package.relationships(package.main_part)
    styles_part = next((target for kind, target in rels.values() if kind.endswith("/styles")), None)
    walker = _Walker(_Styles(package.xml(styles_part) if styles_part else None), anchored=main_root is not None)
    comments: list[tuple[str, str]] = []
    if main_root is None:  # check: every part as a stream
        changes = _stream_part(package, package.main_part, q("body"), lambda child: walker.child(child, "body"))
        changes += _stream_rest(package, rels, walker, comments)
    else:  # annotate: the anchors point into the trees python-docx will save
        body = main_root.find(q("body"))
        if body is not None:
            walker.container(body, "body")
        changes = _count_changes(main_root) + _tree_rest(package, rels, walker, comments)
    return _document(package, walker, comments, changes)


def _tree_rest(package: Package, rels: dict[str, tuple[str, str]], walker: _Walker,
               comments: list[tuple[str, str]]) -> int:
    """Headers, footers, notes and comments of ``annotate``, each part read as a tree."""
    changes = 0
    seen_texts: set[str] = set()
    for kind in ("header", "footer"):
        for _, part_root in _part_roots(package, rels, f"/{kind}"):
            changes += _count_changes(part_root)
            text = "".join(t.text or "" for t in part_root.iter(T))
            if text in seen_texts:  # first-page and even-page headers often repeat the default one
                continue
            seen_texts.add(text)
            walker.container(part_root, kind)
    for kind in ("footnote", "endnote"):
        for _, part_root in _part_roots(package, rels, f"/{kind}s"):
            changes += _count_changes(part_root)
            for note in part_root.iter(q(kind)):
                _note(walker, note, kind)
    for _, part_root in _part_roots(package, rels, "/comments"):
        for comment in part_root.iter(q("comment")):
            _comment(comment, comments)
    return changes


def _document(package: Package, walker: _Walker, comments: list[tuple[str, str]], changes: int) -> DocxContent:
    parts: list[str] = []
    offset = 0
    for block in walker.blocks:
        block.source_map.add(0, offset, len(block.text))
        parts.append(block.text)
        offset += len(block.text) + 2
    notices = {"tracked_changes": changes, "comments": len(comments), "macros": int(package.macro_enabled),
               **walker.budget.notices()}
    document = Document(path=package.path, source="\n\n".join(parts), format="docx", blocks=walker.blocks,
                        declared_lang=_trusted(walker.styles.default_lang),
                        notices={k: v for k, v in notices.items() if v})
    return DocxContent(document, walker.anchors, comments, changes, package.macro_enabled)
