"""A templated webhook on the agent page: the go-live trial shows the exact request (method,
URL with its query, headers masked, body), "Send test" sends it to the receiver and shows
its answer, and the page offers the ready-made templates."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import WebhookDelivery
from agents.config import ActionDraft
from agents.models import Agent
from agents.selectors import agent_field_specs
from agents.services import agent_import_json
from console.trial import agent_trial, trial_call
from extraction.transcripts import parse_transcript
from extraction.types import Turn
from tests.conftest import SEED_TRANSCRIPT
from tests.console.agent_page import action_rows, page_data
from tests.fakes.http import Reply, Server, serving

pytestmark = pytest.mark.django_db

HOT_LEADS = {"field": "interest_level", "operator": "==", "value": "high"}
TEMPLATE = {
    "properties": {
        "firstname": "{{ values.customer_name }}",
        "phone": "{{ values.callback_number | e164 }}",
        "follow_up": "{{ values.follow_up_date | date('%d.%m.%Y') }}",
    }
}


def config(url: str, **extra: Any) -> dict[str, Any]:
    return {
        "url": url,
        "method": "PATCH",
        "query": {"idProperty": "phone"},
        "headers": {"Authorization": "Bearer pat-na1-secret", "X-Api-Key": "k-123"},
        "template": TEMPLATE,
        **extra,
    }


@pytest.fixture
def receiver():
    with serving(Reply(200, {"id": "901"})) as server:
        yield server


@pytest.mark.usefixtures("frozen_now")
def test_the_trial_shows_the_request_with_its_secrets_masked(seed_agent: Agent) -> None:
    hook = ActionDraft(
        name="CRM lead",
        type="webhook",
        condition=HOT_LEADS,
        config=config("http://127.0.0.1:9/contacts?portal=7"),
    )
    turns = tuple(Turn(role=t["role"], text=t["text"]) for t in parse_transcript(SEED_TRANSCRIPT))
    call = trial_call(
        agent=seed_agent,
        turns=turns,
        local_start=datetime(2026, 3, 10, 14, 5),
        from_number="+905551112233",
    )

    result = agent_trial(
        agent=seed_agent, fields=agent_field_specs(agent=seed_agent), actions=[hook], call=call
    )

    outline = result.actions[0].outline
    assert outline.headline == "PATCH http://127.0.0.1:9/contacts?portal=7&idProperty=phone"
    assert outline.reasons == (
        "Content-Type: application/json",
        "Authorization: Bearer ••••",
        "X-Api-Key: ••••",
        "webhook-id, webhook-timestamp, webhook-signature: the Standard Webhooks signature, "
        "made when sent",
    )
    assert "pat-na1-secret" not in str(outline) and "k-123" not in str(outline)
    assert json.loads(outline.payload) == {
        "properties": {
            "firstname": "Maria Gonzalez",
            "phone": "+905321234567",
            "follow_up": "17.03.2026",
        }
    }


def test_send_test_on_a_row_as_typed_sends_the_rendered_request(
    admin_client: Client, seed_agent: Agent, receiver: Server
) -> None:
    row = {
        "name": "CRM lead",
        "type": "webhook",
        "condition": json.dumps(HOT_LEADS),
        "config": json.dumps(config(f"{receiver.url}/contacts")),
        "enabled": True,
        "position": 1,
    }
    data = {**page_data(seed_agent, actions=[*action_rows(seed_agent), row]), "row": "actions-1"}

    answer = admin_client.post(
        reverse("admin:agents_agent_try_webhook", args=[seed_agent.pk]), data
    ).json()

    assert answer["ok"] is True
    assert answer["response_excerpt"] == '{"id": "901"}'
    [request] = receiver.received
    assert (request.method, request.path) == ("PATCH", "/contacts?idProperty=phone")
    assert request.headers["authorization"] == "Bearer pat-na1-secret"
    assert request.json()["properties"]["firstname"] == "Sample customer name"


def test_send_test_of_a_saved_row_records_the_request_it_sent(
    admin_client: Client, seed_agent: Agent, receiver: Server
) -> None:
    receiver.then(Reply(400, {"category": "VALIDATION_ERROR", "message": "PROPERTY_DOESNT_EXIST"}))
    action = {"type": "webhook", "name": "CRM lead", "condition": HOT_LEADS}
    action["config"] = config(f"{receiver.url}/contacts", method="PUT")
    agent_import_json(agent=seed_agent, actions_json=json.dumps(action))
    saved = seed_agent.actions.get(name="CRM lead")

    answer = admin_client.post(
        reverse("admin:agents_agent_test_webhook", args=[seed_agent.pk, saved.pk])
    ).json()

    assert answer["ok"] is False
    assert answer["summary"].startswith("400 in ")
    assert "PROPERTY_DOESNT_EXIST" in answer["response_excerpt"]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.method, delivery.is_test) == ("PUT", True)
    assert receiver.received[0].body == delivery.body.encode()
    page = admin_client.get(reverse("admin:actions_webhookdelivery_change", args=[delivery.pk]))
    assert "PUT" in page.content.decode()


def test_the_agent_page_offers_the_ready_made_templates(
    admin_client: Client, seed_agent: Agent
) -> None:
    page = admin_client.get(reverse("admin:agents_agent_change", args=[seed_agent.pk]))

    offered = page.context["action_forms"]["webhook_templates"]
    labels = [ready["label"] for ready in offered]
    assert "HubSpot: create or update a contact by email" in labels
    assert "Slack: a message to a channel" in labels
    assert all(ready["config"]["template"] for ready in offered)
