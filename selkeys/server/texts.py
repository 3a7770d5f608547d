"""What residents read in the widget and the no-JavaScript form: the catalogue's ``feedback.*``
texts, in the language the site asks for (Finnish, Swedish or English); and which language a
page of the app (playground, dashboard, landing page) speaks to its visitor.

One set for both: the widget receives its language's texts with the page data, so a wording
is fixed in one place. The scale follows the four faces of the feedback buttons people know
from service desks, from the unhappy face (1) to the happy one (4).
"""

from __future__ import annotations

from selkeys.messages import LANGS, group

FACES = ("😞", "🙁", "🙂", "😀")

# RatingError codes the resident can act on; anything else shows the generic error
ERROR_TEXT = {"rate-limit": "rate_limit", "token-expired": "expired", "unknown-page": "unknown_page",
              "rating": "choose"}


def texts(lang: str | None) -> dict[str, str]:
    """The widget's and the form's texts in ``lang`` (Finnish for a language not offered)."""
    return group("feedback", lang if lang in LANGS else "fi")


def negotiate_ui_lang(query_lang: str | None, accept_language: str | None) -> str:
    """``?lang=`` first, then the browser's Accept-Language by weight; Finnish by default."""
    if query_lang in LANGS:
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
        if primary in LANGS and weight > 0:
            choices.append((-weight, position, primary))
    return min(choices)[2] if choices else "fi"
