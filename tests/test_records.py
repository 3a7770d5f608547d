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
