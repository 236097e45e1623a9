"""The number a CRM record is found by is the customer's: the callback number they gave,
read in their country when they said it without its code, else their number on the call,
whichever way the call went."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from agents.models import Agent
from agents.services import agent_import_json
from calls.models import CallDirection
from calls.services import call_create
from tests.fakes.hubspot import TOKEN, HubSpotApi, hubspot_api

STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
AGENT_LINE = "+908501234567"
CUSTOMER = "+905551112233"
TRANSCRIPT = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!\n"
    "Agent: Shall we call you back?\nUser: Yes please, call me next Tuesday.{number}"
)


@pytest.fixture
def hubspot(settings):
    with hubspot_api() as fake:
        settings.HUBSPOT_API_BASE_URL = fake.url
        yield fake


@pytest.fixture
def agent(seed_agent: Agent, hubspot: HubSpotApi) -> Agent:
    action = {
        "type": "hubspot_contact",
        "name": "Lead to HubSpot",
        "condition": {"field": "interest_level", "operator": "==", "value": "high"},
        "config": {
            "token": TOKEN,
            "properties": {"customer_name": "firstname"},
            "phone_field": "callback_number",
        },
    }
    agent_import_json(agent=seed_agent, actions_json=json.dumps(action))
    return seed_agent


def analyse(agent: Agent, capture, *, direction: str, said_number: str = "") -> None:
    inbound = direction == CallDirection.INBOUND
    number = f"\nUser: My number is {said_number}." if said_number else ""
    with capture(execute=True):
        call_create(
            agent=agent,
            external_id=f"{direction}-{said_number or 'none'}",
            started_at=STARTED,
            ended_at=STARTED + timedelta(minutes=3),
            direction=direction,
            from_number=CUSTOMER if inbound else AGENT_LINE,
            to_number=AGENT_LINE if inbound else CUSTOMER,
            transcript=TRANSCRIPT.format(number=number),
        )


@pytest.mark.parametrize("direction", [CallDirection.INBOUND, CallDirection.OUTBOUND])
def test_without_a_callback_number_the_record_is_the_customers_on_the_call(
    agent: Agent, hubspot: HubSpotApi, django_capture_on_commit_callbacks, direction: str
) -> None:
    analyse(agent, django_capture_on_commit_callbacks, direction=direction)

    [contact] = hubspot.contacts.values()
    assert contact.properties["phone"] == CUSTOMER


def test_a_callback_number_said_without_its_country_code_is_read_in_the_customers_country(
    agent: Agent, hubspot: HubSpotApi, django_capture_on_commit_callbacks
) -> None:
    analyse(
        agent,
        django_capture_on_commit_callbacks,
        direction=CallDirection.OUTBOUND,
        said_number="0532 123 4567",
    )

    [contact] = hubspot.contacts.values()
    assert contact.properties["phone"] == "+905321234567"
