"""A run of an agent with no action switched on queues no decision step: nothing waits
on it, and the scheduler has nothing to queue again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from calls.handoffs import RUN_ACTIONS
from calls.models import ExtractionRun, RunStatus
from calls.services import call_create
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

TRANSCRIPT = "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez."


def stored_run(
    agent, django_capture_on_commit_callbacks, monkeypatch
) -> tuple[ExtractionRun, list]:
    queued: list[int] = []
    queue = type(RUN_ACTIONS).queue

    def recorded(hand_off, pk: int) -> None:
        if hand_off is RUN_ACTIONS:
            queued.append(pk)
        queue(hand_off, pk)

    monkeypatch.setattr(type(RUN_ACTIONS), "queue", recorded)
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="c1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            transcript=TRANSCRIPT,
        )
    return ExtractionRun.objects.get(call=call), queued


def test_an_agent_without_actions_queues_no_decision(
    django_capture_on_commit_callbacks, monkeypatch
) -> None:
    agent = AgentFactory()
    agent.fields.create(name="customer_name", type="string", description="Customer full name")

    run, queued = stored_run(agent, django_capture_on_commit_callbacks, monkeypatch)

    assert run.status == RunStatus.SUCCEEDED
    assert (run.actions_due_at, run.actions_decided_at) == (None, None)
    assert queued == []
    assert RUN_ACTIONS.dispatch() == 0


def test_an_agent_with_an_action_switched_off_only_queues_none_either(
    seed_agent, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    seed_agent.actions.update(enabled=False)

    run, queued = stored_run(seed_agent, django_capture_on_commit_callbacks, monkeypatch)

    assert run.actions_due_at is None
    assert queued == []


def test_an_agent_with_an_action_queues_its_decision(
    seed_agent, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    run, queued = stored_run(seed_agent, django_capture_on_commit_callbacks, monkeypatch)

    assert queued == [run.pk]
    assert run.actions_decided_at is not None
