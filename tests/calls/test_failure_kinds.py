"""A failed run says what kind of fix it needs, as a column the metrics count by."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from agents.models import Agent
from calls import analysis
from calls.analysis import extraction_runs_dispatch
from calls.models import ExtractionRun, RunFailure, RunStatus
from calls.services import call_create
from tests.factories import RunFactory
from tests.fakes.http import Reply
from tests.fakes.openai_server import ModelServer, completion, error

pytestmark = pytest.mark.django_db

TRANSCRIPT = "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez."


@pytest.fixture
def model(settings, openai_server: ModelServer) -> ModelServer:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0
    settings.OPENAI_TIMEOUT_SECONDS = 2
    return openai_server


@pytest.fixture
def store_call(django_capture_on_commit_callbacks, seed_agent: Agent):
    def store() -> ExtractionRun:
        with django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=seed_agent,
                started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
                transcript=TRANSCRIPT,
            )
        return ExtractionRun.objects.get(call=call)

    return store


@pytest.mark.parametrize(
    ("reply", "kind", "reason"),
    [
        (error(401), RunFailure.MODEL_REFUSED_REQUEST, "the server refused the request (401)"),
        (completion("Sure! customer_name=Maria"), RunFailure.BAD_ANSWER, "not JSON"),
        (completion({"evidence": {}}), RunFailure.BAD_ANSWER, "with a values object"),
    ],
)
def test_a_permanent_model_error_is_recorded_with_its_kind(
    model: ModelServer, store_call, reply: Reply, kind: RunFailure, reason: str
) -> None:
    model.default = reply

    run = store_call()

    assert run.status == RunStatus.FAILED
    assert run.failure_kind == kind
    assert reason in run.failure_reason


def test_a_run_without_a_model_is_a_configuration_failure(
    model: ModelServer, store_call, settings
) -> None:
    settings.EXTRACTION_DEFAULT_MODEL = ""

    run = store_call()

    assert run.failure_kind == RunFailure.CONFIGURATION
    assert run.failure_reason == "no model was named for the OpenAI backend"
    assert model.received == []


def test_a_model_that_keeps_failing_gives_up_as_retries_exhausted(
    model: ModelServer, store_call
) -> None:
    model.default = error(503)

    run = store_call()
    assert run.status == RunStatus.QUEUED
    assert run.failure_kind == ""
    for minutes in (5, 20):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            extraction_runs_dispatch()

    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.failure_kind == RunFailure.RETRIES_EXHAUSTED
    assert len(model.received) == 3


def test_a_run_whose_worker_died_in_its_last_attempt_fails_as_worker_lost() -> None:
    run = RunFactory(
        status=RunStatus.RUNNING,
        attempts=3,
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )

    extraction_runs_dispatch()

    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.failure_kind == RunFailure.WORKER_LOST
    assert run.failure_reason == "the worker stopped during each of 3 attempts"


def test_a_crash_in_the_pipeline_is_an_internal_error(store_call, monkeypatch) -> None:
    def crash(*arguments: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr(analysis, "run_extraction", crash)

    # Tasks run inline in the tests, so the task's error reaches the test.
    with pytest.raises(KeyError):
        store_call()

    run = ExtractionRun.objects.get()
    assert run.failure_kind == RunFailure.INTERNAL_ERROR
    assert run.failure_reason == "internal error: KeyError('x')"
