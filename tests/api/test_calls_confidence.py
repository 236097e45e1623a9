"""How far to trust each value, over the API: on every run, and as a filter of the list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from agents.models import Agent
from calls.models import Call
from tests.factories import AnalysedCallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(seed_agent: Agent) -> None:
    started = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
    for external_id, confidences in [
        ("doubtful", {"customer_name": 0.31, "interest_level": 0.9}),
        ("borderline", {"customer_name": 0.6, "interest_level": None}),
        ("trusted", {"customer_name": 0.95, "interest_level": 0.88}),
        ("unknown", {"customer_name": None}),
    ]:
        AnalysedCallFactory(
            agent=seed_agent,
            external_id=external_id,
            started_at=started,
            values={"customer_name": "Maria"},
            confidences=confidences,
            confidences__reasons={
                name: "the backend gives no confidence for it"
                for name, number in confidences.items()
                if number is None
            },
        )
    AnalysedCallFactory(agent=seed_agent, external_id="not-yet", started_at=started)


def listed(reader: APIClient, query: str) -> set[str]:
    response = reader.get(f"/api/v1/calls/?{query}")
    assert response.status_code == 200, response.json()
    return {call["external_id"] for call in response.json()["results"]}


def test_each_value_comes_with_its_confidence_or_why_it_has_none(
    reader: APIClient, calls: None
) -> None:
    call = Call.objects.get(external_id="borderline")

    analysis = reader.get(f"/api/v1/calls/{call.pk}/").json()["analysis"]

    assert analysis["confidences"] == {"customer_name": 0.6, "interest_level": None}
    assert analysis["confidence_reasons"] == {
        "interest_level": "the backend gives no confidence for it"
    }
    runs = reader.get(f"/api/v1/calls/{call.pk}/runs/").json()["results"]
    assert runs[0]["confidences"] == analysis["confidences"]


def test_the_list_filters_by_the_least_confident_value(reader: APIClient, calls: None) -> None:
    assert listed(reader, "max_confidence=0.6") == {"doubtful", "borderline"}
    assert listed(reader, "max_confidence=0.3") == set()
    assert listed(reader, "max_confidence=1") == {"doubtful", "borderline", "trusted"}
    assert listed(reader, "min_confidence=0.8") == {"trusted"}
    assert listed(reader, "min_confidence=0.5&max_confidence=0.7") == {"borderline"}


def test_a_confidence_filter_outside_0_to_1_or_not_a_number_is_explained(
    reader: APIClient, calls: None
) -> None:
    for query in ("max_confidence=1.5", "max_confidence=high", "min_confidence=-0.1"):
        response = reader.get(f"/api/v1/calls/?{query}")

        assert response.status_code == 400, query
        assert query.split("=")[0] in response.json()["error"]["details"]


def test_the_schema_says_a_confidence_is_a_number_or_null(client, db: None) -> None:
    schema = client.get("/api/schema/?format=json").json()
    run = schema["components"]["schemas"]["ExtractionRun"]["properties"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/calls/"]["get"]["parameters"]}

    assert run["confidences"]["additionalProperties"]["type"] == "number"
    assert run["confidences"]["additionalProperties"]["nullable"] is True
    assert run["confidence_reasons"]["additionalProperties"] == {"type": "string"}
    assert {"max_confidence", "min_confidence"} <= parameters


def test_a_confidence_filtered_list_makes_as_many_queries_for_30_calls_as_for_3(
    reader: APIClient, seed_agent: Agent
) -> None:
    def queries_for_list(rows: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = reader.get("/api/v1/calls/?max_confidence=0.5&limit=100")
        assert len(response.json()["results"]) == rows
        return len(queries)

    reader.get("/api/v1/calls/")  # the key's use is recorded once a while, not counted here
    AnalysedCallFactory.create_batch(
        3, agent=seed_agent, values={"customer_name": "Maria"}, confidences={"customer_name": 0.4}
    )
    few = queries_for_list(3)
    AnalysedCallFactory.create_batch(
        27, agent=seed_agent, values={"customer_name": "Maria"}, confidences={"customer_name": 0.4}
    )

    assert queries_for_list(30) == few
