"""A value too long to be a choice still counts, as a value outside the choices."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.console.dashboard.page import read_page
from tests.factories import AnalysedCallFactory

pytestmark = pytest.mark.django_db


def test_a_long_answer_in_an_enum_field_counts_as_another_value(
    agent: Agent, staff_client: Client
) -> None:
    march = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    AnalysedCallFactory(agent=agent, started_at=march, values={"interest_level": "high " * 100})
    AnalysedCallFactory(agent=agent, started_at=march, values={"interest_level": "high"})

    url = reverse("admin:agents_agent_dashboard", args=[agent.pk])
    response = staff_client.get(url, {"start": "2026-03-01", "end": "2026-03-31"})

    assert read_page(response.content.decode()).counts("chart-field-interest_level") == {
        "high": 1,
        "medium": 0,
        "low": 0,
        "none": 0,
        "not found": 0,
        "another value": 1,
    }
