"""Parsed pieces of a Markdown text kept between reads, for an editor that reads it after every edit.

The language server reads the whole document again after each keystroke, and markdown-it's
parse was most of that read (about 30 ms of a 10,000-word document, longer than the re-lint
of the one changed paragraph). With :class:`MarkdownPieces` the text is cut into small pieces
at places where a new block must start (:mod:`selkeys.readers.markdown_chunks`; such pieces
parse as the whole would), and a piece whose text, first line and link references are
unchanged keeps the tokens it was parsed into last time: an edit re-parses only its own
piece. Only the pieces of the latest read are kept, so the cache holds one document's tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

# about this many characters a piece: a few paragraphs, so an edit re-parses little
PIECE_CHARS = 2_000


class MarkdownPieces:
    """Tokens of the pieces of one document's latest read, by piece text, first line and the
    link references known (one per open document; not shared between threads)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, int, str], list["Token"]] = {}
        self._used: dict[tuple[str, int, str], list["Token"]] = {}

    def tokens(self, piece: str, first_line: int, references: str, parse: Callable[[str], list[Token]]) -> list[Token]:
        """The tokens of ``piece`` (lines numbered from ``first_line`` on), parsed by ``parse``
        unless the previous read had the same piece; ``references`` stands for the link
        references the parse sees."""
        key = (piece, first_line, references)
        tokens = self._kept.get(key)
        if tokens is None:
            tokens = parse(piece)
            for token in tokens:
                if token.map:
                    token.map = [token.map[0] + first_line, token.map[1] + first_line]
        self._used[key] = tokens
        return tokens

    def read_done(self) -> None:
        """Keep only the pieces this read used."""
        self._kept, self._used = self._used, {}
