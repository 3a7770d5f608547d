"""The HTML site report: built from records of really linted Finnish and Swedish pages (some
hostile), checked as parsed HTML and in headless Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import weakref
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from selkeys.config import Config
from selkeys.output.html_report import QUOTE_LIMIT, ReportError, section_of, write_report
from selkeys.output.records import page_record
from selkeys.readers import read_bytes

PAYLOAD = "&lt;script&gt;window.PWNED = 1&lt;/script&gt; &lt;img src=x onerror=\"window.PWNED = 2\"&gt;"
PAGES = {
    "https://kunta.example/asuminen/vuokra": (
        "<html lang='fi'><body><main><h1>Vuokra-asunnot</h1>"
        "<p>Hakemuksen käsittely suoritetaan viraston toimesta. Asiakas suorittaa maksun esim. verkkopankissa.</p>"
        "<p>Voit hakea asuntoa verkossa.</p></main></body></html>"),
    "https://kunta.example/asuminen/tuki": (
        "<html lang='fi'><body><main>"
        f"<p>Hakemus on toimitettava {PAYLOAD} kirjaamoon esim. postitse.</p>"
        "<script>window.PWNED = 3</script>"
        "<p>Päätöksen tekeminen tapahtuu lautakunnan toimesta.</p></main></body></html>"),
    "https://kunta.example/boende/hyra": (
        "<html lang='sv'><body><main><h1>Hyresbostäder</h1>"
        "<p>Avgiften erlägges senast den 1 maj. Ansökan skall inlämnas till kansliet.</p></main></body></html>"),
    "https://kunta.example/": (
        "<html lang='fi'><body><main><p>Tervetuloa kaupungin sivuille. Täältä löydät palvelut.</p>"
        "</main></body></html>"),
}
VERSIONS = {"https://kunta.example/asuminen/vuokra": {"sv": "https://kunta.example/boende/hyra"},
            "https://kunta.example/boende/hyra": {"fi": "https://kunta.example/asuminen/vuokra",
                                                  "en": "javascript:alert(1)"}}


@pytest.fixture(scope="module")
def records(linter) -> list[dict]:
    out = []
    for url, html in PAGES.items():
        doc = read_bytes(html.encode("utf-8"), url, "html")
        result = linter.lint_document(doc, Config())
        meta = {"url": url, "final_url": url, "status": 200}
        if url in VERSIONS:
            meta["lang_versions"] = VERSIONS[url]
        out.append(page_record(result, doc, **meta))
    out.append({"path": "https://kunta.example/rikki", "url": "https://kunta.example/rikki", "error": "HTTP 500",
                "languages": {}, "score": None, "by_language": {}, "paragraphs": [], "findings": [], "blocks": []})
    return out


class _Html(HTMLParser):
    """Collects what the checks need: ids, internal links, tags and their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])


def _parse(path: Path) -> _Html:
    parser = _Html()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_report_is_self_contained_and_every_internal_link_resolves(records, tmp_path):
    out = tmp_path / "site.html"
    summary = write_report(records, out, message_lang="fi")
    assert summary.pages == len(records) and summary.errors == 1
    html = _parse(out)
    for tag, attrs in html.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed"), "no external assets"
        assert "src" not in attrs, f"{tag} loads something: {attrs}"
        assert "style" not in attrs or "url(" not in attrs["style"]
        href = attrs.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in html.ids, f"broken internal link {href}"
        elif href:
            assert href.startswith("https://kunta.example/"), f"unexpected link {href}"
    assert sum(1 for tag, _ in html.tags if tag == "script") == 1  # the report's own, no page script
    rows = [attrs for tag, attrs in html.tags if tag == "tr"]
    text = out.read_text(encoding="utf-8")
    assert text.count('<details class="page"') == len(records)
    assert len(rows) >= len(records)
    # the summary names both languages with their mean score
    for lang in ("fi", "sv"):
        scores = [r["by_language"][lang]["score"]["score"] for r in records if lang in r.get("by_language", {})]
        assert f'<th scope="row">{lang}</th><td class="num">{len(scores)}</td>' in text
    # sections: from the URL's first folder; the home page is the top level
    assert ">asuminen</th>" in text and ">boende</th>" in text


def test_hostile_page_text_and_urls_are_escaped(records, tmp_path):
    out = tmp_path / "site.html"
    write_report(records, out, message_lang="en")
    text = out.read_text(encoding="utf-8")
    assert "<script>window.PWNED" not in text and "<img src=x" not in text
    assert "&lt;script&gt;window.PWNED = 1&lt;/script&gt;" in text  # shown as text
    assert 'href="javascript' not in text and "en: javascript:alert(1)</span>" in text  # shown, never linked


def test_findings_are_highlighted_on_their_words(records, tmp_path):
    out = tmp_path / "site.html"
    write_report(records, out, message_lang="sv")
    text = out.read_text(encoding="utf-8")
    marks = re.findall(r'<mark class="sev-\w+" title="[^"]*" aria-describedby="([^"]+)" data-codes="([^"]*)">([^<]*)</mark>',
                       text)
    assert marks
    for number, record in enumerate(records, 1):
        for n, finding in enumerate(record["findings"]):
            if finding["block_start"] == finding["block_end"]:
                continue
            covering = "".join(m[2] for m in marks if f"p{number}-f{n}" in m[0].split())
            assert covering == finding["matched"].replace("<", "&lt;").replace(">", "&gt;"), finding["code"]
            assert f'id="p{number}-f{n}"' in text  # the explanation the mark points at


def test_language_versions_link_inside_the_report(records, tmp_path):
    out = tmp_path / "site.html"
    write_report(records, out, message_lang="fi")
    text = out.read_text(encoding="utf-8")
    sv_number = next(i for i, r in enumerate(records, 1) if r["url"].endswith("/boende/hyra"))
    fi_number = next(i for i, r in enumerate(records, 1) if r["url"].endswith("/asuminen/vuokra"))
    assert f'<span class="version" lang="sv">sv: <a href="#p{sv_number}">' in text  # a later page
    assert f'<span class="version" lang="fi">fi: <a href="#p{fi_number}">' in text  # an earlier page


def test_report_streams_records_without_keeping_them(records, tmp_path):
    """Records are read once and dropped: at most a couple are alive at any time."""

    class Record(dict):
        pass

    alive: list[weakref.ref] = []
    most = 0

    def stream():
        nonlocal most
        for i in range(300):  # CPython frees a record as soon as nothing refers to it
            most = max(most, sum(1 for ref in alive if ref() is not None))
            record = Record(json.loads(json.dumps(records[i % len(records)])))
            record["url"] = record["path"] = f"https://kunta.example/osio{i % 7}/sivu{i}"
            alive.append(weakref.ref(record))
            yield record

    summary = write_report(stream(), tmp_path / "big.html")
    assert summary.pages == 300
    assert most <= 2
    assert sum(len(st.examples) <= 3 for st in summary.rules.values()) == len(summary.rules)


def test_bad_records_and_unwritable_paths_give_clear_errors(records, tmp_path):
    with pytest.raises(ReportError, match="record 2: expected a JSON object"):
        write_report([records[0], ["not", "a", "record"]], tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()  # nothing half-written
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReportError, match="cannot write the report"):
        write_report(records, blocker / "site.html")
    # wrong types inside a record are treated as missing, not crashes
    odd = {"path": 5, "findings": [{"block": "x", "block_start": None}], "blocks": "nope", "score": "high"}
    write_report([odd], tmp_path / "odd.html")
    assert (tmp_path / "odd.html").is_file()


def test_section_falls_back_to_the_first_folder():
    assert section_of({"url": "https://a.example/liikenne/kadut/x"}) == "liikenne"
    assert section_of({"url": "https://a.example/etusivu"}) == ""
    assert section_of({"path": "docs/ohjeet/a.md"}) == "docs"
    assert section_of({"path": "a.md", "section": "given"}) == "given"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "selkeys", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=180)


def test_check_report_and_report_command(records, tmp_path):
    site = tmp_path / "site"
    for folder, name, url in (("asuminen", "vuokra.html", "https://kunta.example/asuminen/vuokra"),
                              ("boende", "hyra.html", "https://kunta.example/boende/hyra")):
        (site / folder).mkdir(parents=True)
        (site / folder / name).write_text(PAGES[url], encoding="utf-8")
    proc = _cli("check", "site", "--report", "out/site.html", "--message-lang", "sv", "-j", "1", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    text = (tmp_path / "out" / "site.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in text and "suorittaa maksun</mark>" in text and ">boende</th>" in text

    # a CI format on local files runs through temporary records; the report is written from them
    proc = _cli("check", "site", "--format", "sarif", "--report", "ci.html", "-j", "1", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["version"] == "2.1.0"
    assert "suorittaa maksun</mark>" in (tmp_path / "ci.html").read_text(encoding="utf-8")

    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    proc = _cli("report", str(jsonl), "--out", "r.html", "--message-lang", "en", "--title", "Kunta <test>",
                cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "<title>Kunta &lt;test&gt;</title>" in (tmp_path / "r.html").read_text(encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("not json\n", encoding="utf-8")
    proc = _cli("report", "empty.jsonl", "--out", "e.html", cwd=tmp_path)
    assert proc.returncode == 2 and "no page records" in proc.stderr
    deep = tmp_path / "deep.jsonl"  # a hostile line nested deeper than the parser goes is skipped
    deep.write_text("[" * 5000 + "]" * 5000 + "\n" + json.dumps(records[0]) + "\n", encoding="utf-8")
    proc = _cli("report", str(deep), "--out", "deep.html", cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr and (tmp_path / "deep.html").is_file()
    assert _cli("report", str(jsonl), "--out", "r.html", "--message-lang", "de", cwd=tmp_path).returncode == 2


HARD = ("Hakemuksen käsittelyn yhteydessä suoritettavan tulotietojen tarkistamisen perusteella tehtävän "
        "päätöksen täytäntöönpano toteutetaan viranomaisen toimesta {payload} vasta sen jälkeen, kun "
        "muutoksenhakuajan umpeutumisesta on kulunut lainsäädännössä edellytetty määräaika.")
HARD_PAYLOAD = "<script>PWNED = 3</script>"  # no full stop: it stays inside the sentence
HARD_PAGE = ("<html lang='fi'><body><main><h1>Asumistuki</h1><p>Voit hakea asumistukea verkossa. "
             f"{HARD.format(payload=escape(HARD_PAYLOAD))} Saat päätöksen postissa.</p><p>Kysy lisää puhelimessa.</p>"
             "</main></body></html>")
EASY_PAGE = ("<html lang='fi'><body><main><h1>Asumistuki</h1><p>Voit hakea asumistukea verkossa. "
             "Saat päätöksen postissa.</p><p>Kysy lisää puhelimessa.</p></main></body></html>")


def _record(linter, html: str, url: str = "https://kunta.example/asuminen/tuki") -> dict:
    doc = read_bytes(html.encode("utf-8"), url, "html")
    return page_record(linter.lint_document(doc, Config()), doc, url=url)


def _hardest_list(text: str) -> str:
    found = re.search(r'<ol class="hardest"[^>]*>(.*?)</ol>', text, re.DOTALL)
    return found.group(1) if found else ""


def test_hardest_sentence_is_quoted_with_its_score_before_the_text(linter, tmp_path):
    record = _record(linter, HARD_PAGE)
    out = tmp_path / "site.html"
    write_report([record], out, message_lang="fi")
    text = out.read_text(encoding="utf-8")
    sentences = [(s["score"], p["index"], s) for p in record["paragraphs"] for s in p["sentences"]]
    value, index, hardest = min(sentences, key=lambda s: s[0])
    assert value < 60 and sum(v < 60 for v, _, _ in sentences) == 1  # one hard sentence among easy ones
    quote = record["blocks"][index]["text"][hardest["block_start"]:hardest["block_end"]]
    assert quote == HARD.format(payload=HARD_PAYLOAD)
    items = _hardest_list(text)
    assert items.count("<li>") == 1
    assert (f'<li><q lang="fi">{escape(quote)}</q> <span class="pscore">{value:.0f}/100 (erittäin vaikea); '
            "eniten laskivat: ") in items
    assert f'<a href="#p1-b{index}">näytä tekstissä</a>' in items
    assert f'id="p1-b{index}"' in text and "<h3 id=\"p1-hard\">Vaikeimmat virkkeet</h3>" in text
    assert text.index("Vaikeimmat virkkeet") < text.index('<div class="block"')  # the list comes first
    # hostile text inside the quoted sentence stays text
    assert HARD_PAYLOAD not in text and escape(HARD_PAYLOAD) in items


def test_only_easy_sentences_give_no_list(linter, tmp_path):
    record = _record(linter, EASY_PAGE)
    assert all(s["score"] >= 60 for p in record["paragraphs"] for s in p["sentences"])
    assert any(p["sentences"] for p in record["paragraphs"])
    out = tmp_path / "site.html"
    write_report([record], out, message_lang="sv")
    text = out.read_text(encoding="utf-8")
    assert "De svåraste meningarna" not in text and 'class="hardest"' not in text
    assert "Kysy lisää puhelimessa." in text


def test_hardest_list_keeps_three_below_fairly_clear_hardest_first(tmp_path):
    long = "Pitkä " * 80 + "loppu."  # over QUOTE_LIMIT: quoted up to it
    words = ["Yksi.", "Kaksi.", "Kolme.", "Neljä.", "Viisi.", long]
    text = " ".join(words)
    starts = [text.index(w) for w in words]
    scores = [55.0, 12.0, 70.0, 30.0, 20.0, 5.0]
    sentences = [{"score": v, "band": "difficult", "drivers": [{"measure": "lix", "points": 9}],
                  "block_start": s, "block_end": s + len(w)} for v, s, w in zip(scores, starts, words)]
    record = {"url": "https://kunta.example/a", "blocks": [{"index": 0, "kind": "paragraph", "text": text}],
              "paragraphs": [{"index": 0, "lang": "fi", "sentences": sentences}], "findings": []}
    out = tmp_path / "site.html"
    write_report([record], out, message_lang="en")
    quoted = re.findall(r"<q[^>]*>([^<]*)</q> <span class=\"pscore\">(\d+)/100", _hardest_list(out.read_text("utf-8")))
    assert quoted == [(long[:QUOTE_LIMIT].rstrip() + "…", "5"), ("Kaksi.", "12"), ("Viisi.", "20")]


def test_records_without_sentence_spans_render_as_before(linter, tmp_path):
    record = _record(linter, HARD_PAGE)
    old = json.loads(json.dumps(record))
    for paragraph in old["paragraphs"]:
        for sentence in paragraph["sentences"]:
            del sentence["block_start"], sentence["block_end"]
    odd = json.loads(json.dumps(record))
    odd["url"] = "https://kunta.example/odd"
    odd["paragraphs"][1]["sentences"] = "nope"
    odd["paragraphs"][2]["sentences"] = [None, {"score": "low", "block_start": 0, "block_end": 5},
                                         {"score": 1.0, "block_start": "0", "block_end": 5},
                                         {"score": 1.0, "block_start": 9, "block_end": 2}]
    odd["paragraphs"][0]["index"] = ["not", "hashable"]
    bare = {key: value for key, value in record.items() if key != "paragraphs"}
    out = tmp_path / "site.html"
    write_report([old, odd, bare], out, message_lang="fi")
    text = out.read_text(encoding="utf-8")
    assert 'class="hardest"' not in text
    assert text.count('<div class="block"') == 3 * len(record["blocks"])
    assert text.count("Kysy lisää puhelimessa.") == 3


def test_report_in_the_browser(records, tmp_path, browser):
    from browser import console_errors
    from selenium.webdriver.common.by import By

    out = tmp_path / "site.html"
    write_report(records, out, message_lang="fi")
    browser.get(out.as_uri())
    assert console_errors(browser) == []
    assert browser.execute_script("return window.PWNED") is None
    # the chart: one bar per language and bin, counts adding up to the scored pages
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    scored = sum(1 for r in records for lang in r["by_language"] if r["by_language"][lang]["score"])
    assert sum(int(b.get_attribute("data-count")) for b in bars) == scored
    assert any(b.size["height"] > 0 for b in bars)
    # the table: click "score" to sort ascending, again for descending; unscored pages last
    rows = lambda: browser.find_elements(By.CSS_SELECTOR, "#pages tbody tr")  # noqa: E731
    assert len(rows()) == len(records)
    header = browser.find_elements(By.CSS_SELECTOR, "#pages thead th")[2]
    header.find_element(By.TAG_NAME, "button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    expected = sorted(f"{r['score']['score']:.0f}" for r in records if r["score"])
    shown = [row.find_elements(By.TAG_NAME, "td")[2].text for row in rows()]
    assert shown == sorted(expected, key=float) + [""]
    header.find_element(By.TAG_NAME, "button").click()
    shown = [row.find_elements(By.TAG_NAME, "td")[2].text for row in rows()]
    assert header.get_attribute("aria-sort") == "descending" and shown == sorted(expected, key=float, reverse=True) + [""]
    # following a page link opens its details, where the finding is marked on its words
    hostile = next(i for i, r in enumerate(records, 1) if r["url"].endswith("/tuki"))
    browser.find_element(By.CSS_SELECTOR, f'#pages a[href="#p{hostile}"]').click()
    details = browser.find_element(By.ID, f"p{hostile}")
    assert details.get_attribute("open") is not None
    mark = details.find_element(By.CSS_SELECTOR, 'mark[data-codes~="FI-READER-001"]')
    assert mark.text == "on toimitettava" and mark.is_displayed()
    assert "<script>window.PWNED = 1</script>" in details.text  # the payload is text, not code
    assert browser.execute_script("return window.PWNED") is None
    assert console_errors(browser) == []


def test_hardest_sentence_links_to_its_block_in_the_browser(linter, tmp_path, browser):
    from browser import console_errors
    from selenium.webdriver.common.by import By

    out = tmp_path / "site.html"
    write_report([_record(linter, EASY_PAGE, "https://kunta.example/helppo"), _record(linter, HARD_PAGE)], out)
    browser.get(out.as_uri())
    browser.find_element(By.CSS_SELECTOR, '#pages a[href="#p2"]').click()
    item = browser.find_element(By.CSS_SELECTOR, "#p2 ol.hardest li")
    assert item.is_displayed() and HARD_PAYLOAD in item.text  # the payload is shown as text
    assert browser.find_element(By.ID, "p2-hard").text == "Vaikeimmat virkkeet"
    assert not browser.find_elements(By.CSS_SELECTOR, "#p1 ol.hardest")
    link = item.find_element(By.TAG_NAME, "a")
    target = link.get_attribute("href").split("#")[1]
    link.click()
    block = browser.find_element(By.ID, target)
    assert browser.execute_script("return document.querySelector(':target') === arguments[0]", block)
    assert block.is_displayed() and "Hakemuksen käsittelyn yhteydessä" in block.text
    assert browser.execute_script("return window.PWNED") is None
    assert console_errors(browser) == []


def test_report_of_a_large_site_opens_and_sorts(records, tmp_path, browser):
    from browser import console_errors
    from selenium.webdriver.common.by import By

    urls = [f"https://kunta.example/osio{i % 9}/sivu{i:04d}" for i in range(1200)]

    def many():
        for i, url in enumerate(urls):
            record = json.loads(json.dumps(records[i % 4]))
            record["url"] = record["path"] = url
            record["title"] = f"Sivu {i:04d}"
            yield record

    out = tmp_path / "big.html"
    write_report(many(), out)
    browser.get(out.as_uri())
    header = browser.find_elements(By.CSS_SELECTOR, "#pages thead th")[0]
    header.find_element(By.TAG_NAME, "button").click()
    header.find_element(By.TAG_NAME, "button").click()  # descending by page title
    first = browser.find_element(By.CSS_SELECTOR, "#pages tbody tr td")
    assert first.find_element(By.TAG_NAME, "a").text == "Sivu 1199"
    assert first.find_element(By.CSS_SELECTOR, ".loc").text == urls[1199]  # the address under the title
    assert len(browser.find_elements(By.CSS_SELECTOR, "#pages tbody tr")) == 1200
    assert console_errors(browser) == []


def test_report_of_a_crawled_site(tmp_path, browser):
    """End to end: crawl a served site, write the report, follow a page's Swedish version."""
    from browser import console_errors
    from selenium.webdriver.common.by import By
    from site_fixture import SiteServer, build_site

    server = SiteServer(build_site(6, awkward=False))
    try:
        (tmp_path / "selkeys.toml").write_text('crawl-delay = 0\nuser-agent-contact = "https://example.fi/yhteys"\n'
                                               'cache-dir = "cache"\n', encoding="utf-8")
        proc = _cli("check", "--crawl", server.base + "/", "--allow-private", "--max-pages", "40", "--run-dir",
                    "run", "--format", "jsonl", "--exit-zero", "--report", "site.html", "-j", "1", cwd=tmp_path)
    finally:
        server.close()
    assert proc.returncode == 0, proc.stderr
    pages = [json.loads(line) for line in proc.stdout.splitlines()]
    text = (tmp_path / "site.html").read_text(encoding="utf-8")
    assert text.count('<details class="page"') == len(pages) >= 12
    assert ">asuminen</th>" in text and ">boende</th>" in text
    fi_page = next(n for n, r in enumerate(pages, 1) if r.get("lang_versions", {}).get("sv"))
    sv_url = pages[fi_page - 1]["lang_versions"]["sv"]
    sv_page = next(n for n, r in enumerate(pages, 1) if r["url"] == sv_url)
    browser.get((tmp_path / "site.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, f'#pages a[href="#p{fi_page}"]').click()
    browser.find_element(By.CSS_SELECTOR, f'#p{fi_page} .version[lang="sv"] a[href="#p{sv_page}"]').click()
    assert browser.find_element(By.ID, f"p{sv_page}").get_attribute("open") is not None
    assert browser.current_url.endswith(f"#p{sv_page}")
    assert console_errors(browser) == []


# -- what a reader finds where (issue 16 item 9) -----------------------------------------------

def _blocked_and_missing() -> list[dict]:
    base = {"languages": {}, "score": None, "by_language": {}, "paragraphs": [], "findings": [], "blocks": []}
    return [{**base, "path": "https://kunta.example/yksityinen/", "url": "https://kunta.example/yksityinen/",
             "error": None, "skipped": "disallowed by robots.txt; not fetched"},
            {**base, "path": "https://kunta.example/liite.pdf", "url": "https://kunta.example/liite.pdf",
             "error": None, "status": 200, "skipped": "not HTML (application/pdf); skipped"},
            {**base, "path": "https://kunta.example/poistettu", "url": "https://kunta.example/poistettu",
             "error": "HTTP 404", "status": 404},
            {**base, "path": "https://kunta.example/silmukka", "url": "https://kunta.example/silmukka",
             "error": "redirect loop (a → b)", "status": 302}]


def _row(text: str, location: str) -> str:
    row = next(r for r in text.split("<tr>") if location in r)
    return row.split("</tr>")[0]


def test_pages_are_listed_by_title_with_the_address_under_it(records, tmp_path):
    titled = [dict(records[3], title="Etusivu – Kunta")] + records[:3]
    out = tmp_path / "site.html"
    write_report(titled, out, message_lang="fi")
    text = out.read_text(encoding="utf-8")
    row = _row(text, "https://kunta.example/asuminen/vuokra")
    assert '<a href="#p2">Vuokra-asunnot</a><br><span class="loc">https://kunta.example/asuminen/vuokra</span>' in row
    assert '<a href="#p1">Etusivu – Kunta</a>' in _row(text, 'href="#p1"')  # the page's <title> first
    assert '<a href="#p3">https://kunta.example/asuminen/tuki</a></td>' in text  # no title, no heading: the address
    assert '<summary><span class="title">Vuokra-asunnot</span> – ' in text


def test_the_page_table_comes_right_after_the_summary(records, tmp_path):
    out = tmp_path / "site.html"
    write_report(records, out, message_lang="fi")
    text = out.read_text(encoding="utf-8")
    order = [text.index(f'id="{name}"') for name in ("summary-h", "table-h", "dist-h", "sect-h", "rules-h", "pages-h")]
    assert order == sorted(order)
    assert 'class="scroll pages-box"' in text  # a long table scrolls in its own box


def test_blocked_skipped_and_missing_pages_say_why(records, tmp_path):
    out = tmp_path / "site.html"
    write_report(records[:1] + _blocked_and_missing(), out, message_lang="fi")
    text = out.read_text(encoding="utf-8")
    assert '<td data-value="">Ei haettu: sivuston robots.txt kieltää sen</td>' in _row(text, "/yksityinen/")
    assert '<td data-value="">Ohitettu: ei HTML-sivu (application/pdf)</td>' in _row(text, "/liite.pdf")
    assert '<td data-value="">Sivua ei voitu tarkistaa: HTTP 404</td>' in _row(text, "/poistettu")
    assert '<td data-value="">Sivua ei voitu tarkistaa: redirect loop (a → b) (HTTP 302)</td>' in _row(text, "/silmukka")
    details = text.split('id="p2"', 1)[1].split("</details>", 1)[0]
    assert '<p class="note">Ei haettu: sivuston robots.txt kieltää sen</p>' in details
    assert "Sivun tekstiä ei ole tallennettu" not in details
    english = tmp_path / "en.html"
    write_report(records[:1] + _blocked_and_missing(), english, message_lang="en")
    assert ">Not fetched: the site&#x27;s robots.txt disallows it</td>" in english.read_text(encoding="utf-8")


def test_the_histogram_names_its_axes(records, tmp_path):
    out = tmp_path / "site.html"
    write_report(records, out, message_lang="fi")
    chart = out.read_text(encoding="utf-8").split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    labels = re.findall(r'<text class="axis-label"[^>]*>([^<]+)</text>', chart)
    assert labels == ["Selkeysindeksi", "Sivuja"]


def test_page_titles_come_from_the_html_title():
    from selkeys.fetch.links import page_links

    found = page_links("<html lang='fi'><head><title>\n Asumistuki –  Kaupunki </title></head>"
                       "<body><svg><title>kuvake</title></svg></body></html>", "https://kunta.example/")
    assert found.title == "Asumistuki – Kaupunki"
