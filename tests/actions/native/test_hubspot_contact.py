"""A HubSpot contact action end to end, against HubSpot's API on 127.0.0.1: one contact per
customer however often they call and however often a delivery is retried, the mapped
properties set, and the call logged once on the contact's timeline."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from actions.kinds.hubspot_contact import HubspotContact
from actions.models import ActionCredential, DeliveryStatus, Review, WebhookDelivery
from actions.reviews import review_release
from actions.webhooks.queueing import deliveries_dispatch
from agents.kinds import KindConfigInvalid
from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call
from calls.services import call_create
from tests.fakes.http import Reply
from tests.fakes.hubspot import TOKEN, HubSpotApi, hubspot_api

pytestmark = pytest.mark.django_db

HIGH = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!"
)
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
CALLER = "+905551112233"


@pytest.fixture
def hubspot(settings):
    with hubspot_api() as fake:
        settings.HUBSPOT_API_BASE_URL = fake.url
        yield fake


def hubspot_action(properties: dict[str, str], token: str = TOKEN) -> str:
    return json.dumps(
        {
            "type": "hubspot_contact",
            "name": "Lead to HubSpot",
            "condition": {"field": "interest_level", "operator": "==", "value": "high"},
            "config": {"token": token, "properties": properties},
        }
    )


@pytest.fixture
def agent(seed_agent: Agent, hubspot: HubSpotApi) -> Agent:
    properties = {"customer_name": "firstname", "interest_level": "message"}
    agent_import_json(agent=seed_agent, actions_json=hubspot_action(properties))
    return seed_agent


@pytest.fixture
def analyse(django_capture_on_commit_callbacks, agent: Agent):
    counter = iter(range(1, 1000))

    def run(transcript: str = HIGH) -> Call:
        with django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=agent,
                external_id=f"call-{next(counter)}",
                started_at=STARTED,
                ended_at=STARTED + timedelta(minutes=3),
                from_number=CALLER,
                transcript=transcript,
            )
        return call

    return run


def retry(django_capture_on_commit_callbacks) -> WebhookDelivery:
    delivery = WebhookDelivery.objects.get()
    moment = delivery.next_attempt_at + timedelta(seconds=1)
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        deliveries_dispatch()
    delivery.refresh_from_db()
    return delivery


def test_a_hot_lead_becomes_a_contact_with_the_call_on_its_timeline(
    analyse, hubspot: HubSpotApi
) -> None:
    call = analyse(HIGH)

    assert hubspot.refused == []
    [contact] = hubspot.contacts.values()
    assert contact.properties == {
        "firstname": "Maria Gonzalez",
        "message": "high",
        "phone": CALLER,
    }
    [logged] = hubspot.calls.values()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert logged.properties["postcall_message_id"] == delivery.message_id
    assert logged.properties["hs_timestamp"] == "2026-03-10T11:05:00.000Z"
    assert logged.properties["hs_call_duration"] == "180000"
    assert logged.properties["hs_call_from_number"] == CALLER
    assert "customer_name: Maria Gonzalez" in logged.properties["hs_call_body"]
    assert f"/admin/calls/call/{call.pk}/analysis/" in logged.properties["hs_call_body"]
    assert logged.associations == [
        {
            "to": {"id": contact.id},
            "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 194}],
        }
    ]
    attempt = delivery.attempts.get()
    assert attempt.status_code == 201
    assert attempt.response_excerpt == (
        f"contact {contact.id} created (no contact had the number); "
        f"call {logged.id} logged on the contact"
    )


def test_a_customer_who_calls_again_keeps_one_contact(analyse, hubspot: HubSpotApi) -> None:
    analyse(HIGH)
    analyse(HIGH)

    assert len(hubspot.contacts) == 1
    assert len(hubspot.calls) == 2
    assert {call.associations[0]["to"]["id"] for call in hubspot.calls.values()} == set(
        hubspot.contacts
    )


@pytest.mark.parametrize("path", ["/crm/v3/objects/contacts", "/crm/v3/objects/calls"])
def test_an_answer_lost_after_a_write_creates_nothing_twice(
    analyse, hubspot: HubSpotApi, django_capture_on_commit_callbacks, path: str
) -> None:
    hubspot.lose_answer_to(path)
    analyse(HIGH)
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING

    delivery = retry(django_capture_on_commit_callbacks)

    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert len(hubspot.contacts) == 1
    assert len(hubspot.calls) == 1
    assert [a.error.startswith("no answer") for a in delivery.attempts.all()] == [True, False]


def test_a_property_the_portal_lacks_fails_for_good_in_hubspots_words(
    seed_agent: Agent, hubspot: HubSpotApi, django_capture_on_commit_callbacks
) -> None:
    properties = {"customer_name": "firstname", "interest_level": "postcall_interest"}
    agent_import_json(agent=seed_agent, actions_json=hubspot_action(properties))
    with django_capture_on_commit_callbacks(execute=True):
        call_create(
            agent=seed_agent,
            external_id="c-1",
            started_at=STARTED,
            from_number=CALLER,
            transcript=HIGH,
        )

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    attempt = delivery.attempts.get()
    assert attempt.status_code == 400
    assert attempt.url == f"{hubspot.url}/crm/v3/objects/contacts"
    assert attempt.error.startswith(
        "HubSpot answered 400 to POST /crm/v3/objects/contacts: VALIDATION_ERROR: "
        "Property values were not valid: "
    )
    assert 'PROPERTY_DOESNT_EXIST: Property "postcall_interest" does not exist' in attempt.error
    assert hubspot.contacts == {}


def test_a_rate_limit_waits_as_hubspot_asks(
    analyse, hubspot: HubSpotApi, django_capture_on_commit_callbacks
) -> None:
    hubspot.then(
        Reply(
            429,
            {
                "status": "error",
                "message": "You have reached your secondly limit.",
                "errorType": "RATE_LIMIT",
                "correlationId": "c0ffee",
                "policyName": "SECONDLY",
            },
            {"Retry-After": "30", "Content-Type": "application/json"},
        )
    )
    analyse(HIGH)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_error == (
        "HubSpot answered 429 to POST /crm/v3/objects/contacts/search: RATE_LIMIT: "
        "You have reached your secondly limit."
    )
    assert delivery.next_attempt_at - timezone.now() > timedelta(seconds=29)

    delivery = retry(django_capture_on_commit_callbacks)

    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert len(hubspot.contacts) == 1


def test_a_revoked_token_fails_for_good(
    seed_agent: Agent, hubspot: HubSpotApi, django_capture_on_commit_callbacks
) -> None:
    agent_import_json(
        agent=seed_agent,
        actions_json=hubspot_action({}, token="pat-na1-11111111-2222-3333-4444-555555555555"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_create(
            agent=seed_agent,
            external_id="c-1",
            started_at=STARTED,
            from_number=CALLER,
            transcript=HIGH,
        )

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code == 401
    assert "INVALID_AUTHENTICATION: Authentication credentials not found." in delivery.last_error


def test_an_action_without_a_token_says_where_to_paste_it(
    agent: Agent, analyse, hubspot: HubSpotApi
) -> None:
    ActionCredential.objects.all().delete()

    analyse(HIGH)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_error == (
        "not sent: no token is stored "
        "(paste the private app's access token into the action and save)"
    )
    assert hubspot.requests() == []


def test_the_token_is_kept_apart_and_the_plan_shows_no_secret(
    agent: Agent, analyse, hubspot: HubSpotApi
) -> None:
    analyse(HIGH)

    action = agent.actions.get(type="hubspot_contact")
    assert "token" not in action.config
    assert ActionCredential.objects.get(action=action).value == TOKEN
    delivery = WebhookDelivery.objects.get()
    assert TOKEN not in delivery.body
    shown = json.loads(delivery.body)["requests"]
    assert [(r["method"], r["url"].removeprefix(hubspot.url)) for r in shown] == [
        ("POST", "/crm/v3/objects/contacts/search"),
        ("POST", "/crm/v3/objects/contacts"),
        ("PATCH", "/crm/v3/objects/contacts/{id of the contact found or created}"),
        ("POST", "/crm/v3/objects/calls/search"),
        ("POST", "/crm/v3/objects/calls"),
    ]
    assert shown[1]["body"] == {
        "properties": {"firstname": "Maria Gonzalez", "message": "high", "phone": CALLER}
    }


def test_a_test_record_from_the_agent_page_is_upserted_by_email(
    seed_agent: Agent, hubspot: HubSpotApi
) -> None:
    fields = json.dumps(
        [{"name": "email", "type": "string", "format": "email", "description": "Email"}]
    )
    action = json.dumps(
        {
            "type": "hubspot_contact",
            "name": "Lead to HubSpot",
            "config": {"properties": {"customer_name": "lastname"}, "email_field": "email"},
        }
    )
    agent_import_json(agent=seed_agent, fields_json=fields, actions_json=action)
    stored = seed_agent.actions.get(type="hubspot_contact")
    stored.config = {**stored.config, "token": TOKEN}
    specs = {row.name: row.spec() for row in seed_agent.fields.all()}

    first = HubspotContact.registered().test_send(stored, specs)
    second = HubspotContact.registered().test_send(stored, specs)

    assert first.result.succeeded, first.result.error
    assert second.result.succeeded, second.result.error
    assert hubspot.refused == []
    [contact] = hubspot.contacts.values()
    assert contact.properties["email"] == "jane.doe@example.com"
    assert contact.properties["lastname"] == "Sample customer name"
    assert [path for _, path in hubspot.requests()].count(
        "/crm/v3/objects/contacts/batch/upsert"
    ) == 2
    assert len(hubspot.calls) == 2
    assert not WebhookDelivery.objects.exists()
    assert not ActionCredential.objects.exists()


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        ({"token": "abc"}, "config.token: a private app's access token starts with pat-"),
        ({"properties": {"budget": "amount"}}, "config.properties: no field named 'budget'"),
        (
            {"properties": {"customer_name": "First Name"}},
            "config.properties: 'First Name' is not a HubSpot property name",
        ),
        ({"email_field": "mail"}, "config.email_field: field 'mail' does not exist"),
        ({"log_call": "yes"}, "config.log_call: true or false"),
    ],
)
def test_a_config_that_cannot_work_is_refused_naming_its_key(
    seed_agent: Agent, config: dict, problem: str
) -> None:
    specs = {row.name: row.spec() for row in seed_agent.fields.all()}

    with pytest.raises(KindConfigInvalid) as refused:
        HubspotContact.registered().parse(config, specs)

    assert refused.value.errors[0].startswith(problem)


def test_a_held_action_sends_the_values_a_person_corrected(
    seed_agent: Agent, hubspot: HubSpotApi, django_capture_on_commit_callbacks
) -> None:
    action = json.loads(hubspot_action({"customer_name": "firstname"}))
    agent_import_json(agent=seed_agent, actions_json=json.dumps({**action, "review": "always"}))
    with django_capture_on_commit_callbacks(execute=True):
        call, _ = call_create(
            agent=seed_agent,
            external_id="c-1",
            started_at=STARTED,
            from_number=CALLER,
            transcript=HIGH,
        )
    assert hubspot.requests() == []
    held = Review.objects.get(call=call)

    with django_capture_on_commit_callbacks(execute=True):
        review_release(
            review=held, by="sam", values={**held.extraction_run.values, "customer_name": "María"}
        )

    [contact] = hubspot.contacts.values()
    assert contact.properties["firstname"] == "María"
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED
