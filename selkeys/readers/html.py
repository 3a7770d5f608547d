"""HTML: visible prose only, with ``lang`` attributes and main-content extraction.

Built on the standard library's tokenizer (no recursion, so deeply nested or broken markup
cannot blow the stack) and driven with ``convert_charrefs=False`` so that every text piece
and entity keeps its exact source position.

When a page has ``<main>``, ``<article>`` or ``role="main"``, only that content is linted;
navigation, headers, footers, asides, forms, scripts and styles never are.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from selkeys.limits import BlockBudget
from selkeys.model import Block, Directive, Document, SourceMap
from selkeys.readers.directives import parse_comment

_SKIP = frozenset({"script", "style", "noscript", "template", "nav", "footer", "aside", "form", "select",
                   "option", "button", "svg", "math", "iframe", "object", "canvas", "head", "code", "pre",
                   "textarea", "audio", "video", "map"})
_SKIP_OUTSIDE_MAIN = frozenset({"header"})
_BLOCKS = {"p": "paragraph", "li": "list_item", "dd": "paragraph", "dt": "paragraph", "td": "table_cell",
           "th": "table_cell", "caption": "paragraph", "figcaption": "paragraph", "blockquote": "paragraph",
           "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
           "div": "paragraph", "section": "paragraph", "article": "paragraph", "main": "paragraph",
           "body": "paragraph", "ul": "paragraph", "ol": "paragraph", "dl": "paragraph", "table": "paragraph",
           "tr": "paragraph", "address": "paragraph", "summary": "heading", "details": "paragraph",
           "header": "paragraph", "label": "paragraph", "legend": "heading", "fieldset": "paragraph", "hr": "paragraph"}
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_MAIN_HINT = re.compile(r"<(?:main|article)\b|\brole\s*=\s*[\"']?main\b", re.I)
# class/id/role words of page furniture that sites put in plain <div>s
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:cookie\w*|consent|banner|breadcrumbs?|nav\w*|menu\w*|sidebar|skip(?:-link)?|share|social|"
    r"footer|header|search|pagination|toolbar|site-?map)(?:$|[\s_-])", re.I)
_BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"})
_LINE_BREAK = frozenset({"br"})


def _lang_of(attrs: list[tuple[str, str | None]]) -> str | None:
    for name, value in attrs:
        if name in ("lang", "xml:lang") and value:
            return value.strip().lower().split("-")[0] or None
    return None


def _is_furniture(attrs: list[tuple[str, str | None]]) -> bool:
    """Hidden elements and page furniture (menus, cookie banners, breadcrumbs) by attribute."""
    for name, value in attrs:
        if name == "hidden" or (name == "aria-hidden" and value == "true"):
            return True
        if name == "role" and value and value.strip().lower() in _BOILERPLATE_ROLES:
            return True
        if name in ("class", "id") and value and _BOILERPLATE.search(value):
            return True
    return False


class _Extractor(HTMLParser):
    def __init__(self, source: str, main_only: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.main_only = main_only
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]
        self.stack: list[tuple[str, bool, bool, bool]] = []  # tag, has lang, skips, is_main
        self.open_counts: dict[str, int] = {}
        self.langs: list[str] = []  # languages of the open elements that declare one
        self.skip_depth = 0
        self.main_depth = 0
        self.blocks = BlockBudget()
        self.directives: list[Directive] = []
        self.declared_lang: str | None = None
        self._parts: list[str] = []
        self._map = SourceMap()
        self._len = 0
        self._kind = "paragraph"
        self._block_lang: str | None = None
        self.stand_ins = False  # whether lone "<" and "&" were fed as stand-ins (see read_html)

    # -- positions -------------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    @property
    def _lang(self) -> str | None:
        return self.langs[-1] if self.langs else self.declared_lang

    @property
    def _visible(self) -> bool:
        return self.skip_depth == 0 and (not self.main_only or self.main_depth > 0)

    # -- block assembly --------------------------------------------------------------
    def _flush(self) -> None:
        text = "".join(self._parts)
        if text.strip():
            self.blocks.add(Block(text, self._map, self._kind, self._block_lang))
        self._parts, self._map, self._len = [], SourceMap(), 0

    def _emit(self, text: str, src_start: int, src_len: int) -> None:
        if not self._visible or not text:
            return
        if not self._parts:
            self._block_lang = self._lang
        elif self._lang != self._block_lang and text.strip():
            self._flush()
            self._block_lang = self._lang
        self._parts.append(text)
        self._map.add(self._len, src_start, len(text), src_len)
        self._len += len(text)

    # -- parser callbacks ------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = _lang_of(attrs)
        if tag == "html" and lang:
            self.declared_lang = lang
        if tag in _LINE_BREAK:
            text = self.get_starttag_text() or "<br>"
            self._emit("\n", self._offset(), len(text))
            return
        if tag in _BLOCKS:
            self._flush()
            self._kind = _BLOCKS[tag]
        if tag in _VOID:
            return
        is_main = tag in ("main", "article") or any(n == "role" and v == "main" for n, v in attrs)
        skips = tag in _SKIP or (tag in _SKIP_OUTSIDE_MAIN and self.main_depth == 0) or _is_furniture(attrs)
        self.stack.append((tag, lang is not None, skips, is_main))
        self.open_counts[tag] = self.open_counts.get(tag, 0) + 1
        if lang is not None:
            self.langs.append(lang)
        self.skip_depth += skips
        self.main_depth += is_main

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LINE_BREAK:
            self.handle_starttag(tag, attrs)
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if not self.open_counts.get(tag):
            return  # stray end tag: ignore rather than unwinding unrelated elements
        if tag in _BLOCKS:
            self._flush()
        while self.stack:
            name, has_lang, skips, is_main = self.stack.pop()
            self.open_counts[name] -= 1
            if has_lang:
                self.langs.pop()
            self.skip_depth -= skips
            self.main_depth -= is_main
            if name in _BLOCKS and name != tag:
                self._flush()
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self._emit(data.translate(_PUT_BACK) if self.stand_ins else data, self._offset(), len(data))

    def handle_entityref(self, name: str) -> None:
        raw = f"&{name};"
        start = self._offset()
        actual = raw if self.source.startswith(raw, start) else f"&{name}"
        self._emit(unescape(actual), start, len(actual))

    def handle_charref(self, name: str) -> None:
        start = self._offset()
        end = self.source.find(";", start, start + 12)
        raw = self.source[start:end + 1] if end != -1 else f"&#{name}"
        self._emit(unescape(raw), start, len(raw))

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        directive = parse_comment(data, start, start + len(data) + 7)
        if directive:
            self.directives.append(directive)


# "<" and "&" that cannot start markup ("<<", "& ") are plain text, but the standard parser
# hands them over one character and one loop turn at a time (5 MB of "<" took 49 s and 1.8 GB).
# Fed as stand-ins of the same length they come as one piece of text, and are put back in
# handle_data; a page that already holds a stand-in character is fed as it is.
_LONE = re.compile(r"<(?![a-zA-Z/!?])|&(?![#a-zA-Z])")
_STAND_IN = {"<": "\ue000", "&": "\ue001"}
_PUT_BACK = str.maketrans({v: k for k, v in _STAND_IN.items()})


def read_html(text: str, path: str) -> Document:
    extractor = _Extractor(text, main_only=bool(_MAIN_HINT.search(text)))
    if any(ch in text for ch in _STAND_IN.values()):
        extractor.feed(text)
    else:
        extractor.stand_ins = True
        extractor.feed(_LONE.sub(lambda m: _STAND_IN[m.group()], text))
    extractor.close()
    extractor._flush()
    return Document(path=path, source=text, format="html", blocks=extractor.blocks.blocks,
                    directives=extractor.directives, declared_lang=extractor.declared_lang,
                    notices=extractor.blocks.notices())
