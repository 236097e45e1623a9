from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import AbstractUser
from django.core import mail
from django.utils import timezone

from agents.models import Action, Agent
from agents.roles import OPS, staff_user_create
from agents.services import agent_import_json
from alerts.models import AlertDestination, AlertRules, Channel, DigestSubscription
from alerts.services import alerts_check
from calls.services import call_create
from tests.fakes.http import Reply, Server, serving
from tests.fakes.slack import SlackWebhooks, slack_webhooks

SITE = "https://postcall.example.com"
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
TRANSCRIPT = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!"
)


@pytest.fixture(autouse=True)
def site(settings) -> None:
    settings.PUBLIC_BASE_URL = SITE
    # A delivery is given up after its first failed attempt: each call is one failure.
    settings.WEBHOOK_RETRY_SCHEDULE_SECONDS = []


@pytest.fixture
def receiver() -> Iterator[Server]:
    with serving(Reply(500, '{"error": "CRM database is down"}')) as server:
        yield server


@pytest.fixture
def slack(settings) -> Iterator[SlackWebhooks]:
    with slack_webhooks() as fake:
        settings.SLACK_WEBHOOK_BASE_URL = fake.base_url
        yield fake


@pytest.fixture
def crm_agent(seed_agent: Agent, receiver: Server) -> Agent:
    action = {"type": "webhook", "name": "CRM lead", "config": {"url": f"{receiver.url}/crm"}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps(action))
    return seed_agent


def crm_action(agent: Agent) -> Action:
    return agent.actions.get(name="CRM lead")


@pytest.fixture
def analyse(django_capture_on_commit_callbacks, crm_agent: Agent) -> Callable[[], None]:
    """A call arrives, is analysed and fires the CRM webhook, which is sent at once."""
    counter = iter(range(1, 1000))

    def run() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            call_create(
                agent=crm_agent,
                external_id=f"call-{next(counter)}",
                started_at=STARTED,
                transcript=TRANSCRIPT,
            )

    return run


@pytest.fixture
def check(django_capture_on_commit_callbacks) -> Callable[[], int]:
    """The scheduler's check, and the messages it queued, sent as in production."""

    def run() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return alerts_check(now=timezone.now())

    return run


@pytest.fixture
def ops_email(db: None) -> AlertDestination:
    return AlertDestination.objects.create(channel=Channel.EMAIL, target="ops@example.com")


def thresholds(**values: int) -> None:
    AlertRules.objects.update_or_create(pk=1, defaults=values)


@pytest.fixture
def frozen() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(datetime(2026, 12, 7, 9, 12, tzinfo=UTC), tick=False) as moment:
        yield moment


def digest_reader(
    username: str, *, role: str = OPS, zone: str = "Europe/Istanbul", hour: int = 7
) -> AbstractUser:
    """A staff user who has turned the daily digest on."""
    user = staff_user_create(username=username, password=f"{username}-password-1", role=role)
    user.email = f"{username}@example.com"
    user.save(update_fields=["email"])
    DigestSubscription.objects.create(user=user, enabled=True, timezone=zone, send_hour=hour)
    return user


def digests_to(address: str) -> list[str]:
    """The subjects of the digests sent to `address`, oldest first."""
    return [message.subject for message in mail.outbox if message.to == [address]]
