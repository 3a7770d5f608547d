"""Messages in the language of the text they are about, unless the user chose one: a Swedish
paragraph gets Swedish messages in every front-end, a bilingual document both, the document's
own texts (score, notes, headings) its main language; --message-lang and the config override
everything. And no internal rule name (slug) or English word reaches a user of another language."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from docx_build import build_docx, p  # noqa: E402

from selkeys import handbook as hb  # noqa: E402
from selkeys.cli.app import app  # noqa: E402
from selkeys.rules.schema import load_rules  # noqa: E402

runner = CliRunner()
RULES = load_rules()
FI = "Asiakas suorittaa maksun eräpäivään mennessä. Maksun suorittaminen tapahtuu verkkopankissa."
SV = "Ansökan skall lämnas in senast den 5 maj. Vi erhåller beslutet inom en vecka."
# slugs that are not also words of the text they flag ("skall", "omata" are)
SLUGS = {r.name for r in RULES if "-" in r.name}


def _check(*args: str) -> str:
    out = runner.invoke(app, ["check", "--no-color", *args])
    assert out.exit_code in (0, 1), out.output
    return out.output


def test_a_swedish_text_gets_swedish_messages_by_default(tmp_path):
    path = tmp_path / "ansokan.txt"
    path.write_text(SV + "\n", encoding="utf-8")
    out = _check(str(path))
    assert f"{path}:1:9: SV-ARCH-001 varning ”skall” är ålderdomligt" in out
    assert "förslag (säker): Skriv: ska" in out
    assert "  klarhetsindex: " in out and "sänktes mest av" in out
    assert not re.search(r"\b(warning|suggestion|clarity score|selkeysindeksi|ehdotus)\b", out)


def test_a_bilingual_text_gets_each_finding_in_its_paragraph_language(tmp_path):
    path = tmp_path / "kaksikielinen.txt"
    path.write_text(f"{FI} {FI}\n\n{SV}\n", encoding="utf-8")  # more Finnish words: Finnish is the main language
    out = _check(str(path))
    assert "FI-NOUN-001 varoitus ”suorittaa maksun”: verbi on piilotettu" in out
    assert "ehdotus (tarkista): " in out
    assert "SV-ARCH-001 varning ”skall” är ålderdomligt" in out and "förslag (säker)" in out
    assert "  selkeysindeksi [fi]: " in out and "  selkeysindeksi [sv]: " in out  # the main language's words
    english = _check(str(path), "--message-lang", "en")
    assert "FI-NOUN-001 warning \"suorittaa maksun\": the verb is hidden" in english
    assert "SV-ARCH-001 warning \"skall\" is archaic" in english and "clarity score [sv]" in english
    swedish = _check(str(path), "--message-lang", "sv")
    assert "FI-NOUN-001 varning ”suorittaa maksun”: verbet är dolt" in swedish and "klarhetsindex [fi]" in swedish


def test_json_keeps_its_machine_values(tmp_path):
    path = tmp_path / "ansokan.txt"
    path.write_text(SV + "\n", encoding="utf-8")
    data = json.loads(_check("--format", "json", str(path)))
    finding = next(f for f in data["files"][0]["findings"] if f["code"] == "SV-ARCH-001")
    assert finding["severity"] == "warning" and finding["name"] == "skall"  # API values stay as they were
    assert finding["message"].startswith("”skall” är ålderdomligt")
    assert data["files"][0]["score"]["band"] in ("clear", "fairly clear", "difficult", "very difficult")


def test_config_message_lang_overrides_and_auto_restores_the_default(tmp_path):
    (tmp_path / "selkeys.toml").write_text('message-lang = "fi"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(SV + "\n", encoding="utf-8")
    assert "SV-ARCH-001 varoitus ”skall” on vanhahtava muoto" in _check(str(tmp_path / "a.txt"))
    sub = tmp_path / "sv"
    sub.mkdir()
    (sub / "selkeys.toml").write_text('message-lang = "auto"\n', encoding="utf-8")
    (sub / "a.txt").write_text(SV + "\n", encoding="utf-8")
    assert "SV-ARCH-001 varning" in _check(str(sub / "a.txt"))
    shown = runner.invoke(app, ["config", "--show", str(sub / "a.txt")]).output
    assert "message-lang = 'auto'" in shown


def test_score_and_diff_speak_the_texts_language(tmp_path):
    before, after = tmp_path / "fore.txt", tmp_path / "efter.txt"
    before.write_text(SV + "\n", encoding="utf-8")
    after.write_text("Lämna in ansökan senast den 5 maj. Vi får beslutet inom en vecka.\n", encoding="utf-8")
    score = runner.invoke(app, ["score", "--no-color", str(before)]).output
    assert "klarhetsindex" in score and re.search(r"rad +1  sv", score)
    diff = runner.invoke(app, ["diff", "--no-color", str(before), str(after)]).output
    assert "klarhetsindex [sv]" in diff and "åtgärdade" in diff
    assert "SV-ARCH-001 varning ”skall”" in diff


def test_csv_names_the_band_in_the_pages_language_under_fixed_columns(tmp_path):
    (tmp_path / "sv.txt").write_text(SV + "\n", encoding="utf-8")
    (tmp_path / "fi.txt").write_text(FI + "\n", encoding="utf-8")
    bands = {"sv": {"klar", "ganska klar", "svår", "mycket svår"},
             "fi": {"selkeä", "melko selkeä", "vaikea", "erittäin vaikea"},
             "en": {"clear", "fairly clear", "difficult", "very difficult"}}

    def rows(*extra: str) -> list[dict]:
        out = runner.invoke(app, ["check", "--format", "csv", "-j", "1", str(tmp_path / "sv.txt"),
                                  str(tmp_path / "fi.txt"), *extra]).output
        return list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))

    for row in rows():
        assert row["band"] in bands[row["language"]], row
    assert list(rows()[0])[:4] == ["url", "language", "score", "band"]
    assert all(row["band"] in bands["en"] for row in rows("--message-lang", "en"))


def test_explain_speaks_the_rules_language_and_names_it_by_what_it_catches():
    swedish = runner.invoke(app, ["explain", "SV-ARCH-003"]).output
    assert swedish.splitlines()[0] == "SV-ARCH-003  ”ej” är ålderdomligt. Skriv i dag: inte."
    assert "allvarlighet: varning" in swedish and "Varför det stör läsaren" in swedish
    finnish = runner.invoke(app, ["explain", "FI-NOUN-001"]).output
    assert finnish.splitlines()[0].startswith("FI-NOUN-001  ”suorittaa maksun”: verbi on piilotettu")
    assert "vakavuus: varoitus" in finnish and "profiilit: selkeä kieli, selkokieli" in finnish
    english = runner.invoke(app, ["explain", "SV-ARCH-003", "--message-lang", "en"]).output
    assert "severity: warning" in english and "category: Words" in english
    for out in (swedish, finnish, english):
        assert "ej-icke" not in out and "suorittaa-action-noun" not in out


def test_rule_list_names_rules_by_what_they_catch():
    listing = runner.invoke(app, ["rules"]).output
    assert not {slug for slug in SLUGS if re.search(rf"\b{re.escape(slug)}\b", listing)}
    line = next(line for line in listing.splitlines() if line.startswith("SV-ARCH-003"))
    assert "varning" in line and "”ej” är ålderdomligt" in line
    data = json.loads(runner.invoke(app, ["rules", "--format", "json"]).output)
    assert {r["name"] for r in data} == {r.name for r in RULES}  # the JSON keeps the names


class _Index(HTMLParser):
    """The rule entries of the handbook's index: (code, text) per <li> with a rule link."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[list[str]] = []
        self.current: list[str] | None = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.depth += 1
        if tag == "a" and dict(attrs).get("class") == "code":
            self.current = []
            self.entries.append(self.current)
            self.entry_depth = self.depth

    def handle_endtag(self, tag):
        if tag == "li":
            if self.current is not None and self.depth == self.entry_depth:
                self.current = None
            self.depth -= 1

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_handbook_index_names_each_rule_differently_and_shows_no_slug(lang):
    files = hb.build(RULES, lang)
    index = _Index()
    index.feed(files["index.html"])
    entries = ["".join(parts).strip() for parts in index.entries]
    assert len(entries) == len(RULES)
    texts = [entry.split(" ", 1)[1] for entry in entries]
    for pack in ("FI-", "SV-"):
        in_pack = [t for e, t in zip(entries, texts) if e.startswith(pack)]
        assert len(in_pack) == len(set(in_pack)), f"{pack} rules listed with the same text"
    nouns = {e.split(" ", 1)[0]: t for e, t in zip(entries, texts)}
    assert nouns["FI-NOUN-001"] != nouns["FI-NOUN-004"] != nouns["FI-NOUN-009"]
    for name, html in files.items():
        leaked = {slug for slug in SLUGS if re.search(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", html)}
        assert not leaked, (name, leaked)


def _bilingual_docx() -> bytes:
    return build_docx(p(FI) + p(FI) + p(SV, run_props='<w:lang w:val="sv-FI"/>'))  # as Word tags Swedish


def test_word_comments_are_in_each_paragraphs_language_and_the_summary_in_the_documents(tmp_path):
    source = tmp_path / "kirje.docx"
    source.write_bytes(_bilingual_docx())

    def comments(*extra: str) -> list[str]:
        out = tmp_path / "kommentoitu.docx"
        result = runner.invoke(app, ["docx", "annotate", str(source), str(out), "--force", *extra])  # same copy again
        assert result.exit_code == 0, result.output
        return [c.text for c in docx.Document(str(out)).comments]

    notes = comments()
    summary, *findings = notes
    assert summary.startswith("selkeys – Selkeysindeksi [fi]") and "Havaintoja: " in summary
    swedish = next(n for n in findings if n.endswith("SV-ARCH-001 (varning)"))
    assert "Förslag (säker): Skriv: ska" in swedish
    finnish = next(n for n in findings if n.endswith("FI-NOUN-001 (varoitus)"))
    assert "Ehdotus (tarkista)" in finnish
    english = comments("--message-lang", "en")
    assert english[0].startswith("selkeys – Clarity score [fi]")
    assert any(n.endswith("SV-ARCH-001 (warning)") for n in english)
    assert any(n.endswith("FI-NOUN-001 (warning)") for n in english)


def test_check_annotate_follows_the_same_rule(tmp_path):
    source = tmp_path / "kirje.docx"
    source.write_bytes(_bilingual_docx())
    out = runner.invoke(app, ["check", str(source), "--no-color", "--annotate", str(tmp_path / "k.docx")])
    assert "SV-ARCH-001 varning" in out.output and "FI-NOUN-001 varoitus" in out.output
    assert "kommentoitu kopio" in out.output  # a Finnish document: the note about the copy in Finnish
    notes = [c.text for c in docx.Document(str(tmp_path / "k.docx")).comments]
    assert any(n.endswith("SV-ARCH-001 (varning)") for n in notes)


def test_report_headings_in_the_main_language_and_findings_in_their_own(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sivu.txt").write_text(f"{FI} {FI}\n\n{SV}\n", encoding="utf-8")
    report = tmp_path / "r.html"
    _check(str(tmp_path / "site"), "--report", str(report))
    html = report.read_text(encoding="utf-8")
    assert '<html lang="fi">' in html and "Yhteenveto" in html
    assert '<span class="sev">varning</span> ”skall” är ålderdomligt' in html
    assert '<span class="sev">varoitus</span> ”suorittaa maksun”' in html
    assert "förslag: Skriv: ska" in html and "Styckets index" in html and "Kappaleen indeksi" in html
    assert not {slug for slug in SLUGS if f"> {slug}<" in html or f" {slug}</h3>" in html}
    _check(str(tmp_path / "site"), "--report", str(report), "--message-lang", "sv")
    html = report.read_text(encoding="utf-8")
    assert '<html lang="sv">' in html and "Sammanfattning" in html
    assert '<span class="sev">varning</span> ”suorittaa maksun”: verbet är dolt' in html


def test_an_unused_suppression_is_told_in_the_documents_language(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"<!-- selkeys-disable-next-line SV-WORD-001 -- inget -->\n{SV.replace('erhåller', 'får')}\n",
                    encoding="utf-8")
    assert "SK-META-001 varning Onödig selkeys-disable-kommentar" in _check(str(path))
