"""A stored call has an arrival step only when its agent could have something to do on
arrival: follow-ups to cancel when the number calls in, or transfer decisions to tie."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from calls.models import CallDirection
from calls.services import call_create
from tests.factories import ActionFactory, AgentFactory

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)


@pytest.fixture
def queued(monkeypatch) -> list[tuple]:
    sent: list[tuple] = []
    monkeypatch.setattr("infra.queue.async_task", lambda *args, **options: sent.append(args))
    return sent


def store(agent, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=agent, started_at=STARTED, from_number="+905551112233", **fields
        )
    return call


def test_a_call_of_an_agent_with_nothing_to_do_on_arrival_has_no_arrival_step(
    queued: list[tuple], django_capture_on_commit_callbacks
) -> None:
    agent = AgentFactory(cancel_follow_up_on_inbound=False)

    call = store(agent, django_capture_on_commit_callbacks)

    assert call.arrival_due_at is None
    assert queued == []


def test_an_outbound_call_of_an_agent_that_cancels_on_inbound_has_no_arrival_step(
    queued: list[tuple], django_capture_on_commit_callbacks
) -> None:
    agent = AgentFactory(cancel_follow_up_on_inbound=True)

    call = store(agent, django_capture_on_commit_callbacks, direction=CallDirection.OUTBOUND)

    assert call.arrival_due_at is None
    assert queued == []


def test_a_call_of_an_agent_that_decides_transfers_is_tied_to_them_on_arrival(
    queued: list[tuple], django_capture_on_commit_callbacks
) -> None:
    agent = AgentFactory(cancel_follow_up_on_inbound=False)
    ActionFactory(agent=agent, type="transfer_call", enabled=False)

    call = store(agent, django_capture_on_commit_callbacks, direction=CallDirection.OUTBOUND)

    assert call.arrival_due_at is not None
    assert [task[0] for task in queued] == ["actions.tasks.handle_call_arrival"]


def test_an_inbound_call_without_transcript_of_an_agent_that_cancels_queues_its_arrival(
    queued: list[tuple], django_capture_on_commit_callbacks
) -> None:
    agent = AgentFactory(cancel_follow_up_on_inbound=True)

    call = store(agent, django_capture_on_commit_callbacks)

    assert call.arrival_due_at is not None
    assert [task[0] for task in queued] == ["actions.tasks.handle_call_arrival"]
