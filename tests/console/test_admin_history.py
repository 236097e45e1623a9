"""Every change made from the admin, by its own buttons and actions as by its forms, is in
the changed object's history page."""

from __future__ import annotations

import json
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.inbox import inbox_create, inbox_url
from actions.models import FollowUp, WebhookDelivery, WebhookInbox
from agents.api_keys import api_key_create
from agents.models import Agent, ApiKey
from agents.services import agent_import_json
from calls.models import Call, RerunBatch
from tests.agents.test_admin import change_page_data
from tests.console.agent_page import action_rows, field_rows, page_data
from tests.factories import (
    SEED_ACTION_JSON,
    SEED_FIELDS_JSON,
    AgentFactory,
    CallFactory,
    DeliveryFactory,
)

pytestmark = pytest.mark.django_db


def history(client: Client, obj: Model) -> str:
    """The object's history page, as text."""
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.fixture
def crm_hook(seed_agent: Agent):
    inbox = inbox_create(name="CRM")
    hook = {"type": "webhook", "name": "CRM", "config": {"url": inbox_url(inbox)}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps(hook))
    return seed_agent.actions.get(name="CRM")


def test_an_import_is_in_the_agent_history(admin_client: Client) -> None:
    agent = AgentFactory()

    admin_client.post(
        reverse("admin:agents_agent_import", args=[agent.pk]),
        {"fields_json": SEED_FIELDS_JSON, "actions_json": SEED_ACTION_JSON},
    )

    assert "Imported 5 field(s) and 1 action(s) from pasted JSON." in history(admin_client, agent)


def test_a_duplicate_is_in_the_history_of_the_copy_and_of_the_original(
    admin_client: Client, seed_agent: Agent
) -> None:
    admin_client.post(reverse("admin:agents_agent_duplicate", args=[seed_agent.pk]))
    admin_client.post(
        reverse("admin:agents_agent_changelist"),
        {"action": "duplicate_agents", "_selected_action": [seed_agent.pk]},
    )

    first, second = Agent.objects.exclude(pk=seed_agent.pk).order_by("pk")
    assert f"Duplicated from Solaris sales (id {seed_agent.pk})." in history(admin_client, first)
    assert f"Duplicated from Solaris sales (id {seed_agent.pk})." in history(admin_client, second)
    original = history(admin_client, seed_agent)
    assert f"Duplicated as {first.name} (id {first.pk})." in original
    assert f"Duplicated as {second.name} (id {second.pk})." in original


def test_rotating_a_secret_and_sending_a_test_event_are_in_the_agent_history(
    admin_client: Client, seed_agent: Agent, crm_hook
) -> None:
    args = [seed_agent.pk, crm_hook.pk]

    admin_client.post(reverse("admin:agents_agent_rotate_secret", args=args))
    sent = admin_client.post(reverse("admin:agents_agent_test_webhook", args=args)).json()

    page = history(admin_client, seed_agent)
    assert "Rotated the signing secret of webhook 'CRM'." in page
    assert f"Sent a test event ({sent['message_id']}) to webhook 'CRM': 200 in " in page


def test_an_inbox_made_from_the_agent_page_is_in_the_inbox_history(
    admin_client: Client, seed_agent: Agent, crm_hook
) -> None:
    admin_client.post(
        reverse("admin:agents_agent_new_inbox", args=[seed_agent.pk]),
        {"name": "CRM", "action": crm_hook.pk},
    )

    inbox = WebhookInbox.objects.exclude(name="CRM").get()
    assert "Created for webhook 'CRM' of Solaris sales." in history(admin_client, inbox)


def test_a_config_saved_on_the_agent_page_is_told_row_by_row(
    admin_client: Client, seed_agent: Agent
) -> None:
    admin_client.post(
        reverse("admin:agents_agent_change", args=[seed_agent.pk]),
        change_page_data(seed_agent, name="Call back", enabled=False),
    )

    page = history(admin_client, seed_agent)
    assert "Changed Name, " in page
    assert " and Enabled for action “Call back”." in page


def test_rows_added_and_deleted_on_the_agent_page_are_told_row_by_row(
    admin_client: Client, seed_agent: Agent
) -> None:
    mood = {"name": "caller_mood", "type": "string", "description": "Their mood", "position": 9}
    actions = [{**row, "DELETE": True} for row in action_rows(seed_agent)]
    data = page_data(seed_agent, fields=[*field_rows(seed_agent), mood], actions=actions)

    saved = admin_client.post(reverse("admin:agents_agent_change", args=[seed_agent.pk]), data)

    assert saved.status_code == 302
    page = history(admin_client, seed_agent)
    assert "Added extraction field “caller_mood”." in page
    assert "Deleted action “Auto follow-up”." in page


def test_a_save_by_someone_who_may_only_read_the_rows_tells_no_row(
    client: Client, seed_agent: Agent
) -> None:
    editor = User.objects.create_user("editor", password="pw", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_agent", "change_agent", "view_extractionfield", "view_action"]
        )
    )
    client.force_login(editor)
    data = change_page_data(seed_agent, name="Renamed on a read-only row")
    data["description"] = "Edited"

    client.post(reverse("admin:agents_agent_change", args=[seed_agent.pk]), data)

    told = LogEntry.objects.get(object_id=str(seed_agent.pk)).get_change_message()
    assert told.startswith("Changed Description")
    assert "action" not in told and "field" not in told


def test_a_rerun_is_in_the_call_history(
    admin_client: Client, analysed_call: Call, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:calls_call_rerun", args=[analysed_call.pk]),
            {"fire_actions": "on", "confirmed": "1"},
        )

    run = analysed_call.runs.order_by("-pk").first()
    assert (
        f"Re-ran the analysis (run {run.pk}, config version 1); actions decided again."
        in history(admin_client, analysed_call)
    )


def test_a_bulk_rerun_is_in_each_call_history(
    admin_client: Client, seed_agent: Agent, django_capture_on_commit_callbacks
) -> None:
    calls = CallFactory.create_batch(3, agent=seed_agent)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:calls_call_changelist"),
            {"action": "rerun_selected", "_selected_action": [call.pk for call in calls[:2]]},
        )

    batch = RerunBatch.objects.get()
    logged = f"Re-ran the analysis in bulk (re-run batch {batch.pk}); actions not fired again."
    assert [logged in history(admin_client, call) for call in calls] == [True, True, False]


def test_a_call_added_by_hand_is_in_its_history(admin_client: Client, seed_agent: Agent) -> None:
    admin_client.post(
        reverse("admin:calls_call_add"),
        {
            "agent": seed_agent.pk,
            "external_id": "manual-1",
            "direction": "inbound",
            "started_at_0": "2026-03-10",
            "started_at_1": "14:05:00",
            "transcript": "User: Hi, I'm Tom.",
            "metadata": "{}",
        },
    )

    assert "Added." in history(admin_client, Call.objects.get(external_id="manual-1"))


def test_a_resend_is_in_the_delivery_history(admin_client: Client) -> None:
    delivery = DeliveryFactory(status="failed")

    admin_client.post(
        reverse("admin:actions_webhookdelivery_changelist"),
        {
            "action": "resend",
            "_selected_action": [delivery.pk],
            "reason": "the CRM was down",
            "apply": "Resend now",
        },
    )

    assert "Resent now, with the same webhook-id: the CRM was down" in history(
        admin_client, delivery
    )
    assert WebhookDelivery.objects.get().status == "pending"


def test_cancelling_rescheduling_and_booking_by_hand_are_in_the_follow_up_history(
    admin_client: Client, analysed_call: Call, seed_agent: Agent
) -> None:
    booked = FollowUp.objects.get()
    later = timezone.localtime(timezone.now() + timedelta(days=3)).replace(microsecond=0)
    admin_client.post(
        reverse("admin:actions_followup_reschedule", args=[booked.pk]),
        {
            "due_at_0": later.strftime("%Y-%m-%d"),
            "due_at_1": later.strftime("%H:%M:%S"),
            "reason": "asked for later",
            "apply": "Reschedule",
        },
    )
    admin_client.post(
        reverse("admin:actions_followup_cancel", args=[booked.pk]),
        {"reason": "wrong number", "apply": "Cancel"},
    )
    admin_client.post(
        reverse("admin:actions_followup_add"),
        {
            "agent": seed_agent.pk,
            "to_number": "+14155550134",
            "from_number": "+908501234567",
            "due_at_0": later.strftime("%Y-%m-%d"),
            "due_at_1": later.strftime("%H:%M:%S"),
        },
    )

    page = history(admin_client, booked)
    assert "Rescheduled to " in page and ": asked for later" in page
    assert "Canceled by hand: wrong number" in page
    by_hand = FollowUp.objects.exclude(pk=booked.pk).get()
    assert "Added." in history(admin_client, by_hand)


def test_creating_and_revoking_a_key_are_in_its_history(admin_client: Client) -> None:
    admin_client.post(
        reverse("admin:agents_apikey_add"), {"name": "Voice runtime", "scopes": ["runtime"]}
    )
    created = ApiKey.objects.get()
    other, _ = api_key_create(name="CRM", scopes=["read"])

    admin_client.post(
        reverse("admin:agents_apikey_changelist"),
        {"action": "revoke", "_selected_action": [created.pk, other.pk]},
    )
    admin_client.post(
        reverse("admin:agents_apikey_changelist"),
        {"action": "revoke", "_selected_action": [created.pk]},
    )

    page = history(admin_client, created)
    assert "Added." in page
    assert page.count("Revoked.") == 1
    assert "Revoked." in history(admin_client, other)
