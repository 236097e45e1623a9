"""Work whose queue message was lost (a broker wiped or restarted) is queued again after
Q_QUEUED_DEADLINE_SECONDS, not after a whole lease; work in progress keeps its lease, so
nothing is taken twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from calls.analysis import extraction_runs_dispatch
from calls.handoffs import call_arrivals_dispatch
from calls.models import Call, ExtractionRun, RunStatus
from calls.services import call_create
from tests.factories import CallFactory, RunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch) -> list[tuple]:
    """What would have gone to the broker, which here loses it."""
    sent: list[tuple] = []
    monkeypatch.setattr("infra.queue.async_task", lambda *args, **options: sent.append(args))
    return sent


@pytest.fixture
def stored_call(seed_agent, queued: list[tuple], settings) -> Call:
    settings.Q_QUEUED_DEADLINE_SECONDS = 30
    settings.Q_TASK_TIMEOUT = 300
    call, _ = call_create(
        agent=seed_agent,
        external_id="lost-1",
        started_at=timezone.now(),
        transcript="Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.",
    )
    queued.clear()  # the broker lost both messages
    return call


def later(seconds: float) -> time_machine.travel:
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=False)


def test_a_lost_run_and_arrival_are_queued_again_after_the_queued_deadline(
    stored_call: Call, queued: list[tuple]
) -> None:
    with later(20):
        assert extraction_runs_dispatch() == 0
        assert call_arrivals_dispatch() == 0
    with later(31):
        assert extraction_runs_dispatch() == 1
        assert call_arrivals_dispatch() == 1

    assert sorted(args[0] for args in queued) == [
        "actions.tasks.handle_call_arrival",
        "calls.tasks.execute_extraction_run",
    ]


def test_a_run_queued_again_is_not_queued_a_third_time_before_the_lease(
    stored_call: Call, queued: list[tuple]
) -> None:
    with later(31):
        extraction_runs_dispatch()
    with later(31 + 60):
        assert extraction_runs_dispatch() == 0
    with later(31 + 301):
        assert extraction_runs_dispatch() == 1


def test_a_run_in_progress_keeps_its_lease(settings, queued: list[tuple]) -> None:
    settings.Q_QUEUED_DEADLINE_SECONDS = 30
    settings.Q_TASK_TIMEOUT = 300
    run = RunFactory(
        call=CallFactory(),
        status=RunStatus.RUNNING,
        lease_expires_at=timezone.now() + timedelta(seconds=300),
    )

    with later(60):
        assert extraction_runs_dispatch() == 0
    assert ExtractionRun.objects.get(pk=run.pk).status == RunStatus.RUNNING


def test_a_run_the_broker_refused_to_take_again_is_due_again_soon(
    stored_call: Call, monkeypatch
) -> None:
    def refuse(*args: object, **options: object) -> str:
        raise RedisConnectionError("Connection refused.")

    monkeypatch.setattr("infra.queue.async_task", refuse)
    with later(31), pytest.raises(RedisConnectionError):
        extraction_runs_dispatch()

    run = stored_call.runs.get()
    assert run.next_attempt_at <= timezone.now() + timedelta(seconds=31 + 30)
