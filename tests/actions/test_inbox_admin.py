"""Inboxes in the admin: create one, point a webhook at it, send a test event, read it."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from actions.inbox import inbox_create, inbox_token_in, inbox_url
from actions.kinds.webhook import Webhook
from actions.models import WebhookInbox
from agents.models import Action, Agent
from agents.services import agent_import_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def webhook(agent: Agent, url: str, condition: dict | None = None) -> Action:
    hook = {"type": "webhook", "name": "CRM lead", "config": {"url": url}}
    if condition:
        hook["condition"] = condition
    agent_import_json(agent=agent, actions_json=json.dumps(hook))
    return agent.actions.get(name="CRM lead")


def test_ops_create_an_inbox_and_see_its_url_on_the_address_they_opened(
    admin_client: Client,
) -> None:
    # As with `PORT=8123 bin/dev`: PUBLIC_BASE_URL still says :8000.
    response = admin_client.post(
        reverse("admin:actions_webhookinbox_add"),
        {"name": "CRM try-out"},
        follow=True,
        headers={"host": "127.0.0.1:8123"},
    )

    inbox = WebhookInbox.objects.get()
    assert len(inbox.token) >= 32
    shown = f"http://127.0.0.1:8123/inbox/{inbox.token}/"
    assert shown in response.content.decode()
    assert inbox_token_in(shown) == inbox.token


def test_send_test_event_to_an_inbox_shows_the_inbox_answer(
    admin_client: Client, seed_agent: Agent
) -> None:
    inbox = inbox_create(name="CRM try-out")
    action = webhook(seed_agent, inbox_url(inbox))
    inbox.action = action
    inbox.save()

    response = admin_client.post(
        reverse("admin:agents_agent_test_webhook", args=[seed_agent.pk, action.pk])
    )

    answer = response.json()
    assert answer["ok"] is True
    assert answer["summary"].startswith("200 in ")
    assert json.loads(answer["response_excerpt"])["signature"] == (
        "verified with the secrets of 'CRM lead'"
    )
    received = inbox.requests.get()
    assert json.loads(received.body)["test"] is True


def test_the_inbox_page_lists_requests_newest_first_with_headers_and_body(
    admin_client: Client, client: Client
) -> None:
    inbox = inbox_create(name="CRM try-out")
    path = inbox_url(inbox).removeprefix("http://127.0.0.1:8000")
    client.post(path, {"first": 1}, content_type="application/json", headers={"X-Try": "one"})
    client.post(path, {"second": 2}, content_type="application/json")

    page = admin_client.get(
        reverse("admin:actions_webhookinbox_change", args=[inbox.pk])
    ).content.decode()

    assert page.index("&quot;second&quot;: 2") < page.index("&quot;first&quot;: 1")
    assert "x-try: one" in page
    assert "{\n  &quot;first&quot;: 1\n}" in page
    listing = admin_client.get(reverse("admin:actions_webhookinbox_changelist")).content.decode()
    assert "CRM try-out" in listing


def test_use_an_inbox_creates_one_linked_to_the_action(
    admin_client: Client, seed_agent: Agent
) -> None:
    action = webhook(seed_agent, "http://127.0.0.1:9/crm")

    response = admin_client.post(
        reverse("admin:agents_agent_new_inbox", args=[seed_agent.pk]),
        {"name": action.name, "action": action.pk},
    )

    inbox = WebhookInbox.objects.get()
    assert inbox.action == action
    assert response.json()["url"] == inbox_url(inbox, base="http://testserver/")
    assert "its URL put in the row" in response.json()["summary"]


def test_use_an_inbox_needs_change_permission_on_the_agent(
    client: Client, seed_agent: Agent
) -> None:
    action = webhook(seed_agent, "http://127.0.0.1:9/crm")
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_agent"),
        Permission.objects.get(codename="add_webhookinbox"),
    )
    client.force_login(viewer)

    response = client.post(
        reverse("admin:agents_agent_new_inbox", args=[seed_agent.pk]), {"action": action.pk}
    )

    assert response.status_code == 403
    assert WebhookInbox.objects.count() == 0


def test_the_test_event_is_built_from_the_agent_fields_and_the_condition(
    seed_agent: Agent,
) -> None:
    action = webhook(
        seed_agent,
        "http://127.0.0.1:9/crm",
        condition={"field": "interest_level", "operator": "==", "value": "low"},
    )

    data = Webhook.registered().test_plan(action).data

    assert data["extraction"]["values"] == {
        "customer_name": "Sample customer name",
        "interest_level": "low",
        "follow_up_required": True,
        "follow_up_date": "2026-03-11",
        "callback_number": "14155550134",
    }
    assert data["call"]["timezone"] == "Europe/Istanbul"
    assert data["call"]["ended_at"] == "2026-03-10T14:10:00+03:00"
    assert data["call"]["started_at"] == "2026-03-10T14:07:00+03:00"
    assert data["action"]["condition"] == {
        "field": "interest_level",
        "operator": "==",
        "value": "low",
    }
