"""A number calling in cancels its pending follow-up exactly once, by the queued step or,
when that step failed or its message was lost, by the scheduler later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from actions import services
from actions.models import FollowUp, FollowUpStatus
from agents.models import Agent
from calls import handoffs
from calls.models import Call
from calls.services import call_create
from postcall_site.scheduler import tick
from tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

CALLER = "+905551112233"
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def call_day():
    with time_machine.travel(STARTED + timedelta(minutes=5), tick=False):
        yield


@pytest.fixture
def pending(seed_agent: Agent) -> FollowUp:
    return FollowUpFactory(agent=seed_agent, to_number=CALLER, due_at=STARTED + timedelta(days=1))


@pytest.fixture
def call_in(django_capture_on_commit_callbacks, seed_agent: Agent):
    """The number of the pending follow-up calls the agent; no transcript, no analysis."""

    def store() -> Call:
        with django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=seed_agent, external_id="c2", started_at=STARTED, from_number=CALLER
            )
        return call

    return store


def sweep_at(moment: datetime, django_capture_on_commit_callbacks) -> dict[str, int]:
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        return tick()


def assert_canceled_once(followup: FollowUp) -> None:
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.CANCELED
    reasons = [entry["reason"] for entry in followup.history]
    assert reasons.count("the number called the agent again (call c2) before it was due") == 1


def test_the_follow_up_is_canceled_as_soon_as_the_call_is_stored(
    pending: FollowUp, call_in
) -> None:
    call = call_in()

    call.refresh_from_db()
    assert call.arrival_handled_at is not None
    assert call.arrival_due_at is None
    assert_canceled_once(pending)


def test_a_lost_arrival_message_is_queued_again_by_the_scheduler(
    pending: FollowUp, call_in, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    queue = handoffs.HandOff.queue

    def losing_arrivals(hand_off, pk):
        if hand_off is not handoffs.CALL_ARRIVAL:
            queue(hand_off, pk)

    monkeypatch.setattr(handoffs.HandOff, "queue", losing_arrivals)
    call = call_in()
    monkeypatch.undo()
    pending.refresh_from_db()
    assert pending.status == FollowUpStatus.PENDING

    assert sweep_at(timezone.now(), django_capture_on_commit_callbacks)["call_arrivals"] == 0
    call.refresh_from_db()
    later = sweep_at(call.arrival_due_at + timedelta(seconds=1), django_capture_on_commit_callbacks)

    assert later["call_arrivals"] == 1
    assert_canceled_once(pending)


def test_an_arrival_step_that_raises_is_done_later(
    pending: FollowUp, call_in, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    cancel = services.followups_cancel_on_inbound
    failures = iter([RuntimeError("the database went away")])

    def failing_once(**arguments):
        for failure in failures:
            raise failure
        return cancel(**arguments)

    monkeypatch.setattr(services, "followups_cancel_on_inbound", failing_once)

    # Tasks run inline in the tests, so the task's error reaches the test.
    with pytest.raises(RuntimeError, match="the database went away"):
        call_in()

    call = Call.objects.get(external_id="c2")
    assert call.arrival_handled_at is None
    assert call.arrival_attempts == 1
    pending.refresh_from_db()
    assert pending.status == FollowUpStatus.PENDING

    later = sweep_at(call.arrival_due_at + timedelta(seconds=1), django_capture_on_commit_callbacks)

    assert later["call_arrivals"] == 1
    assert_canceled_once(pending)
    call.refresh_from_db()
    assert call.arrival_handled_at is not None
