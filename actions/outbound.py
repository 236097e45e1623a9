"""Outbound HTTP to URLs users typed (webhooks, dialers), refusing internal addresses.

The host is resolved once per request, every address it resolves to is checked, and
the connection is pinned to the checked address, so a DNS answer that changes between
the check and the connection (rebinding) cannot reach an internal service. Redirects
are never followed and proxies from the environment are ignored.
`OUTBOUND_ALLOWED_NETWORKS` (CIDR strings) lets chosen networks through, private ones
included; tests and local development use it for 127.0.0.0/8.

requests-hardened supplies the session (never redirect, default timeouts) and its list
of special-purpose ranges. Its own IP filter is not used: it has no allow-list for
private networks, checks only the first address and does not say why it refused.
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
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import EXTRA_BLOCKED_NET_RANGES
from urllib3.exceptions import NewConnectionError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
EXCERPT_BYTES = 2048
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT
DEFAULT_PORTS = {"http": 80, "https": 443}


class OutboundError(Exception):
    """The request did not produce a response; `permanent` when retrying cannot help,
    `sent` when the request may have reached the receiver all the same (a read timed out,
    or the connection dropped after the request went out)."""

    def __init__(self, message: str, *, permanent: bool, sent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.sent = sent


@dataclass(frozen=True)
class OutboundResponse:
    status_code: int
    headers: Mapping[str, str]
    body_excerpt: str
    duration_ms: int
    connected_ip: str


def allowed_networks() -> list[IPNetwork]:
    return [
        ipaddress.ip_network(network, strict=False)
        for network in getattr(settings, "OUTBOUND_ALLOWED_NETWORKS", [])
    ]


def is_forbidden_address(ip: IPAddress) -> str | None:
    """Why an address must not be called, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return is_forbidden_address(ip.ipv4_mapped)
    checks = (
        (ip in METADATA_ADDRESSES, "a cloud metadata address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip in SHARED_ADDRESS_SPACE, "a carrier-grade NAT address"),
        (ip.is_private, "a private address"),
        (any(ip in network for network in EXTRA_BLOCKED_NET_RANGES), "a special-purpose address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "a non-public address"),
    )
    return next((reason for failed, reason in checks if failed), None)


def refusal(ip: IPAddress) -> str | None:
    """Why this address is refused here, allow-list considered."""
    if any(ip in network for network in allowed_networks()):
        return None
    reason = is_forbidden_address(ip)
    return f"{ip} is {reason}" if reason else None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host resolves to; numeric forms (2130706433, 0x7f.1) included."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if ip not in addresses:
            addresses.append(ip)
    return addresses


def checked_address(host: str, port: int) -> IPAddress:
    """The address to connect to, or OutboundError when any address is refused."""
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as error:
        raise OutboundError(f"{host} could not be resolved", permanent=False) from error
    for ip in addresses:
        reason = refusal(ip)
        if reason:
            raise OutboundError(f"refused: {host} resolves to {reason}", permanent=True)
    return addresses[0]


def url_errors(url: str) -> list[str]:
    """Problems of a URL at save time: scheme, credentials, and where it resolves."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    except ValueError as error:
        return [f"{url!r} is not a valid URL: {error}"]
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return [f"{url!r} is not an http:// or https:// URL"]
    if parts.username or parts.password:
        return ["put credentials in headers, not in the URL"]
    try:
        checked_address(parts.hostname, port)
    except OutboundError as error:
        return [str(error)]
    return []


class PinnedAddressAdapter(HTTPAdapter):
    """Connects to the address that was checked, keeping the host name for Host and TLS."""

    def __init__(self) -> None:
        super().__init__(max_retries=0)
        self.connected_ip = ""

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        scheme, host, port = host_params["scheme"], host_params["host"], host_params["port"]
        ip = checked_address(host, port or DEFAULT_PORTS[scheme])
        # A copy: the caller's headers may be shared between requests.
        request.headers = CaseInsensitiveDict(request.headers or {})
        shown_host = f"[{host}]" if ":" in host else host
        request.headers["Host"] = f"{shown_host}:{port}" if port else shown_host
        if scheme == "https":
            # The certificate and SNI are for the host name, not the pinned address.
            pool_kwargs["assert_hostname"] = host
            pool_kwargs["server_hostname"] = host
        host_params["host"] = str(ip)
        self.connected_ip = str(ip)
        return host_params, pool_kwargs


def _session(
    connect_timeout: float, read_timeout: float
) -> tuple[requests.Session, PinnedAddressAdapter]:
    session = HTTPSession(
        Config(
            ip_filter_enable=False,
            ip_filter_allow_loopback_ips=False,
            never_redirect=True,
            default_timeout=(connect_timeout, read_timeout),
        )
    )
    session.trust_env = False  # a proxy from the environment would bypass the pinning
    adapter = PinnedAddressAdapter()
    for scheme in DEFAULT_PORTS:
        session.mount(f"{scheme}://", adapter)
    return session, adapter


def pinned_session(*, connect_timeout: float, read_timeout: float) -> requests.Session:
    """A session for a vendor's SDK that takes one (simple-salesforce): each request's
    host checked and pinned as `send`'s is, no redirects, no proxy from the environment.
    A refused address raises OutboundError from the request."""
    return _session(connect_timeout, read_timeout)[0]


def send(
    method: str,
    url: str,
    *,
    body: bytes,
    headers: Mapping[str, str],
    connect_timeout: float,
    read_timeout: float,
) -> OutboundResponse:
    """Send one request with `method`, never following redirects; raise OutboundError when
    no response came."""
    _check_scheme(url)
    session, adapter = _session(connect_timeout, read_timeout)
    started = time.monotonic()
    try:
        with session:
            response = session.request(method, url, data=body, headers=dict(headers), stream=True)
            excerpt = response.raw.read(EXCERPT_BYTES, decode_content=True) or b""
            response.close()
    except OutboundError:
        raise
    except requests.ConnectTimeout as error:
        raise OutboundError(f"timed out: {_cause(error)}", permanent=False) from error
    except requests.Timeout as error:
        raise OutboundError(f"timed out: {_cause(error)}", permanent=False, sent=True) from error
    except requests.exceptions.SSLError as error:
        raise OutboundError(f"TLS failed: {_cause(error)}", permanent=False) from error
    except requests.ConnectionError as error:
        raise OutboundError(
            f"connection failed: {_cause(error)}", permanent=False, sent=not _never_connected(error)
        ) from error
    except requests.RequestException as error:
        raise OutboundError(f"request failed: {_cause(error)}", permanent=True) from error
    return OutboundResponse(
        status_code=response.status_code,
        headers=response.headers,
        body_excerpt=excerpt.decode(errors="replace"),
        duration_ms=round((time.monotonic() - started) * 1000),
        connected_ip=adapter.connected_ip,
    )


def _check_scheme(url: str) -> None:
    try:
        scheme = urlsplit(url).scheme
    except ValueError as error:
        raise OutboundError(f"{url!r} is not a valid URL: {error}", permanent=True) from error
    if scheme.lower() not in DEFAULT_PORTS:
        raise OutboundError(f"{url!r} is not an http:// or https:// URL", permanent=True)


def _never_connected(error: requests.ConnectionError) -> bool:
    """True when the connection was never made, so the request cannot have been sent;
    a connection that dropped later may have carried it."""
    reason = getattr(error.args[0] if error.args else None, "reason", None)
    return isinstance(reason, NewConnectionError)


def _cause(error: BaseException) -> str:
    """The innermost reason, without urllib3's long wrappers."""
    while error.__context__ is not None and not isinstance(error, OSError | TimeoutError):
        error = error.__context__
    return str(error)[:300]
