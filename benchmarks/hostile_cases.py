"""The hostile inputs of ``benchmarks/hostile.py``, generated on the fly (no stored blobs).

Each case writes its input into a scratch folder and says how to run the real ``selkeys``
command on it, with a time and a peak-memory budget and the exit codes a correct run ends
with. Issue 18 found each of these shapes hanging a run or taking gigabytes; the budgets are
what a user should be able to count on (``check`` on anything the default limits admit stays
under 1 GB). Cases of other areas (fetching, the feedback service, encodings, FIFOs) are
included so the suite covers the whole issue; ``area`` says who fixes them.
"""

from __future__ import annotations

import json
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GB = 1024  # budgets are in MB
FINNISH = ("Hakemus on jätettävä viimeistään kuun lopussa. Asiakas suorittaa maksun esim. verkkopankissa. "
           "Päätöksen tekeminen tapahtuu kaupungin toimesta. ")


@dataclass(frozen=True)
class Case:
    """One hostile input and what a correct run of it looks like."""

    name: str
    area: str  # engine (readers, tokenizer, lint, score, output) or the area that fixes it
    about: str  # what it attacks, for the report
    build: Callable[[Path, "Server"], list[str]]  # writes the input, returns the arguments after `selkeys`
    seconds: float  # time budget
    mb: float = GB  # peak RSS budget
    exits: frozenset[int] = frozenset({0, 1})
    check: Callable[[str], str | None] | None = None  # stdout -> what is wrong, or None
    driver: str = "cli"  # cli, lsp (time until diagnostics) or serve (health check while linting)
    payload: str = ""  # lsp/serve: the text sent


@dataclass
class Route:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    trickle: float = 0.0  # seconds between body bytes (a slow server)


class Server:
    """What the cases may serve over HTTP on 127.0.0.1 (started by hostile.py)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.base = ""

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.base + path


# -- generators ------------------------------------------------------------------------
def _write(folder: Path, name: str, text: str | bytes) -> str:
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return str(path)


def _docx(folder: Path, name: str, body_xml: str, document: bytes | None = None,
          footnotes: str | None = None) -> str:
    """A minimal Word package around ``body_xml`` (the children of w:body), or with ``document``
    as its main part; ``footnotes`` adds a footnotes part with that inner XML."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
             '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
             'document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    if document is None:
        document = f'<w:document xmlns:w="{w}"><w:body>{body_xml}</w:body></w:document>'.encode()
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        if footnotes is not None:
            archive.writestr("word/_rels/document.xml.rels", (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>'))
            archive.writestr("word/footnotes.xml", f'<w:footnotes xmlns:w="{w}">{footnotes}</w:footnotes>')
    return str(path)


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _many_docx_paragraphs(folder: Path, _: Server) -> list[str]:
    """1.25 M short paragraphs in under 10 MB, each part compressed less than 300:1."""
    rng = random.Random(18)
    words = [f"{rng.choice('abcdefghijklmnoprstuvy')}{i % 97}" for i in range(1_250_000)]
    return ["check", "--format", "json", _docx(folder, "paragraphs.docx", "".join(map(_para, words)))]


def _huge_docx_paragraph(folder: Path, _: Server) -> list[str]:
    """One paragraph of 400,000 runs: a single block far larger than any real paragraph."""
    runs = "".join(f"<w:r><w:t xml:space=\"preserve\">sana{i % 1000} </w:t></w:r>" for i in range(400_000))
    return ["check", _docx(folder, "paragraph.docx", f"<w:p>{runs}</w:p>")]


def _many_footnotes(folder: Path, _: Server) -> list[str]:
    """A million footnotes (an 84 MB part) in a 5 MB file: the notes, like the body, are read
    as a stream."""
    notes = "".join(f'<w:footnote w:id="{i}">{_para(f"Sana {i % 977} on.")}</w:footnote>' for i in range(1_000_000))
    return ["check", "--format", "json", _docx(folder, "notes.docx", _para("Asiakas suorittaa maksun."),
                                               footnotes=notes)]


def _tiny_paragraphs(fmt: str) -> Callable[[Path, Server], list[str]]:
    def build(folder: Path, _: Server) -> list[str]:
        return ["check", "--exit-zero", "--format", fmt, _write(folder, "tiny.txt", "Sana on.\n\n" * 1_000_000)]
    return build


def _dense_findings(fmt: str) -> Callable[[Path, Server], list[str]]:
    """Close to the 10 MB default limit, a finding every few words, in normal paragraphs."""
    def build(folder: Path, _: Server) -> list[str]:
        paragraph = FINNISH * 4 + "\n\n"
        return ["check", "--exit-zero", "--format", fmt,
                _write(folder, "dense.txt", paragraph * (9_900_000 // len(paragraph.encode())))]
    return build


def _underscores(suffix: str, repeat: int) -> Callable[[Path, Server], list[str]]:
    def build(folder: Path, _: Server) -> list[str]:
        return ["check", _write(folder, f"underscores{suffix}", "Hakemus on jätettävä viimeistään. " + "_a" * repeat)]
    return build


def _long_paragraph(fmt: str, report: bool = False) -> Callable[[Path, Server], list[str]]:
    """One 2 MB paragraph, hard-wrapped: thousands of sentences and findings in one block."""
    def build(folder: Path, _: Server) -> list[str]:
        words = (FINNISH * 8000).split()
        lines, line = [], []
        for word in words:
            line.append(word)
            if sum(map(len, line)) > 60:
                lines.append(" ".join(line))
                line = []
        args = ["check", "--exit-zero", "--format", fmt, _write(folder, "wrapped.txt", "\n".join(lines) + "\n")]
        return args + (["--report", str(folder / "report.html")] if report else [])
    return build


def _long_word(lang: str) -> Callable[[Path, Server], list[str]]:
    def build(folder: Path, _: Server) -> list[str]:
        return ["check", "--lang", lang, _write(folder, "word.txt", "Tämä on sana: " + "a" * 400_000 + ".\n")]
    return build


def _file(name: str, text: str | bytes, *extra: str) -> Callable[[Path, Server], list[str]]:
    def build(folder: Path, _: Server) -> list[str]:
        return ["check", *extra, _write(folder, name, text)]
    return build


def _markdown_table(folder: Path, _: Server) -> list[str]:
    columns = 100_000
    table = "|" + "a|" * columns + "\n" + "|" + "-|" * columns + "\n" + "|" + "b|" * columns + "\n"
    return ["check", _write(folder, "table.md", table)]


def _backticks(folder: Path, _: Server) -> list[str]:
    """Runs of backticks of every length: each opener is looked for in the rest of the text."""
    pieces, n = [], 1
    while sum(map(len, pieces)) < 4_500_000:
        pieces.append("`" * n + " x ")
        n = n % 3000 + 1
    return ["check", _write(folder, "ticks.md", "".join(pieces))]


def _suppressions(folder: Path, _: Server) -> list[str]:
    """20,000 open suppression regions, each naming its own code, over 20,000 findings."""
    parts = [f"<!-- selkeys-disable FI-X-{i} -->\n\nAsiakas suorittaa maksun.\n\n" for i in range(20_000)]
    return ["check", "--exit-zero", _write(folder, "suppressions.md", "".join(parts))]


def _zero_width(folder: Path, _: Server) -> list[str]:
    text = "Asiakas suo\u200brittaa mak\u00adsun ajallaan ja kaupun\u2060gin toi\u200cmesta tehdään päätös.\n"
    return ["check", "--format", "json", _write(folder, "zw.txt", text)]


def _found(*codes: str) -> Callable[[str], str | None]:
    def check(stdout: str) -> str | None:
        found = {f["code"] for f in json.loads(stdout)["files"][0]["findings"]}
        missing = [c for c in codes if c not in found]
        return f"missing {', '.join(missing)}" if missing else None
    return check


def _notice(key: str) -> Callable[[str], str | None]:
    def check(stdout: str) -> str | None:
        notices = json.loads(stdout)["files"][0].get("notices", {})
        return None if notices.get(key) else f"no {key} notice"
    return check


def _deep_markdown(folder: Path, _: Server) -> list[str]:
    return ["check", "--format", "json", _write(folder, "deep.md", "> " * 60 + "Asiakas suorittaa maksun.\n")]


def _fifo(inside_folder: bool) -> Callable[[Path, Server], list[str]]:
    def build(folder: Path, _: Server) -> list[str]:
        target = folder / "in" if inside_folder else folder
        target.mkdir(exist_ok=True)
        os.mkfifo(target / "pipe.txt")
        return ["check", str(target if inside_folder else target / "pipe.txt")]
    return build


def _utf32(folder: Path, _: Server) -> list[str]:
    return ["check", "--format", "json", _write(folder, "utf32.txt", FINNISH.encode("utf-32"))]


def _utf32_words(stdout: str) -> str | None:
    data = json.loads(stdout)["files"][0]
    if data["error"] or (data["measures"].get("words") or 0) > 0:
        return None
    return "read as something else: 0 words and no error"


def _annotate_dtd_utf32(folder: Path, _: Server) -> list[str]:
    document = ('<?xml version="1.0" encoding="UTF-32"?><!DOCTYPE w:document [<!ENTITY e "x">]>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                f'{_para("Asiakas suorittaa maksun &e;.")}</w:body></w:document>')
    path = _docx(folder, "dtd.docx", "", document.encode("utf-32"))
    return ["docx", "annotate", path, str(folder / "out.docx")]


def _sitemap(status: int) -> Callable[[Path, Server], list[str]]:
    def build(folder: Path, server: Server) -> list[str]:
        url = server.add("/missing-sitemap.xml", Route(status=status, body=b"no"))
        return ["check", "--allow-private", "--format", "jsonl", "--run-dir", str(folder / "run"), "--sitemap", url]
    return build


def _slow_page(folder: Path, server: Server) -> list[str]:
    body = b"<html lang='fi'><body><p>" + b"Hakemus on jatettava. " * 200 + b"</p></body></html>"
    url = server.add("/slow.html", Route(headers={"Content-Type": "text/html"}, body=body, trickle=1.0))
    return ["check", "--allow-private", "--run-dir", str(folder / "run"), url]


def _retry_after(folder: Path, server: Server) -> list[str]:
    url = server.add("/busy.html", Route(status=503, headers={"Retry-After": "100000"}))
    return ["check", "--allow-private", "--run-dir", str(folder / "run"), url]


FORMATS = ("text", "json", "jsonl", "sarif", "csv", "junit", "github")
UNDERSCORES_FI = "Hakemus on jätettävä viimeistään. " + "_a" * 20_000

CASES: tuple[Case, ...] = (
    # -- linear time in the engine -------------------------------------------------------
    Case("underscore-run-md-20k", "engine", '"_a" * 20,000 in Markdown (e-mail branch of the token pattern)',
         _underscores(".md", 20_000), 5),
    Case("underscore-run-md-100k", "engine", '"_a" * 100,000 in Markdown', _underscores(".md", 100_000), 10),
    Case("underscore-run-txt-1m", "engine", '"_a" * 1,000,000 (2 MB) in plain text', _underscores(".txt", 1_000_000), 30),
    Case("lsp-underscore-40k", "engine", "language server: diagnostics for 40 kB of \"_a\"", lambda f, s: ["lsp"], 5,
         driver="lsp", payload=UNDERSCORES_FI),
    Case("long-paragraph-json", "engine", "2 MB hard-wrapped paragraph, JSON (sentence scores)", _long_paragraph("json"), 30),
    Case("long-paragraph-report", "engine", "2 MB hard-wrapped paragraph, --report", _long_paragraph("text", True), 30),
    Case("long-word-fi", "engine", "a 400,000-letter word, Finnish", _long_word("fi"), 10),
    Case("long-word-sv", "engine", "a 400,000-letter word, Swedish", _long_word("sv"), 10),
    Case("html-unclosed-attribute", "engine", "HTML attribute of 1 M characters never closed",
         _file("attr.html", '<p title="' + "a" * 1_000_000), 10),
    # -- memory ----------------------------------------------------------------------------
    Case("docx-1.25m-paragraphs", "engine", "Word file of 1.25 M paragraphs inside every limit", _many_docx_paragraphs, 60,
         check=_notice("blocks_capped")),
    Case("docx-1m-footnotes", "engine", "Word file with a million footnotes (84 MB part)", _many_footnotes, 60,
         check=_notice("blocks_capped")),
    Case("docx-one-huge-paragraph", "engine", "Word paragraph of 400,000 runs", _huge_docx_paragraph, 60),
    Case("html-5mb-lt", "engine", "5 MB of '<' in HTML", _file("lt.html", "<" * 5_000_000), 15),
    Case("md-backtick-runs", "engine", "4.5 MB of backtick runs in Markdown", _backticks, 15),
    Case("md-table-100k-columns", "engine", "Markdown table of 100,000 columns", _markdown_table, 20),
    Case("md-list-10mb", "engine", "10 MB of one-line Markdown list items",
         _file("list.md", "- a\n" * 2_500_000, "--format", "json"),
         30, check=_notice("unread_from_line")),
    Case("md-empty-list-items", "engine", "10 MB of empty Markdown list items (no text, all parser work)",
         _file("empty.md", "-\n" * 5_000_000, "--format", "json"), 20, check=_notice("unread_from_line")),
    Case("md-20k-suppressions", "engine", "20,000 suppression regions over 20,000 findings", _suppressions, 30),
    *(Case(f"tiny-paragraphs-{fmt}", "engine", f"1,000,000 tiny paragraphs (10 MB), --format {fmt}",
           _tiny_paragraphs(fmt), 30) for fmt in FORMATS),
    *(Case(f"finding-paragraphs-{fmt}", "engine", f"100,000 one-line paragraphs with two findings each, --format {fmt}",
           _file("paragraphs.txt", "Asiakas suorittaa maksun esim. verkkopankissa.\n\n" * 100_000, "--exit-zero",
                 "--format", fmt), 60) for fmt in ("text", "json", "jsonl")),
    *(Case(f"dense-findings-{fmt}", "engine", f"9.9 MB of text with a finding every few words, --format {fmt}",
           _dense_findings(fmt), 90) for fmt in FORMATS),
    # -- correctness on hostile text -----------------------------------------------------------
    Case("zero-width-in-words", "engine", "zero-width characters and soft hyphens inside words",
         _zero_width, 10, check=_found("FI-NOUN-001", "FI-AGENT-001")),
    Case("md-deep-nesting", "engine", "Markdown nested deeper than the parser allows", _deep_markdown, 10,
         check=_notice("deep_nesting")),
    # -- other areas of issue 18 -------------------------------------------------------------
    Case("fifo", "cli/readers", "a FIFO given as a file", _fifo(False), 10, exits=frozenset({2})),
    Case("fifo-in-folder", "cli/readers", "a FIFO inside a linted folder", _fifo(True), 10, exits=frozenset({0, 1, 2})),
    Case("utf32-bom", "cli/readers", "UTF-32 text with a BOM", _utf32, 10, exits=frozenset({0, 1, 2}),
         check=_utf32_words),
    Case("annotate-dtd-utf32", "docx", "docx annotate on a UTF-32 main part with a DTD", _annotate_dtd_utf32, 20,
         exits=frozenset({2})),
    Case("sitemap-404", "fetch", "an unreadable sitemap (404)", _sitemap(404), 30, exits=frozenset({2})),
    # the page's 60 s deadline (FetchSettings.page_timeout) plus the command's start and finish
    Case("slow-page", "fetch", "a page served at 1 byte/s", _slow_page, 70, exits=frozenset({0, 1, 2})),
    Case("retry-after-100000", "fetch", "503 with Retry-After: 100000", _retry_after, 60, exits=frozenset({0, 1, 2})),
    Case("playground-underscore", "server", "health check while the playground lints \"_a\" * 49,900",
         lambda f, s: ["serve", "--data-dir", str(f / "data")], 1, driver="serve",
         payload="Hakemus on jätettävä viimeistään. " + "_a" * 49_900),
)
