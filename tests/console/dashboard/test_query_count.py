"""The dashboard reads as many queries for a month of many calls as for one of few."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import FollowUpStatus
from agents.models import Action, Agent
from tests.factories import (
    AnalysedCallFactory,
    DeliveryFactory,
    FailedCallFactory,
    FieldFactory,
    FieldReviewFactory,
    FollowUpFactory,
)

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
MAX_QUERIES = 13


def add_calls(agent: Agent, webhook: Action, count: int, *, first: int = 0) -> None:
    for index in range(first, first + count):
        moment = START + timedelta(days=index % 28, minutes=index)
        call = AnalysedCallFactory(
            agent=agent,
            started_at=moment,
            values={"interest_level": "high", "follow_up_required": index % 2 == 0},
        )
        FieldReviewFactory(
            call=call,
            field="interest_level",
            correct=index % 3 > 0,
            confidence=index % 10 / 10,
            reviewed_at=moment,
        )
        FailedCallFactory(agent=agent, started_at=moment, reasons=[f"reason {index % 3}"])
        FollowUpFactory(agent=agent, due_at=moment, created_at=moment, status=FollowUpStatus.DONE)
        DeliveryFactory(action=webhook, created_at=moment, succeeded=True)


def dashboard_queries(client: Client, agent: Agent) -> int:
    url = reverse("admin:agents_agent_dashboard", args=[agent.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"start": "2026-03-01", "end": "2026-03-31"})
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_makes_as_many_queries_for_30_calls_as_for_3(
    agent: Agent, webhook: Action, staff_client: Client
) -> None:
    add_calls(agent, webhook, 3)
    few = dashboard_queries(staff_client, agent)
    add_calls(agent, webhook, 27, first=3)

    assert dashboard_queries(staff_client, agent) == few
    assert few <= MAX_QUERIES


def test_the_dashboard_makes_as_many_queries_for_8_more_fields_as_for_none(
    agent: Agent, webhook: Action, staff_client: Client
) -> None:
    add_calls(agent, webhook, 5)
    few = dashboard_queries(staff_client, agent)
    for index in range(8):
        FieldFactory(agent=agent, name=f"flag_{index}", type="boolean")

    assert dashboard_queries(staff_client, agent) == few
    assert few <= MAX_QUERIES
