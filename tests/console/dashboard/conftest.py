from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from agents.models import Action, Agent
from tests.factories import ActionFactory, AgentFactory, FieldFactory


@pytest.fixture
def agent(db: None) -> Agent:
    """An agent in Europe/Berlin (CET/CEST) with one field of each type."""
    agent = AgentFactory(name="Solaris sales", timezone="Europe/Berlin")
    FieldFactory(agent=agent, name="customer_name", type="string", position=0)
    FieldFactory(
        agent=agent,
        name="interest_level",
        type="enum",
        choices=["high", "medium", "low", "none"],
        position=1,
    )
    FieldFactory(agent=agent, name="follow_up_required", type="boolean", position=2)
    return agent


@pytest.fixture
def webhook(agent: Agent) -> Action:
    return ActionFactory(
        agent=agent, name="CRM", type="webhook", config={"url": "https://crm.example.com/hook"}
    )


@pytest.fixture
def staff_client(db: None) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("ops", "ops@example.com", "pw"))
    return client
