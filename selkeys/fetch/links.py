"""Links and language versions declared by a page.

``<link rel="alternate" hreflang="sv" href="...">`` (and ``<a hreflang>``) is how a site says
that a Finnish page has a Swedish version; the batch report pairs such pages. Plain
``<a href>`` links feed the crawler. The page's text blocks are the HTML reader's business;
this only looks at tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

from selkeys.fetch.crawl import normalise


@dataclass
class PageLinks:
    lang: str | None = None  # <html lang>
    title: str | None = None  # <title>, whitespace collapsed (the report lists pages by it)
    alternates: dict[str, str] = field(default_factory=dict)  # language -> URL
    links: list[str] = field(default_factory=list)  # absolute, normalised, in page order


class _LinkParser(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.found = PageLinks()
        self._seen: set[str] = set()
        self._title: list[str] | None = None  # the <title>'s text while inside it

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.found.title = " ".join("".join(self._title).split())[:300] or None
            self._title = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if tag == "title" and self.found.title is None:
            self._title = []
        elif tag == "html" and values.get("lang") and self.found.lang is None:
            self.found.lang = values["lang"].strip().lower().split("-")[0] or None
        elif tag == "base" and values.get("href"):
            self.base = urljoin(self.base, values["href"].strip())
        elif tag in ("a", "link", "area") and values.get("href"):
            url = normalise(urljoin(self.base, values["href"].strip()))
            if url is None:
                return
            hreflang = values.get("hreflang", "").strip().lower().split("-")[0]
            rels = values.get("rel", "").lower().split()
            if hreflang and hreflang != "x" and (tag == "a" or "alternate" in rels):
                self.found.alternates.setdefault(hreflang, url)
            if tag != "link" and url not in self._seen:
                self._seen.add(url)
                self.found.links.append(url)


def page_links(html: str, url: str) -> PageLinks:
    """Language, language versions and outgoing links of the page at ``url``."""
    parser = _LinkParser(url)
    parser.feed(html)
    parser.close()
    found = parser.found
    own = found.lang
    if own and own in found.alternates and found.alternates[own] == normalise(url):
        del found.alternates[own]  # a page's pointer to itself is not another version
    return found
