"""Webhook actions end to end, against real local receivers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from actions.models import ActionRun, DeliveryStatus, Outcome, WebhookDelivery
from actions.webhooks.queueing import deliveries_dispatch, delivery_resend
from actions.webhooks.secrets import active_secrets, webhook_secret_rotate
from agents.models import Action, Agent
from agents.services import agent_import_json
from calls.services import call_create
from tests.fakes.http import Reply, Server, serving

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
def receiver():
    with serving() as server:
        yield server


@pytest.fixture
def crm_agent(seed_agent: Agent, receiver: Server) -> Agent:
    action = {
        "type": "webhook",
        "name": "CRM lead",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {"url": f"{receiver.url}/crm", "headers": {"X-Api-Key": "k-123"}},
    }
    summary = agent_import_json(agent=seed_agent, actions_json=json.dumps(action))
    assert summary.generated_secrets["CRM lead"].startswith("whsec_")
    return seed_agent


@pytest.fixture
def analyse(django_capture_on_commit_callbacks, crm_agent: Agent):
    counter = iter(range(1, 1000))

    def run(transcript: str = HIGH) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            call_create(
                agent=crm_agent,
                external_id=f"call-{next(counter)}",
                started_at=STARTED,
                transcript=transcript,
            )

    return run


def crm_action(agent: Agent) -> Action:
    return agent.actions.get(name="CRM lead")


def dispatch_at(moment: datetime, django_capture_on_commit_callbacks) -> int:
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        return deliveries_dispatch()


def test_high_interest_sends_exactly_one_signed_post(
    analyse, receiver: Server, crm_agent: Agent
) -> None:
    analyse(HIGH)

    assert len(receiver.received) == 1
    request = receiver.received[0]
    secret = active_secrets(crm_action(crm_agent))[0]
    payload = Webhook(secret).verify(request.body, request.headers)
    assert request.path == "/crm"
    assert request.headers["x-api-key"] == "k-123"
    assert request.headers["content-type"] == "application/json"
    assert payload["type"] == "call.analyzed"
    assert payload["test"] is False
    assert payload["data"]["extraction"]["values"] == {
        "customer_name": "Maria Gonzalez",
        "interest_level": "high",
        "follow_up_required": None,
        "follow_up_date": None,
        "callback_number": None,
    }
    assert payload["data"]["call"]["external_id"] == "call-1"
    assert payload["data"]["call"]["started_at"] == "2026-03-10T14:05:00+03:00"
    assert payload["data"]["action"]["name"] == "CRM lead"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert request.headers["webhook-id"] == delivery.message_id
    assert delivery.body.encode() == request.body


def test_low_interest_records_a_skip_and_sends_nothing(
    analyse, receiver: Server, crm_agent: Agent
) -> None:
    analyse(LOW)

    decision = ActionRun.objects.get(action=crm_action(crm_agent))
    assert decision.outcome == Outcome.SKIPPED
    assert decision.reason == "interest_level is 'low', condition wants == 'high'"
    assert receiver.received == []


def test_500_then_200_retries_with_the_same_webhook_id(
    analyse, receiver: Server, django_capture_on_commit_callbacks
) -> None:
    receiver.then(Reply(500, "boom"))
    analyse(HIGH)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_error == "receiver answered 500"
    first_retry = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=4) < first_retry < timedelta(seconds=6)

    assert (
        dispatch_at(timezone.now() + timedelta(seconds=3), django_capture_on_commit_callbacks) == 0
    )
    assert (
        dispatch_at(timezone.now() + timedelta(seconds=7), django_capture_on_commit_callbacks) == 1
    )

    delivery.refresh_from_db()
    attempts = list(delivery.attempts.all())
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert [(a.number, a.status_code) for a in attempts] == [(1, 500), (2, 200)]
    assert attempts[0].response_excerpt == "boom"
    assert {r.headers["webhook-id"] for r in receiver.received} == {delivery.message_id}


def test_a_receiver_slower_than_the_timeout_is_retried(
    analyse, receiver: Server, crm_agent: Agent
) -> None:
    action = crm_action(crm_agent)
    action.config["timeout_seconds"] = 0.5
    action.save()
    receiver.then(Reply(200, delay=1.5))

    analyse(HIGH)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts.get().error.startswith("timed out")


@pytest.mark.parametrize("status", [301, 308])
def test_a_redirect_is_a_failure_and_never_followed(analyse, receiver: Server, status: int) -> None:
    with serving() as target:
        receiver.then(Reply(status, headers={"Location": f"{target.url}/elsewhere"}))
        analyse(HIGH)

        delivery = WebhookDelivery.objects.get()
        assert target.received == []
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_error.startswith(f"redirect ({status} to {target.url}/elsewhere)")


def test_410_disables_the_action_and_says_so(analyse, receiver: Server, crm_agent: Agent) -> None:
    receiver.then(Reply(410))

    analyse(HIGH)

    action = crm_action(crm_agent)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.next_attempt_at is None
    assert not action.enabled
    assert action.disabled_reason.startswith("the receiver answered 410 Gone")


def test_429_retry_after_is_honoured(analyse, receiver: Server) -> None:
    receiver.then(Reply(429, headers={"Retry-After": "120"}))

    analyse(HIGH)

    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at - timezone.now() >= timedelta(seconds=118)


def test_a_dropped_connection_is_retried(analyse, receiver: Server) -> None:
    receiver.then(Reply(drop=True))

    analyse(HIGH)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts.get().error.startswith("connection failed")


def test_the_kill_switch_holds_deliveries_until_it_is_lifted(
    analyse, receiver: Server, settings, django_capture_on_commit_callbacks
) -> None:
    settings.WEBHOOKS_ENABLED = False
    analyse(HIGH)
    assert receiver.received == []
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING

    settings.WEBHOOKS_ENABLED = True
    dispatch_at(timezone.now(), django_capture_on_commit_callbacks)

    assert len(receiver.received) == 1


def test_a_receiver_down_for_an_hour_gets_every_event_once_later(
    crm_agent: Agent, analyse, django_capture_on_commit_callbacks
) -> None:
    down = Server().start()
    down_url = down.url
    down.stop()  # nothing listens: connection refused
    action = crm_action(crm_agent)
    action.config["url"] = f"{down_url}/crm"
    action.save()
    for _ in range(3):
        analyse(HIGH)
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).count() == 3

    now = timezone.now()
    for minutes in (1, 10, 40):
        dispatch_at(now + timedelta(minutes=minutes), django_capture_on_commit_callbacks)
    with serving() as back:
        # Back on another port: ops point the action at it, and the retries follow.
        action.config["url"] = f"{back.url}/crm"
        action.save()
        for hours in (1.5, 3, 6):
            dispatch_at(now + timedelta(hours=hours), django_capture_on_commit_callbacks)

    ids = [request.headers["webhook-id"] for request in back.received]
    assert sorted(ids) == sorted(WebhookDelivery.objects.values_list("message_id", flat=True))
    assert len(set(ids)) == 3
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"succeeded"}
    for delivery in WebhookDelivery.objects.all():
        attempts = list(delivery.attempts.all())
        assert len(attempts) >= 3
        assert attempts[-1].status_code == 200
        assert all(a.error.startswith("connection failed") for a in attempts[:-1])


def test_a_delivery_whose_worker_died_is_sent_after_its_lease(
    analyse, receiver: Server, settings, django_capture_on_commit_callbacks
) -> None:
    settings.WEBHOOKS_ENABLED = False
    analyse(HIGH)
    settings.WEBHOOKS_ENABLED = True
    # A worker claimed it and died before sending.
    WebhookDelivery.objects.update(
        status=DeliveryStatus.DELIVERING, lease_expires_at=timezone.now() + timedelta(minutes=5)
    )
    assert dispatch_at(timezone.now(), django_capture_on_commit_callbacks) == 0

    dispatch_at(timezone.now() + timedelta(minutes=6), django_capture_on_commit_callbacks)

    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED


def test_resend_sends_the_same_webhook_id_again(
    analyse, receiver: Server, django_capture_on_commit_callbacks
) -> None:
    analyse(HIGH)
    delivery = WebhookDelivery.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        delivery_resend(delivery=delivery)

    assert [r.headers["webhook-id"] for r in receiver.received] == [delivery.message_id] * 2
    assert delivery.attempts.count() == 2


def test_after_rotation_both_secrets_verify_until_the_grace_ends(
    analyse, receiver: Server, crm_agent: Agent
) -> None:
    action = crm_action(crm_agent)
    old = active_secrets(action)[0]
    new = webhook_secret_rotate(action=action, grace=timedelta(hours=1))

    analyse(HIGH)
    request = receiver.received[-1]
    Webhook(old).verify(request.body, request.headers)
    Webhook(new).verify(request.body, request.headers)

    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert active_secrets(action) == [new]


def test_an_action_failing_longer_than_the_window_is_disabled(
    analyse, receiver: Server, crm_agent: Agent, settings, django_capture_on_commit_callbacks
) -> None:
    settings.WEBHOOK_DISABLE_AFTER_FAILING_HOURS = 1
    receiver.default = Reply(503)
    analyse(HIGH)

    dispatch_at(timezone.now() + timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert crm_action(crm_agent).enabled
    dispatch_at(timezone.now() + timedelta(hours=2), django_capture_on_commit_callbacks)

    action = crm_action(crm_agent)
    assert not action.enabled
    assert "every delivery has failed since" in action.disabled_reason
    assert "more than 1 hours" in action.disabled_reason


def test_ops_send_a_signed_test_event_from_the_agent_page(
    admin_client, crm_agent: Agent, receiver: Server
) -> None:
    action = crm_action(crm_agent)

    response = admin_client.post(
        reverse("admin:agents_agent_test_webhook", args=[crm_agent.pk, action.pk])
    )

    body = response.json()
    assert body["ok"] is True
    assert body["summary"].startswith("200 in ")
    request = receiver.received[0]
    payload = Webhook(active_secrets(action)[0]).verify(request.body, request.headers)
    assert payload["test"] is True
    assert set(payload["data"]["extraction"]["values"]) == {
        "customer_name",
        "interest_level",
        "follow_up_required",
        "follow_up_date",
        "callback_number",
    }
    assert payload["data"]["extraction"]["values"]["interest_level"] == "high"


def test_a_failing_test_event_says_what_the_receiver_answered(
    admin_client, crm_agent: Agent, receiver: Server
) -> None:
    receiver.then(Reply(401, "bad key"))
    action = crm_action(crm_agent)

    body = admin_client.post(
        reverse("admin:agents_agent_test_webhook", args=[crm_agent.pk, action.pk])
    ).json()

    assert body["ok"] is False
    assert body["summary"].endswith("receiver answered 401")
    assert body["response_excerpt"] == "bad key"
    assert WebhookDelivery.objects.get().next_attempt_at is None  # never retried


def test_rotating_from_the_agent_page_shows_the_new_secret_once(
    admin_client, crm_agent: Agent
) -> None:
    action = crm_action(crm_agent)

    body = admin_client.post(
        reverse("admin:agents_agent_rotate_secret", args=[crm_agent.pk, action.pk])
    ).json()

    assert body["secret"] == active_secrets(action)[0]
    page = admin_client.get(reverse("admin:agents_agent_change", args=[crm_agent.pk]))
    assert body["secret"] not in page.content.decode()


def test_a_secret_typed_into_the_config_is_stored_apart_and_never_exported(
    seed_agent: Agent, receiver: Server
) -> None:
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    action = {"type": "webhook", "name": "Hook", "config": {"url": receiver.url, "secret": secret}}

    summary = agent_import_json(agent=seed_agent, actions_json=json.dumps(action))

    stored = seed_agent.actions.get(name="Hook")
    assert summary.generated_secrets == {}
    assert "secret" not in stored.config
    assert active_secrets(stored) == [secret]
