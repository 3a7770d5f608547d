"""Every text the playground shows, in Finnish, Swedish and English, kept side by side.

One entry holds all three languages so that a change to one is seen next to the others.
Rule messages and explanations are not here: they come from the rule packs.
"""

from __future__ import annotations

from selkeys.handbook import category_name
from selkeys.rules.schema import CATEGORIES

UI_LANGS = ("fi", "sv", "en")

# key: (fi, sv, en)
TEXTS: dict[str, tuple[str, str, str]] = {
    "title": ("selkeys – harjoitusalusta", "selkeys – övningsverktyg", "selkeys playground"),
    "intro": (
        "Kirjoita tai liitä teksti. Ongelmakohdat korostuvat tekstissä, ja näet kappaleiden ja koko tekstin "
        "selkeyspisteet. Suomen- ja ruotsinkielinen teksti tunnistetaan kappaleittain.",
        "Skriv eller klistra in en text. Problemställen markeras i texten, och du ser klarhetspoängen för "
        "varje stycke och för hela texten. Finsk och svensk text känns igen stycke för stycke.",
        "Type or paste a text. Problems are highlighted in the text, and you see the clarity score of each "
        "paragraph and of the whole text. Finnish and Swedish are recognised paragraph by paragraph.",
    ),
    "ui_lang_label": ("Käyttöliittymän kieli", "Gränssnittets språk", "Interface language"),
    "modes": ("Tila", "Läge", "Mode"),
    "tab_write": ("Kirjoita", "Skriv", "Write"),
    "tab_compare": ("Ennen ja jälkeen", "Före och efter", "Before and after"),
    "tab_exercises": ("Harjoitukset", "Övningar", "Exercises"),
    "profile": ("Profiili", "Profil", "Profile"),
    "profile_plain": ("Selkeä kieli", "Klarspråk", "Plain language"),
    "profile_easy": ("Selkokieli", "Lättläst", "Easy language"),
    "text_lang": ("Tekstin kieli", "Textens språk", "Language of the text"),
    "text_lang_auto": ("Tunnista kappaleittain", "Känn igen stycke för stycke", "Detect per paragraph"),
    "lang_fi": ("suomi", "finska", "Finnish"),
    "lang_sv": ("ruotsi", "svenska", "Swedish"),
    "text": ("Teksti", "Text", "Text"),
    "highlighted": ("Tekstisi korostettuna", "Din text med markeringar", "Your text, highlighted"),
    "highlight_help": (
        "Siirry korostukseen sarkainnäppäimellä tai osoita sitä hiirellä, niin näet selityksen.",
        "Gå till en markering med tabbtangenten eller peka på den med musen för att se förklaringen.",
        "Tab to a highlight or point at it to see the explanation.",
    ),
    "empty": (
        "Kirjoita tekstiä, niin analyysi näkyy tässä.",
        "Skriv en text, så visas analysen här.",
        "Type some text and the analysis appears here.",
    ),
    "findings": ("Havainnot", "Fynd", "Findings"),
    "findings_help": (
        "Valitse havainto, niin kohdistin siirtyy sen kohtaan tekstissä. Nuolinäppäimillä liikut listassa.",
        "Välj ett fynd, så flyttas markören till stället i texten. Med piltangenterna rör du dig i listan.",
        "Choose a finding to move to its place in the text. The arrow keys move through the list.",
    ),
    "no_findings": ("Ei havaintoja.", "Inga fynd.", "No findings."),
    "findings_count": ("Havaintoja: {n}", "Fynd: {n}", "Findings: {n}"),
    "scores": ("Selkeyspisteet", "Klarhetspoäng", "Clarity score"),
    "whole_text": ("Koko teksti, {lang}", "Hela texten, {lang}", "Whole text, {lang}"),
    "paragraph": ("Kappale {n}", "Stycke {n}", "Paragraph {n}"),
    "not_analysed": (
        "ei analysoitu: ei suomea eikä ruotsia",
        "inte analyserat: varken finska eller svenska",
        "not analysed: neither Finnish nor Swedish",
    ),
    "pulled_down": ("eniten laskivat", "drog ner mest", "pulled down most by"),
    "metrics": ("Mittarit", "Mått", "Measures"),
    "metric": ("Mittari", "Mått", "Measure"),
    "value": ("Arvo", "Värde", "Value"),
    "suggestion": ("Ehdotus", "Förslag", "Suggestion"),
    "safe": ("turvallinen", "säker", "safe"),
    "review": ("tarkista", "granska", "review"),
    "full_explanation": ("Koko ohje", "Hela förklaringen", "Full explanation"),
    "analysing": ("Analysoidaan…", "Analyserar…", "Analysing…"),
    "error_too_large": (
        "Teksti on liian pitkä. Enimmäispituus on {limit} kilotavua.",
        "Texten är för lång. Den får vara högst {limit} kilobyte.",
        "The text is too long. The limit is {limit} kilobytes.",
    ),
    "error_input": (
        "Tekstissä on merkkejä, joita ei voi analysoida.",
        "Texten innehåller tecken som inte kan analyseras.",
        "The text contains characters that cannot be analysed.",
    ),
    "error_request": (
        "Palvelin ei ymmärtänyt pyyntöä: {detail}",
        "Servern förstod inte begäran: {detail}",
        "The server did not understand the request: {detail}",
    ),
    "error_network": (
        "Palvelimeen ei saatu yhteyttä. Yritä hetken kuluttua uudelleen.",
        "Det gick inte att nå servern. Försök igen om en stund.",
        "The server could not be reached. Try again in a moment.",
    ),
    "compare_help": (
        "Liitä ensimmäiseen kenttään alkuperäinen teksti ja toiseen muokattu versio. "
        "Vertailu päivittyy, kun kirjoitat.",
        "Klistra in originaltexten i det första fältet och den omskrivna versionen i det andra. "
        "Jämförelsen uppdateras medan du skriver.",
        "Paste the original text into the first box and the rewrite into the second. "
        "The comparison updates as you type.",
    ),
    "before": ("Alkuperäinen teksti", "Originaltext", "Original text"),
    "after": ("Muokattu teksti", "Omskriven text", "Rewritten text"),
    "change": ("Muutos", "Förändring", "Change"),
    "resolved": ("Korjatut", "Åtgärdade", "Resolved"),
    "remaining": ("Jäljellä", "Kvar", "Remaining"),
    "new": ("Uudet", "Nya", "New"),
    "none": ("ei yhtään", "inga", "none"),
    "exercise": ("Harjoitus", "Övning", "Exercise"),
    "exercise_lang": ("Harjoitusten kieli", "Övningarnas språk", "Language of the exercises"),
    "exercise_help": (
        "Kirjoita tehtävän teksti uudelleen selkeämmin ja tarkista, mitä korjasit.",
        "Skriv om övningens text så att den blir klarare och kontrollera vad du har åtgärdat.",
        "Rewrite the exercise text more clearly and check what you have fixed.",
    ),
    "exercise_text": ("Tehtävän teksti", "Övningens text", "Exercise text"),
    "your_version": ("Sinun versiosi", "Din version", "Your version"),
    "check": ("Tarkista", "Kontrollera", "Check"),
    "next": ("Seuraava harjoitus", "Nästa övning", "Next exercise"),
    "reveal": ("Näytä esimerkki selkeästä tekstistä", "Visa ett exempel på klar text",
               "Show an example of clear text"),
    "example": ("Esimerkki selkeästä tekstistä", "Exempel på klar text", "An example of clear text"),
    "rule": ("Sääntö", "Regel", "Rule"),
    "target_fixed": ("Harjoituksen ongelma on korjattu.", "Övningens problem är åtgärdat.",
                     "The problem in the exercise is fixed."),
    "target_remains": ("Harjoituksen ongelma on yhä tekstissä.", "Övningens problem finns kvar i texten.",
                       "The problem in the exercise is still in the text."),
    "noscript": (
        "Harjoitusalusta tarvitsee JavaScriptiä. Ota se käyttöön selaimen asetuksista.",
        "Övningsverktyget behöver JavaScript. Slå på det i webbläsarens inställningar.",
        "The playground needs JavaScript. Turn it on in the browser's settings.",
    ),
    # finding severities (rule categories are named by the handbook's texts)
    "severity_error": ("virhe", "fel", "error"),
    "severity_warning": ("varoitus", "varning", "warning"),
    "severity_info": ("huomautus", "anmärkning", "note"),
    "severity_hint": ("vihje", "tips", "hint"),
}

# the metrics table (score drivers use selkeys.score.label, which names the same measures)
METRIC_LABELS: dict[str, tuple[str, str, str]] = {
    "words": ("sanoja", "ord", "words"),
    "sentences": ("virkkeitä", "meningar", "sentences"),
    "words_per_sentence": ("sanoja virkkeessä", "ord per mening", "words per sentence"),
    "long_sentence_share": ("pitkien virkkeiden osuus", "andel långa meningar", "share of long sentences"),
    "lix": ("LIX", "LIX", "LIX"),
    "ovix": ("OVIX", "OVIX", "OVIX"),
    "wiio": ("Wiion luku", "Wiio-index", "Wiio grade"),
    "nominal_quotient": ("nominaalisuusosamäärä", "nominalkvot", "nominal quotient"),
    "long_word_share": ("pitkien sanojen osuus", "andel långa ord", "share of long words"),
    "passive_share": ("passiivin osuus verbeistä", "andel passiva verb", "passive share of verbs"),
    "action_nouns_per_sentence": ("teonnimiä virkkeessä", "verbalsubstantiv per mening",
                                  "action nouns per sentence"),
    "participles_per_sentence": ("partisiippeja virkkeessä", "particip per mening", "participles per sentence"),
    "rare_word_share": ("harvinaisten sanojen osuus", "andel ovanliga ord", "share of rare words"),
    "abbreviations": ("lyhenteitä", "förkortningar", "abbreviations"),
}


def texts_for(ui_lang: str) -> dict[str, str]:
    """All UI texts in one language (English for a language not offered), with the rule
    categories under ``category_<name>`` as the handbook names them."""
    i = UI_LANGS.index(ui_lang) if ui_lang in UI_LANGS else 2
    out = {key: values[i] for key, values in TEXTS.items()}
    out.update({f"category_{c}": category_name(c, UI_LANGS[i]) for c in CATEGORIES})
    return out


def metric_label(name: str, ui_lang: str) -> str:
    values = METRIC_LABELS.get(name)
    if values is None:
        return name
    return values[UI_LANGS.index(ui_lang) if ui_lang in UI_LANGS else 2]


def negotiate_ui_lang(query_lang: str | None, accept_language: str | None) -> str:
    """``?lang=`` first, then the browser's Accept-Language by weight; Finnish by default."""
    if query_lang in UI_LANGS:
        return query_lang
    choices: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in UI_LANGS and weight > 0:
            choices.append((-weight, position, primary))
    return min(choices)[2] if choices else "fi"
