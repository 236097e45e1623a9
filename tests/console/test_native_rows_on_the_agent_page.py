"""A HubSpot, Salesforce or Slack row of the agent page: saved from the page with its
credential kept apart, tried as typed with a test record sent to the real receiver, and
shown in the go-live trial as the exact requests it would send."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from actions.credentials import credentials_of
from actions.models import WebhookDelivery
from agents.models import Agent
from tests.console.agent_page import action_rows, page_data
from tests.fakes.hubspot import TOKEN, HubSpotApi, hubspot_api

pytestmark = pytest.mark.django_db

HOT_LEADS = {"field": "interest_level", "operator": "==", "value": "high"}
HIGH = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!"
)


@pytest.fixture
def hubspot(settings):
    with hubspot_api() as fake:
        settings.HUBSPOT_API_BASE_URL = fake.url
        yield fake


def hubspot_row(config: dict[str, Any]) -> dict[str, Any]:
    """A new action row as the page's HubSpot form writes it."""
    return {
        "name": "Lead to HubSpot",
        "type": "hubspot_contact",
        "condition": json.dumps(HOT_LEADS),
        "config": json.dumps(config),
        "enabled": True,
        "position": 1,
    }


MAPPED = {"properties": {"customer_name": "firstname", "interest_level": "message"}}


def test_an_unsaved_row_sends_a_test_record_and_shows_the_answer(
    admin_client: Client, seed_agent: Agent, hubspot: HubSpotApi
) -> None:
    rows = [*action_rows(seed_agent), hubspot_row({**MAPPED, "token": TOKEN})]

    answer = admin_client.post(
        reverse("admin:agents_agent_try_native", args=[seed_agent.pk]),
        {**page_data(seed_agent, actions=rows), "row": "actions-1"},
    ).json()

    assert answer["ok"] is True, answer
    assert answer["summary"].startswith("201 in ")
    assert "created (no contact had the number)" in answer["response_excerpt"]
    assert "/crm/v3/objects/contacts/search" in answer["requests"]
    assert TOKEN not in answer["requests"]
    [contact] = hubspot.contacts.values()
    assert contact.properties["firstname"] == "Sample customer name"
    assert contact.properties["message"] == "high"
    assert list(seed_agent.actions.values_list("name", flat=True)) == ["Auto follow-up"]
    assert WebhookDelivery.objects.count() == 0
    history = admin_client.get(
        reverse("admin:agents_agent_history", args=[seed_agent.pk])
    ).content.decode()
    assert f"Sent a test record ({answer['message_id']}) of HubSpot contact" in history


def test_a_row_without_a_token_says_what_to_paste(
    admin_client: Client, seed_agent: Agent, hubspot: HubSpotApi
) -> None:
    rows = [*action_rows(seed_agent), hubspot_row(MAPPED)]

    answer = admin_client.post(
        reverse("admin:agents_agent_try_native", args=[seed_agent.pk]),
        {**page_data(seed_agent, actions=rows), "row": "actions-1"},
    ).json()

    assert answer == {
        "ok": False,
        "summary": "not sent: no token is stored "
        "(paste the private app's access token into the action and save)",
        "message_id": answer["message_id"],
        "response_excerpt": "",
        "requests": answer["requests"],
    }
    assert hubspot.requests() == []


def test_a_webhook_row_is_not_tried_as_a_native_one(
    admin_client: Client, seed_agent: Agent
) -> None:
    answer = admin_client.post(
        reverse("admin:agents_agent_try_native", args=[seed_agent.pk]),
        {**page_data(seed_agent), "row": "actions-0"},
    ).json()

    assert answer["ok"] is False
    assert answer["summary"].startswith("Not sent: the row is not a Slack message or a ")


def test_saving_the_row_keeps_the_token_apart(
    admin_client: Client, seed_agent: Agent, hubspot: HubSpotApi
) -> None:
    rows = [*action_rows(seed_agent), hubspot_row({**MAPPED, "token": TOKEN})]

    response = admin_client.post(
        reverse("admin:agents_agent_change", args=[seed_agent.pk]),
        page_data(seed_agent, actions=rows),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    action = seed_agent.actions.get(type="hubspot_contact")
    assert action.config == MAPPED
    assert credentials_of(action) == {"token": TOKEN}
    page = admin_client.get(reverse("admin:agents_agent_change", args=[seed_agent.pk]))
    assert TOKEN not in page.content.decode()
    assert '"property_choices"' in page.content.decode()


def test_the_go_live_trial_shows_the_requests_a_call_would_send(
    admin_client: Client, seed_agent: Agent, hubspot: HubSpotApi
) -> None:
    rows = [*action_rows(seed_agent), hubspot_row({**MAPPED, "token": TOKEN})]
    data = {
        **page_data(seed_agent, actions=rows),
        "trial-transcript": HIGH,
        "trial-from_number": "+905551112233",
    }

    page = admin_client.post(reverse("admin:agents_agent_try", args=[seed_agent.pk]), data)

    shown = page.content.decode()
    assert "Create or update the HubSpot contact with phone +905551112233" in shown
    assert "/crm/v3/objects/contacts/search" in shown
    assert "&quot;firstname&quot;: &quot;Maria Gonzalez&quot;" in shown
    assert TOKEN not in shown
    assert hubspot.requests() == []
