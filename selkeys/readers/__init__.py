"""Readers turn bytes into a :class:`~selkeys.model.Document` of prose blocks.

Each reader keeps a source map per block so that findings point at exact characters of the
original file, whatever markup was stripped on the way.
"""

from __future__ import annotations

import os
from pathlib import Path

from selkeys.model import Document
from selkeys.readers.decode import InputError, decode
from selkeys.readers.html import read_html
from selkeys.readers.markdown import read_markdown
from selkeys.readers.text import read_text

__all__ = ["InputError", "read_path", "read_bytes", "format_for", "DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

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

_READERS = {"text": read_text, "markdown": read_markdown, "html": read_html}


def format_for(path: str) -> str:
    """Format from the file name; unknown suffixes are read as plain text."""
    return _FORMATS.get(Path(path).suffix.lower(), "text")


_UNSUPPORTED = {
    ".docx": "Word documents are not read yet; save as HTML or plain text (File > Save as)",
    ".docm": "Word documents are not read yet; save as HTML or plain text (File > Save as)",
    ".doc": "old binary Word format; save as .docx, HTML or plain text",
    ".odt": "OpenDocument text is not read; save as HTML or plain text",
    ".rtf": "RTF is not read; save as HTML or plain text",
    ".pdf": "PDF is not read; copy the text into a .txt file",
}


def read_bytes(data: bytes, path: str, fmt: str | None = None) -> Document:
    unsupported = _UNSUPPORTED.get(Path(path).suffix.lower()) if fmt is None else None
    if unsupported:
        raise InputError(path, unsupported)
    text = decode(data, path)
    fmt = fmt or format_for(path)
    return _READERS[fmt](text, path)


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None) -> Document:
    """Read a file, refusing oversized input before it is loaded into memory."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise InputError(
                path,
                f"file is {size / 1_048_576:.1f} MB, over the limit of {max_bytes / 1_048_576:.1f} MB "
                "(split it, or raise the limit with --max-file-size)",
            )
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(path, f"file grew past the limit of {max_bytes / 1_048_576:.1f} MB while reading")
    return read_bytes(data, path, fmt)
