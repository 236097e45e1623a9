"""Vapi's end-of-call report, under each of Vapi's signing choices."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

import pytest
import time_machine

from calls.models import Call, CallStatus
from connectors.models import Delivery, Verdict
from tests.connectors import payloads
from tests.connectors.conftest import SECRET, STARTED
from tests.connectors.peers import encoded, vapi_body, vapi_hmac_headers

pytestmark = pytest.mark.django_db
NOW = STARTED + timedelta(minutes=5)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_an_end_of_call_report_with_the_default_hmac_becomes_an_analysed_call(
    connect, deliver
) -> None:
    connection = connect("vapi")
    body = encoded(vapi_body(payloads.vapi()))

    response = deliver(connection, body, vapi_hmac_headers(body, SECRET, NOW))

    assert response.status_code == 200
    call = Call.objects.get()
    assert call.external_id == "call_vapi_1"
    assert (call.started_at, call.ended_at) == (STARTED, STARTED + payloads.LENGTH)
    assert (call.from_number, call.to_number) == ("+905321234567", "+908501234567")
    # The system prompt is not a turn; the bot speaks for the agent.
    assert call.transcript == [
        {"role": "agent", "text": payloads.AGENT_LINE, "offset": 0.6},
        {"role": "user", "text": payloads.CUSTOMER_LINE, "offset": 4.3},
    ]
    assert call.status == CallStatus.ANALYZED
    assert call.metadata["platform_analysis"]["structuredData"] == {"interest": "high"}
    assert call.metadata["platform_details"]["ended_reason"] == "customer-ended-call"


def test_an_outbound_call_has_the_agents_number_as_caller(connect, deliver) -> None:
    connection = connect("vapi")
    document = payloads.vapi()
    document["message"]["call"]["type"] = "outboundPhoneCall"
    body = encoded(vapi_body(document))

    deliver(connection, body, vapi_hmac_headers(body, SECRET, NOW))

    call = Call.objects.get()
    assert (call.direction, call.from_number, call.to_number) == (
        "outbound",
        "+908501234567",
        "+905321234567",
    )


def test_an_hmac_credential_with_sha512_base64_a_prefix_and_its_own_headers(
    connect, deliver
) -> None:
    connection = connect(
        "vapi",
        algorithm="sha512",
        signature_encoding="base64",
        signature_prefix="sha512=",
        signature_header="X-Hub-Signature",
        timestamp_header="X-Hub-Time",
    )
    body = encoded(vapi_body(payloads.vapi()))
    headers = vapi_hmac_headers(
        body,
        SECRET,
        NOW,
        algorithm="sha512",
        encoding="base64",
        prefix="sha512=",
        signature_header="X-Hub-Signature",
        timestamp_header="X-Hub-Time",
    )

    assert deliver(connection, body, headers).status_code == 200
    assert deliver(connection, body, vapi_hmac_headers(body, SECRET, NOW)).status_code == 401


def test_an_hmac_over_the_body_alone(connect, deliver) -> None:
    connection = connect("vapi", payload_format="{body}", signature_header="x-vapi-signature")
    body = encoded(vapi_body(payloads.vapi()))
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()

    assert deliver(connection, body, {"x-vapi-signature": digest}).status_code == 200


def test_a_stale_timestamp_is_refused(connect, deliver) -> None:
    connection = connect("vapi")
    body = encoded(vapi_body(payloads.vapi()))
    stale = vapi_hmac_headers(body, SECRET, NOW - timedelta(minutes=10))

    response = deliver(connection, body, stale)

    assert response.status_code == 401
    assert "x-timestamp is 600 s away" in response.json()["error"]["message"]


def test_a_bearer_token_credential(connect, deliver) -> None:
    connection = connect("vapi", auth="bearer")
    body = encoded(vapi_body(payloads.vapi()))

    assert deliver(connection, body, {"Authorization": f"Bearer {SECRET}"}).status_code == 200
    assert deliver(connection, body, {"Authorization": "Bearer nope"}).status_code == 401
    # The token is never kept with the delivery.
    assert "authorization" not in Delivery.objects.get().headers


def test_the_legacy_x_vapi_secret_header(connect, deliver) -> None:
    connection = connect("vapi", auth="x-vapi-secret")
    body = encoded(vapi_body(payloads.vapi()))

    assert deliver(connection, body, {"X-Vapi-Secret": SECRET}).status_code == 200
    response = deliver(connection, body, {})
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Signature refused: no x-vapi-secret header."


def test_status_updates_and_transcripts_are_ignored(connect, deliver) -> None:
    connection = connect("vapi")
    for kind in ("status-update", "transcript", "conversation-update"):
        body = encoded(payloads.vapi(kind))
        assert deliver(connection, body, vapi_hmac_headers(body, SECRET, NOW)).status_code == 200

    assert set(Delivery.objects.values_list("verdict", flat=True)) == {Verdict.IGNORED}
    assert not Call.objects.exists()


def test_the_plain_transcript_is_read_when_there_are_no_messages(connect, deliver) -> None:
    connection = connect("vapi")
    document = payloads.vapi()
    del document["message"]["artifact"]["messages"]
    body = encoded(vapi_body(document))

    deliver(connection, body, vapi_hmac_headers(body, SECRET, NOW))

    assert Call.objects.get().transcript == [
        {"role": "agent", "text": payloads.AGENT_LINE},
        {"role": "user", "text": payloads.CUSTOMER_LINE},
    ]


def test_a_report_without_its_call_is_a_400_naming_it(connect, deliver) -> None:
    connection = connect("vapi")
    document = payloads.vapi()
    del document["message"]["call"]
    body = encoded(document)

    response = deliver(connection, body, vapi_hmac_headers(body, SECRET, NOW))

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"message.call.id": "is missing"}
