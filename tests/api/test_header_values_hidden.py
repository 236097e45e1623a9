"""Webhook header values, often credentials, are never read back through the API: readers
and writers see the names only, and a writer sending "(hidden)" back keeps the value."""

from __future__ import annotations

import json

import pytest

from agents.models import Agent
from agents.services import agent_import_json

pytestmark = pytest.mark.django_db

CREDENTIAL = "sk-live-4242"


@pytest.fixture
def agent(seed_agent: Agent) -> Agent:
    action = {
        "type": "webhook",
        "name": "CRM lead",
        "config": {"url": "http://127.0.0.1:9/crm", "headers": {"X-Api-Key": CREDENTIAL}},
    }
    agent_import_json(agent=seed_agent, actions_json=json.dumps(action))
    return seed_agent


@pytest.mark.parametrize("scopes", [("read",), ("read", "write")])
@pytest.mark.parametrize("path", ["/api/v1/agents/", "/api/v1/agents/solaris/", "export"])
def test_no_key_reads_a_header_value(client_with, agent: Agent, scopes, path: str) -> None:
    url = "/api/v1/agents/solaris/export/" if path == "export" else path
    response = client_with(*scopes).get(url)

    assert response.status_code == 200
    assert CREDENTIAL not in response.content.decode()
    assert "X-Api-Key" in response.content.decode()


def test_a_round_trip_keeps_the_stored_value(writer, agent: Agent) -> None:
    read = writer.get("/api/v1/agents/solaris/").json()
    actions = [
        {key: action[key] for key in ("type", "name", "condition", "config")}
        for action in read["actions"]
    ]

    response = writer.patch("/api/v1/agents/solaris/", {"actions": actions}, format="json")

    assert response.status_code == 200, response.json()
    stored = agent.actions.get(name="CRM lead").config["headers"]
    assert stored == {"X-Api-Key": CREDENTIAL}
