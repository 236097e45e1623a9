"""The connection pages ops work in: add, copy the URL, watch deliveries, replay, sample."""

from __future__ import annotations

import pytest
from django.test import Client

from agents.models import Agent
from agents.roles import SUPPORT, staff_user_create
from calls.models import Call, CallStatus
from connectors.models import Connection, Delivery, Verdict
from connectors.platforms.base import DeliveryMalformed
from connectors.platforms.bland import Bland
from connectors.selectors import active_secrets, connection_url
from tests.connectors import payloads
from tests.connectors.conftest import SECRET
from tests.connectors.peers import bland_headers, encoded

pytestmark = pytest.mark.django_db


def change_url(connection: Connection) -> str:
    return f"/admin/connectors/connection/{connection.pk}/change/"


def test_ops_add_a_connection_and_get_the_url_to_paste(
    admin_client: Client, seed_agent: Agent, settings
) -> None:
    settings.PUBLIC_BASE_URL = "https://postcall.example.com"
    response = admin_client.post(
        "/admin/connectors/connection/add/",
        {
            "agent": seed_agent.pk,
            "platform": "retell",
            "secret": "key_retell_1",
            "is_enabled": "on",
        },
        follow=True,
    )

    connection = Connection.objects.get()
    page = response.content.decode()
    assert f"https://postcall.example.com/hooks/retell/{connection.token}/" in page
    assert "Agent Level Webhook URL" in page
    assert "key_retell_1" not in page
    assert active_secrets(connection) == ["key_retell_1"]


def test_a_second_connection_to_the_same_platform_is_refused_on_the_form(
    admin_client: Client, connect, seed_agent: Agent
) -> None:
    connect("retell")

    response = admin_client.post(
        "/admin/connectors/connection/add/",
        {"agent": seed_agent.pk, "platform": "retell", "secret": "k", "is_enabled": "on"},
    )

    assert "already has a Retell AI connection" in response.content.decode()
    assert Connection.objects.count() == 1


def test_a_vapi_connection_keeps_its_signing_choices(
    admin_client: Client, seed_agent: Agent
) -> None:
    admin_client.post(
        "/admin/connectors/connection/add/",
        {
            "agent": seed_agent.pk,
            "platform": "vapi",
            "secret": "hmac-secret",
            "is_enabled": "on",
            "auth": "hmac",
            "algorithm": "sha512",
            "signature_header": "X-Signature",
            "payload_format": "{body}",
            "signature_encoding": "base64",
            "signature_prefix": "sha512=",
        },
    )

    options = Connection.objects.get().options
    assert options["algorithm"] == "sha512"
    assert options["signature_header"] == "X-Signature"
    assert (options["payload_format"], options["signature_prefix"]) == ("{body}", "sha512=")


def test_a_new_secret_rotates_and_the_page_never_shows_one(admin_client: Client, connect) -> None:
    connection = connect("bland")
    page = admin_client.get(change_url(connection)).content.decode()
    assert SECRET not in page

    admin_client.post(change_url(connection), {"secret": "the-new-one", "is_enabled": "on"})

    assert active_secrets(connection) == ["the-new-one", SECRET]
    assert "the-new-one" not in admin_client.get(change_url(connection)).content.decode()


def test_the_agent_page_lists_its_connections_with_their_urls(
    admin_client: Client, connect, seed_agent: Agent
) -> None:
    connection = connect("elevenlabs")

    page = admin_client.get(f"/admin/agents/agent/{seed_agent.pk}/change/").content.decode()

    assert "Voice platform connections" in page
    assert connection_url(connection) in page
    assert "ElevenLabs Agents" in page
    assert f"/admin/connectors/connection/add/?agent={seed_agent.pk}" in page


def test_support_staff_see_no_connection_and_no_secret(client: Client, connect, seed_agent) -> None:
    connection = connect("retell")
    client.force_login(staff_user_create(username="sue", password="pw", role=SUPPORT))

    assert client.get(change_url(connection)).status_code == 403
    page = client.get(f"/admin/agents/agent/{seed_agent.pk}/change/").content.decode()
    assert "Voice platform connections" not in page and connection.token not in page


def test_deliveries_are_listed_with_time_event_verdict_and_call(
    admin_client: Client, connect, deliver
) -> None:
    connection = connect("bland")
    body = encoded(payloads.bland())
    deliver(connection, body, bland_headers(body, SECRET))
    event = encoded({"call_id": "x", "category": "queue"})
    deliver(connection, event, bland_headers(event, SECRET))

    page = admin_client.get(change_url(connection)).content.decode()

    assert "200 Call stored" in page and "bland-call-1" in page
    assert "200 Ignored: not a finished call" in page and "&#x27;queue&#x27; is not the end" in page
    assert "+03" in page  # the agent's clock, Istanbul, named


@pytest.mark.parametrize("platform", ["retell", "vapi", "elevenlabs", "bland", "synthflow"])
def test_send_a_sample_stores_an_analysed_call(
    admin_client: Client, connect, platform: str, django_capture_on_commit_callbacks
) -> None:
    connection = connect(platform)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/connectors/connection/{connection.pk}/sample/", follow=True
        )

    assert "Sample sent: 200 — Call stored." in response.content.decode()
    delivery = Delivery.objects.get()
    assert delivery.sample and delivery.verdict == Verdict.CREATED
    call = Call.objects.get()
    assert call.status == CallStatus.ANALYZED
    assert call.latest_run.values["customer_name"] == "Maria Gonzalez"


def test_a_refused_delivery_is_replayed_once_the_mapping_is_fixed(
    admin_client: Client, connect, deliver, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    connection = connect("bland")
    body = encoded(payloads.bland())
    working = Bland.call

    def broken(self, document):
        raise DeliveryMalformed({"started_at": "is not read yet"})

    # As if the mapping had a bug when the call arrived, fixed before the replay.
    monkeypatch.setattr(Bland, "call", broken)
    assert deliver(connection, body, bland_headers(body, SECRET)).status_code == 400
    monkeypatch.setattr(Bland, "call", working)
    refused = Delivery.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/connectors/connection/{connection.pk}/deliveries/{refused.pk}/replay/",
            follow=True,
        )

    assert f"Delivery {refused.pk} replayed as" in response.content.decode()
    replay = Delivery.objects.get(replay_of=refused)
    assert replay.verdict == Verdict.CREATED
    assert replay.call.status == CallStatus.ANALYZED


def test_the_call_page_shows_the_platforms_analysis(admin_client: Client, connect, deliver) -> None:
    connection = connect("bland")
    body = encoded(payloads.bland())
    deliver(connection, body, bland_headers(body, SECRET))

    page = admin_client.get(f"/admin/calls/call/{Call.objects.get().pk}/change/").content.decode()

    assert "The customer asked for a call back next Tuesday." in page
    assert "platform_analysis" in page
