"""Swedish imperatives that the tagger misses.

The tagger learnt from UD Talbanken and LinES (professional prose, novels, a manual), where
imperatives are rare, so the instructions klarspråk recommends come out as nouns, proper
nouns or prepositions: "Fyll i blanketten", "Ansök senast i maj", "Välj en dag", "Bifoga
intyget", "Om du har frågor, kontakta oss". A sentence that loses its verb drops out of the
measures as non-prose and inflates the nominal quotient.

The correction looks only where an imperative can stand: at the start of a sentence or list
item, after a colon, after "vänligen", after "och"/"eller" that joins another instruction, and
after the comma that closes a fronted "om/när/innan ..." clause. There a word becomes a verb
when it is the imperative form of a verb the word lists know:

* imperative = infinitive (first conjugation and short verbs: "betala", "bifoga", "gå");
* imperative = stem (second and fourth conjugation: "fyll" of "fylla", "ansök" of "ansöka",
  "skriv" of "skriva", "gör" of "göra", "glöm" of "glömma").

A lemma is a verb when the Kelly list says so, or, for verbs outside Kelly, when its present
tense ("registrerar", "tillsätter") is a word of the frequency list that simplemma leads back to
the lemma. A form that is also a common noun or adjective ("ring", "tryck", "försök",
"tillägg") becomes a verb only when an object pronoun, a determiner or a verb particle follows
("Ring oss", "Försök igen", "Tryck på knappen") or when it joins another instruction ("Sök
igen och använd kortare text"), and never before "av" ("Tillägg av make") or a finite verb
("Försök visar att ..."). Pronouns and determiners ("Våra", "De") are never corrected.
"""

from __future__ import annotations

from functools import lru_cache

from selkeys.analysis.lexicon import kelly_kinds, zipf_frequencies

# Words that end a sentence or open a new clause where an instruction may start.
_CLAUSE_BREAK = frozenset({".", "!", "?", ":", ";", "…", "\n"})
# Punctuation and list marks that may stand between the break and the imperative.
_OPENERS = frozenset({"(", '"', "”", "“", "'", "«", "»", "-", "–", "—", "•", "*", "·", "►", "▪", "→"})
# A fronted subordinate clause: "Om du har frågor, ring oss."
_SUBORDINATORS = frozenset({"om", "när", "innan", "eftersom", "ifall", "efter", "medan", "oavsett", "såvida"})
_JOINERS = frozenset({"och", "eller", "sedan", "samt", "men"})
_POLITE = frozenset({"vänligen", "gärna"})
# What may follow an imperative whose form is also a noun: an object, a determiner, a particle.
_STRONG_NEXT = frozenset(
    "oss mig dig honom henne dem den det detta dessa din ditt dina er ert era sin sitt sina hit dit "
    "en ett de alla någon något några varje ingen inget "
    "in ut upp ner ned bort fram tillbaka igen först gärna alltid aldrig inte också även noga noggrant "
    "här där hem !".split())
# Forms the rules would misread: past tenses and function words that look like stems.
_NOT_IMPERATIVE = frozenset(
    "var kan ska skall må bör får vill kom fick gick tog gav låg satt stod såg drog for bar bad "
    "bjöd bröt drev flög frös föll grep höll kröp lät red rev skrev slog smög steg strök svor teg "
    "vek visste vann åt än men man om den det dem sin mer fram bak dag dom fel hel rik".split())
_FINITE = frozenset({"fin"})
# The tagger's readings of a missed imperative ("Ansök" PROPN, "Fyll" NOUN, "kontakta" ADP).
_CORRECTABLE = frozenset({"NOUN", "PROPN", "ADJ", "ADV", "ADP", "X", "INTJ", "SYM"})




def _lemmatize(word: str) -> str:
    from selkeys.analysis.sv_lemmas import lemmatize

    return lemmatize(word).lower()


def _present_known(present: str, lemma: str) -> bool:
    """The present tense is a real word (frequency list) that simplemma leads back to the lemma."""
    return zipf_frequencies("sv").get(present, 0.0) >= 1.5 and _lemmatize(present) == lemma


def _is_verb(lemma: str, presents: tuple[str, ...]) -> bool:
    kinds = kelly_kinds().get(lemma)
    if kinds is not None:
        return "verb" in kinds
    return any(_present_known(p, lemma) for p in presents)


@lru_cache(maxsize=20_000)
def imperative_lemma(word: str) -> str | None:
    """The verb whose imperative ``word`` can be ("fyll" -> "fylla", "bifoga" -> "bifoga"), or None."""
    low = word.lower()
    if len(low) < 2 or not low.isalpha() or low in _NOT_IMPERATIVE:
        return None
    # imperative = infinitive: betala (betalar), gå (går), bifoga (bifogar)
    if low[-1] in "aåeioöuy" and _is_verb(low, (low + "r",)):
        if low in kelly_kinds() or _present_known(low + "r", low):
            return low
    # imperative = stem: fyll (fylla, fyller), ansök, skriv, gör (göra, gör), glöm (glömma)
    stems = [low + "a"]
    if low[-1] in "mn" and low[-2:-1] not in ("m", "n"):
        stems.append(low + low[-1] + "a")
    for lemma in stems:
        base = lemma[:-1]
        presents = (base + "er",) if not base.endswith("r") else (base,)
        if not _is_verb(lemma, presents) or _present_known(lemma + "r", lemma):
            continue  # a first-conjugation verb ("spärra", spärrar) has no imperative "spärr"
        if _lemmatize(presents[0]) == lemma or _lemmatize(low) == lemma:
            return lemma
    return None


def ambiguous(word: str, lemma: str) -> bool:
    """The form is also a common word of another class: a noun or adjective of the Kelly list
    ("ring", "tryck", "försök", "tillägg", "fråga"), or a form simplemma leads to another
    lemma ("lugna" -> "lugn", "öppna" -> "öppen", "lätta" -> "lätt")."""
    low = word.lower()
    kinds = kelly_kinds().get(low)
    if kinds is not None and kinds - {"verb"}:
        return True
    return _lemmatize(low) not in (low, lemma)


def imperative_positions(words: list[str], upos: list[str], verbforms: list[str | None]) -> dict[int, tuple[str, bool]]:
    """Token index -> (verb lemma, corrected) for the imperatives of a text.

    ``words`` are the token texts (line breaks as "\\n"), ``upos`` the tagger's parts of speech
    (upper case) and ``verbforms`` its VerbForm (lower case, or None). ``corrected`` is True
    where the tagger read the imperative as something else; where it read a verb, only the
    lemma is given ("Läs" -> "läsa", which simplemma reads as "lä")."""
    found: dict[int, tuple[str, bool]] = {}
    sentence_start = 0
    for i, word in enumerate(words):
        if word in _CLAUSE_BREAK:
            sentence_start = i + 1
            continue
        position = _position(words, i, sentence_start, found) if word[:1].isalpha() else None
        if position is None:
            continue
        lemma = imperative_lemma(word)
        if lemma is None:
            continue
        if upos[i] in ("VERB", "AUX"):
            if upos[i] == "VERB" and verbforms[i] in (None, "fin", "inf"):
                found[i] = (lemma, False)
            continue
        if upos[i] not in _CORRECTABLE:
            continue  # "Våra", "De": pronouns and determiners are not misread verbs
        nxt = _next_word(words, i)
        nxt_word = words[nxt] if nxt is not None else ""
        if nxt is not None and upos[nxt] in ("VERB", "AUX") and verbforms[nxt] in _FINITE:
            continue  # "Försök visar att ...", "Tillägg misslyckades"
        if nxt_word.lower() == "av" or nxt_word in ("-", "–", "—"):
            continue  # "Tillägg av make/maka"; "Tryck – ..." as a heading
        if (position != "joined" and (ambiguous(word, lemma) or upos[i] == "ADJ")
                and nxt_word.lower() not in _STRONG_NEXT and not _particle_pa(words, upos, nxt)):
            continue
        found[i] = (lemma, True)
    return found


def _particle_pa(words: list[str], upos: list[str], nxt: int | None) -> bool:
    """"Tryck på knappen", "Klicka på länken": "på" before a determiner, pronoun or definite noun."""
    if nxt is None or words[nxt].lower() != "på":
        return False
    after = _next_word(words, nxt)
    if after is None:
        return False
    return upos[after] in ("DET", "PRON") or (upos[after] == "NOUN" and words[after].lower().endswith(("en", "et", "na")))


def _next_word(words: list[str], i: int) -> int | None:
    j = i + 1
    while j < len(words) and words[j] == "\n":
        j += 1
    return j if j < len(words) else None


def _position(words: list[str], i: int, sentence_start: int, found: dict[int, tuple[str, bool]]) -> str | None:
    """Where an imperative may stand: "start" of a sentence, list item or clause after a colon;
    "joined" after och/eller that follows an instruction; "after-clause" after the comma of a
    fronted subordinate clause; "polite" after vänligen. None elsewhere."""
    j = i - 1
    while j >= sentence_start and (words[j] in _OPENERS or (words[j][:1].isdigit() and j == sentence_start)):
        j -= 1
    if j < sentence_start:
        return "start"
    prev = words[j].lower()
    if prev in _POLITE:
        return "polite"
    if prev in ("vänlig", "vänliga") and j >= 2 and words[j - 1].lower() == "var":
        return "polite"
    if prev == "och" and j >= 2 and words[j - 1].lower() in ("vänlig", "vänliga"):
        return "polite"
    if prev in _JOINERS and any(k in found for k in range(sentence_start, j)):
        return "joined"
    if prev == "," and words[sentence_start].lower() in _SUBORDINATORS:
        return "after-clause"
    return None
