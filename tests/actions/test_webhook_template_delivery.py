"""A templated webhook reaches a real local receiver as configured: method, URL with its
query, headers, content type and the exact rendered bytes, signed; retries resend them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from actions.models import DeliveryStatus, WebhookDelivery
from actions.webhooks.queueing import deliveries_dispatch
from actions.webhooks.secrets import active_secrets
from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call
from calls.services import call_create
from tests.fakes.http import Reply, Server, serving

pytestmark = pytest.mark.django_db

HIGH = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!"
)
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
TEMPLATE = {
    "inputs": [
        {
            "idProperty": "phone",
            "id": "{{ call.from_number }}",
            "properties": {
                "firstname": "{{ values.customer_name }}",
                "interest": "{{ values.interest_level | upper }}",
                "follow_up": "{{ values.follow_up_date | date('%d/%m/%Y') | default('none') }}",
                "callback": "{{ values.callback_number }}",
                "called": "{{ call.started_at | datetime('%H:%M') }} ({{ call.timezone }})",
            },
            "firing": "{{ action.firing }}",
            "link": "{{ call.analysis_url }}",
        }
    ]
}


@pytest.fixture
def receiver():
    with serving() as server:
        yield server


def templated(agent: Agent, receiver: Server, **config: Any) -> None:
    action = {
        "type": "webhook",
        "name": "CRM lead",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {
            "url": f"{receiver.url}/crm/contacts?portal=7",
            "method": "PUT",
            "query": {"idProperty": "phone", "note": "a b&c"},
            "headers": {"Authorization": "Bearer pat-secret"},
            "template": TEMPLATE,
            **config,
        },
    }
    agent_import_json(agent=agent, actions_json=json.dumps(action))


def analyse(agent: Agent, capture) -> Call:
    with capture(execute=True):
        call, _created = call_create(
            agent=agent,
            external_id="call-1",
            started_at=STARTED,
            transcript=HIGH,
            from_number="+905321234567",
        )
    return call


def test_the_receiver_gets_the_method_query_headers_and_exact_body(
    seed_agent: Agent, receiver: Server, django_capture_on_commit_callbacks
) -> None:
    templated(seed_agent, receiver)

    call = analyse(seed_agent, django_capture_on_commit_callbacks)

    [request] = receiver.received
    path, _, query = request.path.partition("?")
    assert request.method == "PUT"
    assert path == "/crm/contacts"
    assert parse_qsl(query) == [("portal", "7"), ("idProperty", "phone"), ("note", "a b&c")]
    assert request.headers["authorization"] == "Bearer pat-secret"
    assert request.headers["content-type"] == "application/json"
    analysis = f"{settings.PUBLIC_BASE_URL.rstrip('/')}/admin/calls/call/{call.pk}/analysis/"
    sent = json.loads(request.body)
    assert sent == {
        "inputs": [
            {
                "idProperty": "phone",
                "id": "+905321234567",
                "properties": {
                    "firstname": "Maria Gonzalez",
                    "interest": "HIGH",
                    "follow_up": "none",
                    "callback": None,
                    "called": "14:05 (Europe/Istanbul)",
                },
                "firing": 1,
                "link": analysis,
            }
        ]
    }
    assert request.body == json.dumps(sent, separators=(",", ":")).encode()
    delivery = WebhookDelivery.objects.get()
    assert request.body == delivery.body.encode()
    action = seed_agent.actions.get(name="CRM lead")
    assert Webhook(active_secrets(action)[0]).verify(request.body, request.headers)
    assert (delivery.method, delivery.status) == ("PUT", DeliveryStatus.SUCCEEDED)
    assert delivery.attempts.get().url == f"{receiver.url}/crm/contacts?{query}"


def test_retries_resend_the_same_bytes_with_the_same_method(
    seed_agent: Agent, receiver: Server, django_capture_on_commit_callbacks
) -> None:
    templated(seed_agent, receiver, method="PATCH")
    receiver.then(Reply(503, "busy"))
    analyse(seed_agent, django_capture_on_commit_callbacks)
    action = seed_agent.actions.get(name="CRM lead")
    action.config["template"] = {"changed": "{{ values.customer_name }}"}
    action.save()

    later = timezone.now() + timedelta(seconds=7)
    with (
        time_machine.travel(later, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert deliveries_dispatch() == 1

    first, second = receiver.received
    assert (first.method, second.method) == ("PATCH", "PATCH")
    assert second.body == first.body
    assert second.headers["webhook-id"] == first.headers["webhook-id"]
    assert json.loads(second.body)["inputs"][0]["properties"]["firstname"] == "Maria Gonzalez"
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED


def test_a_form_template_is_posted_url_encoded(
    seed_agent: Agent, receiver: Server, django_capture_on_commit_callbacks
) -> None:
    templated(
        seed_agent,
        receiver,
        method="POST",
        query={},
        content_type="application/x-www-form-urlencoded",
        template={
            "name": "{{ values.customer_name }}",
            "callback": "{{ values.callback_number }}",
            "wants_call": "{{ values.follow_up_required }}",
        },
    )

    analyse(seed_agent, django_capture_on_commit_callbacks)

    [request] = receiver.received
    assert request.method == "POST"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.body == b"name=Maria+Gonzalez&callback=&wants_call="
    assert WebhookDelivery.objects.get().content_type == "application/x-www-form-urlencoded"
