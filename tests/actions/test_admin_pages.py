"""The admin pages support and ops staff use for calls, deliveries and follow-ups."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import FollowUp, FollowUpStatus
from agents.models import Agent, ApiKey
from agents.services import agent_import_json
from calls.models import ExtractionRun
from calls.services import call_create
from tests.conftest import SEED_CALL_TRANSCRIPT

pytestmark = pytest.mark.django_db


def test_the_ai_analysis_shows_values_with_evidence_and_decisions(
    admin_client: Client, analysed_call
) -> None:
    page = admin_client.get(reverse("admin:calls_call_analysis", args=[analysed_call.pk]))

    html = page.content.decode()
    assert "<strong>Maria Gonzalez</strong>" in html
    assert "“My name is Maria Gonzalez.”" in html
    assert '<span class="badge badge-null">not in the call</span>' in html  # interest_level
    assert "Auto follow-up" in html and "follow_up_required is true (== true)" in html
    assert "+905551112233" in html  # the booked follow-up


def test_rerun_from_the_call_page_keeps_actions_unless_asked(
    admin_client: Client, analysed_call, django_capture_on_commit_callbacks
) -> None:
    url = reverse("admin:calls_call_rerun", args=[analysed_call.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, follow=True)

    assert response.redirect_chain[-1][0].endswith(f"/{analysed_call.pk}/analysis/")
    assert "actions will not fire again" in response.content.decode()
    assert ExtractionRun.objects.filter(call=analysed_call).count() == 2
    assert analysed_call.action_runs.count() == 1


def test_support_staff_who_may_only_view_cannot_rerun(client: Client, analysed_call) -> None:
    viewer = User.objects.create_user("support", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_call"))
    client.force_login(viewer)

    assert (
        client.get(reverse("admin:calls_call_change", args=[analysed_call.pk])).status_code == 200
    )
    assert (
        client.post(reverse("admin:calls_call_rerun", args=[analysed_call.pk])).status_code == 403
    )


def test_ops_cancel_and_reschedule_follow_ups(admin_client: Client, analysed_call) -> None:
    followup = FollowUp.objects.get()
    zone = ZoneInfo("Europe/Istanbul")  # the call's zone: the new time is typed in it
    later = (timezone.now() + timedelta(days=3)).astimezone(zone).replace(microsecond=0)

    admin_client.post(
        reverse("admin:actions_followup_reschedule", args=[followup.pk]),
        {
            "due_at_0": later.strftime("%Y-%m-%d"),
            "due_at_1": later.strftime("%H:%M:%S"),
            "reason": "the customer asked for Friday",
            "apply": "Reschedule",
        },
    )
    followup.refresh_from_db()
    assert followup.due_at == later
    assert followup.history[-1]["reason"].startswith("rescheduled by admin from")
    assert followup.history[-1]["reason"].endswith(": the customer asked for Friday")

    admin_client.post(
        reverse("admin:actions_followup_changelist"),
        {
            "action": "cancel",
            "_selected_action": [followup.pk],
            "reason": "wrong number",
            "apply": "Cancel",
        },
    )
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.CANCELED
    assert followup.history[-1]["reason"] == "canceled by hand by admin: wrong number"


def test_ops_book_a_follow_up_by_hand(admin_client: Client, seed_agent: Agent) -> None:
    due = timezone.localtime(timezone.now() + timedelta(days=2))

    response = admin_client.post(
        reverse("admin:actions_followup_add"),
        {
            "agent": seed_agent.pk,
            "to_number": "+14155550134",
            "from_number": "+908501234567",
            "due_at_0": due.strftime("%Y-%m-%d"),
            "due_at_1": due.strftime("%H:%M:%S"),
        },
    )

    assert response.status_code == 302
    followup = FollowUp.objects.get()
    assert followup.history[0]["reason"] == "booked by hand by admin"


def test_an_api_key_is_shown_once_and_stored_hashed(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:agents_apikey_add"),
        {"name": "Voice runtime", "scopes": ["runtime", "read"]},
        follow=True,
    )

    key = ApiKey.objects.get()
    html = response.content.decode()
    shown = html.split("API key &#x27;Voice runtime&#x27;: ")[1].split(" ")[0]
    assert shown.startswith(f"pc_{key.prefix}_")
    assert shown.split("_", 2)[2] not in key.key_hash
    assert key.scopes == ["read", "runtime"]
    listing = admin_client.get(reverse("admin:agents_apikey_changelist")).content.decode()
    assert shown not in listing


def add_analysed_calls(agent: Agent, count: int, start: int, capture) -> None:
    for index in range(start, start + count):
        with capture(execute=True):
            call_create(
                agent=agent,
                external_id=f"many-{index}",
                started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
                from_number=f"+9055511{index:05d}",
                transcript=SEED_CALL_TRANSCRIPT,
            )


@pytest.mark.parametrize(
    "page",
    [
        "admin:calls_call_changelist",
        "admin:actions_actionrun_changelist",
        "admin:actions_webhookdelivery_changelist",
        "admin:actions_followup_changelist",
    ],
)
def test_list_pages_make_as_many_queries_for_many_rows_as_for_few(
    admin_client: Client, seed_agent: Agent, page: str, django_capture_on_commit_callbacks
) -> None:
    hook = {"type": "webhook", "name": "CRM", "config": {"url": "http://127.0.0.1:9/crm"}}
    agent_import_json(agent=seed_agent, actions_json=json.dumps(hook))
    url = reverse(page)

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        assert response.context["cl"].result_count > 0
        return len(queries)

    add_analysed_calls(seed_agent, 3, start=0, capture=django_capture_on_commit_callbacks)
    few = queries_for_page()
    add_analysed_calls(seed_agent, 12, start=3, capture=django_capture_on_commit_callbacks)

    assert queries_for_page() == few
