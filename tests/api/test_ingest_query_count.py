"""Posting a call makes as few queries for a large agent with many calls as for a small
one with few, and no more than the stored rows need."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from agents.models import Agent
from tests.factories import ActionFactory, AgentFactory, CallFactory, FieldFactory

pytestmark = pytest.mark.django_db

# The API key, the agent, the call, the agent's version and fields, the run; savepoints
# aside.
MAX_QUERIES = 6
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)


def grown(agent: Agent, *, fields: int, actions: int, calls: int) -> Agent:
    FieldFactory.create_batch(fields, agent=agent)
    ActionFactory.create_batch(actions, agent=agent)
    for number in range(calls):
        CallFactory(agent=agent, started_at=STARTED - timedelta(hours=number))
    return agent


def post_queries(client: APIClient, agent: Agent, external_id: str) -> int:
    body = {
        "agent": agent.slug,
        "external_id": external_id,
        "started_at": "2026-03-10T14:05:00+03:00",
        "timezone": "Europe/Istanbul",
        "transcript": "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.",
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/calls/", body, format="json")
    assert response.status_code == 201, response.json()
    return sum(not query["sql"].startswith(("SAVEPOINT", "RELEASE")) for query in queries)


def test_a_post_makes_as_many_queries_for_a_large_agent_as_for_a_small_one(
    runtime: APIClient,
) -> None:
    small = grown(AgentFactory(slug="small"), fields=2, actions=1, calls=1)
    large = grown(AgentFactory(slug="large"), fields=25, actions=6, calls=30)
    post_queries(runtime, small, "warm-up")  # the key's first use is recorded once

    few = post_queries(runtime, small, "small-1")

    assert post_queries(runtime, large, "large-1") == few
    assert few <= MAX_QUERIES
