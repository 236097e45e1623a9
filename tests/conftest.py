from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine

from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call
from calls.services import call_create
from tests.factories import SEED_ACTION_JSON, SEED_FIELDS_JSON, AgentFactory
from tests.fakes.openai_server import model_backend, model_server, openai_server  # noqa: F401


@pytest.fixture(autouse=True)
def urllib3_logging_restored() -> Iterator[None]:
    """HubSpot's request models set urllib3's logger to WARNING when built, and the tests
    of its templates and the fake HubSpot build them outside the product's guard: the next
    test in the same process starts with the logging as configured."""
    logger = logging.getLogger("urllib3")
    level = logger.level
    yield
    logger.setLevel(level)


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


# A call from tests/data/eval_calls.jsonl (c01), as ops paste it.
SEED_TRANSCRIPT = """Agent: Hello, this is Ada from Solaris Energy. Who am I speaking with?
User: Hi, my name is Maria Gonzalez.
Agent: Thanks Maria. Are you still interested in rooftop solar for your house?
User: Yes, very much. We want to get it installed before summer.
Agent: Great. Shall we call you back to book a site survey?
User: Yes please, call me next Tuesday.
Agent: What's the best number to reach you?
User: My cell is oh five three two, one two three, four five six seven.
Agent: Perfect, we'll call you next Tuesday. Have a nice day!"""
NOT_INTERESTED = """Agent: Hello, this is Ada from Solaris Energy. May I have your name?
User: It's Kemal Yilmaz.
Agent: Thanks Kemal. Would you like to hear about our solar offers?
User: No thanks, I'm not interested. Please don't call me again."""
# Tuesday 2026-03-10 14:05 in Istanbul, a few minutes after the call.
CALL_START_LOCAL = "2026-03-10T14:05"
NOW = datetime(2026, 3, 10, 11, 10, tzinfo=UTC)


@pytest.fixture
def frozen_now() -> Iterator[None]:
    """The clock stopped at NOW, a few minutes after the seed call."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on: connections to it are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `long` start first, so that the rest of the suite runs beside them
    instead of after them."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
