"""While the database is away, the API and the platforms' webhooks answer 503 with
`Retry-After` in the API's error shape, so that their senders retry, instead of 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from rest_framework.test import APIClient

from tests.api.test_calls_api import body

pytestmark = pytest.mark.django_db

UNAVAILABLE = {
    "error": {"code": "unavailable", "message": "The database is unavailable; retry later."}
}


@pytest.fixture
def database_away(monkeypatch) -> None:
    def refuse() -> None:
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    monkeypatch.setattr(connection, "ensure_connection", refuse)


def test_a_call_posted_while_the_database_is_away_is_answered_503(
    runtime: APIClient, database_away: None
) -> None:
    response = runtime.post("/api/v1/calls/", body(), format="json")

    assert response.status_code == 503
    assert response.json() == UNAVAILABLE
    assert int(response["Retry-After"]) > 0


def test_a_platform_webhook_while_the_database_is_away_is_answered_503(
    client, database_away: None
) -> None:
    response = client.post("/hooks/retell/some-token/", data=b"{}", content_type="application/json")

    assert response.status_code == 503
    assert response.json() == UNAVAILABLE
    assert int(response["Retry-After"]) > 0
