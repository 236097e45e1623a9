"""`GET /api/v1/calls/?format=csv`: the filtered list as one CSV file, values as columns."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from agents.models import Agent
from tests.factories import AgentFactory, AnalysedCallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(seed_agent: Agent) -> None:
    for index in range(60):
        AnalysedCallFactory(
            agent=seed_agent,
            external_id=f"c{index:02d}",
            started_at=datetime(2026, 3, 10, 11, index, tzinfo=UTC),
            values={
                "customer_name": "@SUM(A1:A9)" if index == 0 else f"Customer {index}",
                "interest_level": "high" if index % 2 else "low",
                "follow_up_required": index % 2 == 1,
            },
        )
    AnalysedCallFactory(agent=AgentFactory(slug="other"), external_id="x", values={"x": 1})


def rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_holds_every_matching_call_not_one_page(reader, calls) -> None:
    listed = rows(reader.get("/api/v1/calls/", {"format": "csv", "agent": "solaris"}))

    assert len(listed) == 60
    assert listed[0]["external id"] == "c59"
    assert listed[0]["started at"] == "2026-03-10T14:59:00+03:00"
    assert listed[0]["time zone"] == "Europe/Istanbul"
    assert listed[0]["follow_up_required"] == "true"
    assert listed[-1]["customer_name"] == "'@SUM(A1:A9)"


def test_the_json_lists_filters_apply(reader, calls) -> None:
    query = {"format": "csv", "agent": "solaris", "value.interest_level": "high"}
    high = rows(reader.get("/api/v1/calls/", query))
    json_list = reader.get("/api/v1/calls/", {**query, "format": "json", "limit": 500}).json()

    assert {row["external id"] for row in high} == {
        call["external_id"] for call in json_list["results"]
    }
    assert len(high) == 30


def test_columns_default_to_the_agents_fields_and_can_be_chosen(reader, calls) -> None:
    every = rows(reader.get("/api/v1/calls/", {"format": "csv", "agent": "solaris"}))
    chosen = rows(
        reader.get(
            "/api/v1/calls/",
            {"format": "csv", "agent": "solaris", "columns": "interest_level,customer_name"},
        )
    )

    assert list(every[0])[10:] == [
        "customer_name", "customer_name confidence",
        "interest_level", "interest_level confidence",
        "follow_up_required", "follow_up_required confidence",
        "follow_up_date", "follow_up_date confidence",
        "callback_number", "callback_number confidence",
    ]  # fmt: skip
    assert list(chosen[0])[10:] == [
        "interest_level", "interest_level confidence",
        "customer_name", "customer_name confidence",
    ]  # fmt: skip


def test_bad_input_is_refused_in_json(reader, calls) -> None:
    wrong_column = reader.get("/api/v1/calls/", {"format": "csv", "columns": "not a name"})
    wrong_value = reader.get("/api/v1/calls/", {"format": "csv", "value.x y": "1"})

    assert wrong_column.status_code == 400
    assert wrong_column["Content-Type"] == "application/json"
    assert "Not field names: not a name" in str(wrong_column.json())
    assert wrong_value.status_code == 400
    assert wrong_value["Content-Type"] == "application/json"


def test_the_csv_needs_the_read_scope_like_the_list(client_with, calls) -> None:
    response = client_with("runtime").get("/api/v1/calls/", {"format": "csv"})

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"


def test_a_single_call_has_no_csv(reader, calls) -> None:
    call_id = reader.get("/api/v1/calls/").json()["results"][0]["id"]

    assert reader.get(f"/api/v1/calls/{call_id}/", {"format": "csv"}).status_code == 404


def test_the_accept_header_asks_for_csv_too(reader, calls) -> None:
    listed = rows(reader.get("/api/v1/calls/", {"agent": "other"}, HTTP_ACCEPT="text/csv"))

    assert [row["external id"] for row in listed] == ["x"]
    assert list(listed[0])[10:] == []


def test_an_empty_choice_filter_is_refused_not_ignored(reader, calls) -> None:
    response = reader.get("/api/v1/calls/", {"status": ""})

    assert response.status_code == 400
    assert "leave the parameter out" in str(response.json())
