"""Requests refused for their signature are not stored, but the connection counts them in
a row, since when and why, until a verified one arrives: a secret rotated on one side only
shows on the home page."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.connectors import payloads
from tests.connectors.conftest import SECRET
from tests.connectors.peers import bland_headers, encoded

pytestmark = pytest.mark.django_db


def test_refusals_are_counted_in_a_row_and_a_verified_request_ends_the_run(
    connect, deliver
) -> None:
    connection = connect("bland")
    first = timezone.now().replace(microsecond=0)

    def send(secret: str, call_id: str) -> int:
        body = encoded(payloads.bland(call_id=call_id))
        return deliver(connection, body, bland_headers(body, secret)).status_code

    with time_machine.travel(first, tick=False):
        assert send("rotated-on-the-platform-only", "a") == 401
    with time_machine.travel(first + timedelta(minutes=5), tick=False):
        assert send("rotated-on-the-platform-only", "b") == 401

    connection.refresh_from_db()
    assert connection.refused_in_a_row == 2
    assert connection.refused_since == first
    assert connection.last_refusal.startswith("Signature refused: ")
    assert connection.deliveries.count() == 0

    assert send(SECRET, "c") == 200
    connection.refresh_from_db()
    assert (connection.refused_in_a_row, connection.refused_since, connection.last_refusal) == (
        0,
        None,
        "",
    )
