"""Word documents: reading every element kind, tracked changes, languages, agenda sections,
locations, and the annotated copy (comments anchored on exactly the words, formatting kept)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from docx_build import HEADING_STYLES, W, build_docx, p, r  # noqa: E402

from selkeys.cli.app import app  # noqa: E402
from selkeys.config import Config  # noqa: E402
from selkeys.docx_plugin import read_docx_content  # noqa: E402
from selkeys.docx_plugin.annotate import AUTHOR, annotate_bytes  # noqa: E402
from selkeys.readers import read_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HIDDEN_VERB = "Maksun suorittaminen tapahtuu kaupungin toimesta."  # FI-NOUN-006 and FI-AGENT-001
runner = CliRunner()


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def blocks(data: bytes):
    return read_docx_content(data, "test.docx").document.blocks


def anchored(data: bytes) -> dict[int, str]:
    """Comment id -> the text between its range start and end, in document order."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    open_ids: set[int] = set()
    texts: dict[int, str] = {}
    for el in root.iter(q("commentRangeStart"), q("commentRangeEnd"), q("t")):
        if el.tag == q("commentRangeStart"):
            open_ids.add(int(el.get(q("id"))))
            texts.setdefault(int(el.get(q("id"))), "")
        elif el.tag == q("commentRangeEnd"):
            open_ids.discard(int(el.get(q("id"))))
        else:
            for cid in open_ids:
                texts[cid] += el.text or ""
    return texts


def comments(data: bytes) -> dict[int, tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return {c.comment_id: (c.author, c.text) for c in document.comments}


# -- reading ----------------------------------------------------------------------------
def test_every_element_kind_is_read_once_with_its_location():
    body = (
        p("Otsikko tasolla kaksi", '<w:pStyle w:val="Otsikko2"/>')
        + p("Tavallinen kappale.")
        + p("Luettelon kohta", '<w:pStyle w:val="Luettelo"/>')
        + "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" + p("Yhdistetty solu") + "</w:tc>"
        + "<w:tc>" + p("Kolmas sarake") + "</w:tc></w:tr>"
        + "<w:tr><w:tc>" + p("Toinen rivi") + "</w:tc></w:tr></w:tbl>"
        + "<w:p>" + r("Linkki: ")
        + '<w:hyperlink r:id="rId99">' + r("kaupungin sivut") + "</w:hyperlink>"
        + '<w:fldSimple w:instr=" DATE "><w:r><w:t>1.1.2025</w:t></w:r></w:fldSimple>'
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r(" sivu 3") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + "<w:sdt><w:sdtPr/><w:sdtContent>" + r(" ja sisältö") + "</w:sdtContent></w:sdt>"
        + r(" piilossa", "<w:vanish/>")
        + '<w:r><w:footnoteReference w:id="5"/></w:r></w:p>'
        + "<w:sdt><w:sdtPr/><w:sdtContent>" + p("Lohkotason sisältökenttä.") + "</w:sdtContent></w:sdt>"
        + "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
        + "<wps:wsp><wps:txbx><w:txbxContent>" + p("Tekstiruudun teksti.") + "</w:txbxContent></wps:txbx></wps:wsp>"
        + "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        + "<w:txbxContent>" + p("Tekstiruudun teksti.") + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        + "</mc:AlternateContent></w:r></w:p>"
    )
    parts = {
        "header": p("Ylätunnisteen teksti"),
        "footer": p("Alatunnisteen teksti"),
        "footnotes": '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                     '<w:footnote w:id="5">' + p("Alaviitteen teksti.") + "</w:footnote>",
        "endnotes": '<w:endnote w:id="2">' + p("Loppuviitteen teksti.") + "</w:endnote>",
        "comments": '<w:comment w:id="0" w:author="Maija">' + p("Vanha kommentti, jota ei tarkisteta.") + "</w:comment>",
    }
    content = read_docx_content(build_docx(body, parts), "test.docx")
    got = [(b.text, b.kind, b.location.part) for b in content.document.blocks]
    assert got == [
        ("Otsikko tasolla kaksi", "heading", "body"),
        ("Tavallinen kappale.", "paragraph", "body"),
        ("Luettelon kohta", "list_item", "body"),
        ("Yhdistetty solu", "table_cell", "body"),
        ("Kolmas sarake", "table_cell", "body"),
        ("Toinen rivi", "table_cell", "body"),
        ("Linkki: kaupungin sivut1.1.2025 sivu 3 ja sisältö", "paragraph", "body"),
        ("Lohkotason sisältökenttä.", "paragraph", "body"),
        ("Tekstiruudun teksti.", "paragraph", "textbox"),
        ("Ylätunnisteen teksti", "paragraph", "header"),
        ("Alatunnisteen teksti", "paragraph", "footer"),
        ("Alaviitteen teksti.", "paragraph", "footnote"),
        ("Loppuviitteen teksti.", "paragraph", "endnote"),
    ]
    locations = [b.location for b in content.document.blocks]
    assert locations[0].level == 2
    assert [(l.table, l.row, l.column) for l in locations[3:6]] == [(1, 1, 1), (1, 1, 3), (1, 2, 1)]
    assert [l.paragraph for l in locations[:8]] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert locations[11].note == 1 and locations[12].note is None  # the endnote is never referred to
    assert content.comments == [("Maija", "Vanha kommentti, jota ei tarkisteta.")]
    assert content.document.notices == {"comments": 1}
    # the synthetic source holds each block at the offsets its source map gives
    for block in content.document.blocks:
        start = block.source_map.start(0)
        assert content.document.source[start:start + len(block.text)] == block.text


def test_tracked_changes_read_as_accepted_and_reported(lint_text, linter):
    body = ("<w:p>" + r("Lautakunta ")
            + '<w:del w:id="1" w:author="A"><w:r><w:delText>ei </w:delText></w:r></w:del>'
            + '<w:ins w:id="2" w:author="A">' + r("hyväksyy esityksen, ja maksun suorittaminen tapahtuu ") + "</w:ins>"
            + '<w:moveFrom w:id="3" w:author="A">' + r("siirretty pois ") + "</w:moveFrom>"
            + r("heti.") + "</w:p>")
    data = build_docx(body)
    [block] = blocks(data)
    assert block.text == "Lautakunta hyväksyy esityksen, ja maksun suorittaminen tapahtuu heti."
    doc = read_bytes(data, "muutokset.docx")
    result = linter.lint_document(doc, Config())
    assert result.notices["tracked_changes"] == 3
    # a finding inside the insertion is anchored on exactly its words
    out, report = annotate_bytes(data, "muutokset.docx", Config(), linter)
    noun = next(f for f in report.result.findings if f.code == "FI-NOUN-006")
    texts = anchored(out)
    assert noun.matched in texts.values()
    ins = etree.fromstring(zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")).find(f".//{q('ins')}")
    assert "suorittaminen tapahtuu" in "".join(t.text for t in ins.iter(q("t")))  # text stays inside w:ins


def test_language_tags_override_detection_and_bilingual_documents_score_both(linter):
    swedish = "Stadsstyrelsen beslutar att ersättning utgår till producenterna från och med augusti."
    finnish = "Kaupunginhallitus päättää, että maksun suorittaminen tapahtuu elokuussa."
    body = (p(swedish, run_props='<w:lang w:val="sv-FI"/>')
            + p("Sama teksti ruotsiksi: " + swedish[:40], run_props='<w:lang w:val="sv-SE"/>')
            + p(finnish)  # untagged: the document default fi-FI
            + p(finnish, run_props='<w:lang w:val="en-US"/>'))  # a template's en-US tag on Finnish text
    data = build_docx(body)
    langs = [b.lang for b in blocks(data)]
    assert langs == ["sv", "sv", "fi", None]  # en-US is not trusted: detection decides
    # a paragraph style's language, and a run's own tag over it; the longer part of the text wins
    styles = HEADING_STYLES + ('<w:style w:type="paragraph" w:styleId="Ruotsi"><w:name w:val="Svenska"/>'
                               '<w:rPr><w:lang w:val="sv-FI"/></w:rPr></w:style>')
    mixed = (p(swedish, '<w:pStyle w:val="Ruotsi"/>')
             + '<w:p><w:pPr><w:pStyle w:val="Ruotsi"/></w:pPr>' + r("Kort svensk del. ")
             + r(finnish, '<w:lang w:val="fi-FI"/>') + "</w:p>")
    assert [b.lang for b in blocks(build_docx(mixed, styles=styles))] == ["sv", "fi"]
    # one paragraph, Finnish then Swedish sentences: two blocks, each in its language, same place;
    # a Swedish name inside a Finnish sentence does not split it
    bilingual = ("<w:p>" + r("Kaupunginhallitus päättää, että ") + r("Esbo stads servicecentral", '<w:lang w:val="sv-FI"/>')
                 + r(" hoitaa maksun suorittamisen. ") + r(swedish, '<w:lang w:val="sv-FI"/>') + "</w:p>")
    content = read_docx_content(build_docx(bilingual), "x.docx")
    got = [(b.lang, b.text, b.location.paragraph) for b in content.document.blocks]
    assert got == [("fi", "Kaupunginhallitus päättää, että Esbo stads servicecentral hoitaa maksun suorittamisen. ", 1),
                   ("sv", swedish, 1)]
    out, report = annotate_bytes(build_docx(bilingual), "x.docx", Config(), linter)
    sv_finding = next(f for f in report.result.findings if f.code == "SV-ADMIN-002")
    assert sv_finding.matched in anchored(out).values()
    result = linter.lint_document(read_bytes(data, "x.docx"), Config())
    assert set(result.by_language) == {"fi", "sv"}
    assert result.languages["fi"] == 2 and result.languages["sv"] == 2  # the en-US paragraph detected as Finnish
    assert {f.code for f in result.findings} >= {"SV-ADMIN-002", "FI-NOUN-006"}


def test_agenda_sections_locations_and_the_weak_proposal_note(linter):
    body = (
        p("§ 12 Koulukuljetusten järjestäminen", '<w:pStyle w:val="Otsikko1"/>')
        + p("Valmistelija:\tsivistysjohtaja Liisa Lahtinen")
        + p("Kunta järjestää koulukuljetuksen, kun koulumatka on yli viisi kilometriä. Kuljetus on maksuton.")
        + p("Esittelijä\tkunnanjohtaja Pekka Puro")
        + p("Päätösehdotus")
        + p("Kunnanhallitus päättää, että koulukuljetusten järjestämisen osalta suoritetaan kilpailutus "
            "sivistystoimen toimesta ja että hankinnan toteuttamisen yhteydessä tapahtuu kustannusten "
            "arvioiminen sekä palveluntuottajien soveltuvuuden arvioiminen hankintalain mukaisesti.")
        + p("Muutoksenhaku")
        + p("Oikaisuvaatimusohje on liitteenä.")
    )
    data = build_docx(body)
    got = [(b.location.item, b.location.section, b.location.role, b.location.paragraph) for b in blocks(data)]
    assert got[0] == ("§ 12", None, None, 1)
    assert got[1] == ("§ 12", "Valmistelija", "preparer", 2)
    assert got[3] == ("§ 12", "Esittelijä", "presenter", 4)
    assert got[4] == ("§ 12", "Päätösehdotus", "proposal", 6)  # the label line itself is not a block
    assert got[5] == ("§ 12", "Muutoksenhaku", "appeal", 8)
    result = linter.lint_document(read_bytes(data, "kh.docx"), Config())
    sections = {(s.section, s.role) for s in result.sections}
    assert ("Päätösehdotus", "proposal") in sections
    [note] = result.proposal_notes
    assert note.item == "§ 12" and note.section == "Päätösehdotus" and note.score < note.rest
    proposal = next(s for s in result.sections if s.role == "proposal")
    assert proposal.score.value == pytest.approx(note.score)


def test_swedish_agenda_labels_and_item_number_after_the_sign():
    body = (p("12 § Skolskjutsar") + p("Beredare: bildningsdirektör Liisa Lahtinen")
            + p("Beslutsförslag\tKommunstyrelsen beslutar att ordna skolskjutsar.")
            + p("Beslut: Förslaget godkändes.") + p("Muutoksenhaku / Ändringssökande")
            + p("4 § i lagen om grundläggande utbildning säger att kommunen ska ordna undervisning för "
                "alla barn i läropliktsåldern som bor i kommunen."))  # a citation, not a new item
    got = [(b.location.item, b.location.section, b.location.role) for b in blocks(build_docx(body, lang="sv-FI"))]
    assert got == [("§ 12", None, None), ("§ 12", "Beredare", "preparer"),
                   ("§ 12", "Beslutsförslag", "proposal"), ("§ 12", "Beslut", "decision"),
                   ("§ 12", "Muutoksenhaku / Ändringssökande", "appeal")]


def test_text_report_groups_findings_by_section_with_word_locations(tmp_path):
    body = (p("§ 3 Maksut", '<w:pStyle w:val="Otsikko1"/>') + p("Päätösehdotus")
            + "<w:tbl><w:tr><w:tc>" + p("Maksu") + "</w:tc><w:tc>" + p(HIDDEN_VERB) + "</w:tc></w:tr></w:tbl>")
    path = tmp_path / "asia.docx"
    path.write_bytes(build_docx(body))
    out = runner.invoke(app, ["check", str(path), "--no-color", "--select", "FI-NOUN-006"])
    assert out.exit_code == 1, out.output
    lines = out.output.splitlines()
    assert "  § 3 Päätösehdotus" in lines
    assert (f"{path}: § 3 Päätösehdotus, kappale 4 (taulukko 1, rivi 1, sarake 2): FI-NOUN-006 varoitus "
            in "\n".join(lines))
    assert "— ”suorittaminen tapahtuu”" in out.output
    sv = runner.invoke(app, ["check", str(path), "--no-color", "--message-lang", "sv", "--select", "FI-NOUN-006"])
    assert "stycke 4 (tabell 1, rad 1, kolumn 2)" in sv.output
    data = json.loads(runner.invoke(app, ["check", str(path), "--format", "json"]).output)
    finding = next(f for f in data["files"][0]["findings"] if f["code"] == "FI-NOUN-006")
    assert finding["location"] == {"part": "body", "paragraph": 4, "item": "§ 3", "section": "Päätösehdotus",
                                   "role": "proposal", "table": 1, "row": 1, "column": 2}
    assert [(s["item"], s["section"], s["role"]) for s in data["files"][0]["sections"]] == [
        ("§ 3", None, None), ("§ 3", "Päätösehdotus", "proposal")]


def test_documents_without_agenda_items_are_grouped_by_heading(tmp_path):
    body = (p("Hakuohjeet", '<w:pStyle w:val="Otsikko1"/>') + p(HIDDEN_VERB)
            + p("Yhteystiedot", '<w:outlineLvl w:val="0"/>') + p("Laskun suorittaminen tapahtuu verkkopankissa."))
    data = build_docx(body)
    got = [(b.kind, b.location.section, b.location.item, b.location.level) for b in blocks(data)]
    assert got == [("heading", "Hakuohjeet", None, 1), ("paragraph", "Hakuohjeet", None, None),
                   ("heading", "Yhteystiedot", None, 1), ("paragraph", "Yhteystiedot", None, None)]
    path = tmp_path / "ohje.docx"
    path.write_bytes(data)
    out = runner.invoke(app, ["check", str(path), "--no-color", "--select", "FI-NOUN-006", "--message-lang", "en"])
    lines = out.output.splitlines()
    assert lines.index("  Hakuohjeet") < lines.index("  Yhteystiedot")
    assert f"{path}: Yhteystiedot, paragraph 4: FI-NOUN-006 warning" in out.output


def test_folders_pick_up_word_files_but_not_word_lock_files(tmp_path):
    (tmp_path / "kirje.docx").write_bytes(build_docx(p(HIDDEN_VERB)))
    (tmp_path / "~$kirje.docx").write_bytes(b"\x0bMaija M" + b"\0" * 100)  # what Word leaves while editing
    data = json.loads(runner.invoke(app, ["check", str(tmp_path), "--format", "json"]).output)
    assert [Path(f["path"]).name for f in data["files"]] == ["kirje.docx"]
    assert data["files"][0]["error"] is None and data["files"][0]["findings"]


# -- annotating -------------------------------------------------------------------------
def test_comments_anchor_on_exactly_the_words_and_split_runs_keep_formatting(linter):
    # the finding "suorittaminen tapahtuu" starts inside a bold run and ends inside an italic one
    body = ("<w:p>" + r("Maksun suorit", "<w:b/>") + r("taminen tapah", "<w:i/>")
            + r("tuu kaupungin toimesta.", '<w:i/><w:color w:val="FF0000"/>') + "</w:p>")
    data = build_docx(body)
    out, report = annotate_bytes(data, "x.docx", Config(), linter)
    findings = report.result.findings
    assert {f.code for f in findings} >= {"FI-NOUN-006", "FI-AGENT-001"}
    texts = anchored(out)
    notes = comments(out)
    assert report.comments == len(findings) + 1 == len(notes)
    assert all(author == AUTHOR for author, _ in notes.values())
    for f in findings:  # each comment's text names its finding, and its range is the finding's words
        cid = next(c for c, (_, text) in notes.items() if f.code in text and f.message in text)
        assert texts[cid] == f.matched
    summary = next(text for _, text in notes.values() if "Selkeysindeksi" in text)
    assert f"Havaintoja: {len(findings)}" in summary
    # the text and formatting of every character are unchanged
    document = docx.Document(io.BytesIO(out))
    chars = [(ch, bool(run.bold), bool(run.italic)) for run in document.paragraphs[0].runs for ch in run.text]
    expected = ([(ch, True, False) for ch in "Maksun suorit"] + [(ch, False, True) for ch in "taminen tapah"]
                + [(ch, False, True) for ch in "tuu kaupungin toimesta."])
    assert chars == expected
    red = [run.text for run in document.paragraphs[0].runs if run.font.color.rgb is not None]
    assert "".join(red) == "tuu kaupungin toimesta."
    assert all(run.font.highlight_color is None for run in document.paragraphs[0].runs)


def test_highlight_marks_only_the_anchored_runs_and_existing_comments_are_kept(linter):
    body = ('<w:p><w:commentRangeStart w:id="7"/>' + r("Tämä on vanha huomio. ") + '<w:commentRangeEnd w:id="7"/>'
            '<w:r><w:commentReference w:id="7"/></w:r>' + r(HIDDEN_VERB) + "</w:p>")
    parts = {"comments": '<w:comment w:id="7" w:author="Maija" w:initials="MM">' + p("Tarkista luvut.") + "</w:comment>"}
    out, report = annotate_bytes(build_docx(body, parts), "x.docx", Config(), linter, highlight=True)
    notes = comments(out)
    assert notes[7] == ("Maija", "Tarkista luvut.")
    assert anchored(out)[7] == "Tämä on vanha huomio. "
    document = docx.Document(io.BytesIO(out))
    highlighted = "".join(run.text for run in document.paragraphs[0].runs if run.font.highlight_color is not None)
    matched = {f.matched for f in report.result.findings}
    assert highlighted and all(m in highlighted for m in matched)
    assert "vanha huomio" not in highlighted and not highlighted.startswith("Maksun")


def test_findings_in_hyperlinks_headers_and_footnotes_are_placed(linter):
    body = ("<w:p>" + r("Katso ohje: ") + '<w:hyperlink w:anchor="x">' + r(HIDDEN_VERB) + "</w:hyperlink>"
            + '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>')
    parts = {"header": p("Maksun suorittaminen tapahtuu pankin toimesta."),
             "footnotes": '<w:footnote w:id="1">' + p("Laskun suorittaminen tapahtuu viikon kuluessa.") + "</w:footnote>"}
    out, report = annotate_bytes(build_docx(body, parts), "x.docx", Config(), linter)
    texts, notes = anchored(out), comments(out)
    by_part = {f.location.part for f in report.result.findings}
    assert by_part == {"body", "header", "footnote"}
    assert report.comments == len(report.result.findings) + 1
    for f in report.result.findings:
        cid = next(c for c, (_, text) in notes.items() if f.message in text and (f.location.part == "body") ==
                   (not text.startswith(("ylätunniste", "alaviite"))))
        if f.location.part == "body":
            assert texts[cid] == f.matched
        else:  # named, with its words, and anchored where Word can show it
            assert notes[cid][1].startswith(("ylätunniste: ”", "alaviite 1: ”"))
            assert f.matched in notes[cid][1]
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml"))
    link = root.find(f".//{q('hyperlink')}")
    assert "".join(t.text for t in link.iter(q("t"))) == HIDDEN_VERB  # the link's text is all still in it


def test_findings_inside_fields_content_controls_and_text_boxes_anchor_exactly(linter):
    body = ('<w:p><w:fldSimple w:instr=" DOCPROPERTY Aihe ">' + r(HIDDEN_VERB) + "</w:fldSimple></w:p>"
            + "<w:p><w:sdt><w:sdtPr/><w:sdtContent>" + r("Laskun suorittaminen ") + r("tapahtuu pankin toimesta.")
            + "</w:sdtContent></w:sdt></w:p>"
            + '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
            + "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" + p("Tarkastuksen suorittaminen tapahtuu kesällä.")
            + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            + "<mc:Fallback/></mc:AlternateContent></w:r></w:p>")
    out, report = annotate_bytes(build_docx(body), "x.docx", Config(), linter)
    nouns = [f for f in report.result.findings if f.code == "FI-NOUN-006"]
    assert [f.location.part for f in nouns] == ["body", "body", "textbox"]
    texts, notes = anchored(out), comments(out)
    for f in report.result.findings:
        ids = [c for c, (_, text) in notes.items() if f.message in text]
        assert any(texts.get(c) == f.matched for c in ids), f


def test_refuses_to_overwrite_the_input_and_never_modifies_it(tmp_path, linter):
    source = tmp_path / "kirje.docx"
    source.write_bytes(build_docx(p(HIDDEN_VERB)))
    before = source.read_bytes()
    link = tmp_path / "linkki.docx"
    os.link(source, link)
    for target in (str(source), str(tmp_path / "." / "kirje.docx"), str(link)):
        out = runner.invoke(app, ["docx", "annotate", str(source), target])
        assert out.exit_code == 2 and "is the input document" in out.output
    out = runner.invoke(app, ["check", str(source), "--annotate", str(tmp_path / "kommentoitu.docx"), "--highlight"])
    assert out.exit_code == 1, out.output  # findings, as with check alone
    assert source.read_bytes() == before
    assert len(comments((tmp_path / "kommentoitu.docx").read_bytes())) >= 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".selkeys-")]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "kommentoitu.docx").stat().st_mode & 0o777 == 0o666 & ~umask


def test_cli_annotate_usage_errors(tmp_path):
    source = tmp_path / "a.docx"
    source.write_bytes(build_docx(p(HIDDEN_VERB)))
    text = tmp_path / "a.txt"
    text.write_text(HIDDEN_VERB)
    cases = [
        (["check", str(source), str(source), "--annotate", str(tmp_path / "o.docx")], "exactly one Word document"),
        (["check", str(tmp_path), "--annotate", str(tmp_path / "o.docx")], "exactly one Word document"),
        (["check", str(source), "--highlight"], "use it with --annotate"),
        (["check", str(text), "--annotate", str(tmp_path / "o.docx")], "must be a Word document"),
        (["docx", "annotate", str(source), str(tmp_path / "o.txt")], "give it a .docx name"),
        (["docx", "annotate", str(tmp_path / "puuttuu.docx"), str(tmp_path / "o.docx")], "no such file"),
    ]
    for args, message in cases:
        out = runner.invoke(app, args)
        assert out.exit_code == 2, (args, out.output)
        assert message in out.output, (args, out.output)


def test_docx_annotate_command_prints_the_report_and_writes_the_copy(tmp_path):
    source = tmp_path / "a.docx"
    source.write_bytes(build_docx(p(HIDDEN_VERB)))
    out = runner.invoke(app, ["docx", "annotate", str(source), str(tmp_path / "b.docx"), "--message-lang", "en"])
    assert out.exit_code == 0, out.output
    assert "FI-NOUN-006" in out.output and "annotated copy:" in out.output
    notes = comments((tmp_path / "b.docx").read_bytes())
    assert any("Clarity score" in text for _, text in notes.values())


# -- verified in a real office suite ------------------------------------------------------
@pytest.mark.office
def test_libreoffice_shows_every_comment_of_the_annotated_demo(tmp_path):
    """The demo agenda (tables, header, footer, footnote, Swedish paragraph) annotated, then
    converted by LibreOffice with comments exported as PDF annotations."""
    from pypdf import PdfReader

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (Debian libreoffice-writer-nogui) is installed by `make test`"
    source = tmp_path / "esityslista.docx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_demo_docx.py"), str(source)], check=True,
                   capture_output=True)
    annotated = tmp_path / "kommentoitu.docx"
    out = runner.invoke(app, ["docx", "annotate", str(source), str(annotated), "--highlight"])
    assert out.exit_code == 0, out.output
    notes = comments(annotated.read_bytes())
    assert len(notes) >= 10
    profile = tmp_path / "lo-profile"
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", export,
                    "--outdir", str(tmp_path), str(annotated)], check=True, capture_output=True, timeout=180)
    reader = PdfReader(str(tmp_path / "kommentoitu.pdf"))
    in_pdf = [str(a.get_object().get("/Contents")) for page in reader.pages
              for a in (page.get("/Annots") or []) if a.get_object().get("/Subtype") == "/Text"]
    normalise = lambda s: " ".join(s.split())  # noqa: E731 - line breaks may differ
    assert sorted(map(normalise, in_pdf)) == sorted(normalise(text) for _, text in notes.values())


def test_docx_annotate_replaces_an_existing_output_only_with_force(tmp_path):
    source, target = tmp_path / "kirje.docx", tmp_path / "tärkeä.docx"
    source.write_bytes(build_docx(p(HIDDEN_VERB)))
    target.write_bytes(b"a document that matters")
    out = runner.invoke(app, ["docx", "annotate", str(source), str(target)])
    assert out.exit_code == 2 and "already exists" in out.output and "--force" in out.output
    assert target.read_bytes() == b"a document that matters"
    out = runner.invoke(app, ["docx", "annotate", str(source), str(target), "--force"])
    assert out.exit_code == 0, out.output
    assert target.read_bytes().startswith(b"PK")


def test_check_streams_every_part_and_reads_what_the_annotator_reads():
    """`check` reads headers, footers, notes and comments as streams (a footnotes part of a
    million notes took 700 MB as a tree); the annotator reads them as trees. Both must see the
    same blocks, places, comments and tracked changes."""
    from selkeys.docx_plugin.container import open_package
    from selkeys.docx_plugin.reader import read_docx_package

    body = (p("Maksun suorittaminen tapahtuu.") + '<w:p><w:r><w:t>Viite</w:t></w:r>'
            '<w:r><w:footnoteReference w:id="5"/></w:r></w:p>'
            + '<w:p><w:ins w:id="1" w:author="A">' + r("Lisätty teksti.") + "</w:ins></w:p>")
    parts = {
        "header": p("Ylätunnisteen teksti") + '<w:p><w:del w:id="2" w:author="A"><w:r><w:delText>pois'
                  '</w:delText></w:r></w:del></w:p>',
        "footer": "<w:tbl><w:tr><w:tc>" + p("Solu alatunnisteessa") + "</w:tc></w:tr></w:tbl>",
        "footnotes": '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                     '<w:footnote w:id="5">' + p("Alaviitteen teksti.") + p("Toinen kappale.") + "</w:footnote>",
        "endnotes": '<w:endnote w:id="2">' + p("Loppuviitteen teksti.") + "</w:endnote>",
        "comments": '<w:comment w:id="0" w:author="Maija">' + p("Vanha kommentti.") + "</w:comment>",
    }
    data = build_docx(body, parts)
    streamed = read_docx_content(data, "a.docx")
    package = open_package(data, "a.docx", 10**8)
    tree = read_docx_package(package, etree.fromstring(package.read(package.main_part)))
    for content in (streamed, tree):
        assert [b.text for b in content.document.blocks][-5:] == [
            "Ylätunnisteen teksti", "Solu alatunnisteessa", "Alaviitteen teksti.", "Toinen kappale.",
            "Loppuviitteen teksti."]
    assert [(b.text, b.kind, b.location) for b in streamed.document.blocks] == \
        [(b.text, b.kind, b.location) for b in tree.document.blocks]
    assert streamed.comments == tree.comments == [("Maija", "Vanha kommentti.")]
    assert streamed.document.notices == tree.document.notices
    assert streamed.document.notices["tracked_changes"] == 2
