"""Remove personal data from residents' comments before anything is stored.

A comment is about the page, not about the resident; people still write "call me on
040 123 4567", their identity code or their street address. This module replaces e-mail
addresses (also written "matti at kunta dot fi", "matti(at)kunta.fi" or with a fullwidth ＠),
Finnish personal identity codes and Swedish personnummer (with any dash, a space or nothing
between the parts, even glued to a word: "nro131052-308T"), IBAN account numbers, phone
numbers (+358 40 123 4567, 358 40 1234567, 040.123.4567, 040/1234567, (09) 310 1234) and
street addresses (capitalised or not: "mannerheimintie 12 a 5") by a bracketed label in the
comment's language. The widget shows the result before sending (it asks the service, so
there is one implementation).

The patterns err on the side of removing: a false positive costs a few words of a comment,
a false negative leaks a resident's phone number into a dashboard. They still leave dates,
times, amounts, section and diary numbers alone: where a shape is shared (ten digits, a
dotted run of numbers), the candidate is checked (date and check character, the groups a
phone number is written in) before it is removed.

Every pattern runs in time linear in the text: candidates start only at the beginning of a
run (a lookbehind refuses every later position at once), and each has a bounded length.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selkeys.messages import text as message

# invisible characters a resident (or a copy from elsewhere) may leave inside a number
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2060\ufeff]")
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH = f"[{DASHES}]"
_SPACE = r"[^\S\n]"  # any space but a line break (no-break and thin spaces included)
_AT = (rf"(?:{_SPACE}{{0,2}}[@\uff20\ufe6b]{_SPACE}{{0,2}}"
       rf"|{_SPACE}?[(\[{{<]{_SPACE}?(?:at|ät|a|miuku){_SPACE}?[)\]}}>]{_SPACE}?"
       rf"|{_SPACE}+(?:at|ät){_SPACE}+)")
_DOT = (rf"(?:\.|{_SPACE}?[(\[{{<]{_SPACE}?(?:dot|piste|punkt){_SPACE}?[)\]}}>]{_SPACE}?"
        rf"|{_SPACE}+(?:dot|piste|punkt){_SPACE}+)")
_LOCAL = r"[\w.!#$%&'*+/=?^`{|}~-]"
EMAIL = re.compile(rf"(?<!{_LOCAL}){_LOCAL}{{1,64}}{_AT}[\w-]{{1,63}}+(?:{_DOT}[\w-]{{1,63}}+){{0,4}}{_DOT}"
                   rf"[^\W\d_]{{2,12}}+(?![\w-])", re.IGNORECASE)

# Finnish henkilötunnus: ddmmyy, century sign (+, -, A-F, U-Y since 2023; any dash, a space or
# nothing as people type it), individual number, check character
HETU = re.compile(rf"(?<!\d)(\d{{6}})({_DASH}|[+A-FU-Y]|{_SPACE})?(\d{{3}})([0-9A-FHJ-NPR-Y])(?![0-9])",
                  re.IGNORECASE)
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# Swedish personnummer: (yy)yymmdd, - or + (or as typed), four digits, the last a Luhn check
PERSONNUMMER = re.compile(rf"(?<!\d)((?:19|20)?\d{{6}})({_DASH}|\+|{_SPACE})?(\d{{4}})(?!\d)")
# IBAN: country, check digits, the account in groups (Nordic and German accounts are digits),
# glued to a word or not (the check digits decide); atomic, so a long run of digits is not split every possible way before it is refused
IBAN = re.compile(rf"(?<!\d)([a-z]{{2}})(\d{{2}})((?>(?:{_SPACE}?\d{{1,4}}+){{3,8}}))(?!\d)", re.IGNORECASE)
IBAN_LENGTH = {"FI": 18, "AX": 18, "SE": 24, "NO": 15, "DK": 18, "EE": 20, "DE": 22}
# a phone number's candidates: runs of digit groups joined by one or two separators, optionally
# after + and with an area code in parentheses; which stretch is a phone number, is_phone decides
_PHONE_SEPARATOR = rf"(?:{_SPACE}|{_DASH}|[./])"
_PHONE_GROUP = r"\(?\d++(?:\)\d*+)?"  # 040, (09), (0)40
PHONE_RUN = re.compile(rf"(?<![\d+])\+?{_PHONE_GROUP}(?:{_PHONE_SEPARATOR}{{1,2}}{_PHONE_GROUP}){{0,7}}")
_DIGIT_GROUP = re.compile(r"\d+")

# a word and the number after it; whether the word names a street is decided by is_street
STREET = re.compile(rf"\b([^\W\d_]++){_SPACE}+\d{{1,4}}(?:{_SPACE}?[a-zA-Z]\b)?"
                    rf"(?:{_SPACE}?(?:as\.?|asunto|lgh|bst)?{_SPACE}?\d{{1,4}})?"
                    rf"(?:{_SPACE}*,?{_SPACE}*\d{{5}}(?:{_SPACE}+[^\W\d_]++)?)?")
FI_STREET_STEMS = ("katu", "kadu", "tie", "kuja", "polku", "polu", "väylä", "kaari", "kaare", "rinne", "rintee",
                   "ranta", "ranna", "raitti", "raiti", "aukio", "tori", "kaarre", "kaartee", "mäki", "mäe",
                   "piha", "tanhua")
FI_STREET_WORDS = ("katu", "tie", "kuja", "polku", "väylä", "kaari", "rinne", "ranta", "raitti", "aukio", "tori",
                   "kaarre", "mäki", "piha", "tanhua")
SV_STREET_WORDS = ("gatan", "gata", "vägen", "väg", "gränd", "stigen", "stig", "backen", "torget", "allén",
                   "esplanaden", "kajen", "strand")
# road numbers, not addresses: "valtatie 4 on suljettu"
ROADS = ("valtatie", "kantatie", "seututie", "yhdystie", "maantie", "moottoritie", "riksväg", "länsväg",
         "motorväg", "stamväg")


def is_street(word: str) -> bool:
    """A street name: a compound ending in a street word (Mannerheimintie, storgatan); when
    capitalised, also inflected (Hämeenkadulla). A lower-case word must end in the street word
    itself, so "kauppatorilla 2 kertaa" is left alone; road numbers are not addresses."""
    lower = word.lower()
    if lower in ROADS:
        return False
    ends = any(lower.endswith(w) and len(lower) > len(w) for w in FI_STREET_WORDS + SV_STREET_WORDS)
    if ends or not word[0].isupper():
        return ends
    return any(stem in lower[1:] for stem in FI_STREET_STEMS)


def _valid_date(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _hetu(text: str, label: str) -> tuple[str, int]:
    """Finnish identity codes, then Swedish personnummer. Every code has a real date; one
    written without a separator must also have the right check character (Luhn digit), so a
    ten-digit reference or account number keeps its digits."""
    count = 0

    def finnish(m: re.Match) -> str:
        nonlocal count
        digits, sign, number, check = m.groups()
        if not _valid_date(int(digits[:2]), int(digits[2:4])):
            return m.group(0)
        if sign is None and HETU_CHECK[int(digits + number) % 31] != check.upper():
            return m.group(0)
        count += 1
        return label

    def swedish(m: re.Match) -> str:
        nonlocal count
        date, sign, number = m.groups()
        short = date[-6:]
        day = int(short[4:6])
        if not _valid_date(day - 60 if day > 60 else day, int(short[2:4])):  # day + 60: samordningsnummer
            return m.group(0)
        if sign is None and not _luhn(short + number):
            return m.group(0)
        count += 1
        return label

    text = PERSONNUMMER.sub(swedish, HETU.sub(finnish, text))
    return text, count


def _luhn(digits: str) -> bool:
    total = 0
    for i, d in enumerate(int(c) for c in digits):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _iban(text: str, label: str) -> tuple[str, int]:
    """Account numbers with a valid IBAN check, or a known country's length when capitalised
    (a mistyped digit must not let an account number through)."""
    count = 0

    def replace(m: re.Match) -> str:
        nonlocal count
        country, check, account = m.group(1), m.group(2), re.sub(r"\D", "", m.group(3))
        candidate = country.upper() + check + account
        rearranged = "".join(str(int(c, 36)) for c in candidate[4:] + candidate[:4])
        known = country.isupper() and IBAN_LENGTH.get(country) == len(candidate)
        if int(rearranged) % 97 != 1 and not known:
            return m.group(0)
        count += 1
        return label

    return IBAN.sub(replace, text), count


def is_phone(written: str) -> bool:
    """Whether a run of digit groups is written as a phone number (not a date, time, amount,
    year range or diary number)."""
    groups = _DIGIT_GROUP.findall(written)
    digits = "".join(groups)
    joints = re.findall(r"(?<=\d)\D+(?=\d)", written)
    chain = [groups[0]]
    for joint, right in zip(joints, groups[1:]):
        if "/" in joint and len(right) < 5:
            return False  # Dnro 0123/2024, 1/2024
        if "." not in joint:
            chain = [right]
            continue
        chain.append(right)
        body = chain[:-1] if len(chain) > 2 and len(chain[-1]) == 4 else chain
        if all(len(g) <= 2 for g in body):
            return False  # a date or a time: 12.3.2024, 9.00-16.00, 0.5
    if written.startswith("+"):
        return 7 <= len(digits) <= 15
    if digits.startswith("00"):
        return 9 <= len(digits) <= 17 and digits[2] != "0"
    if groups[0] in ("358", "46") and len(groups) > 1:
        # country code without +: the next group is an area code, never a thousands group
        return groups[1][0] != "0" and 9 <= len(digits) <= 13
    if digits.startswith("0") and not written.startswith("0."):
        return 7 <= len(digits) <= 12 and len(groups[0]) <= 4 or len(groups) == 1 and 9 <= len(digits) <= 11
    return False


def _phone(text: str, label: str) -> tuple[str, int]:
    """Phone numbers inside each run of digit groups: the longest stretch of whole groups that
    reads as one, trying later starts too ("vuonna 2024 040 123 4567")."""
    count = 0

    def replace(m: re.Match) -> str:
        nonlocal count
        run = m.group(0)
        spans = [g.span() for g in _DIGIT_GROUP.finditer(run)]
        out, done, i = [], 0, 0
        while i < len(spans):
            start = spans[i][0]
            while start > 0 and run[start - 1] in "+(":
                start -= 1
            if run[start] not in "+(0" and run[spans[i][0]:spans[i][1]] not in ("358", "46"):
                i += 1  # no phone number starts with this group
                continue
            for j in range(len(spans) - 1, i - 1, -1):
                end = spans[j][1] + (1 if spans[j][1] < len(run) and run[spans[j][1]] == ")" else 0)
                if is_phone(run[start:end]):
                    out += [run[done:start], label]
                    done, i, count = end, j + 1, count + 1
                    break
            else:
                i += 1
        return "".join(out) + run[done:]

    return PHONE_RUN.sub(replace, text), count


def _email(text: str, label: str) -> tuple[str, int]:
    return EMAIL.subn(label, text)


def _street(text: str, label: str) -> tuple[str, int]:
    count = 0

    def replace(m: re.Match) -> str:
        nonlocal count
        if not is_street(m.group(1)):
            return m.group(0)
        count += 1
        return label

    return STREET.sub(replace, text), count


# identity codes and IBANs before phone numbers: their digits must not be read as one
_ORDER: tuple[tuple[str, Callable[[str, str], tuple[str, int]]], ...] = (
    ("email", _email), ("hetu", _hetu), ("iban", _iban), ("phone", _phone), ("street", _street))


def scrub(text: str, lang: str = "fi") -> tuple[str, list[str]]:
    """The text with personal data replaced, and the kinds that were found (in order)."""
    text = _INVISIBLE.sub("", text)
    found: list[str] = []
    for kind, apply in _ORDER:
        text, count = apply(text, message(f"scrub.{kind}", lang))
        found.extend([kind] * count)
    return text, found
