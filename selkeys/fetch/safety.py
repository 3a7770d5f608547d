"""Which URLs may be fetched: http(s) only, and no loopback, private, link-local, multicast or
reserved addresses unless the user allows them (``--allow-private``).

A linter pointed at a site map it did not write must not become a way to reach an intranet
or a cloud metadata service. The check runs where the connection is made (see
:class:`GuardedBackend`): the host name is resolved once, every address is checked, and the
socket is opened to a checked address. Checking a name and then letting the HTTP library
resolve it again would leave a window for DNS rebinding.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpcore

from selkeys.fetch.deadline import DeadlineStream, bounded

ALLOWED_SCHEMES = ("http", "https")


class UnsafeURL(Exception):
    """A URL that selkeys refuses to fetch; the message says why."""


def check_url(url: str) -> None:
    """Refuse anything but http(s) URLs with a host (file:, ftp:, data:, javascript: ...)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UnsafeURL(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise UnsafeURL(f"{url}: the URL has no host")


def is_public(address: str) -> bool:
    """True for globally routable unicast addresses (IPv4-mapped IPv6 judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses ``host`` resolves to, all of them checked; raises :class:`UnsafeURL`."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UnsafeURL(f"{host}: cannot resolve the host name ({exc.strerror})") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not allow_private:
        blocked = [a for a in addresses if not is_public(a)]
        if blocked:
            raise UnsafeURL(f"{host} resolves to a private or local address ({blocked[0]}); "
                            "use --allow-private to lint such a site")
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses that passed :func:`resolve`.

    The TLS layer still gets the original host name (httpcore passes it separately for SNI
    and certificate checks), so connecting by address does not weaken HTTPS. Its streams keep
    to the request's overall deadline (see ``deadline``).
    """

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options=None) -> httpcore.NetworkStream:
        try:
            addresses = resolve(host, port, self.allow_private)
        except UnsafeURL as exc:
            raise httpcore.ConnectError(str(exc)) from None
        last: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, bounded(timeout, httpcore.ConnectTimeout),
                                             local_address, socket_options)
                return DeadlineStream(stream)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"{host}: no address to connect to")
