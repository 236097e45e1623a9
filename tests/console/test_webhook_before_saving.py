"""A webhook row of the agent page is tried as typed, before it is saved: an inbox for it,
and its signed test event."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse
from standardwebhooks.webhooks import Webhook

from actions.inbox import inbox_create, inbox_url
from actions.models import WebhookDelivery, WebhookInbox
from actions.webhooks.secrets import active_secrets
from agents.models import Agent
from agents.services import agent_import_json
from tests.console.agent_page import action_rows, page_data

pytestmark = pytest.mark.django_db

HOT_LEADS = {"field": "interest_level", "operator": "==", "value": "high"}


def webhook_row(config: dict[str, Any], **row: Any) -> dict[str, Any]:
    """A new action row as the page's webhook form writes it."""
    return {
        "name": "Hot leads",
        "type": "webhook",
        "condition": json.dumps(HOT_LEADS),
        "config": json.dumps(config),
        "enabled": True,
        "position": 1,
        **row,
    }


def try_url(agent: Agent) -> str:
    return reverse("admin:agents_agent_try_webhook", args=[agent.pk])


def test_an_unsaved_webhook_row_sends_a_signed_test_event_to_an_inbox(
    admin_client: Client, seed_agent: Agent
) -> None:
    inbox = inbox_create(name="CRM try-out")
    config = {"url": inbox_url(inbox), "headers": {"X-Api-Key": "k-123"}}
    rows = [*action_rows(seed_agent), webhook_row(config)]

    answer = admin_client.post(
        try_url(seed_agent), {**page_data(seed_agent, actions=rows), "row": "actions-1"}
    ).json()

    assert answer["ok"] is True
    assert answer["summary"].startswith("200 in ")
    received = inbox.requests.get()
    event = Webhook(answer["secret"]).verify(received.body, received.headers)
    assert event["test"] is True
    assert event["data"]["extraction"]["values"]["interest_level"] == "high"
    assert received.headers["x-api-key"] == "k-123"
    # Nothing of the row is stored, and no delivery is recorded for an action not saved.
    assert list(seed_agent.actions.values_list("name", flat=True)) == ["Auto follow-up"]
    assert WebhookDelivery.objects.count() == 0
    history = admin_client.get(
        reverse("admin:agents_agent_history", args=[seed_agent.pk])
    ).content.decode()
    assert f"Sent a test event ({answer['message_id']}) to webhook &#x27;Hot leads&#x27;" in history


def test_the_new_secret_kept_in_the_row_is_the_one_the_save_stores(
    admin_client: Client, seed_agent: Agent
) -> None:
    inbox = inbox_create(name="CRM try-out")
    config = {"url": inbox_url(inbox)}
    rows = [*action_rows(seed_agent), webhook_row(config)]
    data = {**page_data(seed_agent, actions=rows), "row": "actions-1"}
    secret = admin_client.post(try_url(seed_agent), data).json()["secret"]

    # The page puts the secret in the row's config, as the webhook form does.
    rows[1]["config"] = json.dumps({**config, "secret": secret})
    saved = admin_client.post(
        reverse("admin:agents_agent_change", args=[seed_agent.pk]),
        page_data(seed_agent, actions=rows),
    )

    assert saved.status_code == 302
    action = seed_agent.actions.get(name="Hot leads")
    assert active_secrets(action) == [secret]
    assert action.config == config


def test_a_saved_row_with_unsaved_edits_is_signed_with_its_stored_secret(
    admin_client: Client, seed_agent: Agent
) -> None:
    inbox = inbox_create(name="CRM try-out")
    hook = {"type": "webhook", "name": "CRM", "config": {"url": "http://127.0.0.1:9/crm"}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps(hook))
    rows = action_rows(seed_agent)
    rows[1]["config"] = json.dumps({"url": inbox_url(inbox)})

    answer = admin_client.post(
        try_url(seed_agent), {**page_data(seed_agent, actions=rows), "row": "actions-1"}
    ).json()

    assert answer["ok"] is True
    assert answer["secret"] == ""
    received = inbox.requests.get()
    stored = active_secrets(seed_agent.actions.get(name="CRM"))[0]
    assert Webhook(stored).verify(received.body, received.headers)["test"] is True
    assert seed_agent.actions.get(name="CRM").config == {"url": "http://127.0.0.1:9/crm"}


@pytest.mark.parametrize(
    ("config", "row", "said"),
    [
        ("{}", "actions-1", "Not sent: config.url: required"),
        ('{"url": "https://crm.example.com", "timeout_seconds": 90}', "actions-1", "at most 30"),
        ("{not json", "actions-1", "Not sent: config: Enter a valid JSON."),
        ("{}", "actions-0", "Not sent: the row is not a webhook"),
        ("{}", "actions-7", "Not sent: the page has no action row 'actions-7'"),
    ],
)
def test_a_row_that_cannot_be_sent_says_why_and_sends_nothing(
    admin_client: Client, seed_agent: Agent, config: str, row: str, said: str
) -> None:
    rows = [*action_rows(seed_agent), {**webhook_row({}), "config": config}]

    answer = admin_client.post(
        try_url(seed_agent), {**page_data(seed_agent, actions=rows), "row": row}
    ).json()

    assert answer["ok"] is False
    assert said in answer["summary"]


def test_a_webhook_on_the_page_of_a_new_agent_is_tried_before_the_agent_exists(
    admin_client: Client,
) -> None:
    inbox = inbox_create(name="CRM try-out")
    agent = Agent(name="Solar leads", slug="solar-leads", timezone="Europe/Istanbul")
    fields = [
        {"name": "interest_level", "type": "enum", "choices": "high, low", "position": 0},
    ]
    data = page_data(agent, fields=fields, actions=[webhook_row({"url": inbox_url(inbox)})])

    answer = admin_client.post(
        reverse("admin:agents_agent_try_webhook_new"), {**data, "row": "actions-0"}
    ).json()

    assert answer["ok"] is True
    body = json.loads(inbox.requests.get().body)
    assert body["data"]["extraction"]["values"] == {"interest_level": "high"}
    assert not Agent.objects.filter(slug="solar-leads").exists()


def test_an_inbox_for_an_unsaved_row_is_on_the_served_address_and_linked_on_save(
    admin_client: Client, seed_agent: Agent
) -> None:
    answer = admin_client.post(
        reverse("admin:agents_agent_new_inbox", args=[seed_agent.pk]),
        {"name": "Hot leads"},
        headers={"host": "127.0.0.1:8123"},
    ).json()

    inbox = WebhookInbox.objects.get()
    assert answer["url"] == f"http://127.0.0.1:8123/inbox/{inbox.token}/"
    assert inbox.action is None
    rows = [*action_rows(seed_agent), webhook_row({"url": answer["url"]})]
    admin_client.post(
        reverse("admin:agents_agent_change", args=[seed_agent.pk]),
        page_data(seed_agent, actions=rows),
    )
    inbox.refresh_from_db()
    assert inbox.action == seed_agent.actions.get(name="Hot leads")
    # Its test event now arrives in-process and is verified with the saved secret.
    sent = admin_client.post(
        reverse("admin:agents_agent_test_webhook", args=[seed_agent.pk, inbox.action.pk])
    ).json()
    assert json.loads(sent["response_excerpt"])["signature"] == (
        "verified with the secrets of 'Hot leads'"
    )


def test_trying_a_row_needs_change_permission_on_the_agent(
    client: Client, seed_agent: Agent
) -> None:
    inbox = inbox_create(name="CRM try-out")
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_agent"),
        Permission.objects.get(codename="add_webhookinbox"),
    )
    client.force_login(viewer)
    rows = [*action_rows(seed_agent), webhook_row({"url": inbox_url(inbox)})]
    data = {**page_data(seed_agent, actions=rows), "row": "actions-1"}

    tried = client.post(try_url(seed_agent), data)
    made = client.post(reverse("admin:agents_agent_new_inbox", args=[seed_agent.pk]), {})

    assert (tried.status_code, made.status_code) == (403, 403)
    assert inbox.requests.count() == 0
    assert WebhookInbox.objects.count() == 1
