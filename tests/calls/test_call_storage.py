"""Finished calls are stored once, with their transcript, and readable in the admin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agents.models import Agent
from calls.models import Call, CallStatus
from calls.services import CallInvalid, call_create
from tests.factories import AgentFactory, CallFactory

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)


def test_a_call_posted_twice_is_stored_once() -> None:
    agent = AgentFactory()

    first, created = call_create(
        agent=agent, external_id="rt-1", started_at=STARTED, transcript="Agent: Hi\nUser: Hello"
    )
    again, created_again = call_create(
        agent=agent, external_id="rt-1", started_at=STARTED, transcript="Agent: Hi\nUser: Hello"
    )

    assert created and not created_again
    assert again.pk == first.pk
    assert Call.objects.count() == 1


def test_the_same_external_id_on_another_agent_is_another_call() -> None:
    call_create(agent=AgentFactory(), external_id="rt-1", started_at=STARTED)
    call_create(agent=AgentFactory(), external_id="rt-1", started_at=STARTED)

    assert Call.objects.count() == 2


def test_a_call_takes_the_agents_time_zone_by_default() -> None:
    agent = AgentFactory(timezone="America/New_York")

    call, _ = call_create(agent=agent, started_at=STARTED)

    assert call.timezone == "America/New_York"
    assert call.status == CallStatus.NO_TRANSCRIPT
    assert call.external_id.startswith("pc_")


def test_bad_input_is_refused_with_every_problem() -> None:
    agent = AgentFactory()

    with pytest.raises(CallInvalid) as raised:
        call_create(
            agent=agent,
            started_at=datetime(2026, 3, 10, 11, 5),
            ended_at=STARTED - timedelta(hours=1),
            timezone="Mars/Olympus",
            transcript=[{"role": "robot", "text": "beep"}],
        )

    assert raised.value.errors == {
        "started_at": "must include a UTC offset, e.g. 2026-03-10T14:05:00+03:00",
        "timezone": "'Mars/Olympus' is not an IANA time zone (e.g. Europe/Istanbul)",
        "transcript": "transcript turn 1: role 'robot' is not agent or user",
    }
    assert Call.objects.count() == 0


def test_the_call_list_makes_as_many_queries_for_30_calls_as_for_3(admin_client: Client) -> None:
    agent = AgentFactory()

    def queries_for_list(rows: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(reverse("admin:calls_call_changelist"))
        assert response.status_code == 200
        assert response.content.decode().count(agent.name) >= rows
        return len(queries)

    CallFactory.create_batch(3, agent=agent)
    few = queries_for_list(3)
    CallFactory.create_batch(27, agent=agent)

    assert queries_for_list(30) == few
    assert few <= 12


def test_call_page_shows_the_transcript_as_a_conversation(admin_client: Client) -> None:
    call = CallFactory(started_at=STARTED)

    response = admin_client.get(reverse("admin:calls_call_change", args=[call.pk]))

    page = response.content.decode()
    assert '<div class="turn turn-user"><span class="speaker">Customer</span>' in page
    assert "My name is Maria Gonzalez." in page
    # The start is shown in the call's own time zone.
    assert "Tue 2026-03-10 14:05 +03" in page


def test_ops_add_a_call_with_a_plain_text_transcript(admin_client: Client) -> None:
    agent: Agent = AgentFactory(timezone="Europe/London")

    response = admin_client.post(
        reverse("admin:calls_call_add"),
        {
            "agent": agent.pk,
            "external_id": "manual-1",
            "direction": "inbound",
            "from_number": "+447700900123",
            "to_number": "",
            "started_at_0": "2026-03-10",
            "started_at_1": "14:05:00",
            "timezone": "",
            "transcript": "Agent: Hello\nUser: Hi, I'm Tom.",
            "metadata": "{}",
        },
    )

    assert response.status_code == 302, response.context["errors"]
    call = Call.objects.get(external_id="manual-1")
    assert call.transcript == [
        {"role": "agent", "text": "Hello"},
        {"role": "user", "text": "Hi, I'm Tom."},
    ]
    assert call.timezone == "Europe/London"
