"""Build corpus/real: real Finnish and Swedish official text for measuring selkeys' findings.

Every text comes from a public snapshot that nobody in the project wrote: statutes and
Supreme Administrative Court (KHO) decisions from Finlex, decision letters and resident
instructions of the City of Espoo's eVaka service, and the help texts of the Lupapiste
building-permit service. The documents taken are named in the tables below (source path
and which part); this script reads them from bare git snapshots with `git show`, cleans
them, keeps prose paragraphs only, and writes Markdown files, a JSONL index and a README.

The text is never corrected or rewritten. The only changes are: HTML/JSX markup removed,
entities decoded, whitespace inside a paragraph collapsed to single spaces, soft hyphens
removed. Paragraphs are dropped (never edited) when they are headings only, too short,
reference lists, signatures or carry template placeholders.

Usage:
    python scripts/build_real_corpus.py --mirror /work/.mirror --out corpus/real

The sources are bare git clones of github.com/eliask/finlex-data, espoon-voltti/evaka and
lupapiste/lupapiste; each lives in <mirror>/<owner>+<name>/repo and is read at the commit the
documents name (the corpus README gives them).
Python 3.11, standard library and lxml only.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import html
import json
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

# --------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------

SPLIT_SEED = 20250917
"""Seed of the dev/test split; documents are ordered by sha256(f"{SPLIT_SEED}:{id}")."""

FINLEX = "eliask/finlex-data"
EVAKA = "espoon-voltti/evaka"
LUPAPISTE = "lupapiste/lupapiste"
REPOS = (FINLEX, EVAKA, LUPAPISTE)
# The commits the corpus was built from: a later clone still rebuilds the same text.
COMMITS = {
    FINLEX: "151c941fa96980ea311972be445904660b39ff41",
    EVAKA: "135045f5875284065ae71ed1c45a937e97712e3e",
    LUPAPISTE: "960acd5fb2e06e2d3e582e47d68715a8792a90b3",
}

LICENCES = {
    "law": "public domain: Tekijänoikeuslaki 9 § (laws)",
    "court-decision": "public domain: Tekijänoikeuslaki 9 § (court decisions); dataset CC BY 4.0",
    EVAKA: "LGPL-2.1-or-later (City of Espoo)",
    "evaka-turku": "LGPL-2.1-or-later (City of Turku)",
    "evaka-oulu": "LGPL-2.1-or-later (City of Oulu)",
    "evaka-tampere": "LGPL-2.1-or-later (City of Tampere)",
    LUPAPISTE: "EUPL-1.2",
}

MIN_WORDS_DEFAULT = 12
"""Paragraphs shorter than this are labels, headings or fragments, not prose."""
MIN_WORDS_UI = 15
"""UI string sources (eVaka, Lupapiste) hold many short labels; only longer strings are prose."""
MAX_PARAGRAPHS = 25
MIN_PARAGRAPHS = 3

BATCHES = (1, 2, 3, 4, 5, 6, 7)
"""Batch 1: the documents split into dev and test (the test half is frozen). Batches 2 to 7: more
development text, added later; every document of those batches is dev (BATCH_SPLITS)."""
BATCH_SPLITS = {batch: "dev" for batch in BATCHES[1:]}

ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
SOFT_HYPHEN = "\u00ad"
PLACEHOLDER_MARK = "\x00"
PLACEHOLDER = re.compile(r"\{\d+\}|\$\{|\{\{|\}\}|%[sd]\b|" + PLACEHOLDER_MARK)
BOILERPLATE = re.compile(
    r"^(Asian ovat ratkaisseet|Asian on ratkaissut|Asian esittelijä|Ärendet har avgjorts|Föredragande"
    r"|Toimivalta|Behörighet|Sovelletut oikeusohjeet|Tillämpade bestämmelser|I ärendets avgörande har deltagit)\b",
    re.IGNORECASE,
)
"""Signatures, names of judges and delegation or statute references: not prose."""
SENTENCE_END = re.compile(r"[.!?:;…)\"”»]$")
LIST_LINE = re.compile(r"^(\d+[a-z]?\)|[a-z]\)|[-•])\s")
"""A list line: "1) ...", "a) ...", "- ..."; its marker is not a word."""

FI_MONTHS = ("tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta",
             "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta")
SV_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
             "september", "oktober", "november", "december")


# --------------------------------------------------------------------------------------
# Document tables: what is taken from where
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LawSpec:
    """Sections of an original statute (data/asd/<lang>/YYYY/asdYYYYNNNN.xml)."""

    id: str
    lang: str
    number: str  # "540/2018"
    part: tuple[str, ...]  # chapter ids ("1 luku", "2 kap.") or section ids ("125 §")
    batch: int = 1  # 2, 3, 4: later batches, always dev (see assign_splits)


@dataclass(frozen=True)
class KhoSpec:
    """A KHO yearbook decision: summary, then named sections, each capped."""

    id: str
    lang: str
    path: str
    sections: tuple[tuple[str, int], ...]  # (heading prefix or "summary", first N or last -N paragraphs)
    batch: int = 1  # 2, 3, 4: later batches, always dev (see assign_splits)


@dataclass(frozen=True)
class PropsSpec:
    """Keys of eVaka's Java .properties decision templates, in the order given."""

    id: str
    lang: str
    genre: str
    title: str
    parts: tuple[tuple[str, tuple[str, ...]], ...]  # (path, keys)
    batch: int = 1  # 2, 3, 4: later batches, always dev (see assign_splits)
    licence: str = ""  # a key of LICENCES when the templates are not Espoo's (batch 4: Turku)


@dataclass(frozen=True)
class TsxSpec:
    """Prose of one top-level section of eVaka's citizen i18n file (fi.tsx / sv.tsx)."""

    id: str
    lang: str
    title: str
    path: str
    prefixes: tuple[str, ...]  # dotted key paths; a string is taken if it starts with one
    limit: int = MAX_PARAGRAPHS
    batch: int = 1


@dataclass(frozen=True)
class LupapisteSpec:
    """Help texts of one Lupapiste i18n file, selected by key patterns, in file order."""

    id: str
    lang: str
    title: str
    path: str
    patterns: tuple[str, ...]  # regular expressions matched against the whole key
    limit: int = MAX_PARAGRAPHS
    batch: int = 1


@dataclass(frozen=True)
class LupapisteMailSpec:
    """E-mail templates of Lupapiste (resources/email-templates/<lang>-<name>.md), in the order given."""

    id: str
    lang: str
    title: str
    names: tuple[str, ...]  # template names without the language prefix and ".md"
    limit: int = MAX_PARAGRAPHS
    batch: int = 1


ASD = "data/asd"

LAWS: tuple[LawSpec, ...] = (
    LawSpec("fi-law-varhaiskasvatuslaki-540-2018-ch3-4", "fi", "540/2018", ("3 luku", "4 luku")),
    LawSpec("fi-law-sosiaalihuoltolaki-1301-2014-ch2", "fi", "1301/2014", ("2 luku",)),
    LawSpec("fi-law-jatelaki-646-2011-ch8", "fi", "646/2011", ("8 luku",)),
    LawSpec("fi-law-rakentamislaki-751-2023-ch12", "fi", "751/2023", ("12 luku",)),
    LawSpec("sv-law-smabarnspedagogik-540-2018-ch3-4", "sv", "540/2018", ("3 kap.", "4 kap.")),
    LawSpec("sv-law-socialvardslag-1301-2014-ch2", "sv", "1301/2014", ("2 kap.",)),
    LawSpec("sv-law-avfallslag-646-2011-ch8", "sv", "646/2011", ("8 kap.",)),
    LawSpec("sv-law-bygglag-751-2023-ch12", "sv", "751/2023", ("12 kap.",)),
    # Batch 2 (dev only)
    LawSpec("fi-law-kuntalaki-410-2015-s22-29", "fi", "410/2015", ("22 §", "23 §", "26 §", "29 §"), batch=2),
    LawSpec("fi-law-hallintolaki-434-2003-ch7", "fi", "434/2003", ("7 luku",), batch=2),
    LawSpec("sv-law-kommunallag-410-2015-s22-29", "sv", "410/2015", ("22 §", "23 §", "26 §", "29 §"), batch=2),
    LawSpec("sv-law-forvaltningslag-434-2003-ch7", "sv", "434/2003", ("7 kap.",), batch=2),
    # Batch 3 (dev only): appeal and rectification rules, and more Swedish statute text
    LawSpec("fi-law-kuntalaki-410-2015-s134-141", "fi", "410/2015", ("134 §", "135 §", "137 §", "138 §", "141 §"),
            batch=3),
    LawSpec("fi-law-hallintolaki-434-2003-ch8", "fi", "434/2003", ("8 luku",), batch=3),
    LawSpec("fi-law-maankayttolaki-132-1999-s187-192", "fi", "132/1999", ("187 §", "190 §", "192 §"), batch=3),
    LawSpec("sv-law-kommunallag-410-2015-s134-141", "sv", "410/2015", ("134 §", "135 §", "137 §", "138 §", "141 §"),
            batch=3),
    LawSpec("sv-law-forvaltningslag-434-2003-ch8", "sv", "434/2003", ("8 kap.",), batch=3),
    LawSpec("sv-law-markanvandningslag-132-1999-s187-192", "sv", "132/1999", ("187 §", "190 §", "192 §"), batch=3),
    # Batch 4 (dev only): the fee rules that eVaka's fee decisions cite (absence, a place not cancelled,
    # income, revision, waiver), Finnish and the official Swedish version
    LawSpec("fi-law-asiakasmaksulaki-1503-2016-s9-13", "fi", "1503/2016", ("9 §", "10 §", "11 §", "12 §", "13 §"),
            batch=4),
    LawSpec("sv-law-klientavgifter-1503-2016-s9-13", "sv", "1503/2016", ("9 §", "10 §", "11 §", "12 §", "13 §"),
            batch=4),
    # Batch 5 (dev only): statute sections that residents read: the social welfare client's rights (good
    # treatment, an account of the options, a written decision, self-determination) and the pupil's school
    # place, place of education and school transport, Finnish and the official Swedish version
    LawSpec("fi-law-asiakaslaki-812-2000-s4-8", "fi", "812/2000", ("4 §", "5 §", "6 §", "8 §"), batch=5),
    LawSpec("sv-law-klientlag-812-2000-s4-8", "sv", "812/2000", ("4 §", "5 §", "6 §", "8 §"), batch=5),
    LawSpec("fi-law-perusopetuslaki-628-1998-s6-32", "fi", "628/1998", ("6 §", "28 §", "32 §"), batch=5),
    LawSpec("sv-law-grundlaggande-utbildning-628-1998-s6-32", "sv", "628/1998", ("6 §", "28 §", "32 §"), batch=5),
    # Batch 6 (dev only): the sections that social assistance and disability-service decisions point residents
    # to: the purpose of and right to social assistance, where to apply, the duty to give information (the Act
    # as enacted in 1997), and how disability-service decisions are made and the economic support for devices
    # (the Disability Services Act of 2023), Finnish and the official Swedish version
    LawSpec("fi-law-toimeentulotukilaki-1412-1997-s1-17", "fi", "1412/1997", ("1 §", "2 §", "14 §", "17 §"), batch=6),
    LawSpec("sv-law-utkomststod-1412-1997-s1-17", "sv", "1412/1997", ("1 §", "2 §", "14 §", "17 §"), batch=6),
    LawSpec("fi-law-vammaispalvelulaki-675-2023-s5-32", "fi", "675/2023", ("5 §", "32 §"), batch=6),
    LawSpec("sv-law-funktionshinderservice-675-2023-s5-32", "sv", "675/2023", ("5 §", "32 §"), batch=6),
    # Batch 7 (dev only): what one's municipality of residence is (the Act as enacted in 1994) and how social
    # welfare is contacted and the need for services assessed, Finnish and the official Swedish version
    LawSpec("fi-law-kotikuntalaki-201-1994-s2-4", "fi", "201/1994", ("2 §", "3 §", "4 §"), batch=7),
    LawSpec("sv-law-hemkommun-201-1994-s2-4", "sv", "201/1994", ("2 §", "3 §", "4 §"), batch=7),
    LawSpec("fi-law-sosiaalihuoltolaki-1301-2014-s35-36", "fi", "1301/2014", ("35 §", "36 §"), batch=7),
    LawSpec("sv-law-socialvardslag-1301-2014-s35-36", "sv", "1301/2014", ("35 §", "36 §"), batch=7),
)

# Sections of a KHO decision: the summary, the background (which quotes the municipal or agency
# decision appealed) and the end of the court's reasoning (its assessment and conclusion).
FI_NEW = ("asian tausta", "korkeimman hallinto-oikeuden ratkaisun perustelut")
FI_OLD = ("asian aikaisempi käsittely", "korkeimman hallinto-oikeuden ratkaisu")
SV_BG, SV_REASONS = "ärendets tidigare handläggning", "skälen till högsta förvaltningsdomstolens avgörande"
SV_DECISION = "högsta förvaltningsdomstolens avgörande"  # older decisions: reasons and ruling in one section
FI_APPEALED = "päätös, jota muutoksenhaku koskee"  # newer decisions: the decision appealed, quoted

KHO: tuple[KhoSpec, ...] = (
    KhoSpec("fi-kho-2024-37", "fi", "data/kho/fi/2024/kho202400732.xml",
            (("summary", 3), (FI_NEW[0], 3), (FI_NEW[1], -5))),
    KhoSpec("fi-kho-2023-38", "fi", "data/kho/fi/2023/kho202301332.xml",
            (("summary", 3), (FI_NEW[0], 3), (FI_NEW[1], -5))),
    KhoSpec("fi-kho-2023-25", "fi", "data/kho/fi/2023/kho202300878.xml",
            (("summary", 4), (FI_NEW[0], 2), (FI_NEW[1], -5))),
    KhoSpec("fi-kho-2021-49", "fi", "data/kho/fi/2021/kho202100158.xml",
            (("summary", 4), (FI_OLD[0], 2), (FI_OLD[1], -5))),
    KhoSpec("fi-kho-2016-25", "fi", "data/kho/fi/2016/kho201600746.xml",
            (("summary", 4), (FI_OLD[0], 4), (FI_OLD[1], -4))),
    KhoSpec("sv-kho-2018-51", "sv", "data/kho/sv/2018/kho201801753.xml",
            (("summary", 3), (SV_BG, 3), (SV_REASONS, -5))),
    KhoSpec("sv-kho-2015-87", "sv", "data/kho/sv/2015/kho201501549.xml",
            (("summary", 4), ("bakgrund", 3), (SV_REASONS, -4))),
    KhoSpec("sv-kho-2016-7", "sv", "data/kho/sv/2016/kho201600125.xml",
            (("summary", 2), ("ärendets bakgrund", 3), (SV_BG, 2), (SV_REASONS, -4))),
    KhoSpec("sv-kho-2016-124", "sv", "data/kho/sv/2016/kho201603457.xml",
            (("summary", 4), (SV_BG, 1), (SV_REASONS, -5))),
    KhoSpec("sv-kho-2015-117", "sv", "data/kho/sv/2015/kho201502183.xml",
            (("summary", 4), (SV_BG, 3), (SV_REASONS, -4))),
    # Batch 2 (dev only)
    KhoSpec("fi-kho-2017-103", "fi", "data/kho/fi/2017/kho201702952.xml",
            (("summary", 3), (FI_OLD[0], 3), (FI_OLD[1], -4)), batch=2),
    KhoSpec("fi-kho-2017-122", "fi", "data/kho/fi/2017/kho201703590.xml",
            (("summary", 3), (FI_OLD[0], 2), (FI_OLD[1], -4)), batch=2),
    KhoSpec("sv-kho-2016-110", "sv", "data/kho/sv/2016/kho201603070.xml",
            (("summary", 4), (SV_BG, 3), (SV_DECISION, -4)), batch=2),
    KhoSpec("sv-kho-2012-41", "sv", "data/kho/sv/2012/kho201201517.xml",
            (("summary", 4), (SV_BG, 3), (SV_DECISION, -4)), batch=2),
    # Batch 3 (dev only): decisions that quote the decision letter appealed
    KhoSpec("fi-kho-2024-3", "fi", "data/kho/fi/2024/kho202400007.xml",
            (("summary", 3), (FI_APPEALED, 3), (FI_NEW[0], 3), (FI_NEW[1], -4)), batch=3),
    KhoSpec("fi-kho-2023-43", "fi", "data/kho/fi/2023/kho202301406.xml",
            (("summary", 3), (FI_APPEALED, 3), (FI_NEW[0], 3), (FI_NEW[1], -4)), batch=3),
    KhoSpec("sv-kho-2015-44", "sv", "data/kho/sv/2015/kho201500863.xml",
            (("summary", 3), (SV_BG, 3), (SV_DECISION, -4)), batch=3),
    # Batch 4 (dev only): Swedish full texts that quote the municipal or agency decision appealed (a client
    # fee for long-term institutional care, a temporary driving ban, a residence permit on family ties)
    KhoSpec("sv-kho-2009-24", "sv", "data/kho/sv/2009/kho200900442.xml",
            (("summary", 1), (SV_BG, 6), (SV_DECISION, -4)), batch=4),
    KhoSpec("sv-kho-2014-107", "sv", "data/kho/sv/2014/kho201401927.xml",
            (("summary", 1), (SV_BG, 1), (SV_DECISION, -5)), batch=4),
    KhoSpec("sv-kho-2018-114", "sv", "data/kho/sv/2018/kho201803796.xml",
            (("summary", 2), (SV_BG, 4), (SV_DECISION, -4)), batch=4),
    # Batch 5 (dev only): free school transport (the head of basic education's decision, quoted) and a
    # disability-service refusal of a computer (the social services' decisions, quoted; Swedish full text)
    KhoSpec("fi-kho-2016-51", "fi", "data/kho/fi/2016/kho201601449.xml",
            (("summary", 3), ("asian käsittely kajaanin", 2), (FI_OLD[1], -4)), batch=5),
    KhoSpec("sv-kho-2006-23", "sv", "data/kho/sv/2006/kho200601042.xml",
            (("summary", 1), (SV_BG, 3), (SV_DECISION, -4)), batch=5),
    # Batch 6 (dev only): an air-source heat pump for a child with epilepsy refused by the City of Oulu (the
    # decisions quoted) and an appeal filed late after an appeal instruction that left out e-mail (Saltvik's
    # exception permit; Swedish full text)
    KhoSpec("fi-kho-2024-56", "fi", "data/kho/fi/2024/kho202401055.xml",
            (("summary", 3), (FI_NEW[0], 4), (FI_NEW[1], -4)), batch=6),
    KhoSpec("sv-kho-2007-58", "sv", "data/kho/sv/2007/kho200702160.xml",
            (("summary", 2), (SV_BG, 2), (SV_DECISION, -6)), batch=6),
    # Batch 7 (dev only): decisions on municipal and social matters residents meet: free school transport, a
    # maternity ward closed (language rights), social assistance for moving costs, recalling elected members
    KhoSpec("fi-kho-2020-60", "fi", "data/kho/fi/2020/kho202002333.xml",
            (("summary", 3), ("asian käsittely kunnassa", 3), (FI_OLD[1], -4)), batch=7),
    KhoSpec("sv-kho-2012-128", "sv", "data/kho/sv/2012/kho201203720.xml",
            (("summary", 2), (SV_BG, 3), (SV_DECISION, -4)), batch=7),
    KhoSpec("fi-kho-2023-40", "fi", "data/kho/fi/2023/kho202301345.xml",
            (("summary", 3), (FI_NEW[0], 3), (FI_NEW[1], -4)), batch=7),
    KhoSpec("sv-kho-2008-48", "sv", "data/kho/sv/2008/kho200801583.xml",
            (("summary", 2), ("beslut som överklagas", 3), (SV_DECISION, -4)), batch=7),
)

T = "service/src/main/resources/espoo/templates"
CORRECTION_DAYCARE = (
    "title", "intro", "right.title", "right.body", "time.title", "time.body.1", "time.body.2", "time.body.3",
    "time.body.4", "authority.title", "authority.body", "delivery.title", "delivery.securemail", "form.title",
    "form.intro", "form.required.lead", "form.required.1", "form.required.2", "form.required.3", "form.contact",
    "form.email",
)
CORRECTION_PRESCHOOL = (
    "title", "intro", "right.title", "right.body", "time.title", "time.body.1", "time.body.2", "time.body.3",
    "time.body.4", "time.body.5", "authority.title", "authority.body", "authority.online", "form.title",
    "form.intro", "form.required.lead", "form.required.1", "form.required.2", "form.required.3", "form.contact",
    "form.email", "form.representative", "form.attachments.lead", "form.attachments.1", "form.attachments.2",
    "form.attachments.3",
)
ACCEPTING = ("decision.accepting.title", "decision.accepting")

PROPS: tuple[PropsSpec, ...] = (
    PropsSpec("fi-evaka-daycare-decision", "fi", "municipal-decision",
              "Päätös lapsen varhaiskasvatuksesta ja varhaiskasvatuspaikasta, oikaisuvaatimusohje (Espoo)", (
                  (f"{T}/daycare/decision.properties", (*ACCEPTING, "decision.acceptance.instructions")),
                  (f"{T}/shared/common.properties", ("decision.acceptance.furtherInstructions",)),
                  (f"{T}/shared/daycare-correction_fi.properties", CORRECTION_DAYCARE),
              )),
    PropsSpec("fi-evaka-preschool-decision", "fi", "municipal-decision",
              "Päätös esiopetuspaikasta, oikaisuvaatimusohje (Espoo)", (
                  (f"{T}/preschool/decision.properties", (*ACCEPTING, "decision.acceptance.instructions")),
                  (f"{T}/shared/preschool-correction_fi.properties", CORRECTION_PRESCHOOL),
              )),
    PropsSpec("fi-evaka-voucher-decision", "fi", "municipal-decision",
              "Päätös varhaiskasvatuksen palvelusetelistä (Espoo)", (
                  (f"{T}/daycare/voucher/decision.properties",
                   (*ACCEPTING, "decision.acceptance.instructions", "decision.acceptance.furtherInstructions")),
              )),
    PropsSpec("fi-evaka-fee-decisions", "fi", "municipal-decision",
              "Päätös varhaiskasvatuksen asiakasmaksusta ja palvelusetelin arvosta (Espoo)", (
                  (f"{T}/fee-decision/decision.properties", ("text.legal.p1", "text.legal.p2", "text.legal.p3")),
                  (f"{T}/fee-decision/voucher-value-decision.properties",
                   ("decision.details.customerFeeInfo", "decision.details.incomeChanges")),
              )),
    PropsSpec("fi-evaka-club-decision", "fi", "municipal-decision", "Päätös kerhopaikasta (Espoo)", (
        (f"{T}/club/decision.properties", (*ACCEPTING, "decision.acceptance.furtherInstructions")),
    )),
    PropsSpec("sv-evaka-daycare-decision", "sv", "municipal-decision",
              "Beslut om småbarnspedagogisk verksamhet och plats, anvisningar om omprövning (Esbo)", (
                  (f"{T}/daycare/decision_sv.properties", (*ACCEPTING, "decision.acceptance.instructions")),
                  (f"{T}/shared/common_sv.properties", ("decision.acceptance.furtherInstructions",)),
                  (f"{T}/shared/daycare-correction_sv.properties", CORRECTION_DAYCARE),
              )),
    PropsSpec("sv-evaka-preschool-decision", "sv", "municipal-decision",
              "Beslut om förskoleplats, anvisning om begäran om omprövning (Esbo)", (
                  (f"{T}/preschool/decision_sv.properties", (*ACCEPTING, "decision.acceptance.instructions")),
                  (f"{T}/shared/preschool-correction_sv.properties", CORRECTION_PRESCHOOL),
              )),
    PropsSpec("sv-evaka-voucher-decision", "sv", "municipal-decision",
              "Beslut om servicesedel inom småbarnspedagogiken (Esbo)", (
                  (f"{T}/daycare/voucher/decision_sv.properties",
                   (*ACCEPTING, "decision.acceptance.instructions", "decision.acceptance.furtherInstructions")),
              )),
    PropsSpec("sv-evaka-fee-decisions", "sv", "municipal-decision",
              "Beslut om avgift för småbarnspedagogik och om servicesedelns värde (Esbo)", (
                  (f"{T}/fee-decision/decision_sv.properties", ("text.legal.p1", "text.legal.p2", "text.legal.p3")),
                  (f"{T}/fee-decision/voucher-value-decision_sv.properties",
                   ("decision.details.customerFeeInfo", "decision.details.incomeChanges")),
              )),
)

# Batch 4 (dev only): the City of Turku's decision letters in the same repository (Finnish and Swedish;
# Espoo's are all taken): accepting the place, the reasons, appeal, competence and the review instructions
TURKU = "service/src/main/resources/turku/templates"
TURKU_DAYCARE_CORRECTION = ("title", "daycare.p0", "right", *(f"daycare.p{i}" for i in range(1, 8)))
TURKU_PRESCHOOL_CORRECTION = ("preschool.title", *(f"preschool.p{i}" for i in range(14)))
PROPS += (
    PropsSpec("fi-evaka-turku-preschool-decision", "fi", "municipal-decision",
              "Päätös esiopetuspaikasta: perustelut, muutoksenhaku ja toimivalta (Turku)", (
                  (f"{TURKU}/preschool/decision.properties",
                   ("decision.reasoning.old", "decision.appeal", "decision.jurisdiction")),
              ), batch=4, licence="evaka-turku"),
    PropsSpec("fi-evaka-turku-daycare-decision", "fi", "municipal-decision",
              "Päätös varhaiskasvatuspaikasta ja oikaisuvaatimusohje (Turku)", (
                  (f"{TURKU}/daycare/decision.properties",
                   ("decision.instructions", "decision.notification", "decision.jurisdiction")),
                  (f"{TURKU}/shared/daycare-correction.properties", TURKU_DAYCARE_CORRECTION),
              ), batch=4, licence="evaka-turku"),
    PropsSpec("sv-evaka-turku-daycare-decision", "sv", "municipal-decision",
              "Beslut om plats inom småbarnspedagogik och anvisning om omprövning (Åbo)", (
                  (f"{TURKU}/daycare/decision_sv.properties",
                   ("decision.instructions", "decision.notification", "decision.jurisdiction")),
                  (f"{TURKU}/shared/daycare-correction_sv.properties", TURKU_DAYCARE_CORRECTION),
              ), batch=4, licence="evaka-turku"),
    PropsSpec("sv-evaka-turku-preschool-decision", "sv", "municipal-decision",
              "Beslut om förskoleplats och anvisning om omprövning (Åbo)", (
                  (f"{TURKU}/preschool/decision_sv.properties", ("decision.instructions", "decision.jurisdiction")),
                  (f"{TURKU}/shared/daycare-correction_sv.properties", TURKU_PRESCHOOL_CORRECTION),
              ), batch=4, licence="evaka-turku"),
)

# Batch 5 (dev only): the City of Oulu's letters (Finnish only: the day-care decision, the fee decision's notes,
# the review instructions for day care and fees and the appeal instructions of the pre-school decision) and the City of Turku's Swedish letters not used before
# (service voucher, fee and voucher-value decisions, open early childhood education)
OULU = "service/src/main/resources/oulu/templates"
PROPS += (
    PropsSpec("fi-evaka-oulu-daycare-decision", "fi", "municipal-decision",
              "Päätös varhaiskasvatuspaikasta ja asiakasmaksusta, oikaisuvaatimus- ja valitusohjeet (Oulu)", (
                  (f"{OULU}/daycare/decision.properties", ("decision.instructions",)),
                  (f"{OULU}/fee-decision/decision.properties", ("text.legal.p1", "text.legal.p2")),
                  (f"{OULU}/shared/daycare-correction.properties",
                   ("title", "content.p2", "content.p4", "content.p5", "daycare.p1", "daycare.p2",
                    "preschool.title", "preschool.p2", "preschool.complaint.instructions")),
              ), batch=5, licence="evaka-oulu"),
    PropsSpec("sv-evaka-turku-voucher-fee-decision", "sv", "municipal-decision",
              "Beslut om servicesedel, avgift för småbarnspedagogik och plats inom öppen småbarnspedagogik (Åbo)", (
                  (f"{TURKU}/daycare/voucher/decision_sv.properties", ("decision.instructions",)),
                  (f"{TURKU}/fee-decision/decision_sv.properties", ("text.legal.p1", "text.legal.p2", "text.reference.p2")),
                  (f"{TURKU}/fee-decision/voucher-value-decision_sv.properties",
                   ("decision.details.customerFeeInfo", "decision.details.incomeChanges")),
                  (f"{TURKU}/club/decision_sv.properties", ("decision.instructions",)),
              ), batch=5, licence="evaka-turku"),
)

# Batch 6 (dev only): the City of Tampere's letters (Finnish only; the first city of the Tampere region in the
# repository): the day-care decision with its reasons, conditions and fees, the notice of service and the review
# instructions; the notes of the fee decision and the pre-school decision with its own review instructions
TAMPERE = "service/src/main/resources/tampere/templates"
PROPS += (
    PropsSpec("fi-evaka-tampere-daycare-decision", "fi", "municipal-decision",
              "Päätös lapsen varhaiskasvatukseen ottamisesta, perustelut ja oikaisuvaatimusohjeet (Tampere)", (
                  (f"{TAMPERE}/daycare/decision.properties", ("decision.title", "decision.instructions.old")),
                  (f"{TAMPERE}/shared/common.properties", ("notice.noticeMethod",)),
                  (f"{TAMPERE}/shared/daycare-correction.properties",
                   ("title", "content", "time.title", "time.content", "notice.title", "notice.content",
                    "complaint.title", "complaint.content")),
              ), batch=6, licence="evaka-tampere"),
    PropsSpec("fi-evaka-tampere-fee-preschool-decision", "fi", "municipal-decision",
              "Asiakasmaksupäätöksen lisätiedot ja päätös esiopetuspaikasta oikaisuvaatimusohjeineen (Tampere)", (
                  (f"{TAMPERE}/fee-decision/decision.properties",
                   ("text.legal.DAYCARE_ONLY", "text.legal.PRESCHOOL_CLUB_ONLY",
                    "text.relief.rejected.DAYCARE_AND_PRESCHOOL_CLUB")),
                  (f"{TAMPERE}/daycare/decision.properties", ("decision.instructions.PRESCHOOL.old",)),
                  (f"{TAMPERE}/shared/preschool-correction.properties",
                   ("title", "content", "time.title", "time.content", "notice.title", "notice.content",
                    "complaint.title", "complaint.content")),
              ), batch=6, licence="evaka-tampere"),
)

I18N = "frontend/src/lib-customizations/defaults/citizen/i18n"
TSX: tuple[TsxSpec, ...] = tuple(
    TsxSpec(f"{lang}-evaka-{name}", lang, title, f"{I18N}/{lang}.tsx", prefixes, limit)
    for lang, name, title, prefixes, limit in (
        ("fi", "applications", "eVaka: hakemukset (ohjetekstit)", ("applications", "applicationsList"), 14),
        ("fi", "income", "eVaka: tuloselvitys (ohjetekstit)", ("income",), 10),
        ("fi", "decisions", "eVaka: päätökset (ohjetekstit)", ("decisions",), 8),
        ("fi", "accessibility", "eVaka: saavutettavuusseloste", ("accessibilityStatement",), 10),
        ("sv", "applications", "eVaka: ansökningar (anvisningar)", ("applications", "applicationsList"), 14),
        ("sv", "income", "eVaka: inkomstutredning (anvisningar)", ("income",), 10),
        ("sv", "decisions", "eVaka: beslut (anvisningar)", ("decisions",), 8),
        ("sv", "accessibility", "eVaka: tillgänglighetsutlåtande", ("accessibilityStatement",), 10),
    )
)
APPLICATION_FORM = tuple(f"applications.editor.{part}" for part in ("serviceNeed", "unitPreference", "fee", "contactInfo"))
ACCOUNT = ("loginPage", "calendar", "personalDetails", "children")
TSX += tuple(  # Batch 2 (dev only)
    TsxSpec(f"{lang}-evaka-{name}", lang, title, f"{I18N}/{lang}.tsx", prefixes, limit, batch=2)
    for lang, name, title, prefixes, limit in (
        ("fi", "application-form", "eVaka: hakulomakkeen ohjetekstit", APPLICATION_FORM, 10),
        ("fi", "account", "eVaka: kirjautuminen, kalenteri, omat tiedot ja lapset (ohjetekstit)", ACCOUNT, 10),
        ("sv", "application-form", "eVaka: anvisningar i ansökningsblanketten", APPLICATION_FORM, 10),
        ("sv", "account", "eVaka: inloggning, kalender, personuppgifter och barn (anvisningar)", ACCOUNT, 10),
    )
)
SERVICE_NEED = tuple(f"applications.editor.{part}" for part in (
    "serviceNeed.shiftCare", "serviceNeed.assistanceNeedInstructions", "serviceNeed.preparatoryInfo",
    "unitPreference.siblingBasis", "fee", "contactInfo"))
TSX += (  # Batch 4 (dev only): the rest of the Swedish application form (shift care, support, siblings, fees)
    TsxSpec("sv-evaka-application-form-service-need", "sv",
            "eVaka: anvisningar i ansökningsblanketten om skiftvård, stöd, syskon och avgifter",
            f"{I18N}/sv.tsx", SERVICE_NEED, 7, batch=4),
)
# Batch 6 (dev only): what the citizen texts say about notifications, changing the service need and ending a
# place, and (Swedish) support decisions and absences: the paragraphs not taken by the documents of batches 1
# and 2; and the rest of the Swedish application form
SUPPORT = (
    "decisions.assistanceDecisions", "decisions.assistancePreschoolDecisions", "children.placementTermination",
    "children.serviceApplication", "children.absenceApplication", "personalDetails.notificationsSection",
    "calendar.absenceModal", "calendar.shiftCareInfo")
FI_NOTICES = (  # the Finnish support texts are taken by fi-evaka-decisions; two near-copies are left out
    "personalDetails.notificationsSection", "children.serviceApplication.startDateOnlyFirstDayWarning",
    "children.serviceApplication.createInfo", "children.placementTermination")
TSX += (
    TsxSpec("fi-evaka-notices-placement", "fi",
            "eVaka: ilmoitukset, palveluntarpeen muutos ja paikan irtisanominen (ohjetekstit)",
            f"{I18N}/fi.tsx", FI_NOTICES, 12, batch=6),
    TsxSpec("sv-evaka-support-placement", "sv",
            "eVaka: beslut om stöd, uppsägning av plats, ändring av servicebehov och aviseringar (anvisningar)",
            f"{I18N}/sv.tsx", SUPPORT, 12, batch=6),
    TsxSpec("sv-evaka-application-form-other", "sv",
            "eVaka: övriga anvisningar i ansökningsblanketten",
            f"{I18N}/sv.tsx", ("applications.creation", "applications.editor"), 10, batch=6),
)
# Batch 7 (dev only): the rest of the Finnish application form with the application list and the personal
# details page, and the Swedish application form's unit, fee and contact instructions not taken in batch 6
TSX += (
    TsxSpec("fi-evaka-application-form-other", "fi",
            "eVaka: hakulomakkeen muut ohjeet, hakemuslista ja henkilötiedot",
            f"{I18N}/fi.tsx", ("applications.editor", "applicationsList", "personalDetails"), 10, batch=7),
    TsxSpec("sv-evaka-application-form-units-fees", "sv",
            "eVaka: anvisningar i ansökningsblanketten om enheter, avgifter och kontaktuppgifter",
            f"{I18N}/sv.tsx", ("applications.editor", "applicationsList", "personalDetails"), 10, batch=7),
)

I18N_LUPA = "resources/i18n"
LUPA_DOCS = (  # name, file, key patterns, paragraph limit, title (fi, sv)
    ("application-help", "common",
     (r"help\.R\..*", r"hakija\.group\.help", r"inforequest\.(desc|helpText)", r"invite\.(desc|foreman\.desc)",
      r"neighbor\.show\..*"), 10,
     ("Lupapiste: rakennuslupahakemuksen ohjetekstit", "Lupapiste: hjälptexter för bygglovsansökan")),
    ("status-emails", "email", (r"email\.state-description\..*",), 8,
     ("Lupapiste: hakemuksen tilat sähköposti-ilmoituksissa", "Lupapiste: ansökans status i e-postmeddelanden")),
    ("applications", "application", (r"applications\..*",), 8,
     ("Lupapiste: hakemukset-sivun tiedotteet", "Lupapiste: meddelanden på sidan ansökningar")),
    ("environmental-notices", "schemas", (r"rekisterointi-ilmoitus\..*", r"yi-yleinen-ilmoitus\..*"), 8,
     ("Lupapiste: ilmoitusohjeet kunnan ympäristönsuojeluviranomaiselle",
      "Lupapiste: anmälningsanvisningar till kommunens miljöskyddsmyndighet")),
)
LUPA: tuple[LupapisteSpec, ...] = tuple(
    LupapisteSpec(f"{lang}-lupapiste-{name}", lang, titles[lang == "sv"], f"{I18N_LUPA}/{file}.txt", patterns, limit)
    for lang in ("fi", "sv")
    for name, file, patterns, limit, titles in LUPA_DOCS
)
def _lupa_help(docs: tuple, batch: int) -> tuple[LupapisteSpec, ...]:
    """One help-text document per language for each (name, file, key patterns, paragraph limit,
    (Finnish title, Swedish title)) of a later batch."""
    return tuple(
        LupapisteSpec(f"{lang}-lupapiste-{name}", lang, titles[lang == "sv"], f"{I18N_LUPA}/{file}.txt", patterns, limit,
                      batch=batch)
        for lang in ("fi", "sv")
        for name, file, patterns, limit, titles in docs
    )


LUPA_DOCS_2 = (  # Batch 2 (dev only)
    ("building-data-help", "common", (r"uusiRakennus\..*\.help",), 8,
     ("Lupapiste: rakennuksen tietojen täyttöohjeet", "Lupapiste: anvisningar för byggnadens uppgifter")),
    ("application-page", "application", (r"application\..*",), 8,
     ("Lupapiste: hakemuksen välilehtien ohjeet ja vahvistuskysymykset",
      "Lupapiste: anvisningar och bekräftelsefrågor på ansökans flikar")),
)
LUPA += _lupa_help(LUPA_DOCS_2, batch=2)
LUPA_DOCS_3 = (  # Batch 3 (dev only)
    ("allu-help", "allu", (r".*",), 10,
     ("Lupapiste: hakemuksen ohjetekstit (allu.txt)", "Lupapiste: ansökans hjälptexter (allu.txt)")),
)
LUPA += _lupa_help(LUPA_DOCS_3, batch=3)
# Batch 4 (dev only): the e-mails Lupapiste sends to applicants and neighbours (not used before)
MAIL_TEMPLATES = "resources/email-templates"
LUPA_MAIL_NAMES = (
    "construction-not-started-reminder", "no-final-review-reminder", "neighbor", "application-return-to-draft", "organization-on-submit", "reminder-application-state", "new-comment", "invite",
    "guest-invite", "invite-to-prev-permit", "account-activation",
)
LUPA_DOCS_5 = (  # Batch 5 (dev only): the tab help of the other permit types (environmental, area, survey...)
    ("tab-help", "common",
     (r"help\.(KT|MAL|P|VVVL|Y|YA|YI|YL|YM)\..*", r"help\.(neighbors|attachment|application)",
      r"help\.(tyonjohtajan-nimeaminen-v2|supervisorInformationDesc)"), 7,
     ("Lupapiste: hakemuksen välilehtien ohjeet eri lupatyypeissä",
      "Lupapiste: anvisningar på ansökans flikar för olika slags tillstånd")),
)
LUPA += _lupa_help(LUPA_DOCS_5, batch=5)
LUPA += (  # Batch 6 (dev only): the help on attachments and drawings for applicants (Swedish)
    LupapisteSpec("sv-lupapiste-attachments-help", "sv", "Lupapiste: anvisningar om bilagor och ritningar",
                  f"{I18N_LUPA}/attachments.txt", (r".*",), 8, batch=6),
)
LUPA += (  # Batch 7 (dev only): the Finnish help on attachments and drawings (the Swedish one is batch 6's)
    # and the help on company accounts and authorising a company (both languages)
    LupapisteSpec("fi-lupapiste-attachments-help", "fi", "Lupapiste: ohjeet liitteistä ja piirustuksista",
                  f"{I18N_LUPA}/attachments.txt", (r".*",), 8, batch=7),
    LupapisteSpec("fi-lupapiste-company-help", "fi", "Lupapiste: yritystilin ohjeet",
                  f"{I18N_LUPA}/company.txt", (r".*",), 8, batch=7),
    LupapisteSpec("sv-lupapiste-company-help", "sv", "Lupapiste: anvisningar för företagskonto",
                  f"{I18N_LUPA}/company.txt", (r".*",), 8, batch=7),
)
LUPA_MAIL: tuple[LupapisteMailSpec, ...] = (
    LupapisteMailSpec("fi-lupapiste-emails", "fi", "Lupapiste: sähköpostit hakijoille ja naapureille",
                      LUPA_MAIL_NAMES, 7, batch=4),
    LupapisteMailSpec("sv-lupapiste-emails", "sv", "Lupapiste: e-postmeddelanden till sökande och grannar",
                      LUPA_MAIL_NAMES, 7, batch=4),
)


# --------------------------------------------------------------------------------------
# Blocks: the cleaned structure of a document
# --------------------------------------------------------------------------------------


@dataclass
class Block:
    """A heading or a prose paragraph; a paragraph may carry a list (its items)."""

    kind: str  # "heading" | "para"
    text: str
    items: list[str] = field(default_factory=list)
    emphasised: bool = False  # all of its text was bold/italic (KHO uses this for headings)
    key: str = ""  # source key for i18n/properties texts
    level: int = 2  # headings: 1 = chapter or main section, 2 = section or sub-heading

    def words(self) -> int:
        """Words of the lead-in and the items; list markers ("-", "1)") are not words."""
        return len(self.text.split()) + sum(len(LIST_LINE.sub("", item).split()) for item in self.items)

    def words_for_length(self) -> int:
        """Words that make a paragraph long enough to be prose. Items of a list of short
        labels (links, form names: under 4 words on average) do not count."""
        item_words = self.words() - len(self.text.split())
        if self.items and item_words / len(self.items) < 4:
            return len(self.text.split())
        return self.words()

    def signature(self) -> str:
        return "\n".join([self.text, *self.items])


@dataclass
class Document:
    """One corpus document with its metadata."""

    id: str
    lang: str
    genre: str
    title: str
    repo: str
    paths: list[str]
    url: str
    date: str
    blocks: list[Block]
    heading: str = ""  # the "# Title" line of the Markdown file, from the source
    keys: list[str] = field(default_factory=list)
    split: str = ""
    batch: int = 1
    licence: str = ""  # a key of LICENCES; empty: by genre, then by repository

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "para"]

    def n_words(self) -> int:
        return sum(b.words() for b in self.paragraphs)


def clean(text: str) -> str:
    """The only normalisation allowed: soft hyphens out, ASCII whitespace runs to one space."""
    return ASCII_SPACE.sub(" ", text.replace(SOFT_HYPHEN, "")).strip()


# --------------------------------------------------------------------------------------
# Git snapshots
# --------------------------------------------------------------------------------------


class Snapshot:
    """A bare git snapshot fetched into <mirror>/<owner>+<name>/repo."""

    def __init__(self, mirror: Path, repo: str, commit: str | None = None) -> None:
        self.repo = repo
        self.dir = mirror / repo.replace("/", "+") / "repo"
        if not (self.dir / "HEAD").exists() and not (self.dir / ".git").exists():
            raise SystemExit(
                f"error: no clone of {repo} at {self.dir}; git clone --bare https://github.com/{repo} {self.dir}"
            )
        self.commit = commit or COMMITS[repo]
        self.date = self._git("log", "-1", "--format=%cs", self.commit).decode().strip()

    def _git(self, *args: str) -> bytes:
        result = subprocess.run(["git", "-C", str(self.dir), *args], capture_output=True)
        if result.returncode != 0:
            raise SystemExit(f"error: git {' '.join(args)} in {self.dir}: {result.stderr.decode()}")
        return result.stdout

    def read(self, path: str) -> bytes:
        return self._git("show", f"{self.commit}:{path}")

    def text(self, path: str) -> str:
        return self.read(path).decode("utf-8")

    def blob_url(self, path: str) -> str:
        return f"https://github.com/{self.repo}/blob/{self.commit}/{path}"


# --------------------------------------------------------------------------------------
# Markup trees: HTML, XML and JSX all become Node trees, flattened by one function
# --------------------------------------------------------------------------------------


@dataclass
class Node:
    """An element of a markup tree; children are Nodes or str (text)."""

    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LIST_TAGS = {"ul", "ol", "orderedlist", "unorderedlist"}
BLOCK_TAGS = {"p", "div", "section", "", "table", "tr", "blockquote"} | HEADING_TAGS | LIST_TAGS
EMPHASIS_TAGS = {"strong", "b", "em", "i"}
IGNORED_TAGS = {"gap", "button", "img", "script", "style", "sup"}


def from_etree(element: etree._Element) -> Node:
    """Turn an lxml element (HTML or namespaced XML) into a Node tree."""
    try:
        name = etree.QName(element).localname.lower() if isinstance(element.tag, str) else "#comment"
    except ValueError:  # not markup: an address in angle brackets ("<venepaikat@espoo.fi>"), kept as text
        return Node("span", children=[str(element.tag)] + ([element.text] if element.text else []))
    node = Node(name, {k: str(v) for k, v in element.attrib.items()})
    if element.text:
        node.children.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            node.children.append(from_etree(child))
        if child.tail:
            node.children.append(child.tail)
    return node


def html_fragment(markup: str) -> Node:
    """Parse an HTML fragment (properties or i18n value) into a Node tree."""
    if not markup.strip():
        return Node("div")
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    return from_etree(root)


class _Flattener:
    """Walks a Node tree and cuts it into heading and paragraph blocks.

    Block elements and <br> end a paragraph; inline elements only add text. A list becomes
    the items of the paragraph just before it (its lead-in), so that it is kept or dropped
    with that paragraph and stays one block in Markdown.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.plain = False  # some text of the buffer was outside emphasis

    def flush(self) -> None:
        text = clean("".join(self.buffer))
        if text:
            emphasised = not self.plain
            self.blocks.append(Block("para", text, emphasised=emphasised))
        self.buffer, self.plain = [], False

    def walk(self, node: Node, emphasis: bool = False) -> None:
        name = node.name
        if name in IGNORED_TAGS or name == "#comment":
            return
        if name == "br":
            self.flush()
        elif name in HEADING_TAGS:
            self.flush()
            text = clean(inline_text(node))
            if text:
                self.blocks.append(Block("heading", text))
        elif name in LIST_TAGS:
            self.flush()
            self.add_list(node)
        elif name == "li":  # a stray item outside a list
            self.flush()
            self.add_list(Node("ul", children=[node]))
        elif name in BLOCK_TAGS:
            self.flush()
            self.walk_children(node, emphasis)
            self.flush()
        elif name == "externallink":
            self.buffer.append(node.attrs.get("text", PLACEHOLDER_MARK))
            self.plain = self.plain or not emphasis
        elif name == "#placeholder":
            self.buffer.append(PLACEHOLDER_MARK)
        elif name[:1].isupper() or (not node.children and name not in EMPHASIS_TAGS | {"a", "span"}):
            self.buffer.append(PLACEHOLDER_MARK)  # an unknown component renders dynamic content
        else:
            self.walk_children(node, emphasis or name in EMPHASIS_TAGS)

    def walk_children(self, node: Node, emphasis: bool) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.buffer.append(child)
                if child.strip() and not emphasis:
                    self.plain = True
            else:
                self.walk(child, emphasis)

    def add_list(self, node: Node) -> None:
        ordered = node.name in {"ol", "orderedlist"}
        items: list[str] = []
        for child in node.children:
            if isinstance(child, Node) and child.name == "li":
                text = clean(inline_text(child))
                if text:
                    marker = f"{len(items) + 1}) " if ordered else "- "
                    items.append(text if LIST_LINE.match(text) else marker + text)
        if not items:
            return
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.kind == "para" and not last.items:
            last.items = items
        else:
            self.blocks.append(Block("para", "", items=items))


def inline_text(node: Node) -> str:
    """All text of a node, with placeholders for dynamic content and spaces for <br>."""
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.name == "br":
            parts.append(" ")
        elif child.name == "externallink":
            parts.append(child.attrs.get("text", PLACEHOLDER_MARK))
        elif child.name == "#placeholder" or child.name[:1].isupper():
            parts.append(PLACEHOLDER_MARK)
        elif child.name not in IGNORED_TAGS:
            parts.append(inline_text(child))
    return "".join(parts)


def flatten(node: Node) -> list[Block]:
    """Cut a markup tree into blocks (see _Flattener)."""
    flattener = _Flattener()
    flattener.walk(node)
    flattener.flush()
    return attach_list_lines(flattener.blocks)


def line_breaks(text: str) -> str:
    """Newlines inside a plain string or i18n value, as markup: a newline after a sentence or
    before a list line is a break (<br>), any other newline is just a space."""
    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        starts_item = bool(LIST_LINE.match(line.strip()))
        ends_sentence = bool(SENTENCE_END.search(out.rstrip())) or not out.strip()
        out += ("<br>" if starts_item or ends_sentence else " ") + line
    return out


def attach_list_lines(blocks: list[Block]) -> list[Block]:
    """Paragraphs that are list lines ("1) ...", "- ...") become items of the paragraph before."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (block.kind == "para" and not block.items and not block.emphasised and LIST_LINE.match(block.text)
                and previous is not None and previous.kind == "para" and not previous.emphasised):
            previous.items.append(block.text)
        else:
            out.append(block)
    return out


# --------------------------------------------------------------------------------------
# Paragraph filters
# --------------------------------------------------------------------------------------


def reference_share(text: str) -> float:
    """Share of tokens that are numbers or section signs: high for lists of statute references."""
    tokens = text.split()
    if not tokens:
        return 0.0
    refs = sum(1 for t in tokens if any(ch.isdigit() for ch in t) or t in {"§", "mom.", "momentti", "kohta"})
    return refs / len(tokens)


def drop_reason(block: Block, min_words: int) -> str | None:
    """Why a paragraph is not prose, or None to keep it."""
    whole = block.signature()
    if PLACEHOLDER.search(whole):
        return "placeholder"
    if BOILERPLATE.match(whole):
        return "signature or reference"
    if block.words_for_length() < min_words:
        return "short"
    last = block.items[-1] if block.items else block.text
    if not block.items and not SENTENCE_END.search(last):
        return "no sentence end"
    if reference_share(whole) > 0.4:
        return "reference list"
    return None


def keep_prose(blocks: Iterable[Block], min_words: int, seen: set[str], log: list[str]) -> list[Block]:
    """Keep headings and prose paragraphs; drop repeated paragraphs and empty headings.

    A paragraph already used in an earlier document of the same language (or a near copy of
    one) is dropped, so that the dev and test halves never share text (eVaka and Lupapiste
    repeat a lot).
    """
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            kept.append(block)
            continue
        reason = drop_reason(block, min_words)
        if reason is None and is_repeat(block.signature(), seen):
            reason = "duplicate"
        if reason:
            log.append(f"  drop ({reason}): {block.signature()[:100]!r}")
            continue
        seen.add(block.signature())
        kept.append(block)
    return prune_headings(kept)


def is_repeat(text: str, seen: set[str]) -> bool:
    """The same paragraph, or one that differs only in a few words (the templates repeat
    sentences with small edits, e.g. "kirjautumisen" for "tunnistautumisen")."""
    if text in seen:
        return True
    words = text.split()
    for other in seen:
        other_words = other.split()
        if 0.8 <= len(other_words) / len(words) <= 1.25:
            if difflib.SequenceMatcher(None, words, other_words, autojunk=False).ratio() >= 0.9:
                return True
    return False


def prune_headings(blocks: list[Block]) -> list[Block]:
    """Remove headings that no paragraph follows before the next heading of their level.

    A chain of headings (chapter, then section) is kept when a paragraph follows it.
    """
    out: list[Block] = []
    pending: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            pending = [h for h in pending if h.level < block.level] + [block]
        else:
            out.extend(pending)
            pending = []
            out.append(block)
    return out


# --------------------------------------------------------------------------------------
# Finlex: statutes
# --------------------------------------------------------------------------------------

SAA = "http://www.vn.fi/skeemat/saadoskooste/2010/04/27"
SAA1 = "http://www.vn.fi/skeemat/saadoselementit/2010/04/27"
NS = {
    "saa": SAA,
    "saa1": SAA1,
    "asi": "http://www.vn.fi/skeemat/asiakirjakooste/2010/04/27",
    "met": "http://www.vn.fi/skeemat/metatietokooste/2010/04/27",
    "met1": "http://www.vn.fi/skeemat/metatietoelementit/2010/04/27",
    "dcterms": "http://dublincore.org/documents/2012/06/14/dcmi-terms/",
    "finlex": "http://www.finlex.fi/xyz/",
}
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def parse_xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, XML_PARSER)


def text_of(element: etree._Element | None) -> str:
    return clean("".join(element.itertext())) if element is not None else ""


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def statute_path(lang: str, number: str) -> str:
    num, year = number.split("/")
    return f"{ASD}/{lang}/{year}/asd{year}{int(num):04d}.xml"


def statute_date(root: etree._Element, lang: str) -> str:
    """Parse 'Helsingissä 13 päivänä heinäkuuta 2018' / 'Helsingfors den 13 juli 2018'."""
    dated = text_of(root.find(".//asi:PaivaysKooste", NS)).lower()
    months = FI_MONTHS if lang == "fi" else SV_MONTHS
    numeric = re.search(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", dated)
    if numeric:  # "Helsingissä 21.4.2023"
        day, month, year = int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
        return f"{year}-{month:02d}-{day:02d}"
    match = re.search(r"(\d{1,2})\.? (?:päivänä )?([a-zåäö]+) (\d{4})", dated)
    if not match or match.group(2) not in months:
        raise SystemExit(f"error: cannot read the statute date from {dated!r}")
    day, month, year = int(match.group(1)), months.index(match.group(2)) + 1, match.group(3)
    return f"{year}-{month:02d}-{day:02d}"


def section_blocks(pykala: etree._Element) -> list[Block]:
    """One section (§): its heading, then one paragraph per subsection (momentti).

    A subsection with numbered points becomes its lead-in with the points as list items.
    """
    number = text_of(pykala.find("saa:PykalaTunnusKooste", NS))
    title = text_of(pykala.find("saa:SaadosOtsikkoKooste", NS))
    blocks = [Block("heading", f"{number} {title}".strip(), level=2)]
    for child in pykala:
        name = local(child)
        if name == "MomenttiKooste":
            blocks.append(Block("para", text_of(child)))
        elif name == "KohdatMomentti":
            lead = ""
            items: list[str] = []
            for part in child:
                part_name = local(part)
                if part_name == "MomenttiJohdantoKooste":
                    lead = text_of(part)
                elif part_name.endswith("KohtaKooste"):  # points and sub-points
                    items.append(text_of(part))
                elif items:  # text after the list (MomenttiJatkoKooste): its own paragraph
                    blocks.append(Block("para", lead, items=items))
                    lead, items = text_of(part), []
            blocks.append(Block("para", lead, items=items))
    return blocks


def law_document(spec: LawSpec, snap: Snapshot, seen: set[str], log: list[str]) -> Document:
    """Whole chapters or sections of a statute, cut at whole sections to MAX_PARAGRAPHS."""
    path = statute_path(spec.lang, spec.number)
    root = parse_xml(snap.read(path))
    name = " ".join(clean(t) for t in root.find(".//saa:SaadosNimeke", NS).itertext() if clean(t))
    wanted = set(spec.part)
    blocks: list[Block] = []
    count = 0
    for pykala in root.iter(f"{{{SAA}}}Pykala"):
        chapter = pykala.getparent()
        chapter_id = chapter.get(f"{{{SAA1}}}identifiointiTunnus", "") if local(chapter) == "Luku" else ""
        section_id = pykala.get(f"{{{SAA1}}}identifiointiTunnus", "")
        if chapter_id not in wanted and section_id not in wanted:
            continue
        trial_seen, trial_log = set(seen), []
        kept = keep_prose(section_blocks(pykala), MIN_WORDS_DEFAULT, trial_seen, trial_log)
        added = sum(1 for b in kept if b.kind == "para")
        if count and count + added > MAX_PARAGRAPHS:
            break
        seen |= trial_seen
        log.extend(trial_log)
        if chapter_id in wanted and not any(b.key == chapter_id for b in blocks):
            chapter_no = text_of(chapter.find("saa:LukuTunnusKooste", NS))
            chapter_title = text_of(chapter.find("saa:SaadosOtsikkoKooste", NS))
            blocks.append(Block("heading", f"{chapter_no} {chapter_title}".strip(), level=1, key=chapter_id))
        blocks.extend(kept)
        count += added
    blocks = prune_headings(blocks)
    num, year = spec.number.split("/")
    return Document(
        id=spec.id, batch=spec.batch, lang=spec.lang, genre="law",
        title=f"{name} ({spec.number}), " + ("; ".join(b.text for b in blocks if b.level == 1)
                                             or ", ".join(p.removesuffix(" §") for p in spec.part) + " §"),
        repo=snap.repo, paths=[path], url=f"https://www.finlex.fi/{spec.lang}/laki/alkup/{year}/{year}{int(num):04d}",
        date=statute_date(root, spec.lang), heading=f"{name} ({spec.number})", blocks=blocks,
    )


# --------------------------------------------------------------------------------------
# Finlex: KHO decisions
# --------------------------------------------------------------------------------------

KHO_MAIN_HEADINGS = (
    # Finnish
    "päätös, jota", "asian tausta", "asian aikaisempi käsittely", "asian käsittely",
    "hallinto-oikeuden ratkaisu", "hallinto-oikeuden päätös", "käsittely korkeimmassa hallinto-oikeudessa",
    "vaatimukset ja selvitykset", "korkeimman hallinto-oikeuden ratkaisu", "äänestys",
    "eri mieltä olevan jäsenen",
    # Swedish
    "beslut som överklagas", "ärendets bakgrund", "bakgrund", "ärendets tidigare handläggning",
    "förvaltningsdomstolens avgörande", "handläggning i högsta förvaltningsdomstolen",
    "högsta förvaltningsdomstolens avgörande", "skälen till högsta förvaltningsdomstolens avgörande",
    "röstningsanförande", "omröstning",
)


def main_heading(text: str) -> str | None:
    """The standard section name a KHO heading starts with, or None for a sub-heading."""
    lowered = text.lower().rstrip(":")
    for name in KHO_MAIN_HEADINGS:
        if lowered.startswith(name):
            return lowered
    return None


def kho_blocks(root: etree._Element) -> list[Block]:
    """Summary and body of a decision as blocks; short all-bold paragraphs become headings."""
    parts = [root.find("dcterms:abstract", NS), root.find("finlex:content", NS)]
    blocks: list[Block] = []
    for part in parts:
        if part is not None:
            blocks.extend(flatten(from_etree(part)))
    out: list[Block] = []
    for block in blocks:
        if (block.kind == "para" and not block.items and block.emphasised
                and len(block.text.split()) <= 10 and not block.text.endswith(".")):
            block = Block("heading", block.text)
        if block.kind == "heading":
            block.level = 1 if main_heading(block.text) else 2
        out.append(block)
    return out


COSTS = re.compile(r"oikeudenkäyntikulu|rättegångskostnad", re.IGNORECASE)


def kho_sections(blocks: list[Block]) -> dict[str, list[Block]]:
    """Blocks grouped by main section; what precedes the first main heading is the summary.

    Sub-sections on legal costs are left out: they are the same formula in every decision.
    """
    sections: dict[str, list[Block]] = {"summary": []}
    current = "summary"
    skipping = False
    for block in blocks:
        if block.kind == "heading":
            skipping = block.level == 2 and bool(COSTS.search(block.text))
            if block.level == 1:
                current = main_heading(block.text) or block.text.lower()
                sections.setdefault(current, [])
        if not skipping:
            sections[current].append(block)
    return sections


def window(blocks: list[Block], limit: int) -> list[Block]:
    """The first `limit` paragraphs of a section, or the last -`limit` ones (its conclusion),
    with the section's own heading and the sub-headings inside the window."""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == "para"]
    if len(paragraphs) > abs(limit):
        if limit >= 0:
            blocks = blocks[: paragraphs[limit]]
        else:
            start = paragraphs[limit]
            while start > 0 and blocks[start - 1].kind == "heading":
                start -= 1
            head = blocks[:1] if blocks and blocks[0].kind == "heading" and blocks[0].level == 1 else []
            blocks = head + blocks[max(start, len(head)):]
    return prune_headings(blocks)


def kho_document(spec: KhoSpec, snap: Snapshot, seen: set[str], log: list[str]) -> Document:
    """Summary, background (incl. the appealed municipal decision) and reasoning of one decision."""
    root = parse_xml(snap.read(spec.path))
    sections = kho_sections(kho_blocks(root))
    blocks: list[Block] = []
    for prefix, limit in spec.sections:
        name = next((k for k in sections if k.startswith(prefix)), None)
        if name is None:
            raise SystemExit(f"error: {spec.path} has no section {prefix!r}; has {list(sections)}")
        trial_seen = set(seen)
        kept = keep_prose(sections[name], MIN_WORDS_DEFAULT, trial_seen, log)
        taken = window(kept, limit)
        seen.update(b.signature() for b in taken if b.kind == "para")
        blocks.extend(taken)
    title = text_of(root.find("dcterms:title", NS)).split()[-1]  # "20.3.2024/732 KHO:2024:37"
    keywords = [text_of(s) for s in root.findall("dcterms:description//span", NS)]
    keywords = [k for part in keywords for k in re.split(r"\s+—\s+", part) if k][:3]
    identifier = text_of(root.find("dcterms:identifier", NS))
    return Document(
        id=spec.id, batch=spec.batch, lang=spec.lang, genre="court-decision", title=f"{title}: {'; '.join(keywords)}",
        repo=snap.repo, paths=[spec.path],
        url=f"https://www.finlex.fi/{spec.lang}/oikeus/kho/vuosikirjat/{identifier[:4]}/{identifier}",
        date=text_of(root.find("dcterms:issued", NS)), heading=title, blocks=blocks,
    )


# --------------------------------------------------------------------------------------
# eVaka: Java .properties decision templates
# --------------------------------------------------------------------------------------

PROPERTY_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
PROPERTY_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)


def parse_properties(text: str) -> dict[str, str]:
    """Java .properties: comments, continuation lines, key=value / key:value, escapes."""
    values: dict[str, str] = {}
    logical: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index].lstrip()
        index += 1
        if not line or line[0] in "#!":
            continue
        while _continues(line) and index < len(lines):
            line = line[:-1] + lines[index].lstrip()
            index += 1
        logical.append(line)
    for line in logical:
        match = re.match(r"((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$", line)
        if match:
            values[_unescape(match.group(1))] = _unescape(match.group(2))
    return values


def _continues(line: str) -> bool:
    trailing = len(line) - len(line.rstrip("\\"))
    return trailing % 2 == 1


def _unescape(text: str) -> str:
    return PROPERTY_ESCAPE.sub(
        lambda m: chr(int(m.group(1), 16)) if m.group(1) else PROPERTY_ESCAPES.get(m.group(2), m.group(2)),
        text,
    )


def value_blocks(key: str, value: str) -> list[Block]:
    """Blocks of one properties value; the role comes from the key's last part.

    `*.title` keys are headings; `*.lead` is the lead-in of the list that the following
    numbered keys (`*.1`, `*.2`) form; other values are HTML with <p> and <br/> breaks.
    A short first line without a full stop before a <br/> ("Tulojen muutokset<br/>...")
    is the value's own heading.
    """
    last = key.rsplit(".", 1)[-1]
    if last == "title":
        return [Block("heading", clean(value), key=key)]
    blocks = flatten(html_fragment(value))
    for block in blocks:
        block.key = key
    if len(blocks) > 1 and _is_inline_heading(blocks[0]):
        blocks[0] = Block("heading", blocks[0].text, key=key)
    return blocks


def _is_inline_heading(block: Block) -> bool:
    return (block.kind == "para" and not block.items and len(block.text.split()) <= 6
            and not SENTENCE_END.search(block.text))


def props_blocks(keys: tuple[str, ...], values: dict[str, str], path: str) -> list[Block]:
    """The blocks of the given keys, with `lead` + numbered keys joined into one list."""
    blocks: list[Block] = []
    for key in keys:
        if key not in values:
            raise SystemExit(f"error: {path} has no key {key!r}")
        prefix, last = key.rsplit(".", 1) if "." in key else ("", key)
        if last.isdigit() and blocks and blocks[-1].key.startswith(prefix + ".lead"):
            blocks[-1].items.append("- " + clean(values[key]))
            continue
        if last == "lead":
            blocks.append(Block("para", clean(values[key]), key=key))
            continue
        blocks.extend(value_blocks(key, values[key]))
    return blocks


def props_document(spec: PropsSpec, snap: Snapshot, seen: set[str], log: list[str]) -> Document:
    """A decision letter assembled from its template keys in reading order."""
    blocks: list[Block] = []
    for path, wanted in spec.parts:
        values = parse_properties(snap.text(path))
        for block in props_blocks(wanted, values, path):
            block.key = f"{path.rsplit('/', 1)[-1]}:{block.key}"
            blocks.append(block)
    kept = keep_prose(blocks, MIN_WORDS_DEFAULT, seen, log)
    keys = list(dict.fromkeys(b.key for b in kept))
    first = spec.parts[0][0]
    return Document(
        id=spec.id, batch=spec.batch, lang=spec.lang, genre=spec.genre, title=spec.title, repo=snap.repo,
        paths=[path for path, _ in spec.parts], url=snap.blob_url(first), date=snap.date,
        heading=spec.title, blocks=kept, keys=keys, licence=spec.licence,
    )


# --------------------------------------------------------------------------------------
# eVaka: the citizen i18n file (a TypeScript object with strings and JSX)
# --------------------------------------------------------------------------------------

JSX_AFTER = {"", "(", "[", "{", ",", ":", "?", "=>", "&&", "||", "=", "return"}
"""A '<' after one of these tokens opens JSX; after a name or ')' it is a comparison or generic."""
IDENT = re.compile(r"[A-Za-z_$][\w$]*")
JSX_COMPONENTS = {
    "P": "p", "H1": "h1", "H2": "h2", "H3": "h3", "H4": "h4", "OrderedList": "orderedlist",
    "UnorderedList": "unorderedlist", "ExternalLink": "externallink", "Gap": "gap", "Button": "button",
}
"""eVaka's typography and list components, named as the HTML elements they render."""


@dataclass
class TsxString:
    """A text found in the i18n object: a string literal or a JSX tree, with its key path."""

    path: tuple[str, ...]
    value: str | Node


@dataclass
class _Frame:
    key: str | None
    pending: str | None = None


class TsxScanner:
    """A small lexer for the i18n module: enough TypeScript to find keys, strings and JSX.

    It tracks object keys through nested braces so that every string has a dotted key
    path, reads string and template literals (a template with ${...} is a placeholder),
    and parses JSX elements into Node trees whose {expressions} become placeholders unless
    they are a plain string literal such as {' '}.
    """

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.found: list[TsxString] = []

    # -- JavaScript mode ----------------------------------------------------------------

    def scan(self) -> list[TsxString]:
        self.pos = self.object_start()
        self.js(nested=False)
        return self.found

    def object_start(self) -> int:
        """Where the exported translations object opens: `export default {` or
        `const sv: Translations = {` ... `export default sv`."""
        match = re.search(r"^export default (\{)", self.src, re.M)
        if not match:
            name = re.search(r"^export default (\w+)", self.src, re.M)
            if name:
                match = re.search(rf"^const {name.group(1)}\b[^=\n]*= (\{{)", self.src, re.M)
        if not match:
            raise SystemExit("error: cannot find the exported object of the i18n file")
        return match.start(1)

    def js(self, nested: bool) -> tuple[list[str | Node], int]:
        """Scan JavaScript until the brace that closes this level; return what an
        expression container holds (its string literals and JSX) and its token count."""
        frames = [_Frame(None)]
        previous = ""
        values: list[str | Node] = []
        tokens = 0
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char.isspace():
                self.pos += 1
                continue
            if src.startswith("//", self.pos):
                end = src.find("\n", self.pos)
                self.pos = len(src) if end < 0 else end
                continue
            if src.startswith("/*", self.pos):
                self.pos = src.index("*/", self.pos) + 2
                continue
            tokens += 1
            if char in "'\"`":
                value = self.string_literal()
                self.emit(frames, value, nested, values)
                previous = "str"
            elif char == "<" and previous in JSX_AFTER:
                node = self.jsx_element()
                self.emit(frames, node, nested, values)
                previous = "jsx"
            elif IDENT.match(src, self.pos):
                word = IDENT.match(src, self.pos).group()
                self.pos += len(word)
                if self.is_key(frames):
                    frames[-1].pending = word
                    previous = ":"
                else:
                    previous = word
            elif char in "{([":
                frames.append(_Frame(frames[-1].pending))
                self.pos += 1
                previous = char
            elif char in "})]":
                self.pos += 1
                if len(frames) == 1:
                    if nested:
                        return values, tokens - 1
                    return values, tokens
                frames.pop()
                previous = char
            elif char == ",":
                frames[-1].pending = None
                self.pos += 1
                previous = ","
            else:
                for operator in ("=>", "&&", "||", "===", "!==", "==", "?.", "..."):
                    if src.startswith(operator, self.pos):
                        self.pos += len(operator)
                        previous = operator
                        break
                else:
                    self.pos += 1
                    previous = char
        return values, tokens

    def is_key(self, frames: list[_Frame]) -> bool:
        """A name directly followed by ':' inside an object literal is a key."""
        rest = self.src[self.pos:self.pos + 40].lstrip()
        if not rest.startswith(":") or rest.startswith("::"):
            return False
        self.pos = self.src.index(":", self.pos) + 1
        return True

    def emit(self, frames: list[_Frame], value: str | Node, nested: bool, values: list[str | Node]) -> None:
        if nested:
            values.append(value)
            return
        path = tuple(f.key for f in frames if f.key) + ((frames[-1].pending,) if frames[-1].pending else ())
        self.found.append(TsxString(path, value))

    def string_literal(self) -> str:
        """Read a '...', "..." or `...` literal; a template with ${...} gets a placeholder."""
        quote = self.src[self.pos]
        self.pos += 1
        parts: list[str] = []
        while True:
            char = self.src[self.pos]
            if char == "\\":
                escaped = self.src[self.pos + 1]
                parts.append({"n": "\n", "t": "\t"}.get(escaped, escaped))
                self.pos += 2
            elif char == quote:
                self.pos += 1
                return "".join(parts)
            elif quote == "`" and self.src.startswith("${", self.pos):
                self.pos += 2
                self.js(nested=True)
                parts.append(PLACEHOLDER_MARK)
            else:
                parts.append(char)
                self.pos += 1

    # -- JSX mode -------------------------------------------------------------------------

    def jsx_element(self) -> Node:
        """Parse <Name attrs>children</Name>, <Name />, or a fragment <>...</>."""
        self.pos += 1
        name_match = re.compile(r"[\w.$:-]*").match(self.src, self.pos)
        name = name_match.group()
        self.pos = name_match.end()
        node = Node(JSX_COMPONENTS.get(name, name if name[:1].isupper() else name.lower()))
        while True:
            self.skip_space()
            if self.src.startswith("/>", self.pos):
                self.pos += 2
                return node
            if self.src[self.pos] == ">":
                self.pos += 1
                break
            if self.src[self.pos] == "{":  # {...spread}
                self.pos += 1
                self.js(nested=True)
                continue
            attr = re.compile(r"[\w$:-]+").match(self.src, self.pos)
            self.pos = attr.end()
            self.skip_space()
            if self.src[self.pos] != "=":
                node.attrs[attr.group()] = ""
                continue
            self.pos += 1
            self.skip_space()
            if self.src[self.pos] in "'\"":
                quote = self.src[self.pos]
                end = self.src.index(quote, self.pos + 1)
                node.attrs[attr.group()] = html.unescape(self.src[self.pos + 1:end])
                self.pos = end + 1
            else:
                self.pos += 1
                values, tokens = self.js(nested=True)
                if tokens == 1 and len(values) == 1 and isinstance(values[0], str):
                    node.attrs[attr.group()] = values[0]
        self.jsx_children(node)
        return node

    def jsx_children(self, node: Node) -> None:
        while True:
            if self.src.startswith("</", self.pos):
                self.pos = self.src.index(">", self.pos) + 1
                return
            char = self.src[self.pos]
            if char == "<":
                node.children.append(self.jsx_element())
            elif char == "{":
                self.pos += 1
                values, tokens = self.js(nested=True)
                if tokens == 0:
                    continue  # {/* comment */}
                if tokens == 1 and len(values) == 1 and isinstance(values[0], str):
                    node.children.append(values[0])
                else:
                    node.children.append(Node("#placeholder"))
            else:
                end = min(i for i in (self.src.find("<", self.pos), self.src.find("{", self.pos)) if i >= 0)
                node.children.append(jsx_text(self.src[self.pos:end]))
                self.pos = end

    def skip_space(self) -> None:
        while self.src[self.pos].isspace():
            self.pos += 1


def jsx_text(raw: str) -> str:
    """JSX whitespace: lines are trimmed, blank lines dropped, the rest joined by spaces."""
    lines = raw.split("\n")
    if len(lines) == 1:
        return html.unescape(raw)
    kept = []
    for index, line in enumerate(lines):
        if index > 0:
            line = line.lstrip()
        if index < len(lines) - 1:
            line = line.rstrip()
        if line:
            kept.append(line)
    return html.unescape(" ".join(kept))


def tsx_blocks(item: TsxString) -> list[Block]:
    """Blocks of one i18n entry: a string is one paragraph, JSX is flattened."""
    key = ".".join(item.path)
    if isinstance(item.value, str):
        parts = (clean(part) for part in line_breaks(item.value).split("<br>"))
        blocks = attach_list_lines([Block("para", part) for part in parts if part])
    else:
        blocks = flatten(Node("div", children=[item.value]))
    for block in blocks:
        block.key = key
        if block.kind == "heading":
            block.level = 2
    return blocks


def tsx_document(spec: TsxSpec, snap: Snapshot, found: list[TsxString], seen: set[str], log: list[str]) -> Document:
    """Prose strings of one section of the citizen UI, in file order, up to spec.limit."""
    kept: list[Block] = []
    for item in found:
        key = ".".join(item.path)
        if any(key == p or key.startswith(p + ".") for p in spec.prefixes):
            # Each entry on its own, so that a heading never lands above another entry's text.
            kept.extend(keep_prose(tsx_blocks(item), MIN_WORDS_UI, seen, log))
    kept = cap_paragraphs(kept, spec.limit, seen)
    return Document(
        id=spec.id, batch=spec.batch, lang=spec.lang, genre="service-instructions", title=spec.title, repo=snap.repo,
        paths=[spec.path], url=snap.blob_url(spec.path), date=snap.date, heading="",
        blocks=kept, keys=list(dict.fromkeys(b.key for b in kept if b.kind == "para")),
    )


def cap_paragraphs(blocks: list[Block], limit: int, seen: set[str]) -> list[Block]:
    """Keep the first `limit` paragraphs; later ones are released for other documents."""
    out: list[Block] = []
    count = 0
    for block in blocks:
        if block.kind == "para":
            count += 1
            if count > limit:
                seen.discard(block.signature())
                continue
        out.append(block)
    return prune_headings(out)


# --------------------------------------------------------------------------------------
# Lupapiste: resources/i18n/*.txt ("key" "lang" "text" per line)
# --------------------------------------------------------------------------------------

LUPA_LINE = re.compile(r'^"((?:[^"\\]|\\.)*)" "(\w+)" "((?:[^"\\]|\\.)*)"\s*$')


def parse_lupapiste(text: str, lang: str) -> list[tuple[str, str]]:
    """(key, value) pairs of one language in file order; \\" and \\n escapes decoded."""
    pairs = []
    for line in text.splitlines():
        match = LUPA_LINE.match(line)
        if match and match.group(2) == lang:
            value = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), match.group(3))
            pairs.append((match.group(1), value))
    return pairs


def lupapiste_document(spec: LupapisteSpec, snap: Snapshot, seen: set[str], log: list[str]) -> Document:
    """Help texts and notices for applicants and neighbours from one i18n file."""
    patterns = [re.compile(p) for p in spec.patterns]
    kept: list[Block] = []
    for key, value in parse_lupapiste(snap.text(spec.path), spec.lang):
        if any(p.fullmatch(key) for p in patterns):
            blocks = flatten(html_fragment(line_breaks(value)))
            for block in blocks:
                block.key = key
            kept.extend(keep_prose(blocks, MIN_WORDS_UI, seen, log))
    kept = cap_paragraphs(kept, spec.limit, seen)
    return Document(
        id=spec.id, batch=spec.batch, lang=spec.lang, genre="permit-service", title=spec.title, repo=snap.repo,
        paths=[spec.path], url=snap.blob_url(spec.path), date=snap.date, heading="",
        blocks=kept, keys=list(dict.fromkeys(b.key for b in kept if b.kind == "para")),
    )


def mail_blocks(text: str) -> list[Block]:
    """Paragraphs of a Markdown e-mail template: blocks separated by a blank line, lines joined,
    entities decoded. A line starting with '#' is the greeting ("# Hei {{name}},"): not prose."""
    blocks = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        if chunk.strip() and not chunk.lstrip().startswith("#"):
            blocks.append(Block("para", clean(html.unescape(chunk))))
    return blocks


def lupapiste_mail_document(spec: LupapisteMailSpec, snap: Snapshot, seen: set[str], log: list[str]) -> Document:
    """E-mails to applicants and neighbours, one template after another, up to spec.limit paragraphs."""
    kept: list[Block] = []
    paths = [f"{MAIL_TEMPLATES}/{spec.lang}-{name}.md" for name in spec.names]
    for name, path in zip(spec.names, paths):
        blocks = mail_blocks(snap.text(path))
        for block in blocks:
            block.key = name
        kept.extend(keep_prose(blocks, MIN_WORDS_UI, seen, log))
    kept = cap_paragraphs(kept, spec.limit, seen)
    keys = list(dict.fromkeys(b.key for b in kept if b.kind == "para"))
    return Document(
        id=spec.id, batch=spec.batch, lang=spec.lang, genre="permit-service", title=spec.title, repo=snap.repo,
        paths=[path for name, path in zip(spec.names, paths) if name in keys],
        url=snap.blob_url(f"{MAIL_TEMPLATES}/{spec.lang}-{keys[0]}.md" if keys else MAIL_TEMPLATES),
        date=snap.date, heading="", blocks=kept, keys=keys,
    )


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def to_markdown(doc: Document) -> str:
    """Blocks separated by one blank line; a paragraph on one line, its list items below it."""
    parts = [f"# {doc.heading}"] if doc.heading else []
    for block in doc.blocks:
        if block.kind == "heading":
            parts.append(f"## {block.text}")
        else:
            parts.append("\n".join(([block.text] if block.text else []) + block.items))
    return "\n\n".join(parts) + "\n"


def assign_splits(docs: list[Document]) -> None:
    """Batch 1 is stratified by language and genre: documents in seeded hash order each go to
    the split that has fewer paragraphs of that stratum so far (ties to test). Batch 2 is
    development data: all of it goes to dev, and it does not count in batch 1's strata (so the
    frozen test half stays as it was)."""
    strata: dict[tuple[str, str], list[Document]] = {}
    for doc in docs:
        if doc.batch != 1:
            doc.split = BATCH_SPLITS[doc.batch]
            continue
        strata.setdefault((doc.lang, doc.genre), []).append(doc)
    for members in strata.values():
        members.sort(key=lambda d: hashlib.sha256(f"{SPLIT_SEED}:{d.id}".encode()).hexdigest())
        totals = {"test": 0, "dev": 0}
        for doc in members:
            split = "test" if totals["test"] <= totals["dev"] else "dev"
            doc.split = split
            totals[split] += len(doc.paragraphs)


def metadata(doc: Document, snap: Snapshot) -> dict[str, object]:
    source: dict[str, object] = {
        "repo": doc.repo,
        "commit": snap.commit,
        "path": doc.paths[0] if len(doc.paths) == 1 else doc.paths,
    }
    if doc.keys:
        source["keys"] = doc.keys
    licence = LICENCES[doc.licence] if doc.licence else LICENCES.get(doc.genre) or LICENCES[doc.repo]
    batch = {} if doc.batch == 1 else {"batch": doc.batch}  # batch-1 lines stay as they were
    return {
        "id": doc.id, "lang": doc.lang, "genre": doc.genre, "title": doc.title, "split": doc.split, **batch,
        "source": source, "url": doc.url, "date": doc.date, "licence": licence,
        "paragraphs": len(doc.paragraphs), "words": doc.n_words(),
    }


GENRES = ("law", "court-decision", "municipal-decision", "service-instructions", "permit-service")


def count_table(docs: list[Document]) -> str:
    """Markdown table of documents / paragraphs / words per language × genre × split."""
    rows = ["| lang | genre | dev docs | dev paragraphs | dev words | of which batch 2: docs | paragraphs | words "
            "| of which batch 3: docs | paragraphs | words | of which batch 4: docs | paragraphs | words "
            "| of which batch 5: docs | paragraphs | words | of which batch 6: docs | paragraphs | words "
            "| of which batch 7: docs | paragraphs | words | test docs | test paragraphs | test words |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:"
            "|---:|---:|---:|---:|---:|---:|"]
    for lang in ("fi", "sv"):
        for genre in [*GENRES, "all"]:
            cells = []
            for split, batches in (("dev", BATCHES), *(("dev", (batch,)) for batch in BATCHES[1:]), ("test", BATCHES)):
                chosen = [d for d in docs if d.lang == lang and d.split == split and genre in ("all", d.genre)
                          and d.batch in batches]
                cells += [len(chosen), sum(len(d.paragraphs) for d in chosen), sum(d.n_words() for d in chosen)]
            name = f"**{genre}**" if genre == "all" else genre
            rows.append(f"| {lang} | {name} | " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(rows)


HELD_OUT = (
    "Yle Selkouutiset items from July 2025 on",
    "IldikoPilan/sent_cefr",
    "OscPop/klarsprak",
    "MayADevBe/Swedish-FrequencyList-8Sidor",
    "UD Finnish-TDT test",
)


def readme(docs: list[Document], snaps: dict[str, Snapshot]) -> str:
    """The corpus README: purpose, sources and licences, rebuild command, split, counts."""
    fin, eva, lup = snaps[FINLEX], snaps[EVAKA], snaps[LUPAPISTE]
    listing = "\n".join(
        f"| `{d.id}` | {d.genre} | {d.split} | {d.batch} | {len(d.paragraphs)} | {d.n_words()} | {d.title} |"
        for d in sorted(docs, key=lambda d: (d.lang, GENRES.index(d.genre), d.id))
    )
    held_out = "\n".join(f"- {name}" for name in HELD_OUT)
    return f"""# Real official text (corpus/real)

Real Finnish and Swedish public-sector text that nobody in the selkeys project wrote, for
measuring the linter's findings (precision and recall) against human annotations. The
annotation follows in `gold/`; this folder holds only the texts, their sources and the split.

Built by `scripts/build_real_corpus.py` from three public git snapshots. Do not edit the files
here by hand: change the document tables in the script and rebuild.

## Layout

- `docs/<lang>/<id>.md`: one document per file. Optional `# Title` line, then blocks separated by
  one blank line: `## ...` headings (kept where the source has them; not counted), one prose
  paragraph per line, and lists as consecutive lines (`1) ...`, `- ...`) right below their lead-in
  line (a lead-in with its list counts as one paragraph).
- `documents.jsonl`: one object per document: `id`, `lang`, `genre`, `title`, `split`, `source`
  (`repo`, `commit`, `path`, `keys`), `url`, `date`, `licence`, `paragraphs`, `words`.

The text is not corrected or normalised. The only changes: HTML/JSX markup removed, entities
decoded, whitespace inside a paragraph collapsed to single spaces, soft hyphens removed.
Paragraphs are dropped whole (never edited) when they are headings or labels, shorter than
{MIN_WORDS_DEFAULT} words ({MIN_WORDS_UI} for the eVaka and Lupapiste UI strings), lists of statute
references, signatures and names of judges, carry a template placeholder (`{{0}}`, `${{...}}`,
a JSX expression), or repeat a paragraph already taken for an earlier document of the same
language (so that dev and test never share a paragraph).

## What was taken

The document tables at the top of the script name every source file and the part taken:

- **law**: whole chapters of original statutes (Finlex `data/asd`, the text as enacted, so the
  `url` points at the original version, `laki/alkup`), cut at whole sections to at most
  {MAX_PARAGRAPHS} paragraphs. One paragraph per subsection (momentti); numbered points are list items
  under their lead-in. Section headings are kept as `## 12 § Otsikko`.
- **court-decision**: KHO yearbook decisions (Finlex `data/kho`): the summary, the background
  (which quotes the municipal or agency decision appealed) and the end of the court's reasoning,
  each capped at a few paragraphs; sub-sections on legal costs are left out. The Swedish ones are
  the official Swedish versions (HFD); full Swedish texts exist only up to 2018.
- **municipal-decision**: eVaka decision-letter templates of the City of Espoo (`*.properties`):
  how to accept the place, fees, and the instructions for a request for a review
  (oikaisuvaatimusohje / anvisning om omprövning); from batch 4 also the City of Turku's templates
  in the same repository (`service/src/main/resources/turku/templates/`), from batch 5 the City of Oulu's
  (`service/src/main/resources/oulu/templates/`, Finnish only), from batch 6 the City of Tampere's
  (`service/src/main/resources/tampere/templates/`, Finnish only). Keys listed in `source.keys`.
- **service-instructions**: eVaka's citizen web texts (`i18n/fi.tsx`, `sv.tsx`), one document per
  top-level section (applications, income, decisions, accessibility statement); later batches take
  named sub-sections (the keys are listed in `source.keys`).
- **permit-service**: Lupapiste help texts and notices for applicants (`resources/i18n/*.txt`),
  one document per file, selected by key patterns; from batch 4 also the e-mails Lupapiste sends to
  applicants and neighbours (`resources/email-templates/<lang>-<name>.md`, one paragraph per block;
  the template names are listed in `source.keys`).

The corpus was built in seven batches from the same snapshots. **Batch 1** (43 documents) is the
one split into dev and test. **Batch 2** (16 documents, all `dev`, marked `"batch": 2` in
`documents.jsonl` and listed after batch 1 there) adds development text: sections 22, 23, 26 and
29 of Kuntalaki / Kommunallag (410/2015) and chapter 7 of Hallintolaki / Förvaltningslag
(434/2003); the KHO decisions KHO:2017:103 and KHO:2017:122 (Finnish) and HFD:2016:110 and
HFD:2012:41 (Swedish, full texts in the official Swedish version); the eVaka citizen texts of
the application form (`applications.editor.*`) and of login, calendar, personal details and
children; and the Lupapiste help texts for a building's data (`uusiRakennus.*.help`) and for the
application page (`application.*` in `application.txt`). Batch 2 is read after all of batch 1,
so it drops every paragraph that repeats (or nearly repeats) a batch-1 paragraph, and batch 1's
documents, files, split and `documents.jsonl` lines are exactly as they were before batch 2.

**Batch 3** (11 documents, all `dev`, marked `"batch": 3` and listed after batch 2) adds text on
appeals and rectification, which letters to residents cite densely, and more Swedish official
prose: sections 134, 135, 137, 138 and 141 of Kuntalaki / Kommunallag (410/2015) (request for a
review and municipal appeal), chapter 8 of Hallintolaki / Förvaltningslag (434/2003) (correcting
an error in a decision), and sections 187, 190 and 192 of Maankäyttö- ja rakennuslaki /
Markanvändnings- och bygglag (132/1999) (rectification demand and the right of appeal); the KHO
decisions KHO:2024:3 and KHO:2023:43, which quote the decisions appealed (a disability service
and a basic social assistance decision), and HFD:2015:44 (Swedish, full text; it quotes the
decision of the State Department of Åland); and the Lupapiste help texts of `allu.txt` (the
application tabs and the area-rental form). Batch 3 is read after batches 1 and 2 and drops every
paragraph that repeats one of theirs (`allu.txt` repeats six help texts of earlier Lupapiste
documents in each language); the earlier documents and their `documents.jsonl` lines are unchanged.

**Batch 4** (12 documents, all `dev`, marked `"batch": 4` and listed after batch 3) adds what the
development half lacked most: Swedish official prose and letters to residents that cite provisions
densely. Swedish: three HFD decisions in their official Swedish full text that quote the decision
appealed, HFD:2009:24 (a municipal board's rule on client fees for long-term institutional care, with
its presentation text), HFD:2014:107 (a police decision on a temporary driving ban, Åland) and
HFD:2018:114 (the Finnish Immigration Service's refusal of a residence permit on family ties); the
City of Turku's decision letters in Swedish (a place in early childhood education, a pre-school place:
accepting the place, notification, competence and the instructions for a request for a review); the
rest of eVaka's Swedish application form (shift care, support, preparatory education); and the
Lupapiste e-mails to applicants and neighbours. Finnish: the Turku letters in Finnish (the reasons,
appeal and competence of the pre-school decision, which cite the Basic Education Act and board
decisions; the day-care decision with its review instructions) and the Lupapiste e-mails (which cite
MRL 143 §). Both languages: sections 9 to 13 of Laki varhaiskasvatuksen asiakasmaksuista / Lag om
klientavgifter inom småbarnspedagogiken (1503/2016), the fee rules that eVaka's fee decisions cite
(absence, a place not cancelled, income, revision, waiver). Batch 4 is read after batches 1 to 3 and
drops every paragraph that repeats one of theirs or an earlier one of its own (the Finnish Turku
review instructions repeat three of Espoo's, the Swedish pre-school instructions three of the day-care
ones, and the two Turku letters share their competence text, taken once); the signature line
of older Swedish decisions ("I ärendets avgörande har deltagit ...") is dropped like the other
signatures. The earlier documents and their `documents.jsonl` lines are unchanged.

**Batch 5** (10 documents, all `dev`, marked `"batch": 5` and listed after batch 4) adds statute sections
that residents read, decisions on services for children and letters of a municipality not used before.
Both languages: sections 4, 5, 6 and 8 of Laki sosiaalihuollon asiakkaan asemasta ja oikeuksista / Lag om
klientens ställning och rättigheter inom socialvården (812/2000) (good treatment, an account of the options,
a decision or contract, self-determination) and sections 6, 28 and 32 of Perusopetuslaki / Lag om
grundläggande utbildning (628/1998) (the school place, the place of education, school transport); the
Lupapiste help texts of the application tabs for the other permit types (`help.KT.*`, `help.MAL.*`,
`help.VVVL.*` and the like in `common.txt`; most repeat the building-permit help of batch 1 and are dropped).
Finnish: KHO:2016:51 (free school transport; it quotes the decision of Kajaani's head of basic education)
and the City of Oulu's letters (accepting a day-care place, notes of the fee decision, the request for a
review of day-care and fee decisions and the appeal instructions of the pre-school decision). Swedish:
HFD:2006:23 (full text: a computer for a disabled child refused by a municipal social services, Åland) and
the City of Turku's Swedish letters not used before (service voucher, fee and voucher-value decisions, a
place in open early childhood education). Batch 5 is read after batches 1 to 4 and drops every paragraph that
repeats one of theirs; the earlier documents and their `documents.jsonl` lines are unchanged.

**Batch 6** (12 documents, all `dev`, marked `"batch": 6` and listed after batch 5) adds what residents are sent
and pointed to, in the genres the development half had least of (letters and service instructions). Both
languages: sections 1, 2, 14 and 17 of Laki toimeentulotuesta / Lag om utkomststöd (1412/1997, as enacted: the
purpose of and right to social assistance, which municipality grants it, the duty to give information) and
sections 5 and 32 of Vammaispalvelulaki / Lag om funktionshinderservice (675/2023: how decisions on disability
services are made, economic support for devices). Finnish: KHO:2024:56 (an air-source heat pump for a child with
epilepsy; it quotes the City of Oulu's refusal and the board's decision on the request for a review); the City of
Tampere's letters, a city not used before (the day-care decision with its reasons, conditions, fee notes, notice of
service and review instructions; the notes of the fee decision and the pre-school decision with its review
instructions); and eVaka's citizen texts on notifications, changing the service need and ending a place (the
paragraphs that batches 1 and 2 did not take). Swedish: HFD:2007:58 (full text: an appeal filed late after an
appeal instruction that did not mention e-mail; it cites the municipal council of Saltvik's exception permit);
eVaka's citizen texts on the request for a review of a support decision, notifications, absences, changing the
service need and ending a place, and the rest of the application form (`applications.editor.*` not taken before);
and the Lupapiste help on attachments and drawings (`attachments.txt`). No Swedish letters were added: only Espoo
and Turku have Swedish templates, the earlier batches took Turku's, Espoo's transfer letter repeats its day-care
letter but for one sentence, and Espoo's preparatory-education letter was left alone as a sibling of the test
half's pre-school letter.
Batch 6 is read after batches 1 to 5 and drops every paragraph that repeats one of theirs or an earlier one of its
own (five of the Tampere paragraphs); the earlier documents and their `documents.jsonl` lines are unchanged.

**Batch 7** (13 documents, all `dev`, marked `"batch": 7` and listed after batch 6) adds statute sections residents
meet and more instructions. Both languages: sections 2 to 4 of Kotikuntalaki / Lag om hemkommun (201/1994, as
enacted: what the municipality of residence is, when it does not change, moving to Finland) and sections 35 and 36
of Sosiaalihuoltolaki / Socialvårdslag (1301/2014: contacting social welfare about someone's need of support, the
assessment of the need for services); the Lupapiste help on company accounts and authorising a company
(`company.txt`). Finnish: KHO:2020:60 (free school transport for a pupil with a rare illness to the school he
started at, as a reasonable accommodation; the city's refusal is quoted) and KHO:2023:40 (social assistance for the
costs of moving and a rent deposit; Kela's decisions quoted, and the refusal of leave to appeal); the rest of
eVaka's Finnish application form (`applications.editor.*` not taken before) and the Lupapiste help on attachments
and drawings (`attachments.txt`, the Swedish one is batch 6's). Swedish: HFD:2012:128 (a hospital district closing
a maternity ward that served Swedish speakers; language rights) and HFD:2008:48 (the town council of Kristinestad
recalling the members of two boards after a vote of no confidence in one of them; who must be heard); eVaka's
Swedish application-form instructions on siblings, units, fees, diets and contact details not taken in batch 6. No
decision letters were added in this batch.
Batch 7 is read after batches 1 to 6 and drops every paragraph that repeats one of theirs; the earlier documents
and their `documents.jsonl` lines are unchanged.

## Sources and licences

| genre | source | commit | licence | why it may be redistributed |
|---|---|---|---|---|
| law | [{FINLEX}](https://github.com/{FINLEX}) `data/asd/<lang>/` (original statutes, Finnish and the official Swedish versions) | `{fin.commit}` | {LICENCES['law']} | Laws are outside copyright (Tekijänoikeuslaki 404/1961, 9 §). The dataset's original statutes are CC BY (only the consolidated legislation is CC BY-NC; it is not used). |
| court-decision | [{FINLEX}](https://github.com/{FINLEX}) `data/kho/<lang>/` (Supreme Administrative Court yearbook decisions; they quote the municipal and agency decisions appealed) | `{fin.commit}` | {LICENCES['court-decision']} | Decisions of courts and authorities are outside copyright (Tekijänoikeuslaki 9 §); the KHO dataset is CC BY 4.0 (Semantic Finlex, Ministry of Justice). |
| municipal-decision, service-instructions | [{EVAKA}](https://github.com/{EVAKA}) `service/src/main/resources/espoo/templates/` and `frontend/src/lib-customizations/defaults/citizen/i18n/` | `{eva.commit}` ({eva.date}) | {LICENCES[EVAKA]} | Free licence; texts written by City of Espoo officials (SPDX headers). Redistribution under LGPL-2.1-or-later with attribution. |
| municipal-decision (batch 4) | [{EVAKA}](https://github.com/{EVAKA}) `service/src/main/resources/turku/templates/` | `{eva.commit}` ({eva.date}) | {LICENCES["evaka-turku"]} | Free licence; texts written by City of Turku officials (SPDX headers: "2021/2022 City of Turku", LGPL-2.1-or-later). Redistribution under LGPL-2.1-or-later with attribution. |
| municipal-decision (batch 5) | [{EVAKA}](https://github.com/{EVAKA}) `service/src/main/resources/oulu/templates/` | `{eva.commit}` ({eva.date}) | {LICENCES["evaka-oulu"]} | Free licence; texts written by City of Oulu officials (SPDX headers: "2021 City of Oulu", LGPL-2.1-or-later). Redistribution under LGPL-2.1-or-later with attribution. |
| municipal-decision (batch 6) | [{EVAKA}](https://github.com/{EVAKA}) `service/src/main/resources/tampere/templates/` | `{eva.commit}` ({eva.date}) | {LICENCES["evaka-tampere"]} | Free licence; texts written by City of Tampere officials (SPDX headers: "2021 City of Tampere" and "2021-2023 City of Tampere", LGPL-2.1-or-later). Redistribution under LGPL-2.1-or-later with attribution. |
| permit-service | [{LUPAPISTE}](https://github.com/{LUPAPISTE}) `resources/i18n/` and (batch 4) `resources/email-templates/` | `{lup.commit}` ({lup.date}) | {LICENCES[LUPAPISTE]} | Free licence (EUPL-1.2, LICENSE file in the repository). Redistribution under EUPL-1.2 with attribution. |

## Rebuild

Clone the three repositories bare, each into `<mirror>/<owner>+<name>/repo`
(`git clone --bare https://github.com/{FINLEX} /work/.mirror/{FINLEX.replace("/", "+")}/repo`, and the same for
`{EVAKA}` and `{LUPAPISTE}`), so that the commits above are there. Then, from the repository root:

```sh
.venv/bin/python scripts/build_real_corpus.py --mirror /work/.mirror --out corpus/real
```

The build is deterministic: the same snapshots give byte-identical files. The script stops with
an error if a snapshot, file, key or section it names is missing.

## Split

Whole documents go to `dev` (free to look at while developing rules) or `test` (frozen; look at
it only to report results). Batch 1 is split stratified by language and genre: within each stratum
the documents are ordered by `sha256("{SPLIT_SEED}:<id>")` (seed `{SPLIT_SEED}`) and each goes to
the split that has fewer paragraphs of that stratum so far (ties to `test`). Batches 2 to 7 go to
`dev` as a whole (development data) and do not take part in that balancing, so the test half is
the same 20 documents as before; the dev half is now larger than the test half.

{count_table(docs)}

## Documents

| id | genre | split | batch | paragraphs | words | source |
|---|---|---|---:|---:|---:|---|
{listing}

## Held out: never use these here

These sources are kept for independent evaluation and must never be added to this corpus or used
to build or tune anything that is measured on it:

{held_out}
"""


def build(mirror: Path, out: Path, verbose: bool) -> list[Document]:
    """Read every document named in the tables, write the corpus, return the documents."""
    snaps = {repo: Snapshot(mirror, repo) for repo in REPOS}
    seen: dict[str, set[str]] = {"fi": set(), "sv": set()}
    log: list[str] = []
    docs: list[Document] = []

    def add(doc_log: list[str], doc: Document) -> None:
        docs.append(doc)
        log.append(f"{doc.id}: {len(doc.paragraphs)} paragraphs")
        log.extend(doc_log)

    tsx_found: dict[str, list[TsxString]] = {}
    # Batch 1 first, then batch 2, and so on, so that a later document never takes a paragraph that an
    # earlier batch had, and drops any paragraph that repeats one of an earlier batch.
    for batch in BATCHES:
        for law in (spec for spec in LAWS if spec.batch == batch):
            doc_log: list[str] = []
            add(doc_log, law_document(law, snaps[FINLEX], seen[law.lang], doc_log))
        for kho in (spec for spec in KHO if spec.batch == batch):
            doc_log = []
            add(doc_log, kho_document(kho, snaps[FINLEX], seen[kho.lang], doc_log))
        for props in (spec for spec in PROPS if spec.batch == batch):
            doc_log = []
            add(doc_log, props_document(props, snaps[EVAKA], seen[props.lang], doc_log))
        for tsx in (spec for spec in TSX if spec.batch == batch):
            if tsx.path not in tsx_found:
                tsx_found[tsx.path] = TsxScanner(snaps[EVAKA].text(tsx.path)).scan()
            doc_log = []
            add(doc_log, tsx_document(tsx, snaps[EVAKA], tsx_found[tsx.path], seen[tsx.lang], doc_log))
        for lupa in (spec for spec in LUPA if spec.batch == batch):
            doc_log = []
            add(doc_log, lupapiste_document(lupa, snaps[LUPAPISTE], seen[lupa.lang], doc_log))
        for mail in (spec for spec in LUPA_MAIL if spec.batch == batch):
            doc_log = []
            add(doc_log, lupapiste_mail_document(mail, snaps[LUPAPISTE], seen[mail.lang], doc_log))

    check(docs)
    assign_splits(docs)
    write(docs, snaps, out)
    if verbose:
        print("\n".join(log), file=sys.stderr)
    return docs


def check(docs: list[Document]) -> None:
    """Fail loudly when a table entry no longer yields a usable document."""
    problems = []
    ids = [d.id for d in docs]
    for doc in docs:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", doc.id) or not doc.id.startswith(doc.lang + "-"):
            problems.append(f"{doc.id}: id must be lowercase ascii and start with the language")
        if ids.count(doc.id) > 1:
            problems.append(f"{doc.id}: duplicate id")
        if not MIN_PARAGRAPHS <= len(doc.paragraphs) <= MAX_PARAGRAPHS:
            problems.append(f"{doc.id}: {len(doc.paragraphs)} paragraphs, need {MIN_PARAGRAPHS}-{MAX_PARAGRAPHS}")
    if problems:
        raise SystemExit("error:\n  " + "\n  ".join(sorted(set(problems))))


def write(docs: list[Document], snaps: dict[str, Snapshot], out: Path) -> None:
    """Write docs/<lang>/<id>.md, documents.jsonl and README.md; remove stale document files."""
    for lang in ("fi", "sv"):
        folder = out / "docs" / lang
        folder.mkdir(parents=True, exist_ok=True)
        wanted = {f"{d.id}.md" for d in docs if d.lang == lang}
        for stale in folder.glob("*.md"):
            if stale.name not in wanted:
                stale.unlink()
    ordered = sorted(docs, key=lambda d: (d.batch, d.lang, GENRES.index(d.genre), d.id))
    for doc in ordered:
        (out / "docs" / doc.lang / f"{doc.id}.md").write_text(to_markdown(doc), encoding="utf-8", newline="\n")
    with (out / "documents.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for doc in ordered:
            fh.write(json.dumps(metadata(doc, snaps[doc.repo]), ensure_ascii=False) + "\n")
    (out / "README.md").write_text(readme(docs, snaps), encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, required=True, help="folder holding <owner>+<name>/repo snapshots")
    parser.add_argument("--out", type=Path, required=True, help="output folder, e.g. corpus/real")
    parser.add_argument("--verbose", action="store_true", help="list the paragraphs dropped and why")
    args = parser.parse_args(argv)
    docs = build(args.mirror, args.out, args.verbose)
    print(count_table(docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
