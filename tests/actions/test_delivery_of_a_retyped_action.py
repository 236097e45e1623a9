"""A delivery is attempted by the kind its action has now: an action retyped after its
delivery was queued fails the delivery for good, saying why, instead of sending a body
meant for another receiver."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from actions.models import DeliveryStatus, WebhookDelivery
from actions.webhooks.queueing import deliveries_dispatch
from agents.models import Action, Agent
from agents.services import agent_import_json
from calls.services import call_create
from tests.fakes.http import Reply, Server, serving
from tests.fakes.slack import SlackWebhooks, slack_webhooks

pytestmark = pytest.mark.django_db

HIGH = "Agent: Interested?\nUser: Yes, very interested, sign me up!"
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)


@pytest.fixture
def receiver():
    with serving() as server:
        yield server


@pytest.fixture
def waiting(seed_agent: Agent, receiver: Server, django_capture_on_commit_callbacks):
    """A webhook delivery waiting for its second attempt."""
    receiver.then(Reply(500))
    action = {"type": "webhook", "name": "Lead", "config": {"url": f"{receiver.url}/hook"}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps(action))
    with django_capture_on_commit_callbacks(execute=True):
        call_create(agent=seed_agent, external_id="c-1", started_at=STARTED, transcript=HIGH)
    return WebhookDelivery.objects.get()


@pytest.mark.parametrize(
    ("action_type", "config", "reason"),
    [
        (
            "transfer_call",
            {"to_number": "+14155550100"},
            "not sent: the action is now a Transfer Call, which sends no deliveries",
        ),
        (
            "slack_message",
            {},
            "not sent as a Slack message: the delivery is a 'call.analyzed' event",
        ),
    ],
)
def test_a_retyped_action_fails_its_waiting_delivery(
    waiting: WebhookDelivery,
    receiver: Server,
    django_capture_on_commit_callbacks,
    action_type: str,
    config: dict,
    reason: str,
) -> None:
    Action.objects.filter(pk=waiting.action_id).update(type=action_type, config=config)

    with (
        time_machine.travel(waiting.next_attempt_at + timedelta(seconds=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        deliveries_dispatch()

    waiting.refresh_from_db()
    assert waiting.status == DeliveryStatus.FAILED
    assert waiting.last_error == reason
    assert len(receiver.received) == 1


@pytest.fixture
def slack(settings):
    with slack_webhooks() as fake:
        settings.SLACK_WEBHOOK_BASE_URL = fake.base_url
        yield fake


def test_a_slack_message_waiting_when_its_action_becomes_a_webhook_is_not_sent_there(
    seed_agent: Agent,
    slack: SlackWebhooks,
    receiver: Server,
    django_capture_on_commit_callbacks,
) -> None:
    slack.then(Reply(500, "oops"))
    action = {
        "type": "slack_message",
        "name": "Lead",
        "config": {"webhook_url": slack.webhook_url, "fields": ["customer_name"]},
    }
    agent_import_json(agent=seed_agent, actions_json=json.dumps(action))
    with django_capture_on_commit_callbacks(execute=True):
        call_create(agent=seed_agent, external_id="c-1", started_at=STARTED, transcript=HIGH)
    waiting = WebhookDelivery.objects.get()
    assert waiting.status == DeliveryStatus.PENDING
    Action.objects.filter(pk=waiting.action_id).update(
        type="webhook", config={"url": f"{receiver.url}/hook"}
    )

    with (
        time_machine.travel(waiting.next_attempt_at + timedelta(seconds=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        deliveries_dispatch()

    waiting.refresh_from_db()
    assert waiting.status == DeliveryStatus.FAILED
    assert waiting.last_error == (
        "not sent as a webhook: it is a 'slack.message' request, queued before the action's "
        "type was changed"
    )
    assert receiver.received == []
