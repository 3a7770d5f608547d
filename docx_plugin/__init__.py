"""Word (.docx) documents for selkeys: reading them, and writing findings back as comments.

Importing this package registers the reader with the engine (``selkeys.readers``), so every
front-end that imports it lints .docx files like any other format; the engine itself never
imports this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from selkeys.model import Document
from selkeys.readers import DEFAULT_MAX_UNPACKED, register_reader

if TYPE_CHECKING:
    from selkeys.docx_plugin.reader import DocxContent

__all__ = ["read_docx", "read_docx_content", "WORD_SUFFIXES"]

# .doc is registered too, so that an old binary file gets its own message (and a .docx saved
# under a .doc name is still read); .dotx is a template with the same structure.
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".doc")


def read_docx_content(data: bytes, path: str, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> "DocxContent":
    """Blocks with Word locations and XML anchors, plus the document's facts.

    lxml and the reader are imported here, on the first Word file, not when the selkeys
    command starts: most runs lint no Word file and should not pay for them."""
    from selkeys.docx_plugin.container import open_package
    from selkeys.docx_plugin.reader import read_docx_package

    return read_docx_package(open_package(data, path, max_unpacked))


def read_docx(data: bytes, path: str, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> Document:
    """The reader the engine calls for Word suffixes."""
    return read_docx_content(data, path, max_unpacked).document


register_reader(WORD_SUFFIXES, read_docx)
