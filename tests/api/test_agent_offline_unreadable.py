"""An agent over the API says which of its fields stay empty on a site without a model."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from agents.models import Agent
from tests.factories import FieldFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objection_agent(seed_agent: Agent) -> Agent:
    FieldFactory(
        agent=seed_agent,
        name="main_objection",
        description="The customer's main objection",
        position=5,
    )
    return seed_agent


def test_the_agent_names_the_fields_the_offline_extractor_cannot_read(
    reader: APIClient, objection_agent: Agent, settings
) -> None:
    settings.EXTRACTION_BACKEND = "offline"

    agent = reader.get(f"/api/v1/agents/{objection_agent.slug}/").json()
    listed = reader.get("/api/v1/agents/").json()["results"][0]

    assert list(agent["offline_unreadable"]) == ["main_objection"]
    assert agent["offline_unreadable"]["main_objection"].startswith("free text: ")
    assert listed["offline_unreadable"] == agent["offline_unreadable"]


def test_nothing_is_listed_when_the_site_extracts_with_a_model(
    reader: APIClient, objection_agent: Agent, settings
) -> None:
    settings.EXTRACTION_BACKEND = "openai"

    agent = reader.get(f"/api/v1/agents/{objection_agent.slug}/").json()

    assert agent["offline_unreadable"] == {}
