"""Precision audit on unseen official text: random statutes and KHO decisions from the Finlex
snapshot that are not in corpus/real, linted, and a random sample of findings judged.

The annotated corpus measures recall and precision on the same few documents every round;
an audit measures precision where nobody has looked yet. Each round draws documents that no
earlier round and no corpus document used, samples findings uniformly at random (so the
shares estimate the whole, not a chosen rule), and keeps the documents, the sample and the
commit it was drawn at in corpus/real/audit/rN/. Judges write verdicts_<lang>.jsonl there
(useful / noise / wrong, as in corpus/real/GUIDE.md). A round measured before any rule was
changed for it is a fresh measurement; after fixes, ``--score`` shows which judged findings
are still reported, an optimistic figure (a changed span is a new, unjudged finding).

    python benchmarks/audit.py --new 4 --mirror /work/.mirror    # draw round 4
    python benchmarks/audit.py --new 37 --resident                # round 37 on residents' text
    python benchmarks/audit.py --score                            # every round: then and now

Laws and authorities' decisions are outside copyright (Tekijänoikeuslaki 9 §), so the
documents live in the repository with their source path and commit.

A ``--resident`` round draws instead what municipalities write to residents and that no
corpus document or earlier round used: eVaka's decision letters of other municipalities
(LGPL-2.1-or-later) and Lupapiste's e-mails and help texts (EUPL-1.2), from the same snapshots
as the corpus, and the texts of Helsinki's e-services (MIT), of Espoo's boat berth service
(LGPL-2.1-or-later), of the national language exams' public pages, of Osaamispolku (the national
service for planning one's studies and career) and of Oma Opintopolku's pages for applicants
(Opetushallitus, EUPL-1.2), of the Suomi.fi e-Identification pages (Population Register Centre,
MIT), of Urataidot (the national service for career management skills), the Library of Open
Educational Resources and Opintopolku's application form (Opetushallitus, EUPL-1.2), of the Ministry
of Justice's services for citizens' and municipal residents' initiatives (Kansalaisaloite.fi and
Kuntalaisaloite.fi, Apache-2.0) and of Espoo's care home search (MIT; ``CITY_SERVICES``, each drawn
when fetched into <mirror>/<owner>+<name>). Paragraphs that repeat corpus text, or nearly do, are
left out, as the corpus builder leaves them out between its documents.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

AUDIT = ROOT / "corpus" / "real" / "audit"
LAWS_PER_LANG = 7
DECISIONS_PER_LANG = 6
SAMPLE = 150  # findings per language and round
MIN_PARAGRAPHS = 4
RESIDENT_DOCUMENTS = 20  # per language: letters, e-mails and help texts are short
RESIDENT_MIN_PARAGRAPHS = 2
RESIDENT_HELP_PARAGRAPHS = 15  # from one i18n file, which may hold hundreds
LAW_PARAGRAPHS = 12  # whole sections from the start of the statute, up to this many paragraphs
AMENDMENT = re.compile(r"muuttamisesta|ändring|voimaantulosta|ikraftträdande|kumoamisesta|upphävande")


def _law(brc, snap, path: str):
    root = brc.parse_xml(snap.read(path))
    name = " ".join(brc.clean(t) for t in root.find(".//saa:SaadosNimeke", brc.NS).itertext() if brc.clean(t))
    if AMENDMENT.search(name):  # an amending act is a list of changed sections, not prose
        return None
    seen: set[str] = set()
    blocks: list = []
    for pykala in root.iter(f"{{{brc.SAA}}}Pykala"):
        blocks += brc.keep_prose(brc.section_blocks(pykala), brc.MIN_WORDS_DEFAULT, seen, [])
        if sum(1 for b in blocks if b.kind == "para") >= LAW_PARAGRAPHS:
            break
    return name, blocks


def _decision(brc, snap, path: str):
    root = brc.parse_xml(snap.read(path))
    sections = brc.kho_sections(brc.kho_blocks(root))
    seen: set[str] = set()
    blocks: list = []
    for name, limit in (("summary", 3), (list(sections)[-1], -6)):  # the summary and the conclusion
        blocks += brc.window(brc.keep_prose(sections[name], brc.MIN_WORDS_DEFAULT, seen, []), limit)
    return brc.text_of(root.find("dcterms:title", brc.NS)), blocks


def _markdown(title: str, blocks: list) -> str:
    lines = [f"# {title}", ""]
    for block in blocks:
        if block.kind == "heading":
            lines += ["#" * (block.level + 1) + " " + block.text, ""]
        else:
            lines += [block.text, *(f"- {item}" for item in block.items or ()), ""]
    return "\n".join(lines)


def _used_documents() -> tuple[set[str], set[str]]:
    """Statute numbers and decision paths that the corpus or an earlier round already holds."""
    import build_real_corpus as brc  # noqa: PLC0415

    numbers = {spec.number for spec in brc.LAWS}
    paths = {spec.path for spec in brc.KHO}
    for round_file in AUDIT.glob("r*/round.json"):
        for doc in json.loads(round_file.read_text(encoding="utf-8"))["documents"]:
            if doc["kind"] in ("law", "decision"):
                (numbers if doc["kind"] == "law" else paths).add(doc["key"])
    return numbers, paths


def _used_resident_sources() -> set[str]:
    """The eVaka letters and Lupapiste e-mails that the corpus or an earlier resident round holds:
    each is drawn whole, once. (Help texts and e-service sections are drawn again for the
    paragraphs no earlier round holds, see ``_corpus_paragraphs``.)"""
    import build_real_corpus as brc  # noqa: PLC0415

    used = {path for spec in brc.PROPS for path, _ in spec.parts}
    used |= {f"{brc.MAIL_TEMPLATES}/{spec.lang}-{name}.md" for spec in brc.LUPA_MAIL for name in spec.names}
    for round_file in AUDIT.glob("r*/round.json"):
        used |= {doc["key"] for doc in json.loads(round_file.read_text(encoding="utf-8"))["documents"]
                 if doc["kind"] in ("letter", "e-mail")}
    return used


def _corpus_paragraphs(lang: str) -> set[str]:
    """The paragraphs of the corpus documents and of earlier rounds' documents in ``lang``: a
    drawn paragraph that repeats one (the cities' templates copy each other) is text that was
    judged, or tuned on, already."""
    seen: set[str] = set()
    for path in [*(ROOT / "corpus" / "real" / "docs" / lang).glob("*.md"), *AUDIT.glob(f"r*/docs/{lang}/*.md")]:
        seen |= {chunk.strip() for chunk in path.read_text(encoding="utf-8").split("\n\n") if chunk.strip()}
    return seen


# cities' e-services whose fi and sv texts no corpus document holds, all MIT-licensed by the City of
# Helsinki, each at a fixed commit: (name in document ids, repository, commit, translation files
# with {lang}, one document per top-level section of a file rather than per file). Haitaton: permits
# and notices for work in streets and parks; Kukkuu: culture for children; berth reservations;
# Helsinki profile; Kultus: culture and leisure for schools; parking permits; Varaamo: reservations
# of the city's premises; from round 46: Helsinki-lisä, the employment subsidy that employers apply
# for, and Kesäseteli, the summer job voucher (employers' and young people's forms); parking fines
# (appeals and due dates); Kerrokantasi, the city's consultations; Linked Events and registrations,
# for those who publish events; from round 50, the youth membership and the city's events, hobbies
# and sports sites; from round 52, Varaamo, park clean-up talkoot, the outdoor sports map and
# Espoo's boat berth reservations (Vekkuli); from round 59, the national language exams' pages; from
# round 60, Osaamispolku (the national service where one plans one's studies and career), Oma
# Opintopolku's pages where applicants change their applications and accept a study place, and the
# Suomi.fi e-Identification pages (choosing a means of identification, error pages, privacy); from
# round 64, Urataidot (exercises in career management skills), the Library of Open Educational
# Resources (aoe.fi), Opintopolku's application form (ataru), Kansalaisaloite.fi and
# Kuntalaisaloite.fi (the Ministry of Justice's services for initiatives) and Espoo's care home search;
# from round 75, the help texts of Helsinki's grant application forms (Avustukset, a Drupal site whose
# webforms are kept as configuration).
# A pattern with {bundle} names a Java resource bundle whose default file is Finnish (messages.properties,
# messages_sv.properties); {langdir} a Drupal configuration folder, whose default language is Finnish and
# whose Swedish overrides lie under language/sv/; a pattern with neither {lang} nor {bundle} names one
# file that holds both languages, each text keyed by its language (``_keyed_texts``).
CITY_SERVICES = (
    ("haitaton", "City-of-Helsinki/haitaton-ui", "d3fdd71f5f4165d07f9e0368264df0860e7dbcc7",
     ("src/locales/{lang}.json",), True),
    ("kukkuu", "City-of-Helsinki/kukkuu-ui", "e4c487fde8b81f62819f10e3306129031cd2ade1",
     ("src/common/translation/i18n/{lang}.json",), False),
    ("berth-reservations", "City-of-Helsinki/berth-reservations-ui", "c50d36aab801e532d76c1df5d8e0c015aa92e1ad",
     ("src/locales/{lang}.json",), False),
    ("open-city-profile", "City-of-Helsinki/open-city-profile-ui", "57ed5033b993f185be04e9d097c3057415082ddf",
     ("src/i18n/{lang}.json",), False),
    ("palvelutarjotin", "City-of-Helsinki/palvelutarjotin-ui", "37188aa35533495bf15d02ad39134efcafe9bdc5",
     ("public/locales/{lang}/*.json",), False),
    ("parking-permits", "City-of-Helsinki/parking-permits-ui", "7288fb252a9fd9188a8bcb956c7b483dcf291d6c",
     ("src/i18n/{lang}.json",), False),
    ("tilavarauspalvelu", "City-of-Helsinki/tilavarauspalvelu-ui", "45b66d0ab90f586d750bd56beec01342ff30674b",
     ("apps/ui/public/locales/{lang}/*.json",), False),
    ("helsinki-lisa", "City-of-Helsinki/yjdh", "41d7e68eadb879a8e6ad64346c88a7fdc8acbbec",
     ("frontend/benefit/applicant/public/locales/{lang}/common.json",), True),
    ("kesaseteli-employer", "City-of-Helsinki/yjdh", "41d7e68eadb879a8e6ad64346c88a7fdc8acbbec",
     ("frontend/kesaseteli/employer/public/locales/{lang}/common.json",), False),
    ("kesaseteli-youth", "City-of-Helsinki/yjdh", "41d7e68eadb879a8e6ad64346c88a7fdc8acbbec",
     ("frontend/kesaseteli/youth/public/locales/{lang}/common.json",), False),
    ("parking-fines", "City-of-Helsinki/pysakoinnin-sahk-asiointi-ui", "6a113611282f81910eee9ace0d9ac6fef7ca2f24",
     ("src/i18n/{lang}.json",), False),
    ("kerrokantasi", "City-of-Helsinki/kerrokantasi-ui", "c62a3216e290b23e8c7bf6e252d228b45c6c0ac9",
     ("src/i18n/{lang}.json",), False),
    ("linkedevents", "City-of-Helsinki/linkedcomponents-ui", "65519163fa18ae18140d459a329c3e2b755509a9",
     ("src/domain/app/i18n/{lang}.json",), True),
    ("youth-membership", "City-of-Helsinki/youth-membership-ui", "75673cb7f086a358befb2e88e5fee6aa127da0ed",
     ("src/i18n/{lang}.json",), False),
    ("events-helsinki", "City-of-Helsinki/events-helsinki-monorepo", "f7747105a97fd41c29012c69e72616d2754443f7",
     ("packages/common-i18n/src/locales/{lang}/*.json",), False),
    ("varaamo", "City-of-Helsinki/varaamo", "56084ba3d39dae16206e3e982519121aa8c2cc03",
     ("app/i18n/messages/{lang}.json",), False),
    ("talkoot", "City-of-Helsinki/linked-volunteering-ui", "df79b45c3035a8318779972e307731cf3f91acf5",
     ("src/translations/{lang}.json",), False),
    ("outdoor-sports-map", "City-of-Helsinki/outdoors-sports-map", "3c24e2ee92ecfcb34d4281cc3963989c743b2a8f",
     ("src/domain/i18n/locales/{lang}.json",), False),
    # Espoo's boat berth reservations (Java .properties, as eVaka's letters)
    ("vekkuli", "espoon-voltti/vekkuli", "f65aeb9a63df3142806df2a280e4fc5d56b7585d",
     ("service/src/main/resources/locales/messages_{lang}.properties",), False),
    # the Finnish National Agency for Education's public pages for the state language exams and the
    # registers of authorised translators and legal interpreters (not its clerks' pages)
    ("oph-exams", "Opetushallitus/kieli-ja-kaantajatutkinnot", "367df5c7a6b3cad0981a5ec49fc3e90463f2893e",
     tuple(f"frontend/packages/*/public/i18n/{{lang}}-*/{name}.json"
           for name in ("public", "translation", "common", "privacy", "accessibility")), False),
    # the same agency's service for individuals (Osaamispolku: one's competences, studies and career
    # options; its shared texts: feedback, cookies, session) and its applicants' own pages
    ("osaamispolku", "Opetushallitus/jod-yksilo-ui", "d9bfaebade5c074bce15a4bee5cc7c60964022ef",
     ("src/i18n/yksilo/{lang}.json",), False),
    ("osaamispolku-common", "Opetushallitus/jod-yksilo-ui", "d9bfaebade5c074bce15a4bee5cc7c60964022ef",
     ("src/i18n/common/{lang}.json",), False),
    ("oma-opintopolku", "Opetushallitus/omatsivut", "bba14b37f208a0e82a69c49b8c612eaf67089311",
     ("src/main/resources/translations/{lang}.json",), False),
    # the national e-Identification's own pages (now the Digital and Population Data Services Agency's)
    ("suomifi-tunnistus", "vrk-kpa/e-identification-static-ui-public", "923a49da8d381e00f88e491410cb0ba2ca8b333d",
     ("default_translations/suomifi-tunnistaminen-resource-*-{lang}.json",), False),
    # the national service for career management skills, of the same four bodies as Osaamispolku
    ("urataidot", "Opetushallitus/jod-urataidot-ui", "decaf1edfc90006b02a23bb0f74cc560be49d3f4",
     ("src/i18n/urataidot/{lang}.json",), True),
    # the Library of Open Educational Resources (aoe.fi), where anyone finds and shares learning materials
    ("aoe", "Opetushallitus/aoe", "ccc7dd236bcb5b9018b30fc8b0916ea16c8a8198",
     ("aoe-web-frontend/public/i18n/{lang}.json",), True),
    # Opintopolku's application form (ataru): its texts for applicants, one Clojure map per definition
    ("ataru", "Opetushallitus/ataru", "efdb068c7d1ef4cbc17857c344e2ba0d6fd3eae9",
     ("src/cljc/ataru/translations/texts.cljc", "src/cljc/ataru/translations/education_module_higher_texts.cljc"),
     True),
    # the Ministry of Justice's services for citizens' initiatives and for municipal residents' initiatives
    ("kansalaisaloite", "solita/kansalaisaloite", "205b6ba4f93660edeb54daa00c1338119d20ad6f",
     ("src/main/webapp/WEB-INF/messages{bundle}.properties",), False),
    ("kuntalaisaloite", "solita/kuntalaisaloite", "e75833f4da4c42bd3086b755def3d88e58d57d05",
     ("municipalityinitiative-web/src/main/webapp/WEB-INF/messages{bundle}.properties",), False),
    # Espoo's and Western Uusimaa's search for care homes for older people (one TypeScript object)
    ("hoivakoti", "espoon-voltti/hoivakoti-app", "a7ecc74f213c31f3bed4ac4f08b153eaf6453d9e",
     ("frontend/src/translations.ts",), False),
    # Helsinki's grant applications for associations and residents: each form's help texts
    ("avustukset", "City-of-Helsinki/hel-fi-drupal-grants", "21f9648b134882f44d20b11a1da3725faa01e2c4",
     ("conf/cmi/{langdir}webform.webform.*.yml",), False),
)
# the services whose files of one name lie in several packages, named apart by their package
_PACKAGED_SERVICES = frozenset(name for name, _, _, files, _ in CITY_SERVICES if any("packages/*/" in f for f in files))
# the services not under Helsinki's MIT licence
SERVICE_LICENCES = {"espoon-voltti/vekkuli": "LGPL-2.1-or-later (City of Espoo, vekkuli)",
                    "Opetushallitus/kieli-ja-kaantajatutkinnot": "EUPL-1.2 (Opetushallitus, oph-exams)",
                    "Opetushallitus/jod-yksilo-ui": "EUPL-1.2 (Opetushallitus, OKM, TEM and KEHA, osaamispolku)",
                    "Opetushallitus/omatsivut": "EUPL-1.2 (Opetushallitus, oma-opintopolku)",
                    "vrk-kpa/e-identification-static-ui-public": "MIT (Population Register Centre, suomifi-tunnistus)",
                    "Opetushallitus/jod-urataidot-ui": "EUPL-1.2 (OKM, TEM, Opetushallitus and KEHA, urataidot)",
                    "Opetushallitus/aoe": "EUPL-1.2 (Opetushallitus, aoe)",
                    "Opetushallitus/ataru": "EUPL-1.2 (Opetushallitus, ataru)",
                    "solita/kansalaisaloite": "Apache-2.0 (Ministry of Justice and Solita, kansalaisaloite)",
                    "solita/kuntalaisaloite": "Apache-2.0 (Ministry of Justice and Solita, kuntalaisaloite)",
                    "espoon-voltti/hoivakoti-app": "MIT (City of Espoo, hoivakoti)"}


def _file_pattern(pattern: str, lang: str) -> str:
    """A service's file pattern in ``lang``: {lang} is the language's code, {bundle} the suffix of
    its Java resource bundle ("" for Finnish, the default; "_sv")."""
    return pattern.format(lang=lang, bundle="" if lang == "fi" else f"_{lang}",
                          langdir="" if lang == "fi" else f"language/{lang}/")


# a text of a file that holds both languages, keyed by its language: a Clojure map ({:fi "…" :sv
# "…"}, Opintopolku's application form) or a TypeScript object ({"fi-FI": "…", "sv-FI": "…"}, Espoo's
# care homes); a text that code builds ((str "Valitse numero " …)) is not a literal and is left out
_KEYED_TEXT = {lang: re.compile(rf'(?::{lang}\s+|"{lang}(?:-FI)?"\s*:\s*)"((?:[^"\\]|\\.)*)"') for lang in ("fi", "sv")}
_TOP_DEFINITION = re.compile(r"^\(defn? ([^\s\[]+)", re.MULTILINE)
# the definitions of Opintopolku's application form that only its clerks and form editors see
_STAFF_SECTIONS = frozenset({"virkailija-texts", "excel-texts", "state-translations", "koski-tutkinnot-texts"})
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")
# react-i18next's numbered components (Espoo's care homes): one right after another they are
# paragraphs ("…tiloja.</0><1>Osassa…"), inside a sentence a link or emphasis ("<0>tehostetun
# palveluasumisen</0> hoivakodit")
_NEXT_COMPONENT = re.compile(r"</\d+>\s*<\d+>")
_COMPONENT = re.compile(r"</?\d+>")


def _keyed_texts(text: str, lang: str) -> dict[str, list[str]]:
    """The texts in ``lang`` of a file that holds both languages, per top-level definition of a
    Clojure file ("translation-mapping") or all under "", in file order; Markdown links and bold
    and numbered components become their text."""
    def plain(literal: str) -> str:
        markup = _NEXT_COMPONENT.sub("<br>", _MARKDOWN_LINK.sub(r"\1", _unquoted(literal)))
        return _COMPONENT.sub("", markup).replace("**", "")

    starts = [(m.start(), m.group(1)) for m in _TOP_DEFINITION.finditer(text)] or [(0, "")]
    sections: dict[str, list[str]] = {}
    for (start, name), (end, _) in zip(starts, [*starts[1:], (len(text), "")]):
        if name not in _STAFF_SECTIONS:
            sections[name] = [plain(literal) for literal in _KEYED_TEXT[lang].findall(text, start, end)]
    return {name: texts for name, texts in sections.items() if texts}


# what a Drupal webform element says to the one filling it in (its label, "#title", is a field name)
_WEBFORM_TEXT_KEYS = frozenset({"#help", "#description", "#markup", "#more"})


def _webform_texts(text: str) -> list[str]:
    """The help texts of a Drupal webform's configuration, in form order: its elements are YAML
    inside a YAML string; a form whose elements do not parse gives none."""
    import yaml  # noqa: PLC0415

    def walk(value: object) -> list[str]:
        if isinstance(value, dict):
            return [t for key, v in value.items()
                    for t in ([v] if key in _WEBFORM_TEXT_KEYS and isinstance(v, str) else walk(v))]
        return [t for v in value for t in walk(v)] if isinstance(value, list) else []

    try:
        config = yaml.safe_load(text)
        elements = config.get("elements") if isinstance(config, dict) else None
        return walk(yaml.safe_load(elements) if isinstance(elements, str) else elements)
    except yaml.YAMLError:
        return []


def _unquoted(literal: str) -> str:
    """A double-quoted Clojure or TypeScript string's text (their escapes are JSON's)."""
    try:
        return json.loads(f'"{literal}"', strict=False)
    except ValueError:
        return literal.replace('\\"', '"')


def _ui_blocks(texts: list[str], seen: set[str], log: list[str]) -> list:
    """The prose paragraphs of UI strings (HTML allowed) that no corpus document or earlier round
    holds, up to RESIDENT_HELP_PARAGRAPHS: a help file or an e-service's file holds hundreds."""
    import build_real_corpus as brc  # noqa: PLC0415

    blocks = [b for text in texts for b in brc.flatten(brc.html_fragment(brc.line_breaks(_cells_apart(text))))]
    return brc.keep_prose(blocks, brc.MIN_WORDS_UI, seen, log)[:RESIDENT_HELP_PARAGRAPHS]


_NEXT_CELL = re.compile(r"</(t[dh])>\s*(<t[dh][\s>])")


def _cells_apart(markup: str) -> str:
    """A table's cells as rows of their own, so that each is a paragraph: the corpus builder runs
    a row's cells together ("…för projektetTill den tillagda personenDet här meddelandet…", audit
    round 54: read as one 33-word sentence, judged wrong)."""
    return _NEXT_CELL.sub(r"</\1></tr><tr>\2", markup) if "<t" in markup else markup


# a value filled in by the page ("reservplatser enligt antagningssätt: __varasijamaara__", Oma
# Opintopolku), written as the i18next placeholder that the corpus builder leaves out
_NAMED_PLACEHOLDER = re.compile(r"__([A-Za-z][A-Za-z0-9]*)__")


def _json_texts(value: object) -> list[str]:
    """The strings of a translation file's section, in file order."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _json_texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _json_texts(v)]
    return [_NAMED_PLACEHOLDER.sub(r"{{\1}}", value)] if isinstance(value, str) else []


def _resident_documents(mirror: Path, rng: random.Random) -> tuple[list[dict], dict]:
    """Unused eVaka decision templates and Lupapiste e-mail templates, and the new paragraphs of
    Lupapiste's help texts and of the e-services' translation files, per language."""
    import build_real_corpus as brc  # noqa: PLC0415

    evaka, lupa = brc.Snapshot(mirror, brc.EVAKA), brc.Snapshot(mirror, brc.LUPAPISTE)
    # the services fetched into the mirror; a round draws from those there are
    services = [(name, brc.Snapshot(mirror, repo, commit), files, by_section)
                for name, repo, commit, files, by_section in CITY_SERVICES if (mirror / repo.replace("/", "+")).exists()]
    used = _used_resident_sources()
    corpus_used = {f"{spec.lang}:{spec.path}" for spec in brc.LUPA}
    documents: list[dict] = []
    translations: dict[tuple[str, str, str], object] = {}  # each e-service file, read and parsed once
    keyed_files: set[tuple[str, str]] = set()  # the files that hold both languages
    for lang in ("fi", "sv"):
        seen = _corpus_paragraphs(lang)
        candidates = []
        for path in evaka._git("ls-tree", "-r", "--name-only", evaka.commit, "service/src/main/resources").decode().split():
            if path.endswith(".properties") and "/templates/" in path and path not in used \
                    and path.endswith("_sv.properties") == (lang == "sv"):
                candidates.append(("letter", evaka, path, ""))
        for path in lupa._git("ls-tree", "-r", "--name-only", lupa.commit, brc.MAIL_TEMPLATES).decode().split():
            if Path(path).name.startswith(f"{lang}-") and path.endswith(".md") and path not in used:
                candidates.append(("e-mail", lupa, path, ""))
        # an i18n file holds hundreds of texts: a later round takes the next ones that no corpus
        # document or earlier round holds (``seen``), so a file drawn before is drawn again
        for path in lupa._git("ls-tree", "-r", "--name-only", lupa.commit, brc.I18N_LUPA).decode().split():
            if path.endswith(".txt") and f"{lang}:{path}" not in corpus_used:
                candidates.append(("help", lupa, path, ""))
        for service, snap, files, by_section in services:  # a large file, per top-level section ("hakemus")
            listing = snap._git("ls-tree", "-r", "--name-only", snap.commit).decode().split()
            for pattern in files:
                keyed = _file_pattern(pattern, "fi") == _file_pattern(pattern, "sv")  # one file, both languages
                for file in (f for f in listing if fnmatch(f, _file_pattern(pattern, lang))):
                    text = snap.text(file)
                    translations[(snap.repo, file, lang)] = data = _keyed_texts(text, lang) if keyed \
                        else brc.parse_properties(text) if file.endswith(".properties") \
                        else _webform_texts(text) if file.endswith(".yml") else json.loads(text)
                    if keyed:
                        keyed_files.add((snap.repo, file))
                    candidates += [("service", snap, f"{file}#{name}", service)
                                   for name in (data if by_section else [""])]
        rng.shuffle(candidates)
        taken = 0
        for kind, snap, path, service in candidates:
            log: list[str] = []
            if kind == "service":
                file, section = path.split("#")
                data = translations[(snap.repo, file, lang)]
                blocks = _ui_blocks(_json_texts(data[section] if section else data), seen, log)
                licence = SERVICE_LICENCES.get(snap.repo, f"MIT (City of Helsinki, {service})")
                # files of one name in a service's several packages ("packages/vkt/…/privacy.json")
                package = re.search(r"packages/([^/]+)/", file) if service in _PACKAGED_SERVICES else None
                # a Drupal webform's file is named "webform.webform.<form>.yml"
                stem = Path(file).stem.removeprefix("webform.webform.")
                doc_id = f"{lang}-{service}-{package.group(1) + '-' if package else ''}{section or stem}"
            elif kind == "letter":
                values = brc.parse_properties(snap.text(path))
                blocks = [b for key, value in values.items() for b in brc.value_blocks(key, value)]
                blocks = brc.keep_prose(blocks, brc.MIN_WORDS_DEFAULT, seen, log)
                licence = f"LGPL-2.1-or-later (eVaka, {path.split('/')[4]})"
                # "oulu/templates/fee-decision/decision.properties": municipality, kind and file
                doc_id = f"{lang}-evaka-" + "-".join([path.split("/")[4], *path.split("/templates/")[1][:-11].split("/")])
            elif kind == "e-mail":
                blocks = brc.keep_prose(brc.mail_blocks(snap.text(path)), brc.MIN_WORDS_UI, seen, log)
                licence = brc.LICENCES[brc.LUPAPISTE]
                doc_id = f"{lang}-lupapiste-{Path(path).stem}"
            else:  # the help texts and notices of one i18n file, in file order
                blocks = _ui_blocks([value for _, value in brc.parse_lupapiste(snap.text(path), lang)], seen, log)
                licence = brc.LICENCES[brc.LUPAPISTE]
                doc_id = f"{lang}-lupapiste-i18n-{Path(path).stem}"
            if sum(1 for b in blocks if b.kind == "para") < RESIDENT_MIN_PARAGRAPHS:
                continue
            # an e-service file's path names its language, unless the file holds both
            key = f"{lang}:{path}" if kind == "help" or (snap.repo, path.split("#")[0]) in keyed_files else path
            documents.append({"id": doc_id.replace("_", "-"), "lang": lang, "kind": kind, "key": key, "path": path,
                              "repo": snap.repo, "licence": licence, "title": Path(path).name,
                              "text": _markdown(Path(path).name, blocks)})
            taken += 1
            if taken == RESIDENT_DOCUMENTS:
                break
    source = {brc.EVAKA: evaka.commit, brc.LUPAPISTE: lupa.commit, **{snap.repo: snap.commit for _, snap, _, _ in services}}
    return documents, source


def _finlex_documents(mirror: Path, rng: random.Random) -> tuple[list[dict], dict]:
    """Unused statutes and KHO decisions, per language."""
    import build_real_corpus as brc  # noqa: PLC0415

    snap = brc.Snapshot(mirror, brc.FINLEX)
    used_numbers, used_paths = _used_documents()

    def listing(prefix: str) -> list[str]:
        return snap._git("ls-tree", "-r", "--name-only", snap.commit, prefix).decode().split()

    documents = []
    for lang in ("fi", "sv"):
        for kind, prefix, wanted, read in (("law", "data/asd", LAWS_PER_LANG, _law),
                                           ("decision", "data/kho", DECISIONS_PER_LANG, _decision)):
            paths = [p for year in range(2005, 2025) for p in listing(f"{prefix}/{lang}/{year}/")]
            rng.shuffle(paths)
            taken = 0
            for path in paths:
                key = f"{int(path[-8:-4])}/{path[-12:-8]}" if kind == "law" else path
                if key in (used_numbers if kind == "law" else used_paths):
                    continue
                try:
                    found = read(brc, snap, path)
                except Exception:  # noqa: BLE001 - an odd file in the snapshot is skipped, not fatal
                    continue
                if found is None or sum(1 for b in found[1] if b.kind == "para") < MIN_PARAGRAPHS:
                    continue
                doc_id = f"{lang}-law-{path[-12:-4]}" if kind == "law" else f"{lang}-kho-{Path(path).stem}"
                documents.append({"id": doc_id, "lang": lang, "kind": kind, "key": key, "path": path,
                                  "title": found[0], "text": _markdown(*found)})
                taken += 1
                if taken == wanted:
                    break
    return documents, {"repo": brc.FINLEX, "commit": snap.commit}


def draw(number: int, mirror: Path, resident: bool = False) -> None:
    """Draw round ``number``: documents, then a uniform sample of the findings of this commit."""
    from provenance import git_revision  # noqa: PLC0415

    out = AUDIT / f"r{number}"
    if out.exists():
        raise SystemExit(f"error: {out} exists; a round is drawn once")
    rng = random.Random(number)
    documents, source = (_resident_documents if resident else _finlex_documents)(mirror, rng)
    if not documents:
        raise SystemExit("error: no unused document with enough new prose is left in the snapshots "
                         "for this kind of round")
    for doc in documents:
        target = out / "docs" / doc["lang"] / f"{doc.pop('id')}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(doc.pop("text"), encoding="utf-8")
        doc["file"] = str(target.relative_to(out))
    licence = ("per document (eVaka, Vekkuli: LGPL-2.1-or-later; Lupapiste, Opetushallitus: EUPL-1.2; City of "
               "Helsinki, Suomi.fi e-Identification, Espoo's care homes: MIT; Kansalaisaloite.fi, "
               "Kuntalaisaloite.fi: Apache-2.0)" if resident
               else "public domain: Tekijänoikeuslaki 9 § (laws and authorities' decisions)")
    meta = {"round": number, "commit": git_revision(), "source": source, "licence": licence,
            "resident": resident, "documents": documents}
    (out / "round.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for lang in ("fi", "sv"):
        findings = [f for f in _findings(out, lang)]
        rng.shuffle(findings)
        with open(out / f"sample_{lang}.jsonl", "w", encoding="utf-8") as handle:
            for k, finding in enumerate(findings[:SAMPLE]):
                handle.write(json.dumps({"id": f"{lang}{number}-{k}", **finding}, ensure_ascii=False) + "\n")
        print(f"round {number}, {lang}: {sum(1 for d in documents if d['lang'] == lang)} documents, "
              f"{len(findings)} findings, {min(SAMPLE, len(findings))} sampled for judging")


def _findings(round_dir: Path, lang: str) -> list[dict]:
    import quality  # noqa: PLC0415
    from selkeys.config import Config  # noqa: PLC0415
    from selkeys.lint import Linter  # noqa: PLC0415

    linter, config = Linter(sentence_scores=False), Config(message_lang="en")
    found = []
    for path in sorted((round_dir / "docs" / lang).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        findings, _ = quality.lint_findings(linter, config, path)
        for f in findings:
            start = text.rfind("\n", 0, f["start"]) + 1
            end = text.find("\n", f["end"])
            found.append({"doc": path.stem, "code": f["code"], "matched": f["matched"], "message": f["message"],
                          "suggestion": f["suggestion"], "start": f["start"], "end": f["end"],
                          "paragraph": text[start:end if end >= 0 else len(text)]})
    return found


def _shares(counts: Counter) -> str:
    total = sum(counts.values())
    return " / ".join(f"{counts[v] / total:.0%}" for v in ("useful", "noise", "wrong")) if total else "–"


def score() -> None:
    """Per round and language: the verdicts on the sample as drawn, and on those still reported."""
    print("| round | language | judged | useful / noise / wrong, as drawn | still reported | "
          "useful / noise / wrong, still reported |")
    print("|---|---|---|---|---|---|")
    for round_dir in sorted(AUDIT.glob("r*"), key=lambda p: int(p.name[1:])):
        for lang in ("fi", "sv"):
            verdict_file = round_dir / f"verdicts_{lang}.jsonl"
            if not verdict_file.exists():
                continue
            sample = {json.loads(line)["id"]: json.loads(line)
                      for line in (round_dir / f"sample_{lang}.jsonl").read_text(encoding="utf-8").splitlines()}
            verdicts = [json.loads(line) for line in verdict_file.read_text(encoding="utf-8").splitlines()]
            now = Counter((f["doc"], f["code"], f["start"], f["end"]) for f in _findings(round_dir, lang))
            drawn, kept = Counter(), Counter()
            for v in verdicts:
                finding = sample[v["id"]]
                drawn[v["verdict"]] += 1
                if now[(finding["doc"], finding["code"], finding["start"], finding["end"])]:
                    kept[v["verdict"]] += 1
            print(f"| {round_dir.name} | {lang} | {sum(drawn.values())} | {_shares(drawn)} | "
                  f"{sum(kept.values())} | {_shares(kept)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--new", type=int, metavar="N", help="draw round N")
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"), help="folder of fetched snapshots")
    parser.add_argument("--resident", action="store_true",
                        help="draw the round from municipal letters and e-mails to residents, not from Finlex")
    parser.add_argument("--score", action="store_true", help="report every judged round")
    args = parser.parse_args(argv)
    if args.new is not None:
        draw(args.new, args.mirror, args.resident)
    if args.score or args.new is None:
        score()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
