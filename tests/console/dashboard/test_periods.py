"""Which calls a period holds: whole days of the agent's time zone, DST days included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.console.dashboard.page import Page, read_page
from tests.factories import AnalysedCallFactory

pytestmark = pytest.mark.django_db


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def dashboard(client: Client, agent: Agent, **params: str) -> Page:
    response = client.get(reverse("admin:agents_agent_dashboard", args=[agent.pk]), params)
    assert response.status_code == 200
    return read_page(response.content.decode())


def calls_per_day(page: Page) -> dict[str, int]:
    return {day: int(cells[0]) for day, cells in page.rows("chart-per-day").items()}


def test_a_custom_period_runs_from_local_midnight_to_local_midnight(
    agent: Agent, staff_client: Client
) -> None:
    # 23:30 on 28 Feb in Berlin: before
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 2, 28, 22, 30))
    # 00:30 on 1 Mar in Berlin
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 2, 28, 23, 30))
    # 23:30 on the last day, 10 Mar
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 10, 21, 30))
    # 00:30 on 11 Mar in Berlin: after
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 10, 23, 30))

    page = dashboard(staff_client, agent, start="2026-03-01", end="2026-03-10")

    assert page.stats["Calls"] == "2"
    per_day = calls_per_day(page)
    assert len(per_day) == 10
    assert per_day["Sun 01 Mar"] == 1
    assert per_day["Tue 10 Mar"] == 1


def test_the_day_clocks_go_forward_has_23_hours(agent: Agent, staff_client: Client) -> None:
    # Berlin moves from CET (+1) to CEST (+2) at 02:00 on 29 March 2026.
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 28, 23, 30))  # 00:30 CET on the 29th
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 29, 1, 30))  # 03:30 CEST
    # 23:30 CEST, the last minutes of the day
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 29, 21, 30))
    # 00:30 CEST on the 30th, still the 29th in UTC
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 29, 22, 30))

    page = dashboard(staff_client, agent, start="2026-03-28", end="2026-03-29")

    assert page.stats["Calls"] == "3"
    assert calls_per_day(page) == {"Sat 28 Mar": 0, "Sun 29 Mar": 3}


def test_the_day_clocks_go_back_has_25_hours(agent: Agent, staff_client: Client) -> None:
    # Berlin moves from CEST (+2) back to CET (+1) at 03:00 on 25 October 2026.
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 10, 24, 22, 30))  # 00:30 CEST on the 25th
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 10, 25, 0, 30))  # 02:30 CEST
    # 02:30 CET, the same wall time again
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 10, 25, 1, 30))
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 10, 25, 22, 30))  # 23:30 CET

    page = dashboard(staff_client, agent, start="2026-10-25", end="2026-10-26")

    assert calls_per_day(page) == {"Sun 25 Oct": 4, "Mon 26 Oct": 0}


@time_machine.travel(utc(2026, 3, 10, 12, 0), tick=False)
def test_last_7_days_are_today_and_the_6_local_days_before(
    agent: Agent, staff_client: Client
) -> None:
    # 23:30 on 3 Mar in Berlin: before
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 3, 22, 30))
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 3, 23, 30))  # 00:30 on 4 Mar in Berlin
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 10, 11, 0))

    page = dashboard(staff_client, agent, period="7d")

    assert page.stats["Calls"] == "2"
    assert list(calls_per_day(page)) == [
        "Wed 04 Mar",
        "Thu 05 Mar",
        "Fri 06 Mar",
        "Sat 07 Mar",
        "Sun 08 Mar",
        "Mon 09 Mar",
        "Tue 10 Mar",
    ]


@time_machine.travel(utc(2026, 3, 10, 12, 0), tick=False)
def test_last_24_hours_roll_with_the_clock(agent: Agent, staff_client: Client) -> None:
    now = utc(2026, 3, 10, 12, 0)
    AnalysedCallFactory(agent=agent, started_at=now - timedelta(hours=25))
    AnalysedCallFactory(agent=agent, started_at=now - timedelta(hours=23))
    AnalysedCallFactory(agent=agent, started_at=now - timedelta(minutes=1))

    page = dashboard(staff_client, agent, period="24h")

    assert page.stats["Calls"] == "2"
    assert calls_per_day(page) == {"Mon 09 Mar": 1, "Tue 10 Mar": 1}


@time_machine.travel(utc(2026, 3, 10, 12, 0), tick=False)
def test_last_7_days_is_the_default(agent: Agent, staff_client: Client) -> None:
    page = dashboard(staff_client, agent)

    assert len(calls_per_day(page)) == 7


def test_a_period_of_one_day_counts_the_calls_of_that_local_day(
    agent: Agent, staff_client: Client
) -> None:
    AnalysedCallFactory(agent=agent, started_at=utc(2026, 3, 10, 21, 30))

    page = dashboard(staff_client, agent, start="2026-03-10", end="2026-03-10")

    assert calls_per_day(page) == {"Tue 10 Mar": 1}
