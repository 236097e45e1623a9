"""Reviewed values with the confidence their run gave them, for the calibration tests."""

from __future__ import annotations

from datetime import UTC, datetime

from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.factories import AnalysedCallFactory, FieldReviewFactory

REVIEWED_AT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def review(
    agent: Agent,
    *,
    confidence: float | None,
    correct: bool,
    field: str = "interest_level",
    at: datetime = REVIEWED_AT,
    times: int = 1,
) -> None:
    """`times` calls whose `field` a person confirmed (`correct`) or corrected."""
    for _ in range(times):
        call = AnalysedCallFactory(agent=agent, started_at=at)
        FieldReviewFactory(
            call=call, field=field, correct=correct, confidence=confidence, reviewed_at=at
        )


def dashboard_html(client: Client, agent: Agent, period: dict[str, str] = MARCH) -> str:
    response = client.get(reverse("admin:agents_agent_dashboard", args=[agent.pk]), period)
    assert response.status_code == 200
    return response.content.decode()
