"""A voice platform connection that refuses M requests in a row for their signature (a
secret rotated on one side only) raises one alert; a verified request sends the recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from agents.models import Agent
from alerts.models import Incident
from connectors.models import Connection
from connectors.services import connection_create
from tests.alerts.conftest import SITE, thresholds
from tests.connectors import payloads
from tests.connectors.peers import bland_headers, encoded

pytestmark = pytest.mark.django_db

SECRET = "s3cret-key-for-tests-0123456789"


@pytest.fixture
def connection(seed_agent: Agent) -> Connection:
    return connection_create(agent=seed_agent, platform="bland", secret=SECRET, options={})


@pytest.fixture
def post(client, connection: Connection, django_capture_on_commit_callbacks):
    calls = iter(range(1, 1000))

    def send(secret: str) -> int:
        body = encoded(payloads.bland(call_id=f"call-{next(calls)}"))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/hooks/bland/{connection.token}/",
                data=body,
                content_type="application/json",
                headers=bland_headers(body, secret),
            )
        return response.status_code

    return send


def test_m_refusals_in_a_row_alert_once_and_a_verified_request_recovers(
    post, connection, check, ops_email, frozen
) -> None:
    thresholds(refused_requests_in_a_row=3)
    for _ in range(2):
        assert post("rotated-on-the-platform-only") == 401
    check()
    assert mail.outbox == []

    frozen.shift(timedelta(minutes=5))
    for _ in range(4):
        post("rotated-on-the-platform-only")
        check()
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.subject == "Broken: 3 requests from Bland AI to Solaris sales refused in a row"
    assert "Since: Mon 2026-12-07 12:12 +03 (Europe/Istanbul)" in alert.body
    assert "Last error: Signature refused: " in alert.body
    assert f"Fix it: {SITE}/admin/connectors/connection/{connection.pk}/change/" in alert.body

    assert post(SECRET) == 200
    check()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject.startswith("Recovered: 3 requests from Bland AI")
    assert Incident.objects.get().closed_at is not None
