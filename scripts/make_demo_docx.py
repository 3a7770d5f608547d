"""Write the demo Word agenda item: a fictional Finnish municipal agenda item in deliberately
bureaucratic language, with the parts a real one has (a § heading, Valmistelija, Esittelijä,
a table, Päätösehdotus, Muutoksenhaku), a header and footer, a footnote and a Swedish
paragraph tagged sv-FI, so that `make demo` shows what `selkeys check` and `--annotate` do
with Word files.

python-docx writes the document; the footnote and the language tags are added as XML
because python-docx has no API for them.

    python scripts/make_demo_docx.py [OUT.docx]   (default build/demo/esityslista-kokous.docx)
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

DEFAULT_OUT = Path("build/demo/esityslista-kokous.docx")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

PREPARATION = [
    "Kaupunginhallitus on kokouksessaan 3.3.2025 § 41 tehnyt päätöksen varhaiskasvatuksen "
    "palvelusetelin arvon tarkistamisesta. Tarkistamisen suorittaminen tapahtuu vuosittain "
    "sivistyslautakunnan toimesta, ja palvelusetelin arvon osalta on otettava huomioon "
    "indeksikorotukset sekä palveluntuottajien kustannustason muutokset.",
    "Palveluntuottajien kanssa käytyjen neuvottelujen perusteella on todettu, että nykyinen "
    "palvelusetelin arvo ei ole riittämätön ainoastaan tilanteissa, joissa lapsen "
    "hoitoaika on lyhyt. Kyseisen selvityksen pohjalta esitetään, että palvelusetelin "
    "perusarvoa korotetaan 1.8.2025 lukien.",
]
PROPOSAL = (
    "Kaupunginhallitus päättää hyväksyä palvelusetelin arvojen korottamisen liitteen 1 mukaisesti "
    "ja antaa sivistystoimelle tehtäväksi suorittaa tarvittavat toimenpiteet palveluntuottajien "
    "informoimiseksi ennen 1.6.2025 sekä huolehtia siitä, että päätöksen täytäntöönpano "
    "toteutetaan viipymättä."
)
APPEAL = (
    "Tähän päätökseen tyytymätön voi tehdä kirjallisen oikaisuvaatimuksen. Oikaisuvaatimus on "
    "toimitettava kaupunginhallitukselle 14 päivän kuluessa päätöksestä tiedoksi saamisesta."
)
SWEDISH = (
    "Stadsstyrelsen beslutar att höja servicesedelns värde enligt bilaga 1. Beslutet "
    "verkställs den 1 augusti 2025 och ersättning utgår till serviceproducenterna från och med "
    "detta datum."
)
TABLE = [
    ("Hoitoaika", "Nykyinen arvo", "Uusi arvo 1.8.2025"),
    ("yli 147 h/kk", "1 120 €", "1 165 €"),
    ("86–147 h/kk", "900 €", "936 €"),
    ("enintään 85 h/kk", "675 €", "702 €"),
]
FOOTNOTE = ("Indeksikorotuksen suorittaminen tapahtuu Tilastokeskuksen julkaiseman kuluttajahintaindeksin "
            "perusteella.")


def _lang(run, tag: str) -> None:
    """Tag a run's language as Word does (w:lang in its properties)."""
    rpr = run._r.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    rpr.append(lang)


def _label(document, label: str, text: str) -> None:
    """'Label' in bold, a tab, then the text: how agenda systems print a labelled part."""
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run("\t" + text)


def _footnotes_part(document, text: str) -> None:
    """A footnotes part with Word's two separator notes and one real note (id 1)."""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _footnote_reference(paragraph) -> None:
    run = paragraph.add_run()
    rpr = run._r.get_or_add_rPr()
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    rpr.append(align)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run._r.append(reference)


def build(out: Path) -> Path:
    document = docx.Document()
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fi-FI")
    defaults.append(lang)

    section = document.sections[0]
    section.header.paragraphs[0].text = "Esimerkkilän kaupunki – Kaupunginhallitus – Esityslista 12/2025"
    section.footer.paragraphs[0].text = "Kaupunginhallitus 12.5.2025, sivu 1"

    document.add_heading("§ 87 Varhaiskasvatuksen palvelusetelin arvon tarkistaminen", 1)
    document.add_paragraph("Dnro 123/02.05.00/2025")
    _label(document, "Valmistelija", "varhaiskasvatusjohtaja Maija Meikäläinen, puh. 040 123 4567")
    for number, text in enumerate(PREPARATION):
        paragraph = document.add_paragraph(text)
        if number == 0:
            _footnote_reference(paragraph)
    table = document.add_table(rows=len(TABLE), cols=3)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, TABLE):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    document.add_paragraph("Palvelusetelin arvon korotuksen vaikutus tapahtuu talousarvion puitteissa.")
    _label(document, "Esittelijä", "kaupunginjohtaja Matti Virtanen")
    document.add_paragraph("Päätösehdotus").runs[0].bold = True
    document.add_paragraph(PROPOSAL)
    swedish = document.add_paragraph()
    _lang(swedish.add_run(SWEDISH), "sv-FI")
    document.add_paragraph("Muutoksenhaku").runs[0].bold = True
    document.add_paragraph(APPEAL)
    _footnotes_part(document, FOOTNOTE)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write the demo Word agenda item.")
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help=f"output .docx (default {DEFAULT_OUT})")
    print(build(parser.parse_args().out))
