"""Rows the benchmarks need: an agent with the product page's fields and a webhook to a
local receiver, an API key, and finished calls in the API's shape."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

FIELDS = [
    {"name": "customer_name", "type": "string", "description": "The customer's full name"},
    {
        "name": "interest_level",
        "type": "enum",
        "description": "How interested the customer is: high, medium, low, none",
    },
    {"name": "follow_up_required", "type": "boolean", "description": "Whether to call back"},
    {
        "name": "follow_up_date",
        "type": "string",
        "description": "The date to call back, in ISO 8601 format",
    },
    {"name": "callback_number", "type": "string", "description": "The phone number to call"},
]


def agent_with_webhook(*, slug: str, url: str) -> Any:
    """An active agent whose every analysed call is sent, signed, to `url`."""
    from agents.models import Agent
    from agents.services import agent_import_json

    agent = Agent.objects.create(name=f"Bench {slug}", slug=slug)
    webhook = {"type": "webhook", "name": "Receiver", "config": {"url": url}}
    agent_import_json(agent=agent, fields_json=json.dumps(FIELDS), actions_json=json.dumps(webhook))
    return agent


def api_key() -> str:
    from agents.api_keys import api_key_create

    return api_key_create(name="bench", scopes=["write", "read", "runtime"])[1]


def call_body(agent_slug: str, external_id: str) -> dict[str, Any]:
    """A short finished call; its external id is in the transcript, so the model server
    can tell which call a request belongs to."""
    started = datetime.now(UTC) - timedelta(minutes=5)
    return {
        "agent": agent_slug,
        "external_id": external_id,
        "direction": "inbound",
        "from_number": "+14155550134",
        "to_number": "+14155550000",
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(minutes=3)).isoformat(),
        "timezone": "America/Los_Angeles",
        "transcript": (
            f"Agent: Hello, this is Ada. Your reference is {external_id}.\n"
            "User: Hi, my name is Maria Gonzalez. Please call me back next Tuesday.\n"
            "Agent: Of course. Is this number the best one to reach you?\n"
            "User: Yes, 415 555 0134."
        ),
    }
