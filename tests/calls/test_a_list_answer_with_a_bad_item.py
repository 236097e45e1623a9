"""A model's list answer with one bad item keeps the others: the run stores the good
items with a quote each, names the bad item in its errors, and an action on the list
decides on what was kept."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call, RunStatus
from calls.services import call_create
from tests.factories import AgentFactory
from tests.fakes.openai_server import ModelServer, completion

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
TRANSCRIPT = (
    "Agent: What can we quote you for?\n"
    "User: Solar panels for the roof, and a battery.\n"
    "Agent: Who should get a copy?\n"
    "User: My wife, ana@example.com."
)
FIELDS = [
    {
        "name": "products_asked",
        "type": "list",
        "item_type": "enum",
        "choices": ["solar panels", "battery", "ev charger"],
        "max_items": 3,
        "description": "Every product the customer asked about",
    },
    {
        "name": "cc_emails",
        "type": "list",
        "item_type": "string",
        "format": "email",
        "description": "The people to copy on the quote",
    },
]
ANSWER = {
    "values": {"products_asked": ["solar panels", "purple", "battery"], "cc_emails": None},
    "evidence": {
        "products_asked": ["Solar panels for the roof", "purple", "and a battery"],
        "cc_emails": None,
    },
}


@pytest.fixture
def agent(model_backend: ModelServer) -> Agent:
    agent = AgentFactory()
    agent_import_json(agent=agent, fields_json=json.dumps(FIELDS))
    agent.actions.create(
        name="Battery desk",
        type="webhook",
        condition={"field": "products_asked", "operator": "contains", "value": "battery"},
        config={"url": "https://crm.example.com/hooks/battery"},
        review="always",
    )
    return agent


def test_the_good_items_stand_and_the_bad_one_is_named_on_the_run(
    agent: Agent, openai_server: ModelServer, django_capture_on_commit_callbacks
) -> None:
    # The model answers the same when asked again about the bad item.
    openai_server.default = completion(ANSWER)

    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=agent,
            external_id="list-1",
            started_at=STARTED,
            ended_at=STARTED + timedelta(minutes=3),
            from_number="+905321234567",
            transcript=TRANSCRIPT,
        )
    run = Call.objects.get(pk=call.pk).latest_run

    assert run.status == RunStatus.SUCCEEDED
    assert run.values == {"products_asked": ["solar panels", "battery"], "cc_emails": None}
    assert run.evidence == {
        "products_asked": ["Solar panels for the roof", "and a battery"],
        "cc_emails": None,
    }
    assert run.field_errors == {
        "products_asked": 'item 2 "purple" is not one of solar panels, battery, ev charger'
    }
    assert run.ungrounded == []
    assert "re-asked once with the validation errors" in run.notes
    schema = openai_server.bodies()[0]["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["values"]["properties"]["products_asked"]["maxItems"] == 3
    reask = openai_server.bodies()[1]["messages"][-1]["content"]
    assert 'products_asked: item 2 "purple" is not one of' in reask
    decision = call.action_runs.get()
    assert "products_asked has 2 items: ['solar panels', 'battery']" in decision.reason
