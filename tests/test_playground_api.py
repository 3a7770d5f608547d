"""The playground's JSON API and page, through Starlette's test client and the real engine."""

from __future__ import annotations

import json
import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from selkeys.messages import text
from selkeys.model import Finding, Severity
from selkeys.rewrite import diff_findings
from selkeys.server.playground import (MAX_BODY_BYTES, MAX_TEXT_BYTES, engine_pool, negotiate_ui_lang, page_texts,
                                       playground_routes)
from selkeys.server.ratelimit import ClientMemory

FI_PARAGRAPH = "Hakemus on toimitettava esim. kirjaamoon. Maksun suorittaminen tapahtuu verkkopankissa."
SV_PARAGRAPH = "Ansökan skall lämnas in senast den 5 maj. Vi erhåller beslutet inom en vecka."


@pytest.fixture(scope="module")
def client() -> TestClient:
    """The playground with its engine worker process; one test client, so the rate limit is lifted."""
    pool = engine_pool()
    yield TestClient(Starlette(routes=playground_routes(pool, ClientMemory(10_000, 10_000))))
    pool.close()


def lint(client: TestClient, text: str, **options) -> dict:
    response = client.post("/api/playground/lint", json={"text": text, **options})
    assert response.status_code == 200, response.text
    return response.json()


def js_slice(text: str, start: int, end: int) -> str:
    """Slice by UTF-16 code units, as the page does."""
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def test_spans_point_at_the_offending_words(client):
    text = f"{FI_PARAGRAPH}\n\n{SV_PARAGRAPH}\n"
    view = lint(client, text)
    by_code = {f["code"]: f for f in view["findings"]}
    assert by_code["FI-ABBR-001"]["matched"] == "esim."
    assert by_code["FI-READER-001"]["matched"] == "on toimitettava"
    assert by_code["SV-ARCH-001"]["matched"] == "skall"
    for finding in view["findings"]:
        assert text[finding["start"]:finding["end"]] == finding["matched"]
        para = view["paragraphs"][finding["paragraph"]]
        assert para["start"] <= finding["start"] < finding["end"] <= para["end"]
        assert finding["code"] in view["rules"]


def test_offsets_count_utf16_units_after_an_emoji(client):
    text = "Kiitos 😀 hakemuksesta. Voit maksaa laskun esim. verkkopankissa."
    finding = next(f for f in lint(client, text)["findings"] if f["code"] == "FI-ABBR-001")
    assert finding["start"] == text.index("esim.") + 1  # the emoji is two UTF-16 units
    assert js_slice(text, finding["start"], finding["end"]) == "esim."
    assert lint(client, text)["length"] == len(text) + 1


def test_languages_are_detected_per_paragraph(client):
    view = lint(client, f"{SV_PARAGRAPH}\n\n{FI_PARAGRAPH}")
    assert [p["lang"] for p in view["paragraphs"]] == ["sv", "fi"]
    assert {d["lang"] for d in view["documents"]} == {"fi", "sv"}
    for doc in view["documents"]:
        assert 0 <= doc["score"]["value"] <= 100
        names = {m["name"] for m in doc["metrics"]}
        assert {"words", "sentences", "lix"} <= names
        assert ("wiio" in names) == (doc["lang"] == "fi")
        assert ("nominal_quotient" in names) == (doc["lang"] == "sv")
    for para in view["paragraphs"]:
        assert para["analysed"] and para["score"]["band_label"]


def test_text_language_can_be_fixed(client):
    view = lint(client, FI_PARAGRAPH, lang="sv")
    assert [p["lang"] for p in view["paragraphs"]] == ["sv"]
    assert not any(f["code"].startswith("FI-") for f in view["findings"])


def test_english_paragraph_is_shown_but_not_analysed(client):
    view = lint(client, f"{FI_PARAGRAPH}\n\nThis paragraph is written in English and is not analysed at all.")
    assert [p["analysed"] for p in view["paragraphs"]] == [True, False]
    assert view["paragraphs"][1]["score"] is None
    assert view["skipped"] == {"en": 1}


def test_profile_changes_findings(client, linter):
    rule = next(r for r in linter.rules if r.lang == "fi" and r.profiles == ("easy",) and r.kind != "syntax")
    text = rule.examples_bad[0]
    plain = {f["code"] for f in lint(client, text, profile="plain")["findings"]}
    easy = {f["code"] for f in lint(client, text, profile="easy")["findings"]}
    assert rule.code in easy and rule.code not in plain


def test_messages_follow_the_text_and_labels_the_page_unless_a_message_language_is_chosen(client, linter):
    rule = linter.by_code["SV-ARCH-001"]
    for ui_lang in ("fi", "sv", "en"):
        # not chosen: a Swedish text gets Swedish messages and explanations whatever the page's language
        view = lint(client, "Ansökan skall lämnas in i tid.", ui_lang=ui_lang)
        finding = next(f for f in view["findings"] if f["code"] == "SV-ARCH-001")
        assert finding["message"] == rule.message_for("sv", matched="skall")
        explanation = view["rules"]["SV-ARCH-001"]["explanation"]
        assert explanation.startswith("SV-ARCH-001") and text("explain.why", "sv") in explanation
        assert view["documents"][0]["metrics"][0]["label"] == text("metric.words", ui_lang)
        # chosen with the page's language links: everything in that language
        view = lint(client, "Ansökan skall lämnas in i tid.", ui_lang=ui_lang, message_lang=ui_lang)
        finding = next(f for f in view["findings"] if f["code"] == "SV-ARCH-001")
        assert finding["message"] == rule.message_for(ui_lang, matched="skall")
        assert text("explain.why", ui_lang) in view["rules"]["SV-ARCH-001"]["explanation"]


def test_empty_text_has_nothing_to_show(client):
    view = lint(client, "")
    assert view["paragraphs"] == [] and view["findings"] == [] and view["documents"] == []


def test_text_over_the_limit_is_refused(client):
    response = client.post("/api/playground/lint", json={"text": "ä" * (MAX_TEXT_BYTES // 2 + 1)})
    assert response.status_code == 413
    assert response.json()["code"] == "too_large" and response.json()["limit_kb"] == MAX_TEXT_BYTES // 1000
    huge = b'{"text": "' + b"a" * (MAX_BODY_BYTES + 10) + b'"}'
    assert client.post("/api/playground/lint", content=huge).status_code == 413


@pytest.mark.parametrize("body", [
    b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe", b'{"text": 5}', b'{}',
    b'{"text": "Hei.", "profile": "hard"}', b'{"text": "Hei.", "lang": "de"}',
    b'{"text": "Hei.", "ui_lang": "ru"}', b'{"text": "Hei.", "message_lang": "de"}', b"[" * 5000 + b"]" * 5000,  # nested deeper than the parser goes
])
def test_bad_requests_get_400_with_a_reason(client, body):
    response = client.post("/api/playground/lint", content=body)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request" and response.json()["error"]


@pytest.mark.parametrize("text", ["Hei\x00maailma.", "Hei \ud800 maailma."])
def test_text_the_reader_refuses_gets_400(client, text):
    body = json.dumps({"text": text})  # ensure_ascii: the lone surrogate travels as \\ud800
    response = client.post("/api/playground/lint", content=body.encode())
    assert response.status_code == 400 and response.json()["code"] == "input"


def test_compare_tells_resolved_remaining_and_new(client):
    before = "Voit maksaa laskun esim. verkkopankissa. Hakemus on toimitettava kirjaamoon."
    after = ("Voit maksaa laskun esimerkiksi verkkopankissa. Hakemus on toimitettava kirjaamoon. "
             "Liitteet, mm. asemapiirros, lähetetään postitse.")
    response = client.post("/api/playground/compare", json={"before": before, "after": after, "ui_lang": "en"})
    assert response.status_code == 200
    result = response.json()
    assert ("FI-ABBR-001", "esim.") in {(f["code"], f["matched"]) for f in result["resolved"]}
    assert ("FI-READER-001", "on toimitettava") in {(f["code"], f["matched"]) for f in result["remaining"]}
    assert ("FI-ABBR-002", "mm.") in {(f["code"], f["matched"]) for f in result["new"]}
    for f in result["resolved"]:
        assert before[f["start"]:f["end"]] == f["matched"]
    for f in result["remaining"] + result["new"]:
        assert after[f["start"]:f["end"]] == f["matched"]
    fi = next(s for s in result["scores"] if s["lang"] == "fi")
    assert fi["change"] == fi["after"]["value"] - fi["before"]["value"]
    assert len(result["before"]["findings"]) == len(result["resolved"]) + len(result["remaining"])
    assert len(result["after"]["findings"]) == len(result["remaining"]) + len(result["new"])


def test_compare_refuses_an_oversized_rewrite(client):
    response = client.post("/api/playground/compare", json={"before": "Hei.", "after": "a" * (MAX_TEXT_BYTES + 1)})
    assert response.status_code == 413


def _finding(code: str, matched: str, start: int) -> Finding:
    return Finding(code, "x", Severity.WARNING, "length", "m", start, start + len(matched), 1, start + 1, 1,
                   start + len(matched) + 1, matched)


def test_a_slightly_shortened_long_sentence_remains_and_a_rewritten_one_is_resolved():
    long_before = _finding("FI-LONG-001", "Hakemus on jätettävä kaupungin kirjaamoon viimeistään kuukauden "
                                          "kuluessa päätöksen tiedoksisaannista sekä liitteineen", 0)
    shortened = _finding("FI-LONG-001", "Hakemus on jätettävä kirjaamoon viimeistään kuukauden kuluessa "
                                        "päätöksen tiedoksisaannista sekä liitteineen", 0)
    other = _finding("FI-LONG-001", "Lautakunta päättää asiasta kokouksessaan joulukuussa, jos kaikki "
                                    "tarvittavat selvitykset ovat siihen mennessä valmiina", 200)
    diff = diff_findings([long_before], [shortened])
    assert diff.remaining == [(long_before, shortened)] and not diff.resolved and not diff.new
    diff = diff_findings([long_before], [other])
    assert diff.resolved == [long_before] and diff.new == [other] and not diff.remaining


def test_repeated_findings_pair_one_to_one():
    before = [_finding("FI-ABBR-001", "esim.", 0), _finding("FI-ABBR-001", "Esim.", 40)]
    after = [_finding("FI-ABBR-001", "esim.", 10)]
    diff = diff_findings(before, after)
    assert len(diff.remaining) == 1 and len(diff.resolved) == 1 and not diff.new


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_exercises_come_from_the_rule_examples(client, linter, lang):
    response = client.get(f"/api/playground/exercises?lang={lang}&ui_lang=en&message_lang=en")
    assert response.status_code == 200
    exercises = response.json()["exercises"]
    rules = [r for r in linter.rules if r.lang == lang and r.kind != "syntax"]
    assert len(exercises) == sum(len(r.examples_bad) for r in rules)
    assert len({e["id"] for e in exercises}) == len(exercises)
    for exercise in exercises:
        rule = linter.by_code[exercise["code"]]
        assert exercise["lang"] == lang and exercise["profile"] in rule.profiles
        assert exercise["text"] in rule.examples_bad
        assert exercise["example"] in rule.examples_good
        assert exercise["why"] == rule.why["en"] and exercise["why_lang"] == "en"


def test_each_exercise_is_named_by_what_it_is_about(client, linter):
    exercises = client.get("/api/playground/exercises?lang=fi&ui_lang=en").json()["exercises"]
    toimia = [e for e in exercises if e["code"] == "FI-WORD-017"]
    titles = [e["title"] for e in toimia]
    assert len(toimia) == len(linter.by_code["FI-WORD-017"].examples_bad) and len(set(titles)) == len(titles)
    for exercise in exercises:  # what the rule says about the passage, never its internal name
        rule = linter.by_code[exercise["code"]]
        assert exercise["title"] and ("-" not in rule.name or rule.name not in exercise["title"])
    # in the passage's language when nothing was chosen (the page itself is in English here)
    first = next(e for e in exercises if e["code"] == "FI-ABBR-001")
    assert first["title"] == linter.by_code["FI-ABBR-001"].message_for("fi", matched="esim.")
    assert first["why_lang"] == "fi"
    chosen = client.get("/api/playground/exercises?lang=fi&ui_lang=en&message_lang=en").json()["exercises"]
    first = next(e for e in chosen if e["code"] == "FI-ABBR-001")
    assert first["title"] == linter.by_code["FI-ABBR-001"].message_for("en", matched="esim.")


def test_exercise_explanations_say_which_language_they_are_in(client, linter):
    for exercise in client.get("/api/playground/exercises?lang=fi&ui_lang=sv&message_lang=sv").json()["exercises"]:
        why = linter.by_code[exercise["code"]].why
        assert exercise["why"] == why.get(exercise["why_lang"])
        assert exercise["why_lang"] == ("sv" if why.get("sv") else "en")


def test_an_exercise_passage_is_flagged_by_its_rule_and_its_example_is_not(client):
    exercises = client.get("/api/playground/exercises?lang=fi&ui_lang=fi").json()["exercises"]
    exercise = next(e for e in exercises if e["code"] == "FI-ABBR-001")
    result = client.post("/api/playground/compare", json={
        "before": exercise["text"], "after": exercise["example"], "profile": exercise["profile"],
        "lang": exercise["lang"], "ui_lang": "fi"}).json()
    assert "FI-ABBR-001" in {f["code"] for f in result["resolved"]}
    assert "FI-ABBR-001" not in {f["code"] for f in result["remaining"] + result["new"]}


@pytest.mark.parametrize("query", ["lang=de", "lang=fi&ui_lang=ru", "lang=fi&message_lang=de"])
def test_exercises_refuse_unknown_languages(client, query):
    assert client.get(f"/api/playground/exercises?{query}").status_code == 400


@pytest.mark.parametrize("ui_lang", ["fi", "sv", "en"])
def test_page_is_served_in_each_ui_language(client, ui_lang):
    response = client.get(f"/playground?lang={ui_lang}")
    assert response.status_code == 200
    page = response.text
    assert f'<html lang="{ui_lang}">' in page
    assert f"<title>{text('playground.title', ui_lang)}</title>" in page
    assert not re.search(r"\{\{\w+\}\}", page)
    assert "http://" not in page and "https://" not in page  # no external assets
    assert "script-src 'self'" in response.headers["content-security-policy"]
    settings = json.loads(re.search(r'id="playground-settings">(.*?)</script>', page, re.S).group(1))
    assert settings["ui_lang"] == ui_lang and settings["texts"]["title"] == text("playground.title", ui_lang)
    assert settings["message_lang"] == ui_lang  # chosen with ?lang=: messages in it too
    for asset in ("/static/playground/playground.js", "/static/playground/playground.css"):
        assert asset in page and client.get(asset).status_code == 200


def test_page_language_from_accept_language(client):
    page = client.get("/playground", headers={"Accept-Language": "de-DE, sv-FI;q=0.8, en;q=0.5"}).text
    assert '<html lang="sv">' in page
    settings = json.loads(re.search(r'id="playground-settings">(.*?)</script>', page, re.S).group(1))
    assert settings["message_lang"] is None  # the browser's preference is not a choice: messages follow the text


@pytest.mark.parametrize("query, header, expected", [
    ("en", "sv", "en"), (None, "sv-SE,fi;q=0.9", "sv"), (None, "en;q=0.4, fi;q=0.9", "fi"),
    (None, "de, ru", "fi"), (None, None, "fi"), (None, "sv;q=0, en;q=bad, en", "en"), ("xx", "sv", "sv"),
])
def test_ui_language_negotiation(query, header, expected):
    assert negotiate_ui_lang(query, header) == expected


def test_every_ui_text_is_written_in_all_three_languages():
    pages = [page_texts(lang) for lang in ("fi", "sv", "en")]
    assert set(pages[0]) == set(pages[1]) == set(pages[2])
    for key in pages[0]:
        assert all(page[key].strip() for page in pages), key
        placeholders = [sorted(re.findall(r"\{(\w+)\}", page[key])) for page in pages]
        assert placeholders[0] == placeholders[1] == placeholders[2], key


def test_the_served_app_includes_the_playground(tmp_path):
    """`selkeys serve` runs create_app: the playground must be part of it."""
    from selkeys.server.app import create_app
    from selkeys.server.settings import Settings

    app = create_app(Settings(data_dir=tmp_path))
    with TestClient(app) as served:
        assert served.get("/playground?lang=en").status_code == 200
        assert served.get("/static/playground/playground.js").status_code == 200
        view = served.post("/api/playground/lint", json={"text": "Voit maksaa laskun esim. verkkopankissa."}).json()
        assert [f["matched"] for f in view["findings"] if f["code"] == "FI-ABBR-001"] == ["esim."]
