"""Whom the rate limit and the duplicate check see (issue 18 item 6): forwarded headers only
from proxies the operator named (none by default, not even 127.0.0.1), IPv6 clients by /64."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from starlette.datastructures import Headers
from starlette.testclient import TestClient

from feedback_helpers import free_port, serve
from selkeys.server.app import create_app
from selkeys.server.clients import client_of, parse_networks
from selkeys.server.settings import Settings
from selkeys.server.sites import add_site
from selkeys.server.versions import publish

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

ORIGIN = "https://www.kaupunki.fi"
PAGE = "https://www.kaupunki.fi/fi/asuminen"
TEXT = b"Asumistuki\n\nHakemus on toimitettava kirjaamoon ajoissa.\n"
LOCAL = parse_networks(["127.0.0.1", "10.0.0.0/8"])


def headers(**values: str) -> Headers:
    return Headers({k.replace("_", "-"): v for k, v in values.items()})


@pytest.mark.parametrize("peer,sent,trusted,expected", [
    # nothing trusted: the header is a claim anyone can make, from loopback too
    ("127.0.0.1", headers(x_forwarded_for="198.51.100.7"), (), ("127.0.0.1", None)),
    ("203.0.113.9", headers(forwarded="for=198.51.100.7"), (), ("203.0.113.9", None)),
    # a trusted proxy: the rightmost address that is not a trusted proxy itself
    ("127.0.0.1", headers(x_forwarded_for="198.51.100.7"), LOCAL, ("198.51.100.7", None)),
    ("127.0.0.1", headers(x_forwarded_for="6.6.6.6, 198.51.100.7, 10.1.2.3", x_forwarded_proto="https"), LOCAL,
     ("198.51.100.7", "https")),
    ("10.0.0.5", headers(forwarded='for=192.0.2.60;proto=https;by=10.0.0.5, for="[2001:db8:cafe::17]:4711"'), LOCAL,
     ("2001:db8:cafe::/64", None)),
    ("10.0.0.5", headers(forwarded="for=192.0.2.60;proto=https"), LOCAL, ("192.0.2.60", "https")),
    ("10.0.0.5", headers(forwarded="for=_hidden"), LOCAL, ("_hidden", None)),
    ("127.0.0.1", headers(), LOCAL, ("127.0.0.1", None)),  # a trusted proxy's own request
    ("127.0.0.1", headers(x_forwarded_for="not an address"), LOCAL, ("not an address", None)),
    # IPv6 by /64, IPv4-mapped addresses as IPv4
    ("2001:db8:1:2:aaaa::1", headers(), (), ("2001:db8:1:2::/64", None)),
    ("::ffff:198.51.100.7", headers(), (), ("198.51.100.7", None)),
])
def test_the_client_is_the_peer_unless_a_trusted_proxy_says_otherwise(peer, sent, trusted, expected):
    assert client_of(peer, sent, trusted) == expected


def test_bad_proxy_entries_are_refused():
    with pytest.raises(ValueError, match="not an address or network: 'proxy.example'"):
        parse_networks(["10.0.0.1,proxy.example"])


@pytest.fixture
def make_client(tmp_path):
    """A TestClient connecting from ``peer`` to a fresh service with one published page."""
    made = []

    def make(peer: str, **settings) -> TestClient:
        app = create_app(Settings(data_dir=tmp_path / f"data{len(made)}", **settings))
        feedback = app.state.feedback
        add_site(feedback.engine, "kaupunki", "Kaupunki", [ORIGIN])
        publish(feedback.engine, "kaupunki", PAGE, "fi", TEXT, "text")
        client = TestClient(app, client=(peer, 40000))
        made.append((client, feedback))
        return client

    yield make
    for client, feedback in made:
        client.close()
        feedback.close()


def _rate(client: TestClient, n: int, **extra_headers: str) -> int:
    token = client.app.state.feedback.service.issue_token("kaupunki", time.time() - 10)
    body = {"url": PAGE, "rating": 1 + n % 4, "token": token, "idempotency_key": f"proxy-{n:06d}"}
    return client.post("/api/v1/ratings?site=kaupunki", json=body,
                       headers={"Origin": ORIGIN, **extra_headers}).status_code


def test_forwarded_headers_from_loopback_do_not_bypass_the_limit_by_default(make_client):
    client = make_client("127.0.0.1")
    codes = [_rate(client, n, **{"X-Forwarded-For": f"198.51.100.{n}", "Forwarded": f"for=192.0.2.{n}"})
             for n in range(30)]
    assert codes[:10] == [201] * 10 and set(codes[10:]) == {429}


def test_a_configured_proxy_gives_each_client_its_own_limit(make_client):
    client = make_client("10.0.0.5", trusted_proxies=("10.0.0.0/8",))
    codes = [_rate(client, n, **{"X-Forwarded-For": f"198.51.100.{n}"}) for n in range(30)]
    assert codes == [201] * 30
    same = [_rate(client, 100 + n, **{"X-Forwarded-For": "198.51.100.200"}) for n in range(15)]
    assert set(same[10:]) == {429}


def test_ipv6_clients_share_a_limit_per_64(make_client):
    client = make_client("2001:db8:1:2::1")
    other = TestClient(client.app, client=("2001:db8:1:2:ffff:ffff:ffff:ffff", 40001))
    neighbour = TestClient(client.app, client=("2001:db8:1:3::1", 40002))
    codes = [_rate(client if n % 2 else other, n) for n in range(20)]  # a new address for each request
    assert codes[:10] == [201] * 10 and set(codes[10:]) == {429}
    assert _rate(neighbour, 99) == 201  # the next /64 is someone else


def test_selkeys_serve_ignores_forwarded_headers_from_loopback(tmp_path, monkeypatch):
    """Through uvicorn, which by itself would trust X-Forwarded-For from 127.0.0.1."""
    data = tmp_path / "data"
    selkeys = str(Path(sys.executable).parent / "selkeys")
    source = tmp_path / "sivu.txt"
    source.write_bytes(TEXT)
    for args in (["site", "add", "kaupunki", "--origin", ORIGIN],
                 ["publish", str(source), "--site", "kaupunki", "--url", PAGE, "--lang", "fi"]):
        done = subprocess.run([selkeys, "feedback", *args, "--data-dir", str(data)], capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    port = free_port()
    with serve(data, port):
        base = f"http://127.0.0.1:{port}"
        token = httpx.get(f"{base}/api/v1/page", params={"site": "kaupunki", "url": PAGE},
                          headers={"Origin": ORIGIN}).json()["token"]
        time.sleep(2.1)
        codes = []
        for n in range(25):
            body = {"url": PAGE, "rating": 3, "token": token, "idempotency_key": f"serve-proxy-{n:04d}"}
            codes.append(httpx.post(f"{base}/api/v1/ratings?site=kaupunki", json=body, headers={
                "Origin": ORIGIN, "X-Forwarded-For": f"198.51.100.{n}"}).status_code)
    assert 429 in codes and codes.count(201) <= 11
