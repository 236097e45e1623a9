from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from actions.models import FollowUp, WebhookDelivery
from agents.models import Action, Agent
from calls.models import Call, CallStatus, ExtractionRun, RunStatus
from tests.factories import ActionFactory, AgentFactory, CallFactory, FieldFactory


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


def analysed_call(agent: Agent, started_at: datetime, **values: Any) -> Call:
    call = CallFactory(agent=agent, started_at=started_at, status=CallStatus.ANALYZED)
    run = ExtractionRun.objects.create(
        call=call, status=RunStatus.SUCCEEDED, backend="offline", values=values
    )
    Call.objects.filter(pk=call.pk).update(latest_run=run)
    return call


def failed_call(agent: Agent, started_at: datetime, *reasons: str) -> Call:
    """A call whose every analysis failed, one run per reason."""
    call = CallFactory(agent=agent, started_at=started_at, status=CallStatus.FAILED)
    for reason in reasons:
        ExtractionRun.objects.create(
            call=call, status=RunStatus.FAILED, backend="offline", failure_reason=reason
        )
    return call


def follow_up(agent: Agent, booked_at: datetime, status: str) -> FollowUp:
    row = FollowUp.objects.create(
        agent=agent,
        to_number=f"+4930{FollowUp.objects.count():07d}",
        from_number="+4930000000",
        due_at=booked_at,
        status=status,
    )
    FollowUp.objects.filter(pk=row.pk).update(created_at=booked_at)
    return row


def delivery(action: Action, queued_at: datetime, status: str, attempts: int) -> WebhookDelivery:
    row = WebhookDelivery.objects.create(
        action=action,
        event_type="call.analyzed",
        message_id=f"msg_{WebhookDelivery.objects.count()}",
        url=action.config["url"],
        body="{}",
        status=status,
        attempt_count=attempts,
    )
    WebhookDelivery.objects.filter(pk=row.pk).update(created_at=queued_at)
    return row
