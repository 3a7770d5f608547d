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
    # a party's letter closes a sentence; initials of a name do not
    ("Sökanden bor med anknytningspersonen B. Migrationsverket avslog ansökan.",
     ["Sökanden bor med anknytningspersonen B.", "Migrationsverket avslog ansökan."]),
    ("Presidenten George W. Bush kom. Beslutet fattades av A. B. Andersson i går.",
     ["Presidenten George W. Bush kom.", "Beslutet fattades av A. B. Andersson i går."]),
])
def test_swedish_sentences(text, expected):
    assert sentences(text) == expected


def test_tagger_reads_s_passive_and_not_words_ending_in_s():
    tokens = {t.text: t.readings[0] for s in swedish_analyzer().analyze(
        "Beslutet fattades av nämnden. Vi bor i ett hus nära oss.") for t in s.tokens if t.readings}
    assert tokens["fattades"].voice == "pass" and tokens["fattades"].lemma == "fatta"
    assert tokens["hus"].voice is None and tokens["hus"].pos == "noun"
    assert tokens["oss"].pos == "pron"


def test_deponents_outside_kelly_are_not_passives():
    """SAOL's "behövas" ('be needed'): the tagger gives "behövs" the lemma "behöva"."""
    tokens = {t.text: t.readings[0] for s in swedish_analyzer().analyze(
        "Det behövs mer personal. Avgiften betalas av kommunen.") for t in s.tokens if t.readings}
    assert tokens["behövs"].voice != "pass"
    assert tokens["betalas"].voice == "pass"


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


def _tags(text: str) -> dict[str, tuple[str, str]]:
    return {t.text: (t.readings[0].pos, t.readings[0].lemma) for s in swedish_analyzer().analyze(text)
            for t in s.tokens if t.readings}


@pytest.mark.parametrize("text, word, lemma", [
    ("Fyll i blanketten och skicka den till oss.", "Fyll", "fylla"),
    ("Ansök senast i maj.", "Ansök", "ansöka"),
    ("Tillsätt en arbetsgrupp.", "Tillsätt", "tillsätta"),
    ("Välj en dag.", "Välj", "välja"),
    ("Bifoga intyget.", "Bifoga", "bifoga"),
    ("Ring oss om du har frågor.", "Ring", "ringa"),
    ("Läs mer på webbplatsen.", "Läs", "läsa"),
    ("Om du har frågor, kontakta oss.", "kontakta", "kontakta"),
    ("Uppdatera sidan och försök igen.", "försök", "försöka"),
    ("Tryck på knappen.", "Tryck", "trycka"),
    ("Om uppgifterna ska ändras, vänligen kontakta kundtjänsten.", "kontakta", "kontakta"),
    ("- Mata in koden i fältet.", "Mata", "mata"),
])
def test_imperatives_the_tagger_misses_are_verbs(text, word, lemma):
    assert _tags(text)[word] == ("verb", lemma)


@pytest.mark.parametrize("text, word", [
    ("Tillägg av make misslyckades.", "Tillägg"),  # a noun before "av"
    ("Försök visar att metoden fungerar.", "Försök"),  # a noun subject before a finite verb
    ("Lugna perioder växlar med oroliga.", "Lugna"),  # an adjective before its noun
    ("Våra kontor är stängda.", "Våra"),  # a pronoun
    ("Spärr för utlämnande av uppgifter.", "Spärr"),  # spärra has no imperative "spärr"
    ("Besök på plats krävs.", "Besök"),
    ("Vi ringer dig i morgon om ansökan.", "ansökan"),
])
def test_nouns_and_adjectives_are_not_made_imperatives(text, word):
    assert _tags(text)[word][0] != "verb"


def test_instructions_count_as_prose(lint_text):
    """Sentence-initial imperatives no longer drop out of the measures as non-prose (issue 14)."""
    result = lint_text("Fyll i blanketten och skicka den till oss. Ring oss om du har frågor. Ansök senast i maj.",
                       lang="sv")
    block = result.blocks[0]
    assert block.measures["sentences"] == 3 and block.measures["words"] == 18


# Swedish instruction words that have no place in the Finnish text of a Swedish rule (the Finnish
# text may quote Swedish words and replacements, in quotes or after "Kirjoita:", but must not
# instruct in Swedish: "Kirjoita: dela upp ordet" was such a mix).
_SWEDISH_INSTRUCTIONS = ("dela upp", "förledet", "ett konkret ord", "omskrivning", "bestämd form", "skriv ",
                         "använd ", "pröva", "(eller:", "säg ")


def test_finnish_texts_of_swedish_rules_are_finnish():
    import re

    from selkeys.rules.schema import load_rules

    for rule in load_rules(("sv",)):
        texts = [rule.message["fi"], rule.why["fi"]]
        if rule.fix:
            texts.append(rule.fix.suggest.get("fi", ""))
        for text in texts:
            bare = re.sub(r"”[^”]*”|\([^)]*\)|'[^']*'", "", text).lower()
            for phrase in _SWEDISH_INSTRUCTIONS:
                assert phrase not in bare, f"{rule.code}: Swedish instruction {phrase!r} in Finnish text {text!r}"
