"""Agents over the API: the seed's JSON in and out, validated as in the admin."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from actions.webhooks.secrets import active_secrets
from agents.models import Agent
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON

pytestmark = pytest.mark.django_db

SEED_FIELDS = json.loads(SEED_FIELDS_JSON)
SEED_ACTION = json.loads(SEED_ACTION_JSON)


def new_agent(**overrides: object) -> dict:
    return {
        "name": "Solaris sales",
        "slug": "solaris",
        "timezone": "Europe/Istanbul",
        "fields": SEED_FIELDS,
        "actions": [SEED_ACTION],
        **overrides,
    }


def test_create_an_agent_with_the_seeds_json_and_export_it_unchanged(writer: APIClient) -> None:
    created = writer.post("/api/v1/agents/", new_agent(), format="json")

    assert created.status_code == 201, created.json()
    fields = {field["name"]: field for field in created.json()["fields"]}
    assert fields["interest_level"]["choices"] == ["high", "medium", "low", "none"]
    assert fields["follow_up_date"]["format"] == "date"
    exported = writer.get("/api/v1/agents/solaris/export/").json()
    assert exported == {"fields": SEED_FIELDS, "actions": [SEED_ACTION]}


def test_400_bodies_name_the_row_and_the_problem(writer: APIClient) -> None:
    bad_action = {**SEED_ACTION, "config": {**SEED_ACTION["config"], "use_field": "customer_name"}}

    response = writer.post("/api/v1/agents/", new_agent(actions=[bad_action]), format="json")

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "actions[0]": [
            "action 1 (Auto follow-up): config.use_field: customer_name is not a date field "
            "(it needs type string with format date or date-time)"
        ]
    }
    assert not Agent.objects.exists()


def test_a_field_array_that_is_not_the_seeds_shape_is_a_400(writer: APIClient) -> None:
    response = writer.post(
        "/api/v1/agents/", new_agent(fields=[{"name": "x", "kind": "string"}]), format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["details"]["fields"][0].startswith(
        "field 1 (x): unknown key(s) kind"
    )


def test_update_refuses_to_remove_a_field_an_action_uses(
    writer: APIClient, seed_agent: Agent
) -> None:
    response = writer.patch(
        f"/api/v1/agents/{seed_agent.slug}/", {"fields": SEED_FIELDS[:3]}, format="json"
    )

    assert response.status_code == 400
    details = response.json()["error"]["details"]["fields"]
    assert (
        "field follow_up_date: cannot be deleted or renamed: action 'Auto follow-up'" in details[0]
    )
    assert seed_agent.fields.count() == 5


def test_import_adds_a_webhook_and_returns_its_secret_once(
    writer: APIClient, seed_agent: Agent
) -> None:
    hook = {
        "type": "webhook",
        "name": "CRM",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {"url": "http://127.0.0.1:9/hook"},
    }

    response = writer.post(
        f"/api/v1/agents/{seed_agent.slug}/import/", {"actions": hook}, format="json"
    )

    assert response.status_code == 200, response.json()
    secret = response.json()["generated_webhook_secrets"]["CRM"]
    assert secret == active_secrets(seed_agent.actions.get(name="CRM"))[0]
    shown = writer.get(f"/api/v1/agents/{seed_agent.slug}/").content.decode()
    assert secret not in shown
    assert "whsec_" not in shown


def test_readers_cannot_change_agents(reader: APIClient, seed_agent: Agent) -> None:
    assert reader.get("/api/v1/agents/").json()["results"][0]["slug"] == "solaris"
    assert reader.get(f"/api/v1/agents/{seed_agent.slug}/export/").status_code == 200
    assert reader.patch(f"/api/v1/agents/{seed_agent.slug}/", {"name": "x"}).status_code == 403
    assert reader.post("/api/v1/agents/", new_agent(slug="other"), format="json").status_code == 403


def test_a_bad_time_zone_is_a_400(writer: APIClient) -> None:
    response = writer.post("/api/v1/agents/", new_agent(timezone="EST5"), format="json")

    assert response.status_code == 400
    assert "timezone" in response.json()["error"]["details"]
