"""A Slack message action end to end, against Slack's incoming webhooks on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from actions.kinds import kind_for
from actions.kinds.slack_message import SlackMessage
from actions.models import ActionCredential, DeliveryStatus, WebhookDelivery
from actions.webhooks.queueing import deliveries_dispatch, delivery_resend
from agents.kinds import KindConfigInvalid
from agents.models import Action, Agent
from agents.selectors import agent_export
from agents.services import agent_import_json
from calls.services import call_create
from tests.fakes.http import Reply
from tests.fakes.slack import SlackWebhooks, slack_webhooks

pytestmark = pytest.mark.django_db

HIGH = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!"
)
LOW = (
    "Agent: Who am I speaking with?\nUser: My name is Ali Can.\n"
    "Agent: Interested?\nUser: Not really, probably not."
)
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)


@pytest.fixture
def slack(settings):
    with slack_webhooks() as fake:
        settings.SLACK_WEBHOOK_BASE_URL = fake.base_url
        yield fake


@pytest.fixture
def agent(seed_agent: Agent, slack: SlackWebhooks) -> Agent:
    action = {
        "type": "slack_message",
        "name": "Hot lead to #sales",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {
            "webhook_url": slack.webhook_url,
            "title": "A hot lead called",
            "fields": ["customer_name", "interest_level", "follow_up_date"],
        },
    }
    agent_import_json(agent=seed_agent, actions_json=json.dumps(action))
    return seed_agent


@pytest.fixture
def analyse(django_capture_on_commit_callbacks, agent: Agent):
    counter = iter(range(1, 1000))

    def run(transcript: str = HIGH):
        with django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=agent,
                external_id=f"call-{next(counter)}",
                started_at=STARTED,
                from_number="+905551112233",
                transcript=transcript,
            )
        return call

    return run


def slack_action(agent: Agent) -> Action:
    return agent.actions.get(name="Hot lead to #sales")


def dispatch_at(moment: datetime, django_capture_on_commit_callbacks) -> int:
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        return deliveries_dispatch()


def test_a_hot_lead_posts_its_values_and_a_link_to_its_analysis(
    analyse, slack: SlackWebhooks
) -> None:
    call = analyse(HIGH)

    assert slack.refused == []
    [message] = slack.messages
    assert message["text"] == "A hot lead called"
    shown = json.dumps(message["blocks"])
    assert "*customer_name*\\nMaria Gonzalez" in shown
    assert "*interest_level*\\nhigh" in shown
    assert "*follow_up_date*\\n\\u2014" in shown
    assert "callback_number" not in shown
    assert "+905551112233" in shown
    assert "Tue 2026-03-10 14:05 +03 (Europe/Istanbul)" in shown
    assert f"/admin/calls/call/{call.pk}/analysis/|Open the AI Analysis>" in shown
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert json.loads(delivery.body)["requests"][0]["body"] == message


def test_a_low_interest_call_posts_nothing(analyse, slack: SlackWebhooks) -> None:
    analyse(LOW)

    assert slack.messages == []
    assert not WebhookDelivery.objects.exists()


def test_the_webhook_url_is_kept_apart_and_never_shown(
    analyse, agent: Agent, slack: SlackWebhooks
) -> None:
    analyse(HIGH)

    action = slack_action(agent)
    assert "webhook_url" not in action.config
    assert ActionCredential.objects.get(action=action).value == slack.webhook_url
    delivery = WebhookDelivery.objects.get()
    secret_part = slack.webhook_url.removeprefix(slack.base_url)
    for shown in (
        delivery.body,
        delivery.url,
        delivery.attempts.get().url,
        json.dumps(agent_export(agent=agent)),
    ):
        assert secret_part not in shown


def test_a_rate_limited_message_waits_as_slack_asks_then_posts_once(
    analyse, slack: SlackWebhooks, django_capture_on_commit_callbacks
) -> None:
    slack.then(Reply(429, "rate_limited", {"Retry-After": "120"}))
    analyse(HIGH)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_error == "Slack answered 429: rate_limited"
    assert delivery.next_attempt_at - timezone.now() > timedelta(seconds=119)
    now = timezone.now()
    assert dispatch_at(now + timedelta(seconds=60), django_capture_on_commit_callbacks) == 0
    assert dispatch_at(now + timedelta(seconds=121), django_capture_on_commit_callbacks) == 1

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert [a.status_code for a in delivery.attempts.all()] == [429, 200]
    assert len(slack.messages) == 1


def test_a_removed_webhook_fails_for_good_with_slacks_words(
    analyse, agent: Agent, slack: SlackWebhooks, django_capture_on_commit_callbacks
) -> None:
    slack.then(Reply(404, "no_service"))
    analyse(HIGH)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.next_attempt_at is None
    attempt = delivery.attempts.get()
    assert (attempt.status_code, attempt.error) == (404, "Slack answered 404: no_service")
    assert attempt.response_excerpt == "no_service"

    with django_capture_on_commit_callbacks(execute=True):
        delivery_resend(delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert len(slack.messages) == 1


def test_a_fixed_url_is_used_by_the_next_attempt(
    analyse, agent: Agent, slack: SlackWebhooks, django_capture_on_commit_callbacks
) -> None:
    ActionCredential.objects.filter(action=slack_action(agent)).update(
        value=f"{slack.base_url}services/T0/B0/gone"
    )
    analyse(HIGH)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED

    agent_import_json(
        agent=agent,
        actions_json=json.dumps(
            {**_action_json(agent), "config": {"webhook_url": slack.webhook_url}}
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery_resend(delivery=delivery)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert len(slack.messages) == 1


def _action_json(agent: Agent) -> dict:
    action = slack_action(agent)
    return {"type": action.type, "name": action.name, "condition": action.condition}


def test_a_url_that_is_not_slacks_is_refused_naming_the_key(slack: SlackWebhooks) -> None:
    kind = kind_for("slack_message")

    errors = kind.config_errors({"webhook_url": "http://10.0.0.1/services/x"}, {})

    assert errors == [
        f"config.webhook_url: an incoming webhook URL starts with {slack.base_url} "
        "(Slack shows it under Incoming Webhooks of your Slack app)"
    ]


def test_a_field_that_does_not_exist_is_refused(seed_agent: Agent) -> None:
    kind = SlackMessage.registered()
    specs = {row.name: row.spec() for row in seed_agent.fields.all()}

    with pytest.raises(KindConfigInvalid) as refused:
        kind.parse({"fields": ["customer_name", "budget"]}, specs)

    assert refused.value.errors == ["config.fields: no field named 'budget'"]


def test_a_test_message_from_the_agent_page_reaches_the_channel(
    agent: Agent, slack: SlackWebhooks
) -> None:
    action = slack_action(agent)
    specs = {row.name: row.spec() for row in agent.fields.all()}

    sent = SlackMessage.registered().test_send(action, specs)

    assert sent.result.succeeded
    [message] = slack.messages
    assert "Test message" in json.dumps(message["blocks"])
    assert not WebhookDelivery.objects.exists()
