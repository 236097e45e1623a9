"""Versions over the API: made by API saves and imports, listed and read with the agent's
read scope, restored with its write scope; a re-run can pick one."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from agents.models import Agent
from calls.models import ExtractionRun
from calls.services import call_create
from tests.factories import SEED_FIELDS_JSON

pytestmark = pytest.mark.django_db
SEED_FIELDS = json.loads(SEED_FIELDS_JSON)
HOOK = {
    "type": "webhook",
    "name": "CRM",
    "config": {"url": "http://127.0.0.1:9/crm", "headers": {"Authorization": "Bearer s3"}},
}


def versions(client: APIClient, agent: Agent) -> list[dict]:
    response = client.get(f"/api/v1/agents/{agent.slug}/versions/")
    assert response.status_code == 200
    return response.json()


def test_an_api_save_and_an_import_are_versions_by_their_key(
    seed_agent: Agent, writer: APIClient
) -> None:
    writer.patch(f"/api/v1/agents/{seed_agent.slug}/", {"fields": SEED_FIELDS[:4]}, format="json")
    writer.post(f"/api/v1/agents/{seed_agent.slug}/import/", {"actions": HOOK}, format="json")
    writer.patch(f"/api/v1/agents/{seed_agent.slug}/", {"name": "Renamed"}, format="json")

    listed = versions(writer, seed_agent)

    assert [(v["number"], v["created_by"], v["current"]) for v in listed] == [
        (3, "API key test read+write", True),
        (2, "API key test read+write", False),
        (1, "", False),
    ]
    assert listed[1]["changes"] == ["field 'callback_number' removed"]
    assert listed[0]["changes"] == ["action 'CRM' added (webhook)"]
    assert listed[0]["config"]["actions"][1]["config"]["headers"] == {"Authorization": "(hidden)"}
    assert "s3" not in json.dumps(listed)


def test_one_version_is_read_by_its_number(seed_agent: Agent, reader: APIClient) -> None:
    response = reader.get(f"/api/v1/agents/{seed_agent.slug}/versions/1/")
    missing = reader.get(f"/api/v1/agents/{seed_agent.slug}/versions/7/")

    assert response.status_code == 200
    assert response.json()["config"]["fields"] == SEED_FIELDS
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "solaris has no version 7."


def test_restore_needs_the_write_scope_and_makes_a_new_version(
    seed_agent: Agent, reader: APIClient, writer: APIClient
) -> None:
    writer.patch(f"/api/v1/agents/{seed_agent.slug}/", {"fields": SEED_FIELDS[:4]}, format="json")
    url = f"/api/v1/agents/{seed_agent.slug}/versions/1/restore/"

    refused = reader.post(url)
    restored = writer.post(url)
    again = writer.post(url)

    assert refused.status_code == 403
    assert restored.status_code == 201
    assert restored.json()["number"] == 3
    assert restored.json()["restored_from"] == 1
    assert restored.json()["changes"] == ["field 'callback_number' added (string)"]
    assert seed_agent.fields.count() == 5
    assert again.status_code == 400
    assert "current config already" in json.dumps(again.json())


def test_a_rerun_picks_a_version_and_says_which(
    seed_agent: Agent, writer: APIClient, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            transcript="User: My name is Maria Gonzalez. Call me on 0532 123 4567.",
        )
    writer.patch(f"/api/v1/agents/{seed_agent.slug}/", {"fields": SEED_FIELDS[:4]}, format="json")

    with django_capture_on_commit_callbacks(execute=True):
        picked = writer.post(f"/api/v1/calls/{call.pk}/rerun/", {"version": 1}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        current = writer.post(f"/api/v1/calls/{call.pk}/rerun/", {}, format="json")
    unknown = writer.post(f"/api/v1/calls/{call.pk}/rerun/", {"version": 9}, format="json")

    assert picked.status_code == current.status_code == 202
    assert picked.json()["config_version"] == 1
    assert [spec["name"] for spec in picked.json()["config_snapshot"]][-1] == "callback_number"
    assert ExtractionRun.objects.get(pk=picked.json()["id"]).values["callback_number"]
    assert current.json()["config_version"] == 2
    assert len(current.json()["config_snapshot"]) == 4
    assert unknown.status_code == 400
    assert unknown.json()["error"]["details"]["version"] == ["solaris has no version 9."]


def test_the_schema_documents_the_versions(reader: APIClient) -> None:
    schema = reader.get("/api/schema/?format=json").json()
    paths = schema["paths"]

    assert "/api/v1/agents/{slug}/versions/" in paths
    assert "/api/v1/agents/{slug}/versions/{number}/" in paths
    assert "post" in paths["/api/v1/agents/{slug}/versions/{number}/restore/"]
    assert "version" in schema["components"]["schemas"]["RerunRequest"]["properties"]
    assert "config_version" in schema["components"]["schemas"]["ExtractionRun"]["properties"]
