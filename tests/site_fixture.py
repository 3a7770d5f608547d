"""A generated web site served on 127.0.0.1, for the batch and web-fetching tests.

Finnish and Swedish pages in sections (/asuminen/, /boende/, ...) linked as hreflang pairs,
with menus and footers that must not be linted; a sitemap index pointing at a plain and a
gzipped sitemap; robots.txt with a disallowed path; and the awkward cases: a slow page, a
500, a 429 that succeeds on the second try, a redirect loop, a huge page and a PDF. The
server answers conditional requests (ETag) and logs every request so tests can check what
was asked for, with which headers.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FI_SECTIONS = ("asuminen", "liikenne", "terveys", "koulutus")
SV_SECTIONS = {"asuminen": "boende", "liikenne": "trafik", "terveys": "halsa", "koulutus": "utbildning"}

_FI_SENTENCES = (
    "Hakemuksen käsittely suoritetaan viraston toimesta kahden viikon kuluessa.",
    "Asiakkaan on toimitettava liitteet ennen määräajan päättymistä.",
    "Maksun suorittaminen tapahtuu verkkopankissa.",
    "Voit hakea tukea verkossa.",
    "Päätös lähetetään sinulle postitse.",
    "Asukaspysäköintitunnuksen hakeminen koskien uusia asukkaita on mahdollista esim. verkossa.",
    "Kaupunki tekee päätöksen hakemuksesta mahdollisimman nopeasti.",
    "Kysy lisää neuvonnasta.",
)
_SV_SENTENCES = (
    "Ansökan ska lämnas in senast den sista i månaden.",
    "Beslut fattas av nämnden efter att ansökan har behandlats.",
    "Du kan ansöka på nätet.",
    "Ersättning utgår endast om kvitto bifogas ansökan.",
    "Den sökande äger rätt att erhålla ett skriftligt beslut.",
    "Fråga mer hos rådgivningen.",
)


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


def _text(sentences: tuple[str, ...], n: int, count: int) -> str:
    return " ".join(sentences[(n * 3 + i) % len(sentences)] for i in range(count))


def page_html(lang: str, title: str, paragraphs: list[str], own: str, other: str | None,
              links: list[str] = ()) -> str:
    other_lang = "sv" if lang == "fi" else "fi"
    alternates = (f'<link rel="alternate" hreflang="{lang}" href="{own}">'
                  + (f'<link rel="alternate" hreflang="{other_lang}" href="{other}">' if other else ""))
    menu = "".join(f'<li><a href="{href}">{href.strip("/")}</a></li>' for href in links)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{alternates}</head>'
            f'<body><header><nav class="main-menu"><ul>{menu}</ul></nav></header>'
            f'<div class="cookie-banner">Tämä sivusto käyttää evästeitä. Hyväksy evästeet jatkaaksesi.</div>'
            f"<main><h1>{title}</h1>{body}</main>"
            f"<footer><p>Esimerkkilän kaupunki, PL 1, 00100 Esimerkkilä. Kaikki oikeudet pidätetään.</p></footer>"
            f"</body></html>")


def build_site(pages_per_lang: int = 110, crawl_delay: int | None = None, awkward: bool = True) -> dict[str, Resource]:
    """Path -> resource. Page ``n`` of each language links to pages ``n+1`` and ``n+2`` and to
    its version in the other language, so a crawl from ``/`` reaches everything. Without
    ``awkward`` the sitemap lists only the pages (for the benchmark: no 500s or 429s)."""
    site: dict[str, Resource] = {}
    fi_paths = [f"/{FI_SECTIONS[n % 4]}/sivu-{n}.html" for n in range(pages_per_lang)]
    sv_paths = [f"/{SV_SECTIONS[FI_SECTIONS[n % 4]]}/sida-{n}.html" for n in range(pages_per_lang)]
    for lang, paths, others, sentences in (("fi", fi_paths, sv_paths, _FI_SENTENCES),
                                           ("sv", sv_paths, fi_paths, _SV_SENTENCES)):
        for n, path in enumerate(paths):
            links = [p for p in paths[n + 1:n + 3]] + [others[n]]
            if lang == "fi" and n == 0:
                links += ["/yksityinen/salainen.html", "/liite.pdf", "/loop-a", "/mailto-test"]
            paragraphs = [_text(sentences, n, 3), _text(sentences, n + 1, 2 + n % 3)]
            html = page_html(lang, f"{'Sivu' if lang == 'fi' else 'Sida'} {n}", paragraphs, path, others[n], links)
            site[path] = Resource(html.encode("utf-8"))
    index_links = fi_paths[:2] + sv_paths[:2]
    site["/"] = Resource(page_html("fi", "Etusivu", ["Tervetuloa kaupungin sivuille."], "/", None,
                                   index_links + ["/yksityinen/salainen.html", "/liite.pdf"]).encode())
    site["/mailto-test"] = Resource(b'<html lang="fi"><body><main><p><a href="mailto:a@b.fi">Posti</a>'
                                    b' ja <a href="tel:123">puhelin</a>.</p></main></body></html>')
    site["/yksityinen/salainen.html"] = Resource(page_html("fi", "Salainen", ["Ei julkinen."], "/", None).encode())
    site["/liite.pdf"] = Resource(b"%PDF-1.4\n" + b"0" * 2000, "application/pdf")
    site["/virhe.html"] = Resource(b"<html><body>Palvelinvirhe</body></html>", status=500)
    site["/ruuhka.html"] = Resource(page_html("fi", "Ruuhka", ["Voit hakea tukea verkossa."], "/ruuhka.html", None).encode())
    site["/hidas.html"] = Resource(page_html("fi", "Hidas", ["Tämä sivu latautuu hitaasti."], "/hidas.html", None).encode())
    site["/loop-a"] = Resource(b"", status=302, headers={"Location": "/loop-b"})
    site["/loop-b"] = Resource(b"", status=302, headers={"Location": "/loop-a"})
    bomb = gzip.compress(b"<html><body><main><p>" + b"a " * 1_500_000 + b"</p></main></body></html>")
    site["/pommi.html"] = Resource(bomb, headers={"Content-Encoding": "gzip"})
    latin = page_html("fi", "Päätös", ["Hakemus käsitellään kahdessa viikossa."], "/latin1.html", None)
    site["/latin1.html"] = Resource(latin.encode("iso-8859-1"), "text/html; charset=iso-8859-1")
    site["/ulos"] = Resource(b"", status=302, headers={"Location": "file:///etc/passwd"})
    site["/siirretty.html"] = Resource(b"", status=301, headers={"Location": fi_paths[0]})
    huge = "<p>" + "Tämä on erittäin pitkä sivu. " * 120_000 + "</p>"
    site["/valtava.html"] = Resource(f'<html lang="fi"><body><main>{huge}</main></body></html>'.encode())
    robots = "User-agent: *\nDisallow: /yksityinen/\n"
    if crawl_delay is not None:
        robots += f"Crawl-delay: {crawl_delay}\n"
    site["/robots.txt"] = Resource(robots.encode(), "text/plain")
    extras = ["/liite.pdf", "/virhe.html", "/ruuhka.html"] if awkward else []
    site["/sitemap-fi.xml"] = Resource(_urlset(fi_paths + extras), "application/xml")
    site["/sitemap-sv.xml.gz"] = Resource(gzip.compress(_urlset(sv_paths)), "application/gzip")
    site["/sitemap.xml"] = Resource(
        b'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>{base}/sitemap-fi.xml</loc></sitemap><sitemap><loc>{base}/sitemap-sv.xml.gz</loc></sitemap>"
        b"</sitemapindex>", "application/xml")
    return site


def _urlset(paths: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{{base}}{p}</loc></url>" for p in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{entries}</urlset>").encode()


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up early (the size limit, the timeout test) are expected here."""

    def handle_error(self, request, client_address) -> None:
        pass


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    status: int
    at: float


class SiteServer:
    """Serves a site dict on a free loopback port in a background thread."""

    SLOW_SECONDS = 2.0

    def __init__(self, site: dict[str, Resource]) -> None:
        self.site = site
        self.log: list[Request] = []
        self.delay = 0.0  # seconds every answer takes (for the per-host concurrency test)
        self.active = 0
        self.max_active = 0
        self.answering = 0  # requests received and not yet answered (clear_log waits for them)
        self.lock = threading.Lock()
        self._busy_once: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes; with Nagle's algorithm on, the client's
            # delayed ACK would add 40 ms to every answer
            disable_nagle_algorithm = True

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                server.handle(self)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        for path, res in self.site.items():
            if b"{base}" in res.body:
                res.body = res.body.replace(b"{base}", self.base.encode())
        gz = self.site.get("/sitemap-sv.xml.gz")
        if gz is not None:
            gz.body = gzip.compress(gzip.decompress(gz.body).replace(b"{base}", self.base.encode()))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def requests_for(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.log if r.path == path]

    def clear_log(self, timeout: float = 10.0) -> None:
        """Forget the requests so far, once every request already received is answered: a
        slow answer to an earlier test (/hidas.html after its client gave up) must not land
        in the next test's log."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                if self.answering == 0 or time.monotonic() > deadline:
                    self.log.clear()
                    return
            time.sleep(0.05)

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        """Count the requests being worked on before answering: once the answer is sent, the
        client may start its next request before this thread gets to count down."""
        with self.lock:
            self.active += 1
            self.answering += 1
            self.max_active = max(self.max_active, self.active)
        try:
            if self.delay:
                time.sleep(self.delay)
            with self.lock:
                self.active -= 1
            self._answer(h)
        finally:
            with self.lock:
                self.answering -= 1

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?", 1)[0]
        res = self.site.get(path)
        status = 404 if res is None else res.status
        headers: dict[str, str] = {}
        body = b"not found"
        content_type = "text/plain"
        if res is not None:
            body, content_type = res.body, res.content_type
            headers.update(res.headers)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if path == "/hidas.html":
                time.sleep(self.SLOW_SECONDS)
            if path == "/ruuhka.html":
                with self.lock:
                    first = path not in self._busy_once
                    self._busy_once.add(path)
                if first:
                    status, body, headers = 429, b"busy", {"Retry-After": "1"}
            if status == 200:
                headers["ETag"] = etag
                if h.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
        with self.lock:
            self.log.append(Request(path, dict(h.headers), status, time.monotonic()))
        try:
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                h.send_header(name, value)
            h.end_headers()
            if status != 304:
                h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
