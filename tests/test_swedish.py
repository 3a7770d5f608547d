"""Swedish: tokens and sentences, the shipped tagger, measures, bilingual documents and compare."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from selkeys.analysis.swedish import swedish_analyzer
from selkeys.config import Config

EXAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "examples"


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in swedish_analyzer().analyze(text)]


@pytest.mark.parametrize("text, expected", [
    ("Ta med t.ex. id-kort och bl.a. intyg. Kom i tid.", ["Ta med t.ex. id-kort och bl.a. intyg.", "Kom i tid."]),
    ("Mötet hålls den 15.3.2025 kl. 9. Välkommen!", ["Mötet hålls den 15.3.2025 kl. 9.", "Välkommen!"]),
    ("Tilläggsuppgifter:\nAnna Andersson, tfn 040 123 4567", ["Tilläggsuppgifter:", "Anna Andersson, tfn 040 123 4567"]),
    ("Ta med\nid-kort\nFPA-kort", ["Ta med", "id-kort", "FPA-kort"]),
])
def test_swedish_sentences(text, expected):
    assert sentences(text) == expected


def test_tagger_reads_s_passive_and_not_words_ending_in_s():
    tokens = {t.text: t.readings[0] for s in swedish_analyzer().analyze(
        "Beslutet fattades av nämnden. Vi bor i ett hus nära oss.") for t in s.tokens if t.readings}
    assert tokens["fattades"].voice == "pass" and tokens["fattades"].lemma == "fatta"
    assert tokens["hus"].voice is None and tokens["hus"].pos == "noun"
    assert tokens["oss"].pos == "pron"


def test_swedish_measures(lint_text):
    result = lint_text("Beslutet fattades av nämnden i mars. Ansökan ska lämnas in senast i april.", lang="sv")
    measures = result.by_language["sv"].measures
    assert measures["nominal_quotient"] is not None and measures["wiio"] is None
    assert measures["passive_share"] > 0
    assert result.by_language["sv"].score is not None


def test_bilingual_document_is_scored_per_language(linter):
    result = linter.lint_path(str(EXAMPLES / "tiedote-katutyot.html"), Config())
    assert set(result.by_language) == {"fi", "sv"}
    assert {b.lang for b in result.blocks} == {"fi", "sv"}
    assert not result.skipped


def test_compare_command_lines_up_versions(tmp_path):
    fi = tmp_path / "fi.txt"
    sv = tmp_path / "sv.txt"
    fi.write_text("Katu suljetaan maanantaina.\n\nHakemuksen käsittelyn suorittaminen tapahtuu kaupungin "
                  "toimesta siinä järjestyksessä, jossa hakemukset ovat saapuneet kirjaamoon, ottaen huomioon "
                  "lainsäädännön asettamat määräajat ja kaupungin käytettävissä olevat resurssit.\n",
                  encoding="utf-8")
    sv.write_text("Gatan stängs på måndag.\n\nVi behandlar ansökningarna i den ordning de kommer in.\n",
                  encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "selkeys", "compare", "--format", "json", str(fi), str(sv)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["pairs"]) == 2
    assert data["pairs"][1]["marked"] and data["pairs"][1]["difference"] < 0
    assert data["scores"]["fi"] and data["scores"]["sv"]


def test_compounds_of_common_words_are_not_rare():
    from selkeys.metrics import SwedishCounter

    counter = SwedishCounter()
    assert not counter._is_rare("vattenavbrottet", "vattenavbrott", "noun")
    assert not counter._is_rare("kommunstyrelsen", "kommunstyrelse", "noun")
    assert counter._is_rare("xyzqvört", "xyzqvört", "noun")


@pytest.mark.parametrize("word, upos, verbform, expected", [
    ("planerade", "VERB", "part", "ADJ"),  # Talbanken tags participles ADJ
    ("planerade", "VERB", "fin", "VERB"),  # a finite past tense stays a verb
    ("som", "ADP", None, "SCONJ"),  # comparative "som ordförande"
    ("som", "PRON", None, "PRON"),  # the relative pronoun is left alone
    ("än", "ADP", None, "SCONJ"),
    ("mer", "ADJ", None, "ADV"),
    ("beräknas", "NOUN", None, "VERB"),  # s-form of a Kelly verb
])
def test_tagger_output_follows_talbanken_conventions(word, upos, verbform, expected):
    from selkeys.analysis.swedish import corrected_upos, dictionary_lemma

    assert corrected_upos(word, upos, dictionary_lemma(word), verbform) == expected
