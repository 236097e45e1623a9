"""One of everything the home page counts, for its tests: `everything_waits(agent)`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from actions.models import FollowUpStatus, Review
from agents.models import Agent
from calls.models import CallStatus, RunFailure
from connectors.models import Connection, Delivery, Verdict
from connectors.services import connection_create, connection_refusal_count
from tests.factories import (
    ActionFactory,
    CallFactory,
    DeliveryFactory,
    FollowUpFactory,
    RunFactory,
    held_call,
)


@dataclass(frozen=True)
class Waiting:
    connection: Connection


def failed_call(agent: Agent, *, kind: str, reason: str) -> None:
    call = CallFactory(agent=agent, status=CallStatus.FAILED)
    RunFactory(call=call, failed=True, failure_kind=kind, failure_reason=reason)


def earlier_today(agent: Agent) -> datetime:
    """A moment of today in the agent's zone before now, even a minute after its midnight."""
    now = timezone.now()
    midnight = now.astimezone(ZoneInfo(agent.timezone)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return midnight + (now - midnight) / 2


def everything_waits(agent: Agent, *, copies: int = 1) -> Waiting:
    """`copies` of each thing that waits for a person, on `agent`: held calls (one of them
    stale), failing deliveries, an action switched off, a connection refusing signatures and
    bodies, failed analyses, failed and overdue follow-ups, and calls today."""
    now = timezone.now()
    for _ in range(copies):
        held_call(agent)
        CallFactory(agent=agent, started_at=earlier_today(agent), status=CallStatus.ANALYZED)
        failed_call(agent, kind=RunFailure.MODEL_REFUSED_REQUEST, reason="content policy")
        failed_call(agent, kind=RunFailure.RETRIES_EXHAUSTED, reason="gave up after 3 attempts")
        FollowUpFactory(agent=agent, status=FollowUpStatus.FAILED, due_at=now - timedelta(hours=2))
        FollowUpFactory(agent=agent, due_at=now - timedelta(hours=1))
    Review.objects.filter(pk=Review.objects.earliest("created_at").pk).update(
        created_at=now - timedelta(hours=30)
    )
    crm = agent.actions.filter(name="CRM").first() or ActionFactory(
        agent=agent, name="CRM", type="webhook", config={"url": "https://crm.example.com/hooks"}
    )
    for _ in range(copies):
        DeliveryFactory(action=crm, failed=True, last_status_code=500, last_error="HTTP 500: down")
    agent.actions.filter(name="Old CRM").exists() or ActionFactory(
        agent=agent,
        name="Old CRM",
        type="webhook",
        config={"url": "https://old.example.com/hooks"},
        enabled=False,
        disabled_reason="the receiver answered 410 Gone",
    )
    connection = agent.connections.first() or connection_create(
        agent=agent, platform="retell", secret="key_old", options={}
    )
    for _ in range(copies):
        connection_refusal_count(connection=connection, reason="no signature matches", now=now)
        Delivery.objects.create(
            connection=connection,
            verdict=Verdict.INVALID,
            reason="not a finished call's shape",
            status_code=400,
            body=b"{}",
        )
    return Waiting(connection=connection)
