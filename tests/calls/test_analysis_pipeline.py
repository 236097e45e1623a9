"""A stored call becomes an analysis: queued after commit, claimed once, retried, recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from actions.models import ActionRun
from actions.services import run_actions_decide
from agents.models import Agent
from calls.analysis import extraction_run_claim, extraction_run_start, extraction_runs_dispatch
from calls.models import Call, CallStatus, ExtractionRun, RunStatus
from calls.services import call_create
from tests.fakes.openai_server import ModelServer, completion, error

pytestmark = pytest.mark.django_db

TRANSCRIPT = (
    "Agent: Hello, who am I speaking with?\n"
    "User: Hi, my name is Maria Gonzalez.\n"
    "Agent: Are you interested in rooftop solar?\n"
    "User: Yes, very much. Please call me back next Tuesday.\n"
    "Agent: What's the best number?\n"
    "User: It's 0532 123 4567."
)
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)  # 14:05 in Istanbul


@pytest.fixture
def store_call(django_capture_on_commit_callbacks, seed_agent: Agent):
    def store(**overrides: object) -> Call:
        with django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=seed_agent,
                external_id=str(overrides.pop("external_id", "rt-1")),
                started_at=STARTED,
                ended_at=STARTED + timedelta(minutes=4),
                timezone="Europe/Istanbul",
                from_number="+905321234567",
                transcript=overrides.pop("transcript", TRANSCRIPT),
            )
        call.refresh_from_db()
        return call

    return store


def test_a_stored_call_is_analysed_after_its_transaction_commits(store_call) -> None:
    call = store_call()

    run = call.latest_run
    assert call.status == CallStatus.ANALYZED
    assert run.status == RunStatus.SUCCEEDED
    assert run.backend == "offline"
    assert run.values == {
        "customer_name": "Maria Gonzalez",
        "interest_level": "high",
        "follow_up_required": True,
        "follow_up_date": "2026-03-17",
        "callback_number": "05321234567",
    }
    assert run.evidence["customer_name"] == "Hi, my name is Maria Gonzalez."
    assert run.field_errors == {}
    assert run.latency_ms is not None
    assert run.config_snapshot[0]["name"] == "customer_name"


def test_the_run_is_queued_only_once_the_transaction_commits(
    django_capture_on_commit_callbacks, seed_agent: Agent
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_create(agent=seed_agent, started_at=STARTED, transcript=TRANSCRIPT)

    assert len(callbacks) == 1  # the queueing waits for the commit
    assert ExtractionRun.objects.get().status == RunStatus.QUEUED


def test_a_call_without_transcript_is_not_analysed(store_call) -> None:
    call = store_call(transcript="")

    assert call.status == CallStatus.NO_TRANSCRIPT
    assert not call.runs.exists()


def test_a_run_is_claimed_by_one_worker_only(store_call, seed_agent: Agent) -> None:
    call = store_call()
    run = ExtractionRun.objects.create(call=call, backend="offline", config_snapshot=[])

    assert extraction_run_claim(run_id=run.pk) is True
    assert extraction_run_claim(run_id=run.pk) is False


def test_a_run_whose_worker_died_is_analysed_once_after_its_lease(
    store_call, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    call = store_call()
    with django_capture_on_commit_callbacks(execute=False):
        run = extraction_run_start(call=call)
    assert extraction_run_claim(run_id=run.pk)  # a worker took it, then was killed

    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        with django_capture_on_commit_callbacks(execute=True):
            queued_again = extraction_runs_dispatch()
        run.refresh_from_db()

    assert queued_again == 1
    assert run.status == RunStatus.SUCCEEDED
    assert run.attempts == 2
    assert call.runs.filter(status=RunStatus.SUCCEEDED).count() == 2  # the first and this one
    assert extraction_runs_dispatch() == 0


def test_a_lost_queue_message_is_sent_again_by_the_scheduler(
    store_call, django_capture_on_commit_callbacks
) -> None:
    call = store_call()
    with django_capture_on_commit_callbacks(execute=False):
        run = extraction_run_start(call=call)  # its message never reaches a worker

    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        extraction_runs_dispatch()

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert run.attempts == 1


def test_rerun_uses_the_new_config_and_keeps_the_old_run_readable(
    store_call, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    call = store_call()
    first = call.latest_run
    seed_agent.fields.filter(name="customer_name").update(description="First name only")

    with django_capture_on_commit_callbacks(execute=True):
        second = extraction_run_start(call=call, fire_actions=False)

    first.refresh_from_db()
    second.refresh_from_db()
    call.refresh_from_db()
    assert call.latest_run == second
    assert first.config_snapshot[0]["description"] == "Customer full name"
    assert second.config_snapshot[0]["description"] == "First name only"
    assert first.values["customer_name"] == "Maria Gonzalez"


def test_rerun_fires_actions_again_only_when_asked_and_then_once(
    store_call, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    call = store_call()
    assert ActionRun.objects.filter(call=call).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        extraction_run_start(call=call, fire_actions=False)
    assert ActionRun.objects.filter(call=call).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        run = extraction_run_start(call=call, fire_actions=True)
    run_actions_decide(run_id=run.pk)  # a duplicate delivery of the same task
    assert ActionRun.objects.filter(call=call).count() == 2


@pytest.fixture
def openai_settings(settings, openai_server: ModelServer) -> ModelServer:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    settings.OPENAI_TIMEOUT_SECONDS = 2
    return openai_server


def test_a_rate_limited_run_is_retried_later_and_gives_up_saying_why(
    openai_settings: ModelServer, store_call, django_capture_on_commit_callbacks
) -> None:
    openai_settings.default = error(429, retry_after="0")

    call = store_call()
    run = call.runs.get()
    assert run.status == RunStatus.QUEUED
    assert "429" in run.failure_reason
    assert run.next_attempt_at > timezone.now()

    for minutes in (5, 20):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            extraction_runs_dispatch()
    run.refresh_from_db()
    call.refresh_from_db()

    assert run.status == RunStatus.FAILED
    assert run.attempts == 3
    assert run.failure_reason.startswith("gave up after 3 attempts: the model answered 429")
    assert call.status == CallStatus.FAILED


def test_an_answer_that_is_not_json_fails_at_once_keeping_the_answer(
    openai_settings: ModelServer, store_call
) -> None:
    openai_settings.default = completion("Sure! Here is the data: customer_name=Maria")

    call = store_call()
    run = call.runs.get()

    assert run.status == RunStatus.FAILED
    assert run.attempts == 1
    assert "not JSON" in run.failure_reason
    assert run.raw_answer == "Sure! Here is the data: customer_name=Maria"
    assert call.status == CallStatus.FAILED


def test_an_openai_run_records_tokens_model_and_raw_answer(
    openai_settings: ModelServer, store_call
) -> None:
    answer = {
        "values": {"customer_name": "Maria Gonzalez", "interest_level": "high"},
        "evidence": {"customer_name": "my name is Maria Gonzalez", "interest_level": "very much"},
    }
    openai_settings.default = completion(answer, model="gpt-4o-mini-2026")

    run = store_call().latest_run

    assert run.backend == "openai"
    assert run.model == "gpt-4o-mini-2026"
    assert (run.tokens_in, run.tokens_out) == (120, 30)
    assert run.values["interest_level"] == "high"
    assert run.values["follow_up_date"] is None
    assert '"customer_name": "Maria Gonzalez"' in run.raw_answer
