"""A Salesforce lead action end to end, against Salesforce's REST API on 127.0.0.1: one
record per customer however often they call and however often a delivery is retried, the
mapped fields set, the call logged once as a Task, and the access token fetched again when
Salesforce says the session expired."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from actions.credentials import credentials_of
from actions.kinds.salesforce_lead import SalesforceLead
from actions.models import ActionCredential, DeliveryStatus, WebhookDelivery
from actions.webhooks.queueing import deliveries_dispatch
from agents.kinds import KindConfigInvalid
from agents.models import Agent
from agents.services import agent_import_json
from calls.models import Call
from calls.services import call_create
from tests.fakes.http import Reply
from tests.fakes.salesforce import CLIENT_ID, CLIENT_SECRET, SalesforceApi, salesforce_api

pytestmark = pytest.mark.django_db

HIGH = (
    "Agent: Who am I speaking with?\nUser: My name is Maria Gonzalez.\n"
    "Agent: Interested?\nUser: Yes, very interested, sign me up!"
)
STARTED = datetime(2026, 3, 10, 11, 5, tzinfo=UTC)
CALLER = "+905551112233"


@pytest.fixture
def salesforce(settings, tmp_path):
    with salesforce_api(tmp_path / "ca.pem") as fake:
        settings.SALESFORCE_CA_BUNDLE = str(tmp_path / "ca.pem")
        yield fake


def salesforce_action(salesforce: SalesforceApi, **config: object) -> str:
    return json.dumps(
        {
            "type": "salesforce_lead",
            "name": "Lead to Salesforce",
            "condition": {"field": "interest_level", "operator": "==", "value": "high"},
            "config": {
                "instance_url": salesforce.url,
                "object": "Contact",
                "properties": {"customer_name": "LastName", "interest_level": "Description"},
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                **config,
            },
        }
    )


@pytest.fixture
def configure(seed_agent: Agent, salesforce: SalesforceApi):
    def apply(**config: object) -> Agent:
        agent_import_json(agent=seed_agent, actions_json=salesforce_action(salesforce, **config))
        return seed_agent

    return apply


@pytest.fixture
def analyse(django_capture_on_commit_callbacks, seed_agent: Agent):
    counter = iter(range(1, 1000))

    def run(transcript: str = HIGH) -> Call:
        with django_capture_on_commit_callbacks(execute=True):
            call, _ = call_create(
                agent=seed_agent,
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


def test_a_hot_lead_becomes_a_record_with_the_call_as_a_task(
    configure, analyse, salesforce: SalesforceApi
) -> None:
    agent = configure()
    call = analyse(HIGH)

    assert salesforce.refused == []
    [(contact_id, contact)] = salesforce.records["Contact"].items()
    assert contact == {"LastName": "Maria Gonzalez", "Description": "high", "Phone": CALLER}
    [task] = salesforce.records["Task"].values()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert task["WhoId"] == contact_id
    assert task["Postcall_Message_Id__c"] == delivery.message_id
    assert task["TaskSubtype"] == "Call"
    assert task["CallDurationInSeconds"] == 180
    assert task["ActivityDate"] == "2026-03-10"
    assert f"/admin/calls/call/{call.pk}/analysis/" in task["Description"]
    assert delivery.attempts.get().response_excerpt == (
        f"Contact {contact_id} created (no record had the number); "
        f"Task {next(iter(salesforce.records['Task']))} logged on the Contact"
    )
    action = agent.actions.get(type="salesforce_lead")
    assert credentials_of(action)["access_token"] == salesforce.tokens[-1]
    assert not {"client_id", "client_secret"} & set(action.config)


def test_a_customer_who_calls_again_keeps_one_record(
    configure, analyse, salesforce: SalesforceApi
) -> None:
    configure(external_id_field="Postcall_Phone__c")
    analyse(HIGH)
    analyse(HIGH)

    [contact] = salesforce.records["Contact"].values()
    assert contact["Postcall_Phone__c"] == CALLER
    assert len(salesforce.records["Task"]) == 2
    assert ("PATCH", "/services/data/v62.0/sobjects/Contact/Postcall_Phone__c/+905551112233") in [
        (method, path.replace("%2B", "+")) for method, path in salesforce.requests()
    ]
    assert len(salesforce.tokens) == 1


@pytest.mark.parametrize(
    ("external_id_field", "method", "path_end"),
    [
        ("", "POST", "/sobjects/Contact/"),
        ("Postcall_Phone__c", "PATCH", "%2B905551112233"),
        ("", "POST", "/sobjects/Task/"),
    ],
    ids=["record created by phone", "record upserted", "task logged"],
)
def test_an_answer_lost_after_a_write_creates_nothing_twice(
    configure,
    analyse,
    salesforce: SalesforceApi,
    django_capture_on_commit_callbacks,
    external_id_field: str,
    method: str,
    path_end: str,
) -> None:
    configure(external_id_field=external_id_field)
    salesforce.lose_answer_to(method, path_end)
    analyse(HIGH)
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING

    delivery = retry(django_capture_on_commit_callbacks)

    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert len(salesforce.records["Contact"]) == 1
    assert len(salesforce.records["Task"]) == 1


def test_an_expired_session_is_fetched_again_in_the_same_attempt(
    configure, analyse, salesforce: SalesforceApi
) -> None:
    agent = configure()
    analyse(HIGH)
    salesforce.expire_tokens()

    analyse(HIGH)

    deliveries = list(WebhookDelivery.objects.order_by("pk"))
    assert [d.status for d in deliveries] == [DeliveryStatus.SUCCEEDED] * 2
    assert len(salesforce.tokens) == 2
    assert (
        credentials_of(agent.actions.get(type="salesforce_lead"))["access_token"]
        == salesforce.tokens[-1]
    )
    assert len(salesforce.records["Task"]) == 2


def test_an_expired_session_id_fails_for_good_in_salesforces_words(
    configure, analyse, salesforce: SalesforceApi
) -> None:
    session = salesforce.session()
    configure(client_id=None, client_secret=None, session_id=session)
    salesforce.expire_tokens()

    analyse(HIGH)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code == 401
    assert delivery.last_error == (
        "Salesforce answered 401 to GET /services/data/v62.0/query/: "
        "INVALID_SESSION_ID: Session expired or invalid"
    )


def test_a_lead_without_a_company_fails_for_good_in_salesforces_words(
    configure, analyse, salesforce: SalesforceApi
) -> None:
    configure(object="Lead")

    analyse(HIGH)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    attempt = delivery.attempts.get()
    assert attempt.status_code == 400
    assert attempt.error == (
        "Salesforce answered 400 to POST /services/data/v62.0/sobjects/Lead/: "
        "REQUIRED_FIELD_MISSING: Required fields are missing: [Company]"
    )
    assert salesforce.records["Lead"] == {}


def test_wrong_client_credentials_fail_for_good(
    configure, analyse, salesforce: SalesforceApi
) -> None:
    configure(client_secret="wrong")

    analyse(HIGH)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_error == (
        "Salesforce's token endpoint answered 400: "
        '{"error": "invalid_client", "error_description": "invalid client credentials"}'
    )


def test_the_plan_shows_each_request_without_credentials(
    configure, analyse, salesforce: SalesforceApi
) -> None:
    configure()
    analyse(HIGH)

    body = WebhookDelivery.objects.get().body
    assert CLIENT_SECRET not in body and CLIENT_ID not in body
    shown = [(r["method"], r["url"].split("?")[0]) for r in json.loads(body)["requests"]]
    base = f"{salesforce.url}/services/data/v62.0"
    assert shown == [
        ("GET", f"{base}/query/"),
        ("POST", f"{base}/sobjects/Contact/"),
        ("PATCH", f"{base}/sobjects/Contact/{{id of the record found or created}}"),
        ("GET", f"{base}/query/"),
        ("POST", f"{base}/sobjects/Task/"),
    ]


def test_a_test_lead_from_the_agent_page_reaches_salesforce(
    seed_agent: Agent, salesforce: SalesforceApi
) -> None:
    fields = json.dumps([{"name": "company", "type": "string", "description": "Company"}])
    agent_import_json(
        agent=seed_agent,
        fields_json=fields,
        actions_json=salesforce_action(
            salesforce,
            object="Lead",
            properties={"customer_name": "LastName", "company": "Company"},
        ),
    )
    action = seed_agent.actions.get(type="salesforce_lead")
    specs = {row.name: row.spec() for row in seed_agent.fields.all()}

    sent = SalesforceLead.registered().test_send(action, specs)

    assert sent.result.succeeded, sent.result.error
    [lead] = salesforce.records["Lead"].values()
    assert lead["Company"] == "Sample company"
    assert not WebhookDelivery.objects.exists()
    assert ActionCredential.objects.filter(action=action, name="access_token").exists()


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        ({"instance_url": "acme"}, "config.instance_url: required: your org's My Domain URL"),
        ({"object": "Account"}, "config.object: Lead or Contact"),
        ({"external_id_field": "Phone Key"}, "config.external_id_field: 'Phone Key' is not"),
        ({"properties": {"budget": "Amount__c"}}, "config.properties: no field named 'budget'"),
        ({"phone_field": "mobile"}, "config.phone_field: field 'mobile' does not exist"),
    ],
)
def test_a_config_that_cannot_work_is_refused_naming_its_key(
    seed_agent: Agent, config: dict, problem: str
) -> None:
    specs = {row.name: row.spec() for row in seed_agent.fields.all()}

    with pytest.raises(KindConfigInvalid) as refused:
        SalesforceLead.registered().parse(
            {"instance_url": "https://acme.my.salesforce.com", **config}, specs
        )

    assert refused.value.errors[0].startswith(problem)


def test_a_request_limit_that_resets_is_retried(
    configure, analyse, salesforce: SalesforceApi, django_capture_on_commit_callbacks
) -> None:
    configure(client_id=None, client_secret=None, session_id=salesforce.session())
    salesforce.then(
        Reply(
            403,
            [{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}],
            {"Content-Type": "application/json"},
        )
    )
    analyse(HIGH)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_error == (
        "Salesforce answered 403 to GET /services/data/v62.0/query/: "
        "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded."
    )

    delivery = retry(django_capture_on_commit_callbacks)

    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert len(salesforce.records["Contact"]) == 1
