"""Webhook receivers and dialers agree on which answers are permanent: a 4xx other than
408, 409, 425 and 429 is never retried; a 5xx, those four and a lost connection are."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from actions.followup_dispatch import followups_dispatch
from actions.models import DeliveryStatus, FollowUpStatus, WebhookDelivery
from agents.models import Agent
from agents.services import agent_import_json
from calls.services import call_create
from tests.factories import AgentFactory, FollowUpFactory
from tests.fakes.http import Reply, Server, serving

pytestmark = pytest.mark.django_db

PERMANENT = [400, 401, 403, 404, 405, 422]
TEMPORARY = [408, 409, 425, 429, 500, 502, 503]
HIGH = "Agent: Interested?\nUser: Yes, very interested, sign me up!"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """One receiver, which is also the dialer: each test scripts its answer."""
    with serving() as running:
        yield running


def webhook_status_after(
    status: int, server: Server, agent: Agent, django_capture_on_commit_callbacks
) -> str:
    server.then(Reply(status, "no"))
    action = {
        "type": "webhook",
        "name": "CRM lead",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {"url": f"{server.url}/crm"},
    }
    agent_import_json(agent=agent, actions_json=json.dumps(action))
    with django_capture_on_commit_callbacks(execute=True):
        call_create(agent=agent, started_at=datetime(2026, 3, 10, tzinfo=UTC), transcript=HIGH)
    assert server.received.pop().path == "/crm"
    return WebhookDelivery.objects.get().status


def dial_status_after(status: int, server: Server, settings) -> str:
    server.then(Reply(status, "no"))
    settings.FOLLOW_UP_DIALER = "http"
    settings.FOLLOW_UP_DIALER_URL = f"{server.url}/dial"
    followup = FollowUpFactory(agent=AgentFactory(), due_at=timezone.now())
    followups_dispatch()
    assert server.received.pop().path == "/dial"
    followup.refresh_from_db()
    return followup.status


@pytest.mark.parametrize("status", PERMANENT)
def test_a_permanent_answer_fails_a_webhook_and_a_dial_at_once(
    status: int, server: Server, seed_agent: Agent, settings, django_capture_on_commit_callbacks
) -> None:
    assert webhook_status_after(status, server, seed_agent, django_capture_on_commit_callbacks) == (
        DeliveryStatus.FAILED
    )
    assert dial_status_after(status, server, settings) == FollowUpStatus.FAILED


@pytest.mark.parametrize("status", TEMPORARY)
def test_a_temporary_answer_is_retried_by_a_webhook_and_a_dial(
    status: int, server: Server, seed_agent: Agent, settings, django_capture_on_commit_callbacks
) -> None:
    assert webhook_status_after(status, server, seed_agent, django_capture_on_commit_callbacks) == (
        DeliveryStatus.PENDING
    )
    assert dial_status_after(status, server, settings) == FollowUpStatus.PENDING
