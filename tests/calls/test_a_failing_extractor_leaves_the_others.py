"""When the extractor of some fields fails, the other extractors' values stand: the failed
fields are null, each saying which extractor failed and why, and the run says it is
partial. Only when every extractor fails does the run fail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.models import Agent
from calls.models import Call, RunStatus
from calls.services import call_create
from tests.conftest import SEED_TRANSCRIPT
from tests.fakes.openai_server import ModelServer, error

pytestmark = pytest.mark.django_db


def store(agent: Agent, capture) -> Call:
    with capture(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="partial-1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            from_number="+905321234567",
            transcript=SEED_TRANSCRIPT,
        )
    return Call.objects.get(pk=call.pk)


def test_a_failing_model_leaves_the_offline_values_and_marks_the_run_partial(
    model_server: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    seed_agent.fields.filter(name="interest_level").update(extractor="gpt-4o-mini")
    model_server.then(error(401, message="Incorrect API key provided"))

    call = store(seed_agent, django_capture_on_commit_callbacks)

    run = call.runs.get()
    assert run.status == RunStatus.SUCCEEDED
    assert run.partial
    assert run.values["interest_level"] is None
    assert run.field_errors["interest_level"].startswith(
        "openai/gpt-4o-mini failed: the server refused the request (401): Incorrect API key"
    )
    assert run.values["customer_name"] == "Maria Gonzalez"
    assert run.values["follow_up_date"] == "2026-03-17"
    assert "customer_name" not in run.field_errors
    assert any(
        note.startswith("partial: openai/gpt-4o-mini failed for interest_level:")
        for note in run.notes
    )
    failed = next(group for group in run.extractor_groups if group["backend"] == "openai")
    assert "Incorrect API key" in failed["error"]
    assert call.latest_run_id == run.pk
    assert call.action_runs.count() == 1  # the follow-up is decided on the values that stand


def test_a_model_field_without_a_model_server_fails_naming_the_setting(
    settings, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    settings.EXTRACTION_BACKEND = "offline"
    settings.OPENAI_API_KEY = ""
    seed_agent.fields.filter(name="interest_level").update(extractor="gpt-4o-mini")

    call = store(seed_agent, django_capture_on_commit_callbacks)

    run = call.runs.get()
    assert run.status == RunStatus.SUCCEEDED
    assert run.partial
    assert run.field_errors["interest_level"] == (
        "openai/gpt-4o-mini failed: the model 'gpt-4o-mini' needs a model server: set "
        "OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than OpenAI's)"
    )
    assert run.values["customer_name"] == "Maria Gonzalez"


def test_the_run_fails_only_when_every_extractor_fails(
    model_server: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    seed_agent.fields.update(extractor="gpt-4o-mini")
    model_server.then(error(503, message="overloaded"))

    call = store(seed_agent, django_capture_on_commit_callbacks)

    run = call.runs.get()
    # A model that is down is worth trying again: the run waits for its retry.
    assert run.status == RunStatus.QUEUED
    assert run.failure_reason == "the model answered 503: overloaded"
