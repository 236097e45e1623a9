"""The answer to a new call is the call as reading it back shows it."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from agents.models import Agent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {
            "ended_at": "2026-03-10T14:09:00+03:00",
            "from_number": "+905321234567",
            "direction": "outbound",
            "metadata": {"campaign": "spring", "tags": ["a", 1, None]},
        },
        {"transcript": "Agent: Hello.\nUser: Hi, my name is Maria."},
        {"transcript": []},
    ],
)
def test_a_new_call_is_answered_as_it_is_stored(
    runtime: APIClient, reader: APIClient, seed_agent: Agent, call_body: dict, extra: dict
) -> None:
    posted = runtime.post("/api/v1/calls/", {**call_body, **extra}, format="json")

    assert posted.status_code == 201, posted.json()
    stored = reader.get(f"/api/v1/calls/{posted.json()['id']}/")
    assert posted.json() == stored.json()
