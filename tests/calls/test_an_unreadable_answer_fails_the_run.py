"""A run never flatters: an answer that cannot be read fails the run with its reason,
decides no action, is logged, and the call's API detail shows the failure. The failed run
still says what the model was paid for (the tokens of every answer it got, a re-asked one
included) and what the server refused."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from rest_framework.test import APIClient

from agents.api_keys import api_key_create
from agents.models import Agent
from calls.models import Call, CallStatus, RunStatus
from calls.services import call_create
from tests.fakes.openai_server import ModelServer, completion, like_llama_cpp

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
CUT_OFF = '{"values": {"customer_name": "Ma'


@pytest.fixture
def model_backend(settings, openai_server: ModelServer, seed_agent: Agent) -> ModelServer:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    return openai_server


def store(seed_agent: Agent, capture) -> Call:
    with capture(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            external_id="cut-1",
            started_at=STARTED,
            ended_at=STARTED + timedelta(minutes=2),
            from_number="+905321234567",
            transcript="Agent: Shall we call you back?\nUser: Yes, call me next Tuesday.",
        )
    return Call.objects.get(pk=call.pk)


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (
            completion('{"values": {"customer_name": "Ma', finish_reason="length"),
            # The seed's five fields can need 837 tokens: the bound, under the 2,000 ceiling.
            "the answer was cut off at the token limit (837 tokens) before its JSON was complete",
        ),
        (completion(None, refusal="I can't help with that."), "the model refused to answer"),
    ],
)
def test_an_unreadable_answer_fails_the_run_and_decides_nothing(
    model_backend: ModelServer,
    seed_agent: Agent,
    django_capture_on_commit_callbacks,
    caplog: pytest.LogCaptureFixture,
    reply,
    reason: str,
) -> None:
    model_backend.then(reply)

    with caplog.at_level(logging.WARNING, logger="calls.analysis"):
        call = store(seed_agent, django_capture_on_commit_callbacks)

    run = call.runs.get()
    assert run.status == RunStatus.FAILED
    assert run.failure_reason.startswith(reason)
    assert run.values == {}
    assert call.status == CallStatus.FAILED
    assert not call.action_runs.exists()
    assert any(reason in record.getMessage() for record in caplog.records)

    _, key = api_key_create(name="reader", scopes=["read"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    detail = client.get(f"/api/v1/calls/{call.pk}/").json()
    assert detail["analysis"] is None
    assert detail["latest_failure"]["run"] == run.pk
    assert detail["latest_failure"]["failure_reason"].startswith(reason)


def test_a_good_answer_shows_no_failure(
    model_backend: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    call = store(seed_agent, django_capture_on_commit_callbacks)

    _, key = api_key_create(name="reader", scopes=["read"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    detail = client.get(f"/api/v1/calls/{call.pk}/").json()
    assert detail["analysis"]["status"] == "succeeded"
    assert detail["analysis"]["null_reasons"]["customer_name"] == "not stated in the call"
    assert detail["latest_failure"] is None


def test_an_answer_cut_off_fails_the_run_with_its_tokens(
    model_backend: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    model_backend.then(
        completion(CUT_OFF, finish_reason="length", prompt_tokens=900, completion_tokens=2000)
    )

    run = store(seed_agent, django_capture_on_commit_callbacks).runs.get()

    assert run.status == RunStatus.FAILED
    assert (run.tokens_in, run.tokens_out) == (900, 2000)


def test_a_reask_cut_off_again_is_charged_for_both_answers_and_notes_the_refused_format(
    model_backend: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    model_backend.default = like_llama_cpp(
        completion(CUT_OFF, finish_reason="length", prompt_tokens=900, completion_tokens=2000)
    )

    run = store(seed_agent, django_capture_on_commit_callbacks).runs.get()

    assert run.status == RunStatus.FAILED
    assert "cut off at the token limit" in run.failure_reason
    assert (run.tokens_in, run.tokens_out) == (1800, 4000)
    assert any("the server took json_object" in note for note in run.notes), run.notes
