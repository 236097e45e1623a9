"""A platform's delivery of a finished call makes as few queries for a large agent with
many calls as for a small one with few."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection as database
from django.test import Client
from django.test.utils import CaptureQueriesContext

from agents.models import Agent
from connectors.models import Connection
from tests.connectors import payloads
from tests.connectors.conftest import SECRET, STARTED
from tests.connectors.peers import encoded, retell_body, retell_headers
from tests.factories import ActionFactory, CallFactory, FieldFactory

pytestmark = pytest.mark.django_db

NOW = STARTED + timedelta(minutes=5)
# The connection with its agent, its secrets, the call, the agent's version and fields,
# the run, the delivery's record; savepoints aside.
MAX_QUERIES = 7


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def delivery_queries(client: Client, connection: Connection, call_id: str) -> int:
    body = encoded(retell_body(payloads.retell(call_id=call_id)))
    with CaptureQueriesContext(database) as queries:
        response = client.post(
            f"/hooks/retell/{connection.token}/",
            data=body,
            content_type="application/json",
            headers=retell_headers(body, SECRET, NOW),
        )
    assert response.status_code == 200, response.content
    assert response.json()["verdict"] == "created"
    return sum(not query["sql"].startswith(("SAVEPOINT", "RELEASE")) for query in queries)


def test_a_delivery_makes_as_many_queries_for_a_large_agent_as_for_a_small_one(
    client: Client, connect, seed_agent: Agent
) -> None:
    connection = connect("retell")
    few = delivery_queries(client, connection, "call-small")
    FieldFactory.create_batch(20, agent=seed_agent)
    ActionFactory.create_batch(5, agent=seed_agent)
    for number in range(30):
        CallFactory(agent=seed_agent, started_at=STARTED - timedelta(hours=number))

    assert delivery_queries(client, connection, "call-large") == few
    assert few <= MAX_QUERIES
