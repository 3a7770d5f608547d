"""Byte decoding with errors a user can act on."""

from __future__ import annotations

import codecs


class InputError(Exception):
    """A file that cannot be linted; the message names the file and what is wrong."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# UTF-32's little-endian BOM begins with UTF-16's (FF FE), so it must be tried first: read as
# UTF-16, a UTF-32 text becomes a string of NULs and letters with no words, and a clean exit.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM), or UTF-16 or UTF-32 with BOM; anything else is an error.

    Guessing legacy encodings silently would shift every reported column, so undecodable
    input is refused with the position of the first bad byte instead.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    else:
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError as exc:
                    raise InputError(path, f"invalid {encoding.upper()} at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "looks like a binary file (contains NUL bytes); only text, Markdown and HTML are read")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, byte offset {exc.start}); "
            "save the file as UTF-8",
        ) from None
