"""robots.txt: which paths selkeys may fetch on a host, and how long to wait between requests.

Parsed with the standard library's :mod:`urllib.robotparser` under the product token
``selkeys``. Following RFC 9309: a missing robots.txt (4xx) allows everything; a server
error or an unreachable robots.txt means the site cannot say, so nothing is fetched there.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

PRODUCT_TOKEN = "selkeys"
# robots.txt files are small; anything bigger is not read past this (RFC 9309 asks for 500 KiB)
MAX_ROBOTS_BYTES = 512 * 1024


@dataclass
class RobotsPolicy:
    """The rules of one host. ``reason`` says why everything is refused, when it is."""

    parser: RobotFileParser | None
    reason: str | None = None

    @classmethod
    def from_response(cls, status: int | None, text: str | None, error: str | None = None) -> "RobotsPolicy":
        if status is None or status >= 500:
            why = error or (f"HTTP {status}" if status else "no answer")
            return cls(None, f"robots.txt could not be read ({why}), so the site is not fetched")
        if status >= 400 or text is None:
            return cls(None)
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return cls(parser)

    def allowed(self, url: str) -> bool:
        if self.reason:
            return False
        return self.parser is None or self.parser.can_fetch(PRODUCT_TOKEN, url)

    def crawl_delay(self) -> float:
        """Seconds between requests that the site asks of us (0 when it asks nothing)."""
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(PRODUCT_TOKEN)
        return float(delay) if delay else 0.0
