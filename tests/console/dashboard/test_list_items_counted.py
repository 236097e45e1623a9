"""A list of choices is charted by item: each call counts once for every item it names."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from tests.console.dashboard.page import read_page
from tests.factories import AnalysedCallFactory, FieldFactory

pytestmark = pytest.mark.django_db

MARCH = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def products(agent: Agent) -> None:
    FieldFactory(
        agent=agent,
        name="products_asked",
        type="list",
        item_type="enum",
        choices=["solar panels", "battery", "ev charger"],
        position=3,
    )
    for items in (["solar panels", "battery"], ["battery"], ["wind turbine"], None):
        AnalysedCallFactory(agent=agent, started_at=MARCH, values={"products_asked": items})


def dashboard(client: Client, agent: Agent) -> str:
    url = reverse("admin:agents_agent_dashboard", args=[agent.pk])
    return client.get(url, {"start": "2026-03-01", "end": "2026-03-31"}).content.decode()


def test_each_item_counts_its_calls(agent: Agent, products: None, staff_client: Client) -> None:
    html = dashboard(staff_client, agent)
    page = read_page(html)

    assert page.counts("chart-field-products_asked") == {
        "solar panels": 1,
        "battery": 2,
        "ev charger": 0,
        "not found": 1,
        "another value": 1,
    }
    assert "4 in total. A call counts once for each item it names." in html


def test_an_item_s_bar_lists_the_calls_that_name_it(
    agent: Agent, products: None, staff_client: Client
) -> None:
    link = read_page(dashboard(staff_client, agent)).links("chart-field-products_asked")["battery"]

    listed = staff_client.get(link)

    assert parse_qs(urlsplit(link).query)["value__products_asked"] == ["battery"]
    assert len(listed.context["cl"].result_list) == 2
