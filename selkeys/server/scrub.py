"""Remove personal data from residents' comments before anything is stored.

A comment is about the page, not about the resident; people still write "call me on
040 123 4567" or their street address. These patterns replace e-mail addresses, phone
numbers, Finnish personal identity codes (henkilötunnus) and street addresses (Finnish and
Swedish street names with a number) by a bracketed label in the comment's language. The
widget shows the result before sending (it asks the service, so there is one implementation).

The patterns err on the side of removing: a false positive costs a few words of a comment,
a false negative leaks a resident's phone number into a dashboard.
"""

from __future__ import annotations

import re

from selkeys.messages import text as message

_LETTER = r"[^\W\d_]"
# also the form Finnish public sites print to fool harvesters: etunimi.sukunimi(at)kunta.fi
EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+(?:@|\s?[(\[{]\s?(?:at|ät|a)\s?[)\]}]\s?)[\w-]+"
                   r"(?:(?:\.|\s?[(\[{]\s?(?:dot|piste|punkt)\s?[)\]}]\s?)[\w-]+)+", re.IGNORECASE)
# ddmmyy, century sign (+, -, A-F, U-Y since 2023), individual number, check character
HETU = re.compile(r"(?<![\w-])\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y](?!\w)", re.IGNORECASE)
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d[\d ()-]{6,18}\d(?!\w)"  # international: +358 40 123 4567
    r"|(?<![\w.,])\(?0\d{1,3}\)?(?:[ -]?\d){5,10}(?![\w])"  # domestic: 040 123 4567, (09) 310 1234
)
_FI_STREET = (r"(?:katu|kadu|tie|kuja|polku|polu|väylä|kaari|kaare|rinne|rintee|ranta|ranna|raitti|raiti"
              r"|aukio|tori|puistotie|kaarre|kaartee|mäki|mäe|piha|tanhua)" + _LETTER + "*")
_SV_STREET = r"(?:gatan|gata|vägen|väg|gränd|stigen|stig|backen|torget|allén|esplanaden|kajen|strand)"
STREET = re.compile(
    r"\b[A-ZÅÄÖ]" + _LETTER + r"*(?:" + _FI_STREET + "|" + _SV_STREET + r")"
    r"\s+\d{1,4}(?:\s?[A-Za-z]\b)?(?:\s?\d{1,4})?(?:\s*,?\s*\d{5}(?:\s+[A-ZÅÄÖ]" + _LETTER + r"+)?)?"
)

# identity codes before phone numbers: 131052-308T must not be read as a phone number
_ORDER = (("email", EMAIL), ("hetu", HETU), ("phone", PHONE), ("street", STREET))


def scrub(text: str, lang: str = "fi") -> tuple[str, list[str]]:
    """The text with personal data replaced, and the kinds that were found (in order)."""
    found: list[str] = []
    for kind, pattern in _ORDER:
        text, count = pattern.subn(message(f"scrub.{kind}", lang), text)
        found.extend([kind] * count)
    return text, found
