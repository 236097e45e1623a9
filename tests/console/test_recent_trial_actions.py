"""Try on recent calls shows, per action, how it would be decided over the calls and the
exact request it would send for the first calls it fires on; a secret typed on the page
is neither stored with the trial nor shown, and nothing is sent."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import WebhookDelivery
from agents.models import Agent, TrialRun
from tests.console.agent_page import action_rows, page_data
from tests.factories import AnalysedCallFactory
from tests.fakes.hubspot import TOKEN, HubSpotApi, hubspot_api

pytestmark = pytest.mark.django_db

HOT = [
    {"role": "agent", "text": "Who am I speaking with?"},
    {"role": "user", "text": "My name is Maria Gonzalez."},
    {"role": "agent", "text": "Interested?"},
    {"role": "user", "text": "Yes, very interested, sign me up!"},
]
COLD = [
    {"role": "agent", "text": "Who am I speaking with?"},
    {"role": "user", "text": "This is Ahmet Yilmaz, and no, not interested."},
]


@pytest.fixture
def hubspot(settings):
    with hubspot_api() as fake:
        settings.HUBSPOT_API_BASE_URL = fake.url
        yield fake


def hubspot_row() -> dict[str, object]:
    config = {"token": TOKEN, "properties": {"customer_name": "firstname"}}
    return {
        "name": "Lead to HubSpot",
        "type": "hubspot_contact",
        "condition": json.dumps({"field": "interest_level", "operator": "==", "value": "high"}),
        "config": json.dumps(config),
        "enabled": True,
        "position": 1,
    }


def text(content: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split())


def test_each_action_shows_its_decisions_and_the_requests_it_would_send(
    admin_client: Client,
    seed_agent: Agent,
    hubspot: HubSpotApi,
    django_capture_on_commit_callbacks,
) -> None:
    hot = [AnalysedCallFactory(agent=seed_agent, transcript=HOT) for _ in range(2)]
    AnalysedCallFactory(agent=seed_agent, transcript=COLD)
    data = page_data(seed_agent, actions=[*action_rows(seed_agent), hubspot_row()])

    with django_capture_on_commit_callbacks(execute=True):
        started = admin_client.post(
            reverse("admin:agents_agent_try_recent", args=[seed_agent.pk]),
            {**data, "recent-limit": "10"},
        )
    shown = admin_client.get(started.json()["url"])

    page = text(shown.content)
    assert "Lead to HubSpot hubspot_contact would fire: 2 would be skipped: 1" in page
    for call in hot:
        assert f"{call.external_id} : Create or update the HubSpot contact with phone" in page
    assert '"firstname": "Maria Gonzalez"' in page
    assert "/crm/v3/objects/contacts/search" in page
    assert TOKEN not in shown.content.decode()
    assert TOKEN not in json.dumps(TrialRun.objects.get().actions)
    assert hubspot.requests() == []
    assert not WebhookDelivery.objects.exists()
