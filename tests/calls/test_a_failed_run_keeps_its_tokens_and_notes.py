"""A run that fails on an unusable answer still says what the model was paid for (the
tokens of every answer it got, the re-asked one included) and what the server refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.models import Agent
from calls.models import Call, RunStatus
from calls.services import call_create
from tests.fakes.openai_server import ModelServer, completion, like_llama_cpp

pytestmark = pytest.mark.django_db

CUT_OFF = '{"values": {"customer_name": "Ma'


@pytest.fixture
def model_backend(settings, openai_server: ModelServer) -> ModelServer:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    return openai_server


def analysed(seed_agent: Agent, capture) -> Call:
    with capture(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            external_id="tokens-1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            transcript="Agent: Shall we call you back?\nUser: Yes, next Tuesday.",
        )
    return Call.objects.get(pk=call.pk)


def test_an_answer_cut_off_fails_the_run_with_its_tokens(
    model_backend: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    model_backend.then(
        completion(CUT_OFF, finish_reason="length", prompt_tokens=900, completion_tokens=2000)
    )

    run = analysed(seed_agent, django_capture_on_commit_callbacks).runs.get()

    assert run.status == RunStatus.FAILED
    assert (run.tokens_in, run.tokens_out) == (900, 2000)


def test_a_reask_cut_off_again_is_charged_for_both_answers_and_notes_the_refused_format(
    model_backend: ModelServer, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    model_backend.default = like_llama_cpp(
        completion(CUT_OFF, finish_reason="length", prompt_tokens=900, completion_tokens=2000)
    )

    run = analysed(seed_agent, django_capture_on_commit_callbacks).runs.get()

    assert run.status == RunStatus.FAILED
    assert "cut off at the token limit" in run.failure_reason
    assert (run.tokens_in, run.tokens_out) == (1800, 4000)
    assert any("the server took json_object" in note for note in run.notes), run.notes
