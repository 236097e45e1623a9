"""The dashboard's review figures: per field, the values reviewed in the period and the
share the extractor had right, day by day; and calls that waited too long for review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from actions.models import Review
from agents.models import Agent
from tests.console.dashboard.page import read_page
from tests.factories import AnalysedCallFactory, FieldReviewFactory, RunFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def dashboard(client: Client, agent: Agent, **period: str) -> str:
    url = reverse("admin:agents_agent_dashboard", args=[agent.pk])
    with time_machine.travel(NOW, tick=False):
        response = client.get(url, period or {"period": "7d"})
    assert response.status_code == 200
    return response.content.decode()


def reviewed(agent: Agent, at: datetime, **fields: bool) -> None:
    call = AnalysedCallFactory(agent=agent, started_at=at)
    for name, correct in fields.items():
        FieldReviewFactory(call=call, field=name, correct=correct, reviewed_at=at)


def test_each_field_shows_how_many_values_were_reviewed_and_the_share_right(
    agent: Agent, staff_client: Client
) -> None:
    day_one, day_two = datetime(2026, 3, 18, 9, tzinfo=UTC), datetime(2026, 3, 19, 9, tzinfo=UTC)
    reviewed(agent, day_one, customer_name=True, interest_level=False)
    reviewed(agent, day_one, customer_name=False, interest_level=False)
    reviewed(agent, day_two, customer_name=True, interest_level=True)
    reviewed(agent, NOW - timedelta(days=30), customer_name=False)  # before the period

    html = dashboard(staff_client, agent)
    page = read_page(html)

    assert "customer_name: 66.7% right of 3 reviewed" in html
    assert "interest_level: 33.3% right of 3 reviewed" in html
    assert html.index("customer_name: 66.7%") < html.index("interest_level: 33.3%")
    assert page.rows("accuracy-per-day-customer_name") == {
        "18 Mar": ["2", "1", "50%"],
        "19 Mar": ["1", "1", "100%"],
    }
    assert "follow_up_required:" not in html


def test_no_review_in_the_period_says_so(agent: Agent, staff_client: Client) -> None:
    assert "No value was reviewed in this period." in dashboard(staff_client, agent)


def test_a_call_waiting_longer_than_the_limit_is_flagged_and_not_released(
    agent: Agent, staff_client: Client, settings
) -> None:
    settings.REVIEW_STALE_AFTER_HOURS = 24
    for hours in (30, 2):
        call = AnalysedCallFactory(agent=agent)
        with time_machine.travel(NOW - timedelta(hours=hours), tick=False):
            Review.objects.create(call=call, extraction_run=call.latest_run, reasons=["x"])
    other = AnalysedCallFactory()
    with time_machine.travel(NOW - timedelta(hours=50), tick=False):
        Review.objects.create(call=other, extraction_run=RunFactory(call=other), reasons=["x"])

    html = dashboard(staff_client, agent)

    assert "1 call has waited for review longer than 24 hours" in html
    assert "2 calls waiting for review" in html
    assert set(Review.objects.values_list("status", flat=True)) == {"pending"}
