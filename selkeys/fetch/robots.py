"""robots.txt: which paths selkeys may fetch on a host, and how long to wait between requests.

Parsed with Protego under the product token ``selkeys``, because the standard library's
:mod:`urllib.robotparser` is not RFC 9309: it takes the first rule that matches instead of
the longest (``Disallow: /`` + ``Allow: /julkinen/`` would block /julkinen/) and knows no
``*`` or ``$`` wildcards (``Disallow: /*.pdf$`` would be ignored). Protego implements the
RFC's longest match (Allow wins a tie), the wildcards, and merges every group that names
our token (else the ``*`` group). Following RFC 9309 too: a missing robots.txt (4xx) allows
everything; a server error or an unreachable robots.txt means the site cannot say, so
nothing is fetched there.
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

PRODUCT_TOKEN = "selkeys"
# robots.txt files are small; anything bigger is not read past this (RFC 9309 asks for 500 KiB)
MAX_ROBOTS_BYTES = 512 * 1024


@dataclass
class RobotsPolicy:
    """The rules of one host. ``reason`` says why everything is refused, when it is."""

    parser: Protego | None
    reason: str | None = None

    @classmethod
    def from_response(cls, status: int | None, text: str | None, error: str | None = None) -> "RobotsPolicy":
        if status is None or status >= 500:
            why = error or (f"HTTP {status}" if status else "no answer")
            return cls(None, f"robots.txt could not be read ({why}), so the site is not fetched")
        if status >= 400 or text is None:
            return cls(None)
        return cls(Protego.parse(text))

    def allowed(self, url: str) -> bool:
        if self.reason:
            return False
        return self.parser is None or self.parser.can_fetch(url, PRODUCT_TOKEN)

    def crawl_delay(self) -> float:
        """Seconds between requests that the site asks of us (0 when it asks nothing)."""
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(PRODUCT_TOKEN)
        return float(delay) if delay else 0.0
