"""How counts become bars: widths from shares, columns scaled to the busiest day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from console.dashboard.charts import bar, column_chart
from console.dashboard.selectors import DayCount
from tests.console.dashboard.page import read_page
from tests.factories import FailedCallFactory

pytestmark = pytest.mark.django_db


def test_a_bar_is_as_wide_as_its_share() -> None:
    assert bar("high", 5, 8).width == 62.5
    assert bar("high", 5, 8).share == "62%"
    assert bar("high", 0, 0).width == 0.0


def test_columns_scale_to_the_busiest_day() -> None:
    chart = column_chart([DayCount(date(2026, 3, day), count) for day, count in [(1, 4), (2, 2)]])

    tallest, half = chart.columns
    assert chart.peak == 4
    assert tallest.height == 100
    assert half.height == 50


def test_a_month_labels_a_few_days_and_writes_its_counts_upwards() -> None:
    month = column_chart([DayCount(date(2026, 3, day), day) for day in range(1, 31)])
    week = column_chart([DayCount(date(2026, 3, day), day) for day in range(1, 8)])

    assert [column.day_label for column in month.columns if column.show_label] == [
        "Sun 01 Mar", "Thu 05 Mar", "Mon 09 Mar", "Fri 13 Mar",
        "Tue 17 Mar", "Sat 21 Mar", "Wed 25 Mar", "Sun 29 Mar",
    ]  # fmt: skip
    assert month.many
    assert all(column.show_label for column in week.columns)
    assert not week.many


def test_every_day_s_count_is_written_on_the_page(agent: Agent, staff_client: Client) -> None:
    FailedCallFactory(
        agent=agent,
        started_at=datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        reasons=["the model refused"],
    )

    html = staff_client.get(
        reverse("admin:agents_agent_dashboard", args=[agent.pk]),
        {"start": "2026-03-09", "end": "2026-03-11"},
    ).content.decode()

    assert '<span class="count">0</span><span class="column tone-neutral"></span>' in html
    assert 'title="Tue 10 Mar: 1"><span class="count">1</span>' in html


def test_a_page_draws_inline_svg_bars_in_the_admin_colours(
    agent: Agent, staff_client: Client
) -> None:
    FailedCallFactory(
        agent=agent,
        started_at=datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        reasons=["the model refused"],
    )

    html = staff_client.get(
        reverse("admin:agents_agent_dashboard", args=[agent.pk]),
        {"start": "2026-03-01", "end": "2026-03-31"},
    ).content.decode()

    assert '<rect class="tone-bad" width="100.0" height="14"/>' in html
    assert "fill: var(--error-fg)" in html
    assert "<script" not in html.split('id="content"')[1]


def test_reasons_beyond_the_ten_most_frequent_are_summed(
    agent: Agent, staff_client: Client
) -> None:
    moment = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    FailedCallFactory(
        agent=agent,
        started_at=moment,
        reasons=[*(f"reason {n:02d}" for n in range(12)), "reason 00"],
    )

    page = read_page(
        staff_client.get(
            reverse("admin:agents_agent_dashboard", args=[agent.pk]),
            {"start": "2026-03-01", "end": "2026-03-31"},
        ).content.decode()
    )

    counts = page.counts("chart-failures")
    assert counts["reason 00"] == 2
    assert len(counts) == 11
    assert counts["other reasons"] == 2
    assert page.stats["Analyses failed"] == "13"
