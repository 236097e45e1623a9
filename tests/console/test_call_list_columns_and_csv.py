"""The call list shows chosen fields as columns and exports what it lists as CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from agents.roles import SUPPORT, staff_user_create
from calls.models import Call
from tests.factories import AgentFactory, AnalysedCallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def support(db: None) -> Client:
    client = Client()
    client.force_login(staff_user_create(username="sam", password="pw", role=SUPPORT))
    return client


@pytest.fixture
def calls(seed_agent: Agent) -> list[Call]:
    return [
        AnalysedCallFactory(
            agent=seed_agent,
            external_id="hot",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            values={"customer_name": "José Ñúñez", "interest_level": "high"},
        ),
        AnalysedCallFactory(
            agent=seed_agent,
            external_id="evil",
            started_at=datetime(2026, 3, 9, 8, 0, tzinfo=UTC),
            values={"customer_name": '=HYPERLINK("http://x")', "interest_level": "low"},
        ),
    ]


def exported(client: Client, query: str) -> list[dict[str, str]]:
    response = client.get(reverse("admin:calls_call_export") + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_chosen_fields_are_columns_of_the_list(support, seed_agent, calls) -> None:
    url = reverse("admin:calls_call_changelist")
    query = f"?agent__id__exact={seed_agent.pk}&columns=customer_name,interest_level"

    page = support.get(url + query).content.decode()

    assert "column-value_customer_name" in page and "column-value_interest_level" in page
    assert "José Ñúñez" in page and "high" in page
    offered = support.get(url + f"?agent__id__exact={seed_agent.pk}").content.decode()
    assert "+ follow_up_date" in offered
    assert "José Ñúñez" not in offered


def test_a_column_without_an_agent_chosen_still_shows(support, calls) -> None:
    page = support.get(reverse("admin:calls_call_changelist") + "?columns=interest_level")

    assert page.status_code == 200
    assert "column-value_interest_level" in page.content.decode()


def test_the_export_keeps_the_lists_filters_and_search(support, seed_agent, calls) -> None:
    AnalysedCallFactory(
        agent=AgentFactory(),
        external_id="other",
        started_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        values={"x": 1},
    )

    every = exported(support, "")
    filtered = exported(support, f"?agent__id__exact={seed_agent.pk}&value__interest_level=high")
    searched = exported(support, "?q=ñúñez")

    assert [row["external id"] for row in every] == ["hot", "evil", "other"]
    assert [row["external id"] for row in filtered] == ["hot"]
    assert [row["external id"] for row in searched] == ["hot"]


def test_values_are_columns_with_times_in_the_calls_zone(support, seed_agent, calls) -> None:
    rows = exported(support, f"?agent__id__exact={seed_agent.pk}")

    hot = rows[0]
    assert list(hot)[:10] == [
        "call id", "external id", "agent slug", "call status", "direction",
        "from number", "to number", "started at", "ended at", "time zone",
    ]  # fmt: skip
    assert list(hot)[10:] == [
        header
        for field in seed_agent.fields.all()
        for header in (field.name, f"{field.name} confidence")
    ]
    assert hot["customer_name"] == "José Ñúñez"
    assert hot["interest_level"] == "high"
    assert hot["follow_up_required"] == ""
    assert hot["started at"] == "2026-03-10T14:05:00+03:00"
    assert hot["time zone"] == "Europe/Istanbul"


def test_chosen_columns_are_the_exports_columns(support, seed_agent, calls) -> None:
    rows = exported(support, f"?agent__id__exact={seed_agent.pk}&columns=interest_level")

    assert list(rows[0])[10:] == ["interest_level", "interest_level confidence"]


def test_cells_a_spreadsheet_would_run_are_defused(support, seed_agent, calls) -> None:
    rows = {row["external id"]: row for row in exported(support, "")}

    assert rows["evil"]["customer_name"] == '\'=HYPERLINK("http://x")'
    assert rows["evil"]["from number"] == "'+905321234567"


def test_an_export_with_a_bad_filter_goes_back_to_the_list(support, calls) -> None:
    response = support.get(reverse("admin:calls_call_export") + "?value__interest_level=1e999")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:calls_call_changelist"))
