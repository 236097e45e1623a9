"""The dashboard reads a fixed number of queries, however many calls the period holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import DeliveryStatus, FollowUpStatus
from agents.models import Action, Agent
from tests.dashboards.conftest import analysed_call, delivery, failed_call, follow_up
from tests.factories import FieldFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
MAX_QUERIES = 11


def add_calls(agent: Agent, webhook: Action, count: int) -> None:
    for index in range(count):
        moment = START + timedelta(days=index % 28, minutes=index)
        analysed_call(agent, moment, interest_level="high", follow_up_required=index % 2 == 0)
        failed_call(agent, moment, f"reason {index % 3}")
        follow_up(agent, moment, FollowUpStatus.DONE)
        delivery(webhook, moment, DeliveryStatus.SUCCEEDED, attempts=1)


def open_dashboard(client: Client, agent: Agent) -> None:
    url = reverse("admin:agents_agent_dashboard", args=[agent.pk])
    response = client.get(url, {"start": "2026-03-01", "end": "2026-03-31"})
    assert response.status_code == 200


@pytest.mark.parametrize("calls", [1, 30])
def test_queries_do_not_grow_with_calls(
    agent: Agent, webhook: Action, staff_client: Client, django_assert_max_num_queries, calls: int
) -> None:
    add_calls(agent, webhook, calls)

    with django_assert_max_num_queries(MAX_QUERIES):
        open_dashboard(staff_client, agent)


def test_queries_do_not_grow_with_fields(
    agent: Agent, webhook: Action, staff_client: Client, django_assert_max_num_queries
) -> None:
    for index in range(8):
        FieldFactory(agent=agent, name=f"flag_{index}", type="boolean")
    add_calls(agent, webhook, 5)

    with django_assert_max_num_queries(MAX_QUERIES):
        open_dashboard(staff_client, agent)
