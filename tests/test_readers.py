"""Readers keep exact positions: every block character maps back to the same source character."""

from __future__ import annotations

from selkeys.readers import read_bytes
from selkeys.readers.html import read_html
from selkeys.readers.markdown import read_markdown
from selkeys.readers.text import read_text


def _assert_maps_back(doc):
    """Each plain character of each block is the source character its map points at."""
    for block in doc.blocks:
        for i, ch in enumerate(block.text):
            if ch in "\n ":
                continue
            seg = block.source_map._segment(i)
            if seg.text_len != seg.src_len:
                continue  # decoded entity: maps as a whole
            assert doc.source[block.source_map.start(i)] == ch, (block.text, i)


def test_text_paragraphs_lists_and_headings():
    src = "Otsikko\n\nEnsimmäinen kappale jatkuu\ntoisella rivillä.\n\n- kohta yksi\n- kohta kaksi\n"
    doc = read_text(src, "a.txt")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "list_item", "list_item"]
    assert doc.blocks[2].text == "kohta yksi"
    _assert_maps_back(doc)


def test_markdown_skips_code_front_matter_urls_and_comments():
    src = (
        "---\ntitle: Päätös\n---\n# Otsikko\n\nTeksti `koodi` ja [linkki](https://example.fi) sekä "
        "<https://example.fi/x> ja <kirjaamo@example.fi>.\n\n```\nsuorittaa maksun\n```\n\n"
        "<!-- kommentti suorittaa maksun -->\n\n| Sarake | Toinen |\n|---|---|\n| solu yksi | solu *kaksi* |\n"
    )
    doc = read_markdown(src, "a.md")
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "Otsikko"
    assert "koodi" not in texts[1] and "https" not in texts[1] and "kirjaamo" not in texts[1]
    assert "linkki" in texts[1]
    assert not any("suorittaa" in t or "title" in t for t in texts)
    assert "solu kaksi" in texts
    _assert_maps_back(doc)


def test_markdown_positions_in_lists_and_quotes():
    src = "Johdanto.\n\n> Lainaus tässä\n> jatkuu.\n\n1. Ensimmäinen kohta\n2. Toinen kohta\n"
    doc = read_markdown(src, "a.md")
    quote = doc.blocks[1]
    assert quote.text == "Lainaus tässä\njatkuu."
    assert src[quote.source_map.start(quote.text.index("jatkuu"))] == "j"
    assert doc.line_col(quote.source_map.start(quote.text.index("jatkuu"))) == (4, 3)
    assert [b.kind for b in doc.blocks[2:]] == ["list_item", "list_item"]
    _assert_maps_back(doc)


def test_html_main_content_lang_and_entities():
    src = (
        "<!DOCTYPE html><html lang='fi'><head><title>Otsikko</title><style>p{}</style></head><body>"
        "<header><nav><a href='/'>Etusivu</a></nav></header><main><h1>Tiedote</h1>"
        "<p>Katu on suljettu p&auml;iv&auml;n ajan.<br>Lisätietoja saat kirjaamosta.</p>"
        "<p lang='sv'>Gatan är stängd.</p><script>var x = 'suorittaa maksun';</script></main>"
        "<footer>© Kaupunki</footer></body></html>"
    )
    doc = read_html(src, "a.html")
    texts = [b.text for b in doc.blocks]
    assert texts == ["Tiedote", "Katu on suljettu päivän ajan.\nLisätietoja saat kirjaamosta.", "Gatan är stängd."]
    assert [b.lang for b in doc.blocks] == ["fi", "fi", "sv"]
    block = doc.blocks[1]
    i = block.text.index("päivän")
    assert src[block.source_map.start(i):block.source_map.end(i + len("päivän"))] == "p&auml;iv&auml;n"
    _assert_maps_back(doc)


def test_html_without_main_skips_boilerplate():
    src = "<html><body><nav>Valikko</nav><div><p>Sisältö tässä.</p></div><footer>Alatunniste</footer></body></html>"
    assert [b.text for b in read_html(src, "a.html").blocks] == ["Sisältö tässä."]


def test_bom_is_removed_and_columns_stay_in_characters():
    doc = read_bytes("Ääkkösiä ja sanoja.".encode("utf-8-sig"), "a.txt")
    assert doc.source.startswith("Ää")
    assert doc.line_col(doc.blocks[0].source_map.start(doc.blocks[0].text.index("ja"))) == (1, 10)


def test_html_skips_furniture_in_plain_divs():
    src = (
        "<html lang='fi'><body><div class='cookie-banner'>Hyväksy evästeet.</div>"
        "<div id='breadcrumbs'>Etusivu › Liikenne</div><div class='site-menu'><a>Asuminen</a></div>"
        "<div role='navigation'>Valikko</div><div class='content'><p>Katu suljetaan maanantaina.</p></div>"
        "<div class='article-headline'><p>Kuvateksti kertoo kadusta.</p></div></body></html>"
    )
    assert [b.text for b in read_html(src, "a.html").blocks] == [
        "Katu suljetaan maanantaina.", "Kuvateksti kertoo kadusta."]


def test_html_suppression_comments(lint_text):
    src = ("<html lang='fi'><body><!-- selkeys-disable FI-NOUN-001 -- lainaus -->"
           "<p>Asiakas suorittaa maksun heti.</p><!-- selkeys-enable -->"
           "<p>Asiakas suorittaa maksun heti.</p></body></html>")
    result = lint_text(src, path="a.html", lang=None)
    assert [(f.code, f.matched) for f in result.findings if f.code.startswith("FI-NOUN")] == [
        ("FI-NOUN-001", "suorittaa maksun")]
    assert result.findings[0].column > src.index("selkeys-enable")


def test_tab_separated_lines_are_table_cells_not_one_sentence():
    text = ("Yhteystiedot ovat alla.\n\nNimi\tTehtävä\n"
            "Matti Meikäläinen\tvastaa varhaiskasvatuksen palveluohjauksesta ja hakemusten käsittelystä\n")
    doc = read_text(text, "t.txt")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Yhteystiedot ovat alla."), ("table_cell", "Nimi"), ("table_cell", "Tehtävä"),
        ("table_cell", "Matti Meikäläinen"),
        ("table_cell", "vastaa varhaiskasvatuksen palveluohjauksesta ja hakemusten käsittelystä")]
    last = doc.blocks[-1]
    assert text[last.source_map.start(0):last.source_map.end(len(last.text))] == last.text
