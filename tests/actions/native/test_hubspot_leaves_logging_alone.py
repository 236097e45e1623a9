"""HubSpot's SDK sets urllib3's logger to WARNING whenever it builds a client: a worker
that delivered to HubSpot once would stop logging the HTTP requests it makes afterwards
(to dialers, to webhook receivers), with their call and follow-up ids."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from actions.models import DeliveryStatus, WebhookDelivery
from agents.models import Agent
from agents.services import agent_import_json
from calls.services import call_create
from tests.fakes.hubspot import TOKEN, HubSpotApi, hubspot_api

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
HIGH = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!"
)


@pytest.fixture
def hubspot(settings) -> Iterator[HubSpotApi]:
    with hubspot_api() as fake:
        settings.HUBSPOT_API_BASE_URL = fake.url
        yield fake


@pytest.fixture
def urllib3_logs_debug() -> Iterator[logging.Logger]:
    logger = logging.getLogger("urllib3")
    before = logger.level
    logger.setLevel(logging.DEBUG)
    yield logger
    logger.setLevel(before)


@pytest.mark.django_db
def test_a_hubspot_delivery_leaves_the_http_client_logs_as_configured(
    seed_agent: Agent,
    hubspot: HubSpotApi,
    urllib3_logs_debug: logging.Logger,
    django_capture_on_commit_callbacks,
) -> None:
    action = {
        "type": "hubspot_contact",
        "name": "Lead to HubSpot",
        "config": {"token": TOKEN, "properties": {"customer_name": "firstname"}},
    }
    agent_import_json(agent=seed_agent, actions_json=json.dumps(action))

    with django_capture_on_commit_callbacks(execute=True):
        call_create(
            agent=seed_agent,
            external_id="logs",
            started_at=STARTED,
            ended_at=STARTED + timedelta(minutes=3),
            from_number="+905551112233",
            transcript=HIGH,
        )

    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED
    assert hubspot.contacts
    assert urllib3_logs_debug.level == logging.DEBUG
