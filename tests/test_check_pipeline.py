"""`selkeys check` is one pipeline: whatever the output format (and with or without
--run-dir), the same inputs are read with the same guards and give the same results."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from docx_build import build_docx, p  # noqa: E402

from selkeys.cli.app import app  # noqa: E402

runner = CliRunner()
FORMATS = ["text", "json", "jsonl", "sarif", "junit", "github", "csv"]
AGENDA = (p("§ 87 Varhaiskasvatuksen palvelusetelin arvon tarkistaminen", '<w:pStyle w:val="Otsikko1"/>')
          + p("Valmistelija")
          + p("Maksun suorittaminen tapahtuu kaupungin toimesta esim. verkkopankissa.")
          + p("Päätösehdotus")
          + p("Kaupunginhallitus päättää, että hakemuksen käsittely suoritetaan viipymättä."))


def check(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", "--no-color", *args])
    return result.exit_code, result.output


@pytest.fixture
def agenda(tmp_path) -> Path:
    path = tmp_path / "esityslista.docx"
    path.write_bytes(build_docx(AGENDA))
    return path


@pytest.mark.parametrize("extra", [[f"--format={f}"] for f in FORMATS] + [["--run-dir", "RUN"]])
def test_the_word_unpack_limit_holds_in_every_format(agenda, tmp_path, extra):
    """The ZIP-bomb guard: a CI format or --run-dir once read Word files without it."""
    extra = [str(tmp_path / "run") if a == "RUN" else a for a in extra]
    code, output = check(str(agenda), "--max-docx-uncompressed", "2000", *extra)
    assert code == 2, output
    assert "over the limit of 2000 bytes" in output and "0.0 MB" not in output


@pytest.mark.parametrize("extra", [[f"--format={f}"] for f in FORMATS])
def test_size_and_encoding_guards_hold_in_every_format(tmp_path, extra):
    (tmp_path / "latin1.txt").write_bytes("Hakemus käsitellään.".encode("latin-1"))
    (tmp_path / "iso.txt").write_text("Asiakas suorittaa maksun. " * 100, encoding="utf-8")
    code, output = check(str(tmp_path / "latin1.txt"), *extra)
    assert code == 2 and "not valid UTF-8" in output
    code, output = check(str(tmp_path / "iso.txt"), "--max-file-size", "1000", *extra)
    assert code == 2 and "over the limit of 1000 bytes" in output


def test_word_locations_and_results_are_the_same_with_a_run_dir(agenda, tmp_path):
    """--run-dir once turned "§ 87 Valmistelija, kappale 3" into line:column."""
    code, plain = check(str(agenda))
    assert code == 1 and "§ 87 Valmistelija, kappale 3: FI-NOUN-006" in plain
    assert check(str(agenda), "--run-dir", str(tmp_path / "run"))[1] == plain
    as_json = json.loads(check(str(agenda), "--format", "json")[1])
    again = json.loads(check(str(agenda), "--format", "json", "--run-dir", str(tmp_path / "run2"))[1])
    assert as_json == again
    (record,) = [json.loads(line) for line in check(str(agenda), "--format", "jsonl")[1].splitlines()]
    (from_json,) = as_json["files"]
    assert [f["location"] for f in record["findings"]] == [f["location"] for f in from_json["findings"]]
    assert record["sections"] == from_json["sections"] and record["notices"] == from_json["notices"]


@pytest.mark.parametrize("paragraphs", [False, True])
def test_a_record_kept_in_memory_is_the_one_a_run_folder_keeps(agenda, paragraphs, tmp_path):
    """A run of one file keeps its record in memory rather than writing it to records.jsonl and
    reading it back: the formats must see exactly what they would read from the file."""
    from selkeys.batch import BatchOptions, Sources, read_records, run_batch
    from selkeys.config import Config

    def records(run_dir: Path | None) -> list[dict]:
        options = BatchOptions(config=Config(), run_dir=run_dir, jobs=2, paragraphs=paragraphs)
        return list(run_batch(Sources(files=[str(agenda)]), options).records())

    kept = records(None)
    records(tmp_path / "run")
    assert kept[0]["findings"] and kept == list(read_records(tmp_path / "run" / "records.jsonl"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_file_renders_the_same_kept_in_memory_or_in_a_run_folder(agenda, fmt, tmp_path):
    code, kept = check(str(agenda), "--format", fmt)
    assert (code, kept) == check(str(agenda), "--format", fmt, "--run-dir", str(tmp_path / "run"))


def test_every_format_reports_the_same_findings(agenda, tmp_path):
    (tmp_path / "ohje.md").write_text("# Ohje\n\nAsiakas suorittaa maksun esim. verkossa.\n", encoding="utf-8")
    (tmp_path / "sivu.html").write_text("<html lang='fi'><main><p>Hakemus on toimitettava ajoissa.</p></main></html>",
                                        encoding="utf-8")
    paths = [str(agenda), str(tmp_path / "ohje.md"), str(tmp_path / "sivu.html")]
    files = json.loads(check(*paths, "--format", "json")[1])["files"]
    expected = {f["path"]: sorted((x["code"], x["start"], x["end"]) for x in f["findings"]) for f in files}
    assert all(expected.values())
    records = [json.loads(line) for line in check(*paths, "--format", "jsonl")[1].splitlines()]
    assert {r["path"]: sorted((x["code"], x["start"], x["end"]) for x in r["findings"]) for r in records} == expected
    sarif = json.loads(check(*paths, "--format", "sarif")[1])
    assert len(sarif["runs"][0]["results"]) == sum(len(v) for v in expected.values())
    rows = list(csv.DictReader(io.StringIO(check(*paths, "--format", "csv")[1].lstrip("\ufeff"))))
    assert {r["url"]: int(r["findings"]) for r in rows} == {k: len(v) for k, v in expected.items()}
    github = check(*paths, "--format", "github")[1].splitlines()
    assert len([line for line in github if line.startswith("::")]) == sum(len(v) for v in expected.values())
    text = check(*paths)[1].splitlines()
    for path, findings in expected.items():
        lines = [line for line in text if re.match(rf"{re.escape(path)}:.*?[: ][A-Z]{{2}}-[A-Z]+-\d{{3}} ", line)]
        assert len(lines) == len(findings)


def test_standard_input_goes_through_the_same_pipeline(tmp_path):
    text = "Asiakas suorittaa maksun esim. verkossa.\n"
    for fmt in ("text", "json", "jsonl", "csv"):
        result = runner.invoke(app, ["check", "-", "--stdin-filename", "kirje.md", "--format", fmt], input=text)
        assert result.exit_code == 1 and "kirje.md" in result.output, (fmt, result.output)
    result = runner.invoke(app, ["check", "-", "--max-file-size", "10"], input=text)
    assert result.exit_code == 2 and "over the limit of 10 bytes" in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_a_named_pipe_in_a_folder_is_skipped_with_a_note(tmp_path, fmt):
    folder = tmp_path / "ohjeet"
    folder.mkdir()
    (folder / "a.txt").write_text("Asiakas suorittaa maksun heti.\n", encoding="utf-8")
    os.mkfifo(folder / "putki.txt")
    result = runner.invoke(app, ["check", str(folder), "--format", fmt])
    assert result.exit_code == 1, result.output  # the findings of a.txt; the pipe is no error
    assert f"note: skipped {folder / 'putki.txt'}: not a regular file" in result.output
    assert f"{folder / 'a.txt'}" in result.output and "putki.txt," not in result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_files_of_a_folder_are_reported_in_the_order_given(tmp_path, jobs):
    """Workers finish in any order (a long file last); the output lists the files sorted, the
    same in every run, so that CI logs and baselines can be compared."""
    names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
    for i, name in enumerate(names):
        repeat = 200 if i == 0 else 1  # the first file takes longest
        (tmp_path / name).write_text("Maksun suorittaminen tapahtuu kaupungin toimesta.\n\n" * repeat,
                                     encoding="utf-8")
    result = runner.invoke(app, ["check", "--exit-zero", "-j", jobs, "--format", "csv", str(tmp_path)])
    rows = list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))
    order = [Path(row["url"]).name for row in rows]
    assert order == names
