"""An agent's connections over the API: listed, created, rotated; the secret write-only."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from agents.models import Agent
from connectors.models import Connection
from connectors.selectors import active_secrets

pytestmark = pytest.mark.django_db
URL = "/api/v1/agents/solaris/connections/"


def test_create_and_list_connections_without_ever_reading_the_secret(
    writer: APIClient, seed_agent: Agent, settings
) -> None:
    settings.PUBLIC_BASE_URL = "https://pc.example.com"

    created = writer.post(URL, {"platform": "retell", "secret": "key_abc"}, format="json")
    listed = writer.get(URL)

    assert created.status_code == 201
    connection = Connection.objects.get()
    body = created.json()
    assert body["url"] == f"https://pc.example.com/hooks/retell/{connection.token}/"
    assert body["has_secret"] is True and "secret" not in body
    assert "key_abc" not in listed.content.decode()
    assert [row["platform"] for row in listed.json()["results"]] == ["retell"]


def test_vapi_options_are_checked(writer: APIClient, seed_agent: Agent) -> None:
    response = writer.post(
        URL,
        {"platform": "vapi", "secret": "s", "options": {"algorithm": "md5", "colour": "red"}},
        format="json",
    )

    assert response.status_code == 400
    details = response.json()["error"]["details"]
    assert details["options.algorithm"] == ["'md5' is not one of sha256, sha512, sha1"]
    assert details["options"] == ["unknown option(s): colour"]


def test_a_connection_needs_its_secret_and_one_per_platform(
    writer: APIClient, seed_agent: Agent
) -> None:
    missing = writer.post(URL, {"platform": "bland"}, format="json")
    writer.post(URL, {"platform": "bland", "secret": "s"}, format="json")
    again = writer.post(URL, {"platform": "bland", "secret": "s"}, format="json")

    assert missing.status_code == 400 and "secret" in missing.json()["error"]["details"]
    assert again.status_code == 400 and "already has" in str(again.json())


def test_a_new_secret_starts_a_rotation(writer: APIClient, seed_agent: Agent) -> None:
    created = writer.post(URL, {"platform": "bland", "secret": "old"}, format="json").json()

    response = writer.patch(f"{URL}{created['id']}/", {"secret": "new"}, format="json")

    assert response.status_code == 200
    assert active_secrets(Connection.objects.get()) == ["new", "old"]


def test_reading_needs_read_and_writing_needs_write(client_with, seed_agent: Agent) -> None:
    assert client_with("runtime").get(URL).status_code == 403
    refused = client_with("read").post(URL, {"platform": "bland", "secret": "s"}, format="json")
    assert refused.status_code == 403


def test_an_unknown_agent_is_a_404(writer: APIClient, db: None) -> None:
    assert writer.get("/api/v1/agents/nobody/connections/").status_code == 404
    assert (
        writer.post(
            "/api/v1/agents/nobody/connections/",
            {"platform": "bland", "secret": "s"},
            format="json",
        ).status_code
        == 404
    )
