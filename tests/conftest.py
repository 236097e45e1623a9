from __future__ import annotations

import pytest

from agents.models import Agent
from agents.services import agent_import_json
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON, AgentFactory
from tests.fakes.openai_server import openai_server  # noqa: F401


@pytest.fixture
def seed_agent(db: None) -> Agent:
    """An agent configured exactly as the product page prints it."""
    agent = AgentFactory(slug="solaris", name="Solaris sales")
    agent_import_json(agent=agent, fields_json=SEED_FIELDS_JSON, actions_json=SEED_ACTION_JSON)
    return agent
