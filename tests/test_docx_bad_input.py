"""Hostile and broken Word files: each is refused with a message that says what is wrong and
what to do, through the engine's reader and through the CLI (exit code 2), without
unpacking, resolving or running anything it should not."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from docx_build import MACRO_MAIN_TYPE, NAMESPACES, build_docx, p, zip_bytes  # noqa: E402

from selkeys.cli.app import app  # noqa: E402
from selkeys.config import Config  # noqa: E402
from selkeys.docx_plugin.annotate import AnnotateError, annotate_bytes  # noqa: E402
from selkeys.readers import InputError, read_bytes  # noqa: E402

runner = CliRunner()
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refused(data: bytes, name: str = "x.docx", max_unpacked: int | None = None) -> str:
    with pytest.raises(InputError) as info:
        if max_unpacked is None:
            read_bytes(data, name)
        else:
            read_bytes(data, name, max_unpacked=max_unpacked)
    return info.value.reason


def ole_file(*streams: str) -> bytes:
    """An OLE compound file header followed by directory entries naming ``streams`` (UTF-16)."""
    entries = b"".join(s.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for s in ("Root Entry", *streams))
    return OLE + b"\0" * (512 - len(OLE)) + entries


def check_cli(tmp_path: Path, name: str, data: bytes, message: str, *extra: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    out = runner.invoke(app, ["check", str(path), *extra])
    assert out.exit_code == 2, out.output
    assert message in out.output


def test_a_renamed_file_that_is_not_a_zip(tmp_path):
    assert "not a Word document" in refused(b"Hei, olen tekstitiedosto.\n" * 10)
    assert "RTF" in refused(b"{\\rtf1\\ansi Hei}", "kirje.doc")
    assert "empty" in refused(b"")
    check_cli(tmp_path, "teksti.docx", b"plain text", "a .docx is a ZIP package")


def test_a_truncated_zip():
    whole = build_docx(p("Kappale."))
    for cut in (len(whole) // 2, len(whole) - 10, 30):
        assert "damaged or truncated" in refused(whole[:cut])


def test_a_damaged_part_inside_an_intact_zip():
    data = bytearray(build_docx(p("Kappale. " * 200)))
    info = next(i for i in zipfile.ZipFile(io.BytesIO(bytes(data))).infolist() if i.filename == "word/document.xml")
    start = info.header_offset + 30 + len(info.filename)
    data[start + 10:start + 30] = b"\xff" * 20  # corrupt the compressed bytes of the main part
    assert "damaged" in refused(bytes(data))


def test_zip_bombs_are_refused_from_the_zip_directory(tmp_path):
    zeros = b"\0" * (3 * 1024 * 1024)  # compresses about 1000:1, as bombs do
    bomb = build_docx(p("Kappale."), extra_files={"word/media/pommi.bin": zeros})
    assert "ZIP bombs" in refused(bomb)
    # under the ratio limit but over a configured total: refused from the declared sizes
    noise = bytes((i * 7919 + i // 3) % 251 for i in range(600_000))
    big = build_docx(p("Kappale."), extra_files={"word/media/kuva.bin": noise})
    assert "would unpack to 589 kB, over the limit of 512 kB" in refused(big, max_unpacked=512 * 1024)
    assert read_bytes(big, "x.docx").blocks[0].text == "Kappale."  # the default limit lets it through
    (tmp_path / "selkeys.toml").write_text("max-docx-uncompressed = 524288\n")
    check_cli(tmp_path, "iso.docx", big, "raise max-docx-uncompressed")
    check_cli(tmp_path, "iso2.docx", big, "over the limit of 1000 bytes", "--max-docx-uncompressed", "1000")


def test_xml_with_entity_declarations_is_never_parsed(tmp_path):
    secret = tmp_path / "salaisuus.txt"
    secret.write_text("SALAINEN")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
           f'<w:document {NAMESPACES}><w:body>' + p("&x;") + "</w:body></w:document>").encode()
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8)) + "]>"
        f'<w:document {NAMESPACES}><w:body>' + p("&i;") + "</w:body></w:document>").encode()
    utf16 = xxe.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    for document in (xxe, laughs, utf16):
        reason = refused(build_docx("", document_xml=document))
        assert "DTD or entity declarations" in reason and "SALAINEN" not in reason
    # a DTD in another part (styles) is refused as well, and before python-docx sees it
    styles = build_docx(p("Kappale."))
    with zipfile.ZipFile(io.BytesIO(styles)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["word/styles.xml"] = files["word/styles.xml"].replace(b"?>", b'?><!DOCTYPE x [<!ENTITY y "z">]>', 1)
    bad_styles = zip_bytes(files)
    assert "word/styles.xml" in refused(bad_styles)
    with pytest.raises(InputError, match="DTD"):
        annotate_bytes(bad_styles, "x.docx", Config(), linter=None)
    check_cli(tmp_path, "xxe.docx", build_docx("", document_xml=xxe), "XML external entity")


def test_a_missing_document_part():
    data = build_docx(p("Kappale."))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist() if name != "word/document.xml"}
    assert "no main document part" in refused(zip_bytes(files))
    files.pop("_rels/.rels")
    assert "no main document part" in refused(zip_bytes(files))
    assert "no main document part" in refused(zip_bytes({"mimetype": b"application/zip"}))


def test_password_protected_files(tmp_path):
    encrypted = ole_file("EncryptionInfo", "EncryptedPackage")
    assert "password-protected" in refused(encrypted)
    check_cli(tmp_path, "salattu.docx", encrypted, "remove the password")


def test_old_binary_doc_files_get_a_conversion_hint(tmp_path):
    doc = ole_file("WordDocument", "1Table", "\x05SummaryInformation")
    reason = refused(doc, "vanha.doc")
    assert "old binary Word format (.doc)" in reason and "--convert-to docx" in reason
    check_cli(tmp_path, "vanha.doc", doc, "save it as .docx")
    assert "not a Word .docx" in refused(ole_file("Workbook"), "taulukko.docx")
    # a .docx saved under a .doc name is simply read
    assert read_bytes(build_docx(p("Kappale.")), "oikeasti-docx.doc").blocks[0].text == "Kappale."


def test_macro_enabled_documents_are_read_as_text_only(tmp_path, linter):
    macro = b"Sub AutoOpen()\n  Shell \"calc\"\nEnd Sub\n"
    data = build_docx(p("Maksun suorittaminen tapahtuu kaupungin toimesta."), main_type=MACRO_MAIN_TYPE,
                      extra_files={"word/vbaProject.bin": macro})
    doc = read_bytes(data, "makrot.docm")
    assert doc.blocks[0].text.startswith("Maksun") and doc.notices == {"macros": 1}
    path = tmp_path / "makrot.docm"
    path.write_bytes(data)
    out = runner.invoke(app, ["check", str(path), "--no-color"])
    assert out.exit_code == 1 and "makroja; niitä ei suoritettu" in out.output
    with pytest.raises(AnnotateError, match="macro-enabled"):
        annotate_bytes(data, "makrot.docm", Config(), linter)
    out = runner.invoke(app, ["check", str(path), "--annotate", str(tmp_path / "o.docx")])
    assert out.exit_code == 2 and "save a copy as .docx" in out.output


def test_malformed_xml_and_encrypted_zip_members():
    broken = build_docx("", document_xml=b"<w:document><w:body><w:p>")
    assert "not well-formed XML" in refused(broken)
    data = bytearray(build_docx(p("Kappale.")))
    # set the "encrypted" flag on every entry, as a ZIP password does
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(signature)
        while pos != -1:
            data[pos + offset] |= 1
            pos = data.find(signature, pos + 4)
    assert "encrypted" in refused(bytes(data))


def test_a_zip_that_understates_a_part_never_unpacks_more_than_it_declares():
    import struct

    padding = b" " * (4 * 1024 * 1024)  # the real part: 4 MB once unpacked
    document = (f'<?xml version="1.0"?><w:document {NAMESPACES}><w:body>'.encode() + padding
                + p("Kappale.").encode() + b"</w:body></w:document>")
    data = bytearray(build_docx("", document_xml=document))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    central = data.find(b"PK\x01\x02" + data[info.header_offset + 4:info.header_offset + 6])
    while data[central + 46:central + 46 + len(info.filename)] != info.filename.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    # claim 1,000 bytes in both headers, which also passes the compression-ratio check
    struct.pack_into("<I", data, info.header_offset + 22, 1000)
    struct.pack_into("<I", data, central + 24, 1000)
    assert "damaged" in refused(bytes(data))


def test_deeply_nested_xml_is_read_or_refused_without_crashing():
    nested = "<w:sdt><w:sdtContent>" * 120 + p("Sisäkkäinen kappale.") + "</w:sdtContent></w:sdt>" * 120
    assert read_bytes(build_docx(nested), "x.docx").blocks[0].text == "Sisäkkäinen kappale."
    too_deep = "<w:sdt><w:sdtContent>" * 200 + p("Liian syvällä.") + "</w:sdtContent></w:sdt>" * 200
    assert "not well-formed XML" in refused(build_docx(too_deep))


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files[name] = content
    return zip_bytes(files)


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_check_and_annotate_apply_the_same_xml_guards(tmp_path, encoding):
    """A DTD that only UTF-32 hides from a byte scan, and one in a part that check never reads:
    `check` and `docx annotate` refuse both alike, and annotate writes nothing."""
    label = "UTF-32" if encoding == "utf-32" else encoding.upper()
    xml = (f'<?xml version="1.0" encoding="{label}"?><!DOCTYPE w:document [<!ENTITY x "esim. maksun">]>'
           f'<w:document {NAMESPACES}><w:body>' + p("Asiakas suorittaa maksun. &x;") + "</w:body></w:document>")
    in_document = build_docx("", document_xml=xml.encode(encoding))
    in_settings = _with_part(build_docx(p("Asiakas suorittaa maksun.")), "word/settings.xml",
                             b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY y "z">]><w:settings/>')
    for name, data in (("u32.docx", in_document), ("settings.docx", in_settings)):
        assert "DTD" in refused(data)
        with pytest.raises(InputError, match="DTD"):
            annotate_bytes(data, name, Config(), linter=None)
        check_cli(tmp_path, name, data, "DTD")
        source, copy = tmp_path / name, tmp_path / f"kommentoitu-{name}"
        out = runner.invoke(app, ["docx", "annotate", str(source), str(copy)])
        assert out.exit_code == 2 and "DTD" in out.output
        assert not copy.exists()


def test_annotate_never_writes_a_copy_that_is_not_well_formed(tmp_path, monkeypatch):
    """Whatever python-docx writes is opened with check's guards before it becomes the copy."""
    import docx.document

    def broken_save(self, stream):
        stream.write(build_docx("", document_xml=b"<w:document><w:body><w:p>"))

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    source, copy = tmp_path / "ok.docx", tmp_path / "copy.docx"
    source.write_bytes(build_docx(p("Asiakas suorittaa maksun.")))
    out = runner.invoke(app, ["docx", "annotate", str(source), str(copy)])
    assert out.exit_code == 2 and "nothing was written" in out.output
    assert not copy.exists() and list(tmp_path.iterdir()) == [source]
