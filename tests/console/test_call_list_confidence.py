"""The admin's call list shows each call's lowest confidence and filters calls by it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agents.models import Agent
from tests.factories import AnalysedCallFactory, CallFactory

pytestmark = pytest.mark.django_db

LIST = reverse("admin:calls_call_changelist")


@pytest.fixture
def calls(seed_agent: Agent) -> None:
    for external_id, confidences in [
        ("doubtful", {"customer_name": 0.31, "interest_level": 0.9}),
        ("halfway", {"customer_name": 0.5}),
        ("borderline", {"customer_name": 0.79}),
        ("trusted", {"customer_name": 0.8, "interest_level": 1.0}),
        ("unscored", {"customer_name": None}),
    ]:
        AnalysedCallFactory(
            agent=seed_agent,
            external_id=external_id,
            values={"customer_name": "Maria"},
            confidences=confidences,
        )
    CallFactory(agent=seed_agent, external_id="waiting")


def listed(client: Client, query: str = "") -> list[str]:
    response = client.get(LIST + query)
    assert response.status_code == 200
    return sorted(call.external_id for call in response.context["cl"].result_list)


def test_each_call_shows_the_confidence_of_its_least_trusted_value(
    admin_client: Client, calls: None
) -> None:
    page = admin_client.get(LIST).content.decode()

    assert '<th scope="col" class="sortable column-lowest_confidence_column">' in page
    assert '<td class="field-lowest_confidence_column">0.31</td>' in page
    assert '<td class="field-lowest_confidence_column">0.79</td>' in page
    assert '<td class="field-lowest_confidence_column">—</td>' in page


def test_calls_are_filtered_by_band(admin_client: Client, calls: None) -> None:
    assert listed(admin_client, "?confidence=low") == ["doubtful"]
    assert listed(admin_client, "?confidence=medium") == ["borderline", "halfway"]
    assert listed(admin_client, "?confidence=high") == ["trusted"]
    assert listed(admin_client, "?confidence=none") == ["unscored"]
    sidebar = admin_client.get(LIST).content.decode()
    for label in ("below 0.5", "0.5 to 0.8", "0.8 and above", "no confidence"):
        assert label in sidebar


def test_an_unknown_band_is_refused_not_ignored(admin_client: Client, calls: None) -> None:
    response = admin_client.get(LIST + "?confidence=shaky")

    # The admin's answer to a lookup it cannot apply: the list again, with an error flag.
    assert response.status_code == 302
    assert "e=1" in response["Location"]


def test_a_list_filtered_by_band_makes_as_many_queries_for_30_calls_as_for_3(
    admin_client: Client, seed_agent: Agent
) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)

    def add_calls(first: int, count: int) -> None:
        for index in range(first, first + count):
            AnalysedCallFactory(
                agent=seed_agent,
                started_at=start + timedelta(hours=index),
                values={"customer_name": "Maria"},
                confidences={"customer_name": 0.4},
            )

    def queries_for_list(rows: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(LIST + "?confidence=low")
        assert response.context["cl"].result_count == rows
        return len(queries)

    add_calls(0, 3)
    few = queries_for_list(3)
    add_calls(3, 27)

    assert queries_for_list(30) == few
