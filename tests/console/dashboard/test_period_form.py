"""A custom period that cannot be shown says why, on the page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.console.dashboard.page import Page, read_page

pytestmark = pytest.mark.django_db


def dashboard(client: Client, agent: Agent, **params: str) -> Page:
    response = client.get(reverse("admin:agents_agent_dashboard", args=[agent.pk]), params)
    assert response.status_code == 200
    return read_page(response.content.decode())


def test_an_end_before_the_start(agent: Agent, staff_client: Client) -> None:
    page = dashboard(staff_client, agent, period="custom", start="2026-03-10", end="2026-03-01")

    assert page.errors == ["The end is before the start: pick an end on or after it."]
    assert page.stats == {}


def test_a_date_that_is_not_a_date(agent: Agent, staff_client: Client) -> None:
    page = dashboard(staff_client, agent, period="custom", start="2026-02-30", end="next week")

    assert page.errors == ["Enter a valid date.", "Enter a valid date."]
    assert page.stats == {}


def test_a_custom_period_needs_both_days(agent: Agent, staff_client: Client) -> None:
    page = dashboard(staff_client, agent, period="custom", start="2026-03-01")

    assert page.errors == ["Pick a day for a custom period."]


def test_a_custom_period_of_more_than_a_year(agent: Agent, staff_client: Client) -> None:
    page = dashboard(staff_client, agent, start="2025-01-01", end="2026-03-01")

    assert page.errors == ["A custom period is at most 366 days."]


def test_an_unknown_preset(agent: Agent, staff_client: Client) -> None:
    page = dashboard(staff_client, agent, period="90d")

    assert page.errors == ["Select a valid choice. 90d is not one of the available choices."]


def test_the_entered_days_stay_in_the_form(agent: Agent, staff_client: Client) -> None:
    response = staff_client.get(
        reverse("admin:agents_agent_dashboard", args=[agent.pk]),
        {"period": "custom", "start": "2026-03-10", "end": "2026-03-01"},
    )

    assert 'value="2026-03-10"' in response.content.decode()


def test_a_day_out_of_range(agent: Agent, staff_client: Client) -> None:
    page = dashboard(staff_client, agent, start="9999-12-30", end="9999-12-31")

    assert page.errors == ["Pick a day from 2000 to 2099."]
