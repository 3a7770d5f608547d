"""Bad input gets a clear error (exit 2) and never a crash, hang or change to the file."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from selkeys.config import Config
from selkeys.readers import InputError, read_bytes, read_path
from selkeys.readers.html import read_html

SELKEYS = [sys.executable, "-m", "selkeys"]


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*SELKEYS, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


def test_empty_file(tmp_path, linter):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = linter.lint_path(str(path), Config())
    assert result.error is None and result.findings == [] and result.score is None


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        read_path(str(path))


def test_invalid_utf8_names_the_position():
    with pytest.raises(InputError, match=r"not valid UTF-8 \(byte 0xe4 at line 2"):
        read_bytes("Hyvä\nPäivä".encode("utf-8")[:7] + "Päivä".encode("latin-1"), "x.txt")


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # 50 MB, sparse where the file system allows
        fh.seek(50 * 1024 * 1024 - 1)
        fh.write(b"\n")
    start = time.monotonic()
    proc = run("check", str(path))
    assert proc.returncode == 2
    assert b"over the limit" in proc.stderr + proc.stdout
    assert time.monotonic() - start < 30


def test_unreadable_file_does_not_stop_the_batch(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Asiakas suorittaa maksun eräpäivään mennessä.", encoding="utf-8")
    bad = tmp_path / "b.txt"
    if os.geteuid() == 0:  # root reads through permission bits: a dangling link is unreadable for anyone
        bad.symlink_to(tmp_path / "missing.txt")
        expected = b"b.txt: error no such file"
    else:
        bad.write_text("teksti", encoding="utf-8")
        bad.chmod(0)
        expected = b"b.txt: error permission denied"
    proc = run("check", str(tmp_path))
    assert proc.returncode == 2
    assert expected in proc.stdout
    assert b"FI-NOUN-001" in proc.stdout


def test_undecodable_file_does_not_stop_the_batch(tmp_path):
    (tmp_path / "a.txt").write_text("Asiakas suorittaa maksun eräpäivään mennessä.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Päivä".encode("latin-1"))
    proc = run("check", str(tmp_path))
    assert proc.returncode == 2
    out = proc.stdout.decode()
    assert "b.txt: error not valid UTF-8" in out
    assert "FI-NOUN-001" in out


def test_deeply_nested_html():
    depth = 100_000
    src = "<div>" * depth + "<p>Syvällä oleva kappale.</p>" + "</div>" * depth
    start = time.monotonic()
    doc = read_html(src, "deep.html")
    assert [b.text for b in doc.blocks] == ["Syvällä oleva kappale."]
    assert time.monotonic() - start < 20


def test_script_injection_is_never_echoed_raw(tmp_path):
    path = tmp_path / "x.html"
    path.write_text(
        "<html lang='fi'><body><p>Asiakas suorittaa maksun &lt;script&gt;alert(1)&lt;/script&gt; heti.</p>"
        "<script>alert('x')</script></body></html>", encoding="utf-8")
    proc = run("check", "--format", "json", str(path))
    assert b"alert('x')" not in proc.stdout
    assert proc.returncode in (0, 1)


def test_input_file_is_never_modified(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Otsikko\n\nAsiakas suorittaa maksun ko. päivänä.\n", encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    run("check", str(path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_mixed_languages_are_skipped_and_counted(lint_text):
    text = ("Asiakas suorittaa maksun eräpäivään mennessä.\n\n"
            "Kunden ska betala avgiften senast på förfallodagen och det är viktigt.\n\n"
            "The customer must pay the fee by the due date and this is important.\n")
    result = lint_text(text, lang=None)
    assert result.languages == {"fi": 1, "sv": 1, "en": 1}
    assert result.skipped == {"en": 1}
    assert set(result.by_language) == {"fi", "sv"}
    assert "FI-NOUN-001" in [f.code for f in result.findings]
    assert all(f.line == 1 for f in result.findings if f.code.startswith("FI-"))
    assert all(f.line == 3 for f in result.findings if f.code.startswith("SV-"))
    assert not [f for f in result.findings if f.line == 5]  # English is not linted


def test_office_formats_get_a_clear_message(tmp_path):
    path = tmp_path / "esityslista.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(200))
    proc = run("check", str(path))
    assert proc.returncode == 2
    assert b"damaged or truncated" in proc.stdout  # Word files are read now (tests/test_docx_bad_input.py)


@pytest.mark.parametrize("encoding, bom", [("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
                                           ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                           ("utf-8", codecs.BOM_UTF8), ("utf-8", b"")])
def test_unicode_encodings_with_a_bom_are_read_alike(tmp_path, encoding, bom):
    """UTF-32's little-endian BOM starts like UTF-16's: read as UTF-16 it gave no words and exit 0."""
    text = "Hämäläisen äänestäjä kävi esim. kaupungintalolla. 🙂\n\nAsiakas suorittaa maksun heti.\n"
    path = tmp_path / "kirje.txt"
    path.write_bytes(bom + text.encode(encoding))
    proc = run("check", "--format", "json", str(path))
    assert proc.returncode == 1, proc.stderr
    (result,) = json.loads(proc.stdout)["files"]
    assert result["languages"] == {"fi": 2} and result["measures"]["words"] > 0
    found = {(f["code"], f["line"], f["column"], f["matched"]) for f in result["findings"]}
    assert {("FI-ABBR-001", 1, 27, "esim."), ("FI-NOUN-001", 3, 9, "suorittaa maksun")} <= found


def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    """Opening a FIFO for reading waits for a writer; check must refuse it instead (exit 2)."""
    fifo = tmp_path / "putki.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    proc = run("check", str(fifo))
    assert proc.returncode == 2 and b"not a regular file (a named pipe)" in proc.stdout + proc.stderr
    assert time.monotonic() - start < 60
    with pytest.raises(InputError, match="named pipe"):
        read_path(str(fifo))


@pytest.mark.parametrize("name", ["kirje.odt", "kirje.rtf"])
def test_opendocument_and_rtf_advice_names_word(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"{\\rtf1 Hakemus}" if name.endswith(".rtf") else b"PK\x03\x04" + bytes(100))
    proc = run("check", str(path))
    assert proc.returncode == 2 and b"save it as a Word document (.docx), or as HTML or plain text" in proc.stdout
