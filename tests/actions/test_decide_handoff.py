"""A succeeded run's actions are decided exactly once, by the queued step or, when that
step failed or its message was lost, by the scheduler later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from actions import services
from actions.models import ActionRun, FollowUp
from actions.tasks import decide_run_actions
from agents.models import Agent
from calls import handoffs
from calls.models import Call, ExtractionRun, RunStatus
from calls.services import call_create
from postcall_site.scheduler import tick

pytestmark = pytest.mark.django_db

TRANSCRIPT = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Shall we call you back?\nUser: Yes please, call me next Tuesday."
)


@pytest.fixture
def store_call(django_capture_on_commit_callbacks, seed_agent: Agent):
    def store() -> Call:
        with django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=seed_agent,
                external_id="c1",
                started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
                from_number="+905551112233",
                transcript=TRANSCRIPT,
            )
        return call

    return store


def sweep_at(moment: datetime, django_capture_on_commit_callbacks) -> dict[str, int]:
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        return tick()


def test_the_actions_are_decided_as_soon_as_the_run_succeeds(store_call) -> None:
    call = store_call()

    run = ExtractionRun.objects.get(call=call)
    assert run.status == RunStatus.SUCCEEDED
    assert run.actions_decided_at is not None
    assert run.actions_due_at is None
    assert ActionRun.objects.filter(extraction_run=run).count() == 1
    assert FollowUp.objects.filter(source_call=call).count() == 1


def test_a_decide_step_that_raises_leaves_the_run_to_be_decided_later(
    store_call, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    decide = services.action_decide
    failures = iter([RuntimeError("the database went away")])

    def failing_once(**arguments):
        for failure in failures:
            raise failure
        return decide(**arguments)

    monkeypatch.setattr(services, "action_decide", failing_once)

    call = store_call()

    run = ExtractionRun.objects.get(call=call)
    assert run.status == RunStatus.SUCCEEDED
    assert run.actions_decided_at is None
    assert run.actions_attempts == 1
    assert not ActionRun.objects.exists()
    assert not FollowUp.objects.exists()  # nothing the failed step did was kept

    assert sweep_at(timezone.now(), django_capture_on_commit_callbacks)["run_actions"] == 0
    later = sweep_at(run.actions_due_at + timedelta(seconds=1), django_capture_on_commit_callbacks)

    assert later["run_actions"] == 1
    run.refresh_from_db()
    assert run.actions_decided_at is not None
    assert ActionRun.objects.filter(extraction_run=run).count() == 1
    assert FollowUp.objects.filter(source_call=call).count() == 1


def test_a_lost_decide_message_is_queued_again_by_the_scheduler(
    store_call, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    queue = handoffs.HandOff.queue

    def losing_decisions(hand_off, pk):
        if hand_off is not handoffs.RUN_ACTIONS:
            queue(hand_off, pk)

    monkeypatch.setattr(handoffs.HandOff, "queue", losing_decisions)
    call = store_call()
    monkeypatch.undo()
    run = ExtractionRun.objects.get(call=call)
    assert run.actions_decided_at is None
    assert not ActionRun.objects.exists()

    assert sweep_at(timezone.now(), django_capture_on_commit_callbacks)["run_actions"] == 0
    later = sweep_at(run.actions_due_at + timedelta(seconds=1), django_capture_on_commit_callbacks)

    assert later["run_actions"] == 1
    assert ActionRun.objects.filter(extraction_run=run).count() == 1
    assert FollowUp.objects.filter(source_call=call).count() == 1


def test_a_repeated_decide_task_decides_nothing_twice(store_call) -> None:
    call = store_call()
    run = ExtractionRun.objects.get(call=call)

    decide_run_actions(run.pk)
    decide_run_actions(run.pk)

    assert ActionRun.objects.filter(extraction_run=run).count() == 1
    assert FollowUp.objects.filter(source_call=call).count() == 1
