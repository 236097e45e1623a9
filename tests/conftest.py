from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call
from calls.services import call_create
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON, AgentFactory
from tests.fakes.openai_server import openai_server  # noqa: F401


@pytest.fixture
def seed_agent(db: None) -> Agent:
    """An agent configured exactly as the product page prints it."""
    agent = AgentFactory(slug="solaris", name="Solaris sales")
    agent_import_json(agent=agent, fields_json=SEED_FIELDS_JSON, actions_json=SEED_ACTION_JSON)
    return agent


SEED_CALL_TRANSCRIPT = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Shall we call you back?\nUser: Yes please, call me next Tuesday."
)


@pytest.fixture
def analysed_call(seed_agent: Agent, django_capture_on_commit_callbacks) -> Call:
    """A call of the seed agent, analysed and its actions decided, as after a real POST."""
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            external_id="c1",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            from_number="+905551112233",
            transcript=SEED_CALL_TRANSCRIPT,
        )
    call.refresh_from_db()
    return call
