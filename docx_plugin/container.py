"""Opening a Word file safely: the ZIP package, its limits and its XML parts.

A .docx arrives from e-mail and document systems, so it is treated as hostile until its
parts are known to be sane. Every refusal is cheap (decided from the ZIP directory or a scan
of one part's bytes) and names the problem in terms a user can act on:

- old binary .doc and password-protected files are OLE compound files, recognised by their
  signature and the names of their streams;
- a ZIP bomb is refused from the sizes the ZIP directory declares, before anything is
  unpacked; reading a part never returns more than its declared size;
- a part with a DTD or entity declarations is refused before parsing (Word never writes
  them; they are how XXE and "billion laughs" attacks start), and the parser itself never
  resolves entities or touches the network.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from selkeys.readers import InputError, size_text

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_MEMBERS = 10_000
# Deflate can reach about 1000:1 on zeros; Word's XML stays far below 100:1 in practice.
MAX_RATIO = 300
RATIO_CHECK_FROM = 1024 * 1024  # tiny parts may compress oddly without being dangerous
REL_OFFICE_DOCUMENT = "/officeDocument"
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True)
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _ole_reason(data: bytes) -> str:
    """Why an OLE compound file cannot be read, from the names of its streams (stored in
    UTF-16 in the file's directory)."""
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return ("the document is password-protected (encrypted), so its text cannot be read; "
                "remove the password in Word (File > Info > Protect Document > Encrypt with Password) "
                "and save it again")
    if "WordDocument".encode("utf-16-le") in data:
        return ("old binary Word format (.doc), which selkeys does not read; save it as .docx in Word, "
                "or convert it: soffice --headless --convert-to docx FILE.doc")
    return "an old-format Office file (OLE compound file), not a Word .docx document"


def _not_zip_reason(data: bytes) -> str:
    head = data[:64].lstrip()
    if head.startswith(b"{\\rtf"):
        return "an RTF file with a Word name; save it as .docx in Word or LibreOffice"
    if head[:15].lower().startswith((b"<html", b"<!doctype html", b"<?xml")):
        return "an HTML or XML file with a Word name; save it as .docx, or lint it under an .html name"
    if not data:
        return "the file is empty"
    return "not a Word document: a .docx is a ZIP package and this file is not one (was another file renamed?)"


def refuse_dtd(data: bytes, name: str, path: str) -> None:
    """Refuse a part with a DTD or entity declarations, in any of the encodings XML allows."""
    if any(marker in data for marker in _DTD_MARKERS):
        raise InputError(path, f"part {name} contains a DTD or entity declarations, which Word never writes; "
                               "refused (it could be an XML external entity attack)")


@dataclass
class Package:
    """The parts of an opened, size-checked Word package, read on demand."""

    path: str
    zip: zipfile.ZipFile
    max_unpacked: int
    main_part: str = ""
    content_type: str = ""
    _names: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    @property
    def macro_enabled(self) -> bool:
        return "macroEnabled" in self.content_type or "word/vbaproject.bin" in self._names

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def read(self, name: str) -> bytes | None:
        """A part's bytes (None when absent); never more than its declared, checked size."""
        info = self._names.get(name.lower())
        if info is None:
            return None
        try:
            with self.zip.open(info) as fh:
                return fh.read(info.file_size + 1)[: info.file_size]
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise InputError(self.path, f"the Word package is damaged: part {name} cannot be unpacked ({exc})") from None

    def size(self, name: str) -> int:
        """A part's declared (and checked) unpacked size; 0 when absent."""
        info = self._names.get(name.lower())
        return info.file_size if info is not None else 0

    def xml(self, name: str) -> etree._Element | None:
        """A part parsed without DTDs, entities or network access; None when absent."""
        data = self.read(name)
        if data is None:
            return None
        return parse_xml(data, name, self.path)

    def iterparse(self, name: str, events: tuple[str, ...] = ("start", "end")):
        """(event, element) for the ``events`` of each element of a part, parsed as
        :meth:`xml` parses it (after the same DTD check), for callers that free what they have
        read; an absent part gives nothing."""
        data = self.read(name)
        if data is None:
            return
        refuse_dtd(data, name, self.path)
        events = etree.iterparse(io.BytesIO(data), events=events, resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
        try:
            yield from events
        except etree.XMLSyntaxError as exc:
            raise InputError(self.path, f"part {name} is not well-formed XML ({exc.msg})") from None
        if events.root is not None and events.root.getroottree().docinfo.internalDTD is not None:
            raise InputError(self.path, f"part {name} contains a DTD; refused")

    def check_xml_parts(self) -> None:
        """Apply :func:`parse_xml`'s guards (no DTD or entity declarations in any encoding,
        well-formed) to every XML part: the one check that reading (``selkeys check``) and
        annotating (where python-docx parses every part itself) both pass through. Each part
        is checked as a stream and freed as it goes: a footnotes part of a million notes took
        700 MB as a tree."""
        for name, info in self._names.items():
            if name == self.main_part.lower() or name.endswith((".xml", ".rels")):
                for _, element in self.iterparse(info.filename, ("end",)):
                    element.clear()
                    parent = element.getparent()
                    while parent is not None and element.getprevious() is not None:
                        del parent[0]

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (relationship type, target part name) for the internal targets of ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        rels: dict[str, tuple[str, str]] = {}
        if root is None:
            return rels
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External" or not rel.get("Target"):
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            rels[rel.get("Id", "")] = (rel.get("Type", ""), name)
        return rels


def parse_xml(data: bytes, name: str, path: str) -> etree._Element:
    refuse_dtd(data, name, path)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"part {name} is not well-formed XML ({exc.msg})") from None
    if root.getroottree().docinfo.internalDTD is not None:  # belt and braces: the scan above missed it
        raise InputError(path, f"part {name} contains a DTD; refused")
    return root


def open_package(data: bytes, path: str, max_unpacked: int) -> Package:
    """Check the container and find the main document part, or raise InputError saying why not."""
    if data.startswith(OLE_SIGNATURE):
        raise InputError(path, _ole_reason(data))
    if not data.startswith(b"PK"):
        raise InputError(path, _not_zip_reason(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise InputError(path, f"the Word package (ZIP) is damaged or truncated ({exc}); "
                               "open it in Word to repair it, or get the file again") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(path, f"the package has {len(infos)} parts, over the limit of {MAX_MEMBERS}; refused")
    total = 0
    names: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(path, "the package's parts are encrypted; remove the password in Word and save again")
        total += info.file_size
        if info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(path, f"part {info.filename} would unpack {info.file_size // max(info.compress_size, 1)} "
                                   "times larger than it is stored, as only ZIP bombs do; refused")
        names[info.filename.lower()] = info
    if total > max_unpacked:
        raise InputError(path, f"the package would unpack to {size_text(total)}, over the limit of {size_text(max_unpacked)} "
                               "(a ZIP bomb, or a very large file: raise max-docx-uncompressed in selkeys.toml)")
    package = Package(path, archive, max_unpacked, _names=names)
    main = next((target for kind, target in package.relationships("").values()
                 if kind.endswith(REL_OFFICE_DOCUMENT)), None)
    if main is None or not package.has(main):
        raise InputError(path, "the package has no main document part (word/document.xml): "
                               "not a Word document, or a damaged one")
    package.main_part = main
    package.check_xml_parts()
    types = package.xml("[Content_Types].xml")
    if types is not None:
        for override in types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/").lower() == main.lower():
                package.content_type = override.get("ContentType", "")
    return package
