"""A model answer holding text that cannot be stored fails its run with that reason; the
call ends in a final state and every page of it still answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from agents.api_keys import api_key_create
from agents.models import Agent
from calls.models import CallStatus, ExtractionRun, RunFailure, RunStatus
from calls.services import call_create
from tests.fakes.openai_server import ModelServer, completion

pytestmark = pytest.mark.django_db

SURROGATE_ANSWER = '{"values": {"customer_name": "Mar\\ud800ia"}, "evidence": {}}'


@pytest.fixture
def model(settings, openai_server: ModelServer) -> ModelServer:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    return openai_server


def test_an_answer_with_a_lone_surrogate_fails_the_run_and_the_call_is_final(
    model: ModelServer, seed_agent: Agent, admin_client, django_capture_on_commit_callbacks
) -> None:
    model.default = completion(SURROGATE_ANSWER)
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            transcript="Agent: Who is this?\nUser: Maria.",
        )

    run = ExtractionRun.objects.get(call=call)
    call.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.failure_kind == RunFailure.BAD_ANSWER
    assert "could not be stored" in run.failure_reason
    assert "\\ud800" in run.raw_answer
    assert call.status == CallStatus.FAILED
    assert not call.action_runs.exists()
    _, key = api_key_create(name="reader", scopes=["read"])
    reader = APIClient()
    reader.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert reader.get(f"/api/v1/calls/{call.pk}/").status_code == 200
    assert admin_client.get(reverse("admin:calls_call_change", args=[call.pk])).status_code == 200
