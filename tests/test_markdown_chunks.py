"""A long Markdown text is parsed in pieces (issue 18: 10 MB of list items took 5 GB parsed
whole); the pieces must give exactly the blocks the whole text gives."""

from __future__ import annotations

import pytest

import selkeys.readers.markdown as markdown
import selkeys.readers.markdown_chunks as markdown_chunks
from selkeys.readers.markdown_chunks import chunks

# Constructs whose extent a cut could get wrong: blank lines followed by unindented text inside
# a fence or an HTML comment, list-like lines inside a raw HTML block, tight lists (bullet and
# ordered), list items with indented continuations, a table, a quote, a reference link whose
# definition comes at the very end, a setext heading, and an ordered item that cannot start a
# list after a paragraph.
SECTION = """\
# Otsikko {n}

Tavallinen kappale, jossa on [linkki][ohje{n}] ja `koodia`.
Toinen rivi samaa kappaletta.

```text
koodi ei ole tekstiä

Tämäkään ei ole tekstiä vaan koodia.
```

<!-- kommentti

Piilossa oleva teksti kommentin sisällä.
-->

<div>
- ei luettelo vaan HTML:ää
- tämäkin
</div>

- kohta yksi
- kohta kaksi
* toinen luettelo
1. numeroitu
2. toinen numeroitu
3) eri erotin

- pitkä kohta
  jatkuu sisennettynä

  ja toinen kappale kohdassa
- seuraava kohta

| sarake | toinen |
|---|---|
| solu | solu kaksi |

> Lainaus alkaa
jatkuu laiskasti.

Alleviivattu otsikko
--------------------

Kappale ennen numeroa
2. ei aloita luetteloa
"""


def _blocks(text: str) -> list[tuple]:
    doc = markdown.read_markdown(text, "a.md")
    return [(b.kind, b.text, b.source_map.start(0), b.source_map.end(len(b.text))) for b in doc.blocks]


@pytest.mark.parametrize("size", [150, 400, 1000])
def test_pieces_give_the_blocks_of_the_whole(monkeypatch, size):
    text = "".join(SECTION.format(n=n) for n in range(30))
    text += "".join(f"\n[ohje{n}]: https://example.fi/{n}\n" for n in range(30))
    whole = _blocks(text)
    monkeypatch.setattr(markdown, "CHUNK_CHARS", size)
    monkeypatch.setattr(markdown_chunks, "CHUNK_CHARS", size)
    monkeypatch.setattr(markdown_chunks, "MAX_CHUNK_CHARS", 100_000)
    pieces = list(chunks(text))
    assert len(pieces) > 5
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert _blocks(text) == whole
    assert any(kind == "paragraph" and "[linkki]" not in t and "linkki" in t for kind, t, *_ in whole)
    assert not any("Piilossa" in t or "koodia." in t or "ei luettelo" in t for _, t, *_ in whole)


def test_a_piece_never_ends_inside_a_fence_however_long(monkeypatch):
    monkeypatch.setattr(markdown_chunks, "CHUNK_CHARS", 100)
    monkeypatch.setattr(markdown_chunks, "MAX_CHUNK_CHARS", 300)
    code = "```\n" + "koodirivi\n\nIlman sisennystä.\n" * 100 + "```\n"
    text = "Alku.\n\n" + code + "\nLoppu on tekstiä.\n" + "Täyte.\n\n" * 100
    cuts = [start for start, _, _ in chunks(text)]
    fence_start, fence_end = text.index("```"), text.rindex("```")
    assert len(cuts) > 3 and not any(fence_start < c <= fence_end for c in cuts)


def test_a_stretch_without_a_clean_cut_is_cut_anyway(monkeypatch):
    """A table of hundreds of kilobytes has no blank line; memory wins over the table's header."""
    monkeypatch.setattr(markdown_chunks, "CHUNK_CHARS", 100)
    monkeypatch.setattr(markdown_chunks, "MAX_CHUNK_CHARS", 300)
    text = "| a | b |\n|---|---|\n" + "| solu | toinen solu |\n" * 200
    pieces = list(chunks(text))
    assert len(pieces) > 5 and all(end - start <= 300 + 30 for start, end, _ in pieces)


def test_reading_stops_after_the_token_limit_with_the_line_it_stopped_at(monkeypatch):
    monkeypatch.setattr(markdown, "MAX_MARKDOWN_TOKENS", 2000)
    monkeypatch.setattr(markdown, "CHUNK_CHARS", 1000)
    monkeypatch.setattr(markdown_chunks, "CHUNK_CHARS", 1000)
    text = "-\n" * 20_000 + "\nAsiakas suorittaa maksun.\n"  # empty list items: tokens, no text
    doc = markdown.read_markdown(text, "a.md")
    line = doc.notices["unread_from_line"]
    assert 1000 < line < 20_000
    assert not doc.blocks


def test_the_notice_says_where_the_unread_text_begins():
    from selkeys.output.places import notice_lines

    assert notice_lines({"unread_from_line": 1234}, "en") == [
        "The document is too large to read whole (over 100000 paragraphs, or a great many list items or "
        "other parts); the text from line 1234 on was not checked."]
    assert "1234" in notice_lines({"unread_from_line": 1234}, "sv")[0]


def test_an_editors_pieces_read_as_the_whole_after_every_edit():
    """The language server's reads (small pieces, unchanged ones not parsed again) give the
    blocks of a plain read of the same text, edit after edit."""
    from selkeys.readers.markdown_pieces import MarkdownPieces

    text = "".join(SECTION.format(n=n) for n in range(30))
    text += "".join(f"\n[ohje{n}]: https://example.fi/{n}\n" for n in range(30))
    pieces = MarkdownPieces()
    middle = len(text) // 2
    for edited in (text, text[:middle] + "Uusi" + text[middle:], text[:middle] + "\n\nUusi kappale.\n\n" + text[middle:],
                   text[:100] + text[200:], text):
        plain = markdown.read_markdown(edited, "a.md")
        kept = markdown.read_markdown(edited, "a.md", pieces)
        assert [(b.kind, b.text, b.source_map.segments) for b in kept.blocks] == \
            [(b.kind, b.text, b.source_map.segments) for b in plain.blocks]
        assert kept.directives == plain.directives and kept.notices == plain.notices
