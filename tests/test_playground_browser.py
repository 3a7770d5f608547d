"""The playground in a real browser (headless Debian Chromium through Selenium): type and paste
text, see the highlights on the right words, tab to one and read its explanation, switch the
profile, compare a text with its rewrite and do an exercise. The run saves the screenshot the
README shows (docs/img/playground.png)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait
from starlette.applications import Starlette

from browser import console_errors
from selkeys.server.playground import engine_pool, playground_routes

SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "img" / "playground.png"
FI_TEXT = ("Hakemus on toimitettava esim. kirjaamoon viimeistään perjantaina.\n\n"
           "Maksun suorittaminen tapahtuu verkkopankissa.")
OVERLAPPING = ("Lautakunta on kokouksessaan tehnyt päätöksen, jonka mukaan selvityksen laatiminen on annettu "
               "esim. johtoryhmän tehtäväksi ja selvitys on pyydetty valmistumaan helmikuun loppuun mennessä, "
               "jotta asiasta voidaan päättää keväällä.")
SV_TEXT = "Ansökan skall lämnas in senast den 5 maj. Vi erhåller beslutet inom en vecka."
WAIT = 20  # seconds; the first request also starts Voikko and, for Swedish, loads the tagger


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The playground on a free loopback port, served by uvicorn in a thread."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pool = engine_pool()
    app = Starlette(routes=playground_routes(pool))
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the playground server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
    pool.close()


def wait_for(driver, condition, message: str):
    return WebDriverWait(driver, WAIT).until(lambda d: condition(d), message)


def marked_words(driver, mirror_id: str) -> dict[int, str]:
    """For each finding id, the text of the <mark> pieces that carry it, joined."""
    return {int(k): v for k, v in driver.execute_script("""
        const out = {};
        for (const mark of document.querySelectorAll(`#${arguments[0]} mark.hit`)) {
          for (const id of mark.dataset.findings.split(" ")) out[id] = (out[id] || "") + mark.textContent;
        }
        return out;""", mirror_id).items()}


def finding_codes(driver) -> list[str]:
    """Read in one script, so that a list the page re-renders meanwhile is never half read (a
    StaleElementReferenceException made this test flaky)."""
    return driver.execute_script("""return Array.from(document.querySelectorAll(
        "#write-findings button.finding code"), e => e.innerText);""")


def paste(driver, element_id: str, text: str) -> None:
    """What a paste does to a textarea: the value changes and an input event fires."""
    driver.execute_script("""
        const area = document.getElementById(arguments[0]);
        area.focus();
        area.value = arguments[1];
        area.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));""",
        element_id, text)


def test_playground_in_chromium(browser, server, linter):
    browser.get(f"{server}/playground?lang=fi")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fi"
    textarea = browser.find_element(By.ID, "write-text")

    # typing: highlights appear on the offending words, at the right places
    textarea.send_keys(FI_TEXT)
    wait_for(browser, lambda d: "FI-ABBR-001" in finding_codes(d) and "FI-NOUN-006" in finding_codes(d),
             "typed text was not linted")
    words = marked_words(browser, "write-mirror")
    codes = finding_codes(browser)
    assert words[codes.index("FI-ABBR-001")] == "esim."
    assert words[codes.index("FI-READER-001")] == "on toimitettava"
    assert words[codes.index("FI-NOUN-006")] == "suorittaminen tapahtuu"
    assert browser.find_element(By.ID, "write-text").get_attribute("value") == FI_TEXT  # typing stayed smooth
    paragraph_labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#write-mirror .para-score")]
    assert len(paragraph_labels) == 2 and all("/100" in label for label in paragraph_labels)

    # pasting a bilingual text: each paragraph gets its own language, the document a score per language
    paste(browser, "write-text", f"{FI_TEXT}\n\n{SV_TEXT}")
    wait_for(browser, lambda d: "SV-ARCH-001" in finding_codes(d), "pasted Swedish was not linted")
    codes = finding_codes(browser)
    words = marked_words(browser, "write-mirror")
    assert words[codes.index("SV-ARCH-001")] == "skall"
    assert words[codes.index("SV-WORD-001")] == "erhåller"
    api = httpx.post(f"{server}/api/playground/lint", json={"text": f"{FI_TEXT}\n\n{SV_TEXT}"}).json()
    assert words == {f["id"]: f["matched"] for f in api["findings"]}
    scores = browser.find_element(By.ID, "write-scores").text
    assert "suomi" in scores and "ruotsi" in scores
    assert browser.find_elements(By.CSS_SELECTOR, "#write-metrics table tbody tr")

    # overlapping findings: an abbreviation inside a sentence that is too long
    paste(browser, "write-text", OVERLAPPING)
    wait_for(browser, lambda d: {"FI-LONG-001", "FI-ABBR-001"} <= set(finding_codes(d)), "no overlapping findings")
    api = httpx.post(f"{server}/api/playground/lint", json={"text": OVERLAPPING}).json()
    assert marked_words(browser, "write-mirror") == {f["id"]: f["matched"] for f in api["findings"]}
    paste(browser, "write-text", f"{FI_TEXT}\n\n{SV_TEXT}")
    wait_for(browser, lambda d: "SV-ARCH-001" in finding_codes(d), "text was not linted again")

    # keyboard: tab from the text box to the first highlight and read its explanation
    textarea.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.tag_name == "mark"
    tooltip = browser.find_element(By.ID, "tooltip")
    wait_for(browser, lambda d: tooltip.is_displayed(), "no tooltip on focus")
    assert "FI-READER-001" in tooltip.text
    described = focused.get_attribute("aria-describedby").split()
    description = browser.find_element(By.ID, described[0]).get_attribute("textContent")
    assert "FI-READER-001" in description
    browser.set_window_size(1280, 1250)  # room for the scores and measures below the text
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))

    # the findings list moves focus to the highlight of the chosen finding
    buttons = browser.find_elements(By.CSS_SELECTOR, "#write-findings button.finding")
    target = finding_codes(browser).index("SV-ARCH-001")
    buttons[target].click()
    assert browser.switch_to.active_element.text == "skall"
    buttons[0].send_keys(Keys.ARROW_DOWN)
    assert browser.switch_to.active_element == buttons[1]

    # profile: the easy-language profile adds its own rules
    easy_rule = next(r for r in linter.rules if r.lang == "fi" and r.profiles == ("easy",) and r.kind == "token")
    paste(browser, "write-text", easy_rule.examples_bad[0])
    wait_for(browser, lambda d: "SV-ARCH-001" not in finding_codes(d), "text was not linted again")
    assert easy_rule.code not in finding_codes(browser)
    browser.find_element(By.CSS_SELECTOR, 'input[name="profile"][value="easy"]').click()
    wait_for(browser, lambda d: easy_rule.code in finding_codes(d), "profile switch did not re-lint")

    # before and after
    browser.find_element(By.CSS_SELECTOR, 'input[name="profile"][value="plain"]').click()
    browser.find_element(By.ID, "tab-compare").click()
    paste(browser, "compare-before", "Voit maksaa laskun esim. verkkopankissa. Hakemus on toimitettava kirjaamoon.")
    paste(browser, "compare-after", "Voit maksaa laskun esimerkiksi verkkopankissa. Hakemus on toimitettava "
                                    "kirjaamoon. Liitteet, mm. asemapiirros, lähetetään postitse.")
    result = browser.find_element(By.ID, "compare-result")
    wait_for(browser, lambda d: "FI-ABBR-002" in result.text, "comparison did not appear")
    assert "FI-ABBR-001" in result.find_element(By.CSS_SELECTOR, ".diff-resolved").text
    assert "FI-READER-001" in result.find_element(By.CSS_SELECTOR, ".diff-remaining").text
    assert "FI-ABBR-002" in result.find_element(By.CSS_SELECTOR, ".diff-new").text
    assert "Muutos, suomi" in result.text
    assert "/100" in browser.find_element(By.ID, "compare-before-score").text
    assert "/100" in browser.find_element(By.ID, "compare-after-score").text
    assert "esim." in marked_words(browser, "compare-before-mirror").values()
    assert "mm." in marked_words(browser, "compare-after-mirror").values()

    # exercises: pick one, rewrite it as the revealed example, see it fixed
    browser.find_element(By.ID, "tab-exercises").click()
    pick = browser.find_element(By.ID, "exercise-pick")
    wait_for(browser, lambda d: len(Select(pick).options) > 10, "no exercises")
    # each exercise is listed by what it is about, not as "1. FI-ABBR-001 – Lyhenteet" again and again
    options = [o.text for o in Select(pick).options]
    assert options[0] == "1. " + linter.by_code["FI-ABBR-001"].message_for("fi", matched="esim.")
    assert len(set(o.split(". ", 1)[1] for o in options)) > len(options) * 0.8
    first = browser.find_element(By.ID, "exercise-text").text
    assert first == next(r for r in linter.rules if r.lang == "fi" and r.kind != "syntax").examples_bad[0]
    browser.find_element(By.ID, "exercise-reveal").click()
    example = browser.find_element(By.ID, "exercise-example-text").text
    assert example and browser.find_element(By.ID, "exercise-example-text").is_displayed()
    rewrite = browser.find_element(By.ID, "exercise-rewrite")
    rewrite.clear()
    rewrite.send_keys(example)
    browser.find_element(By.ID, "exercise-check").click()
    verdict = browser.find_element(By.ID, "exercise-verdict")
    wait_for(browser, lambda d: verdict.text, "no verdict")
    assert "verdict-fixed" in verdict.get_attribute("class")

    assert console_errors(browser) == []


def test_ui_texts_follow_the_chosen_language(browser, server):
    browser.get(f"{server}/playground?lang=sv")
    assert browser.find_element(By.ID, "tab-compare").text == "Före och efter"
    paste(browser, "write-text", FI_TEXT)
    wait_for(browser, lambda d: "FI-ABBR-001" in finding_codes(d), "text was not linted")
    browser.find_element(By.CSS_SELECTOR, 'a[hreflang="en"]').click()
    wait_for(browser, lambda d: d.find_element(By.ID, "tab-compare").text == "Before and after", "no English UI")
    # the text stays, and its findings come back in English
    assert browser.find_element(By.ID, "write-text").get_attribute("value") == FI_TEXT
    wait_for(browser, lambda d: "write the abbreviation out" in d.find_element(By.ID, "write-findings").text,
             "findings not shown again in English")
    paste(browser, "write-text", "a" * 100_001)
    status = browser.find_element(By.ID, "write-status")
    wait_for(browser, lambda d: "too long" in status.text, "no size message")
    assert console_errors(browser) == []
