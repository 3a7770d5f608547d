"""The command line as users run it: exit codes, formats, config files, suppressions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BAD = "Asiakas suorittaa maksun eräpäivään mennessä.\n"
CLEAN = "Maksa lasku ajoissa.\n"


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "selkeys", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_check_text_output_and_exit_codes(tmp_path):
    bad, clean = tmp_path / "bad.txt", tmp_path / "clean.txt"
    bad.write_text(BAD, encoding="utf-8")
    clean.write_text(CLEAN, encoding="utf-8")
    proc = run("check", str(bad))
    assert proc.returncode == 1
    assert f"{bad}:1:9: FI-NOUN-001 varoitus" in proc.stdout  # Finnish text: severity in Finnish
    assert "maksaa" in proc.stdout  # the suggestion
    assert "\x1b[" not in proc.stdout  # no colours when not on a terminal
    assert run("check", str(clean)).returncode == 0
    assert run("check", "--exit-zero", str(bad)).returncode == 0
    assert run("check", "--ignore", "FI-NOUN", str(bad)).returncode == 0
    assert run("check", "--select", "FI-ABBR", str(bad)).returncode == 0
    assert run("check", "--fail-level", "error", str(bad)).returncode == 0
    assert run("check", "--format", "yaml", str(bad)).returncode == 2
    assert run("check", str(tmp_path / "missing.txt")).returncode == 2


def test_json_output_has_positions_scores_and_paragraphs(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Otsikko\n\nAsiakas suorittaa maksun eräpäivään mennessä.\n", encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(path)).stdout)
    (file,) = data["files"]
    (finding,) = [f for f in file["findings"] if f["code"] == "FI-NOUN-001"]
    assert (finding["line"], finding["column"], finding["matched"]) == (3, 9, "suorittaa maksun")
    assert finding["suggestions"][0]["safe"] is False
    assert 0 <= file["score"]["score"] <= 100 and file["score"]["band"]
    assert "paragraphs" not in file  # by default the JSON grows with the findings, not the words


def test_json_detail_adds_paragraphs_and_then_sentences(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Otsikko\n\nAsiakas suorittaa maksun eräpäivään mennessä. Maksu on 20 euroa.\n", encoding="utf-8")
    (para,) = json.loads(run("check", "--format", "json", "--detail", "paragraphs", str(path)).stdout)["files"]
    (full,) = json.loads(run("check", "--format", "json", "--detail", "sentences", str(path)).stdout)["files"]
    assert [p["kind"] for p in para["paragraphs"]] == ["heading", "paragraph"]
    assert para["paragraphs"][1]["measures"]["sentences"] == 2 and "sentences" not in para["paragraphs"][1]
    assert [s["line"] for s in full["paragraphs"][1]["sentences"]] == [3, 3]
    assert {k: v for k, v in full["paragraphs"][1].items() if k != "sentences"} == para["paragraphs"][1]
    assert para["findings"] == full["findings"]


def test_json_detail_is_checked(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Asiakas suorittaa maksun.\n", encoding="utf-8")
    wrong = run("check", "--format", "json", "--detail", "words", str(path))
    assert wrong.returncode == 2 and "--detail" in wrong.stderr
    other = run("check", "--format", "sarif", "--detail", "sentences", str(path))
    assert other.returncode == 2 and "--format json" in other.stderr


def test_stdin_with_filename_picks_the_format():
    proc = run("check", "--format", "json", "--stdin-filename", "doc.md", "-",
               stdin="```\nsuorittaa maksun\n```\n\nAsiakas suorittaa maksun heti.\n")
    (file,) = json.loads(proc.stdout)["files"]
    assert file["path"] == "doc.md"
    assert [f["line"] for f in file["findings"] if f["code"] == "FI-NOUN-001"] == [5]


def test_directory_recursion_with_globs(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "c.py").write_text("print('suorittaa maksun')", encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(tmp_path)).stdout)
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["a.txt", "b.md"]
    data = json.loads(run("check", "--format", "json", "--exclude", "sub", str(tmp_path)).stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["b.md"]


def test_nearest_config_wins_and_vocabulary_is_accepted(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.selkeys]\nignore = ["FI-NOUN"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "selkeys.toml").write_text('message-lang = "en"\nvocabulary = ["suorittaa maksun"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (sub / "b.txt").write_text(BAD, encoding="utf-8")
    assert run("check", str(tmp_path / "a.txt")).returncode == 0  # ignored by pyproject.toml
    proc = run("check", str(sub / "b.txt"))
    assert proc.returncode == 0, proc.stdout  # accepted term from the nearer selkeys.toml
    shown = run("config", "--show", str(sub / "b.txt")).stdout
    assert "selkeys.toml" in shown and "message-lang = 'en'" in shown


def test_per_path_overrides_and_severity(tmp_path):
    (tmp_path / "selkeys.toml").write_text(
        '[severity]\n"FI-NOUN-001" = "error"\n\n[[overrides]]\npaths = ["drafts/*"]\nignore = ["FI-NOUN-001"]\n',
        encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD, encoding="utf-8")
    assert "FI-NOUN-001 virhe" in run("check", str(tmp_path / "b.txt")).stdout
    assert "FI-NOUN-001" not in run("check", str(tmp_path / "drafts" / "a.txt")).stdout


def test_invalid_config_is_a_clear_error(tmp_path):
    (tmp_path / "selkeys.toml").write_text('profile = "simple"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    proc = run("check", str(tmp_path / "a.txt"))
    assert proc.returncode == 2
    assert "profile must be 'plain' or 'easy'" in proc.stderr


def test_inline_suppression_and_unused_report(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "<!-- selkeys-disable FI-NOUN-001 -- lainaus asiakkaan viestistä -->\n\n"
        "Asiakas suorittaa maksun heti.\n\n<!-- selkeys-enable -->\n\n"
        "Asiakas suorittaa maksun heti.\n\n"
        "<!-- selkeys-disable-next-line FI-NOUN-001 -- ok -->\nAsiakas suorittaa maksun heti.\n\n"
        "<!-- selkeys-disable-next-line FI-ABBR-001 -- ei mitään -->\nMaksa lasku.\n",
        encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(path)).stdout)
    found = [(f["code"], f["line"]) for f in data["files"][0]["findings"]]
    assert ("FI-NOUN-001", 7) in found
    assert ("FI-NOUN-001", 3) not in found and ("FI-NOUN-001", 10) not in found
    assert ("SK-META-001", 12) in found


def test_rules_explain_and_score_commands():
    listing = run("rules", "--lang", "fi").stdout
    assert "FI-NOUN-001" in listing
    explained = run("explain", "FI-NOUN-001", "--message-lang", "en").stdout
    assert "Why it hurts the reader" in explained and "✗ Asiakas suorittaa maksun" in explained
    assert run("explain", "FI-NOPE-999").returncode == 2
    score = run("score", "--stdin-filename", "x.txt", "-", stdin="Asiakas maksaa laskun. Kaupunki kiittää.\n")
    assert score.returncode == 0 and "/100" in score.stdout


def test_addresses_other_than_http_are_refused_clearly(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "selkeys", "check", "ftp://example.com/a", "file:///etc/passwd"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout.count("only http:// and https:// addresses are fetched") == 2


def test_version_and_help_name_both_languages():
    from selkeys import __version__

    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"selkeys {__version__}"
    import typer.main

    from selkeys.cli.app import app

    command = typer.main.get_command(app)
    assert "Finnish and Swedish" in command.help
    for name in ("check", "score"):
        (lang,) = [p for p in command.commands[name].params if p.name == "lang"]
        assert "fi (Finnish) or sv (Swedish)" in lang.help, name


SWEDISH = ("Ansökan ska lämnas in senast den sista i månaden. Beslut fattas av nämnden efter att ansökan "
           "har behandlats.\n\nDu kan ansöka på nätet om du vill.\n")


def test_a_forced_language_that_the_text_is_evidently_not_in_is_warned_about(tmp_path):
    (tmp_path / "sv.txt").write_text(SWEDISH, encoding="utf-8")
    (tmp_path / "fi.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "kaksikielinen.txt").write_text(BAD + "\n" + BAD + "\n" + "Du kan ansöka på nätet om du vill.\n",
                                                encoding="utf-8")
    wrong = run("check", "--lang", "fi", str(tmp_path / "sv.txt"))
    assert "warning:" in wrong.stderr and "svenska" in wrong.stderr and "--lang fi" in wrong.stderr
    wrong = run("check", "--lang", "sv", "--format", "json", "--message-lang", "en", str(tmp_path / "fi.txt"))
    assert "the text looks like Finnish, but --lang sv" in wrong.stderr
    json.loads(wrong.stdout)  # the warning stays out of the machine output
    for fine in (["--lang", "sv", "sv.txt"], ["--lang", "fi", "fi.txt"], ["--lang", "fi", "kaksikielinen.txt"],
                 ["sv.txt"]):
        assert "warning:" not in run("check", *fine, cwd=tmp_path).stderr, fine


def test_skipped_blocks_are_named(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD + "\nThis paragraph is written in English and it is not checked at all.\n", encoding="utf-8")
    assert "ohitettu (muu kieli): 1 (en: rivi 3)" in run("check", str(path)).stdout
    (data,) = json.loads(run("check", "--format", "json", str(path)).stdout)["files"]
    assert data["skipped_paragraphs"] == [{"index": 1, "lang": "en", "line": 3}]


def test_the_unused_suppression_check_is_explained_and_can_be_ignored(tmp_path):
    explained = run("explain", "SK-META-001", "--message-lang", "en")
    assert explained.returncode == 0 and "Unused selkeys-disable comment" in explained.stdout
    assert "--ignore SK-META" in explained.stdout
    assert "SK-META-001" in run("explain", "SK-META-01").stderr  # suggested for a typo
    path = tmp_path / "a.md"
    path.write_text("<!-- selkeys-disable-next-line FI-ABBR-001 -- ei mitään -->\nMaksa lasku ajoissa.\n",
                    encoding="utf-8")
    assert run("check", str(path)).returncode == 1
    ignored = run("check", "--ignore", "SK-META", str(path))
    assert ignored.returncode == 0 and "SK-META-001" not in ignored.stdout
