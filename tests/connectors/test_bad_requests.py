"""Every bad request ends as stated, and nothing a platform sent in good faith is lost."""

from __future__ import annotations

import pytest
from django.test import Client

from calls.models import Call
from connectors.models import Delivery, Verdict
from connectors.services import connection_update
from tests.connectors import payloads
from tests.connectors.conftest import SECRET
from tests.connectors.peers import bland_headers, encoded

pytestmark = pytest.mark.django_db


@pytest.fixture
def connection(connect):
    return connect("bland")


def test_an_unknown_token_is_a_404(client: Client, connection) -> None:
    body = encoded(payloads.bland())

    response = client.post(
        "/hooks/bland/not-a-token/", body, "application/json", headers=bland_headers(body, SECRET)
    )

    assert response.status_code == 404
    assert response.json()["error"]["message"] == "No enabled connection has this URL."


def test_the_right_token_under_another_platform_is_a_404(client: Client, connection) -> None:
    body = encoded(payloads.bland())

    response = client.post(f"/hooks/retell/{connection.token}/", body, "application/json")

    assert response.status_code == 404


def test_a_disabled_connection_is_a_404_and_stores_nothing(deliver, connection) -> None:
    connection_update(connection=connection, is_enabled=False)
    body = encoded(payloads.bland())

    assert deliver(connection, body, bland_headers(body, SECRET)).status_code == 404
    assert not Delivery.objects.exists()


def test_a_body_over_the_limit_is_a_413(deliver, connection, settings) -> None:
    settings.CONNECTOR_MAX_BODY_BYTES = 2_000
    body = encoded(payloads.bland(summary="x" * 2_000))

    response = deliver(connection, body, bland_headers(body, SECRET))

    assert response.status_code == 413
    assert response.json()["error"]["message"] == "The body is over 2000 bytes."
    assert not Delivery.objects.exists()


def test_a_body_that_is_not_json_is_a_400_and_kept(deliver, connection) -> None:
    body = b'{"call_id": "bland-call-1", "started_at": '

    response = deliver(connection, body, bland_headers(body, SECRET))

    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("The body is not JSON")
    assert bytes(Delivery.objects.get(verdict=Verdict.INVALID).body) == body


def test_a_call_the_store_refuses_is_a_400_with_its_reason(deliver, connection) -> None:
    document = payloads.bland(
        transcripts=[],
        concatenated_transcript="Narrator: once upon a time",
    )
    body = encoded(document)

    response = deliver(connection, body, bland_headers(body, SECRET))

    assert response.status_code == 400
    assert "transcript" in response.json()["error"]["details"]
    assert response.json()["kept"].startswith("The body is kept")
    assert not Call.objects.exists()


def test_a_connection_without_a_secret_refuses_everything(deliver, connection) -> None:
    connection.secrets.all().delete()
    body = encoded(payloads.bland())

    response = deliver(connection, body, bland_headers(body, SECRET))

    assert response.status_code == 401
    assert "has no secret" in response.json()["error"]["message"]


def test_only_post_is_accepted(client: Client, connection) -> None:
    assert client.get(f"/hooks/bland/{connection.token}/").status_code == 405
