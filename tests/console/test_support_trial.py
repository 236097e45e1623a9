"""Support runs the go-live trial on a stored call with the saved config, changing nothing."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from actions.models import ActionRun, FollowUp, WebhookDelivery
from agents.models import Agent
from agents.roles import OPS, SUPPORT, staff_user_create
from calls.models import Call, ExtractionRun
from tests.conftest import SEED_TRANSCRIPT
from tests.console.agent_page import action_rows, field_rows, page_data
from tests.factories import CallFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def login(role: str) -> Client:
    client = Client()
    client.force_login(staff_user_create(username=role.lower(), password="pw", role=role))
    return client


def text(response: HttpResponse) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def stored(seed_agent: Agent) -> Call:
    lines = [line.split(": ", 1) for line in SEED_TRANSCRIPT.splitlines()]
    return CallFactory(
        agent=seed_agent,
        external_id="rt-0042",
        started_at=datetime(2026, 3, 10, 11, 5, tzinfo=UTC),
        transcript=[{"role": role.lower(), "text": said} for role, said in lines],
    )


def stored_rows() -> dict[str, int]:
    return {
        "runs": ExtractionRun.objects.count(),
        "decisions": ActionRun.objects.count(),
        "deliveries": WebhookDelivery.objects.count(),
        "follow_ups": FollowUp.objects.count(),
    }


def test_support_runs_the_trial_from_the_calls_analysis(stored: Call) -> None:
    support = login(SUPPORT)
    before = stored_rows()

    analysis = support.get(reverse("admin:calls_call_analysis", args=[stored.pk]))
    response = support.post(reverse("admin:calls_call_trial", args=[stored.pk]))

    assert "Try the saved config on this call" in analysis.content.decode()
    assert response.status_code == 200
    shown = text(response)
    assert "customer_name Maria Gonzalez “Hi, my name is Maria Gonzalez.”" in shown
    assert "Follow-up call Tue 2026-03-17 10:00 +03" in shown
    assert "nothing was stored or sent" in shown
    assert stored_rows() == before


def test_the_trial_is_a_post_and_needs_the_permission(stored: Call) -> None:
    url = reverse("admin:calls_call_trial", args=[stored.pk])
    nobody = Client()
    nobody.force_login(get_user_model().objects.create_user("x", password="pw", is_staff=True))

    assert login(SUPPORT).get(url).status_code == 405
    assert nobody.post(url).status_code == 403
    assert login(OPS).post(url).status_code == 200


def test_support_on_the_agent_page_runs_the_saved_config_whatever_is_posted(
    seed_agent: Agent, stored: Call
) -> None:
    support = login(SUPPORT)
    [action] = action_rows(seed_agent)
    action["condition"] = json.dumps({"field": "interest_level", "operator": "==", "value": "low"})
    fields = field_rows(seed_agent)[:1]
    data = page_data(seed_agent, fields=fields, actions=[action], call=str(stored.pk))

    page = support.get(reverse("admin:agents_agent_change", args=[seed_agent.pk]))
    response = support.post(reverse("admin:agents_agent_try", args=[seed_agent.pk]), data)

    assert "Runs the fields and actions as saved" in page.content.decode()
    assert response.status_code == 200
    shown = text(response)
    assert "follow_up_date 2026-03-17" in shown  # the saved fields, not the one posted
    assert "would fire follow_up_required is true (== true)" in shown  # the saved condition
    assert seed_agent.actions.get().condition["field"] == "follow_up_required"


def test_support_still_cannot_change_the_config(seed_agent: Agent) -> None:
    support = login(SUPPORT)
    change_url = reverse("admin:agents_agent_change", args=[seed_agent.pk])
    fields = field_rows(seed_agent)[:1]

    response = support.post(change_url, page_data(seed_agent, fields=fields))

    assert response.status_code == 403
    assert seed_agent.fields.count() == 5
    page = support.get(change_url).content.decode()
    assert 'id="field-presets"' not in page
