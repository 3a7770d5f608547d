"""Readers turn bytes into a :class:`~selkeys.model.Document` of prose blocks.

Each reader keeps a source map per block so that findings point at exact characters of the
original file, whatever markup was stripped on the way.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from selkeys.model import Document
from selkeys.readers.decode import InputError, decode
from selkeys.readers.text import read_text

if TYPE_CHECKING:  # markdown-it is imported only when Markdown is read
    from selkeys.readers.markdown_pieces import MarkdownPieces

__all__ = ["InputError", "Limits", "read_input", "read_path", "read_bytes", "read_file_bytes", "is_regular_file", "size_text", "format_for", "register_reader", "DEFAULT_MAX_BYTES",
           "DEFAULT_MAX_UNPACKED", "SUPPORTED_SUFFIXES"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# Packaged formats (a .docx is a ZIP of XML parts) are refused when their parts would unpack to
# more than this: a small file can hide gigabytes of compressed zeros.
DEFAULT_MAX_UNPACKED = 200 * 1024 * 1024

# bytes, path, unpacked-size limit -> Document
BinaryReader = Callable[[bytes, str, int], Document]
_BINARY_READERS: dict[str, BinaryReader] = {}


def register_reader(suffixes: Iterable[str], reader: BinaryReader) -> None:
    """Let a front-end package (the DOCX plugin) read a binary format by file suffix.

    The engine must not import front-ends, so the plugin registers itself when imported;
    registered suffixes are read before any text decoding is tried.
    """
    for suffix in suffixes:
        _BINARY_READERS[suffix.lower()] = reader

_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
SUPPORTED_SUFFIXES = frozenset(_FORMATS)


def _reader(fmt: str) -> Callable[[str, str], Document]:
    """The reader of a text format. Markdown and HTML are imported when first read: their
    parsers (markdown-it, html.parser) were a tenth of the start-up of checking a .txt file."""
    if fmt == "markdown":
        from selkeys.readers.markdown import read_markdown

        return read_markdown
    if fmt == "html":
        from selkeys.readers.html import read_html

        return read_html
    return read_text


def format_for(path: str) -> str:
    """Format from the file name; unknown suffixes are read as plain text."""
    return _FORMATS.get(Path(path).suffix.lower(), "text")


_UNSUPPORTED = {
    # read when the DOCX plugin (selkeys.docx_plugin) is imported, as the selkeys command does
    ".docx": "Word documents need the DOCX plugin: import selkeys.docx_plugin (the selkeys command does)",
    ".docm": "Word documents need the DOCX plugin: import selkeys.docx_plugin (the selkeys command does)",
    ".doc": "old binary Word format; save as .docx, HTML or plain text",
    ".odt": "OpenDocument text is not read; save it as a Word document (.docx), or as HTML or plain text",
    ".rtf": "RTF is not read; save it as a Word document (.docx), or as HTML or plain text",
    ".pdf": "PDF is not read; copy the text into a .txt file",
}


def read_bytes(data: bytes, path: str, fmt: str | None = None, max_unpacked: int = DEFAULT_MAX_UNPACKED,
               pieces: MarkdownPieces | None = None) -> Document:
    """The document in ``data``; ``pieces`` (an editor's, per open document) keeps a Markdown
    text's parsed pieces between reads, so that after an edit only the changed piece is parsed."""
    suffix = Path(path).suffix.lower()
    if fmt is None and suffix in _BINARY_READERS:
        return _BINARY_READERS[suffix](data, path, max_unpacked)
    unsupported = _UNSUPPORTED.get(suffix) if fmt is None else None
    if unsupported:
        raise InputError(path, unsupported)
    text = decode(data, path)
    fmt = fmt or format_for(path)
    if pieces is not None and fmt == "markdown":
        from selkeys.readers.markdown import read_markdown

        return read_markdown(text, path, pieces)
    return _reader(fmt)(text, path)


class Limits(Protocol):
    """The reader guards a configuration sets (:class:`selkeys.config.Config` has them)."""

    max_file_size: int
    max_docx_uncompressed: int


def read_input(path: str, limits: Limits, data: bytes | None = None, fmt: str | None = None) -> Document:
    """Read a file (or ``data`` already read for ``path``, such as standard input) with every
    guard ``limits`` sets: the size limit, the unpack limit of packaged formats, the encoding
    checks and, for files, regular files only. Front-ends read their inputs through this one
    function so that no output format or command skips a guard."""
    if data is None:
        data = read_file_bytes(path, limits.max_file_size)
    elif len(data) > limits.max_file_size:
        raise InputError(path, f"input is over the limit of {size_text(limits.max_file_size)} "
                               "(raise it with --max-file-size)")
    return read_bytes(data, path, fmt, limits.max_docx_uncompressed)


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None,
              max_unpacked: int = DEFAULT_MAX_UNPACKED) -> Document:
    """Read a file, refusing oversized input before it is loaded into memory."""
    return read_bytes(read_file_bytes(path, max_bytes), path, fmt, max_unpacked)


def read_file_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, refused with a clear InputError when missing, unreadable, not a regular
    file or over ``max_bytes`` (checked before loading, and again in case it grows while read).

    The file is opened without blocking and checked through the open descriptor: opening a
    FIFO normally waits for a writer, so a named pipe (or a device, a socket) in a folder
    would hang the run, and checking the name first would leave a moment to swap the file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError(path, "is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(path, f"is not a regular file ({_file_kind(info.st_mode)}); only files are read")
            if info.st_size > max_bytes:
                raise InputError(
                    path,
                    f"file is {size_text(info.st_size)}, over the limit of {size_text(max_bytes)} "
                    "(split it, or raise the limit with --max-file-size)",
                )
            with os.fdopen(fd, "rb") as fh:
                fd = -1  # closed with fh
                data = fh.read(max_bytes + 1)
        finally:
            if fd != -1:
                os.close(fd)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(path, f"file grew past the limit of {size_text(max_bytes)} while reading")
    return data


def is_regular_file(path: str) -> bool:
    """Whether ``path`` is (or links to) a regular file: what a folder run reads."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # gone or unreadable: reading it says which


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def size_text(n: int) -> str:
    """A size limit or file size as people read it: bytes under 10,000, else kB, else MB
    with one decimal (a limit of 2000 bytes must not print as "0.0 MB")."""
    if n < 10_000:
        return f"{n} bytes"
    if n < 1_048_576:
        return f"{n / 1024:.0f} kB"
    return f"{n / 1_048_576:.1f} MB"
