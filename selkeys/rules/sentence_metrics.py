"""Measures that sentence- and paragraph-level rules compare with their thresholds."""

from __future__ import annotations

import re

from selkeys.analysis.lexicon import zipf_frequencies
from selkeys.analysis.tokens import Reading, Sentence, Token, fewest_parts
from selkeys.rules.cited_titles import act_after
from selkeys.rules.measure import Measure, count_words, longest_first
from selkeys.rules.premodifiers import swedish_premodifiers
from selkeys.rules.split_verb import auxiliary_gaps
from selkeys.rules.valency import prefers, rejects

_FINITE_MOODS = frozenset({"indicative", "conditional", "imperative", "potential", "ind", "imp", "sub"})  # fi, sv
_CHAIN_STOP_POS = frozenset({"verb", "conj", "neg", "pron"})
_MAX_CHAIN = 30  # bounds the walk back, so run-on text without punctuation stays linear
_CLAUSE_PUNCT = frozenset({",", ";", ":", ".", "!", "?", "(", ")"})
# words after which a genitive and "on" open a clause ("jos hakijan on", "että kunnan on")
_CLAUSE_OPENERS = frozenset({"jos", "että", "kun", "mutta", "ja", "tai", "sekä", "niin", "koska", "vaikka", "joten",
                             "eikä", "kuitenkin", "lisäksi", "myös", "siksi", "tällöin", "silloin"})


def is_finite_verb(tok: Token) -> bool:
    """Asked for every word in several places; a plain loop (mood first, which most readings
    lack) costs a third of ``any`` over a generator."""
    if tok.kind == "word":
        for r in tok.readings:
            if r.mood in _FINITE_MOODS and r.pos in ("verb", "neg"):
                return True
    return False


def is_passive_verb(tok: Token) -> bool:
    """A finite passive form ("myönnetään", "myönnettiin"); ambiguous forms count only if every verb reading is passive."""
    verbs = [r for r in tok.readings if r.pos == "verb" and r.mood in _FINITE_MOODS]
    return bool(verbs) and all(r.passive for r in verbs) and len(verbs) == len(tok.readings)


def is_past_passive_participle(tok: Token) -> bool:
    """'myönnetty', 'päätetty': the second half of a passive perfect after 'on' / 'ei ole'."""
    return tok.kind == "word" and any(r.participle == "past_passive" and r.case == "nom" and r.number != "plural"
                                      for r in tok.readings)


_ATTRIBUTE_PARTICIPLES = frozenset({"present_active", "present_passive", "past_active", "past_passive", "agent"})
# participles that the dictionary gives as adjectives of their own and that take no complements:
# "seuraava" is 'next, following' ("seuraavin periaattein", "seuraavat asiakirjat"), "luotettava"
# 'reliable' ("asian käsittelyä varten luotettava selvitys"). UD Finnish-TDT dev tags each of
# them as an adjective, never as a participle.
_ADJECTIVES = frozenset({"seuraava", "luotettava", "tietty", "suosittu", "miellyttävä", "yllättävä", "uskottava",
                         "merkittävä", "huomattava",  # 'significant', 'considerable': ADJ 9 of 9 in TDT dev
                         "sopiva",  # 'suitable' ("ministeriön mukaan [sopivia] työntekijöitä": easy-language news)
                         "ratkaiseva",  # 'decisive' ("Tältä osin [ratkaisevaa] merkitystä": audit round 16)
                         "pysyvä",  # 'permanent': ADJ 6 of 6 in TDT dev ("pysyvän asutuksen": audit round 21)
                         "itselataava",  # 'self-loading' (a firearm's kind: audit round 21)
                         # 'sustainable' ("kestävää kasvupolitiikkaa edistäville", "kestävä kehitys"; after a
                         # time it is 'lasting' again, see _lasting) and 'retroactive' ("taannehtivin
                         # vaikutuksin"): audit round 29, read as participles with a head noun, judged wrong
                         "kestävä", "taannehtiva",
                         # 'weighty' ("ellei sitä erityisen painavasta syystä ole pidettävä …"), 'well-founded'
                         # ("on lain mukaisesti perusteltua aihetta epäillä") and 'proactive' ("muutosten
                         # ennakoivaa arviointia"): audit round 36, read as participles taking the clause's
                         # words or the head's genitives, judged wrong
                         "painava", "perusteltu", "ennakoiva",
                         # 'visible' and 'accessible' (of a web service): "näkyvä ja saavutettava nimi"
                         # read as a three-word attribute (audit round 41: judged wrong)
                         "näkyvä", "saavutettava",
                         # 'flexible' ("sen joustavasta ilmaisusta huolimatta": audit round 40, judged wrong)
                         "joustava",
                         # 'continuous' ("osana hakemusten käsittelyprosessia jatkuvat oleskeluluvat": a
                         # permit type, read as a participle taking the clause's words; audit round 64, wrong)
                         "jatkuva"})
_attribute_by_form: dict[str, bool] = {}


def is_participle_attribute(tok: Token) -> bool:
    """Every reading is an inflected participle ("myönnettävät", "varaamista").

    Asked for every word of every sentence, and the answer depends only on the form, so it
    is remembered per form."""
    if tok.kind != "word":
        return False
    known = _attribute_by_form.get(tok.text)
    if known is None:
        known = bool(tok.readings) and all(
            r.participle in _ATTRIBUTE_PARTICIPLES and r.case is not None and r.lemma not in _ADJECTIVES
            for r in _likely_readings(tok.readings))
        if len(_attribute_by_form) > 300_000:
            _attribute_by_form.clear()
        _attribute_by_form[tok.text] = known
    return known


_RARE_READING_GAP = 1.5  # Zipf: a reading this much rarer than the form's commonest is Voikko's stretch


def _likely_readings(readings: tuple[Reading, ...]) -> tuple[Reading, ...]:
    """Readings without the analyser's far-fetched alternatives: "tarkoitetuissa" is the
    participle of tarkoittaa (Zipf 4.95), not the plural of a noun "tarkoitetuki" (3.1)."""
    if len(readings) < 2:
        return readings
    freq = zipf_frequencies("fi")
    scores = [freq.get(r.lemma.lower(), 0.0) for r in readings]
    best = max(scores)
    return tuple(r for r, score in zip(readings, scores) if score >= best - _RARE_READING_GAP)


_INSIDE_PRONOUNS = frozenset("tämä tuo se nämä nuo ne hän he minä sinä me te kyseinen sama".split())


def _stops_chain(tok: Token) -> bool:
    if tok.kind == "number":
        return False  # "7 artiklassa säädetty", "11 päivänä joulukuuta 1989 annettu"
    if tok.kind != "word":
        return True
    readings: tuple[Reading, ...] = tok.readings
    if not readings:
        return not tok.text[:1].isupper()  # an unknown name may be an agent ("Napolitanon mietinnössä käsitelty")
    # a demonstrative or personal pronoun in an oblique case or the genitive belongs to the
    # attribute ("tässä laissa säädetty", "niiden sisältämät"); others start something else
    if all(r.pos == "pron" and r.case not in (None, "nom") and r.lemma in _INSIDE_PRONOUNS for r in readings):
        return False
    # a rare mood beside other readings is the analyser's stretch ("vuodelle": potential of
    # "vuodella"; "edellä"), not a verb here
    if len(readings) > 1:
        readings = tuple(r for r in readings if r.mood not in ("imperative", "potential")) or readings
    # the temporal construction ("rekisteröidyttyään", "tultuaan": when he had ...) is a clause
    # of its own, not a word of the attribute
    if all(r.participle == "past_passive" and r.case == "par" and r.possessive for r in readings):
        return True
    if _reported_clause(readings):
        return True
    return any(r.pos in _CHAIN_STOP_POS and r.participle is None for r in readings) or any(
        r.case == "nom" and r.participle is None and r.pos in ("noun", "propn") for r in readings
    )


def _comparison(tokens: list[Token], i: int, head: int) -> bool:
    """"vastaavalla tavalla kuin" ('in the same way as'): "vastaava" compares, its complement is
    the "kuin" clause, and what stands before it is the clause's ("poistaa laitteet sisätiloista
    vastaavalla tavalla kuin …": audit round 11, wrong twice)."""
    return (head + 1 < len(tokens) and tokens[head + 1].text.lower() == "kuin"
            and any(r.lemma == "vastaava" for r in tokens[i].readings))


def _reported_clause(readings: tuple[Reading, ...]) -> bool:
    """"olevansa", "tehneensä" (that he is, that he did) open a reported clause of their own
    ("osoitettava olevansa oikeutettu"), so an attribute neither reaches over them nor ends in them."""
    return bool(readings) and all(r.participle in ("present_active", "past_active") and r.case in ("gen", "nom")
                                  and r.possessive for r in readings)


# Focus and degree words mark the clause around the attribute, not the attribute itself
# ("jo toimivan ajastimen", "enintään kahdella viikolla ... olevasta"): measured on UD
# Finnish-TDT dev (training/fi/participle_spans.py), they lie outside the attribute far more
# often than inside it.
_FOCUS = frozenset("""jo vain heti myös ainoastaan enintään vähintään korkeintaan aikaisintaan viimeistään esimerkiksi
    kuitenkin nyt varsin erittäin jopa lähes noin yli alle edes siis sekä miten kuinka kohti huomioon
    yhteen yhdessä tavoin yksinomaan pääasiassa yhteyttä osin selvillä selville milloin""".split())
# (the last line: adverbs of the main verb that Voikko also reads as case forms, "sovitettava
# yhteen", "millä tavoin", "varattu yksinomaan", "muilta osin", "olla selvillä", and "milloin",
# which opens a clause and also reads as a name, "Milla"; audit rounds 1, 7, 47 and 49 found them
# taken in; and
# the object of the set phrase "ottaa yhteyttä", "yhteyttä sosiaalihuollosta vastaavaan viranomaiseen")
_COORDINATORS = frozenset({"ja", "tai", "sekä", "eli"})


_INDECLINABLE = frozenset({"viime", "ensi", "koko", "eri"})  # read as nominatives, whatever their case


def _all_nominative(tok: Token) -> bool:
    return (bool(tok.readings) and all(r.case == "nom" for r in tok.readings)
            and tok.text.lower() not in _INDECLINABLE)


def modifier_start(tokens: list[Token], i: int) -> int:
    """Index of the first word of the participial attribute that ends at ``tokens[i]``.

    Walks left over the participle's objects and adverbials. It stops at what belongs to the
    surrounding clause: finite verbs, pronouns, a nominative (a subject, or a word that agrees
    with the head noun rather than with the participle), focus words, and a postposition that
    is not right before the participle; it crosses "ja"/"tai" between two words in the same
    case ("pinkin ja vaaleanpunaisen sävyillä koristellut")."""
    participle = tokens[i]
    # a capital inside the sentence starts a name or a label ("napsauta kuvaketta äärimmäisenä
    # oikealla Toistettavat rivit"): nothing before it belongs to the attribute
    if i > 0 and participle.text[:1].isupper() and tokens[i - 1].kind == "word":
        return i
    # (a stray compound reading is no reason to doubt it: "tarkoitetuilla" is also tarkoite + tuki)
    passive = all(r.participle in ("past_passive", "present_passive") for r in fewest_parts(participle.readings))
    of_olla = any(r.lemma in ("oleva", "ollut") for r in participle.readings)
    intransitive = _intransitive(participle)
    # "mukainen" takes a genitive and nothing else (see the walk)
    by_genitive = all(r.lemma == "mukainen" for r in participle.readings)
    relational = all(r.lemma in _RELATIONAL for r in participle.readings)
    # the participle's objects crossed: partitive nouns, and a genitive right before an active
    # participle, its total object ("[lainvoiman] saaneeseen"), after which a partitive further left
    # is the clause's ("hakea [purkua] lainvoiman saaneeseen päätökseen": audit round 49, a wrong span)
    objects = 1 if i > 0 and _genitive_object(tokens[i - 1]) and _active_participle(participle) else 0
    # "rekisteröimääsi": the possessive suffix is the agent, so no genitive before it can be
    # (a third-person suffix goes with a genitive pronoun: "heidän nimeämänsä")
    own_agent = all(r.participle == "agent" and r.possessive in _SPEAKER_SUFFIXES for r in participle.readings)
    partitive = any(r.case == "par" for r in participle.readings)
    # the agent of an agent participle comes first ("kunnan vuodelle 2025 varaamat"): what stands
    # left of the agent's genitives belongs to the clause ("päättää lasten ottamisesta Turun
    # kaupungin järjestämään esiopetukseen")
    agent = any(r.participle == "agent" for r in participle.readings)
    crossed_agent = False
    # "[ICT-direktiivissä säädetyin] ehdoin": a participle that points to a place in a text takes
    # one place; a second noun in a place case belongs to the clause ("työskennellä Suomessa")
    pointer = passive and all(r.lemma in _POINTER_PARTICIPLES for r in participle.readings)
    placed = False
    # the local case of the complement already read for this participle (see _local_case)
    local: str | None = None
    paired = False
    member: Token | None = None  # a list member, once "ja"/"tai" between two members was crossed
    listed = False  # a comma of such a list crossed too
    j = i
    while j > 0 and i - j < _MAX_CHAIN:
        prev = tokens[j - 1]
        # "(kaksi arkipäivää) ennen varattua aikaa", "ilman ympäristölle aiheutuvaa haittaa": a
        # preposition that governs the phrase
        if partitive and prev.text.lower() in _PREPOSITIONS:
            break
        # the term a numbered definition opens with ("41) [hyväksytyllä luokituslaitoksella]
        # luokituslaitosdirektiivin 4 artiklan mukaisesti hyväksyttyä laitosta") is defined by the
        # attribute, not part of it (audit round 53: wrong twice)
        if partitive and _all_case(prev, "ade") and _opens_definition(tokens, j - 1):
            break
        # a genitive noun before a word with a third-person possessive suffix is not that word's
        # attribute (the suffix is its possessor): "keskeyttämään [koulupäivän] vammastaan johtuvasta
        # syystä", where the genitive is the clause's object (audit round 53: a wrong span); but an
        # agent participle's genitive is its agent, whom the suffix points back to ("oppilaan
        # koulumatkallaan kävelemä osuus")
        if j < i and not agent and prev.kind == "word" and prev.readings \
                and all(r.case == "gen" and r.pos in ("noun", "propn") for r in prev.readings) \
                and tokens[j].readings and all(r.possessive == "3" for r in tokens[j].readings):
            break
        # an abessive ("viivytyksettä", "maksutta") with the participle's own complements between
        # them is the clause's manner: "julkaisee [maksutta] pääkaupunkiseudulla toteutettavien
        # tapahtumien", "ilmoittaa [viivytyksettä] perheen tuloissa tapahtuneet muutokset" (audit
        # rounds 20-50: wrong three times); right before the participle it is the participle's own
        # ("maksutta jaettavat liput")
        if j < i and _all_case(prev, "abe"):
            break
        # "ole yhteydessä [tilasta vastaavaan] virkailijaan": "yhteydessä" with no genitive or
        # pointer before it is the verb phrase's ("olla yhteydessä johonkin"), not a postposition
        # of the attribute ("hakemuksen yhteydessä toimitetut"; audit round 52: two wrong spans)
        if prev.text.lower() == "yhteydessä" and not (j >= 2 and (
                _genitive_or_abbreviation(tokens[j - 2]) or tokens[j - 2].text.lower() in _CONTEXT_POINTERS)):
            break
        # a passive participle has no object: a partitive among its own complements belongs to
        # the clause ("täydentänyt hakemustaan määräajassa pyydetyllä tavalla"); not when it
        # counts time after a numeral ("kolme vuotta sitten"), is a month in a date
        # ("joulukuuta 1989"), is governed by a postposition ("liikennettä varten") or is the
        # object of an active participle passed on the way ("alaa koskevassa ... vaaditun")
        if (passive or intransitive or agent) and _all_partitive_noun(prev) and not _partitive_inside(tokens, j, i):
            break
        # nor is a sum of money after its number: "peritään [103 euroa] käytettyä työtuntia kohden",
        # "[300 euroa] … annettavasta lausunnosta" (audit round 35: the fee, a wrong span)
        if passive and prev.text.lower() in ("euroa", "senttiä"):
            break
        # an active participle takes one object: a second partitive noun further left, not joined to
        # the first by "ja"/"tai", is the clause's ("muutakaan laissa säädettyä [perustetta]
        # toimeksiantosuhteen olemassaoloa koskevan tiedon": audit round 15, a wrong span)
        if _object_of_participle(prev, tokens[j]):
            if objects and not _partitive_inside(tokens, j, i):
                break
            objects += 1
        # a second object is the clause's even when the analyser offers a rare other reading of it:
        # "kumota [päätöstä] työntekijän oleskelulupaa koskevalta osalta" ("päätöstä" also reads as
        # the elative of "päättö"; audit round 53: a wrong span)
        elif objects and _partitive_noun_reading(prev) and not _partitive_noun_reading(tokens[j]) \
                and not _partitive_inside(tokens, j, i):
            break
        # a genitive before an adverb describes no word of the attribute: it is the head noun's
        # ("Suomen [ulkomailla] sijaitsevaan lähetystöön": audit round 15) or the clause's
        if j < i and _all_genitive(prev) and _pure_adverb(tokens[j]):
            break
        # nor before "edellä" ('above') right before the participle: "[Vaasan hallinto-oikeuden
        # päätöksen] edellä ilmenevät perustelut", the decision's reasons shown above (audit round 78:
        # a 5-word count judged wrong); an agent participle's genitive is its agent ("korkeimman
        # hallinto-oikeuden edellä antamien määräysten")
        if j == i - 1 and not agent and _all_genitive(prev) and tokens[j].text.lower() in ("edellä", "jäljempänä"):
            break
        # "missä määrin", "siinä määrin": the clause's question or degree ("arvioida, missä määrin
        # Bagdadissa kiistatta tapahtuvat väkivallanteot …": audit round 62, a wrong span)
        if prev.text.lower() == "määrin" and j >= 2 and tokens[j - 2].text.lower() in ("missä", "siinä", "missään"):
            break
        # "Tässä tapauksessa …": a clause-opening adverbial, not a place the participle takes
        if prev.text.lower() == "tapauksessa" and j >= 2 and tokens[j - 2].text.lower() in _CASE_POINTERS:
            break
        # a bare "asiassa" ('in the matter') is the court's adverbial of the clause: "antanut [asiassa]
        # valituskelpoiseksi merkityn päätöksen" (audit rounds 51-77: 6 of 7 such spans judged wrong);
        # the state of "oleva" takes it ("asiassa arvioitavana olevan tukijärjestelmän"), and so does an
        # agent participle after its agent ("Viraston asiassa saamien selvitysten")
        if prev.text.lower() == "asiassa" and not of_olla and not agent \
                and not (j >= 2 and _same_case(tokens[j - 2], prev)):
            break
        if own_agent and j == i and _all_genitive(prev):
            break
        # a genitive pronoun before an active participle's pronoun object is the head noun's
        # possessor: "niiden [tätä tarkoittavat] päätökset" (audit round 61: a wrong span)
        if j < i and not agent and prev.kind == "word" and prev.readings \
                and all(r.pos == "pron" and r.case == "gen" for r in prev.readings) and tokens[j].readings \
                and all(r.pos == "pron" and r.case == "par" for r in tokens[j].readings) \
                and any(r.participle in ("present_active", "past_active") for r in participle.readings):
            break
        # a party's letter takes no genitive: "tuominnut [B:n] C:hen kohdistuneesta törkeästä
        # pahoinpitelystä", where B is the one sentenced (audit round 29: a wrong span)
        if _PARTY_GENITIVE.fullmatch(prev.text) and _PARTY.fullmatch(tokens[j].text):
            break
        # a word in a local case right before the genitive that "mukainen" takes is the clause's: "oikeus
        # saada [niihin] vammaispalvelulain mukaista kuljetuspalvelua" (audit round 23: a wrong span)
        if by_genitive and j < i and _genitive_noun(tokens[j]) \
                and not any(r.participle for r in tokens[j].readings) and prev.kind == "word" and prev.readings and all(
                r.case in _LOCAL_CASES and r.pos in ("noun", "propn", "pron") for r in prev.readings):
            break
        # a purpose ("roskaantumisen ehkäisemiseksi riittävä") is the clause's; passive
        # participles take one ("asian hoitamiseksi tarvittavat", "ehkäisemiseksi tehdyt")
        if not passive and _purpose(prev):
            break
        # "[valitusosoituksessa mainitussa tai] säädetyssä valitusajassa": two participles of the
        # same noun share the attribute
        if j == i and prev.kind == "word" and prev.text.lower() in ("ja", "tai") and j >= 2 \
                and is_participle_attribute(tokens[j - 2]) and _agrees_in_number(tokens[j - 2], participle):
            j -= 2
            continue
        if prev.kind == "word" and prev.text.lower() in _COORDINATORS and j >= 2 and j < i:
            # "oikaisunhakijan tai hänen valtuuttamansa edustajansa": a pronoun that points back
            # to the word before "tai" is the agent of this attribute alone
            # (not a pronoun joined to a noun: "ilmoitus rekisteriin [sekä] niihin liittyvät
            # lopputilitysilmoitukset" joins two noun phrases, audit round 33)
            if _same_case(tokens[j - 2], tokens[j]) and not _stops_chain(tokens[j - 2]) \
                    and tokens[j].text.lower() not in _BACK_POINTING \
                    and not _pronoun_of_other_case(tokens, j, i) \
                    and not (tokens[j].readings and all(r.pos == "pron" and r.case != "gen" for r in tokens[j].readings)
                             and _is_noun(tokens[j - 2])):
                j -= 2
                member = tokens[j]
                continue
            break
        # "[sosiaaliturvaan, verotukseen, työntekijöiden oikeuksiin tai työoloihin] liittyviä": the
        # commas of a list whose last two members "ja"/"tai" joins; a genitive before the list's
        # first member describes the head noun ("Ulkomaalaislain [maahantuloa, maastalähtöä …]
        # koskevia säännöksiä")
        if member is not None and prev.text == "," and j >= 2 and tokens[j - 2].kind == "word" \
                and _same_case(tokens[j - 2], member) and not _stops_chain(tokens[j - 2]):
            j -= 2
            listed = True
            continue
        if listed and (_all_genitive(prev) or _genitive_noun(prev)):
            break
        # "mukainen" takes its genitive with that genitive's own words only: "haetaan [muutosta]
        # kuntalain mukaisessa järjestyksessä" (audit round 28: the clause's object, a wrong span)
        if by_genitive and j < i and prev.kind == "word" and prev.readings and not prev.text.isupper() \
                and not any(r.case == "gen" for r in prev.readings) and not is_participle_attribute(prev):
            break
        if crossed_agent and not _all_genitive(prev):
            break
        # "[erityistä tukea] tarvitsevan": an object that also reads as an infinitive, with its
        # adjective, is the participle's; what stands before them is the clause's ("kiinnitettävä
        # erityistä huomiota [erityistä tukea] tarvitsevien")
        if j == i and _object_noun(tokens, j - 1):
            j -= 2
            break
        if _stops_chain(prev) or prev.text.lower() in _FOCUS or (_predicative(prev) and not (of_olla and j == i)):
            break  # "[käsiteltävänä] olevassa mietinnössä": the state of "oleva" may be a participle
        # a postposition with a focus clitic is the clause's: "täyttikö [teon jälkeenkin] … asetetut
        # edellytykset" (audit round 67: a wrong span)
        if _without_clitic(prev.text.lower()) in _ANY_POSTPOSITION:
            break
        # a word right after the negation verb that can be a verb is the clause's verb, whatever else it
        # can read as ("ei [kuulu] 1 momentissa tarkoitetun tukihaun": 'kuulu' is also an adjective;
        # audit rounds 17, 19)
        if j >= 2 and tokens[j - 2].kind == "word" and tokens[j - 2].readings \
                and all(r.pos == "neg" for r in tokens[j - 2].readings) and any(r.pos == "verb" for r in prev.readings):
            break
        # a participle that is the clause's own is no word of the attribute: the referative
        # "voidaan arvioida [lisäävän]", "katsottiin [viivästyneen]" and a predicative after
        # "olla", "on [perusteltua]", "olla [saatettavissa]" (audit round 12: wrong spans)
        if j >= 2 and prev.kind == "word" and prev.readings and (_referative(prev, tokens[j - 2])
                                                                   or _after_olla(prev, tokens[j - 2])):
            break
        # a predicative apart from the participle ("todettu [turvallisiksi] ihmisen terveydelle";
        # next to it, it is the participle's: "oikeaksi todistettu"), a quantity ("[80
        # prosenttia] avustuksella toteutettavan") and a preposition's phrase ("[Ennen
        # ensihoitoasetuksen voimaantuloa] terveydenhuollosta vastaavilla") are the clause's
        # (audit round 13)
        if (j < i and _predicative_adjective(prev) and not _same_case(prev, tokens[j])) or prev.text.lower() == "prosenttia" \
                or _after_preposition(tokens, j - 1):
            break
        if _subject_letter(tokens, j - 1):
            break
        # "pidetään [käyttäjien saatavilla] ohjelmista tehdyn": a state of the clause's verb (audit round 33);
        # a deed named right after it takes it ("vaaliluettelon nähtävillä pitämistä koskevan")
        if prev.text.lower() in _STATES and not (of_olla and j == i) and not (
                tokens[j].kind == "word" and tokens[j].readings
                and all(r.mood == "minen_inf" or r.participle for r in tokens[j].readings)):
            break
        # "Viime vuonna [ladattavia] autoja myytiin": a past time does not go with a present
        # participle, nor a coming one with a past participle, so it is the clause's; "viime
        # vuonna tehdyt korjaukset" and "vuonna 2005 keräillystä maidosta" keep theirs
        if j >= 2 and prev.text.lower() in _TIME_NOUNS and _time_clashes(tokens[j - 2], participle):
            break
        # "sovelletaan [ensimmäisen kerran] tammikuussa 2020 alkaviin verokausiin": how many times is
        # the clause's (audit round 31: a wrong span); "kerran viikossa kokoontuva" keeps its "kerran"
        if prev.text.lower() == "kerran" and j >= 2 and tokens[j - 2].kind == "word" \
                and any(r.case == "gen" and r.pos in ("num", "adj") for r in tokens[j - 2].readings):
            break
        # a participle that points to a provision takes a place in the text, not a time or a goal: "[viimeistään
        # seitsemäntenä päivänä] mainitun lain 12 §:ssä", "saanut [siihen] tässä laissa tarkoitetun luvan"
        # (audit round 20: wrong spans)
        if pointer and prev.kind == "word" and prev.readings and all(r.lemma in _PLACE_POINTERS for r in participle.readings) \
                and (all(r.case == "ess" and r.lemma.lower() in _TIME_LEMMAS for r in prev.readings)
                     or all(r.pos == "pron" and r.case in ("ill", "all") for r in prev.readings)):
            break
        # "mainittu"/"sanottu" ('the said') points to a place in a text and takes no manner: "voidaan
        # myöntää [1 momentin mukaisesti] mainitun lain 88 §:ssä" (audit round 32: a wrong span)
        # nor does it go with a postposition ("kaavamääräysten [mukaan] mainituille alueille voitiin
        # rakentaa": audit round 33, the clause's)
        if j == i and prev.kind == "word" and (prev.text.lower() == "mukaan" or (
                prev.readings and all(r.case == "adv" for r in prev.readings))) \
                and all(r.lemma in ("mainittu", "sanottu") for r in participle.readings):
            break
        # a postposition or adverb right before the participle is its own ("lain mukaan määräytyvä",
        # "aiemmin tehty"); further left it belongs to the clause ("Päätöksen perusteluiden mukaan
        # ... aiheutunut kustannus", "viikkoa eteenpäin päätöksessä ilmoitetusta")
        if j < i and prev.kind == "word" and _adverbial(prev):
            break
        # so is a comparative adverb ("säädetään [tarkemmin] viljelykseen soveltuvan pellon": audit round
        # 34, a wrong span), except one of the state of "oleva" ("paremmin saatavilla olevalla aineella")
        if j < i and _comparative_adverb(prev) and not (of_olla and j == i - 1):
            break
        # so is a noun that serves as a postposition before the complement of a participle that only
        # relates its noun to another ("[oikeuskäytännön perusteella] työsuhdeajoneuvojen väliaikaista
        # käyttöä koskevia periaatteita": audit round 28, the clause's adverbial, a wrong span); a
        # participle of a deed takes one ("viitemäärän perusteella tuottajalle vahvistettava")
        if relational and j < i and prev.text.lower() in _POSTPOSITION_NOUNS and not is_participle_attribute(tokens[j]):
            break
        # and a goal (illative, allative) before the object of "koskeva" or "vastaava", which take no
        # goal, is the clause verb's: "liittää [hankkimislupaan] ampumakieltoa koskevan ehdon",
        # "korvaamaan [kuntayhtymälle] osuuttaan vastaavan osan" (audit round 40: wrong spans)
        if objects and j < i and all(r.lemma in _TAKES_NO_GOAL for r in participle.readings) \
                and _all_partitive_noun(tokens[j]) \
                and prev.kind == "word" and prev.readings and all(r.case in ("ill", "all") for r in prev.readings):
            break
        # "mukaan" with no genitive before it is the adverb 'along' of the clause ("kutsut
        # hankkeelle mukaan tarvittavat osapuolet"), not the postposition 'according to'
        if prev.text.lower() == "mukaan" and j >= 2 and tokens[j - 2].kind == "word" and tokens[j - 2].readings \
                and not any(r.case == "gen" for r in tokens[j - 2].readings):
            break
        if prev.kind == "word" and not prev.text.isupper() and (_all_nominative(prev) or _agrees(prev, participle)):
            break
        # a temporal clause ("[asian tultua] edellä mainituilla perusteilla ratkaistuksi", 'the matter
        # having been decided on the grounds above') is the clause's: a genitive and a passive
        # participle in the partitive that describes no word after it (audit round 30)
        if j >= 2 and prev.kind == "word" and prev.readings and all(
                r.participle == "past_passive" and r.case == "par" for r in prev.readings) \
                and _all_genitive(tokens[j - 2]) and not _agrees(prev, tokens[j]):
            break
        # a passive participle takes no genitive agent: "rakennuksen ... suunniteltu käyttöikä"
        # is the building's planned life, the genitive belongs to the head noun; nor does the
        # active participle of an intransitive -UtUA verb take a genitive object ("unionin
        # tuomioistuimen [vakiintunut] oikeuskäytäntö", audit round 14), also past "edellä" ("[EUT:n]
        # edellä selostetussa asiassa", audit round 28)
        if (passive or intransitive) and _genitive_or_abbreviation(prev) and all(
                t.text.lower() in _POINTING for t in tokens[j:i]):
            break
        # ... nor past a place or a court named after it, which a genitive does not describe:
        # "[Euroopan … järjestön] Suomessa järjestettäviin kokouksiin", the organisations' meetings,
        # "hylkää [vaatimuksen] korkeimmassa hallinto-oikeudessa aiheutuneiden kulujen" (audit round
        # 77: judged wrong twice)
        if (passive or intransitive) and j < i and _genitive_or_abbreviation(prev) and _named_place(tokens, j):
            break
        # nor does a passive participle inside the attribute: "asiointimaksu sisältää [maksun] sanotussa
        # lainkohdassa tarkoitetun erityisen oikeuden siirron" (audit round 30: the clause's object);
        # but the state of "oleva" takes one ("[A:n käytettävissä] oleva varallisuus"), and an agent
        # participle its agent first ("[A:n] tehostetun palveluasumisen yksikössä saamaa hoitoa")
        if j < i and _all_genitive(prev) and is_participle_attribute(tokens[j]) and all(
                r.participle in ("past_passive", "present_passive") for r in tokens[j].readings) \
                and not any(r.lemma in ("oleva", "ollut") for r in tokens[j + 1].readings) and not agent:
            break
        if pointer and _place_noun(prev):
            if placed:
                break
            placed = True
        # a participle takes one complement in a local case, or a source and a goal ("Helsingistä
        # Turkuun kulkeva"); a second one further left is the clause's: "[liikenteessä]
        # vakuutusyhtiölle etukäteen tehdyn", "[viiteen riskialueluokkaan] alueella muodostuvien"
        # (audit rounds 3-10: wrong spans)
        # a place adverb takes the participle's place ("[kotialueelleen] siellä vallitsevan heikon
        # turvallisuustilanteen", audit round 31: the clause's goal, a wrong span)
        case = _local_case(prev) or _PLACE_ADVERB_CASES.get(prev.text.lower())
        # a word in the case of the one after it describes that one ("samassa taloudessa",
        # "asuntoon muuttoon"): one complement, not two
        # (not a place name after a noun: "siirretty [pakettiautoon] Suomeen tapahtuvaa kuljetusta",
        # audit round 16)
        if case is not None and not (j < i and _same_local_case(tokens[j], case) and not _is_place_name(tokens[j])):
            if case not in ("ine", "ade") and all(r.lemma in ("mainittu", "lueteltu") for r in participle.readings):
                break  # "[ihmisen terveydelle] mainituissa": "mainittu" takes a place only (audit round 13)
            if local is None:
                local = case
            elif not paired and {local, case} & _SOURCES and {local, case} & _GOALS:
                paired = True
            else:
                break
        # "[toimivaltaisena viranomaisena] sopimuksissa tarkoitetut asiat": a role in the essive,
        # apart from the participle, is the clause's ("toimii … viranomaisena"); next to it, it is
        # the participle's ("esimerkkeinä mainituista"), and before another participle that one's
        # ("liitteenä olevassa maksutaulukossa mainittu")
        if pointer and j < i and not is_participle_attribute(tokens[j]) and prev.kind == "word" and prev.readings \
                and all(r.case == "ess" and r.pos in ("noun", "adj") and r.participle is None for r in prev.readings):
            break
        # a participle that describes a noun further on than this one's is not inside this
        # attribute: in "[2 momentissa säädetyllä] opiskeluvalmiuksia tukevien opintojen
        # painokertoimella" the first describes "painokertoimella" (audit round 11: a wrong head
        # noun); two attributes of the same noun are read as one, as before
        if j < i and is_participle_attribute(prev) and not _agrees(prev, participle):
            outer = _head_noun(tokens, j - 1)
            if outer is not None and outer > i and outer != _head_noun(tokens, i):
                break
        j -= 1
        # past the agent's own participle attribute ("todistuksia myöntävien viranomaisten
        # noudattamat") the walk goes on as for that participle
        if is_participle_attribute(prev):
            crossed_agent = False
            local, paired = None, False
            by_genitive = False  # "[liitteenä olevan] maksutaulukon mukaiset": the genitive's own attribute
        elif agent and _all_genitive(prev):
            crossed_agent = True
            # "takavarikoinut nuuskan [C:n kuljettamasta]": a party's letter takes no genitive of its
            # own (another party joined by "ja" is a second agent: "[C:n ja D:n omistama]")
            if _PARTY_GENITIVE.fullmatch(prev.text) and not (
                    j >= 2 and tokens[j - 1].text.lower() in ("ja", "tai") and _PARTY_GENITIVE.fullmatch(tokens[j - 2].text)):
                break
        # "oleva"/"ollut" take one place or state ("päätöksessä olevasta"); what stands before it
        # ("kahdella viikolla päätöksessä olevasta") belongs to the clause
        # with the adjectives and numerals of that noun ("hakemuksen [oikeassa] reunassa olevan")
        if j == i - 1 and prev.text.lower() in _FIXED_STATES:
            break  # "uuden jäsenen [jäljellä olevaksi] toimikaudeksi", "ruokakunnalle [jäljelle jääneiden]"
        if of_olla and _is_noun(prev):
            while j > 0 and _describes(tokens[j - 1], prev):
                j -= 1
            if not (j > 0 and _all_genitive(tokens[j - 1])):
                break
        # the state may be an adverb ("esillä olleessa", "voimassa oleva"); a noun before it in a
        # case other than the genitive is the clause's ("koulun pihapiireihin esillä olleessa")
        if of_olla and j == i - 1 and prev.kind == "word" and _adverbial(prev) and j > 0 \
                and _is_noun(tokens[j - 1]) and not _all_genitive(tokens[j - 1]):
            break
    return j


# states that make a fixed pair with the participle ("jäljellä oleva", "jäljelle jäänyt", "voimassa
# oleva") and take no word of their own: what stands before them is the clause's (audit rounds 15)
_FIXED_STATES = frozenset({"jäljellä", "jäljelle", "voimassa"})
# states that the clause's verb ("pitää", "olla", "asettaa") takes: "saatavilla", "nähtävillä"
_STATES = frozenset({"saatavilla", "saataville", "nähtävillä", "nähtäville"})
# the pronouns of a clause-opening "tässä tapauksessa" ('in this case')
_CASE_POINTERS = frozenset({"tässä", "siinä", "tällaisessa", "sellaisessa", "kussakin", "jokaisessa", "kaikissa",
                            "näissä", "niissä"})

# the pointers that take only a place in a text ("tässä laissa tarkoitettu"); "esitetty", "kuvattu"
# also take a goal ("sille esitetyt perustelut") and "säädetty", "esitetty" a time ("vuonna 2010 säädetty")
_PLACE_POINTERS = frozenset({"tarkoitettu", "mainittu", "määritelty", "lueteltu"})

_POINTER_PARTICIPLES = frozenset({"tarkoitettu", "säädetty", "mainittu", "määritelty", "lueteltu", "määrätty",
                                  "esitetty", "kuvattu", "edellytetty"})


_LOCAL_CASES = frozenset({"ine", "ela", "ill", "ade", "abl", "all"})
_SOURCES = frozenset({"ela", "abl"})
_GOALS = frozenset({"ill", "all"})
# times in a local case go with any participle ("syksyllä 2020 Helsingissä järjestetty")
_TIME_LEMMAS = frozenset({"syksy", "kevät", "kesä", "talvi", "viikko", "kuu", "kuukausi", "vuosi", "päivä", "aamu",
                          "ilta", "yö", "aika", "alku", "loppu"})
# the nouns of a span of time that "tuleva", "kuluva" or "kulunut" can name ("tuleva tilikausi"); not
# "aika": "luvan myöntämisestä kulunut aika" is the time elapsed since (audit rounds 4 and 36: useful)
_TIME_SPANS = (_TIME_LEMMAS - {"aika"}) | {"kausi", "vuosikymmen", "vuosisata", "jakso"}


# nouns that serve as postpositions after a genitive ("perustuslain nojalla", "tietojen perusteella"),
# beside the _POSTPOSITIONS that the walk already reads as the clause's
_POSTPOSITION_NOUNS = frozenset({"nojalla", "perusteella", "avulla", "välityksellä", "puolella", "toimesta", "taholta",
                                 "johdosta", "myötä", "varassa", "yhteydessä", "sijasta", "asemesta", "suhteen",
                                 "puolesta"})


_PARTY_GENITIVE = re.compile(r"[A-ZÅÄÖ]:n")
_PARTY = re.compile(r"[A-ZÅÄÖ](?::\w+)?")


def _is_place_name(tok: Token) -> bool:
    return tok.kind == "word" and tok.text[:1].isupper() and any(r.pos == "propn" for r in tok.readings)


def _same_local_case(tok: Token, case: str) -> bool:
    return tok.kind == "word" and any(r.case == case for r in tok.readings)


def _local_case(tok: Token) -> str | None:
    """The local case of a noun that can be a participle's complement ("kaupungissa sijaitseva"),
    or None; a time word or a month ("tammikuussa") has none here."""
    if tok.kind != "word" or not tok.readings:
        return None
    # past a stray reading that a noun in a local case also has: the imperative of a verb ("hajusta",
    # also 'perfume!') or a translative with a possessive suffix ("hankintapäätökseen", also
    # "hankintapäättö" + -kseen): audit round 77, two spans that took the clause's complement
    readings = [r for r in tok.readings if r.pos != "verb" and not (r.possessive and r.case == "tra")] or tok.readings
    cases = {r.case for r in readings}
    if len(cases) != 1 or not cases <= _LOCAL_CASES or not all(r.pos in ("noun", "propn") for r in readings):
        return None
    if any(r.lemma in _TIME_LEMMAS or r.lemma.endswith("kuu") or (r.lemma.endswith("-luku") and r.case == "ade")
           for r in readings) \
            or tok.text.lower() in _ANY_POSTPOSITION:
        return None
    return next(iter(cases))


def _place_noun(tok: Token) -> bool:
    """A noun in the inessive or adessive; also a compound the dictionary does not know whose
    last part has the inessive ending ("ICT-direktiivissä")."""
    if tok.kind != "word":
        return False
    if not tok.readings:
        return "-" in tok.text and tok.text.endswith(("ssa", "ssä"))
    return all(r.case in ("ine", "ade") and r.pos in ("noun", "propn") for r in tok.readings)


def _subject_letter(tokens: list[Token], k: int) -> bool:
    """A pseudonym or abbreviation in the nominative ("A edellä todetulla tavalla") is the
    clause's subject; after a noun it is a label inside the attribute ("liitteessä I olevaan",
    "liitteissä A ja B tarkoitettua")."""
    tok = tokens[k]
    return tok.kind == "word" and bool(tok.readings) and all(r.pos == "abbr" and r.case == "nom" for r in tok.readings) \
        and not (k > 0 and (_is_noun(tokens[k - 1]) or tokens[k - 1].text.lower() in _COORDINATORS))


_BACK_POINTING = frozenset({"hänen", "heidän"})
_TIME_NOUNS = frozenset({"vuonna", "keväänä", "kesänä", "syksynä", "talvena", "kuussa", "viikolla"})
_PAST_TIMES = frozenset({"viime", "edellisenä"})
_COMING_TIMES = frozenset({"ensi", "seuraavana"})


def _time_clashes(determiner: Token, participle: Token) -> bool:
    low = determiner.text.lower()
    tenses = {r.participle for r in participle.readings}
    return (low in _PAST_TIMES and tenses <= {"present_active", "present_passive"}) or (
        low in _COMING_TIMES and tenses <= {"past_active", "past_passive", "agent"})


_PREPOSITIONS = frozenset("ennen ilman vailla kohti vastoin".split())


def _all_partitive_noun(tok: Token) -> bool:
    """A compound reading beside a simple one is the analyser's stretch: "hakemustaan" is the
    partitive of hakemus, not the illative of "hake+musta"."""
    if tok.kind != "word" or not tok.readings:
        return False
    readings = [r for r in tok.readings if not r.parts] or tok.readings
    return all(r.case == "par" and r.pos in ("noun", "propn") for r in readings)


_SPEAKER_SUFFIXES = frozenset({"1s", "2s", "1p", "2p"})
_ACTIVE_PARTICIPLES = frozenset({"present_active", "past_active", "agent"})
_FRACTIONS = frozenset({"puolta", "kolmasosaa", "neljäsosaa", "viidesosaa", "kymmenesosaa", "sadasosaa"})


def _partitive_inside(tokens: list[Token], j: int, i: int) -> bool:
    """Whether the partitive at ``tokens[j - 1]`` can still belong to the attribute ending at
    ``tokens[i]`` (see :func:`modifier_start`)."""
    before, after = (tokens[j - 2] if j >= 2 else None), tokens[j]
    # a count of time after its numeral ("kolme vuotta sitten"); a fraction is the clause's quantity
    # ("enintään kolme [neljäsosaa] mainitussa momentissa tarkoitetusta määrästä": audit round 49)
    if before is not None and (before.kind == "number" or _is_numeral(before)) \
            and tokens[j - 1].text.lower() not in _FRACTIONS:
        return True
    if after.kind == "number" or after.text.lower() in _POSTPOSITIONS:
        return True
    # an active participle passed on the way takes it ("alaa koskevassa … vaaditun"); a passive one
    # takes no object ("neljäsosaa [mainitussa] momentissa tarkoitetusta")
    return any(t.kind == "word" and t.readings and all(r.participle in _ACTIVE_PARTICIPLES for r in t.readings)
               and not _intransitive(t) for t in tokens[j:i])


def _is_numeral(tok: Token) -> bool:
    return tok.kind == "word" and any(r.pos == "num" for r in tok.readings)


def _purpose(tok: Token) -> bool:
    return tok.kind == "word" and bool(tok.readings) and all(
        r.case == "tra" and (r.mood == "minen_inf" or r.derivation == "minen") for r in tok.readings)


# participles that only relate their noun to another one, which is their single complement
_RELATIONAL = frozenset({"koskeva", "liittyvä", "kuuluva"})
_TAKES_NO_GOAL = frozenset({"koskeva", "vastaava"})

_POSTPOSITIONS = frozenset("mukaan jälkeen vuoksi takia kanssa kautta aikana lisäksi sijaan asti saakka "
                           "eteenpäin lähtien varten ohella osalta kannalta".split())
_ANY_POSTPOSITION = _POSTPOSITIONS | _POSTPOSITION_NOUNS


# adverbs that Voikko reads only as case forms of nouns ("vireille": allative of "vire"): "on
# tullut vireille [saman toiminnanharjoittajan toimintaa koskevia] hakemuksia" (audit round 11)
# adverbs the analyser also reads as a noun in a case ("keskimäärin": the instructive of "keskimäärä";
# "vastaa [keskimäärin] valtion virastoissa noudatettavaa työaikaa", audit round 23)
_CASE_LIKE_ADVERBS = frozenset({"vireille", "keskimäärin"})
_CLITICS = ("kin", "kaan", "kään")


def _without_clitic(word: str) -> str:
    """A word without its focus clitic ("jälkeenkin" -> "jälkeen"), or "" when it has none."""
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic) + 2:
            return word[:-len(clitic)]
    return ""


def _adverbial(tok: Token) -> bool:
    """Also a -sti adverb, which the analyser reads as an adjective in an adverb case
    ("ensisijaisesti kunnassa asuvia": on UD Finnish-TDT dev one more attribute start right)."""
    low = tok.text.lower()
    return low in _POSTPOSITIONS or low in _CASE_LIKE_ADVERBS or (bool(tok.readings) and all(
        r.pos in ("adv", "adp") or r.case == "adv" for r in tok.readings))


def _comparative_adverb(tok: Token) -> bool:
    """"tarkemmin", "tehokkaimmin": read as an adjective in the instructive; not the comparatives of
    time, which an attribute takes ("virkamiehen aiemmin hoitamaa tehtävää")."""
    low = tok.text.lower()
    return tok.kind == "word" and low.endswith("mmin") and low not in _TIME_COMPARATIVES and bool(tok.readings) \
        and all(r.pos == "adj" and r.case == "ins" for r in tok.readings)


_TIME_COMPARATIVES = frozenset({"aiemmin", "aikaisemmin", "myöhemmin"})


def _describes(word: Token, noun: Token) -> bool:
    """An adjective, numeral or pronoun that agrees with the noun after it is that noun's own
    attribute: "hakemuksen [oikeassa] reunassa olevan", "[uudesta] mallistosta olevan"."""
    forms = {(r.case, r.number) for r in noun.readings if r.case and r.pos in ("noun", "propn")}
    return word.kind == "word" and bool(word.readings) and all(r.pos in ("adj", "num", "pron") for r in word.readings) \
        and any(r.participle is None and (r.case, r.number) in forms for r in word.readings)


def _object_noun(tokens: list[Token], k: int) -> bool:
    """Is tokens[k], which also reads as a verb's A-infinitive ("tukea": to support / support), the
    noun here? It is when an adjective or pronoun in its own case stands before it: "[erityistä
    tukea] tarvitsevan"."""
    tok = tokens[k]
    if k == 0 or tok.kind != "word" or not any(r.mood == "a_inf" for r in tok.readings):
        return False
    if not all(r.mood == "a_inf" or r.pos == "noun" for r in tok.readings):
        return False
    return _describes(tokens[k - 1], tok)


def _genitive_object(tok: Token) -> bool:
    """A common noun in the genitive (a stray agent reading aside: "lainvoiman" is also lainvoima +
    the agent participle), which before an active participle is its object."""
    return tok.kind == "word" and bool(tok.readings) and not tok.text[:1].isupper() \
        and all(r.case == "gen" for r in tok.readings) \
        and any(r.pos == "noun" and r.participle is None for r in tok.readings)




def _opens_definition(tokens: list[Token], k: int) -> bool:
    """Whether tokens[:k + 1] are the adessive words of the term that an item of a definition list
    defines, after its number if it kept one ("12) vesivoimalaitoksella …"), the definition being
    a partitive (the caller's): the item has no finite verb, which sets it apart from a clause that
    opens with an adessive ("Tällä tavalla hankittua tietoa ei saa käyttää"); a list item of other
    kinds opens with the participle's own complement ("11) uusiutuvilla energialähteillä tuotetun
    sähkön tukea koskevat asiat")."""
    first = 2 if len(tokens) > 2 and tokens[0].kind == "number" and tokens[1].text == ")" else 0
    return k >= first and all(_all_case(t, "ade") for t in tokens[first:k + 1]) \
        and not any(t.kind == "word" and t.readings and all(r.mood in _FINITE_MOODS and r.pos in ("verb", "neg")
                                                            for r in t.readings) for t in tokens)


def _partitive_noun_reading(tok: Token) -> bool:
    """A word one of whose readings is a partitive noun, and none a participle (before another
    such word it describes that one: "[samaa] tarkoitusta palveleviin", "[verovapaita]
    luovutushintoja koskevaa")."""
    return tok.kind == "word" and any(r.case == "par" and r.pos in ("noun", "propn") for r in tok.readings) \
        and not any(r.participle for r in tok.readings)


def _object_of_participle(word: Token, after: Token) -> bool:
    """A partitive noun that is an object of its own: not a participle read as a noun
    ("komission [hyväksymää]"), nor a word in the case of the next one, which describes it
    ("[samaa] rakennustuotetta tai tuoteryhmää koskevat")."""
    if not _all_partitive_noun(word) or any(r.participle for r in word.readings):
        return False
    return not (after.kind == "word" and _all_partitive_noun(after) and _agrees_in_number(word, after))


def _pure_adverb(tok: Token) -> bool:
    """A place adverb that points ("täällä", "muualla") or "ulkomailla" 'abroad' (which Voikko reads
    as a noun): a genitive cannot depend on it. Voikko calls many postpositions adverbs too
    ("kuivatustoimenpiteiden myötä"), so only these are meant."""
    return tok.kind == "word" and bool(tok.readings) and (
        tok.text.lower() in _PLACE_ADVERBS or all(r.lemma in ("ulkomaa", "kotimaa") for r in tok.readings))


# the place adverbs that point, with the local case each stands for
_PLACE_ADVERB_CASES = {"siellä": "ine", "täällä": "ine", "tuolla": "ine", "muualla": "ine", "kaikkialla": "ine",
                       "sieltä": "ela", "täältä": "ela", "tuolta": "ela", "muualta": "ela", "kaikkialta": "ela",
                       "sinne": "ill", "tänne": "ill", "tuonne": "ill", "muualle": "ill", "kaikkialle": "ill"}
_PLACE_ADVERBS = frozenset(_PLACE_ADVERB_CASES)


def _all_case(tok: Token, case: str) -> bool:
    """A word every reading of which is in ``case``."""
    return tok.kind == "word" and bool(tok.readings) and all(r.case == case for r in tok.readings)


def _all_genitive(tok: Token) -> bool:
    return _all_case(tok, "gen")


def _genitive_or_abbreviation(tok: Token) -> bool:
    """A genitive, also of an abbreviation the analyser does not know ("EUT:n", "A:n")."""
    return _all_genitive(tok) or (tok.kind == "word" and not tok.readings and tok.text.endswith(":n"))


def _is_noun(tok: Token) -> bool:
    return tok.kind == "word" and any(r.pos in ("noun", "propn") for r in tok.readings)


# verbs of saying, thinking and perceiving that take a referative participle ("katsotaan saaneen")
_REFERATIVE_VERBS = frozenset({"arvioida", "katsoa", "todeta", "olettaa", "tietää", "ilmoittaa", "sanoa", "väittää",
                               "uskoa", "epäillä", "kertoa", "havaita", "huomata", "esittää", "arvella", "luulla",
                               "näyttää", "osoittaa", "todistaa",
                               "selvittää"})  # "ei ole selvitetty tapahtuneen muutosta" (audit round 27)


_REFERATIVE_PARTICIPLES = frozenset({"katsottu", "katsottava", "todettu", "todettava", "arvioitu", "arvioitava",
                                     "oletettu", "ilmoitettu", "väitetty", "sanottu", "tiedetty", "uskottu",
                                     "epäilty", "kerrottu", "havaittu", "selvitetty"})


def _referative_after(tokens: list[Token], i: int) -> bool:
    """A genitive active participle a few words after a verb of saying or thinking in the same
    clause ("katsottu tällaisessa tapauksessa kohdistuvan") stands for a that-clause."""
    if not tokens[i].readings or not all(r.participle in ("present_active", "past_active") and r.case == "gen"
                                         and r.number != "plural" for r in tokens[i].readings):
        return False
    if i + 1 < len(tokens) and _all_genitive(tokens[i + 1]):
        return False  # "koskevan selvityksen": it has its noun, so it is an attribute
    for k in range(i - 1, max(-1, i - 5), -1):
        tok = tokens[k]
        if tok.kind == "punct":
            return False
        if tok.kind == "word" and any((r.lemma in _REFERATIVE_VERBS and r.pos == "verb")
                                      or r.lemma in _REFERATIVE_PARTICIPLES for r in tok.readings):
            return True
    return False


def _referative(participle: Token, before: Token) -> bool:
    """"(voidaan arvioida) lisäävän", "(katsottiin) viivästyneen": an active participle in the
    genitive singular right after a verb of saying or thinking stands for a that-clause; also after
    its participle in a perfect tense ("ei ole selvitetty tapahtuneen muutosta", audit round 27)."""
    return before.kind == "word" and any((r.lemma in _REFERATIVE_VERBS and r.pos == "verb")
                                         or r.lemma in _REFERATIVE_PARTICIPLES for r in before.readings) \
        and _referative_form(participle)


def _referative_form(tok: Token) -> bool:
    """An active participle in the genitive singular; a noun reading beside it is the analyser's
    stretch ("perustuvan": also "perustupa", audit round 33)."""
    readings = [r for r in tok.readings if r.participle]
    return bool(readings) and all(r.participle in ("present_active", "past_active") and r.case == "gen"
                                  and r.number != "plural" for r in readings)


def _after_olla(participle: Token, before: Token) -> bool:
    """A participle right after a form of "olla" is its predicative ("on perusteltua",
    "olla saatettavissa"), not an attribute of a noun further on."""
    return before.kind == "word" and any(r.lemma == "olla" for r in before.readings) \
        and all(r.participle is not None for r in participle.readings)


# the active participles of -UtUA verbs (vakiintua, johtua, aiheutua, perustua, liittyä), which
# take no object
_INTRANSITIVE = re.compile(r"\w+(?:tu|ty)(?:nut|nyt|nee\w*|nei\w*|va|vä|va\w+|vä\w+|vi\w+)", re.I)


# participles of verbs of coming, going, being born and dying, which take no object: a partitive or
# genitive before them is the clause's ("kiitti Suomen kansaa [menneistä] vuosista", "käyttää
# rahaa eri asioihin [tulevina] vuosina": wrong spans on easy-language news)
_NO_OBJECT = frozenset({"tuleva", "tullut", "menevä", "mennyt", "kuoleva", "kuollut", "syntyvä", "syntynyt",
                        "saapuva", "saapunut", "palaava", "palannut", "sijaitseva", "sijainnut", "asuva", "asunut",
                        "jäävä", "jäänyt",
                        # belonging ("saadessa [osakkeita] samaan konserniin kuuluvalta yhtiöltä": audit
                        # round 45, the clause's object counted into the attribute)
                        "kuuluva", "kuulunut"})


def _active_participle(tok: Token) -> bool:
    """Surely an active participle, past a stray compound reading ("kuuluvalta" is also "kuulu" +
    "pa" in the ablative)."""
    readings = fewest_parts(tok.readings)
    return bool(readings) and all(r.participle in ("present_active", "past_active") for r in readings)


def _intransitive(tok: Token) -> bool:
    return _active_participle(tok) and (bool(_INTRANSITIVE.fullmatch(tok.text))
                                        or all(r.lemma in _NO_OBJECT for r in fewest_parts(tok.readings)))


def _predicative_adjective(tok: Token) -> bool:
    return tok.kind == "word" and bool(tok.readings) and all(
        r.pos == "adj" and r.participle is None and r.case == "tra" for r in tok.readings)


def _after_preposition(tokens: list[Token], k: int) -> bool:
    """Whether the partitive noun at ``tokens[k]`` is governed by a preposition that opens the
    clause, past its genitives ("Ennen ensihoitoasetuksen voimaantuloa")."""
    if not _all_partitive_noun(tokens[k]):
        return False
    m = k - 1
    while m >= 0 and _all_genitive(tokens[m]):
        m -= 1
    # only a phrase that opens the clause: inside an attribute it is the participle's own
    # ("vanhemmuuden ennen lapsen syntymää tunnustaneen")
    return m >= 0 and tokens[m].text.lower() in _PREPOSITIONS and (m == 0 or tokens[m - 1].kind == "punct")


def _predicative(tok: Token) -> bool:
    """A participle in the essive or translative ("täytettynä", "otettuna") describes the clause,
    not a noun; the attribute cannot reach past it."""
    return tok.kind == "word" and bool(tok.readings) and all(
        r.participle is not None and r.case in ("ess", "tra") for r in tok.readings)


def _agrees(word: Token, participle: Token) -> bool:
    """An adjective or pronoun in the participle's own case and number is another attribute of the
    head noun ("asianomaisia markkinajärjestelyistä annettuja määräyksiä"), not part of this one."""
    forms = {(r.case, r.number) for r in participle.readings if r.case}
    return bool(word.readings) and all(
        (r.pos in ("adj", "pron", "num") or r.lemma in _QUANTIFIERS) and (r.case, r.number) in forms
        for r in word.readings)


# quantifiers that Voikko reads as nouns ("kaikille rakentamiseen tarkoitetuille alueille")
_QUANTIFIERS = frozenset({"kaikki", "jokainen", "moni", "usea", "muutama", "kukin", "molemmat"})


def _same_case(a: Token, b: Token) -> bool:
    cases_a = {r.case for r in a.readings if r.case}
    return bool(cases_a & {r.case for r in b.readings if r.case})


# participle forms that work as postpositions or adverbs ("seitsemän päivän kuluttua kirjeen ...")
_POSTPOSITION_PARTICIPLES = frozenset({"kuluttua", "lukien", "alkaen", "huolimatta", "verrattuna", "päästyä"})


def _so_called(tokens: list[Token], i: int) -> bool:
    """"niin sanottu", "niin kutsuttu" are fixed phrases ('so-called') that mark a term, not an attribute."""
    return i > 0 and tokens[i - 1].text.lower() == "niin" and any(r.lemma in ("sanottu", "kutsuttu")
                                                                  for r in tokens[i].readings)


_TITLE_HEADS = frozenset({"laki", "asetus", "päätös", "direktiivi", "säädös", "sopimus"})
# what a treaty's title ends in: "terrorismin vastustamisesta tehty eurooppalainen yleissopimus"
# (audit round 23: findings inside it judged wrong)
_TREATY_HEADS = frozenset({"sopimus", "yleissopimus", "puitesopimus", "pöytäkirja", "lisäpöytäkirja"})
# "lain nojalla annetut säännökset": the set formula for the rules issued under a statute
_ISSUED_UNDER = frozenset({"säännös", "määräys"})


def _set_adverbial(participle: Token, head: Token) -> bool:
    """"soveltuvin osin" ('where applicable') is an adverbial of the clause, and "riittävän
    monipuolinen" ('sufficiently varied') a degree before an adjective: neither describes a noun
    (audit round 23: three findings judged wrong)."""
    if head.text.lower() == "osin":
        return True
    return participle.text.lower() == "riittävän" and bool(head.readings) and all(
        r.pos == "adj" and r.participle is None for r in head.readings)


# a participle and a noun that together name a kind (Kielitoimiston sanakirja: "esittävä taide",
# 'performing arts'): the participle takes no words of its own there
_KIND_NAMES = frozenset({("esittävä", "taide")})


def _named_kind(participle: Token, head: Token) -> bool:
    """"esittävän taiteen ja musiikin valtionosuusjärjestelmän piirissä oleville": the arts'
    name is no attribute, and the words before it are another attribute's or the clause's (audit
    round 75: "helsinkiläisille rekisteröityneille esittävän taiteen" judged wrong)."""
    return any((r.lemma, h.head or h.lemma) in _KIND_NAMES for r in participle.readings if r.participle
               for h in head.readings)


# participles that, before a noun of time, say which one: 'next', 'current', 'past' ("tulevan vuoden")
_RELATIVE_TIME_PARTICIPLES = frozenset({"tuleva", "kuluva", "kulunut", "mennyt"})


def _relative_time(participle: Token, head: Token) -> bool:
    """"tulevan vuoden", "kuluneella kaudella": before a noun of time these participles name which
    one (next, current, past) and take no words of their own, so the words before them are the
    clause's ("toimita nuorisopalvelujen kumppanuusyksikköön tulevan vuoden toimintasuunnitelma",
    "… kuuluvia leirejä kuluneella kaudella": audit round 75, judged wrong)."""
    return bool(participle.readings) and bool(head.readings) \
        and any(r.lemma in _RELATIVE_TIME_PARTICIPLES for r in participle.readings if r.participle) \
        and all((r.head or r.lemma) in _TIME_SPANS for r in head.readings)


def _cited_title(tokens: list[Token], i: int, head: int) -> bool:
    """"ajoneuvojen siirtämisestä annettu laki" (or "... annettu valtioneuvoston asetus", where
    the head is the word after the issuer) is the title of a statute, which the writer cannot
    change (the annotation guide leaves cited titles alone); "sen nojalla annetut säännökset" is
    the set formula for what was issued under it. So is a treaty's "… tehty (eurooppalainen)
    yleissopimus". The act may follow its issuer ("… kumoamisesta annetun Euroopan parlamentin ja
    neuvoston asetuksen": audit round 24, a finding that named "Euroopan" its head)."""
    participle = tokens[i]
    if any(r.lemma == "tehty" for r in participle.readings):
        return any(r.lemma in _TREATY_HEADS for r in tokens[head].readings)
    if not any(r.lemma == "annettu" for r in participle.readings):
        return False
    return act_after(tokens, i, _TITLE_HEADS) is not None or any(
        r.lemma in _TITLE_HEADS or (k == head and r.lemma in _ISSUED_UNDER)
        for k in range(head, min(head + 2, len(tokens))) for r in tokens[k].readings)


def _inside_title(tokens: list[Token], head: int) -> bool:
    """"vammaisuuden perusteella järjestettävistä palveluista ja tukitoimista annetun lain": an
    attribute inside a statute's title, which runs on to "annettu laki/asetus" a few words on."""
    for k in range(head + 1, min(head + 8, len(tokens) - 1)):
        if any(r.lemma in ("annettu", "tehty") for r in tokens[k].readings):
            return _names_act(tokens, k)
    return False


def _names_act(tokens: list[Token], k: int) -> bool:
    """Whether "annettu"/"tehty" at ``k`` closes an act's title ("annetun maa- ja
    metsätalousministeriön asetuksen", "tehdyn sopimuksen")."""
    return act_after(tokens, k, _TITLE_HEADS) is not None


def _cut_title(tokens: list[Token], j: int, head: int) -> bool:
    """Whether the attribute holds an act's title ("… annetun lain mukaiset edellytykset") and the
    walk stopped inside that title: "eräiden [rakennustuotteiden tuotehyväksynnästä annetussa
    laissa tarkoitettua]", "annetun maa- ja [metsätalousministeriön asetuksen …]". The title's
    start is then unknown, and a span cut there was called wrong by an audit judge; a title after
    a verb, a conjunction or a punctuation mark is whole."""
    if j == 0 or not any(any(r.lemma in ("annettu", "tehty") for r in tokens[k].readings) and _names_act(tokens, k)
                         for k in range(j, head)):
        return False
    before = tokens[j - 1]
    if before.kind == "word" and before.text.lower() in ("ja", "tai", "taikka") and j >= 2:
        before = tokens[j - 2]  # "maa- ja [metsätalousministeriön …]", not "perusteet ja [talousjätevesien …]"
        if before.text.endswith("-"):
            return True
    # a title's own words are genitives and elatives ("eräiden", "…sta koskevista")
    return before.kind == "word" and any(r.case in ("gen", "ela") for r in before.readings)


def _perfect_tense(tokens: list[Token], j: int, participle: Token) -> bool:
    """"on antanut lausunnon", "ei ole tehty päätöstä", "ei ole tarkastelussa myöskään todettu
    vaaralliseksi": a nominative past participle after a form of olla or the negation verb
    earlier in the same clause is the verb of the clause, not an attribute of the noun after it
    (the adverbials between belong to the clause, as for :func:`_necessive`)."""
    return any(r.participle in ("past_active", "past_passive") and r.case == "nom" for r in participle.readings) \
        and _verb_earlier_in_clause(tokens, j, ("olla", "ei"))


def _necessive(tokens: list[Token], j: int, participle: Token) -> bool:
    """"hakijan on kunnan päättämin määräajoin esitettävä selvitys": a nominative -ttava after a
    form of olla earlier in the same clause is the clause's verb (must be presented), not an
    attribute of the noun after it. So is the second of two coordinated ones ("on poistettava
    roskaava esine ja muutoinkin siivottava roskaantunut alue")."""
    if not _nominative_necessive(participle):
        return False
    if _verb_earlier_in_clause(tokens, j, ("olla",)) or _necessive_opening(tokens, j):
        return True
    if j < 2 or tokens[j - 1].text.lower() not in _COORDINATORS:
        return False
    return any(_nominative_necessive(tokens[k]) and _verb_earlier_in_clause(tokens, k, ("olla",))
               for k in range(j - 2, max(-1, j - 8), -1))


def _necessive_opening(tokens: list[Token], j: int) -> bool:
    """"Työnantajan on 5 ja 6 §:ssä tarkoitetun selvityksen ja määrityksen perusteella arvioitava
    vaaran merkitys": a genitive and "on" open the clause, and the -ttava after their long
    adverbial is its verb however far it stands (audit round 61: read as a 6-word attribute,
    wrong). Walks back to the clause's start; a finite verb on the way belongs to another clause."""
    for k in range(j - 1, max(-1, j - _MAX_CHAIN), -1):
        tok = tokens[k]
        if tok.kind == "punct" and tok.text in _CLAUSE_PUNCT:
            return False
        if tok.kind != "word":
            continue
        if any(r.lemma == "olla" and r.pos == "verb" and r.person == "3" for r in tok.readings):
            opener = k - 1
            return opener >= 0 and _all_genitive(tokens[opener]) and (
                opener == 0 or tokens[opener - 1].kind != "word" or tokens[opener - 1].text.lower() in _CLAUSE_OPENERS)
        if is_finite_verb(tok):
            return False
    return False


def _nominative_necessive(tok: Token) -> bool:
    return tok.kind == "word" and any(r.participle == "present_passive" and r.case == "nom" for r in tok.readings)


def _verb_earlier_in_clause(tokens: list[Token], j: int, lemmas: tuple[str, ...]) -> bool:
    """A form of one of ``lemmas`` (olla, the negation verb) among the five words before ``j``,
    in the same clause: a punctuation mark, another finite verb or a coordinator ends the
    clause first."""
    for k in range(j - 1, max(-1, j - 6), -1):
        tok = tokens[k]
        if tok.kind != "word":
            return False
        if any(r.lemma in lemmas and r.pos in ("verb", "neg") for r in tok.readings):
            return True
        # a coordinator between two adverbs stays in the clause: "ei toiminnallisesti tai
        # muutoinkaan välittömästi kytkeytynyt viereisiin alueisiin" (audit round 47: an attribute)
        if tok.text.lower() in _COORDINATORS and k >= 1 and _adverb_reading(tokens[k - 1]) \
                and _adverb_reading(tokens[k + 1]):
            continue
        if is_finite_verb(tok) or tok.text.lower() in _COORDINATORS:
            return False
    return False


def _pronoun_of_other_case(tokens: list[Token], j: int, i: int) -> bool:
    """A genitive pronoun after a coordinator whose own noun is in another case is no member of
    a list of genitives: "emon, työmehiläisten ja sikiöiden sekä [niiden hoitamiseen]
    tarvittavan" (audit round 47: counted as an 8-word attribute); "jäsenkuntien tai [niiden
    jäsenten] kannalta sitovia" joins two genitives."""
    tok = tokens[j]
    return j + 1 < i and bool(tok.readings) and all(r.pos == "pron" and r.case == "gen" for r in tok.readings) \
        and tokens[j + 1].kind == "word" and not _same_case(tokens[j + 1], tok)


def _adverb_reading(tok: Token) -> bool:
    return tok.kind == "word" and any(r.pos == "adv" or r.case == "adv" for r in tok.readings)


def participle_attributes(sentence: Sentence) -> list[Measure]:
    """Every premodifier that ends in a participle attribute right before its noun, longest
    first where two overlap ("sijaitsevaan putkitettuun ojaan" is one attribute).

    "kaupungin vuodelle 2025 varaamista määrärahoista myönnettävät avustukset": the words from
    "kaupungin" to "myönnettävät" (6) all sit between the reader and the noun they describe.
    A sentence can have several; each is its own finding.
    """
    tokens = sentence.tokens
    found: list[Measure] = []
    head_by_form = _head_by_form.get  # the per-form answers looked up here: this loop sees every word
    ambiguous_by_form = _ambiguous_by_form.get
    for i in range(len(tokens) - 1):
        tok = tokens[i]
        if tok.kind != "word":
            continue
        attribute = head_by_form(tok.text)
        if attribute is None:
            attribute = _attribute_head(tok)
        if not attribute and (ambiguous_by_form(tok.text, _UNKNOWN) is None or not _attribute_in_context(tokens, i)) \
                and not _participle_not_noun(tokens, i) and not _lasting(tokens, i):
            continue
        if tok.text.lower() in _POSTPOSITION_PARTICIPLES or _so_called(tokens, i) or _reported_clause(tok.readings):
            continue
        if _referative_after(tokens, i):
            continue  # "oli katsottu tällaisessa tapauksessa kohdistuvan kokonaan rakennukseen" (audit round 13)
        head = _head_noun(tokens, i)
        if head is None or _cited_title(tokens, i, head) or _inside_title(tokens, head):
            continue
        if _purpose(tokens[head]):
            continue  # "palautetaan käsiteltäväksi avustuksen myöntämiseksi": a purpose, not a noun described
        if tokens[head].readings and all(r.case == "com" for r in tokens[head].readings):
            continue  # "siihen myöhemmin tehtyine muutoksineen": the statutes' set formula (audit rounds 1-53: noise 4 of 4)
        if _set_adverbial(tok, tokens[head]) or _relative_time(tok, tokens[head]) or _named_kind(tok, tokens[head]):
            continue
        if _comparison(tokens, i, head):
            continue
        if (tokens[head].text.lower() in _POSTPOSITIONS or tokens[head].text.lower() == "mukaisesti") \
                and not _same_case(tokens[head], tok):
            continue  # "ratkaisuosasta ilmenevän mukaisesti" ('as the ruling shows'): no noun described
        if _predicative(tok) and not _same_case(tok, tokens[head]):
            continue  # "täytettynä" describing the clause; "merkittynä päivänä" agrees with its noun
        walked = _defined_term(tokens, _coordinated_genitives(tokens, modifier_start(tokens, i), i), i, head)
        # a postposition whose genitive the walk left outside, a word with a possessive suffix that
        # points back to the clause's subject, is the clause's too: "jakelijan on ilmoitettava
        # ilmoituksensa [yhteydessä] kulutukseen toimitetun" (audit round 38: a wrong span)
        if 0 < walked < i and tokens[walked].text.lower() in _ANY_POSTPOSITION \
                and tokens[walked - 1].kind == "word" and tokens[walked - 1].readings \
                and all(r.possessive for r in tokens[walked - 1].readings):
            walked += 1
        walked = _past_head_possessor(tokens, _past_head_numeral(tokens, _past_clause_opening(tokens, walked, i), i, head), i, head)
        j = _whole_reference(tokens, walked)
        if j is None:
            continue
        if any(k > 0 and tokens[k].text.lower() == "jäljempänä" and tokens[k - 1].text == "," for k in (j - 1, j)):
            continue  # ", jäljempänä eläimistä saatavien elintarvikkeiden valvonta-asetus": a short name defined
        if j > 0 and tokens[j - 1].text.lower() in _POINTING:
            j -= 1  # "Edellä [5 §:n 2 momentin … mukainen]": "edellä" points on into the attribute
        if _perfect_tense(tokens, j, tok):
            continue
        if _necessive(tokens, j, tok):
            continue
        if _cut_title(tokens, j, head):
            continue
        # the words the walk read; a statute reference before them ("hallintolainkäyttölain 63 §:n")
        # widens the span but is not counted: a reader takes it in as one pointer, and an
        # independent judge called short references ("jätelain 125 §:n mukainen") noise
        length = count_words(tokens[walked:i + 1])
        if i >= 2 and walked <= i - 2 and tokens[i - 1].text.lower() in ("ja", "tai") \
                and is_participle_attribute(tokens[i - 2]):
            length -= 1  # "pestyt ja silitetyt paidat": the "ja" between two participles adds nothing to hold
        length -= _court_names(tokens, walked, i)
        start = i if _doubtful_start(tokens, j) else j
        # also a longer citation ("arvonlisäverolain 78 §:n 1 momentin 3 kohdassa tarkoitetusta"):
        # useful to the audit judges 8 times of 12 in rounds 1-36, but 35 times of 101 in rounds 1-68
        formula = _reference_formula(tokens, j, i)
        found.append(Measure(length, tokens[start].start, tokens[head].end, LEGAL_FORMULA if formula else ""))
    return longest_first(found)


_REFERENCE_MARKS = frozenset({"§", ":", "/", "(", ")", "N:o", "nro", "EU", "EY", "ETY", "Euratom"})

# Measure.detail of an attribute that only points to a provision: legal text leaves it out
# (selkeys.lint); audit judges called 33 of 44 such three-word attributes noise or wrong (rounds 1-11)
LEGAL_FORMULA = "legal_formula"
# the places a provision is cited by ("18 §:n [1 momentissa] tarkoitetut", "[mainitussa luvussa] säädetty")
_PROVISION_PARTS = frozenset({"momentti", "kohta", "alakohta", "luku", "pykälä", "artikla", "liite", "kappale",
                              "alakappale", "laki", "asetus", "direktiivi", "säädös", "asetusehdotus", "säännös",
                              "lainkohta"})
# the participles that point to a provision, and "mukainen" ('under'): "3 momentin mukaista
# selvitystä" cites as "3 momentissa tarkoitettua" does (audit rounds 1-36: of such findings of up
# to three words in statutes and decisions, 4 judged useful, 15 noise, 4 wrong)
_CITING_WORDS = _POINTER_PARTICIPLES | {"mukainen"}
# (also "sanotussa laissa", 'the said act', and a pronoun that points to the act or its item:
# "niiden 1 momentissa tarkoitetun", "sen 8 artiklan mukaista"; audit rounds 19-77: judged noise)
_PROVISION_POINTERS = frozenset({"edellä", "jäljempänä", "mainitussa", "mainitun", "mainituissa", "tässä", "tämän",
                                 "samassa", "saman", "ja", "tai", ",", "sanotussa", "sanotun", "sanotuissa",
                                 "jonka", "joiden", "sen", "niiden"})


def _past_clause_opening(tokens: list[Token], j: int, i: int) -> int:
    """Where the attribute starts when its opening phrase stands in a slot the participle's verb
    does not take: that phrase is the clause verb's ("liittää [aloitteeseen] sitä koskevia
    liitteitä", "ei pääse [sopimukseen] yhteisenä ojana toimivan putkiojan": audit rounds 64-66,
    wrong spans). Asked of the valency counts (selkeys.rules.valency), not of a list of verbs."""
    lemmas = {r.lemma for r in tokens[i].readings if r.participle}
    if not lemmas or j >= i - 1:
        return j
    k = j
    # the phrase's head: past the adjectives, numerals and genitives that lean on the next word
    while k < i - 1 and _leans_on(tokens[k], tokens[k + 1]):
        k += 1
    head = tokens[k]
    if head.kind != "word" or not head.readings or not all(r.pos in ("noun", "propn", "pron") for r in head.readings):
        return j
    if any(r.head in _TIME_LEMMAS or r.lemma.endswith("kuu") for r in head.readings):
        return j  # a time goes with any verb ("syksyllä 2020 järjestetty", "verovuodelta 2017 annettava")
    # another verb form between them may be the one it goes with ("[kuntayhtymälle] tehtyä ilmoitusta
    # koskeva", "ammatinharjoittajana toimimista koskeva")
    if any(_verbal(tokens[m]) for m in range(k + 1, i)):
        return j
    cases = {r.case for r in head.readings}
    # a place, source, goal, role or result: the slots a verb takes or not; an object or a
    # genitive may lean on a word further on, a postposition may go with the whole clause
    if len(cases) != 1 or not cases <= _SLOT_CASES or tokens[k + 1].text.lower() in _ANY_POSTPOSITION:
        return j
    # "[hankkeelle ja hakemukselle] lisätyille": a list goes on into the attribute
    if tokens[k + 1].text.lower() in _LIST_JOINERS or k + 1 >= i:
        return j
    slot = next(iter(cases))
    verb = _clause_verb(tokens, j, slot)
    if not verb:
        return j
    if all(prefers(verb, lemma, slot) for lemma in lemmas):
        return k + 1
    # the phrase right after the clause's verb, in a slot the participle's verb does not take, is the
    # verb's even when its counts do not show it taking the slot ("saat [meiltä] helposti
    # ymmärrettävää tietoa", "vastaa [elinkeinotoimintaan] verovuotta edeltäneen verovuoden": audit
    # rounds 7-60, judged wrong); "olla" may be an auxiliary, and an action noun is a purpose of either
    adjacent = verb != "olla" and any(r.lemma == verb for r in tokens[j - 1].readings)
    if adjacent and not any(r.action_noun for r in head.readings) and all(rejects(lemma, slot) for lemma in lemmas):
        return k + 1
    return j


_PERSONAL_PRONOUNS = frozenset({"minä", "sinä", "hän", "me", "te", "he"})


def _past_head_possessor(tokens: list[Token], j: int, i: int, head: int) -> int:
    """Where the attribute starts past a personal pronoun that owns the head noun: the genitive
    pronoun and the possessive suffix of the noun go together, "[heidän] väestötietojärjestelmään
    merkityt asumistietonsa", "[hänen] vuonna 2015 syntynyttä tytärtään" (audit round 74: judged wrong
    as a three-word attribute). With the suffix on an agent participle the pronoun is its doer and
    stays ("hänen tässä asiassa esittämänsä")."""
    pronoun, noun = tokens[j], tokens[head]
    if j >= i or pronoun.kind != "word" or not pronoun.readings or not noun.readings:
        return j
    owned = all(r.pos == "pron" and r.case == "gen" and r.lemma in _PERSONAL_PRONOUNS for r in pronoun.readings) \
        and all(r.possessive for r in noun.readings)
    return j + 1 if owned and not any(r.possessive for r in tokens[i].readings) else j


def _past_head_numeral(tokens: list[Token], j: int, i: int, head: int) -> int:
    """Where the attribute starts past a cardinal number that counts the head noun: after a
    numeral the participle and its noun both stand in the partitive singular, "50 000
    [äänioikeutettua] Suomen kansalaista" (audit round 70: judged wrong as a three-word attribute)."""
    k = j
    while k < i and tokens[k].kind == "number":
        k += 1
    # right before the participle: in "3 kuukautta kestävää tukea" the number counts the months
    if k == j or k != i:
        return j
    participle = [r for r in tokens[i].readings if r.participle]
    noun = fewest_parts(tokens[head].readings)  # "kansalaista", not the elative of "kansa" + "laki"
    if participle and noun and all(r.case == "par" and r.number == "singular" for r in participle + list(noun)):
        return i
    return j


def _clause_verb(tokens: list[Token], j: int, slot: str) -> str | None:
    """The lemma of the verb the clause has before ``tokens[j]`` (a finite verb or an infinitive),
    if one stands there with nothing but its complements between, for a dependent in ``slot``."""
    for k in range(j - 1, max(-1, j - 8), -1):
        tok = tokens[k]
        if tok.kind != "word" or tok.text.lower() in _CLAUSE_OPENERS or any(r.pos == "conj" for r in tok.readings):
            return None  # (a conjunction also read as a verb, "eli" 'that is' as 'lived', ends the search too)
        verbs = {r.lemma for r in tok.readings if r.pos == "verb" and not r.participle
                 and (r.mood in _FINITE_MOODS or r.mood in ("a_inf", "ma_inf"))}
        if not verbs and k > 0 and _perfect_auxiliary(tokens[k - 1]):
            # a perfect tense: "oli saanut [Maahanmuuttovirastolta] asiaa koskevaa tietoa"
            verbs = {r.lemma for r in tok.readings if r.participle == "past_active"}
        if verbs:
            # "olla" is as often the auxiliary of a verb further on ("oli … katsonut") as a verb;
            # with an essive it is the verb ("ei ole [esteenä] asiaan sovellettavan")
            if len(verbs) != 1 or ("olla" in verbs and slot != "ess"):
                return None
            return next(iter(verbs))
    return None


_SLOT_CASES = _LOCAL_CASES | {"ess", "tra"}
_LIST_JOINERS = frozenset({"ja", "tai", "sekä", "taikka", "eli", "tahi", ",", "/", "–", "-"})


def _verbal(tok: Token) -> bool:
    """Whether a word may be a verb form or an action noun, which take dependents of their own."""
    return tok.kind == "word" and any(r.participle or r.mood or r.pos == "verb" or r.action_noun
                                      for r in tok.readings)


def _perfect_auxiliary(tok: Token) -> bool:
    return tok.kind == "word" and (tok.text.lower() in ("ei", "eivät", "en", "et", "emme", "ette")
                                   or any(r.lemma == "olla" and r.pos == "verb" for r in tok.readings))


def _leans_on(word: Token, after: Token) -> bool:
    """Whether a word is an attribute of the word after it: an adjective, numeral or pronoun in
    its case, or a genitive before a noun."""
    if word.kind != "word" or after.kind != "word" or not word.readings or not after.readings:
        return False
    if all(r.pos in ("adj", "num", "pron") for r in word.readings):
        return _same_case(word, after)
    return _all_genitive(word) and _is_noun(after)


def _named_place(tokens: list[Token], k: int) -> bool:
    """Whether a place name in a local case ("Suomessa") or a court's two-word name
    ("korkeimmassa hallinto-oikeudessa") starts at ``tokens[k]``."""
    tok = tokens[k]
    if tok.kind != "word" or not tok.readings:
        return False
    if tok.text[:1].isupper() and any(r.pos == "propn" for r in tok.readings) \
            and all(r.case in _LOCAL_CASES for r in tok.readings):
        return True
    return _court_name_at(tokens, k)


def _court_names(tokens: list[Token], j: int, i: int) -> int:
    """How many words to take off for courts named in two ("korkeimmassa hallinto-oikeudessa
    esitetyt vaatimukset"): a name is one thing to hold, as a cited title is, and audit judges
    called 9 of the 10 judged findings this drops noise (rounds 1-13)."""
    return sum(1 for k in range(j, i - 1) if _court_name_at(tokens, k))


def _court_name_at(tokens: list[Token], k: int) -> bool:
    """Whether a court's two-word name ("korkeimmassa hallinto-oikeudessa") starts at ``tokens[k]``."""
    return k + 1 < len(tokens) and tokens[k].kind == "word" and tokens[k + 1].kind == "word" \
        and tokens[k].text.lower().startswith(("korkein", "korkeim")) \
        and any(r.lemma.endswith("oikeus") for r in tokens[k + 1].readings)


def _reference_formula(tokens: list[Token], j: int, i: int) -> bool:
    """Whether the attribute from ``tokens[j]`` to its participle ``tokens[i]`` only says where a
    rule is written: "18 §:n 1 momentissa tarkoitetut", "edellä mainitussa momentissa säädetyn".
    In a statute or a court's reasoning that is the prescribed way to cite, and the audit judges
    called most such findings noise there; in a letter to residents it stays a long attribute
    the reader must decode."""
    if j >= i or not all(r.lemma in _CITING_WORDS for r in tokens[i].readings) or not tokens[i].readings:
        return False
    for k in range(j, i):
        tok = tokens[k]
        if _reference_piece(tokens, k) or tok.text.lower() in _PROVISION_POINTERS:
            continue
        # any reading: "poronhoitolain" also reads as a compound of "hoitola" ('care home')
        # (audit round 36: "poronhoitolain 5 §:n 2 kohdassa tarkoitettua eloporoa", judged noise)
        if tok.kind == "word" and any(
                r.lemma.lower() in _PROVISION_PARTS or (r.parts and r.parts[-1].lower() in _PROVISION_PARTS)
                for r in tok.readings):
            continue
        return False
    return True


def _reference_piece(tokens: list[Token], k: int) -> bool:
    """A number, "§", the case ending of "§:n", a document number's slash, "(EU) N:o" or a
    section letter ("7 b §"): pieces of a statute reference, which the walk does not read."""
    tok = tokens[k]
    if tok.kind == "number" or tok.text in _REFERENCE_MARKS or _range_dash(tokens, k):
        return True
    attached = k > 0 and tokens[k - 1].end == tok.start
    return tok.kind == "word" and tok.text.islower() and (
        (attached and tokens[k - 1].text == ":") or (len(tok.text) == 1 and tok.text.isalpha()))


def _defined_term(tokens: list[Token], j: int, i: int, head: int) -> int:
    """Where the attribute starts when the walk took in the term a definition opens with: "4)
    [vastaanottavalla yksiköllä] Euroopan unionin jäsenvaltioon sijoittautunutta yksikköä" (in
    this law, 'receiving entity' means an entity established in a member state, after "tässä
    laissa tarkoitetaan", which takes the partitive). The adessive words that open the item
    are the term defined, not the attribute's."""
    # the definition's noun may be a genitive of its partitive ("[radiotaajuudella] vapaasti etenevän
    # sähkömagneettisen aallon taajuutta": audit round 33)
    if head + 1 < len(tokens) and _all_genitive(tokens[head]) and _all_partitive_noun(tokens[head + 1]):
        head += 1
    # the head's participle readings are the analyser's stretch ("mittaamista" is also the elative
    # of the agent participle "mittaama"; audit round 28)
    head_readings = [r for r in tokens[head].readings if r.participle is None] or tokens[head].readings
    if any(t.kind == "word" for t in tokens[:j]) or tokens[j].kind != "word" \
            or not head_readings or not all(r.case == "par" for r in head_readings):
        return j
    k = j
    # the term's own genitives come first ("[maidon viitemäärällä]", "[puhtaan kehityksen
    # mekanismin hallintoneuvostolla]")
    while k < i and tokens[k].kind == "word" and any(r.case == "gen" for r in tokens[k].readings):
        k += 1
    if not (k < i and tokens[k].kind == "word" and tokens[k].readings
            and all(r.case == "ade" for r in tokens[k].readings)):
        return j
    while k < i and tokens[k].kind == "word" and tokens[k].readings \
            and all(r.case == "ade" for r in tokens[k].readings):
        k += 1
    return k if j < k < i else j


def _range_dash(tokens: list[Token], k: int) -> bool:
    """The dash of a range of numbers ("1–5 kohdissa", "3 - 6 kohdissa")."""
    return tokens[k].text in ("–", "-", "—") and 0 < k < len(tokens) - 1 \
        and tokens[k - 1].kind == "number" and tokens[k + 1].kind == "number"


# what a statute reference's genitive names: an act or a part of one ("lain", "asetuksen",
# "liitteen"), not the clause's object ("laativat [raportin] 1 §:n 1 momentissa tarkoitetulla",
# audit round 13)
_ACT_NAMES = frozenset({"laki", "asetus", "direktiivi", "päätös", "sopimus", "yleissopimus", "järjestys", "sääntö",
                        "ohjesääntö", "määräys", "säännös", "luku", "liite", "artikla", "kohta", "momentti", "pykälä",
                        "ohje", "suositus", "pöytäkirja", "kaava", "asetusehdotus", "perussääntö", "taulukko"})


def _act_name(tok: Token) -> bool:
    return tok.text[:1].isupper() or ":" in tok.text or any(
        r.lemma.lower() in _ACT_NAMES or (r.parts and r.parts[-1].lower() in _ACT_NAMES) or r.pos == "propn"
        for r in tok.readings)


def _genitive_noun(tok: Token) -> bool:
    """"lain", "asetuksen", "komission": the act a reference names and its issuer (Voikko also
    reads "lain" as an instructive, so any genitive reading of a noun will do)."""
    return tok.kind == "word" and any(r.case == "gen" and r.pos in ("noun", "propn") for r in tok.readings)


_POINTING = frozenset({"edellä", "jäljempänä", "yllä", "alla"})
# the words that make "yhteydessä" a place in a text or a process ("tässä yhteydessä mainitut")
_CONTEXT_POINTERS = frozenset({"tässä", "siinä", "samassa", "sen", "tämän", "jonka", "minkä", "muussa", "kunkin"})


def _doubtful_start(tokens: list[Token], j: int) -> bool:
    """Whether the word before the attribute's first word may belong to the attribute after all:
    a coordinator or a compound's first part ("työ- tai [asuinpaikan …]"), an adverb other than a
    focus word ("mahdollisesti"), a postposition ("elinkeinonharjoittamista varten"), a genitive
    ("tuen [myöntämisen …]", "tämän") or a name. An audit judge called such spans, cut where the
    walk stopped, wrong; then the span covers the participle and its noun, which are certain,
    and the message still counts the words the walk read."""
    if j == 0:
        return False
    prev = tokens[j - 1]
    if prev.kind != "word":
        return False
    low = prev.text.lower()
    # a capital inside the sentence ends a name ("Kiinteistö Oy [Turun Kaskenlinnan …]", "Ruissalo
    # [Säätiön …]")
    name_part = prev.text[:1].isupper() and (not prev.readings or any(r.case in ("nom", "gen") for r in prev.readings))
    if j >= 2 and name_part and tokens[j - 2].text not in ".!?:":
        return True
    # focus words belong to the clause ("koskee myös [naapurikiinteistöiltä …]", "otettiin huomioon")
    return (low in _COORDINATORS or low == "taikka" or prev.text.endswith("-")
            or (_adverbial(prev) and low not in _FOCUS)
            or any(r.case == "gen" and r.pos in ("noun", "propn", "adj", "pron") for r in prev.readings))


def _genitive_attribute(tok: Token) -> bool:
    return tok.kind == "word" and any(r.case == "gen" and r.pos in ("noun", "propn", "adj", "pron")
                                      for r in tok.readings) and not is_finite_verb(tok)


def _coordinated_genitives(tokens: list[Token], j: int, i: int) -> int:
    """Where an attribute starts when it opens with the last of coordinated genitives: "Euroopan
    unionin, valtion tai muun [julkisyhteisön varoista myönnettyä]" is cut at the coordination
    (an audit judge called such spans wrong); the genitives before it describe the same noun.
    Only a genitive that describes a complement inside the attribute counts ("julkisyhteisön
    varoista"): one right before the participle may be a conjunct of the head noun's phrase
    ("lähikoulun tai muun soveltuvan paikan"). A genitive right after a verb is that verb's
    object ("täyttää lomakkeen ja kunnan myöntämä tuki"), so the walk's start stands then too."""
    if not _genitive_attribute(tokens[j]) or not any(
            t.kind == "word" and any(r.pos == "noun" and r.case not in (None, "gen") for r in t.readings)
            for t in tokens[j + 1:i]):
        return j
    # a pronoun points back to a noun before it and is no conjunct of it: "säännösten sanamuodon ja
    # [niiden esitöissä ilmaistun] käsityksen" joins two noun phrases (audit round 77: judged wrong)
    if tokens[j].readings and all(r.pos == "pron" for r in tokens[j].readings):
        return j
    k = j
    while k >= 1:
        prev = tokens[k - 1]
        if k >= 2 and (prev.text == "," or prev.text.lower() in ("ja", "tai", "taikka", "sekä")) \
                and _genitive_attribute(tokens[k - 2]):
            k -= 2
        elif _genitive_attribute(prev) and prev.text.lower() in ("muun", "muiden", "eri", "kunkin"):
            k -= 1
        elif k < j and _genitive_attribute(prev):
            k -= 1  # the genitive's own genitive ("Euroopan unionin")
        else:
            break
    if k == j or (k > 0 and tokens[k - 1].kind == "word" and any(r.pos in ("verb", "aux") for r in tokens[k - 1].readings)):
        return j
    return k


def _whole_reference(tokens: list[Token], j: int) -> int | None:
    """Where an attribute starts when the walk stopped inside a statute reference.

    "hallintolainkäyttölain 63 §:n [1 momentin 2 kohdassa tarkoitetulla] tavalla" or "asetuksen
    (EU) N:o 1408/[2013 3 artiklassa tarkoitettuna]" is cut in the middle of the reference, a span
    an independent judge called wrong. The attribute takes in the whole reference, the act it
    names (genitives) and that act's title ("toimeentulotuesta annetun lain 7 b §:n …"). None: the
    act is named by a title whose start cannot be found ("vähämerkityksiseen tukeen maatalousalalla
    annetun asetuksen"), so no span is reported rather than a wrong one."""
    # an attribute that opens a bracket ("Tuloverolain 110 §:n ([Tulon jaksottamista koskeva]
    # yleissäännös)") takes nothing from outside it (audit round 51: a wrong span)
    if j == 0 or not _reference_piece(tokens, j - 1) or tokens[j - 1].text == "(":
        return j
    k = j - 1
    while k > 0 and _reference_piece(tokens, k - 1):
        k -= 1
    if k == 0 or not _genitive_noun(tokens[k - 1]) or not _act_name(tokens[k - 1]):
        # a section of the same act ("Edellä 4 §:n [3 momentissa …]") is a whole reference too; a
        # bare number is not one ("vuonna 2025 tehdyt"): the walk was right
        # nor is a range of items ("edellä [1–5 kohdissa tarkoitettu]")
        bare = tokens[k].kind == "number" and (
            any(t.text == "§" for t in tokens[k:j]) or any(_range_dash(tokens, m) for m in range(k, j))) \
            and not any(t.text in ("(", ")", "/") for t in tokens[k:j])
        return k if bare else j
    while k > 0 and _genitive_noun(tokens[k - 1]):
        k -= 1
        # "sairausvakuutuslain 9 luvun 7 §:ssä": a chapter's number before its genitive
        back = k
        while back > 0 and _reference_piece(tokens, back - 1):
            back -= 1
        # "edellä [1 momentin …]": the same section's subsection
        if back < k and back > 0 and (_genitive_noun(tokens[back - 1]) or tokens[back - 1].text.lower() in _POINTING):
            k = back
        # "maankäyttö- ja rakennuslain": a compound's first part joined by "ja"/"tai"
        if k >= 2 and tokens[k - 1].text.lower() in ("ja", "tai") and tokens[k - 2].text.endswith("-"):
            k -= 2
    if k > 0 and any(r.lemma in ("annettu", "tehty") for r in tokens[k - 1].readings):
        title = k - 1
        while title > 0 and tokens[title - 1].kind == "word" and (
                any(r.case in ("ela", "gen") and r.participle is None for r in tokens[title - 1].readings)
                or tokens[title - 1].text.lower() in ("ja", "tai")):
            title -= 1
        if title == k - 1 or tokens[title].text.lower() in ("ja", "tai") or not any(
                r.case == "ela" for t in tokens[title:k - 1] for r in t.readings):
            return None
        return title
    return k


def _attribute_in_context(tokens: list[Token], i: int) -> bool:
    """A form that is a participle or a verb, decided by its neighbours: "terveyteen liittyvät
    seikat" (not "they relate"), "Turun kaupungin ylläpitämässä koulussa" (not "maintaining").

    It is the participle when a noun or adjective that agrees with it in case and number
    follows; a form that can also be the MA-infinitive needs its agent before it as well (a
    genitive), since "lähtevät auttamaan myrskyyn" is the infinitive followed by a place; and a
    question ("Oppivatko lapset …") is the verb. On UD Finnish-TDT dev the other forms this
    accepts are all attributes there (20 of 20)."""
    ambiguous = _participle_or_verb(tokens[i])
    if ambiguous is None:
        return False
    participles, infinitive = ambiguous
    if infinitive and not (i > 0 and _all_genitive(tokens[i - 1])):
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and nxt.kind == "word" and any(
        n.pos in ("noun", "adj", "propn") and n.case == p.case and n.number == p.number
        for p in participles for n in nxt.readings)


_COMPLEMENT_CASES = frozenset({"ine", "ela", "ill", "ade", "abl", "all", "par", "ess"})


def _lasting(tokens: list[Token], i: int) -> bool:
    """"kestävä" after a time is the participle 'lasting' ("yhden vuoden kestävästä työtehtävästä",
    "kolme päivää kestävä koulutus"), which takes that time; elsewhere it is 'sustainable'."""
    if i == 0 or not any(r.lemma == "kestävä" for r in tokens[i].readings):
        return False
    prev = tokens[i - 1]
    return prev.kind == "word" and any(r.lemma in _TIME_LEMMAS and r.case in ("gen", "par") for r in prev.readings)


def _participle_not_noun(tokens: list[Token], i: int) -> bool:
    """A form that is both a participle and a noun ("perustuvan": perustua / perustupa,
    "vastaavien": vastata / vastaava 'counterpart'), decided by its neighbours: the participle
    when a noun or adjective in its own case and number follows and the word before it is a
    complement that a verb takes and a noun does not ("asiakastyöhön perustuvan tiedon",
    "tuesta vastaavien viranomaisten"); after a genitive it stays the noun ("tehtävän
    suorittajan")."""
    tok = tokens[i]
    if i == 0 or i + 1 >= len(tokens) or tok.kind != "word" or len(tok.readings) < 2:
        return False
    # not a compound read as a participle: "kuntayhtymän" is the noun 'joint municipal authority',
    # not an agent participle of "kunta" + "yhtyä" (audit round 40: "hyväksymisestä kuntayhtymän
    # toimielimen" reported as an attribute, judged wrong twice)
    participles = [r for r in tok.readings if r.participle in _ATTRIBUTE_PARTICIPLES and r.case and not r.parts]
    nouns = [r for r in tok.readings if r not in participles and not r.participle]
    if not participles or not nouns or not all(r.pos == "noun" for r in nouns):
        return False
    prev, nxt = tokens[i - 1], tokens[i + 1]
    if prev.kind != "word" or not prev.readings or not all(r.case in _COMPLEMENT_CASES for r in prev.readings):
        return False
    return nxt.kind == "word" and any(
        n.pos in ("noun", "adj", "propn") and n.participle is None and n.case == p.case and n.number == p.number
        for p in participles for n in nxt.readings)


_ambiguous_by_form: dict[str, tuple[tuple[Reading, ...], bool] | None] = {}
_UNKNOWN = object()  # a form not looked at yet (None there: the form is not ambiguous)


def _participle_or_verb(tok: Token) -> tuple[tuple[Reading, ...], bool] | None:
    """For a form that reads both as a participle attribute and as a plural finite verb or an
    MA-infinitive: its participle readings, and whether it can be the infinitive. Asked for
    every word that is no attribute by its form alone; the answer depends only on the form,
    so it is remembered per form like :func:`is_participle_attribute`."""
    if tok.kind != "word" or not tok.readings:
        return None
    if tok.text in _ambiguous_by_form:
        return _ambiguous_by_form[tok.text]
    answer = None
    participles = tuple(r for r in tok.readings
                        if r.participle in _ATTRIBUTE_PARTICIPLES and r.case and r.lemma not in _ADJECTIVES)
    if participles and not tok.text.lower().endswith(("ko", "kö")):
        others = [r for r in tok.readings if r not in participles]
        if others and all(r.mood == "ma_inf" or (r.mood == "indicative" and r.number == "plural") for r in others):
            answer = (participles, any(r.mood == "ma_inf" for r in others))
    if len(_ambiguous_by_form) > 300_000:
        _ambiguous_by_form.clear()
    _ambiguous_by_form[tok.text] = answer
    return answer


_head_by_form: dict[str, bool] = {}


def _attribute_head(tok: Token) -> bool:
    """A participle attribute, or an adjective that takes a complement the same way
    ("asemakaavan mukaisen maankäytön", "väestörekisterin mukaisesta asuinpaikasta"); the
    compounds ("säännönmukainen", "tarkoituksenmukainen") take none, and the adverb
    "mukaisesti" describes the verb ("3 momentin mukaisesti päätöksessä").

    Asked for every word of every sentence; remembered per form like
    :func:`is_participle_attribute`."""
    if tok.kind != "word":
        return False
    known = _head_by_form.get(tok.text)
    if known is None:
        known = is_participle_attribute(tok) or (bool(tok.readings) and all(
            r.pos == "adj" and r.lemma == "mukainen" and r.case not in (None, "adv") for r in tok.readings))
        if len(_head_by_form) > 300_000:
            _head_by_form.clear()
        _head_by_form[tok.text] = known
    return known


# words of quantity that stand before the noun they count (Voikko reads "kaikkien" as a noun)
_BEFORE_NOUN = frozenset({"kaikki", "molempi", "molemmat", "sama"})  # "myymien samojen [osakkeiden]" (round 23)
# bodies that own decisions, proposals and officials ("käräjäoikeuden tuomio", "kunnan viranhaltija")
_INSTITUTIONS = frozenset({"hallitus", "käräjäoikeus", "hovioikeus", "hallinto-oikeus", "tuomioistuin", "kunta",
                           "kaupunki", "ministeriö", "virasto", "lautakunta", "valtuusto", "kunnanhallitus",
                           "kaupunginhallitus", "eduskunta", "komissio", "neuvosto", "parlamentti", "viranomainen",
                           "hyvinvointialue", "kuntayhtymä", "yhtiö", "valiokunta", "jaosto", "toimielin",
                           # "palvelukseen siirtyvien puolustusvoimien [virkamiesten]" (audit round 26)
                           "puolustusvoima", "puolustusvoimat", "verohallinto", "tulli", "poliisi", "rajavartiolaitos",
                           "seurakunta", "seurakuntayhtymä"})


def _head_noun(tokens: list[Token], i: int) -> int | None:
    """Index of the noun the attribute at ``tokens[i]`` describes: the next word, or the word
    after one or two further attributes in the same case ("sijaitsevaan putkitettuun ojaan")."""
    for k in range(i + 1, min(i + 4, len(tokens))):
        tok = tokens[k]
        if tok.kind != "word" or _reported_clause(tok.readings):
            return None
        # "Hankkeen toteutuksesta vastaava [voi] olla …": the verb "voi" ('can') also reads as the noun
        # 'butter'; after it the participle stands for a person, with no noun (audit round 41: judged wrong)
        if any(r.lemma in ("voida", "olla") and r.mood == "indicative" for r in tok.readings):
            return None
        # a genitive participle right before a postposition stands for what it names: "edellä
        # lausutun [perusteella]" ('on the grounds of what was stated'); the noun after the
        # postposition is the clause's (audit round 47: named as the head)
        if k == i + 1 and tok.text.lower() in _ANY_POSTPOSITION and _all_genitive(tokens[i]):
            return None
        # a fixed state opens a second attribute of the same noun ("koskevassa [voimassa olevassa]
        # luvassa": audit round 34, "voimassa" named as the head noun)
        if tok.text.lower() in _FIXED_STATES and k + 1 < len(tokens) \
                and any(r.lemma in ("oleva", "ollut") for r in tokens[k + 1].readings):
            continue
        # a genitive the attribute does not agree with describes the head, which follows ("riittävä
        # jätteen keräys"); also when Voikko reads an -inen noun as an adjective
        # ("tienpitoviranomaisen kunnossapitovastuu", "viranomaisen asiakirjoihin")
        if _all_genitive(tok) and not _same_case(tok, tokens[i]):
            return _head_past_genitives(tokens, i, k + 1)
        # a quantifier between the attribute and its noun, in the same case: "hakemusten kohteena
        # olevien kaikkien [aseiden]" (audit round 21: the span ended at "kaikkien")
        if any(r.lemma in _BEFORE_NOUN for r in tok.readings) and _same_case(tok, tokens[i]) \
                and k + 1 < len(tokens) and _same_case(tokens[k + 1], tokens[i]) and _is_noun(tokens[k + 1]):
            return k + 1
        if any(r.pos in ("noun", "propn") and r.participle is None for r in tok.readings):
            # "esiin tuotujen kielianalyytikon luotettavuutta": a plural attribute does not
            # describe a singular noun; its noun is further on
            if _same_case(tok, tokens[i]) and not _agrees_in_number(tok, tokens[i]) \
                    and not any(r.possessive for r in tok.readings):
                return None
            # an attribute agrees with its noun: "syntyviä sivutuoteasetuksen mukaisesti" has none
            # (a possessive form's case is ambiguous: "asuvan puolisosi", "säädetyn velvollisuutensa";
            # not the partitive or illative one, "harjoittajan lopettavan [toimintaansa]", which is a
            # referative participle's object: audit round 42, named as the head)
            if not _same_case(tok, tokens[i]) and any(r.case for r in tokens[i].readings) \
                    and not any(r.possessive and r.case == "nom" for r in tok.readings):
                # past genitives to the noun that agrees ("esiintyneestä hulevesien tulvimisesta")
                for m in range(k + 1, min(k + 4, len(tokens))):
                    agrees = tokens[m].kind == "word" and _same_case(tokens[m], tokens[i])
                    # not a participle with a stray compound reading as a noun: "momenttiin sisältyvän
                    # ikään perustuvan [syrjinnän]" ("perustupa"; audit round 38, named as the head)
                    if agrees and any(r.pos in ("noun", "propn") for r in fewest_parts(tokens[m].readings)):
                        return m
                    if not (tokens[m].kind == "word" and (agrees or any(r.case == "gen" for r in tokens[m].readings))):
                        break
                return None
            # an institution in the genitive before another genitive noun is that noun's owner, and
            # the attribute describes the owned thing: "koskeneen käräjäoikeuden [tuomion]", "johtaneen
            # hallituksen [esityksen]" (audit rounds 16 and 18: wrong head nouns)
            if _all_genitive(tok) and any(r.lemma in _INSTITUTIONS for r in tok.readings) and k + 1 < len(tokens) \
                    and _all_genitive(tokens[k + 1]) and _is_noun(tokens[k + 1]) \
                    and not tokens[k + 1].text[:1].isupper():
                return k + 1
            # a name that opens with a place's genitive goes on to its last genitive: "toimivan
            # [Euroopan kriminaalipolitiikan instituutin]" (audit round 25: the head named "Euroopan")
            if tok.text[:1].isupper() and _all_genitive(tok) and _same_case(tok, tokens[i]):
                m = k
                while True:  # "Euroopan parlamentin ja neuvoston asetuksen": over "ja" too
                    step = 2 if m + 2 < len(tokens) and tokens[m + 1].text.lower() in ("ja", "tai") else 1
                    nxt = m + step
                    if nxt >= len(tokens) or not (_all_genitive(tokens[nxt]) and _is_noun(tokens[nxt])) \
                            or (step == 1 and tokens[nxt].text[:1].isupper()):
                        return m
                    m = nxt
            return k
        if k == i + 1 and any(r.pos == "adj" and r.participle is None for r in tok.readings) \
                and not _same_case(tok, tokens[i]):
            # a partitive that the participle does not agree with is its object: "eikä ... ole
            # liittynyt sellaisia erityispiirteitä" is a verb, not an attribute; a translative
            # or essive its predicative ("oli tullut lainvoimaiseksi", audit round 12)
            # or an adjective of the clause in another case ("olla … saatettavissa laajaan jakeluun")
            return k if tok.text.lower().endswith(_INEN_FORMS) and not all(
                r.case in ("par", "tra", "ess") for r in tok.readings) else None
        if not (_same_case(tok, tokens[i]) and any(r.pos in ("adj", "pron", "num") for r in tok.readings)):
            return None
        # an agreeing -inen word right before the clause's verb or the sentence's end is the noun
        # itself: Voikko reads the -inen nouns as adjectives ("tuesta vastaavien viranomaisten on");
        # before a genitive, a comma or "ja" it is an adjective whose noun comes later
        # ("koskevaa horisontaalista maaseudun kehittämisohjelmaa", "tekniset, taloudelliset ja …")
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if any(r.pos == "adj" and r.participle is None for r in tok.readings) \
                and (nxt is None or nxt.text in ".;:!?)" or nxt.text[:1].isupper()  # "… valvova viranomainen Elina"
                     or (is_finite_verb(nxt) and not any(r.pos in ("noun", "adj") for r in nxt.readings))) \
                and _agrees_in_number(tok, tokens[i]) and tok.text.lower().endswith(_INEN_FORMS):
            return k
    return None


# the case forms of the -inen nouns and adjectives ("viranomaisten", "asukkaille")
_INEN_FORMS = ("inen", "isen", "iset", "isten", "isia", "ista", "isessa", "isessä", "isesta", "isestä", "iseen",
               "isella", "isellä", "iselta", "iseltä", "iselle", "isena", "isenä", "iseksi", "isilla", "isillä",
               "isille", "isilta", "isiltä", "isissa", "isissä", "isista", "isistä", "isiin", "isina", "isinä",
               "isiksi", "istä", "isiä", "isten")


def _head_past_genitives(tokens: list[Token], i: int, k: int) -> int | None:
    """The first noun from ``k`` on that agrees with the attribute at ``tokens[i]``, past
    genitives and agreeing adjectives only ("esiintyneestä hulevesien ajoittaisesta tulvimisesta",
    "järjestettävä oppilaan päivittäinen koulumatka"); None when something else comes first."""
    for m in range(k, min(k + 4, len(tokens))):
        tok = tokens[m]
        if tok.kind != "word":
            return None
        if _agrees_in_number(tok, tokens[i]):
            if any(r.pos in ("noun", "propn") for r in tok.readings):
                return m
            if not any(r.pos == "adj" for r in tok.readings):
                return None
        elif not _all_genitive(tok):
            return None
    return None


def _agrees_in_number(word: Token, participle: Token) -> bool:
    """Whether some reading of ``word`` has the participle's case and number (a possessive form's
    case is ambiguous, so it agrees)."""
    forms = {(r.case, r.number) for r in participle.readings if r.case}
    return word.kind == "word" and any((r.case, r.number) in forms or r.possessive for r in word.readings)


_RELATIVE = frozenset(
    "joka jonka jota jossa josta johon jolla jolta jolle jona joksi jotka joiden joita joissa joista joihin "
    "joilla joilta joille mikä mitä missä mistä mihin".split()
)


def relative_clauses(sentence: Sentence) -> Measure | None:
    """Clauses opened by ", joka/jonka/…/mikä" in one part of a sentence; the span starts at the
    first. A semicolon parts the items of a list run into one sentence ("…, joiden maksuista
    säädetään liitteessä; 2) …; 3) …, jotka ovat maksuttomia"): each item is read on its own
    (audit round 69: a chain across three items judged wrong)."""
    tokens = sentence.tokens
    best: Measure | None = None
    starts: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.text == ";":
            best = _more_relatives(best, starts, tok.start)
            starts = []
        elif i > 0 and tokens[i - 1].text == "," and tok.text.lower() in _RELATIVE:
            starts.append(tokens[i - 1].start)
    return _more_relatives(best, starts, sentence.end)


def _more_relatives(best: Measure | None, starts: list[int], end: int) -> Measure | None:
    if starts and (best is None or len(starts) > best.value):
        return Measure(len(starts), starts[0], end)
    return best


_LIST_DASHES = frozenset({"―", "—", "–", "-"})


def longest_part(sentence: Sentence) -> Measure:
    """A sentence's words, or, when it is a list run into one line ("konkurssi: a) … 400 euroa,
    b) … 200 euroa, c) …", "pinta-ala on: ― yli 60 m2 … ― yli 120 m2 …"), the words of its
    longest part: the lead-in or one item. The guide calls a long sentence that is a list noise,
    and audit judges did so for 23 of 54 Finnish long-sentence findings they called noise; an
    item that is long by itself is still reported, with its own span. The number of a list
    item ("3) …") is no word of the sentence, nor is a court decision's paragraph number ("(28)
    Edellä olevan perusteella …": audit round 22, a 25-word sentence reported as 26)."""
    tokens = sentence.tokens
    first = 2 if len(tokens) > 2 and tokens[0].kind == "number" and tokens[1].text == ")" else 0
    if len(tokens) > 3 and tokens[0].text == "(" and tokens[1].kind == "number" and tokens[2].text == ")":
        first = 3
    # most sentences have no mark at all: then the one pass that counts is all (every sentence pays this)
    words, marked = 0, False
    for t in tokens[first:]:
        kind = t.kind
        if kind == "word" or kind == "number":
            words += 1
        elif kind == "punct" and (t.text == ")" or t.text in _LIST_DASHES):
            marked = True
    if not marked:
        return Measure(words - _date_extra_words(tokens), sentence.start, sentence.end)
    cuts = [k for k in range(first + 1, len(tokens)) if _list_marker(tokens, k)]
    if len(cuts) < 2:
        return Measure(words - _date_extra_words(tokens), sentence.start, sentence.end)
    bounds = [first, *cuts, len(tokens)]
    parts = [tokens[bounds[n]:bounds[n + 1]] for n in range(len(bounds) - 1)]
    # each part's length once; max keeps the first of equally long parts
    lengths = [count_words(part) - _date_extra_words(part) for part in parts]
    n = max(range(len(parts)), key=lengths.__getitem__)
    length, a, b = lengths[n], bounds[n], bounds[n + 1]
    span = [t for t in tokens[a:b] if t.kind in ("word", "number")] or tokens[a:b]
    return Measure(length, span[0].start, span[-1].end)


_SV_MONTHS = frozenset("januari februari mars april maj juni juli augusti september oktober november december".split())
_FI_MONTHS = frozenset(m + "kuuta" for m in "tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu".split())
_FI_DAY = frozenset({"päivänä", "päivään", "päivästä", "päivää", "päivän"})


def _date_extra_words(tokens: list[Token]) -> int:
    """Words beyond the first of each date written out ("den 1 januari 2018", "1 päivänä
    tammikuuta 2010"): a reader takes a date in as one item, as "1.1.2018", which is one word.
    Of the judged long-sentence findings this moves under the limit, audit judges had called 7
    noise and 1 useful ("från och med den 1 januari till och med den 15 september")."""
    extra = 0
    k = 0
    n = len(tokens)
    while k < n:
        tok = tokens[k]
        if tok.kind == "number" and k + 1 < n:
            m = k + 1
            if tokens[m].text.lower() in _FI_DAY and m + 1 < n:
                m += 1
            if tokens[m].text.lower() in _SV_MONTHS or tokens[m].text.lower() in _FI_MONTHS:
                end = m + 1
                if end < n and tokens[end].kind == "number" and len(tokens[end].text) == 4:
                    end += 1
                start = k - 1 if k > 0 and tokens[k - 1].text.lower() == "den" else k
                extra += count_words(tokens[start:end]) - 1
                k = end
                continue
        k += 1
    return extra


_ITEM_OPENING_WORDS = 3
_ITEM_MARKS = _LIST_DASHES | {"•", "*"}  # what opens a list item's line before its number, if any


def list_item_openings(sentence: Sentence, starts_item: bool = False) -> list[tuple[int, int]]:
    """Character spans of the first words of the list items in a sentence ("- 4) fastställande av
    verksamhetsberättelsen", "k) införande av uppgift", "1) ylläpitämiseksi …").

    An item goes on from its lead-in ("Delegationsmötet ska behandla: …"), so its first words
    must be a noun phrase: an action noun there is what the list asks for, not a verb hidden by
    the writer. Audit judges called 33 of 38 such findings noise or wrong (rounds 1-15, Finnish
    and Swedish), and the development half has none that an annotator marked. ``starts_item``:
    the sentence opens a list item whose mark the reader took off (a Word list)."""
    tokens = sentence.tokens
    starts = []
    k = 0
    while k < len(tokens) and tokens[k].text in _ITEM_MARKS and tokens[k].kind == "punct":
        k += 1
    if k + 1 < len(tokens) and tokens[k + 1].text == ")" and (
            tokens[k].kind == "number" or (tokens[k].kind == "word" and len(tokens[k].text) == 1)):
        k += 2
    if k > 0 or starts_item:
        starts.append(k)
    starts.extend(m + 2 if tokens[m].text not in _LIST_DASHES else m + 1
                  for m in range(1, len(tokens)) if _list_marker(tokens, m))
    spans = []
    for first in starts:
        words = [t for t in tokens[first:] if t.kind in ("word", "number")][:_ITEM_OPENING_WORDS]
        if words:
            spans.append((words[0].start, words[-1].end))
    return spans


def _list_marker(tokens: list[Token], k: int) -> bool:
    """An inline list item's mark: "a)" / "2)" after a colon, comma or semicolon, or a dash
    after a colon or between items ("― yli 60 m2"), not a range ("1–3 kohdassa")."""
    tok = tokens[k]
    prev = tokens[k - 1]
    if tok.text in _LIST_DASHES and tok.kind == "punct":
        return prev.kind != "number" and not (k + 1 < len(tokens) and tokens[k + 1].kind == "number"
                                               and prev.kind == "number") and prev.text not in _LIST_DASHES \
            and (prev.text in (":", ",", ";") or tok.text == "―")
    return (k + 1 < len(tokens) and tokens[k + 1].text == ")" and prev.text in (":", ",", ";")
            and ((tok.kind == "word" and len(tok.text) == 1 and tok.text.isalpha()) or tok.kind == "number"))


def evaluate(metric: str, sentence: Sentence) -> list[Measure]:
    """The metric's measures in a sentence: one for most metrics, one per attribute for
    participle_chain and per auxiliary for auxiliary_gap (the rule reports each that is over
    its limit)."""
    if metric == "words":
        return [longest_part(sentence)]
    if metric == "participle_chain":
        return participle_attributes(sentence)
    if metric == "relative_clauses":
        result = relative_clauses(sentence)
        return [] if result is None else [result]
    if metric == "auxiliary_gap":
        return auxiliary_gaps(sentence)
    if metric == "premodifier":
        return swedish_premodifiers(sentence)
    raise ValueError(metric)


def evaluate_paragraph(metric: str, sentences: list[Sentence]) -> Measure | None:
    tokens = [t for s in sentences for t in s.tokens]
    if metric == "passive_share":
        finite = [t for t in tokens if is_finite_verb(t)]
        passive = [t for t in finite if is_passive_verb(t)]
        if len(passive) < 3 or not finite:
            return None
        return Measure(len(passive) / len(finite), passive[0].start, passive[0].end,
                       f"{len(passive)}/{len(finite)}")
    if metric == "action_noun_density":
        nouns = [t for t in tokens if t.kind == "word" and t.readings and all(r.action_noun for r in t.readings)]
        if len(nouns) < 4:
            return None
        return Measure(len(nouns) / len(sentences), nouns[0].start, nouns[0].end, str(len(nouns)))
    raise ValueError(metric)
