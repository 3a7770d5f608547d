"""What residents read in the widget and the no-JavaScript form, in Finnish, Swedish and English.

One table for both: the widget receives its language's texts with the page data, so a
wording is fixed in one place. The scale follows the four faces of the feedback buttons
people know from service desks, from the unhappy face (1) to the happy one (4).
"""

from __future__ import annotations

UI_LANGS = ("fi", "sv", "en")
FACES = ("😞", "🙁", "🙂", "😀")

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "title": "Oliko tämä sivu selkeä?",
        "form_title": "Palaute sivun selkeydestä",
        "rating_1": "Ei lainkaan selkeä",
        "rating_2": "Melko epäselvä",
        "rating_3": "Melko selkeä",
        "rating_4": "Erittäin selkeä",
        "paragraph": "Mikä kohta oli epäselvä? (vapaaehtoinen)",
        "paragraph_none": "Ei mikään tietty kohta",
        "heading": "Otsikko",
        "comment": "Kommentti (vapaaehtoinen, enintään 300 merkkiä)",
        "comment_hint": "Älä kirjoita kommenttiin henkilötietoja. Poistamme sähköpostiosoitteet, puhelinnumerot, "
                        "henkilötunnukset ja osoitteet ennen tallennusta.",
        "characters": "{n}/300 merkkiä",
        "honeypot": "Jätä tämä kenttä tyhjäksi",
        "send": "Lähetä palaute",
        "sending": "Lähetetään…",
        "thanks": "Kiitos palautteestasi!",
        "scrubbed": "Poistimme kommentista henkilötietoja. Tarkista kommentti ja lähetä palaute uudelleen.",
        "choose": "Valitse ensin, kuinka selkeä sivu oli.",
        "rate_limit": "Palautteita on lähetetty liian monta lyhyessä ajassa. Yritä hetken kuluttua uudelleen.",
        "expired": "Lomake on vanhentunut. Lataa sivu uudelleen.",
        "unknown_page": "Tästä sivusta ei voi vielä antaa palautetta.",
        "error": "Palautteen lähettäminen ei onnistunut. Yritä uudelleen.",
        "back": "Takaisin sivulle",
    },
    "sv": {
        "title": "Var den här sidan tydlig?",
        "form_title": "Respons på hur tydlig sidan är",
        "rating_1": "Inte alls tydlig",
        "rating_2": "Ganska otydlig",
        "rating_3": "Ganska tydlig",
        "rating_4": "Mycket tydlig",
        "paragraph": "Vilken del var otydlig? (frivilligt)",
        "paragraph_none": "Ingen särskild del",
        "heading": "Rubrik",
        "comment": "Kommentar (frivilligt, högst 300 tecken)",
        "comment_hint": "Skriv inga personuppgifter i kommentaren. Vi tar bort e-postadresser, telefonnummer, "
                        "personbeteckningar och adresser innan kommentaren sparas.",
        "characters": "{n}/300 tecken",
        "honeypot": "Lämna det här fältet tomt",
        "send": "Skicka respons",
        "sending": "Skickas…",
        "thanks": "Tack för din respons!",
        "scrubbed": "Vi tog bort personuppgifter ur kommentaren. Kontrollera kommentaren och skicka responsen igen.",
        "choose": "Välj först hur tydlig sidan var.",
        "rate_limit": "Det har kommit för många svar på kort tid. Försök igen om en stund.",
        "expired": "Formuläret har gått ut. Ladda om sidan.",
        "unknown_page": "Det går ännu inte att ge respons på den här sidan.",
        "error": "Det gick inte att skicka responsen. Försök igen.",
        "back": "Tillbaka till sidan",
    },
    "en": {
        "title": "Was this page clear?",
        "form_title": "Feedback on how clear the page is",
        "rating_1": "Not clear at all",
        "rating_2": "Fairly unclear",
        "rating_3": "Fairly clear",
        "rating_4": "Very clear",
        "paragraph": "Which part was unclear? (optional)",
        "paragraph_none": "No particular part",
        "heading": "Heading",
        "comment": "Comment (optional, at most 300 characters)",
        "comment_hint": "Please do not write personal details in the comment. We remove e-mail addresses, "
                        "phone numbers, personal identity codes and addresses before saving it.",
        "characters": "{n}/300 characters",
        "honeypot": "Leave this field empty",
        "send": "Send feedback",
        "sending": "Sending…",
        "thanks": "Thank you for your feedback!",
        "scrubbed": "We removed personal details from your comment. Check the comment and send the feedback again.",
        "choose": "First choose how clear the page was.",
        "rate_limit": "Too many responses have been sent in a short time. Please try again in a moment.",
        "expired": "The form has expired. Please reload the page.",
        "unknown_page": "Feedback cannot be given on this page yet.",
        "error": "Sending the feedback failed. Please try again.",
        "back": "Back to the page",
    },
}

# RatingError codes the resident can act on; anything else shows the generic error
ERROR_TEXT = {"rate-limit": "rate_limit", "token-expired": "expired", "unknown-page": "unknown_page",
              "rating": "choose"}


def texts(lang: str | None) -> dict[str, str]:
    return TEXTS.get(lang or "", TEXTS["fi"])
