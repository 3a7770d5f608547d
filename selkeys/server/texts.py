"""What residents read in the widget and the no-JavaScript form: the catalogue's ``feedback.*``
texts, in the language the site asks for (Finnish, Swedish or English).

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
