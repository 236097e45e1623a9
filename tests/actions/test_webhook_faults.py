"""A webhook that cannot be sent as configured fails visibly and stops: header values are
checked when saved, an attempt that crashes is recorded, a switched-off action sends no
more, and retries and resends go to the action's current URL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from actions.models import DeliveryAttempt, DeliveryStatus, WebhookDelivery
from actions.webhooks.queueing import deliveries_dispatch, delivery_resend
from agents.config import ConfigInvalid
from agents.models import Action, Agent
from agents.seed_format import ImportInvalid
from agents.services import agent_import_json
from calls.services import call_create
from tests.fakes.http import Reply, Server, serving

pytestmark = pytest.mark.django_db

HIGH = "Agent: Interested?\nUser: Yes, very interested, sign me up!"
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)


def webhook(url: str, headers: dict[str, str] | None = None) -> str:
    config: dict = {"url": url}
    if headers is not None:
        config["headers"] = headers
    return json.dumps({"type": "webhook", "name": "CRM lead", "config": config})


@pytest.mark.parametrize(
    ("headers", "problem"),
    [
        ({"X-Check": "check ✓"}, "Latin-1"),
        ({"X-Check": "a\r\nX-Injected: 1"}, "line break"),
        ({"X Check": "v"}, "token"),
        ({"": "v"}, "token"),
        ({"X-Check:": "v"}, "token"),
    ],
)
def test_a_header_that_cannot_be_sent_is_refused_when_saved(
    seed_agent: Agent, headers: dict[str, str], problem: str
) -> None:
    with pytest.raises((ConfigInvalid, ImportInvalid)) as refused:
        agent_import_json(agent=seed_agent, actions_json=webhook("http://127.0.0.1:9/x", headers))

    assert problem in str(refused.value)
    assert not seed_agent.actions.filter(type="webhook").exists()


@pytest.fixture
def receiver():
    with serving() as server:
        yield server


@pytest.fixture
def delivered(seed_agent: Agent, receiver: Server, django_capture_on_commit_callbacks):
    """Analyse one call whose webhook's first attempt fails with a 500."""
    receiver.then(Reply(500))
    agent_import_json(agent=seed_agent, actions_json=webhook(f"{receiver.url}/first"))
    with django_capture_on_commit_callbacks(execute=True):
        call_create(agent=seed_agent, external_id="c-1", started_at=STARTED, transcript=HIGH)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    return delivery


def retry_time(delivery: WebhookDelivery) -> datetime:
    delivery.refresh_from_db()
    return delivery.next_attempt_at + timedelta(seconds=1)


def dispatch_at(moment: datetime, capture) -> None:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        deliveries_dispatch()


def test_an_attempt_that_crashes_is_recorded_and_not_claimed_again(
    delivered: WebhookDelivery, django_capture_on_commit_callbacks
) -> None:
    # A header stored before headers were checked, which no HTTP client can send.
    Action.objects.filter(pk=delivered.action_id).update(
        config={"url": delivered.url, "headers": {"X-Check": "check ✓"}}
    )

    dispatch_at(retry_time(delivered), django_capture_on_commit_callbacks)

    delivered.refresh_from_db()
    last = DeliveryAttempt.objects.filter(delivery=delivered).last()
    assert delivered.attempt_count == 2
    assert delivered.status == DeliveryStatus.FAILED
    assert "X-Check" in last.error
    assert delivered.lease_expires_at is None


def test_a_switched_off_action_sends_no_more_retries(
    delivered: WebhookDelivery, receiver: Server, django_capture_on_commit_callbacks
) -> None:
    Action.objects.filter(pk=delivered.action_id).update(enabled=False)

    dispatch_at(retry_time(delivered), django_capture_on_commit_callbacks)

    delivered.refresh_from_db()
    assert len(receiver.received) == 1
    assert delivered.status == DeliveryStatus.FAILED
    assert "switched off" in delivered.last_error


def test_a_retry_goes_to_the_url_the_action_has_now(
    delivered: WebhookDelivery, receiver: Server, django_capture_on_commit_callbacks
) -> None:
    Action.objects.filter(pk=delivered.action_id).update(config={"url": f"{receiver.url}/moved"})

    dispatch_at(retry_time(delivered), django_capture_on_commit_callbacks)

    delivered.refresh_from_db()
    first, second = DeliveryAttempt.objects.filter(delivery=delivered)
    assert [request.path for request in receiver.received] == ["/first", "/moved"]
    assert (first.url, second.url) == (f"{receiver.url}/first", f"{receiver.url}/moved")
    assert delivered.url == f"{receiver.url}/moved"
    assert delivered.status == DeliveryStatus.SUCCEEDED


def test_a_resend_goes_to_the_url_the_action_has_now(
    delivered: WebhookDelivery, receiver: Server, django_capture_on_commit_callbacks
) -> None:
    Action.objects.filter(pk=delivered.action_id).update(config={"url": f"{receiver.url}/fixed"})

    with django_capture_on_commit_callbacks(execute=True):
        delivery_resend(delivery=delivered)

    assert receiver.received[-1].path == "/fixed"


def test_a_timed_out_attempt_stores_its_duration(
    seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    with serving(Reply(200, delay=2.0)) as slow:
        agent_import_json(
            agent=seed_agent,
            actions_json=json.dumps(
                {
                    "type": "webhook",
                    "name": "slow",
                    "config": {"url": f"{slow.url}/x", "timeout_seconds": 1},
                }
            ),
        )
        with django_capture_on_commit_callbacks(execute=True):
            call_create(agent=seed_agent, external_id="c-2", started_at=STARTED, transcript=HIGH)

    attempt = DeliveryAttempt.objects.get()
    assert attempt.status_code is None
    assert attempt.duration_ms is not None and attempt.duration_ms >= 900
