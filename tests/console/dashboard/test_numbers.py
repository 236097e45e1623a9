"""The numbers a user reads on an agent's dashboard, for a known set of calls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import DeliveryStatus, FollowUpStatus
from agents.models import Action, Agent
from calls.models import CallStatus
from tests.console.dashboard.page import Page, read_page
from tests.factories import (
    AgentFactory,
    AnalysedCallFactory,
    CallFactory,
    DeliveryFactory,
    FailedCallFactory,
    FollowUpFactory,
)

pytestmark = pytest.mark.django_db

MARCH = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
APRIL = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def page(agent: Agent, webhook: Action, staff_client: Client) -> Page:
    AnalysedCallFactory(
        agent=agent, started_at=MARCH, values={"interest_level": "high", "follow_up_required": True}
    )
    AnalysedCallFactory(
        agent=agent,
        started_at=MARCH,
        values={"interest_level": "high", "follow_up_required": False},
    )
    AnalysedCallFactory(agent=agent, started_at=MARCH, values={"interest_level": None})
    AnalysedCallFactory(agent=agent, started_at=MARCH)
    AnalysedCallFactory(
        agent=agent,
        started_at=MARCH,
        values={"interest_level": "urgent", "follow_up_required": True},
    )
    FailedCallFactory(
        agent=agent,
        started_at=MARCH,
        reasons=["gave up after 3 attempts: timed out", "gave up after 3 attempts: timed out"],
    )
    FailedCallFactory(agent=agent, started_at=MARCH, reasons=["the model refused"])
    CallFactory(agent=agent, started_at=MARCH, status=CallStatus.RECEIVED)
    AnalysedCallFactory(agent=agent, started_at=APRIL, values={"interest_level": "high"})
    AnalysedCallFactory(agent=AgentFactory(), started_at=MARCH, values={"interest_level": "high"})

    for status in FollowUpStatus.values:
        FollowUpFactory(agent=agent, due_at=MARCH, created_at=MARCH, status=status)
    FollowUpFactory(agent=agent, due_at=APRIL, created_at=APRIL, status=FollowUpStatus.DONE)

    DeliveryFactory(action=webhook, created_at=MARCH, succeeded=True)
    DeliveryFactory(action=webhook, created_at=MARCH, succeeded=True)
    DeliveryFactory(
        action=webhook, created_at=MARCH, status=DeliveryStatus.SUCCEEDED, attempt_count=3
    )
    DeliveryFactory(
        action=webhook, created_at=MARCH, status=DeliveryStatus.FAILED, attempt_count=10
    )
    DeliveryFactory(
        action=webhook, created_at=MARCH, status=DeliveryStatus.PENDING, attempt_count=0
    )
    DeliveryFactory(
        action=webhook, created_at=MARCH, status=DeliveryStatus.DELIVERING, attempt_count=2
    )
    DeliveryFactory(action=webhook, created_at=APRIL, succeeded=True)
    DeliveryFactory(action=webhook, created_at=MARCH, failed=True, test_event=True)

    url = reverse("admin:agents_agent_dashboard", args=[agent.pk])
    response = staff_client.get(
        url, {"period": "custom", "start": "2026-03-01", "end": "2026-03-31"}
    )
    assert response.status_code == 200
    return read_page(response.content.decode())


def test_the_summary_counts_calls_analyses_follow_ups_and_webhook_successes(page: Page) -> None:
    assert page.stats == {
        "Calls": "8",
        "Calls analysed": "5",
        "Analyses failed": "3",
        "Follow-ups booked": "7",
        "Webhook success rate": "75.0%",
        "First-attempt success": "40.0%",
    }


def test_calls_by_analysis_status(page: Page) -> None:
    assert page.rows("chart-calls") == {
        "analysed": ["", "5", "62%"],
        "analysis failed": ["", "2", "25%"],
        "waiting for analysis": ["", "1", "12%"],
        "no transcript": ["", "0", "0%"],
    }


def test_failed_analyses_grouped_by_reason(page: Page) -> None:
    assert page.counts("chart-failures") == {
        "gave up after 3 attempts: timed out": 2,
        "the model refused": 1,
    }


def test_enum_distribution_with_not_found_and_values_outside_the_choices(page: Page) -> None:
    assert page.counts("chart-field-interest_level") == {
        "high": 2,
        "medium": 0,
        "low": 0,
        "none": 0,
        "not found": 2,
        "another value": 1,
    }


def test_boolean_distribution(page: Page) -> None:
    assert page.counts("chart-field-follow_up_required") == {"yes": 2, "no": 1, "not found": 2}


def test_string_fields_are_not_charted(page: Page) -> None:
    assert "chart-field-customer_name" not in page.tables


def test_follow_ups_by_what_became_of_them(page: Page) -> None:
    assert page.counts("chart-follow-ups") == {
        "fired": 2,
        "waiting": 2,
        "failed": 1,
        "cancelled": 1,
        "expired": 1,
    }


def test_webhook_deliveries_leave_out_test_events(page: Page) -> None:
    assert page.counts("chart-deliveries") == {"succeeded": 3, "failed": 1, "pending": 2}


def test_calls_per_day_in_a_table(page: Page) -> None:
    per_day = page.rows("chart-per-day")
    assert len(per_day) == 31
    assert per_day["Tue 10 Mar"] == ["8"]
    assert sum(int(cells[0]) for cells in per_day.values()) == 8
