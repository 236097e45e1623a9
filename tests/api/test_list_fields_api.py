"""The agent API takes list fields in the product page's shape and returns them with
their item type and counts; a list that cannot work is a 400 naming its row."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PRODUCTS = {
    "name": "products_asked",
    "type": "list",
    "item_type": "enum",
    "description": "Every product the customer asked about",
    "choices": ["solar panels", "battery", "ev charger"],
    "max_items": 3,
}
CONDITION = {"field": "products_asked", "operator": "contains_any", "value": ["battery"]}
ACTION = {
    "type": "transfer_call",
    "name": "Battery desk",
    "condition": CONDITION,
    "config": {"to_number": "+14155550134"},
}


def agent_body(fields: list[dict], actions: list[dict] | None = None) -> dict:
    return {
        "name": "Solar",
        "slug": "solar",
        "timezone": "Europe/Istanbul",
        "fields": fields,
        "actions": actions or [],
    }


def test_a_list_field_goes_in_and_comes_back(writer: APIClient) -> None:
    created = writer.post("/api/v1/agents/", agent_body([PRODUCTS], [ACTION]), format="json")

    assert created.status_code == 201, created.json()
    assert created.json()["fields"] == [
        {
            "name": "products_asked",
            "type": "list",
            "description": "Every product the customer asked about",
            "choices": ["solar panels", "battery", "ev charger"],
            "format": "",
            "required": False,
            "item_type": "enum",
            "min_items": None,
            "max_items": 3,
            "extractor": "",
        }
    ]
    assert created.json()["actions"][0]["condition"] == CONDITION
    exported = writer.get("/api/v1/agents/solar/export/").json()
    assert exported["fields"] == [PRODUCTS]


def test_a_list_that_cannot_work_is_a_400_naming_the_row(writer: APIClient) -> None:
    bad = {**PRODUCTS, "choices": [], "max_items": 60}

    response = writer.post("/api/v1/agents/", agent_body([bad]), format="json")

    assert response.status_code == 400
    details = response.json()["error"]["details"]
    assert details["fields[0]"] == [
        "field 1 (products_asked): max_items 60 is out of range (0 to 50)",
        "field 1 (products_asked): a list of enum needs choices: list them in choices, "
        'e.g. ["solar panels", "battery"]',
    ]


def test_an_operator_that_does_not_fit_a_list_is_a_400(writer: APIClient) -> None:
    wrong = {**ACTION, "condition": {"field": "products_asked", "operator": ">", "value": 1}}

    response = writer.post("/api/v1/agents/", agent_body([PRODUCTS], [wrong]), format="json")

    assert response.status_code == 400
    assert response.json()["error"]["details"]["actions[0]"] == [
        "action 1 (Battery desk): condition: > does not apply to a list; products_asked is a "
        "list (use contains, contains_any, contains_all, is_empty, has_more_than, is_set, "
        "is_not_set)"
    ]
