"""A run whose extractors answered in part says so over the API: which extractor
answered each field, what each request cost, and that it is partial."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from agents.services import agent_import_json
from calls.services import call_create
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

FIELDS = [
    {"name": "customer_name", "type": "string", "description": "Customer full name",
     "extractor": "offline"},
    {"name": "interest_level", "type": "enum", "description": "high, medium, or low",
     "extractor": "gpt-4o-mini"},
]  # fmt: skip


def test_a_partial_run_names_each_field_s_extractor_and_the_failed_request(
    reader: APIClient, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EXTRACTION_BACKEND = "offline"
    settings.OPENAI_API_KEY = ""
    agent = AgentFactory()
    agent_import_json(agent=agent, fields_json=json.dumps(FIELDS))
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="partial-1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            transcript="Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.",
        )

    run = reader.get(f"/api/v1/calls/{call.pk}/runs/").json()["results"][0]

    assert run["status"] == "succeeded"
    assert run["partial"] is True
    assert run["values"] == {"customer_name": "Maria Gonzalez", "interest_level": None}
    assert run["field_extractors"]["customer_name"]["backend"] == "offline"
    assert run["errors"]["interest_level"].startswith("openai/gpt-4o-mini failed: ")
    failed = [group for group in run["extractor_groups"] if group["error"]]
    assert [group["fields"] for group in failed] == [["interest_level"]]
    assert "OPENAI_API_KEY" in failed[0]["error"]
