"""The CI output formats (SARIF, JUnit, GitHub annotations, CSV, JSONL) and baselines,
rendered from records of real lint runs over local files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from typer.testing import CliRunner

from selkeys.baseline import Baseline, BaselineError
from selkeys.batch import BatchOptions, Sources, read_records, run_batch
from selkeys.config import Config
from selkeys.output import csv_format, github, jsonl, junit, sarif
from selkeys.output.from_records import render_json
from selkeys.rules.schema import load_rules

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
HARD = "Hakemuksen käsittely suoritetaan viraston toimesta. Maksun suorittaminen tapahtuu verkkopankissa."
EASY = "Voit hakea tukea verkossa. Päätös lähetetään sinulle postitse."


def lint_files(tmp: Path, files: dict[str, str]) -> list[dict]:
    paths = []
    for name, text in files.items():
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    outcome = run_batch(Sources(files=sorted(paths)), BatchOptions(config=Config(), run_dir=tmp / "run"))
    return sorted(read_records(outcome.records_path), key=lambda r: r["path"])


def render(module, records, *args) -> str:
    out = io.StringIO()
    module.render(records, out, *args)
    return out.getvalue()


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docs")
    got = lint_files(tmp, {"ohje.md": f"# Ohje\n\n{HARD}\n\n{EASY}\n", "sivu.html":
                           f"<html lang='fi'><body><main><p>{HARD}</p></main></body></html>"})
    return got + [{"path": str(tmp / "puuttuu.txt"), "error": "no such file", "findings": []}]


def sarif_log(records) -> dict:
    return json.loads(render(sarif, records, {r.code: r for r in load_rules()}, "fi"))


def test_sarif_is_valid_against_the_official_schema(records):
    log = sarif_log(records)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == sum(len(r["findings"]) for r in records) > 0
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    rule = next(r for r in rules if r["id"] == "FI-AGENT-001")
    assert rule["defaultConfiguration"]["level"] == "warning" and rule["help"]["text"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "no such file" in notes[0]["message"]["text"]


def test_sarif_fingerprints_survive_moved_lines_and_tell_repeats_apart(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before = lint_files(tmp_path / "a", {"ohje.md": f"{HARD}\n"})
    after = lint_files(tmp_path / "b", {"ohje.md": f"# Uusi otsikko\n\n{EASY}\n\n{HARD}\n\n{HARD}\n"})
    def prints(recs: list[dict]) -> list[str]:
        return [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in sarif_log(recs)["runs"][0]["results"]]

    old, new = prints(before), prints(after)
    assert set(old) <= set(new), "the same findings two paragraphs lower keep their fingerprints"
    assert len(set(new)) == len(new), "a repeated paragraph gives findings of their own"


def test_artifact_uris_are_uri_references():
    assert sarif.artifact_uri("docs/hyvä ohje.md") == "docs/hyv%C3%A4%20ohje.md"
    assert sarif.artifact_uri("https://example.fi/a?b=1") == "https://example.fi/a?b=1"


def test_junit_is_well_formed_xml_with_counts(records):
    text = render(junit, records + [{"path": "x<&\x01>.txt", "error": "bad \x02 byte", "findings": []}])
    root = ElementTree.fromstring(text.encode("utf-8"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases) == len(records) + 1
    assert int(suite.get("errors")) == 2
    failures = sum(len(c.findall("failure")) for c in cases)
    assert failures == sum(len(r["findings"]) for r in records)
    assert int(suite.get("failures")) == sum(1 for r in records if r["findings"])
    assert cases[-1].get("name") == "x<&\ufffd>.txt"


def test_github_annotations_escape_the_workflow_command_syntax():
    record = {"path": "docs/a,b:c.md", "findings": [{
        "code": "FI-LONG-001", "severity": "warning", "message": "100% varma\r\nuusi::rivi", "line": 3,
        "column": 5, "end_line": 3, "end_column": 9}]}
    lines = render(github, [record, {"path": "p.md", "findings": [{**record["findings"][0], "severity": "hint"}]}])
    first, second = lines.splitlines()
    assert first == ("::warning file=docs/a%2Cb%3Ac.md,line=3,col=5,endLine=3,endColumn=9,title=FI-LONG-001::"
                     "100%25 varma%0D%0Auusi::rivi")
    assert second.startswith("::notice file=p.md,")


def test_csv_has_a_bom_one_row_per_page_and_no_formulas(records):
    rows_in = records + [{"path": "=HYPERLINK(\"http://x\")", "url": "+1-2", "findings": [], "error": "-boom"}]
    text = render(csv_format, rows_in)
    assert text.startswith("\ufeffurl,language,score,band,errors,warnings,info,hints,findings")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == len(rows_in)
    hard = next(r for r in rows if r["url"].endswith("sivu.html"))
    source = next(r for r in records if r["path"].endswith("sivu.html"))
    assert float(hard["score"]) == source["score"]["score"] and hard["language"] == "fi"
    assert int(hard["warnings"]) == sum(f["severity"] == "warning" for f in source["findings"])
    assert rows[-1]["url"] == "'+1-2" and rows[-1]["problem"] == "'-boom"


def test_jsonl_and_json_round_trip(records):
    lines = render(jsonl, records).splitlines()
    assert [json.loads(line) for line in lines] == records
    out = io.StringIO()
    render_json(records, out)
    data = json.loads(out.getvalue())
    assert data["summary"] == {"files": 3, "findings": sum(len(r["findings"]) for r in records), "errors": 1}
    assert "blocks" not in data["files"][0]


def test_baseline_reports_only_new_findings(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    old = lint_files(tmp_path / "a", {"ohje.md": f"{HARD}\n"})
    base_file = tmp_path / "baseline.jsonl"
    base_file.write_text(render(jsonl, old), encoding="utf-8")
    # same file name, the known paragraph moved down, a new fault added above it
    new = lint_files(tmp_path / "b", {"ohje.md": f"Asia käsitellään esim. kokouksessa.\n\n{HARD}\n"})
    for record in new:
        record["path"] = old[0]["path"]
    fresh = [f for r in Baseline(base_file).filter(new) for f in r["findings"]]
    assert [f["code"] for f in fresh] == ["FI-ABBR-001"]
    # JSON output (no paragraph texts) works as a baseline too
    json_file = tmp_path / "baseline.json"
    out = io.StringIO()
    render_json(old, out)
    json_file.write_text(out.getvalue(), encoding="utf-8")
    assert [f["code"] for r in Baseline(json_file).filter(new) for f in r["findings"]] == ["FI-ABBR-001"]
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(BaselineError):
        Baseline(bad)
    # a hostile line nested deeper than the parser goes is an error, not a crash
    deep = tmp_path / "deep.jsonl"
    deep.write_text(base_file.read_text(encoding="utf-8").splitlines()[0] + "\n" + "[" * 5000 + "]" * 5000 + "\n",
                    encoding="utf-8")
    with pytest.raises(BaselineError, match="nested too deeply"):
        Baseline(deep)


def test_cli_lints_local_files_into_sarif(tmp_path, monkeypatch):
    from selkeys.cli.app import app

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ohje.md").write_text(f"{HARD}\n", encoding="utf-8")
    (docs / "hyvä.md").write_text(f"{EASY}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "docs", "--format", "sarif", "-j", "1"])
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"docs/ohje.md"}
    baseline = tmp_path / "base.jsonl"
    result = CliRunner().invoke(app, ["check", "docs", "--format", "jsonl", "-j", "1"])
    baseline.write_text(result.stdout, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "docs", "--baseline", str(baseline), "--format", "github"])
    assert result.exit_code == 0 and result.stdout == ""
