"""Each bar of a value distribution opens the call list filtered to that value."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent, ExtractionField
from tests.console.dashboard.page import Page, read_page
from tests.factories import AnalysedCallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(agent: Agent, staff_client: Client) -> Page:
    ExtractionField.objects.filter(agent=agent, name="interest_level").update(
        choices=["very high", "low"]
    )
    AnalysedCallFactory(
        agent=agent,
        started_at=datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        values={"interest_level": "urgent"},
    )
    response = staff_client.get(
        reverse("admin:agents_agent_dashboard", args=[agent.pk]),
        {"start": "2026-03-01", "end": "2026-03-31"},
    )
    return read_page(response.content.decode())


# March 2026 in Europe/Berlin: the clocks go forward on the 29th.
MARCH = (
    "&started_at__gte=2026-03-01T00%3A00%3A00%2B01%3A00"
    "&started_at__lt=2026-04-01T00%3A00%3A00%2B02%3A00"
)


def test_enum_values_link_to_the_filtered_call_list(agent: Agent, page: Page) -> None:
    base = f"/admin/calls/call/?agent__id__exact={agent.pk}{MARCH}&value__interest_level="
    assert page.links("chart-field-interest_level") == {
        "very high": base + "very+high",
        "low": base + "low",
        "not found": base + "__null__",
    }


def test_a_link_lists_the_calls_of_the_period_with_that_value(
    agent: Agent, page: Page, admin_client: Client
) -> None:
    AnalysedCallFactory(
        agent=agent,
        started_at=datetime(2026, 3, 31, 21, 30, tzinfo=UTC),
        values={"interest_level": "low"},
    )
    AnalysedCallFactory(
        agent=agent,
        started_at=datetime(2026, 3, 31, 22, 30, tzinfo=UTC),
        values={"interest_level": "low"},
    )

    response = admin_client.get(page.links("chart-field-interest_level")["low"])

    starts = [call.started_at for call in response.context["cl"].result_list]
    assert starts == [datetime(2026, 3, 31, 21, 30, tzinfo=UTC)]  # 23:30 in Berlin


def test_a_value_outside_the_choices_has_no_filter_to_link_to(page: Page) -> None:
    assert page.counts("chart-field-interest_level")["another value"] == 1
    assert "another value" not in page.links("chart-field-interest_level")


def test_boolean_values_link_as_true_and_false(agent: Agent, page: Page) -> None:
    base = f"/admin/calls/call/?agent__id__exact={agent.pk}{MARCH}&value__follow_up_required="
    assert page.links("chart-field-follow_up_required") == {
        "yes": base + "true",
        "no": base + "false",
        "not found": base + "__null__",
    }


def test_call_statuses_link_to_the_admin_status_filter(agent: Agent, page: Page) -> None:
    base = f"/admin/calls/call/?agent__id__exact={agent.pk}{MARCH}&status__exact="
    assert page.links("chart-calls") == {
        "analysed": base + "analyzed",
        "analysis failed": base + "failed",
        "no transcript": base + "no_transcript",
    }
