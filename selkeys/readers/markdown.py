"""Markdown via markdown-it-py: prose blocks only, mapped back to exact source characters.

Skipped: front matter, code blocks and code spans, raw HTML (except suppression comments),
autolinks and images. Link text is kept; link targets are not. A long text is parsed in
pieces (markdown_chunks); reading stops after ``MAX_BLOCKS`` blocks or ``MAX_MARKDOWN_TOKENS``
parser tokens, with a notice of the line where the unread rest begins, since the parser's
cost is in its tokens (an empty list item has no text but costs as much as a full one).
"""

from __future__ import annotations

import bisect
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from selkeys.limits import MAX_MARKDOWN_NESTING, MAX_MARKDOWN_TOKENS, BlockBudget
from selkeys.model import Block, Directive, Document, SourceMap
from selkeys.readers.directives import find_comments
from selkeys.readers.markdown_chunks import CHUNK_CHARS, chunks
from selkeys.readers.markdown_pieces import PIECE_CHARS, MarkdownPieces

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_BLOCK_KINDS = {"paragraph_open": "paragraph", "heading_open": "heading", "th_open": "table_cell", "td_open": "table_cell"}

_CONTAINERS = frozenset({"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"})


def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark", options_update={"maxNesting": MAX_MARKDOWN_NESTING}).enable("table")


_parser = _commonmark()
_reference_parser = _commonmark()  # block rules only: reference definitions, no inline parsing
_reference_parser.core.ruler.enableOnly(["normalize", "block"])
_REFERENCE_LIKE = re.compile(r"^[ \t>]*\[[^\]\n]+\]:", re.M)  # may be a definition (also in a list or quote)


def _blank(text: str, start: int, end: int) -> str:
    """Replace a span by spaces, keeping newlines, so line numbers stay valid."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


class _InlineMapper:
    """Finds where each line of an inline token's content sits in the source."""

    def __init__(self, source: str, line_starts: list[int], token: Token, cursor: int) -> None:
        first_line = token.map[0] if token.map else 0
        self.line_offsets: list[tuple[int, int]] = []  # (content index, source offset)
        self._starts: list[int] = []
        search_from = max(cursor, line_starts[first_line])
        content_index = 0
        for line in token.content.split("\n"):
            found = source.find(line, search_from) if line else search_from
            if found < 0:
                found = search_from
            self.line_offsets.append((content_index, found))
            self._starts.append(content_index)
            search_from = found + len(line)
            content_index += len(line) + 1
        self.end = search_from

    def to_source(self, content_index: int) -> int:
        line = max(bisect.bisect_right(self._starts, content_index) - 1, 0)
        start, offset = self.line_offsets[line]
        return offset + (content_index - start)

    def same_line(self, start: int, end: int) -> bool:
        """Whether content[start:end] lies on one source line (and so maps as one run)."""
        return bisect.bisect_right(self._starts, start) == bisect.bisect_right(self._starts, max(end - 1, start))


def _inline_block(inline: Token, kind: str, source: str, line_starts: list[int], cursor: int,
                  directives: list[Directive]) -> tuple[Block, int]:
    mapper = _InlineMapper(source, line_starts, inline, cursor)
    content = inline.content
    smap = SourceMap()
    parts: list[str] = []
    length = 0
    pos = 0  # cursor in ``content``
    in_autolink = False
    for child in inline.children or []:
        ctype = child.type
        if ctype == "link_open":
            in_autolink = child.markup in ("autolink", "linkify")
        elif ctype == "link_close":
            in_autolink = False
        elif ctype == "text" and child.content and not in_autolink:
            found = content.find(child.content, pos)
            if found >= 0:
                parts.append(child.content)
                if mapper.same_line(found, found + len(child.content)):
                    smap.add(length, mapper.to_source(found), len(child.content))
                else:  # per char: the lines of a paragraph sit at different source offsets
                    for i in range(len(child.content)):
                        smap.add(length + i, mapper.to_source(found + i), 1)
                length += len(child.content)
                pos = found + len(child.content)
            else:  # escapes or entities: map what can be found, char by char
                for ch in child.content:
                    at = content.find(ch, pos)
                    src = mapper.to_source(at if at >= 0 else pos)
                    parts.append(ch)
                    smap.add(length, src, 1)
                    length += 1
                    pos = at + 1 if at >= 0 else pos
        elif ctype in ("softbreak", "hardbreak"):
            nl = content.find("\n", pos)
            at = mapper.to_source(nl if nl >= 0 else pos)
            parts.append("\n")
            smap.add(length, at, 1)
            length += 1
            pos = nl + 1 if nl >= 0 else pos
        elif ctype in ("code_inline", "html_inline", "image"):
            raw = child.markup + child.content + child.markup if ctype == "code_inline" else child.content
            found = content.find(raw, pos) if ctype != "image" else -1
            if ctype == "html_inline" and found >= 0:
                directives.extend(find_comments(child.content, mapper.to_source(found)))
            if ctype == "code_inline":  # keep words apart where the code span stood
                at = mapper.to_source(found if found >= 0 else pos)
                parts.append(" ")
                smap.add(length, at, 1, len(raw) if found >= 0 else 1)
                length += 1
            if found >= 0:
                pos = found + len(raw)
    return Block("".join(parts), smap, kind), mapper.end


def _references(parse_text: str) -> dict:
    """The link reference definitions of a text parsed in pieces: a definition may come after
    the links that use it (a list of links at the end is common), so they are read first,
    with the block rules only."""
    env: dict = {}
    if _REFERENCE_LIKE.search(parse_text):
        parsed = 0
        for start, end, _ in chunks(parse_text):
            if parsed > MAX_MARKDOWN_TOKENS:
                break
            parsed += len(_reference_parser.parse(parse_text[start:end], env))
    return env


def read_markdown(text: str, path: str, pieces: MarkdownPieces | None = None) -> Document:
    """The document's prose blocks; with ``pieces`` (an editor's, kept between reads) the text
    is parsed in small pieces and the pieces unchanged since the last read are not parsed again."""
    parse_text = text
    front = _FRONT_MATTER.match(text)
    if front:
        parse_text = _blank(text, 0, front.end())
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    size = CHUNK_CHARS if pieces is None else PIECE_CHARS
    env = _references(parse_text) if len(parse_text) > size else {}
    references = repr(env) if pieces is not None else ""
    blocks = BlockBudget()
    directives: list[Directive] = []
    notices: dict[str, int] = {}
    kind = "paragraph"
    in_list_item = 0
    cursor = 0
    deep = 0  # containers nested past MAX_MARKDOWN_NESTING (markdown-it skips their content)
    parsed = 0  # tokens parsed so far
    for start, end, first_line in chunks(parse_text, size):
        if blocks.full or parsed > MAX_MARKDOWN_TOKENS:
            notices["unread_from_line"] = first_line + 1
            break
        if pieces is None:
            tokens = _parser.parse(parse_text[start:end], env)
            for token in tokens:
                if token.map:
                    token.map = [token.map[0] + first_line, token.map[1] + first_line]
        else:
            tokens = pieces.tokens(parse_text[start:end], first_line, references,
                                   lambda piece: _parser.parse(piece, env))
        parsed += len(tokens)
        for token in tokens:
            ttype = token.type
            if ttype in _CONTAINERS and token.level == MAX_MARKDOWN_NESTING - 1:
                deep += 1  # a container at the parser's depth limit: what is inside it was not read
            if ttype == "list_item_open":
                in_list_item += 1
            elif ttype == "list_item_close":
                in_list_item -= 1
            elif ttype in _BLOCK_KINDS:
                kind = _BLOCK_KINDS[ttype]
                if kind == "paragraph" and in_list_item:
                    kind = "list_item"
            elif ttype == "html_block" and token.map:
                directives.extend(find_comments(token.content, line_starts[token.map[0]]))
            elif ttype == "inline" and token.map:
                if token.map[0] < len(line_starts) and line_starts[token.map[0]] > cursor:
                    cursor = line_starts[token.map[0]]
                block, cursor = _inline_block(token, kind, text, line_starts, cursor, directives)
                if block.text.strip():
                    if blocks.full:  # stop at the first block over the limit
                        notices["unread_from_line"] = token.map[0] + 1
                        break
                    blocks.add(block)
        if "unread_from_line" in notices:
            break
    if pieces is not None:
        pieces.read_done()
    if deep:
        notices["deep_nesting"] = deep
    return Document(path=path, source=text, format="markdown", blocks=blocks.blocks, directives=directives,
                    notices=notices)
