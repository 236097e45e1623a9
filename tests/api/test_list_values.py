"""The API gives a list value as a JSON array, its evidence as an array of quotes, filters
calls by an item, and takes a corrected list as an array of items."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from actions.models import Review
from agents.models import Agent
from calls.models import Call
from tests.factories import CC_EMAILS, PRODUCTS_ASKED, held_call, list_call, list_fields_added

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db: None) -> Call:
    return list_call(
        values={"products_asked": ["solar panels", "battery"], "cc_emails": None},
        evidence={"products_asked": ["The solar panels", "a battery"], "cc_emails": None},
    )


def test_a_list_value_and_its_evidence_are_arrays(reader: APIClient, call: Call) -> None:
    analysis = reader.get(f"/api/v1/calls/{call.pk}/").json()["analysis"]

    assert analysis["values"] == {"products_asked": ["solar panels", "battery"], "cc_emails": None}
    assert analysis["evidence"]["products_asked"] == ["The solar panels", "a battery"]
    runs = reader.get(f"/api/v1/calls/{call.pk}/runs/").json()["results"]
    assert runs[0]["values"]["products_asked"] == ["solar panels", "battery"]


def test_calls_are_filtered_by_any_item(reader: APIClient, call: Call) -> None:
    list_call(external_id="other", values={"products_asked": ["ev charger"]})

    found = reader.get("/api/v1/calls/", {"value.products_asked": "Battery"}).json()["results"]

    assert [row["id"] for row in found] == [call.pk]


def test_the_schema_says_a_value_may_be_a_list_and_its_evidence_too(client: Client) -> None:
    components = client.get("/api/schema/?format=json").json()["components"]["schemas"]
    run = components["ExtractionRun"]["properties"]

    value_kinds = run["values"]["additionalProperties"]["oneOf"]
    assert {"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "number"}]}} in (
        value_kinds
    )
    quotes = run["evidence"]["additionalProperties"]["oneOf"]
    assert {"type": "array", "items": {"type": "string", "nullable": True}} in quotes


@pytest.fixture
def held(seed_agent: Agent) -> Review:
    call = held_call(seed_agent, products_asked=["battery"], cc_emails=None)
    list_fields_added(call.latest_run, PRODUCTS_ASKED, CC_EMAILS)
    return Review.objects.get(call=call)


def test_a_reviewer_corrects_a_list_with_an_array(
    client_with, held: Review, django_capture_on_commit_callbacks
) -> None:
    reviewer = client_with("review")
    with django_capture_on_commit_callbacks(execute=True):
        answer = reviewer.post(
            f"/api/v1/reviews/{held.pk}/correct/",
            {
                "reviewer": "Sam",
                "values": {
                    "products_asked": ["Battery", "EV charger"],
                    "cc_emails": ["ana@example.com"],
                },
            },
            format="json",
        )

    assert answer.status_code == 200, answer.json()
    assert answer.json()["reviewed_values"]["products_asked"] == ["battery", "ev charger"]
    corrections = reviewer.get("/api/v1/corrections/", {"field": "products_asked"}).json()
    assert corrections["results"][0]["extracted"] == ["battery"]
    assert corrections["results"][0]["reviewed"] == ["battery", "ev charger"]
    assert corrections["results"][0]["correct"] is False


def test_a_bad_item_or_a_lone_text_is_refused_naming_it(client_with, held: Review) -> None:
    reviewer = client_with("review")

    answer = reviewer.post(
        f"/api/v1/reviews/{held.pk}/correct/",
        {
            "reviewer": "Sam",
            "values": {"products_asked": ["battery", "purple"], "cc_emails": "ana@example.com"},
        },
        format="json",
    )

    assert answer.status_code == 400
    text = str(answer.json())
    assert 'item 2 "purple" is not one of solar panels, battery, ev charger' in text
    assert "is not a list of items" in text
    assert Review.objects.get().status == "pending"
