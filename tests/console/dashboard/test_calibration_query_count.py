"""The calibration figures take as many queries for many reviewed values and fields as
for few: two, the agent's fields and the reviewed values with their confidences."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agents.models import Agent
from console.dashboard.calibration import calibration_charts
from console.dashboard.periods import period_between
from tests.console.dashboard.calibration import MARCH, review
from tests.factories import FieldFactory

pytestmark = pytest.mark.django_db

FIELDS = ("customer_name", "interest_level", "follow_up_required")


def add_reviews(agent: Agent, calls: int) -> None:
    for index in range(calls):
        for field in FIELDS:
            review(agent, confidence=(index % 10) / 10, correct=index % 3 > 0, field=field)


def calibration_queries(agent: Agent) -> int:
    period = period_between(
        first=date.fromisoformat(MARCH["start"]),
        last=date.fromisoformat(MARCH["end"]),
        zone=ZoneInfo(agent.timezone),
    )
    with CaptureQueriesContext(connection) as queries:
        charts = calibration_charts(agent=agent, period=period)
    assert charts
    return len(queries)


def test_30_reviewed_calls_take_as_many_queries_as_3(agent: Agent) -> None:
    add_reviews(agent, 3)
    few = calibration_queries(agent)
    add_reviews(agent, 27)

    assert calibration_queries(agent) == few == 2


def test_8_more_reviewed_fields_take_no_more_queries(agent: Agent) -> None:
    add_reviews(agent, 3)
    few = calibration_queries(agent)
    for index in range(8):
        FieldFactory(agent=agent, name=f"flag_{index}", type="boolean")
        review(agent, confidence=0.9, correct=True, field=f"flag_{index}", times=2)

    assert calibration_queries(agent) == few == 2
