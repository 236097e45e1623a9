"""A connection's secret is write-only and rotates with a grace period."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from agents.selectors import agent_export
from connectors.services import connection_secret_rotate
from tests.connectors import payloads
from tests.connectors.conftest import SECRET
from tests.connectors.peers import bland_headers, encoded

pytestmark = pytest.mark.django_db


def test_during_the_grace_period_both_secrets_verify_and_after_it_only_the_new(
    connect, deliver, settings
) -> None:
    settings.WEBHOOK_ROTATION_GRACE_HOURS = 24
    connection = connect("bland")
    connection_secret_rotate(connection=connection, secret="new-secret")

    def status(secret: str, call_id: str) -> int:
        body = encoded(payloads.bland(call_id=call_id))
        return deliver(connection, body, bland_headers(body, secret)).status_code

    assert (status(SECRET, "a"), status("new-secret", "b")) == (200, 200)
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert (status(SECRET, "c"), status("new-secret", "d")) == (401, 200)


def test_an_agents_export_carries_no_connection_secret(connect, seed_agent) -> None:
    connect("retell", secret="retell-api-key-value")

    assert "retell-api-key-value" not in str(agent_export(agent=seed_agent))
