"""The rule handbook: every rule, category, measure and band; links that resolve; the same
text as `selkeys explain` and the editor hover; and the pages in headless Chromium."""

from __future__ import annotations

import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from selkeys import handbook as hb
from selkeys.explain import explain_markdown, explain_rule, rule_doc
from selkeys.messages import LANGS, catalogue, text
from selkeys.rules.schema import CATEGORIES, load_rules
from selkeys.score import BANDS, COMPONENTS, band_label, label

RULES = load_rules()


class _Page(HTMLParser):
    """Ids, links and the language of every element holding example text."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.example_langs: list[str | None] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if "src" in attrs:
            self.srcs.append(attrs["src"])
        if tag == "li" and "lang" in attrs:
            self.example_langs.append(attrs["lang"])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handbook")
    hb.write(out, RULES, "fi")
    return out


def test_every_rule_appears_with_its_examples_in_its_category(site):
    single = (site / "handbook.html").read_text(encoding="utf-8")
    for rule in RULES:
        page = (site / hb.category_page(rule.lang, rule.category)).read_text(encoding="utf-8")
        for html in (page, single):
            assert f'id="{rule.code}"' in html
            for example in rule.examples_bad + rule.examples_good:
                assert f'<li lang="{rule.lang}">{escape(example)}</li>' in html, (rule.code, example)
            assert escape(rule_doc(rule, "fi").why) in html
            assert escape(rule.source) in html


def test_every_category_measure_and_band_is_explained(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    metrics = (site / "metrics.html").read_text(encoding="utf-8")
    single = (site / "handbook.html").read_text(encoding="utf-8")
    for lang in hb.PACK_LANGS:
        for category in {r.category for r in RULES if r.lang == lang}:
            assert (site / hb.category_page(lang, category)).is_file()
            assert escape(text(f"category.{category}", "fi")) in index
            assert f'id="{hb.category_anchor(lang, category)}"' in single
    for measure in {m for comps in COMPONENTS.values() for m in comps}:
        for html in (metrics, single):
            assert f'id="measure-{measure}"' in html and escape(label(measure, "fi")).lower() in html.lower()
            assert escape(text(f"measure_about.{measure}", "fi")) in html
    for _, band in BANDS:
        fi = band_label(band, "fi")
        assert f'<th scope="row">{escape(fi.capitalize())}</th>' in metrics
        assert escape(text(f"band_meaning.{band}", "fi")) in metrics


def test_handbook_texts_exist_in_all_three_languages():
    handbook_keys = [k for k in catalogue() if k.split(".")[0] in ("handbook", "category", "category_about",
                                                                    "measure_about", "band_meaning")]
    for key in handbook_keys:
        entry = catalogue()[key]
        assert set(entry) == set(LANGS) and all(v.strip() for v in entry.values()), key
    assert {f"category.{c}" for c in CATEGORIES} <= set(handbook_keys)
    assert {f"measure_about.{m}" for comps in COMPONENTS.values() for m in comps} <= set(handbook_keys)
    assert {f"band_meaning.{band}" for _, band in BANDS} <= set(handbook_keys)


def test_anchors_and_weights_are_read_from_the_score_model(monkeypatch):
    """Nothing numeric is copied into the handbook: a recalibrated score shows up as it is."""
    changed = {lang: dict(comps) for lang, comps in COMPONENTS.items()}
    easy, hard, weight = changed["fi"]["lix"]
    changed["fi"]["lix"] = (47.5, hard, 13)
    monkeypatch.setattr(hb, "COMPONENTS", changed)
    monkeypatch.setattr(hb, "BANDS", ((75, "clear"),) + BANDS[1:])
    metrics = hb.build(RULES, "en")["metrics.html"]
    assert '<td class="num">47.5</td>' in metrics and "75–100" in metrics
    assert "47,5" in hb.build(RULES, "fi")["metrics.html"]  # decimal comma in Finnish and Swedish


def test_all_internal_links_resolve_and_nothing_is_external(site):
    files = {p.name: _parse(p) for p in site.glob("*.html")}
    assert {"index.html", "metrics.html", "handbook.html"} <= set(files)
    for name, page in files.items():
        assert not page.srcs, f"{name} loads {page.srcs}"
        for href in page.links:
            target, _, anchor = href.partition("#")
            assert "://" not in href, f"{name} links outside: {href}"
            target_page = files[target] if target else page
            assert target in ("", *files), f"{name}: missing page {target}"
            if anchor:
                assert anchor in target_page.ids, f"{name}: {href} has no target"
    single = files["handbook.html"]
    assert all(h.startswith("#") for h in single.links)  # the single file stands alone
    assert {r.code for r in RULES} <= {h[1:] for h in single.links}  # its contents list every rule


def test_examples_carry_their_language(site):
    for lang in hb.PACK_LANGS:
        page = _parse(site / hb.category_page(lang, "words"))
        assert page.example_langs and set(page.example_langs) == {lang}
    assert '<html lang="fi">' in (site / "index.html").read_text(encoding="utf-8")


def test_explain_hover_and_handbook_share_the_same_text():
    rule = next(r for r in RULES if r.code == "FI-NOUN-001")
    proc = subprocess.run([sys.executable, "-m", "selkeys", "explain", "FI-NOUN-001", "--message-lang", "en"],
                          capture_output=True, text=True, timeout=120)
    why = rule_doc(rule, "en").why
    assert why == rule.why["en"]
    assert why in proc.stdout
    assert why in explain_markdown(rule, "en").replace("\\", "")
    assert escape(why) in hb.build(RULES, "en", single_file_only=True)["handbook.html"]
    assert explain_rule(rule, "en") in proc.stdout
    # a Finnish rule's why has no Swedish text: Swedish readers get the English one, marked as English
    sv_doc = rule_doc(rule, "sv")
    assert sv_doc.why_lang == "en" and f'<p lang="en">{escape(why)}</p>' in hb.rule_html(sv_doc)


def test_language_server_links_into_the_handbook(tmp_path, monkeypatch):
    from selkeys.lsp.docs import rule_href, write_handbook

    monkeypatch.setenv("SELKEYS_CACHE_DIR", str(tmp_path))
    path = write_handbook(RULES, "sv")
    assert path is not None and path.name == "handbook.html"
    href = rule_href(path, "SV-WORD-001")
    assert href.startswith("file://") and href.endswith("handbook.html#SV-WORD-001")
    assert 'id="SV-WORD-001"' in path.read_text(encoding="utf-8")
    path.write_text("stale", encoding="utf-8")
    assert write_handbook(RULES, "sv").read_text(encoding="utf-8") != "stale"  # refreshed when out of date


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "selkeys", *args], capture_output=True, text=True, timeout=120)


def test_handbook_command(tmp_path):
    out = tmp_path / "hb"
    proc = _cli("handbook", "--lang", "sv", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert '<html lang="sv">' in (out / "index.html").read_text(encoding="utf-8")
    assert "Regler för svenska" in (out / "handbook.html").read_text(encoding="utf-8")
    only = tmp_path / "only"
    assert _cli("handbook", "--lang", "en", "--out", str(only), "--single-file-only").returncode == 0
    assert [p.name for p in only.iterdir()] == ["handbook.html"]
    bad = _cli("handbook", "--lang", "de", "--out", str(tmp_path / "x"))
    assert bad.returncode == 2 and "unknown language 'de'" in bad.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    proc = _cli("handbook", "--out", str(blocker))
    assert proc.returncode == 2 and "not a folder" in proc.stderr
    proc = _cli("handbook", "--out", str(blocker / "sub"))
    assert proc.returncode == 2 and "cannot write the handbook" in proc.stderr


def test_handbook_in_the_browser(site, browser):
    from browser import console_errors
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    assert console_errors(browser) == []
    assert browser.find_element(By.TAG_NAME, "h1").text == hb.ui("title", "fi")
    assert browser.find_element(By.TAG_NAME, "main").is_displayed()
    rule = sorted((r for r in RULES if r.lang == "fi" and r.category == "words"), key=lambda r: r.code)[8]
    browser.find_element(By.CSS_SELECTOR, f'a[href="fi-words.html#{rule.code}"]').click()
    assert browser.current_url.endswith(f"/fi-words.html#{rule.code}")
    target = browser.find_element(By.ID, rule.code)
    assert rule.examples_bad[0] in target.text
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", target)
    assert -2 <= top < 50 and browser.execute_script("return window.scrollY") > 0  # scrolled to the rule
    assert console_errors(browser) == []
    # the single file: a rule link jumps within the page
    browser.get((site / "handbook.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, 'a[href="#SV-WORD-001"]').click()
    assert browser.current_url.endswith("handbook.html#SV-WORD-001")
    target = browser.find_element(By.ID, "SV-WORD-001")
    assert -2 <= browser.execute_script("return arguments[0].getBoundingClientRect().top", target) < 50
    assert console_errors(browser) == []
