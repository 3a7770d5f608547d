"""Correctness of the fixes for hostile input (issue 18): each stage stays linear and bounded,
and gives the same results as before on ordinary text. Time and memory budgets are checked by
``benchmarks/hostile.py``, not here."""

from __future__ import annotations

import random
import re

import pytest

from selkeys.analysis.finnish import _TOKEN
from selkeys.config import Config
from selkeys.limits import MAX_LINK_CHARS, MAX_WORD_CHARS
from selkeys.metrics import Counts
from selkeys.score import clarity, sentence_scores
from selkeys.metrics import metrics, sentence_counts

# the token pattern as it was before its scheme and local part were bounded (quadratic)
_UNBOUNDED = re.compile(_TOKEN.pattern.replace("{0,31}", "*").replace("{1,64}", "+").replace("++", "+"), re.X)


@pytest.mark.parametrize("text", [
    "Lähetä osoitteeseen kirjaamo@kunta.fi tai https://www.kunta.fi/asiointi.",
    "Sähköposti:matti.meikalainen@kunta.fi, puh. 040 123 4567",
    "yhteystiedot:matti.m@x.fi ja O'Brien.x@y.fi sekä a@b.fi+c@d.fi",
    "foo'bar+x@y.fi, 12,5matti@x.fi, ...x@y.fi, www.kunta.fi/a.b?c=d.",
    "mailto:x@y.fi ftp://palvelin.fi/tiedosto.txt. svn+ssh://a.b/c",
    "_a_a_a_a@b.fi a+a+a+a+ -sana sana- 3.5.2025 klo 9.15",
])
def test_the_token_pattern_gives_the_same_tokens(text):
    """Bounding the e-mail and URL branches (issue 18: quadratic in a run such as "_a_a…")
    changes nothing for addresses of real length."""
    ours = [(m.lastgroup, m.span()) for m in _TOKEN.finditer(text)]
    theirs = [(m.lastgroup, m.span()) for m in _UNBOUNDED.finditer(text)]
    assert ours == theirs


def test_the_token_pattern_reads_a_long_underscore_run_as_words():
    text = "_a" * 5000
    assert [m.group() for m in _TOKEN.finditer(text)] == ["a"] * 5000


def _reference_sentence_weights(counts: Counts, findings):
    return [sum(w for at, w in findings if start <= at < end) for start, end, _ in counts.sentence_counts]


def test_sentence_scores_count_each_finding_in_its_own_sentence():
    """Sorted once and summed by running totals (was: every finding for every sentence)."""
    rng = random.Random(18)
    spans, pos = [], 0
    for _ in range(300):
        length = rng.randint(5, 80)
        spans.append((pos, pos + length, (12, 60, 3, 1, 0, 12, 1, 0, 2, 1, 1, 0, 0, 0, 0)))
        pos += length + rng.randint(0, 2)
    counts = Counts(sentence_counts=tuple(spans))
    findings = [(rng.randrange(pos + 10), rng.choice((3.0, 2.0, 1.0, 0.5))) for _ in range(500)]
    scored = sentence_scores(counts, findings, "fi")
    for (start, end, score), weight, (_, _, values) in zip(scored, _reference_sentence_weights(counts, findings), spans):
        assert score == clarity(metrics(sentence_counts(values), "fi"), weight, "fi")


def test_the_report_highlights_every_stretch_as_before():
    """The report's highlighting sweeps the cuts once (was: every finding per stretch)."""
    from selkeys.output.html_report import SEVERITIES, _e, _Page, _Writer

    rng = random.Random(7)
    text = "".join(rng.choice("abc def. ") for _ in range(400))
    findings = []
    for n in range(120):
        start = rng.randrange(len(text))
        end = min(len(text), start + rng.choice((0, 1, 5, 30, 200)))
        findings.append(((start, end), n, {"code": f"FI-X-{n}", "message": "m", "severity": rng.choice(SEVERITIES)}))
    page = _Page({"path": "x.txt", "url": None}, 1)
    writer = _Writer("fi", None, {})

    def reference(spans):  # the former algorithm, quadratic but plainly right
        cuts = sorted({0, len(text)} | {s for (s, _), _, _ in spans} | {e for (_, e), _, _ in spans})
        out = []
        for a, b in zip(cuts, cuts[1:]):
            covering = [(n, f) for (s, e), n, f in spans if s <= a and b <= e]
            piece = _e(text[a:b])
            if not covering:
                out.append(piece)
                continue
            worst = min(SEVERITIES.index(f["severity"]) for _, f in covering)
            title = "\n".join(f"{f['code']}: {f['message']}" for _, f in covering)
            ids = " ".join(f"{page.id}-f{n}" for n, _ in covering)
            codes = " ".join(f["code"] for _, f in covering)
            out.append(f'<mark class="sev-{SEVERITIES[worst]}" title="{_e(title)}" aria-describedby="{ids}" '
                       f'data-codes="{_e(codes)}">{piece}</mark>')
        return "".join(out)

    assert writer._highlight(page, text, findings) == reference(findings)


def test_an_over_long_word_is_not_analysed_and_the_user_is_told(lint_text):
    long_word = "a" * 400_000
    result = lint_text(f"Tämä on sana: {long_word}. Asiakas suorittaa maksun ajallaan.\n")
    assert result.notices == {"long_words": 1}
    finding = next(f for f in result.findings if f.code == "FI-NOUN-001")
    assert finding.matched == "suorittaa maksun" and finding.column == len("Tämä on sana: ") + len(long_word) + len(". Asiakas ") + 1
    assert result.measures["words"] == 7  # the long run is not a word


def test_an_over_long_word_in_swedish_too(lint_text):
    result = lint_text("Det här är ett ord: " + "b" * 50_000 + ". Ersättning utgår endast om kvitto bifogas.\n",
                       lang="sv")
    assert result.notices == {"long_words": 1}
    assert any(f.code.startswith("SV-") and f.matched == "Ersättning utgår" for f in result.findings)
    assert not any(len(f.matched) > MAX_WORD_CHARS for f in result.findings)


def test_words_and_links_of_real_length_are_analysed_as_before(lint_text):
    compound = "lentokonesuihkuturbiinimoottoriapumekaanikkoaliupseerioppilas"
    link = "https://www.kunta.fi/" + "uutiset-" * ((MAX_LINK_CHARS - 100) // 8)
    result = lint_text(f"Hakija {compound} lukee osoitteen {link} huolellisesti ja suorittaa maksun.\n")
    assert result.notices == {}
    assert any(f.code == "FI-NOUN-001" for f in result.findings)
    assert lint_text(f"Lue {link + 'x' * MAX_LINK_CHARS} nyt heti tänään.\n").notices == {"long_words": 1}


def test_the_long_word_notice_is_told_in_the_documents_language(tmp_path):
    from selkeys.output.places import notice_lines

    assert notice_lines({"long_words": 2}, "en") == [
        f"The text has 2 words or strings without spaces longer than {MAX_WORD_CHARS} characters; "
        "they were not checked as words."]
    assert Config().max_file_size  # the limits apply whatever the file-size limit


def test_a_million_paragraphs_are_capped_with_a_notice(monkeypatch, lint_text):
    """Readers stop building blocks after MAX_BLOCKS and say how many they left out."""
    import selkeys.limits

    monkeypatch.setattr(selkeys.limits.BlockBudget.__init__, "__defaults__", (50,))
    for path, text in (("a.txt", "Sana on.\n\n" * 80), ("a.html", "<p>Sana on.</p>" * 80)):
        result = lint_text(text, path)
        assert len(result.blocks) == 50 and result.notices == {"blocks_capped": 30}, path
    # Markdown stops reading there (its parser's cost is in what it reads): the notice gives
    # the line where the unread rest begins, the 51st paragraph's
    result = lint_text("Sana on.\n\n" * 80, "a.md")
    assert len(result.blocks) == 50 and result.notices == {"unread_from_line": 101}


def test_findings_over_the_limit_are_counted_in_the_score_but_not_listed(monkeypatch, lint_text):
    import selkeys.lint

    text = "Asiakas suorittaa maksun esim. verkkopankissa.\n\n" * 30
    full = lint_text(text)
    monkeypatch.setattr(selkeys.lint, "MAX_FINDINGS", 10)
    capped = lint_text(text)
    assert capped.findings == full.findings[:10]
    assert capped.notices == {"findings_capped": len(full.findings) - 10,
                              "findings_capped_worst": max(int(f.severity) for f in full.findings[10:])}
    assert capped.score == full.score and [b.score for b in capped.blocks] == [b.score for b in full.blocks]


def test_a_finding_past_the_limit_still_fails_the_run(monkeypatch, tmp_path):
    """Hints fill the listed findings; the warning after them must still give exit 1."""
    from typer.testing import CliRunner

    import selkeys.lint
    from selkeys.cli.app import app

    words = " ".join(["kaupungin"] * 12 + ["asukkaat", "voivat", "hakea", "tukea"] + ["kaupungilta"] * 14)
    path = tmp_path / "a.txt"
    path.write_text("Kyseinen asia on selvä.\n\n" * 5 + words.capitalize() + ".\n", encoding="utf-8")
    runner = CliRunner()
    listed_all = runner.invoke(app, ["check", "-j", "1", "--lang", "fi", "--format", "json", str(path)])
    assert listed_all.exit_code == 1 and '"FI-LONG-001"' in listed_all.output
    monkeypatch.setattr(selkeys.lint, "MAX_FINDINGS", 3)
    for fmt in ("text", "json", "csv"):
        capped = runner.invoke(app, ["check", "-j", "1", "--lang", "fi", "--format", fmt, str(path)])
        assert "FI-LONG-001" not in capped.output and capped.exit_code == 1, fmt


def test_sentence_scores_over_the_limit_are_left_out_with_a_notice(monkeypatch, lint_text):
    import selkeys.block_reports

    text = "Asiakas maksaa laskun. Kaupunki lähettää päätöksen.\n\n" * 10
    monkeypatch.setattr(selkeys.block_reports, "MAX_SENTENCE_SCORES", 5)
    result = lint_text(text)
    assert [len(b.sentences) for b in result.blocks] == [2, 2, 1] + [0] * 7  # the first ones in text order
    assert result.notices == {"sentences_capped": 15}


def test_a_long_block_is_analysed_in_parts_with_the_same_sentence_findings(monkeypatch, lint_text):
    import selkeys.limits

    text = " ".join(["Asiakas suorittaa maksun esim. verkkopankissa."] * 40) + "\n"
    whole = lint_text(text)
    monkeypatch.setattr(selkeys.limits, "MAX_BLOCK_CHARS", 300)
    assert len(selkeys.limits.parts(text, [])) > 5
    parted = lint_text(text)
    assert [(f.code, f.start) for f in parted.findings] == [(f.code, f.start) for f in whole.findings]
    assert [(s.start, s.end) for s in parted.blocks[0].sentences] == [(s.start, s.end) for s in whole.blocks[0].sentences]


def test_json_is_written_piece_by_piece_as_json_dumps_would(lint_text):
    import io
    import json

    from selkeys.output.json_format import file_dict, write

    results = [lint_text("Asiakas suorittaa maksun.\n\nToinen kappale on tässä.\n"), lint_text("")]
    out = io.StringIO()
    write(results, out)
    expected = json.dumps({"selkeys": __import__("selkeys").__version__, "files": [file_dict(r) for r in results],
                           "summary": {"files": 2, "findings": len(results[0].findings), "errors": 0}},
                          ensure_ascii=False, indent=2) + "\n"
    assert out.getvalue() == expected
    out = io.StringIO()
    write([], out)
    assert json.loads(out.getvalue())["files"] == []


def test_a_record_line_is_the_record_dumped(linter):
    import json

    from selkeys.output.records import page_line, page_record
    from selkeys.readers import read_bytes

    doc = read_bytes("# Otsikko\n\nAsiakas suorittaa maksun. Kaupunki tekee päätöksen.\n".encode(), "a.md")
    result = linter.lint_document(doc, Config())
    assert page_line(result, doc, url="https://x.fi/", status=200) == json.dumps(
        page_record(result, doc, url="https://x.fi/", status=200), ensure_ascii=False).encode()


def _docx(body: str, **parts) -> bytes:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from docx_build import build_docx

    return build_docx(body, parts or None)


def test_a_word_body_is_streamed_with_the_same_blocks_as_its_tree():
    """check streams the main part a paragraph or table at a time (issue 18: 1.25 M paragraphs
    took 11.7 GB); the blocks are those of the whole tree, which the annotator still reads."""
    from docx_build import p, r

    from selkeys.docx_plugin.container import open_package
    from selkeys.docx_plugin.reader import read_docx_package

    body = (p("Otsikko", '<w:pStyle w:val="Otsikko1"/>') + p("Asiakas suorittaa maksun.")
            + "<w:tbl><w:tr><w:tc>" + p("Solu yksi") + "</w:tc><w:tc>" + p("Solu kaksi") + "</w:tc></w:tr></w:tbl>"
            + f'<w:p>{r("Ennen ")}<w:ins w:id="1" w:author="a">{r("lisätty ")}</w:ins>{r("jälkeen.")}</w:p>'
            + '<w:sdt><w:sdtContent>' + p("Sisältö säätimessä.") + "</w:sdtContent></w:sdt>")
    data = _docx(body)
    streamed = read_docx_package(open_package(data, "a.docx", 10**8))
    package = open_package(data, "a.docx", 10**8)
    tree = read_docx_package(package, package.xml(package.main_part))
    assert [(b.text, b.kind, b.location) for b in streamed.document.blocks] == \
        [(b.text, b.kind, b.location) for b in tree.document.blocks]
    assert streamed.tracked_changes == tree.tracked_changes == 1


def test_word_paragraphs_over_the_limit_are_counted_in_a_notice(monkeypatch):
    from docx_build import p

    import selkeys.limits
    from selkeys.docx_plugin import read_docx_content

    monkeypatch.setattr(selkeys.limits.BlockBudget.__init__, "__defaults__", (20,))
    content = read_docx_content(_docx("".join(p(f"Kappale numero {i}.") for i in range(50)) + p(" ")), "a.docx")
    assert len(content.document.blocks) == 20
    assert content.document.notices == {"blocks_capped": 30}


def test_a_word_paragraph_of_many_runs_is_split_by_language_as_before():
    """Splitting a paragraph by Word's language tags is one pass (was quadratic in its runs)."""
    from docx_build import r

    from selkeys.docx_plugin import read_docx_content

    fi = r("Tämä on suomenkielinen virke jossa on monta sanaa. ", '<w:lang w:val="fi-FI"/>')
    sv = r("Det här är en svensk mening med många ord. ", '<w:lang w:val="sv-FI"/>')
    tiny = r("x ", '<w:lang w:val="sv-FI"/>')
    space = r(" ", '<w:lang w:val="sv-FI"/>')
    expected = {  # as the reader split them before it was made linear
        f"<w:p>{fi * 3}{sv * 3}{fi}{tiny}{fi}</w:p>": [("fi", 153), ("sv", 129), ("fi", 51), ("fi", 53)],
        f"<w:p>{(fi + sv + tiny) * 20}</w:p>": [("fi", 51), ("fi", 1869)],
        "<w:p>" + (fi + space + sv) * 5 + "</w:p>": [("fi", 51), ("sv", 44)] * 5,
    }
    for body, parts in expected.items():
        blocks = read_docx_content(_docx(body), "a.docx").document.blocks
        assert [(b.lang, len(b.text)) for b in blocks] == parts


@pytest.mark.parametrize("hidden", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200b\u00ad"])
def test_invisible_characters_inside_words_hide_no_finding(lint_text, hidden):
    """Zero-width characters and soft hyphens are left out of the analysed text; findings keep
    exact source positions, covering the invisible characters inside them."""
    clean = "Asiakas suorittaa maksun ajallaan ja kaupungin toimesta tehdään päätös.\n"
    text = clean.replace("suorittaa", f"suo{hidden}rittaa").replace("toimesta", f"toi{hidden}mesta")
    expected = lint_text(clean)
    result = lint_text(text)
    assert [f.code for f in result.findings] == [f.code for f in expected.findings]
    for finding in result.findings:
        assert text[finding.start:finding.end] == finding.matched
        assert finding.matched.replace(hidden, "") == next(f.matched for f in expected.findings
                                                           if f.code == finding.code)
    assert result.measures["words"] == expected.measures["words"]


def test_an_invisible_character_between_words_does_not_part_them(lint_text):
    text = "Asiakas suorittaa\u200b maksun.\n"
    finding = next(f for f in lint_text(text).findings if f.code == "FI-NOUN-001")
    assert finding.matched == "suorittaa\u200b maksun"


@pytest.mark.parametrize("prefix, places", [("> " * 25, 1), ("- " * 30, 1), ("> " * 19, 0)])
def test_markdown_nested_past_the_parsers_limit_is_reported(lint_text, prefix, places):
    result = lint_text(prefix + "Asiakas suorittaa maksun.\n\nToinen kappale on tässä.\n", "a.md")
    assert result.notices == ({"deep_nesting": places} if places else {})
    assert any(f.code == "FI-NOUN-001" for f in result.findings) == (not places)


def test_lone_angle_brackets_and_ampersands_in_html_read_as_before():
    """Fed to the parser as stand-ins (5 MB of "<" was one parser turn per character)."""
    from selkeys.readers.html import read_html

    doc = read_html("<p>a < b && c <3 &amp; d<<x</p><p>" + "<" * 1000 + "</p><p>\ue000 &</p>", "a.html")
    assert [b.text for b in doc.blocks] == ["a < b && c <3 & d<", "<" * 1000, "\ue000 &"]
    assert doc.blocks[1].source_map.start(0) == doc.source.index("<" * 1000)
