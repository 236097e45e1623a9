"""A new call with a transcript is one task from its POST to its webhook: the run's task
handles the call's arrival, decides its actions and sends the webhook itself."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from actions.models import DeliveryStatus, FollowUpStatus, Outcome, WebhookDelivery
from agents.models import Agent
from agents.services import agent_import_json
from calls.models import CallStatus
from calls.services import call_create
from calls.tasks import execute_extraction_run
from tests.factories import FollowUpFactory
from tests.fakes.http import Server, serving

pytestmark = pytest.mark.django_db

CALLER = "+905551112233"
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
TRANSCRIPT = "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez."


@pytest.fixture
def receiver() -> Iterator[Server]:
    with serving() as server:
        yield server


@pytest.fixture
def agent(seed_agent: Agent, receiver: Server) -> Agent:
    webhook = {"type": "webhook", "name": "CRM", "config": {"url": f"{receiver.url}/crm"}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps(webhook))
    return seed_agent


@pytest.fixture
def queued(monkeypatch) -> list[tuple]:
    """The tasks sent to the broker, which keeps them here instead of running them."""
    sent: list[tuple] = []
    monkeypatch.setattr("infra.queue.async_task", lambda *args, **options: sent.append(args))
    return sent


def test_a_new_call_costs_one_task_from_its_post_to_its_webhook(
    agent: Agent, receiver: Server, queued: list[tuple], django_capture_on_commit_callbacks
) -> None:
    pending = FollowUpFactory(
        agent=agent, to_number=CALLER, due_at=datetime(2026, 3, 11, tzinfo=UTC)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="one-task",
            started_at=STARTED,
            from_number=CALLER,
            transcript=TRANSCRIPT,
        )
    assert [task[0] for task in queued] == ["calls.tasks.execute_extraction_run"]

    with django_capture_on_commit_callbacks(execute=True):
        execute_extraction_run(queued[0][1])

    assert len(queued) == 1
    call.refresh_from_db()
    assert call.status == CallStatus.ANALYZED
    assert call.arrival_handled_at is not None
    pending.refresh_from_db()
    assert pending.status == FollowUpStatus.CANCELED
    decisions = {decision.action.name: decision.outcome for decision in call.action_runs.all()}
    assert decisions == {"CRM": Outcome.FIRED, "Auto follow-up": Outcome.SKIPPED}
    assert [request.path for request in receiver.received] == ["/crm"]
    assert WebhookDelivery.objects.get(call=call).status == DeliveryStatus.SUCCEEDED
