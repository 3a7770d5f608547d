"""robots.txt as RFC 9309 reads it (issue 16 item 3): the longest matching rule wins (Allow
on a tie), ``*`` and ``$`` wildcards, percent-encoding, and the group for our product token
(all groups naming it merged, else ``*``). Cases from the RFC's sections 2.2 and 5 and from
Google's reference parser tests, which RFC 9309 follows."""

from __future__ import annotations

import pytest

from selkeys.fetch.robots import RobotsPolicy


def policy(text: str) -> RobotsPolicy:
    return RobotsPolicy.from_response(200, text)


def allowed(text: str, path: str) -> bool:
    return policy(text).allowed("https://kunta.example" + path)


@pytest.mark.parametrize("rules,path,expected", [
    # the case: a site closed but for its public folder
    ("Disallow: /\nAllow: /julkinen/", "/julkinen/hakemus.html", True),
    ("Disallow: /\nAllow: /julkinen/", "/sisainen/", False),
    # order does not matter, length does (RFC 9309 2.2.2)
    ("Allow: /julkinen/\nDisallow: /", "/julkinen/", True),
    ("Allow: /p\nDisallow: /", "/page", True),
    ("Allow: /page\nDisallow: /*.htm", "/page.htm", False),  # the disallow pattern is longer
    ("Allow: /folder\nDisallow: /folder", "/folder/page", True),  # equally long: allow wins
    ("Allow: /$\nDisallow: /", "/", True),
    ("Allow: /$\nDisallow: /", "/page.htm", False),
])
def test_longest_match_decides(rules, path, expected):
    assert allowed("User-agent: *\n" + rules + "\n", path) is expected


@pytest.mark.parametrize("path,expected", [
    ("/liitteet/ohje.pdf", False), ("/ohje.pdf", False),
    ("/ohje.pdf?versio=2", True),  # $ anchors the end of path and query
    ("/ohje.pdfx", True), ("/ohje.html", True),
])
def test_dollar_anchors_the_end(path, expected):
    assert allowed("User-agent: *\nDisallow: /*.pdf$\n", path) is expected


@pytest.mark.parametrize("path,expected", [
    ("/haku?q=asuminen", False), ("/palvelut/haku?q=x", False), ("/palvelut/", True),
    ("/tulosta/sivu", False), ("/a/b/tulosta/sivu", False), ("/tulostaminen", True),
])
def test_star_matches_any_run(path, expected):
    assert allowed("User-agent: *\nDisallow: /*?q=\nDisallow: /*tulosta/\n", path) is expected


def test_percent_encoding_is_compared_decoded():
    rules = "User-agent: *\nDisallow: /p%C3%A4%C3%A4t%C3%B6kset/\nDisallow: /foo/bar/ツ\n"
    assert not allowed(rules, "/päätökset/1.html")
    assert not allowed(rules, "/p%C3%A4%C3%A4t%C3%B6kset/1.html")
    assert not allowed(rules, "/foo/bar/%E3%83%84")


GROUPS = """User-agent: Googlebot
Disallow: /

User-agent: SELKEYS
Disallow: /luonnokset/
Crawl-delay: 3

User-agent: *
Disallow: /kaikilta-kielletty/

user-agent: selkeys
disallow: /arkisto/
"""


def test_every_group_naming_selkeys_applies_and_the_star_group_does_not():
    rules = policy(GROUPS)
    assert not rules.allowed("https://kunta.example/luonnokset/a")
    assert not rules.allowed("https://kunta.example/arkisto/a")  # the second selkeys group is merged in
    assert rules.allowed("https://kunta.example/kaikilta-kielletty/a")  # only for agents without a group
    assert rules.allowed("https://kunta.example/")  # Googlebot's rules are not ours
    assert rules.crawl_delay() == 3.0


def test_star_group_applies_when_nothing_names_selkeys():
    rules = policy("User-agent: Googlebot\nDisallow: /a\n\nUser-agent: *\nDisallow: /b\nCrawl-delay: 1.5\n")
    assert rules.allowed("https://kunta.example/a") and not rules.allowed("https://kunta.example/b")
    assert rules.crawl_delay() == 1.5


def test_a_longer_product_token_is_another_crawler():
    rules = policy("User-agent: selkeysbot\nDisallow: /\n\nUser-agent: *\nDisallow: /b\n")
    assert rules.allowed("https://kunta.example/a") and not rules.allowed("https://kunta.example/b")


def test_missing_broken_and_unreachable_robots_txt():
    assert RobotsPolicy.from_response(404, None).allowed("https://a.fi/x")  # no robots.txt: all allowed
    assert not RobotsPolicy.from_response(503, None).allowed("https://a.fi/x")  # server error: nothing
    assert not RobotsPolicy.from_response(None, None).allowed("https://a.fi/x")  # unreachable: nothing
    assert RobotsPolicy.from_response(200, "").allowed("https://a.fi/x")  # empty file: no rules
    assert RobotsPolicy.from_response(200, "\x00\xff garbage\nDisallow /x\n").allowed("https://a.fi/x")


def test_robots_txt_itself_is_always_allowed():
    assert policy("User-agent: *\nDisallow: /\n").allowed("https://kunta.example/robots.txt")
