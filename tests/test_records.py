"""Records carry each finding's block-relative span, so a report can highlight the block text."""

from selkeys.output.records import page_record
from selkeys.readers import read_bytes


def test_block_spans_point_at_the_matched_words(linter):
    from selkeys.config import Config

    html = ("<html lang='fi'><body><main><h1>Tiedote</h1><p>Kadun &auml;&auml;ress&auml; on "
            "katuty&ouml;t. Hakemuksen käsittely suoritetaan viraston toimesta.</p></main></body></html>")
    doc = read_bytes(html.encode(), "page.html")
    result = linter.lint_document(doc, Config())
    record = page_record(result, doc, url="https://example.fi/a")
    assert record["url"] == "https://example.fi/a"
    assert [b["text"] for b in record["blocks"]][0] == "Tiedote"
    assert record["findings"], "the bureaucratic sentence should give findings"
    for finding in record["findings"]:
        block = record["blocks"][finding["block"]]["text"]
        # the source has entities before the finding, so source and block offsets differ
        assert block[finding["block_start"]:finding["block_end"]] == finding["matched"]
        assert finding["start"] != finding["block_start"]


HARD = ("Hakemuksen käsittelyn yhteydessä suoritettavan tulotietojen tarkistamisen perusteella tehtävän "
        "päätöksen täytäntöönpano toteutetaan viranomaisen toimesta vasta sen jälkeen, kun "
        "muutoksenhakuajan umpeutumisesta on kulunut lainsäädännössä edellytetty määräaika.")


def _sentence_texts(record: dict) -> list[str]:
    return [record["blocks"][p["index"]]["text"][s["block_start"]:s["block_end"]]
            for p in record["paragraphs"] for s in p["sentences"]]


def test_sentence_block_spans_quote_the_sentence(linter):
    from selkeys.config import Config
    from selkeys.output.json_format import file_dict

    html = ("<html lang='fi'><body><main><h1>Asumistuki</h1><p>Kadun &auml;&auml;ress&auml; on katuty&ouml;t. "
            f"{HARD} Saat p&auml;&auml;t&ouml;ksen postissa.</p></main></body></html>")
    doc = read_bytes(html.encode(), "page.html")
    result = linter.lint_document(doc, Config())
    record = page_record(result, doc)
    assert _sentence_texts(record) == ["Kadun ääressä on katutyöt.", HARD, "Saat päätöksen postissa."]
    first = record["paragraphs"][1]["sentences"][0]
    assert first["start"] != first["block_start"]  # entities before it: source and block offsets differ
    # the plain JSON format keeps its sentence keys; block offsets are a record's, as for findings
    assert "block_start" not in file_dict(result)["paragraphs"][1]["sentences"][0]


def test_batch_records_carry_sentence_spans(tmp_path):
    """The batch path (web pages, files with a CI format, `check --report` on them) scores sentences."""
    from selkeys.batch import FileJob, lint_job
    from selkeys.config import Config

    page = tmp_path / "ohje.md"
    page.write_text(f"# Ohje\n\nVoit hakea tukea verkossa. {HARD}\n", encoding="utf-8")
    record = lint_job(FileJob(str(page), Config(), "fi"))
    assert _sentence_texts(record) == ["Voit hakea tukea verkossa.", HARD]


def test_records_leave_paragraphs_out_when_the_output_shows_none(tmp_path):
    """The text list and the CI formats show findings only: their records carry no paragraph
    or sentence scores (most of a large document's record), and the findings are the same."""
    from selkeys.batch import FileJob, lint_job
    from selkeys.config import Config

    page = tmp_path / "ohje.md"
    page.write_text(f"# Ohje\n\nVoit hakea tukea verkossa. {HARD}\n", encoding="utf-8")
    full = lint_job(FileJob(str(page), Config(), "fi"))
    lean = lint_job(FileJob(str(page), Config(), "fi", paragraphs=False))
    assert [{k: p[k] for k in ("index", "line", "lang", "kind")} for p in full["paragraphs"]] == lean["paragraphs"]
    assert all("score" in p for p in full["paragraphs"]) and not any("score" in p for p in lean["paragraphs"])
    assert lean["findings"] == full["findings"] and lean["score"] == full["score"]


def test_a_bilingual_file_is_told_in_each_paragraphs_language_in_every_format(tmp_path):
    """The text list and CSV render from lean records: a Swedish paragraph's findings still get
    Swedish severities in a mostly Finnish file."""
    import subprocess
    import sys

    page = tmp_path / "tiedote.html"
    page.write_text("<html lang='fi'><body><main><p>Asiakas suorittaa maksun esim. verkkopankissa ja "
                    "toimittaa liitteet viimeistään perjantaina kaupungin kirjaamoon.</p>"
                    "<p lang='sv'>Ansökan skall inlämnas senast på fredag.</p></main></body></html>",
                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "selkeys", "check", "--exit-zero", str(page)],
                         capture_output=True, text=True, check=True).stdout
    swedish = [line for line in out.splitlines() if "SV-ARCH-001" in line]
    assert swedish and all(" varning " in line for line in swedish)
