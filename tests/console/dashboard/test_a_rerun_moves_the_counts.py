"""A re-run that changes a call's value moves the call from one bar to the other."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from calls.analysis import extraction_run_start
from calls.models import Call
from tests.console.dashboard.page import read_page
from tests.fakes.openai_server import ModelServer, completion

pytestmark = pytest.mark.django_db


def interest_counts(client: Client, agent: Agent) -> dict[str, int]:
    url = reverse("admin:agents_agent_dashboard", args=[agent.pk])
    response = client.get(url, {"period": "custom", "start": "2026-03-01", "end": "2026-03-31"})
    assert response.status_code == 200
    return read_page(response.content.decode()).counts("chart-field-interest_level")


def test_a_rerun_that_changes_the_interest_moves_the_call_to_its_new_bar(
    analysed_call: Call,
    seed_agent: Agent,
    staff_client: Client,
    settings,
    openai_server: ModelServer,
    django_capture_on_commit_callbacks,
) -> None:
    before = interest_counts(staff_client, seed_agent)
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    openai_server.default = completion(
        {
            "values": {"customer_name": "Maria Gonzalez", "interest_level": "low"},
            "evidence": {"customer_name": "Maria Gonzalez", "interest_level": "Yes please"},
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        extraction_run_start(call=analysed_call, fire_actions=False)
    after = interest_counts(staff_client, seed_agent)

    assert (before["medium"], before["low"]) == (1, 0)
    assert (after["medium"], after["low"]) == (0, 1)
