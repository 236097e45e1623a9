"""Each bar of a value distribution opens the call list filtered to that value."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent, ExtractionField
from tests.dashboards.conftest import analysed_call
from tests.dashboards.page import Page, read_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(agent: Agent, staff_client: Client) -> Page:
    ExtractionField.objects.filter(agent=agent, name="interest_level").update(
        choices=["very high", "low"]
    )
    analysed_call(agent, datetime(2026, 3, 10, 9, 0, tzinfo=UTC), interest_level="urgent")
    response = staff_client.get(
        reverse("admin:agents_agent_dashboard", args=[agent.pk]),
        {"start": "2026-03-01", "end": "2026-03-31"},
    )
    return read_page(response.content.decode())


def test_enum_values_link_to_the_filtered_call_list(agent: Agent, page: Page) -> None:
    assert page.links("chart-field-interest_level") == {
        "very high": f"/admin/calls/call/?agent__id__exact={agent.pk}"
        "&value__interest_level=very+high",
        "low": f"/admin/calls/call/?agent__id__exact={agent.pk}&value__interest_level=low",
        "not found": f"/admin/calls/call/?agent__id__exact={agent.pk}"
        "&value__interest_level=__null__",
    }


def test_a_value_outside_the_choices_has_no_filter_to_link_to(page: Page) -> None:
    assert page.counts("chart-field-interest_level")["another value"] == 1
    assert "another value" not in page.links("chart-field-interest_level")


def test_boolean_values_link_as_true_and_false(agent: Agent, page: Page) -> None:
    base = f"/admin/calls/call/?agent__id__exact={agent.pk}&value__follow_up_required="
    assert page.links("chart-field-follow_up_required") == {
        "yes": base + "true",
        "no": base + "false",
        "not found": base + "__null__",
    }


def test_call_statuses_link_to_the_admin_status_filter(agent: Agent, page: Page) -> None:
    base = f"/admin/calls/call/?agent__id__exact={agent.pk}&status__exact="
    assert page.links("chart-calls") == {
        "analysed": base + "analyzed",
        "analysis failed": base + "failed",
        "no transcript": base + "no_transcript",
    }
