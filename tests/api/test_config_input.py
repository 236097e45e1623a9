"""Config input that used to crash is refused with its reason: a URL that cannot be
parsed, JSON pasted into the import nested too deep; and the payload's timestamp is in the
documented form."""

from __future__ import annotations

import json
import re

import pytest

from actions.webhooks.payload import event_document
from agents.config import ConfigInvalid
from agents.models import Agent
from agents.seed_format import ImportInvalid
from agents.services import agent_import_json

pytestmark = pytest.mark.django_db

BROKEN_URL = "http://[::1:8290/x"


def test_an_unparseable_webhook_url_is_refused_by_the_import(seed_agent: Agent) -> None:
    action = {"type": "webhook", "name": "CRM", "config": {"url": BROKEN_URL}}

    with pytest.raises((ConfigInvalid, ImportInvalid)) as refused:
        agent_import_json(agent=seed_agent, actions_json=json.dumps(action))

    assert "not a valid URL" in str(refused.value)


def test_an_unparseable_webhook_url_is_a_400_in_the_api(writer, seed_agent: Agent) -> None:
    action = {"type": "webhook", "name": "CRM", "config": {"url": BROKEN_URL}}

    response = writer.patch("/api/v1/agents/solaris/", {"actions": [action]}, format="json")

    assert response.status_code == 400
    assert "not a valid URL" in json.dumps(response.json())


def test_the_import_box_refuses_json_nested_too_deep(seed_agent: Agent) -> None:
    deep = "[" * 1200 + "]" * 1200

    with pytest.raises(ImportInvalid) as refused:
        agent_import_json(agent=seed_agent, fields_json=deep)

    assert "nested more than" in str(refused.value)


def test_the_payload_timestamp_is_utc_to_the_millisecond() -> None:
    stamp = event_document(event_type="call.analyzed", data={})["timestamp"]

    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp)
