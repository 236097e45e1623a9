"""Outbound HTTP to user URLs: refuses internal addresses, never follows redirects."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from actions.outbound import OutboundError, is_forbidden_address, url_errors
from actions.outbound import send as outbound_send
from tests.fakes.http import Reply, serving


def send(url: str, **timeouts: float):
    return outbound_send(
        "POST",
        url,
        body=b'{"ok": true}',
        headers={"Content-Type": "application/json"},
        connect_timeout=timeouts.get("connect", 2.0),
        read_timeout=timeouts.get("read", 2.0),
    )


def test_a_2xx_comes_back_with_an_excerpt_and_the_address_connected() -> None:
    with serving(Reply(200, "x" * 5000)) as receiver:
        response = send(f"{receiver.url}/hook")

    assert response.status_code == 200
    assert response.body_excerpt == "x" * 2048
    assert response.connected_ip == "127.0.0.1"
    assert receiver.received[0].body == b'{"ok": true}'


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_redirects_are_returned_never_followed(status: int) -> None:
    with serving() as target, serving(Reply(status, headers={"Location": "X"})) as receiver:
        receiver.default = Reply(status, headers={"Location": f"{target.url}/stolen"})
        response = send(receiver.url)

    assert response.status_code == status
    assert target.received == []


def test_a_receiver_slower_than_the_read_timeout_is_a_temporary_error() -> None:
    with serving(Reply(200, delay=1.5)) as receiver, pytest.raises(OutboundError) as raised:
        send(receiver.url, read=0.3)

    assert not raised.value.permanent
    assert "timed out" in str(raised.value)


def test_a_dropped_connection_is_a_temporary_error() -> None:
    with serving(Reply(drop=True)) as receiver, pytest.raises(OutboundError) as raised:
        send(receiver.url)

    assert not raised.value.permanent
    assert "connection" in str(raised.value)


def test_loopback_is_refused_without_the_allow_list(settings) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = []
    with serving() as receiver, pytest.raises(OutboundError) as raised:
        send(receiver.url)

    assert raised.value.permanent
    assert "127.0.0.1 is a loopback address" in str(raised.value)
    assert receiver.received == []


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("10.0.0.1", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("100.64.0.1", "a carrier-grade NAT address"),
        ("169.254.169.254", "a cloud metadata address"),
        ("169.254.1.1", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("fe80::1", "a link-local address"),
        ("fc00::1", "a private address"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("::ffff:169.254.169.254", "a cloud metadata address"),
        ("64:ff9b::a00:1", "a special-purpose address"),  # NAT64 around 10.0.0.1
        ("ff02::1", "a multicast address"),
        ("2002:7f00:1::", "a special-purpose address"),  # 6to4 around 127.0.0.1
        ("192.88.99.1", "a special-purpose address"),
        ("4000::1", "a reserved address"),
    ],
)
def test_internal_addresses_are_forbidden(address: str, reason: str) -> None:
    assert is_forbidden_address(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert is_forbidden_address(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://0x7f.0.0.1/",
        "http://127.1/",
    ],
)
def test_post_refuses_internal_targets_for_good(settings, url: str) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = []

    with pytest.raises(OutboundError, match=r"^refused: ") as raised:
        send(url, connect=0.2)

    assert raised.value.permanent


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",  # decimal
        "http://0177.0.0.1/",  # octal
        "http://0x7f.0.0.1/",  # hex
        "http://127.1/",  # short
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost/",
    ],
)
def test_numeric_spellings_of_loopback_are_refused_when_saved(settings, url: str) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = []

    errors = url_errors(url)

    assert len(errors) == 1
    assert "loopback address" in errors[0]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/", "is not an http:// or https:// URL"),
        ("https://user:pw@example.com/", "put credentials in headers, not in the URL"),
        ("https://no-such-host.invalid/", "could not be resolved"),
        ("crm.example.com/hook", "is not an http:// or https:// URL"),
        ("http:///hook", "is not an http:// or https:// URL"),
        ("http://[::1/hook", "is not a valid URL"),
        ("http://example.com:99999/", "is not a valid URL"),
    ],
)
def test_url_problems_at_save_time(url: str, message: str) -> None:
    assert message in url_errors(url)[0]


def test_dns_rebinding_is_refused_at_connect_time(settings, monkeypatch) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = []
    answers = iter(["93.184.215.14", "127.0.0.1"])
    real = socket.getaddrinfo

    def rebinding(host: str, port: int, *args: object, **kwargs: object):
        if host != "crm.example.com":
            return real(host, port, *args, **kwargs)
        address = next(answers)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with serving() as receiver:
        port = receiver.url.rsplit(":", 1)[1]
        assert url_errors(f"http://crm.example.com:{port}/hook") == []  # public when saved

        with pytest.raises(OutboundError) as raised:
            send(f"http://crm.example.com:{port}/hook")

    assert raised.value.permanent
    assert "resolves to 127.0.0.1 is a loopback address" in str(raised.value)
    assert receiver.received == []


def test_a_host_resolving_to_public_and_private_addresses_is_refused(settings, monkeypatch) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = []

    def both(host: str, port: int, *args: object, **kwargs: object):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", both)

    assert "10.1.2.3 is a private address" in url_errors("https://mixed.example.com/")[0]


def test_the_allow_list_lets_chosen_networks_through(settings) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.0/8"]

    assert url_errors("http://127.0.0.1:9/") == []
    assert "private" in url_errors("http://10.0.0.1/")[0]


def test_an_allow_listed_private_network_is_accepted(settings) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = ["10.20.0.0/16"]

    assert url_errors("http://10.20.1.2/") == []
    assert "10.21.0.1 is a private address" in url_errors("http://10.21.0.1/")[0]


def test_a_bad_scheme_or_url_is_refused_before_any_connection() -> None:
    for url in ("ftp://127.0.0.1/", "http://[::1/"):
        with pytest.raises(OutboundError) as raised:
            send(url)
        assert raised.value.permanent


class _Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        return

    def do_POST(self) -> None:
        self.server.hosts.append(self.headers["Host"])
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: str, tls: ssl.SSLContext | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in address else socket.AF_INET
        super().__init__((address, 0), _Receiver)
        self.tls, self.hosts = tls, []

    def get_request(self) -> tuple[socket.socket, object]:
        connection, peer = super().get_request()
        if self.tls:
            connection = self.tls.wrap_socket(connection, server_side=True)
        return connection, peer

    def handle_error(self, request: object, client_address: object) -> None:
        return  # a refused TLS handshake is what some tests expect


@contextmanager
def receiving(address: str, tls: ssl.SSLContext | None = None) -> Iterator[_Server]:
    server = _Server(address, tls)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_an_allow_listed_ipv6_address_is_called(settings) -> None:
    settings.OUTBOUND_ALLOWED_NETWORKS = ["::1/128"]

    with receiving("::1") as receiver:
        response = send(f"http://[::1]:{receiver.server_address[1]}/hook")

    assert (response.status_code, response.connected_ip) == (204, "::1")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate for crm.example.com; key and certificate in one file."""
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", folder / "key.pem", "-out", folder / "cert.pem", "-days", "2",
         "-subj", "/CN=crm.example.com", "-addext", "subjectAltName=DNS:crm.example.com"],
        check=True, capture_output=True,
    )  # fmt: skip
    both = folder / "both.pem"
    both.write_text((folder / "key.pem").read_text() + (folder / "cert.pem").read_text())
    return both


@pytest.fixture
def tls_receiver(certificate: Path, settings, monkeypatch) -> Iterator[tuple[_Server, list]]:
    """An HTTPS receiver for crm.example.com on 127.0.0.1, recording the SNI names it saw."""
    settings.OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    real = socket.getaddrinfo

    def crm_is_local(host: str, *args: object, **kwargs: object):
        return real("127.0.0.1" if host == "crm.example.com" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", crm_is_local)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate)
    names: list[str | None] = []
    context.sni_callback = lambda _socket, name, _context: names.append(name)
    with receiving("127.0.0.1", context) as receiver:
        yield receiver, names


def test_https_to_a_pinned_address_checks_the_certificate_of_the_host_name(
    tls_receiver: tuple[_Server, list], certificate: Path, monkeypatch
) -> None:
    receiver, names = tls_receiver
    monkeypatch.setattr(requests.adapters, "DEFAULT_CA_BUNDLE_PATH", str(certificate))
    port = receiver.server_address[1]

    response = send(f"https://crm.example.com:{port}/hook")

    assert (response.status_code, response.connected_ip) == (204, "127.0.0.1")
    assert names == ["crm.example.com"]
    assert receiver.hosts == [f"crm.example.com:{port}"]


def test_an_untrusted_certificate_is_a_tls_error(tls_receiver: tuple[_Server, list]) -> None:
    receiver, names = tls_receiver

    with pytest.raises(OutboundError, match=r"^TLS failed: .*certificate verify failed"):
        send(f"https://crm.example.com:{receiver.server_address[1]}/hook")

    assert names == ["crm.example.com"]
    assert receiver.hosts == []
