"""Outbound HTTP to URLs users typed (webhooks, dialers), refusing internal addresses.

The host is resolved once per request, every address is checked, and the connection
is pinned to the checked address, so a DNS answer that changes between the check and
the connection (rebinding) cannot reach an internal service. Redirects are never
followed. `OUTBOUND_ALLOWED_NETWORKS` lets chosen networks through (tests and local
development use it for 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
EXCERPT_BYTES = 2048
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
    ipaddress.ip_address("100.100.100.200"),
}
EXTRA_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "100.64.0.0/10",  # carrier-grade NAT
        "192.0.0.0/24",  # IETF protocol assignments
        "198.18.0.0/15",  # benchmarking
        "64:ff9b::/96",  # NAT64: embeds an IPv4 address
        "64:ff9b:1::/48",
        "2002::/16",  # 6to4: embeds an IPv4 address
    )
)


class OutboundError(Exception):
    """The request did not produce a response; `permanent` when retrying cannot help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class OutboundResponse:
    status_code: int
    headers: Mapping[str, str]
    body_excerpt: str
    duration_ms: int
    connected_ip: str


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [
        ipaddress.ip_network(network, strict=False)
        for network in getattr(settings, "OUTBOUND_ALLOWED_NETWORKS", [])
    ]


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why an address must not be called, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return forbidden_reason(ip.ipv4_mapped)
    checks = (
        (ip in METADATA_ADDRESSES, "a cloud metadata address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (any(ip in network for network in EXTRA_BLOCKED_NETWORKS), "a non-public address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "a non-public address"),
    )
    return next((reason for failed, reason in checks if failed), None)


def refusal(ip: IPAddress) -> str | None:
    """Why this address is refused here, allow-list considered."""
    if any(ip in network for network in allowed_networks()):
        return None
    reason = forbidden_reason(ip)
    return f"{ip} is {reason}" if reason else None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host resolves to; numeric forms (2130706433, 0x7f.1) included."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if ip not in addresses:
            addresses.append(ip)
    return addresses


def checked_address(host: str, port: int) -> IPAddress:
    """The address to connect to, or OutboundError when any address is refused."""
    try:
        addresses = resolve(host, port)
    except (socket.gaierror, UnicodeError) as error:
        raise OutboundError(f"{host} could not be resolved", permanent=False) from error
    for ip in addresses:
        reason = refusal(ip)
        if reason:
            raise OutboundError(f"refused: {host} resolves to {reason}", permanent=True)
    return addresses[0]


def url_errors(url: str) -> list[str]:
    """Problems of a URL at save time: scheme, credentials, and where it resolves."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [f"{url!r} is not an http:// or https:// URL"]
    if parts.username or parts.password:
        return ["put credentials in headers, not in the URL"]
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return [f"{url!r} has an invalid port"]
    try:
        checked_address(parts.hostname, port)
    except OutboundError as error:
        return [str(error)]
    return []


class PinnedAddressAdapter(HTTPAdapter):
    """Connects to the address that was checked, keeping the host name for Host and TLS."""

    def __init__(self, *, https: bool) -> None:
        super().__init__(max_retries=0)
        self._https = https
        self.connected_ip = ""

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        host, port = host_params["host"], host_params["port"]
        ip = checked_address(host, port or (443 if self._https else 80))
        request.headers = CaseInsensitiveDict(request.headers or {})
        shown_host = f"[{host}]" if ":" in host else host
        request.headers["Host"] = f"{shown_host}:{port}" if port else shown_host
        if self._https:
            pool_kwargs["assert_hostname"] = host
            pool_kwargs["server_hostname"] = host
        host_params["host"] = str(ip)
        self.connected_ip = str(ip)
        return host_params, pool_kwargs


def _session() -> tuple[requests.Session, dict[str, PinnedAddressAdapter]]:
    session = requests.Session()
    session.trust_env = False  # no proxies from the environment: they would bypass the check
    adapters = {
        "http": PinnedAddressAdapter(https=False),
        "https": PinnedAddressAdapter(https=True),
    }
    session.mount("http://", adapters["http"])
    session.mount("https://", adapters["https"])
    return session, adapters


def post(
    url: str,
    *,
    body: bytes,
    headers: Mapping[str, str],
    connect_timeout: float,
    read_timeout: float,
) -> OutboundResponse:
    """POST once, never following redirects; raise OutboundError when no response came."""
    scheme = urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise OutboundError(f"{url!r} is not an http:// or https:// URL", permanent=True)
    session, adapters = _session()
    started = time.monotonic()
    try:
        with session:
            response = session.post(
                url,
                data=body,
                headers=dict(headers),
                timeout=(connect_timeout, read_timeout),
                allow_redirects=False,
                stream=True,
            )
            excerpt = response.raw.read(EXCERPT_BYTES, decode_content=True) or b""
            response.close()
    except OutboundError:
        raise
    except requests.Timeout as error:
        raise OutboundError(f"timed out: {_cause(error)}", permanent=False) from error
    except requests.ConnectionError as error:
        raise OutboundError(f"connection failed: {_cause(error)}", permanent=False) from error
    except requests.RequestException as error:
        raise OutboundError(f"request failed: {_cause(error)}", permanent=True) from error
    return OutboundResponse(
        status_code=response.status_code,
        headers=response.headers,
        body_excerpt=excerpt.decode(errors="replace"),
        duration_ms=round((time.monotonic() - started) * 1000),
        connected_ip=adapters[scheme].connected_ip,
    )


def _cause(error: Exception) -> str:
    """The innermost reason, without urllib3's long wrappers."""
    while error.__context__ is not None and not isinstance(error, OSError | TimeoutError):
        error = error.__context__
    return str(error)[:300]
