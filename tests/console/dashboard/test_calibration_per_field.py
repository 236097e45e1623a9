"""The calibration section shows one chart per field of the agent, in the agent's field
order, from the values reviewed in the period only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from agents.models import Agent
from tests.console.dashboard.calibration import dashboard_html, review
from tests.console.dashboard.page import read_page
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db


def test_each_field_of_the_agent_has_its_own_chart_in_field_order(
    agent: Agent, staff_client: Client
) -> None:
    review(agent, confidence=0.95, correct=True, field="follow_up_required")
    review(agent, confidence=0.35, correct=False, field="customer_name", times=2)
    review(agent, confidence=0.75, correct=True, field="customer_name")

    html = dashboard_html(staff_client, agent)
    page = read_page(html)

    assert html.index('id="calibration-customer_name"') < html.index(
        'id="calibration-follow_up_required"'
    )
    assert page.rows("calibration-bands-customer_name") == {
        "0.3 to 0.4": ["2", "0.35", "0%"],
        "0.7 to 0.8": ["1", "0.75", "100%"],
    }
    assert page.rows("calibration-bands-follow_up_required") == {
        "0.9 to 1.0": ["1", "0.95", "100%"]
    }
    assert 'id="calibration-interest_level"' not in html


def test_other_agents_reviews_and_reviews_outside_the_period_are_left_out(
    agent: Agent, staff_client: Client
) -> None:
    review(agent, confidence=0.95, correct=True)
    review(agent, confidence=0.15, correct=False, at=datetime(2026, 2, 20, 9, tzinfo=UTC))
    review(AgentFactory(), confidence=0.15, correct=False)

    page = read_page(dashboard_html(staff_client, agent))

    assert page.rows("calibration-bands-interest_level") == {"0.9 to 1.0": ["1", "0.95", "100%"]}


def test_the_section_names_the_period_and_the_agent_s_time_zone(
    agent: Agent, staff_client: Client
) -> None:
    review(agent, confidence=0.95, correct=True)

    html = dashboard_html(staff_client, agent)

    assert "reviewed in the period (01 Mar 2026 to 31 Mar 2026, Europe/Berlin)" in html


def test_a_field_removed_since_is_left_out(agent: Agent, staff_client: Client) -> None:
    review(agent, confidence=0.95, correct=True, field="old_field")

    html = dashboard_html(staff_client, agent)

    assert "No value of the agent's fields was reviewed in this period." in html
