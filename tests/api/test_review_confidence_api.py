"""Over the API: an action's confidence rule is written and read in the product page's
JSON shape, and the review queue says, filters and sorts by the lowest confidence."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from rest_framework.test import APIClient

from agents.models import Agent
from tests.conftest import NOW
from tests.factories import SEED_ACTION_JSON, held_call

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

SEED_ACTION = json.loads(SEED_ACTION_JSON)


def test_the_rule_and_its_threshold_are_set_and_read_back(
    writer: APIClient, seed_agent: Agent
) -> None:
    action = {**SEED_ACTION, "review": {"confidence_below": 0.6}}

    response = writer.patch(
        f"/api/v1/agents/{seed_agent.slug}/", {"actions": [action]}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["actions"][0]["review"] == {"confidence_below": 0.6}
    exported = writer.get(f"/api/v1/agents/{seed_agent.slug}/export/").json()
    assert exported["actions"] == [action]


def test_a_threshold_out_of_range_is_a_400_naming_the_row(
    writer: APIClient, seed_agent: Agent
) -> None:
    action = {**SEED_ACTION, "review": {"confidence_below": 60}}

    response = writer.patch(
        f"/api/v1/agents/{seed_agent.slug}/", {"actions": [action]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "actions[0]": [
            "action 1 (Auto follow-up): review below a confidence of 60.0: "
            "a confidence is from 0 to 1 (e.g. 0.6)"
        ]
    }
    assert seed_agent.actions.get().review == "never"


def test_the_queue_says_filters_and_sorts_by_the_lowest_confidence(
    client_with, seed_agent: Agent
) -> None:
    held_call(seed_agent, external_id="sure")
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        held_call(seed_agent, external_id="low", confidences={"follow_up_date": 0.42})
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        held_call(seed_agent, external_id="none", confidences={"callback_number": None})
    reviewer = client_with("review")

    queue = reviewer.get("/api/v1/reviews/").json()["results"]
    below = reviewer.get("/api/v1/reviews/", {"below": "0.5"}).json()["results"]
    least_first = reviewer.get("/api/v1/reviews/", {"order": "confidence"}).json()["results"]

    assert [(r["lowest_confidence_field"], r["lowest_confidence"]) for r in queue] == [
        ("follow_up_required", 0.97),
        ("follow_up_date", 0.42),
        ("callback_number", None),
    ]
    assert [r["call_external_id"] for r in below] == ["low", "none"]
    assert [r["call_external_id"] for r in least_first] == ["none", "low", "sure"]
    assert reviewer.get("/api/v1/reviews/", {"below": "2"}).status_code == 400
