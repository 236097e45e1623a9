"""Each step of a call (its run, the decision on its actions, a webhook's attempt) makes
as many queries for a large agent with many calls as for a small one with few."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import DeliveryStatus, WebhookDelivery
from actions.tasks import attempt_delivery, decide_run_actions, handle_call_arrival
from actions.webhooks.queueing import deliveries_dispatch
from agents.models import Agent
from agents.services import agent_import_json
from calls.models import CallStatus
from calls.services import call_create
from calls.tasks import execute_extraction_run
from tests.factories import (
    SEED_FIELDS_JSON,
    ActionFactory,
    AgentFactory,
    CallFactory,
    FieldFactory,
)
from tests.fakes.http import Server, serving

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
TRANSCRIPT = "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez."
# The arrival's claim, the call, its transfer decisions, the follow-ups to cancel.
MAX_ARRIVAL_QUERIES = 4
# The run's task: the run's call, the run's claim and row, whether the agent has actions
# to decide, the success (run, call, two for values).
MAX_RUN_QUERIES = 8
# The claim, the run, earlier reviews, the actions; the decision (stored, numbered,
# updated) and its delivery.
MAX_DECIDE_QUERIES = 8
# The delivery's call and kind, the delivery with its action and agent, the fields, the
# secrets, the attempt and the delivery's result.
MAX_DELIVER_QUERIES = 6


@pytest.fixture
def receiver() -> Iterator[Server]:
    with serving() as server:
        yield server


@pytest.fixture
def queued(monkeypatch) -> list[tuple]:
    sent: list[tuple] = []
    monkeypatch.setattr("infra.queue.async_task", lambda *args, **options: sent.append(args))
    return sent


def webhook_agent(slug: str, url: str) -> Agent:
    agent = AgentFactory(slug=slug)
    webhook = {"type": "webhook", "name": "CRM", "config": {"url": url}}
    agent_import_json(agent=agent, fields_json=SEED_FIELDS_JSON, actions_json=json.dumps(webhook))
    return agent


def grown(agent: Agent) -> Agent:
    FieldFactory.create_batch(20, agent=agent)
    ActionFactory.create_batch(5, agent=agent, enabled=False)
    for number in range(30):
        CallFactory(agent=agent, started_at=STARTED - timedelta(hours=number))
    return agent


def counted(step) -> int:
    with CaptureQueriesContext(connection) as queries:
        step()
    return sum(not query["sql"].startswith(("SAVEPOINT", "RELEASE")) for query in queries)


def step_queries(agent: Agent, queued: list[tuple], capture) -> dict[str, int]:
    """The queries of each step of one new call of `agent`, step by step."""
    queued.clear()
    with capture(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id=f"{agent.slug}-call",
            started_at=STARTED,
            from_number="+905551112233",
            transcript=TRANSCRIPT,
        )
    tasks = {task: pk for task, pk in queued}
    run_id = tasks["calls.tasks.execute_extraction_run"]
    counts = {"arrival": counted(lambda: handle_call_arrival(call.pk))}
    counts["run"] = counted(lambda: execute_extraction_run(run_id))
    call.refresh_from_db()
    assert call.status == CallStatus.ANALYZED
    counts["decide"] = counted(lambda: decide_run_actions(run_id))
    delivery = WebhookDelivery.objects.get(call=call)
    assert deliveries_dispatch(ids=[delivery.pk]) == 1
    counts["deliver"] = counted(lambda: attempt_delivery(delivery.pk))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    return counts


def test_each_step_of_a_call_makes_as_many_queries_for_a_large_agent_as_for_a_small_one(
    receiver: Server, queued: list[tuple], django_capture_on_commit_callbacks
) -> None:
    small = webhook_agent("small", f"{receiver.url}/crm")
    large = grown(webhook_agent("large", f"{receiver.url}/crm"))

    few = step_queries(small, queued, django_capture_on_commit_callbacks)

    assert step_queries(large, queued, django_capture_on_commit_callbacks) == few
    assert few["arrival"] <= MAX_ARRIVAL_QUERIES
    assert few["run"] <= MAX_RUN_QUERIES
    assert few["decide"] <= MAX_DECIDE_QUERIES
    assert few["deliver"] <= MAX_DELIVER_QUERIES
