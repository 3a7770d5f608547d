"""`selkeys diff BEFORE AFTER`: a rewrite's score change and which findings it resolved,
kept or brought in, through the real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BEFORE = ("Päätöksenteon valmistelun yhteydessä suoritettavan selvityksen perusteella todetaan, että hakemuksen "
          "käsittelyn edellytykset eivät täyty, minkä johdosta hakemus tullaan hylkäämään.\n")
AFTER = ("Selvitimme hakemuksesi. Emme voi käsitellä sitä, koska siitä puuttuu tietoja, esim. tulotiedot. "
         "Siksi hylkäämme hakemuksen.\n")


def _diff(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "selkeys", "diff", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_rewrite_raises_the_score_and_sorts_the_findings(tmp_path):
    (tmp_path / "before.txt").write_text(BEFORE, encoding="utf-8")
    (tmp_path / "after.txt").write_text(AFTER, encoding="utf-8")
    proc = _diff("before.txt", "after.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    (fi,) = data["scores"]
    assert fi["lang"] == "fi" and fi["after"]["score"] > fi["before"]["score"] + 20
    assert fi["change"] == round(fi["after"]["score"]) - round(fi["before"]["score"])
    # the participial attribute, "tullaan hylkäämään" and the nominal phrases are gone
    resolved = [f["code"] for f in data["resolved"]]
    assert {"FI-STRUCT-001", "FI-VERB-001", "FI-NOUN-013", "FI-WORD-022"} <= set(resolved)
    assert [f["code"] for f in data["new"]] == ["FI-ABBR-001"] and data["new"][0]["matched"] == "esim."
    assert data["remaining"] == []
    text = _diff("before.txt", "after.txt", "--message-lang", "en", cwd=tmp_path)
    assert text.returncode == 0
    assert f"clarity score [fi]: {round(fi['before']['score'])} (very difficult) →" in text.stdout
    assert f"findings: {len(resolved)} resolved, 0 remaining, 1 new" in text.stdout
    assert "before.txt:1:162: FI-VERB-001 hint" in text.stdout and "after.txt:1:79: FI-ABBR-001 warning" in text.stdout


def test_a_finding_left_in_place_remains(tmp_path):
    (tmp_path / "a.txt").write_text("Lue ohje, esim. verkossa.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Lue ohje ensin, esim. verkossa.\n", encoding="utf-8")
    data = json.loads(_diff("a.txt", "b.txt", "--format", "json", cwd=tmp_path).stdout)
    assert [f["code"] for f in data["remaining"]] == ["FI-ABBR-001"] and not data["resolved"] and not data["new"]
    assert data["remaining"][0]["matched_before"] == "esim."


def test_swedish_versions_and_errors(tmp_path):
    (tmp_path / "fore.txt").write_text("Ansökan ska inlämnas av den sökande senast den 1 mars.\n", encoding="utf-8")
    (tmp_path / "efter.txt").write_text("Skicka din ansökan senast den 1 mars.\n", encoding="utf-8")
    data = json.loads(_diff("fore.txt", "efter.txt", "--format", "json", cwd=tmp_path).stdout)
    (sv,) = data["scores"]
    assert sv["lang"] == "sv" and sv["after"]["score"] > sv["before"]["score"]  # active voice, addressed reader
    missing = _diff("fore.txt", "saknas.txt", cwd=tmp_path)
    assert missing.returncode == 2 and "saknas.txt" in missing.stderr and "Traceback" not in missing.stderr
    assert _diff("fore.txt", "efter.txt", "--format", "xml", cwd=tmp_path).returncode == 2
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00" * 100)
    broken = _diff("fore.txt", "binary.txt", cwd=tmp_path)
    assert broken.returncode == 2 and "Traceback" not in broken.stderr


def test_compare_points_two_versions_of_one_language_to_diff(tmp_path):
    (tmp_path / "before.txt").write_text(BEFORE, encoding="utf-8")
    (tmp_path / "after.txt").write_text(AFTER, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "selkeys", "compare", "before.txt", "after.txt"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert "no Swedish text" in proc.stderr and "selkeys diff BEFORE AFTER" in proc.stderr


def test_word_files_are_placed_by_section_not_line(tmp_path):
    docx = tmp_path / "esityslista.docx"
    subprocess.run([sys.executable, "scripts/make_demo_docx.py", str(docx)], check=True, capture_output=True,
                   cwd=Path(__file__).resolve().parents[1])
    data = json.loads(_diff(str(docx), str(docx), "--format", "json").stdout)
    assert data["remaining"] and not data["resolved"] and not data["new"]  # the same file: nothing changed
    assert all(s["change"] == 0 for s in data["scores"])
    text = _diff(str(docx), str(docx)).stdout
    assert "§ 87" in text and f"{docx}:1:" not in text


def test_diff_and_compare_apply_the_word_unpack_limit(tmp_path):
    """Both read Word files through the same guards as check (they once skipped the unpack limit)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from docx_build import build_docx, p

    (tmp_path / "selkeys.toml").write_text("max-docx-uncompressed = 2000\n", encoding="utf-8")
    word = tmp_path / "ennen.docx"
    word.write_bytes(build_docx(p("Asiakas suorittaa maksun.")))
    text = tmp_path / "jalkeen.txt"
    text.write_text("Asiakas maksaa.\n", encoding="utf-8")
    for command in (["diff", str(word), str(text)], ["compare", str(word), str(text)]):
        result = subprocess.run([sys.executable, "-m", "selkeys", *command], capture_output=True, text=True,
                                timeout=120, cwd=tmp_path)
        assert result.returncode == 2 and "over the limit of 2000 bytes" in result.stderr, (command, result.stderr)
