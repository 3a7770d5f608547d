"""Word (.docx) documents for selkeys: reading them, and writing findings back as comments.

Importing this package registers the reader with the engine (``selkeys.readers``), so every
front-end that imports it lints .docx files like any other format; the engine itself never
imports this package.
"""

from __future__ import annotations

from selkeys.docx_plugin.container import open_package
from selkeys.docx_plugin.reader import DocxContent, read_docx_package
from selkeys.model import Document
from selkeys.readers import DEFAULT_MAX_UNPACKED, register_reader

__all__ = ["read_docx", "read_docx_content", "DocxContent", "WORD_SUFFIXES"]

# .doc is registered too, so that an old binary file gets its own message (and a .docx saved
# under a .doc name is still read); .dotx is a template with the same structure.
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".doc")


def read_docx_content(data: bytes, path: str, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> DocxContent:
    """Blocks with Word locations and XML anchors, plus the document's facts."""
    return read_docx_package(open_package(data, path, max_unpacked))


def read_docx(data: bytes, path: str, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> Document:
    """The reader the engine calls for Word suffixes."""
    return read_docx_content(data, path, max_unpacked).document


register_reader(WORD_SUFFIXES, read_docx)
