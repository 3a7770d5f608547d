"""Where a long Markdown text can be cut into pieces that parse as the whole would.

markdown-it holds a token object for every list item, paragraph and table cell of what it
parses, several hundred bytes each, and its list rule slows down as a list grows: 10 MB of
one-line list items took three minutes and 5 GB parsed whole. Parsed in pieces of about
``CHUNK_CHARS``, each piece's tokens are freed before the next is read.

A cut is exact where a new top-level block must start whatever came before:
- after a blank line, at a line with no indentation (a paragraph, list item, block quote or
  table has ended; an indented line could still belong to a list item), and
- between two one-line list items of the same list (the list goes on in the next piece as a
  list of its own, with the same items),
never inside a fenced code block or an HTML block, which may hold blank lines and go on
unindented, and never inside a raw HTML block of the kind that ends at a blank line.

A stretch of ``MAX_CHUNK_CHARS`` without such a place (a table or paragraph of hundreds of
kilobytes with no blank line) is cut at a line start outside code and HTML: the paragraph or
table then continues in the next piece as a new one. No real document has such a stretch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

CHUNK_CHARS = 64_000
MAX_CHUNK_CHARS = 256_000

_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
# HTML blocks of CommonMark's kinds 1-5, which end at a marker rather than a blank line
_HTML_UNTIL_MARKER = (
    (re.compile(r" {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)", re.I),
     re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
    (re.compile(r" {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r" {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r" {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r" {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
)
# kinds 6 and 7, which end at a blank line: block-level tags, and any lone tag after a blank line
_HTML_BLOCK_TAG = re.compile(
    r" {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    r"details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|"
    r"header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|"
    r"search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|/?>|$)", re.I)
_HTML_LONE_TAG = re.compile(r" {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$")
_BULLET_ITEM = re.compile(r"([-*+])(?: |$)")
_ORDERED_ITEM = re.compile(r"\d{1,9}([.)])(?: |$)")


def _item_kind(line: str) -> str | None:
    """The kind of list item an unindented line starts ('-', '*', '+', '1.', '1)'), or None."""
    bullet = _BULLET_ITEM.match(line)
    if bullet:
        return bullet.group(1)
    ordered = _ORDERED_ITEM.match(line)
    return "1" + ordered.group(1) if ordered else None


def chunks(text: str, size: int | None = None) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line index) of pieces of ``text`` of about ``size`` characters
    (default ``CHUNK_CHARS``; more, to the next exact place) that together cover it, each
    ending at a line end; the whole text at once when it is at most ``size`` long."""
    size = CHUNK_CHARS if size is None else size
    if len(text) <= size:
        yield 0, len(text), 0
        return
    start = start_line = 0
    fence: tuple[str, int] | None = None  # an open top-level fence: its character and length
    html_end: re.Pattern | None = None  # an open HTML block's end marker
    html_to_blank = False  # an open HTML block that ends at a blank line
    previous_blank = True
    previous_item: str | None = None  # the kind of list item the previous line was
    pos = line_index = 0
    length = len(text)
    while pos < length:
        newline = text.find("\n", pos)
        end = length if newline < 0 else newline + 1
        line = text[pos:end].rstrip("\r\n")
        blank = not line.strip()
        free = fence is None and html_end is None and not html_to_blank  # outside code and HTML
        if free and pos - start >= size and not line.startswith((" ", "\t")) and not blank:
            item = _item_kind(line)
            # a bullet item always starts an item; an ordered one continues a list of its kind
            exact = previous_blank or (item is not None and previous_item is not None
                                       and (item == previous_item or item in ("-", "*", "+")))
            if exact or pos - start >= MAX_CHUNK_CHARS:
                yield start, pos, start_line
                start, start_line = pos, line_index
        elif free and pos - start >= MAX_CHUNK_CHARS and not blank:
            yield start, pos, start_line
            start, start_line = pos, line_index
        # the state after this line
        if fence is not None:
            close = _FENCE_OPEN.fullmatch(line)
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= fence[1] and not close.group(2).strip():
                fence = None
        elif html_end is not None:
            if html_end.search(line):
                html_end = None
        elif html_to_blank:
            html_to_blank = not blank
        else:
            opening = _FENCE_OPEN.fullmatch(line)
            if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
                fence = (opening.group(1)[0], len(opening.group(1)))
            else:
                for begins, ends in _HTML_UNTIL_MARKER:
                    found = begins.match(line)
                    if found:
                        html_end = None if ends.search(line, found.end()) else ends
                        break
                else:
                    html_to_blank = bool(_HTML_BLOCK_TAG.match(line)
                                         or (previous_blank and _HTML_LONE_TAG.match(line)))
        previous_blank = blank
        previous_item = _item_kind(line) if not line.startswith((" ", "\t")) else None
        pos = end
        line_index += 1
    yield start, length, start_line
