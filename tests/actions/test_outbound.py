"""Outbound HTTP to user URLs: refuses internal addresses, never follows redirects."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from actions.outbound import OutboundError, forbidden_reason, post, url_errors
from tests.fakes.http import Reply, serving


def send(url: str, **timeouts: float):
    return post(
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
        ("100.64.0.1", "a non-public address"),
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
        ("64:ff9b::a00:1", "a non-public address"),
        ("ff02::1", "a multicast address"),
    ],
)
def test_internal_addresses_are_forbidden(address: str, reason: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


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
