"""Deciding a call's actions again asks first, on a page that says what would fire."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from actions.inbox import inbox_create, inbox_url
from actions.models import WebhookDelivery
from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call, ExtractionRun, RerunBatch
from calls.services import call_create
from tests.conftest import SEED_TRANSCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooked_call(seed_agent: Agent, django_capture_on_commit_callbacks) -> Call:
    """A call whose agent also posts every call to a webhook inbox; analysed once."""
    url = inbox_url(inbox_create(name="CRM"))
    hook = {"type": "webhook", "name": "CRM lead", "config": {"url": url}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps(hook))
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            external_id="c-hook",
            started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
            from_number="+905551112233",
            transcript=SEED_TRANSCRIPT,
        )
    return call


def test_deciding_again_shows_what_would_fire_before_anything_runs(
    admin_client: Client, hooked_call: Call
) -> None:
    response = admin_client.post(
        reverse("admin:calls_call_rerun", args=[hooked_call.pk]), {"fire_actions": "1"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Re-run call c-hook and decide its actions again?" in html
    assert "<strong>CRM lead</strong> <small>(webhook)</small>: would fire" in html
    assert f"POST {hooked_call.agent.actions.get(name='CRM lead').config['url']}" in html
    assert "Firing 2 of this action on this call" in html
    assert "&quot;refire&quot;: true" in html  # in the payload shown
    assert "<strong>Auto follow-up</strong>" in html and "Follow-up call " in html
    assert ExtractionRun.objects.filter(call=hooked_call).count() == 1
    assert WebhookDelivery.objects.count() == 1


def test_confirming_decides_again_and_the_receiver_can_tell_it_is_a_refire(
    admin_client: Client, hooked_call: Call, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:calls_call_rerun", args=[hooked_call.pk]),
            {"fire_actions": "1", "confirmed": "1"},
        )

    first, second = WebhookDelivery.objects.order_by("pk")
    was, again = (json.loads(delivery.body)["data"] for delivery in (first, second))
    assert second.message_id != first.message_id  # a new event, not a retry
    assert again["call"]["id"] == was["call"]["id"] == hooked_call.pk
    assert again["action"]["id"] == was["action"]["id"]
    assert again["action"]["decision_id"] != was["action"]["decision_id"]
    assert (was["action"]["firing"], was["action"]["refire"]) == (1, False)
    assert (again["action"]["firing"], again["action"]["refire"]) == (2, True)


def test_the_bulk_action_asks_first_with_counts_per_action(
    admin_client: Client, hooked_call: Call
) -> None:
    changelist = reverse("admin:calls_call_changelist")
    chosen = {"action": "rerun_selected_firing_actions", "_selected_action": [hooked_call.pk]}

    asked = admin_client.post(changelist, chosen)

    html = asked.content.decode()
    assert "Re-run 1 call(s) and decide their actions again?" in html
    assert "CRM lead <small>(webhook)</small>" in html and "would fire: 1" in html
    assert "c-hook: POST " in html
    assert not RerunBatch.objects.exists()

    confirmed = admin_client.post(changelist, {**chosen, "confirmed": "1", "index": "0"})

    batch = RerunBatch.objects.get()
    assert confirmed.url == reverse("admin:calls_call_rerun_batch", args=[batch.pk])
    assert batch.fire_actions
