"""Log lines carry the ids of the work they belong to, bound at the entry points."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from actions.followup_dispatch import followups_dispatch
from agents.models import Agent
from calls.models import RunStatus
from calls.services import call_create
from infra.logs import log_context, logging_config
from postcall_site.scheduler import run_forever
from tests.factories import CallFactory, FollowUpFactory
from tests.fakes.http import Reply, serving
from tests.fakes.openai_server import ModelServer

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)


@pytest.fixture
def log_to_buffer(settings) -> Iterator[Callable[..., io.StringIO]]:
    """Configure logging as the settings do, in a format, writing to a buffer."""

    def configure(log_format: str, level: str = "INFO") -> io.StringIO:
        stream = io.StringIO()
        logging.config.dictConfig(logging_config(log_format=log_format, level=level))
        logging.getLogger().handlers[0].setStream(stream)
        return stream

    yield configure
    logging.config.dictConfig(settings.LOGGING)


def parsed(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.fixture
def json_lines(log_to_buffer) -> Callable[[], list[dict[str, Any]]]:
    stream = log_to_buffer("json")
    return lambda: parsed(stream)


@pytest.mark.django_db
def test_lines_logged_while_an_extraction_task_runs_carry_its_call_and_run(
    json_lines,
    settings,
    openai_server: ModelServer,
    seed_agent: Agent,
    django_capture_on_commit_callbacks,
) -> None:
    settings.EXTRACTION_BACKEND = "openai"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_MAX_RETRIES = 0

    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            external_id="rt-logs",
            started_at=STARTED,
            ended_at=STARTED + timedelta(minutes=2),
            timezone="Europe/Istanbul",
            from_number="+905321234567",
            transcript="Agent: Hello?\nUser: Hi, this is Maria.",
        )
    logging.getLogger("tests").info("after the task")

    run = call.runs.get()
    assert run.status == RunStatus.SUCCEEDED
    lines = json_lines()
    # The HTTP client's own line: ids reach every logger, not only the project's.
    model_request = next(line for line in lines if line["message"].startswith("HTTP Request"))
    assert model_request["call_id"] == call.pk
    assert model_request["run_id"] == run.pk
    assert model_request["level"] == "INFO"
    assert datetime.fromisoformat(model_request["timestamp"]).tzinfo is not None
    after = next(line for line in lines if line["message"] == "after the task")
    assert "call_id" not in after and "run_id" not in after


@pytest.mark.django_db(transaction=True)
def test_lines_of_a_scheduler_tick_carry_the_tick(json_lines, settings) -> None:
    settings.SCHEDULER_TICK_SECONDS = 0
    FollowUpFactory(due_at=timezone.now() - timedelta(seconds=1))
    ticks = iter([False, True])

    run_forever(should_stop=lambda: next(ticks))

    dispatched = next(line for line in json_lines() if line["logger"] == "postcall_site.scheduler")
    assert dispatched["message"].startswith("dispatched {'follow_ups': 1")
    assert dispatched["scheduler_tick"] == 1


@pytest.mark.django_db
def test_lines_logged_while_a_follow_up_is_dialled_carry_it_and_its_call(
    log_to_buffer, settings
) -> None:
    stream = log_to_buffer("json", level="DEBUG")
    source_call = CallFactory()
    with serving(Reply(201, {"id": "dial-1"})) as dialer:
        settings.FOLLOW_UP_DIALER = "http"
        settings.FOLLOW_UP_DIALER_URL = f"{dialer.url}/calls"
        followup = FollowUpFactory(
            source_call=source_call, due_at=timezone.now() - timedelta(seconds=1)
        )

        followups_dispatch()

    # urllib3's own line about the request to the dialer.
    dial = next(line for line in parsed(stream) if '"POST /calls' in line["message"])
    assert dial["follow_up_id"] == followup.pk
    assert dial["call_id"] == source_call.pk


def test_text_lines_end_with_the_bound_ids(log_to_buffer) -> None:
    stream = log_to_buffer("text")

    with log_context(call_id=7, run_id=12, delivery_id=None):
        logging.getLogger("calls").warning("slow model")
    logging.getLogger("calls").warning("outside")

    first, second = stream.getvalue().splitlines()
    assert first.endswith("WARNING calls slow model [call_id=7 run_id=12]")
    assert second.endswith("WARNING calls outside")
