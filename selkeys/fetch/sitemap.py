"""Sitemaps (sitemaps.org 0.9): plain, gzipped and sitemap indexes, read defensively.

XML from the network is parsed only when it declares no DOCTYPE (so no entity can expand
into a billion laughs or reach for an external file); gzip is decompressed in bounded steps
up to a size limit; indexes are followed to a limited depth, each sitemap once.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from xml.etree import ElementTree

from selkeys.fetch.client import Fetcher

SITEMAP_TYPES = ("application/xml", "text/xml", "application/gzip", "application/x-gzip",
                 "application/octet-stream", "text/plain")
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file
MAX_INDEX_DEPTH = 3


class SitemapError(Exception):
    pass


def gunzip(data: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Decompress gzip data, refusing output over ``limit`` bytes instead of filling memory."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise SitemapError(f"decompresses to more than {limit} bytes")
    return out


def parse(data: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of one sitemap or sitemap index document."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise SitemapError("has a DOCTYPE or entity declarations; refused")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise SitemapError(f"is not well-formed XML ({exc})") from None
    kind = root.tag.rsplit("}", 1)[-1]
    locs = [el.text.strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc" and el.text]
    if kind == "sitemapindex":
        return [], locs
    if kind == "urlset":
        return locs, []
    raise SitemapError(f"is not a sitemap (root element <{kind}>)")


def sitemap_urls(fetcher: Fetcher, url: str, notes: list[str]) -> Iterator[str]:
    """Every page URL listed by the sitemap at ``url`` (following indexes), each once.
    Problems with single sitemaps are added to ``notes`` and the rest is still read."""
    seen_maps: set[str] = set()
    seen_pages: set[str] = set()
    pending: list[tuple[str, int, tuple[str, ...]]] = [(url, 0, ())]  # (sitemap, depth, the indexes above it)
    while pending:
        current, depth, above = pending.pop(0)
        if current in above:  # an index that lists itself, or one above it: its pages cannot be known
            notes.append(f"sitemap {above[-1]}: lists {'itself' if current == above[-1] else current} "
                         "(a loop of sitemap indexes); not followed")
            continue
        if current in seen_maps:
            continue
        seen_maps.add(current)
        result = fetcher.fetch(current, SITEMAP_TYPES, max_bytes=MAX_SITEMAP_BYTES)
        if result.body is None:
            notes.append(f"sitemap {current}: {result.error or result.note}")
            continue
        try:
            pages, children = parse(result.body)
        except SitemapError as exc:
            notes.append(f"sitemap {current}: {exc}")
            continue
        if children and depth >= MAX_INDEX_DEPTH:
            notes.append(f"sitemap {current}: sitemap indexes nested deeper than {MAX_INDEX_DEPTH}; not followed")
            children = []
        pending.extend((child, depth + 1, (*above, current)) for child in children)
        for page in pages:
            if page not in seen_pages:
                seen_pages.add(page)
                yield page
