"""Batch linting of a web site served on 127.0.0.1 (tests/site_fixture.py): crawling,
sitemaps, robots.txt, politeness, retries, limits, caching, resume, safety and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import httpcore
import pytest
from site_fixture import SiteServer, build_site
from typer.testing import CliRunner

from selkeys import __version__
from selkeys.batch import BatchOptions, Sources, read_records, run_batch
from selkeys.config import Config
from selkeys.fetch.client import FetchSettings, Fetcher, user_agent
from selkeys.fetch.safety import GuardedBackend, UnsafeURL, check_url, is_public
from selkeys.fetch.sitemap import SitemapError, gunzip, parse

CONTACT = "https://example.fi/yhteys"
PAGES_PER_LANG = 110


@pytest.fixture(scope="module")
def site():
    server = SiteServer(build_site(PAGES_PER_LANG))
    yield server
    server.close()


def settings(**changes) -> FetchSettings:
    base = dict(user_agent=user_agent(CONTACT), allow_private=True, backoff=0.05, timeout=1.0,
                max_bytes=1_000_000, delay=0.0, retries=2)
    base.update(changes)
    return FetchSettings(**base)


def run(tmp: Path, sources: Sources, jobs: int = 1, **changes) -> tuple[list[dict], object]:
    fetch = changes.pop("fetch", settings())
    options = BatchOptions(config=Config(), fetch=fetch, run_dir=tmp / "run", http_cache=tmp / "http", jobs=jobs,
                           **changes)
    outcome = run_batch(sources, options)
    return list(read_records(outcome.records_path)), outcome


def by_path(records: list[dict], base: str) -> dict[str, dict]:
    return {r["url"].removeprefix(base): r for r in records}


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory):
    site.clear_log()
    records, _ = run(tmp_path_factory.mktemp("crawl"), Sources(crawl=site.base + "/", max_pages=1000, max_depth=500),
                     jobs=2)
    return by_path(records, site.base), list(site.log)


def test_crawl_reaches_every_page_of_both_languages(crawled):
    pages, _ = crawled
    fi = [p for p in pages if p.startswith(("/asuminen/", "/liikenne/", "/terveys/", "/koulutus/"))]
    sv = [p for p in pages if p.startswith(("/boende/", "/trafik/", "/halsa/", "/utbildning/"))]
    assert len(fi) == PAGES_PER_LANG and len(sv) == PAGES_PER_LANG
    assert len(pages) == len(set(pages)), "each page once"
    for path in fi + sv:
        record = pages[path]
        assert record["error"] is None and record["score"] is not None, path
        assert record["section"] == path.split("/")[1]
    assert pages["/asuminen/sivu-0.html"]["by_language"].keys() == {"fi"}
    assert pages["/boende/sida-0.html"]["by_language"].keys() == {"sv"}
    assert any(f["code"].startswith("SV-") for p in sv for f in pages[p]["findings"])


def test_language_versions_are_paired_from_hreflang(crawled, site):
    pages, _ = crawled
    for n in (0, 5, 57):
        fi_path = f"/{['asuminen', 'liikenne', 'terveys', 'koulutus'][n % 4]}/sivu-{n}.html"
        sv_path = f"/{['boende', 'trafik', 'halsa', 'utbildning'][n % 4]}/sida-{n}.html"
        assert pages[fi_path]["lang_versions"] == {"sv": site.base + sv_path}
        assert pages[sv_path]["lang_versions"] == {"fi": site.base + fi_path}
        assert pages[fi_path]["page_lang"] == "fi" and pages[sv_path]["page_lang"] == "sv"


def test_menus_cookie_banners_and_footers_are_not_linted(crawled):
    pages, _ = crawled
    record = pages["/terveys/sivu-2.html"]
    texts = [b["text"] for b in record["blocks"]]
    assert texts[0] == "Sivu 2"
    assert not any("evästeitä" in t or "oikeudet pidätetään" in t or "sivu-3" in t for t in texts)


def test_robots_txt_is_obeyed_and_the_user_agent_names_a_contact(crawled):
    pages, log = crawled
    assert "disallowed by robots.txt" in pages["/yksityinen/salainen.html"]["skipped"]
    assert not [r for r in log if r.path.startswith("/yksityinen/")], "a disallowed page was requested"
    agents = {r.headers.get("User-Agent") for r in log}
    assert agents == {f"selkeys/{__version__} (+{CONTACT})"}
    assert sum(1 for r in log if r.path == "/robots.txt") == 1


def test_non_html_is_skipped_with_a_note_and_loops_are_reported(crawled):
    pages, log = crawled
    assert pages["/liite.pdf"]["skipped"].startswith("not HTML (application/pdf)")
    assert pages["/liite.pdf"]["findings"] == []
    assert "redirect loop" in pages["/loop-a"]["error"]
    assert not any(r.path.startswith(("mailto", "tel")) for r in log)


def test_crawl_limits_pages_and_depth(site, tmp_path):
    records, _ = run(tmp_path / "a", Sources(crawl=site.base + "/", max_pages=5, max_depth=50))
    assert len(records) == 5
    records, _ = run(tmp_path / "b", Sources(crawl=site.base + "/", max_pages=1000, max_depth=1))
    pages = by_path(records, site.base)
    assert max(r.get("depth", 0) for r in records) == 1
    assert "/asuminen/sivu-0.html" in pages and "/terveys/sivu-2.html" not in pages  # sivu-2 is two links away


def test_sitemap_index_gzip_retries_and_server_errors(site, tmp_path):
    site.clear_log()
    records, outcome = run(tmp_path, Sources(sitemaps=[site.base + "/sitemap.xml"]), jobs=2)
    pages = by_path(records, site.base)
    assert outcome.notes == []
    assert sum(1 for p in pages if p.startswith("/boende/")) == PAGES_PER_LANG // 4 + 1  # from the .gz sitemap
    assert len([p for p in pages if "/sivu-" in p or "/sida-" in p]) == 2 * PAGES_PER_LANG
    assert pages["/virhe.html"]["error"] == "HTTP 500" and pages["/virhe.html"]["status"] == 500
    assert len(site.requests_for("/virhe.html")) == 3  # one try and two retries
    busy = site.requests_for("/ruuhka.html")
    assert [r.status for r in busy] == [429, 200], "429 then success after Retry-After"
    assert busy[1].at - busy[0].at >= 0.9  # Retry-After: 1 was honoured
    assert pages["/ruuhka.html"]["error"] is None and pages["/ruuhka.html"]["score"] is not None


def test_timeouts_size_limits_and_redirects(site, tmp_path):
    urls = [site.base + p for p in ("/hidas.html", "/valtava.html", "/siirretty.html", "/ulos")]
    records, _ = run(tmp_path, Sources(urls=urls), fetch=settings(timeout=0.5))
    pages = by_path(records, site.base)
    assert pages["/hidas.html"]["error"].startswith("timed out")
    assert "over the size limit of 1000000 bytes" in pages["/valtava.html"]["error"]
    moved = pages["/siirretty.html"]
    assert moved["error"] is None and moved["final_url"] == site.base + "/asuminen/sivu-0.html"
    assert "only http and https" in pages["/ulos"]["error"]


def test_compressed_bombs_stop_at_the_limit_and_legacy_charsets_are_read(site, tmp_path):
    records, _ = run(tmp_path, Sources(urls=[site.base + "/pommi.html", site.base + "/latin1.html"]))
    pages = by_path(records, site.base)
    assert "over the size limit" in pages["/pommi.html"]["error"]  # 3 MB unpacked from a few kB
    assert pages["/latin1.html"]["error"] is None
    assert [b["text"] for b in pages["/latin1.html"]["blocks"]][0] == "Päätös"


def test_redirect_limit(site):
    with Fetcher(settings(max_redirects=0)) as fetcher:
        assert "too many redirects" in fetcher.page(site.base + "/siirretty.html").error
    with Fetcher(settings(max_redirects=1)) as fetcher:
        assert fetcher.page(site.base + "/siirretty.html").body


def test_requests_to_one_host_are_limited(site, tmp_path):
    urls = [site.base + f"/liikenne/sivu-{n}.html" for n in range(1, 40, 4)]
    site.delay, site.max_active = 0.1, 0
    try:
        # no retries and a long timeout: a request that timed out under load and was sent again
        # while the server still slept on the first one would look like a third at once
        run(tmp_path, Sources(urls=urls), fetch=settings(per_host=2, retries=0, timeout=30.0))
    finally:
        site.delay = 0.0
    assert site.max_active == 2


def test_rerun_uses_the_http_cache(site, tmp_path):
    urls = [site.base + f"/asuminen/sivu-{n}.html" for n in (0, 4, 8)]
    run(tmp_path, Sources(urls=urls))
    site.clear_log()
    original = site.site["/asuminen/sivu-4.html"].body
    site.site["/asuminen/sivu-4.html"].body = original.replace("Sivu 4".encode(), "Muutettu sivu".encode())
    try:
        records, _ = run(tmp_path, Sources(urls=urls))
    finally:
        site.site["/asuminen/sivu-4.html"].body = original
    statuses = {r.path: r.status for r in site.log if r.path != "/robots.txt"}
    assert statuses == {"/asuminen/sivu-0.html": 304, "/asuminen/sivu-4.html": 200, "/asuminen/sivu-8.html": 304}
    assert all("If-None-Match" in r.headers for r in site.log if r.path != "/robots.txt")
    pages = by_path(records, site.base)
    assert pages["/asuminen/sivu-4.html"]["blocks"][0]["text"] == "Muutettu sivu"
    assert pages["/asuminen/sivu-0.html"]["blocks"][0]["text"] == "Sivu 0"  # served from the cache


def test_resume_continues_an_interrupted_run(site, tmp_path):
    urls = [site.base + f"/koulutus/sivu-{n}.html" for n in (3, 7, 11, 15, 19, 23)]
    run(tmp_path, Sources(urls=urls[:3]))
    records_path = tmp_path / "run" / "records.jsonl"
    with open(records_path, "a", encoding="utf-8") as fh:
        fh.write('{"path": "http://cut-short')  # the line being written when the run was stopped
    site.clear_log()
    records, outcome = run(tmp_path, Sources(urls=urls), resume=True)
    assert outcome.resumed == 3 and outcome.written == 3
    assert sorted(r["url"] for r in records) == sorted(urls)
    fetched = {r.path for r in site.log if r.path != "/robots.txt"}
    assert fetched == {f"/koulutus/sivu-{n}.html" for n in (15, 19, 23)}
    assert all(line.endswith("}") for line in records_path.read_text(encoding="utf-8").splitlines())


def test_resume_continues_a_crawl_from_recorded_links(site, tmp_path):
    first, _ = run(tmp_path, Sources(crawl=site.base + "/", max_pages=6, max_depth=50))
    site.clear_log()
    records, outcome = run(tmp_path, Sources(crawl=site.base + "/", max_pages=12, max_depth=50), resume=True)
    assert outcome.resumed == 6 and len(records) == 12 and len({r["url"] for r in records}) == 12
    refetched = {site.base + r.path for r in site.log} & {r["url"] for r in first}
    assert not refetched


def test_private_addresses_are_refused_unless_allowed(tmp_path):
    """A server of its own: the shared one may still be answering an earlier test's request."""
    own = SiteServer(build_site(2))
    try:
        urls = [own.base + "/asuminen/sivu-0.html", own.base.replace("127.0.0.1", "localhost") + "/asuminen/sivu-0.html"]
        records, _ = run(tmp_path, Sources(urls=urls), fetch=settings(allow_private=False))
        assert len(records) == 2 and all("private or local address" in r["error"] for r in records)
        assert own.log == []
    finally:
        own.close()
    for address in ("127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1",
                    "::ffff:127.0.0.1", "224.0.0.1", "0.0.0.0", "100.64.0.1"):
        assert not is_public(address), address
    assert is_public("193.166.3.1") and is_public("2001:4860:4860::8888")
    for url in ("file:///etc/passwd", "ftp://example.fi/", "javascript:alert(1)", "http:///nohost"):
        with pytest.raises(UnsafeURL):
            check_url(url)


def test_the_connection_itself_is_checked(site):
    """The address check runs where the socket is opened, so a name that resolves to a
    public address when checked and to a private one when connecting cannot slip through."""
    port = int(site.base.rsplit(":", 1)[1])
    with pytest.raises(httpcore.ConnectError, match="private or local"):
        GuardedBackend(allow_private=False).connect_tcp("127.0.0.1", port, timeout=1)
    GuardedBackend(allow_private=True).connect_tcp("127.0.0.1", port, timeout=1).close()


def test_the_fetcher_connects_only_through_the_check(site, monkeypatch):
    """Even when the name check is fooled (a DNS answer that changes between the check and
    the connection), the connection to a loopback address is refused."""
    monkeypatch.setattr("selkeys.fetch.client.resolve", lambda *args: ["193.166.3.1"])
    site.clear_log()
    with Fetcher(settings(allow_private=False, retries=0)) as fetcher:
        result = fetcher.page(site.base + "/asuminen/sivu-0.html")
    assert result.body is None and "private or local address" in result.error
    assert site.log == []


def test_crawl_delay_from_robots_txt_spaces_requests():
    server = SiteServer(build_site(3, crawl_delay=1))
    try:
        with Fetcher(settings()) as fetcher:
            for n in range(3):
                assert fetcher.page(server.base + f"/{['asuminen', 'liikenne', 'terveys'][n]}/sivu-{n}.html").body
        pages = [r for r in server.log if r.path != "/robots.txt"]
        gaps = [b.at - a.at for a, b in zip(pages, pages[1:])]
        assert len(gaps) == 2 and min(gaps) >= 0.9
    finally:
        server.close()


def test_sitemap_parsing_is_defensive():
    assert parse(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://a.fi/x </loc>'
                 b"</url></urlset>") == (["https://a.fi/x"], [])
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
            b"<urlset><url><loc>&lol2;</loc></url></urlset>")
    with pytest.raises(SitemapError, match="DOCTYPE"):
        parse(bomb)
    with pytest.raises(SitemapError, match="not well-formed"):
        parse(b"<urlset><url>")
    with pytest.raises(SitemapError, match="not a sitemap"):
        parse(b"<html></html>")
    import gzip

    with pytest.raises(SitemapError, match="decompresses to more than"):
        gunzip(gzip.compress(b" " * 100_000), limit=10_000)


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    monkeypatch.setenv("SELKEYS_CACHE_DIR", str(tmp_path / "cache"))
    config = tmp_path / "selkeys.toml"
    config.write_text(f'crawl-delay = 0\nuser-agent-contact = "{CONTACT}"\n', encoding="utf-8")
    return ["--config", str(config), "--allow-private", "-j", "1"]


def invoke(args: list[str]):
    from selkeys.cli.app import app

    return CliRunner().invoke(app, ["check", *args])


def test_cli_exit_codes_for_pages(site, cli_env, tmp_path):
    page = site.base + "/asuminen/sivu-0.html"
    result = invoke([page, "--format", "json", *cli_env])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["files"][0]["url"] == page and data["files"][0]["findings"]
    assert "blocks" not in data["files"][0]
    assert invoke([page, "--exit-zero", *cli_env]).exit_code == 0
    # a failing page is reported and the run goes on; only nothing read at all is exit 2
    result = invoke([page, site.base + "/puuttuu.html", "--format", "csv", "--exit-zero", *cli_env])
    assert result.exit_code == 0 and "HTTP 404" in result.stdout
    assert invoke([site.base + "/puuttuu.html", *cli_env]).exit_code == 2
    assert invoke([page, "--format", "yaml", *cli_env]).exit_code == 2
    assert invoke([page, "--engine", "dask", *cli_env]).exit_code == 2


def test_cli_url_file_sitemap_and_run_dir(site, cli_env, tmp_path):
    url_file = tmp_path / "urls.txt"
    url_file.write_text(f"# sivut\n{site.base}/boende/sida-0.html\n\n{site.base}/liite.pdf\n", encoding="utf-8")
    run_dir = tmp_path / "myrun"
    result = invoke(["--urls", str(url_file), "--run-dir", str(run_dir), "--format", "jsonl", "--exit-zero", *cli_env])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["url"] for r in lines} == {site.base + "/boende/sida-0.html", site.base + "/liite.pdf"}
    assert len((run_dir / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    bad = tmp_path / "bad.txt"
    bad.write_text("file:///etc/passwd\n", encoding="utf-8")
    assert invoke(["--urls", str(bad), *cli_env]).exit_code == 2
    assert invoke(["--sitemap", "ftp://x/", *cli_env]).exit_code == 2


def test_urls_are_normalised_and_crawls_stay_on_their_host():
    from selkeys.fetch.crawl import Frontier, normalise

    assert normalise("HTTPS://Example.FI:443/a#top") == "https://example.fi/a"
    assert normalise("http://example.fi") == "http://example.fi/"
    assert normalise("http://example.fi:8080/x?q=1#f") == "http://example.fi:8080/x?q=1"
    assert normalise("http://[::1]:80/") == "http://[::1]/"
    assert normalise("mailto:kirjaamo@example.fi") is None and normalise("http://bad:port/") is None
    frontier = Frontier("https://example.fi/", max_pages=3, max_depth=1)
    for url in ("https://other.fi/a", "https://example.fi/#top", "https://example.fi/kuva.png",
                "https://EXAMPLE.fi/a#x", "https://example.fi/b"):
        frontier.add(url, 1)
    frontier.add("https://example.fi/deep", 2)
    assert [frontier.pop() for _ in range(4)] == [("https://example.fi/", 0), ("https://example.fi/a", 1),
                                                 ("https://example.fi/b", 1), None]


def test_robots_policy_follows_rfc_9309():
    from selkeys.fetch.robots import RobotsPolicy

    assert RobotsPolicy.from_response(404, None).allowed("https://a.fi/x")  # no robots.txt: all allowed
    assert not RobotsPolicy.from_response(503, None).allowed("https://a.fi/x")  # server error: nothing
    assert not RobotsPolicy.from_response(None, None).allowed("https://a.fi/x")  # unreachable: nothing
    policy = RobotsPolicy.from_response(200, "User-agent: selkeys\nDisallow: /luonnos/\nCrawl-delay: 3\n"
                                              "\nUser-agent: *\nDisallow: /\n")
    assert policy.allowed("https://a.fi/x") and not policy.allowed("https://a.fi/luonnos/1")
    assert policy.crawl_delay() == 3.0


def test_progress_bar_shows_pages_per_second_and_eta():
    from rich.progress import ProgressColumn, TimeRemainingColumn

    from selkeys.batch import _progress

    progress = _progress(True)
    try:
        task = progress.tasks[0]
        progress.update(task.id, total=10, advance=4)
        columns = [c for c in progress.columns if isinstance(c, ProgressColumn)]
        rendered = [str(c.render(task)) for c in columns]
    finally:
        progress.stop()
    assert any(text.endswith(" pages/s") for text in rendered)
    assert any(isinstance(c, TimeRemainingColumn) for c in columns)


def test_web_config_keys_are_validated():
    from selkeys.config import ConfigError

    config = Config().merged({"user-agent-contact": CONTACT, "crawl-delay": 2, "max-page-size": 1000,
                              "cache-dir": "~/selkeys-cache"}, "selkeys.toml")
    assert (config.user_agent_contact, config.crawl_delay, config.max_page_size) == (CONTACT, 2.0, 1000)
    assert user_agent(config.user_agent_contact) == f"selkeys/{__version__} (+{CONTACT})"
    for key, value in (("user-agent-contact", "example.fi"), ("user-agent-contact", "https://x.fi/\r\nX: y"),
                       ("crawl-delay", -1), ("crawl-delay", "1"), ("max-page-size", 0), ("cache-dir", "")):
        with pytest.raises(ConfigError, match=key):
            Config().merged({key: value}, "selkeys.toml")


@pytest.fixture
def broken_sitemaps(monkeypatch):
    """Sitemaps that cannot be read: missing, too large, a gzip bomb and an index that lists itself."""
    import gzip

    from site_fixture import Resource

    from selkeys.fetch import sitemap

    monkeypatch.setattr(sitemap, "MAX_SITEMAP_BYTES", 100_000)  # the bomb stays under it packed
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             "<sitemap><loc>{base}/itse.xml</loc></sitemap></sitemapindex>")
    large = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + " " * 150_000 + "</urlset>"
    site = build_site(2)
    site["/itse.xml"] = Resource(index.encode(), "application/xml")
    site["/iso.xml"] = Resource(large.encode(), "application/xml")
    site["/pommi.xml.gz"] = Resource(gzip.compress(b"<urlset>" + b" " * 60_000_000 + b"</urlset>"), "application/gzip")
    server = SiteServer(site)
    yield server
    server.close()


@pytest.mark.parametrize("path, why", [("/puuttuu.xml", "HTTP 404"), ("/iso.xml", "limit"),
                                       ("/pommi.xml.gz", "decompresses to more than"), ("/itse.xml", "lists itself")])
def test_an_unreadable_sitemap_fails_the_run(broken_sitemaps, cli_env, path, why):
    """A CI job on a broken sitemap must not pass: its pages cannot be known."""
    result = invoke(["--sitemap", broken_sitemaps.base + path, "--format", "csv", "--exit-zero", *cli_env])
    assert result.exit_code == 2, result.output
    assert f"sitemap {broken_sitemaps.base}{path}" in result.output and why in result.output
    # pages that could be read are still linted and reported, and the run still fails
    result = invoke(["--sitemap", broken_sitemaps.base + path, broken_sitemaps.base + "/asuminen/sivu-0.html",
                     "--format", "csv", *cli_env])
    assert result.exit_code == 2 and "/asuminen/sivu-0.html,fi," in result.output
