"""Who a request comes from, as far as the rate limit and the duplicate check need to know.

By default that is the connecting address and nothing else: a forwarded header
(``X-Forwarded-For``, ``Forwarded``) is a claim anyone can make, so it is believed only when
the connection comes from a proxy the operator named (``--trusted-proxies``). Loopback is not
trusted by default either (uvicorn would trust 127.0.0.1: then every request through a local
tunnel, or from a process on the same machine, could name any client it liked). The
``selkeys serve`` command turns uvicorn's own proxy handling off, so this module is the one
place that decides.

Behind trusted proxies the client is the first address, counted from the right, that is not
itself a trusted proxy. An IPv6 client is known by its /64 prefix: one household or phone gets
a whole /64 and can pick a new address in it for every request.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_PAIR = re.compile(r'\s*([A-Za-z]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;,\s]*)\s*')


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or CIDR networks (``10.0.0.1``, ``10.0.0.0/8``, ``2001:db8::/32``), comma- or
    list-separated; ValueError names the entry that is neither."""
    networks = []
    for value in values:
        for item in value.split(","):
            item = item.strip()
            if not item:
                continue
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                raise ValueError(f"not an address or network: {item!r}") from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address from a header or the socket ("[2001:db8::1]:4711", "192.0.2.1:80" too)."""
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _trusted(ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None, networks: Sequence[Network]) -> bool:
    return ip is not None and any(ip.version == n.version and ip in n for n in networks)


def _forwarded_hops(headers) -> list[tuple[str, str | None]]:
    """(for, proto) of every hop, leftmost first: the ``Forwarded`` header (RFC 7239) when
    present, else ``X-Forwarded-For`` with ``X-Forwarded-Proto`` on the last hop."""
    hops: list[tuple[str, str | None]] = []
    for line in headers.getlist("forwarded"):
        for element in line.split(","):
            pairs = {k.lower(): v.strip('"') for k, v in _PAIR.findall(element)}
            if "for" in pairs:
                hops.append((pairs["for"], pairs.get("proto")))
    if hops:
        return hops
    for line in headers.getlist("x-forwarded-for"):
        hops += [(item.strip(), None) for item in line.split(",") if item.strip()]
    proto = headers.get("x-forwarded-proto")
    if hops and proto:
        hops[-1] = (hops[-1][0], proto.split(",")[-1].strip())
    return hops


def client_of(peer: str | None, headers, trusted: Sequence[Network]) -> tuple[str, str | None]:
    """The client's key (an IPv4 address, an IPv6 /64, or an opaque name a trusted proxy
    gave) and the scheme a trusted proxy says the client used (None when no proxy says)."""
    ip = _address(peer or "")
    if not _trusted(ip, trusted):
        return key(ip, peer or ""), None
    scheme = None
    for name, proto in reversed(_forwarded_hops(headers)):
        scheme = scheme or proto
        hop = _address(name)
        if hop is None:
            return name[:100], scheme  # "unknown" or an obfuscated name (RFC 7239 6.3): all we know
        ip = hop
        if not _trusted(hop, trusted):
            break
    return key(ip, peer or ""), scheme


def key(ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None, fallback: str) -> str:
    """The rate limit's name for an address: IPv4 as it is, IPv6 by its /64."""
    if ip is None:
        return fallback
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
